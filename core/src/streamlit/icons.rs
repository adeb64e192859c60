//! Emoji and Material icons: the leading emoji of a page file name (P-3) and icon
//! validation (G-6).
//!
//! Both catalogs are Streamlit 1.67.0's, embedded as sorted, newline-separated UTF-8 text
//! (`data/emojis.txt`: one emoji per line, sorted by bytes, generated from the shared
//! `conformance/streamlit/data/emojis.txt`; `data/material_icons.txt`: the accepted Material
//! Symbols names) and searched by binary search, so no table is built at run time.

use alloc::string::String;

use super::error::PageError;
use super::text::{is_py_space, sorted_lines_contain, strip_ws};

static EMOJIS: &str = include_str!("data/emojis.txt");
static MATERIAL_ICONS: &str = include_str!("data/material_icons.txt");

/// The most code points in one catalog emoji.
const EMOJI_MAX_CHARS: usize = 10;
const VS16: char = '\u{fe0f}';

/// Whether `s` is exactly one emoji of the catalog, as written (variation selectors count).
fn in_catalog(s: &str) -> bool {
    sorted_lines_contain(EMOJIS, s)
}

/// Whether `name` is an accepted Material Symbols name (`home`, `thumb_up`, ...).
pub fn is_material_icon_name(name: &str) -> bool {
    sorted_lines_contain(MATERIAL_ICONS, name)
}

/// Whether `text` is exactly one catalog emoji, variation selector 16 ignored (G-6).
///
/// ```
/// use folio_core::streamlit::is_emoji;
/// assert!(is_emoji("🔥"));
/// assert!(is_emoji("❤️"));
/// assert!(!is_emoji("🔥🔥"));
/// assert!(!is_emoji("abc"));
/// ```
pub fn is_emoji(text: &str) -> bool {
    if text.is_empty() || text.is_ascii() {
        return false;
    }
    if text.contains(VS16) {
        let stripped: String = text.chars().filter(|&c| c != VS16).collect();
        in_catalog(&stripped)
    } else {
        in_catalog(text)
    }
}

/// P-3 step 3: splits the longest catalog emoji off the front of `text` and drops the run
/// of `_`, space and `-` after it. Returns `(emoji, rest)`; the emoji is `""` when `text`
/// does not start with one (ASCII text never does).
///
/// ```
/// use folio_core::streamlit::split_leading_emoji;
/// assert_eq!(split_leading_emoji("📈_Plotting"), ("📈", "Plotting"));
/// assert_eq!(split_leading_emoji("✅✅_double"), ("✅", "✅_double"));
/// assert_eq!(split_leading_emoji("Plot_📈"), ("", "Plot_📈"));
/// ```
pub fn split_leading_emoji(text: &str) -> (&str, &str) {
    if text.is_ascii() {
        return ("", text);
    }
    // Byte offsets just after each of the first EMOJI_MAX_CHARS characters.
    let ends = text
        .char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain(core::iter::once(text.len()))
        .take(EMOJI_MAX_CHARS);
    let mut best = None;
    for end in ends {
        if in_catalog(&text[..end]) {
            best = Some(end);
        }
    }
    match best {
        Some(end) => {
            let rest = text[end..].trim_start_matches(['_', ' ', '-']);
            (&text[..end], rest)
        }
        None => ("", text),
    }
}

/// Validates and normalises an explicit icon (G-6): `""` (after stripping) means no icon,
/// `"spinner"`, `:material/<name>:` with a known name, or exactly one catalog emoji.
///
/// ```
/// use folio_core::streamlit::validate_icon;
/// assert_eq!(validate_icon(" :material/home: ").unwrap(), ":material/home:");
/// assert_eq!(validate_icon("🔥").unwrap(), "🔥");
/// assert_eq!(validate_icon("abc").unwrap_err().kind(), "invalid_icon");
/// assert_eq!(validate_icon(":smile:").unwrap_err().kind(), "invalid_emoji_shortcode");
/// ```
pub fn validate_icon(icon: &str) -> Result<String, PageError> {
    let icon = strip_ws(icon);
    if icon.is_empty() {
        return Ok(String::new());
    }
    if icon == "spinner" {
        return Ok(String::from("spinner"));
    }
    if icon.starts_with(':') {
        let head = icon.get(..9).unwrap_or("");
        if head.eq_ignore_ascii_case(":material") {
            return material_icon(icon).ok_or(PageError::InvalidMaterialIcon);
        }
        if is_shortcode(icon) {
            return Err(PageError::InvalidEmojiShortcode);
        }
    }
    let head5 = icon.get(..5).unwrap_or("");
    if icon.contains("://") || icon.starts_with("//") || starts_with_data(icon, head5) {
        return Err(PageError::InvalidImageIcon);
    }
    if icon.is_ascii() {
        return Err(PageError::InvalidIcon);
    }
    if !is_emoji(icon) {
        return Err(PageError::InvalidEmoji);
    }
    Ok(String::from(icon))
}

/// `icon[:5].lower() == "data:"` (Python slices characters; `data:` is ASCII, so a
/// non-ASCII prefix never matches).
fn starts_with_data(icon: &str, head5: &str) -> bool {
    !head5.is_empty() && icon.is_char_boundary(5) && head5.eq_ignore_ascii_case("data:")
}

/// `:[a-zA-Z0-9_+-]+:`, the whole string.
fn is_shortcode(icon: &str) -> bool {
    icon.len() >= 3
        && icon.ends_with(':')
        && icon[1..icon.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-'))
}

/// `\s*:(.+)/(.+):\s*` with group 1 `material` and group 2 a known name, normalised.
fn material_icon(icon: &str) -> Option<String> {
    let rest = icon.strip_prefix(":material/")?;
    let colon = rest.rfind(':')?;
    if !rest[colon + 1..].chars().all(is_py_space) {
        return None;
    }
    let name = &rest[..colon];
    if name.is_empty() || name.contains('/') || !is_material_icon_name(name) {
        return None;
    }
    let mut out = String::with_capacity(name.len() + 11);
    out.push_str(":material/");
    out.push_str(name);
    out.push(':');
    Some(out)
}

/// How an icon is sent to the navigation menu (N-7): `emoji:<e>` for an emoji, Material and
/// spinner icons verbatim, `""` for none.
///
/// ```
/// use folio_core::streamlit::icon_wire;
/// assert_eq!(icon_wire("🐝"), "emoji:🐝");
/// assert_eq!(icon_wire(":material/home:"), ":material/home:");
/// ```
pub fn icon_wire(icon: &str) -> String {
    if is_emoji(icon) {
        let mut out = String::from("emoji:");
        out.push_str(icon);
        out
    } else {
        String::from(icon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_lookups() {
        assert!(in_catalog("👨\u{200d}👩\u{200d}👧"));
        assert!(in_catalog("🇺🇸"));
        assert!(in_catalog("#\u{fe0f}\u{20e3}"));
        assert!(!in_catalog("a"));
        assert!(is_material_icon_name("thumb_up"));
        assert!(!is_material_icon_name("not_a_real_icon_xyz"));
        let max = EMOJIS.lines().map(|l| l.chars().count()).max();
        assert_eq!(max, Some(EMOJI_MAX_CHARS));
        assert!(
            EMOJIS
                .lines()
                .zip(EMOJIS.lines().skip(1))
                .all(|(a, b)| a < b)
        );
        let m = MATERIAL_ICONS;
        assert!(m.lines().zip(m.lines().skip(1)).all(|(a, b)| a < b));
    }

    #[test]
    fn leading() {
        assert_eq!(split_leading_emoji("👍🏽 x"), ("👍🏽", "x"));
        assert_eq!(split_leading_emoji("❤️_Love"), ("❤️", "Love"));
        assert_eq!(split_leading_emoji("📈"), ("📈", ""));
    }

    #[test]
    fn icons() {
        assert_eq!(
            validate_icon(":material/nope:"),
            Err(PageError::InvalidMaterialIcon)
        );
        assert_eq!(
            validate_icon(":Material/home:"),
            Err(PageError::InvalidMaterialIcon)
        );
        assert_eq!(
            validate_icon("https://x/y.png"),
            Err(PageError::InvalidImageIcon)
        );
        assert_eq!(validate_icon("DATA:xx"), Err(PageError::InvalidImageIcon));
        assert_eq!(validate_icon("🔥🔥"), Err(PageError::InvalidEmoji));
        assert_eq!(validate_icon(""), Ok(String::new()));
    }
}

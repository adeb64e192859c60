//! Page paths and names inferred from module paths (SEMANTICS §3–4, POLICY D8).

use alloc::string::String;
use alloc::vec::Vec;

use crate::case::{capitalize, lowercase};
use crate::error::{Inferred, ModuleError};

/// How a page's URL path and display name follow from its module path.
///
/// [`DashNaming`] is Dash's scheme (the default); another scheme plugs in through
/// [`RegistryBuilder::naming`](crate::RegistryBuilder::naming) without touching the matcher.
/// An error fails the registry build ([`BuildError::Module`](crate::BuildError::Module)).
pub trait Naming: Send + Sync {
    /// Checks a module path before anything else is done with it.
    fn check(&self, module: &str) -> Result<(), ModuleError>;
    /// The URL path of a page registered without `path` or `path_template`.
    fn path(&self, module: &str, pages_folder: Option<&str>) -> Result<String, ModuleError>;
    /// The display name of a page registered without `name`.
    fn name(&self, module: &str) -> Result<String, ModuleError>;
    /// [`name`](Self::name) written at the end of `out` (a registry makes each page's
    /// texts in one buffer); nothing is written on error.
    fn write_name(&self, module: &str, out: &mut String) -> Result<(), ModuleError> {
        out.push_str(&self.name(module)?);
        Ok(())
    }
}

/// Dash's naming, with POLICY D8: `pages.weekly_analytics` (or Rust's
/// `crate::pages::weekly_analytics`) is the page `/weekly-analytics` named
/// `Weekly analytics`.
///
/// Case mapping is Python's `str.lower()` / `str.capitalize()`, full Unicode, with the
/// default feature `unicode-case`. Without it only ASCII is mapped, and a name or path whose
/// inference meets a non-ASCII character is an error ([`ModuleError::NeedsUnicodeCase`])
/// rather than a name the servers would not give.
///
/// ```
/// use folio_core::{DashNaming, Naming};
/// let naming = DashNaming;
/// let path = naming.path("app::pages::weekly_analytics", Some("pages"));
/// assert_eq!(path.as_deref(), Ok("/weekly-analytics"));
/// let path = naming.path("pages.reports.summary_2020", Some("pages"));
/// assert_eq!(path.as_deref(), Ok("/reports/summary-2020"));
/// assert_eq!(naming.name("pages.weekly_analytics").as_deref(), Ok("Weekly analytics"));
/// assert!(naming.check("pages..x").is_err());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct DashNaming;

impl Naming for DashNaming {
    fn check(&self, module: &str) -> Result<(), ModuleError> {
        if has_empty_component(module) {
            return Err(ModuleError::EmptyComponent);
        }
        if module == "__main__" {
            return Err(ModuleError::Main);
        }
        Ok(())
    }

    fn path(&self, module: &str, pages_folder: Option<&str>) -> Result<String, ModuleError> {
        let components: Vec<&str> = module_components(module).collect();
        let after_folder = pages_folder
            .filter(|f| !f.is_empty())
            .and_then(|f| components.iter().position(|c| c == &f))
            .map_or(0, |i| i + 1);
        let joined = components[after_folder..].join("/").replace('_', "-");
        let mut path = String::with_capacity(joined.len() + 1);
        if !joined.starts_with('/') {
            path.push('/');
        }
        path.push_str(
            &lowercase(&joined).map_err(|character| ModuleError::NeedsUnicodeCase {
                inferred: Inferred::Path,
                character,
            })?,
        );
        Ok(path)
    }

    // (As `name`, without a `String` of its own for most names. Browser bundles, which
    // count bytes and build few pages, keep the provided method.)
    #[cfg(not(target_arch = "wasm32"))]
    fn write_name(&self, module: &str, out: &mut String) -> Result<(), ModuleError> {
        if let Some(last) = plain_last_component(module) {
            let start = out.len();
            out.push_str(last);
            out[start..start + 1].make_ascii_uppercase();
            return Ok(());
        }
        out.push_str(&self.name(module)?);
        Ok(())
    }

    fn name(&self, module: &str) -> Result<String, ModuleError> {
        // Lower-case letters and digits (most names): only the first byte changes. (Not
        // in browser bundles, which count bytes and build few pages.)
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(last) = plain_last_component(module) {
            let mut name = String::from(last);
            name[..1].make_ascii_uppercase();
            return Ok(name);
        }
        let last = last_component(module);
        if last.is_ascii() {
            // Python's `capitalize` on ASCII: the first letter upper-cased, the rest
            // lower-cased, mapped in place after one copy (every page needs its name);
            // `_` is a space.
            let mut name = String::from(last);
            name.make_ascii_lowercase();
            if let Some(first) = name.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            if name.contains('_') {
                name = name.replace('_', " ");
            }
            return Ok(name);
        }
        capitalize(&last.replace('_', " ")).map_err(|character| ModuleError::NeedsUnicodeCase {
            inferred: Inferred::Name,
            character,
        })
    }
}

/// The components of a module path: split at `.` (Python) and `::` (Rust's
/// `module_path!()`).
///
/// ```
/// use folio_core::module_components;
/// let parts: Vec<_> = module_components("app::pages.x").collect();
/// assert_eq!(parts, ["app", "pages", "x"]);
/// ```
pub fn module_components(module: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(module);
    core::iter::from_fn(move || {
        let text = rest?;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'.' {
                rest = Some(&text[i + 1..]);
                return Some(&text[..i]);
            }
            if bytes[i] == b':' && bytes.get(i + 1) == Some(&b':') {
                rest = Some(&text[i + 2..]);
                return Some(&text[..i]);
            }
            i += 1;
        }
        rest = None;
        Some(text)
    })
}

/// `module_components(module).any(str::is_empty)`.
fn has_empty_component(module: &str) -> bool {
    last_component_start(module).is_none()
}

/// Where the last component of `module` starts, or `None` when a component is empty, in
/// one pass that jumps from one `.` or `:` to the next.
fn last_component_start(module: &str) -> Option<usize> {
    let bytes = module.as_bytes();
    // Where the current component starts.
    let mut start = 0;
    let mut i = 0;
    loop {
        i = next_separator(bytes, i);
        let width = match bytes.get(i) {
            None => break,
            Some(b'.') => 1,
            Some(_) if bytes.get(i + 1) == Some(&b':') => 2,
            // A lone `:` is part of a component.
            Some(_) => {
                i += 1;
                continue;
            }
        };
        if i == start {
            return None;
        }
        i += width;
        start = i;
    }
    // The last component (the whole of an empty module).
    (start < bytes.len()).then_some(start)
}

/// [`DashNaming::check`], also saying where the module's last component starts, for
/// [`write_dash_name`]: a registry with Dash's naming reads the module once for both (and
/// calls neither through `dyn Naming`).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn check_dash(module: &str) -> Result<usize, ModuleError> {
    let last = last_component_start(module).ok_or(ModuleError::EmptyComponent)?;
    if module == "__main__" {
        return Err(ModuleError::Main);
    }
    Ok(last)
}

/// [`DashNaming::write_name`] for a module whose last component starts at `last`
/// ([`check_dash`]).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn write_dash_name(
    module: &str,
    last: usize,
    out: &mut String,
) -> Result<(), ModuleError> {
    // Lower-case letters and digits (most names): only the first byte changes.
    if let Some(component) = module.get(last..).filter(|c| is_plain(c)) {
        let start = out.len();
        out.push_str(component);
        out[start..start + 1].make_ascii_uppercase();
        return Ok(());
    }
    DashNaming.write_name(module, out)
}

/// Browser bundles never take this way (see `Context::dash_naming`).
#[cfg(target_arch = "wasm32")]
pub(crate) fn check_dash(module: &str) -> Result<usize, ModuleError> {
    DashNaming.check(module).map(|()| 0)
}

/// Browser bundles never take this way (see `Context::dash_naming`).
#[cfg(target_arch = "wasm32")]
pub(crate) fn write_dash_name(
    module: &str,
    _last: usize,
    out: &mut String,
) -> Result<(), ModuleError> {
    DashNaming.write_name(module, out)
}

/// The last component of a module path (POLICY C3): used for the name, image inference and
/// the `not_found_404` test.
///
/// ```
/// use folio_core::last_component;
/// assert_eq!(last_component("app::pages.weekly_analytics"), "weekly_analytics");
/// assert_eq!(last_component("a:::b"), ":b"); // `::` is taken first, from the left
/// ```
pub fn last_component(module: &str) -> &str {
    // The text after the last separator, found as the split finds them (`::` pairs taken
    // from the left), jumping from one `.` or `:` to the next.
    let bytes = module.as_bytes();
    let mut start = 0;
    let mut i = 0;
    loop {
        i = next_separator(bytes, i);
        match bytes.get(i) {
            None => break,
            Some(b'.') => i += 1,
            Some(_) if bytes.get(i + 1) == Some(&b':') => i += 2,
            Some(_) => {
                i += 1;
                continue;
            }
        }
        start = i;
    }
    module.get(start..).unwrap_or("")
}

/// A lower-case ASCII letter or digit: one load a byte from a table of every byte.
#[cfg(not(target_arch = "wasm32"))]
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'a'..=b'z' | b'0'..=b'9');
        b += 1;
    }
    table
};

/// A component of lower-case ASCII letters and digits only, not empty (most modules'
/// last): its name is itself with its first byte raised.
#[cfg(not(target_arch = "wasm32"))]
fn is_plain(component: &str) -> bool {
    !component.is_empty() && component.bytes().all(|b| PLAIN[usize::from(b)])
}

/// [`last_component`] when it is not empty and holds only lower-case ASCII letters and
/// digits (most modules' last component), else `None`: read from the end, over that
/// component and the separator before it only.
#[cfg(not(target_arch = "wasm32"))]
fn plain_last_component(module: &str) -> Option<&str> {
    let bytes = module.as_bytes();
    let mut start = bytes.len();
    while start > 0 && PLAIN[usize::from(bytes[start - 1])] {
        start -= 1;
    }
    if start == bytes.len() {
        return None;
    }
    let component = module.get(start..)?;
    match bytes[..start].last() {
        None | Some(b'.') => Some(component),
        // `::` pairs are taken from the left of a run of `:`: its last `:` ends a pair
        // (a separator) when the run is even, else it starts the component.
        Some(b':') => {
            let run = bytes[..start]
                .iter()
                .rev()
                .take_while(|&&b| b == b':')
                .count();
            (run % 2 == 0).then_some(component)
        }
        Some(_) => None,
    }
}

/// The first `.` or `:` of `bytes[from..]` (or the length), eight bytes at a time:
/// modules are short and have few separators.
#[cfg(not(target_arch = "wasm32"))]
#[inline]
fn next_separator(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Marks the bytes of `w` equal to `b` with their high bit. A borrow can only mark a
    // byte *after* a true match, so the lowest mark is exact.
    let marks = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let word = |at: usize| {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(bytes.get(at..at + 8).unwrap_or(&[0; 8]));
        u64::from_le_bytes(eight)
    };
    let mut i = from;
    while i + 8 <= bytes.len() {
        let w = word(i);
        let m = marks(w, b'.') | marks(w, b':');
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    if i >= bytes.len() {
        return bytes.len();
    }
    match bytes.len().checked_sub(8) {
        // The last eight bytes, those before `i` made 0xFF: they match neither byte, and
        // cannot borrow, so they mark nothing.
        Some(last) => {
            let w = word(last) | ((1u64 << ((i - last) * 8)) - 1);
            let m = marks(w, b'.') | marks(w, b':');
            match m {
                0 => bytes.len(),
                m => last + (m.trailing_zeros() / 8) as usize,
            }
        }
        None => next_separator_bytewise(bytes, i),
    }
}

/// [`next_separator`] a byte at a time: short modules, and browser bundles, which count
/// bytes and build few pages.
fn next_separator_bytewise(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() && !matches!(bytes[i], b'.' | b':') {
        i += 1;
    }
    i
}

#[cfg(target_arch = "wasm32")]
use next_separator_bytewise as next_separator;

/// The last path component of a pages folder (`src/pages` and `pages/` give `pages`), or
/// `None` for no folder.
pub(crate) fn folder_basename(folder: &str) -> Option<&str> {
    folder
        .split(['/', '\\'])
        .rfind(|p| !p.is_empty() && *p != ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Calls `check` with every text of `lengths` characters over `alphabet`.
    fn every_text(
        alphabet: &[char],
        lengths: core::ops::RangeInclusive<u32>,
        mut check: impl FnMut(&str),
    ) {
        let mut text = String::new();
        for len in lengths {
            for mut n in 0..alphabet.len().pow(len) {
                text.clear();
                for _ in 0..len {
                    text.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                check(&text);
            }
        }
    }

    /// Every text of up to 7 characters over `a . : é` (21,845 texts).
    fn every_short_text(check: impl FnMut(&str)) {
        every_text(&['a', '.', ':', 'é'], 0..=7, check);
    }

    #[test]
    fn last_component_is_the_last_of_the_components() {
        // Against the forward split.
        every_short_text(|text| {
            let want = module_components(text).last().unwrap_or(text);
            assert_eq!(last_component(text), want, "{text:?}");
        });
    }

    #[test]
    fn an_empty_component_is_found_as_the_split_finds_it() {
        // Against the forward split.
        every_short_text(|text| {
            let want = module_components(text).any(str::is_empty);
            assert_eq!(has_empty_component(text), want, "{text:?}");
        });
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_plain_last_component_is_the_last_of_the_components() {
        // Against the forward split, over every short text of separators, plain bytes
        // and bytes that are not plain.
        every_text(&['a', '.', ':', '1', 'B', '_', 'é'], 0..=6, |text| {
            let last = module_components(text).last().unwrap_or(text);
            let plain = !last.is_empty()
                && last
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
            assert_eq!(
                plain_last_component(text),
                plain.then_some(last),
                "{text:?}"
            );
        });
    }

    #[test]
    fn the_dash_check_and_name_in_one_pass_agree_with_the_trait() {
        // `check_dash` and `write_dash_name`, the registry's way, against `check` and
        // `name` over every short text of separators, plain bytes and bytes that are not.
        every_text(&['a', '.', ':', '1', 'B', '_', 'é'], 0..=6, |text| {
            let checked = check_dash(text);
            assert_eq!(checked.is_ok(), DashNaming.check(text).is_ok(), "{text:?}");
            let Ok(last) = checked else { return };
            assert_eq!(&text[last..], last_component(text), "{text:?}");
            let mut out = String::from("x");
            let written = write_dash_name(text, last, &mut out);
            match DashNaming.name(text) {
                Ok(name) => assert_eq!((written, &out[1..]), (Ok(()), &*name), "{text:?}"),
                Err(error) => assert_eq!((written, &*out), (Err(error), "x"), "{text:?}"),
            }
        });
        assert_eq!(check_dash("__main__"), Err(ModuleError::Main));
        assert_eq!(check_dash("app::pages.x"), Ok(11));
    }

    #[test]
    fn a_name_is_the_last_component_capitalized() {
        // Python's `capitalize` on ASCII, `_` a space, against names of every kind of byte
        // (the names of only lower-case letters and digits take a shorter way).
        every_text(&['a', 'Z', '_', '1', 'q'], 1..=5, |text| {
            let mut want = text.to_ascii_lowercase().replace('_', " ");
            want[..1].make_ascii_uppercase();
            let module = alloc::format!("app::pages.{text}");
            assert_eq!(DashNaming.name(&module).unwrap(), want, "{module:?}");
        });
        assert_eq!(DashNaming.name("bench::r12").unwrap(), "R12");
    }

    #[test]
    fn d8_first_whole_component() {
        let n = DashNaming;
        let path = |module, folder| n.path(module, folder).unwrap();
        assert_eq!(path("pages.my_pages_list", Some("pages")), "/my-pages-list");
        assert_eq!(path("mypages.x", Some("pages")), "/mypages/x");
        assert_eq!(path("pages.sub.pages.x", Some("pages")), "/sub/pages/x");
        assert_eq!(path("pages", Some("pages")), "/");
        assert_eq!(
            path("pages.weekly_analytics", None),
            "/pages/weekly-analytics"
        );
        assert_eq!(path("pages.Mixed_Case", None), "/pages/mixed-case");
        assert_eq!(n.name("pages.http_STATUS").unwrap(), "Http status");
    }

    #[cfg(feature = "unicode-case")]
    #[test]
    fn unicode_case_maps_every_character() {
        let n = DashNaming;
        assert_eq!(n.path("pages.ΑΣ", Some("pages")).unwrap(), "/ας");
        assert_eq!(n.name("pages.ǆemal_ΑΣ").unwrap(), "ǅemal ας");
    }

    /// Without `unicode-case`, a non-ASCII character in an inferred name or path fails the
    /// build with an error saying how to fix it, never a name the servers would not give.
    #[cfg(not(feature = "unicode-case"))]
    #[test]
    fn ascii_case_refuses_to_infer_from_non_ascii() {
        use crate::{BuildError, Config, PageSpec, RegistryBuilder};
        use alloc::string::ToString;

        let n = DashNaming;
        let refused = |inferred, character| {
            Err(ModuleError::NeedsUnicodeCase {
                inferred,
                character,
            })
        };
        assert_eq!(
            n.path("pages.ΑΣ", Some("pages")),
            refused(Inferred::Path, 'Α')
        );
        assert_eq!(n.name("pages.café"), refused(Inferred::Name, 'é'));
        // Only the inferred part counts: the folder before it may be anything.
        assert_eq!(n.path("pagés.x", Some("pagés")).unwrap(), "/x");

        let build = |spec: PageSpec<'_, ()>| {
            let mut pages = RegistryBuilder::new(Config::new());
            pages.page(spec.layout(()));
            pages.build()
        };
        let error = build(PageSpec::new("pages.ΑΣ")).unwrap_err();
        assert_eq!(error.kind(), "needs_unicode_case");
        assert_eq!(
            error.to_string(),
            "module `pages.ΑΣ`: its inferred path holds 'Α' (U+0391), which needs Unicode case \
             mapping: enable folio-core's `unicode-case` feature, or give the page a path"
        );
        let error = build(PageSpec::new("pages.ΑΣ").path("/as")).unwrap_err();
        assert!(matches!(
            error,
            BuildError::Module {
                error: ModuleError::NeedsUnicodeCase {
                    inferred: Inferred::Name,
                    character: 'Α'
                },
                ..
            }
        ));
        // Given explicitly, nothing is inferred and the page builds as the servers build it.
        let registry = build(PageSpec::new("pages.ΑΣ").path("/ας").name("Ας")).unwrap();
        let page = registry.page("pages.ΑΣ").unwrap();
        assert_eq!((page.path(), page.name()), ("/ας", "Ας"));
        assert_eq!(page.title().render(&[]), "Ας");
    }

    #[test]
    fn components_split_on_dot_and_double_colon() {
        let v: Vec<_> = module_components("a:::b..c").collect();
        assert_eq!(v, ["a", ":b", "", "c"]);
        assert_eq!(module_components("").count(), 1);
        assert_eq!(last_component("x::y::not_found_404"), "not_found_404");
    }

    #[test]
    fn folder_basename_is_last_component() {
        assert_eq!(folder_basename("src/pages"), Some("pages"));
        assert_eq!(folder_basename("pages/"), Some("pages"));
        assert_eq!(folder_basename(""), None);
    }
}

//! Page names: from file names (P-1..P-4), from Rust function paths (S5), from external
//! page titles (G-5), and the URL-safety rules every url path obeys (S5).

use alloc::string::String;
use core::cmp::Ordering;

use super::error::PageError;
use super::icons::split_leading_emoji;
use super::text::strip_ws;

/// The P-1 match of a page file name: `([0-9]*)[_ -]*(.*)\.py`, searched as Python's
/// `re.search` does (`.` does not match a newline).
struct FileNameMatch<'a> {
    digits: &'a str,
    label: &'a str,
}

fn match_file_name(file_name: &str) -> Option<FileNameMatch<'_>> {
    // The first match starts at the beginning of the first line that contains ".py"; the
    // greedy `(.*)` then ends at the last ".py" of that line.
    for line in file_name.split('\n') {
        if let Some(py) = line.rfind(".py") {
            let digits_len = line.bytes().take_while(u8::is_ascii_digit).count();
            let digits = &line[..digits_len];
            let after = &line[digits_len..py];
            let label = after.trim_start_matches(['_', ' ', '-']);
            return Some(FileNameMatch { digits, label });
        }
    }
    None
}

/// The P-2 sort key of a page file: the numeric prefix as a 64-bit float (`None` sorts after
/// every number, as +infinity) and the lower-cased label.
#[derive(Debug, Clone, PartialEq)]
pub struct SortKey {
    /// The leading ASCII digits as `f64` (`None`: no numeric prefix).
    pub number: Option<f64>,
    /// The rest of the name before `.py`, separators after the digits removed, lower-cased.
    pub label: String,
}

impl SortKey {
    /// The sort key of a page file name (the file name only, never a directory part).
    ///
    /// ```
    /// use folio_core::streamlit::SortKey;
    /// let k = SortKey::of("10_📈_Charts.py");
    /// assert_eq!(k.number, Some(10.0));
    /// assert_eq!(k.label, "📈_charts");
    /// assert!(SortKey::of("2_a.py") < SortKey::of("10_b.py"));
    /// ```
    pub fn of(file_name: &str) -> SortKey {
        match match_file_name(file_name) {
            Some(m) => SortKey {
                // Only ASCII digits: parsing cannot fail; huge prefixes round as Python's float.
                number: if m.digits.is_empty() {
                    None
                } else {
                    m.digits.parse().ok()
                },
                label: m.label.to_lowercase(),
            },
            None => SortKey {
                number: None,
                label: String::new(),
            },
        }
    }
}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        let a = self.number.unwrap_or(f64::INFINITY);
        let b = other.number.unwrap_or(f64::INFINITY);
        Some(a.total_cmp(&b).then_with(|| self.label.cmp(&other.label)))
    }
}

/// P-3: the icon and name inferred from a page file name, e.g. `("📈", "Plotting_Demo")` for
/// `1_📈_Plotting_Demo.py`. Runs of `_` and space become one `_`; an empty label falls back
/// to the digits; a leading emoji becomes the icon.
///
/// ```
/// use folio_core::streamlit::file_icon_and_name;
/// assert_eq!(file_icon_and_name("1_📈_Plotting_Demo.py"), ("📈".into(), "Plotting_Demo".into()));
/// assert_eq!(file_icon_and_name("page two.py"), ("".into(), "page_two".into()));
/// assert_eq!(file_icon_and_name("123.py"), ("".into(), "123".into()));
/// ```
pub fn file_icon_and_name(file_name: &str) -> (String, String) {
    let Some(m) = match_file_name(file_name) else {
        return (String::new(), String::new());
    };
    let mut collapsed = String::with_capacity(m.label.len());
    let mut in_run = false;
    for c in m.label.chars() {
        if c == '_' || c == ' ' {
            if !in_run {
                collapsed.push('_');
            }
            in_run = true;
        } else {
            collapsed.push(c);
            in_run = false;
        }
    }
    let name = match strip_ws(&collapsed) {
        "" => m.digits,
        s => s,
    };
    let (icon, rest) = split_leading_emoji(name);
    (String::from(icon), String::from(rest))
}

/// S5: the page name of a Rust function from its path as [`core::any::type_name`] writes
/// it: a trailing generic argument list is dropped, the last `::` component taken and a
/// raw-identifier `r#` removed. A closure (`{{closure}}`) or an empty path has no name.
///
/// ```
/// use folio_core::streamlit::function_name;
/// assert_eq!(function_name("crate::pages::analytics"), Some("analytics"));
/// assert_eq!(function_name("app::pages::r#type"), Some("type"));
/// assert_eq!(function_name("app::show<u8>"), Some("show"));
/// assert_eq!(function_name("app::main::{{closure}}"), None);
/// ```
pub fn function_name(path: &str) -> Option<&str> {
    let mut p = path;
    if p.ends_with('>') && p.contains('<') {
        let mut depth = 0i64;
        for (i, c) in p.char_indices().rev() {
            match c {
                '>' => depth += 1,
                '<' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                p = &p[..i];
                break;
            }
        }
    }
    let last = p.rsplit("::").next().unwrap_or(p);
    let last = last.strip_prefix("r#").unwrap_or(last);
    if last.is_empty() || last == "{{closure}}" {
        None
    } else {
        Some(last)
    }
}

/// G-5: the url path inferred from an external page's title: lower-cased, whitespace runs
/// to `_`, `& # ? / \ : * " < > | '` removed, `_` stripped and collapsed.
///
/// ```
/// use folio_core::streamlit::sanitize_title;
/// assert_eq!(sanitize_title("A & B / C?  'D' \"E\""), "a_b_c_d_e");
/// assert_eq!(sanitize_title("__Under__ Score"), "under_score");
/// ```
pub fn sanitize_title(title: &str) -> String {
    let lower = title.to_lowercase();
    let mut spaced = String::with_capacity(lower.len());
    let mut in_ws = false;
    for c in lower.chars() {
        if c.is_whitespace() {
            if !in_ws {
                spaced.push('_');
            }
            in_ws = true;
        } else {
            in_ws = false;
            if !matches!(
                c,
                '&' | '#' | '?' | '/' | '\\' | ':' | '*' | '"' | '<' | '>' | '|' | '\''
            ) {
                spaced.push(c);
            }
        }
    }
    let mut out = String::with_capacity(spaced.len());
    for c in spaced.trim_matches('_').chars() {
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.push(c);
    }
    out
}

/// S5: a url path must give a working URL: no `/` (`nested_url_path`); no `?`, `#` or
/// control character, and not `.` or `..` (`invalid_url_path`). Emptiness is checked where
/// the default page is known.
///
/// ```
/// use folio_core::streamlit::check_url_path;
/// assert!(check_url_path("with space").is_ok());
/// assert_eq!(check_url_path("a/b").unwrap_err().kind(), "nested_url_path");
/// assert_eq!(check_url_path("..").unwrap_err().kind(), "invalid_url_path");
/// ```
pub fn check_url_path(url_path: &str) -> Result<(), PageError> {
    if url_path.contains('/') {
        return Err(PageError::NestedUrlPath);
    }
    if url_path.contains(['?', '#'])
        || url_path.chars().any(char::is_control)
        || url_path == "."
        || url_path == ".."
    {
        return Err(PageError::InvalidUrlPath);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_search() {
        let k = SortKey::of("1.5_x.py");
        assert_eq!((k.number, k.label.as_str()), (Some(1.0), ".5_x"));
        let k = SortKey::of("-1_neg.py");
        assert_eq!((k.number, k.label.as_str()), (None, "1_neg"));
        let k = SortKey::of("foo.py.py");
        assert_eq!(k.label, "foo.py");
        let k = SortKey::of("99999999999999999999_big.py");
        assert_eq!(k.number, Some(1e20));
        let k = SortKey::of("x\n2_a.py");
        assert_eq!((k.number, k.label.as_str()), (Some(2.0), "a"));
        assert_eq!(file_icon_and_name("1___.py"), ("".into(), "1".into()));
        assert_eq!(file_icon_and_name("1_📈.py"), ("📈".into(), "".into()));
        assert_eq!(
            file_icon_and_name("trailing_.py"),
            ("".into(), "trailing_".into())
        );
        assert_eq!(file_icon_and_name("a-_b.py"), ("".into(), "a-_b".into()));
    }

    #[test]
    fn function_names() {
        assert_eq!(function_name(""), None);
        assert_eq!(function_name("a::b<c::d<e>>"), Some("b"));
        assert_eq!(function_name(">"), Some(">"));
        assert_eq!(function_name("<>"), None);
    }
}

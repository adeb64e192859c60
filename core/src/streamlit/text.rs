//! Text helpers shared by the naming rules (POLICY Clarification 12).
//!
//! "Whitespace" is Unicode White_Space ([`char::is_whitespace`]), "control" is general
//! category Cc ([`char::is_control`]), lower-casing is full Unicode lower-casing
//! ([`str::to_lowercase`]).

use alloc::string::String;
use alloc::vec::Vec;

/// `s` without leading and trailing Unicode White_Space.
pub(crate) fn strip_ws(s: &str) -> &str {
    s.trim_matches(char::is_whitespace)
}

/// Whether `s` is empty or only Unicode White_Space.
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Python's `str.isspace` for one character: White_Space plus U+001C..U+001F.
pub(crate) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `textwrap.dedent` (3.11): lines made only of spaces and tabs become empty, then
/// the longest common leading run of spaces and tabs of the other lines is removed.
pub(crate) fn dedent(text: &str) -> String {
    let is_blank_line = |l: &str| !l.is_empty() && l.bytes().all(|b| b == b' ' || b == b'\t');
    let mut margin: Option<&str> = None;
    for line in text.split('\n') {
        if line.bytes().all(|b| b == b' ' || b == b'\t') {
            continue;
        }
        let n = line
            .bytes()
            .take_while(|&b| b == b' ' || b == b'\t')
            .count();
        let indent = &line[..n];
        margin = Some(match margin {
            None => indent,
            Some(m) if indent.starts_with(m) => m,
            Some(m) if m.starts_with(indent) => indent,
            Some(m) => {
                let common = m
                    .bytes()
                    .zip(indent.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                &m[..common]
            }
        });
    }
    let margin = margin.unwrap_or("");
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if is_blank_line(line) {
            continue;
        }
        out.push_str(line.strip_prefix(margin).unwrap_or(line));
    }
    out
}

/// Python's `posixpath.normpath`: lexical normalisation of `.`, `..` and repeated slashes
/// (POLICY Clarification 5). Symlinks are not resolved.
pub(crate) fn normalize_path(path: &str) -> String {
    if path.is_empty() {
        return String::from(".");
    }
    let initial = if path.starts_with("//") && !path.starts_with("///") {
        2
    } else if path.starts_with('/') {
        1
    } else {
        0
    };
    let mut comps: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else {
            comps.pop();
        }
    }
    let mut out = String::with_capacity(path.len());
    for _ in 0..initial {
        out.push('/');
    }
    for (i, comp) in comps.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(comp);
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// The last path component of `path` (`posixpath.basename`).
pub(crate) fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether `sorted` (lines separated by `\n`, sorted by bytes) contains the line `needle`.
/// A binary search over the byte offsets of one string: no index table is needed.
pub(crate) fn sorted_lines_contain(sorted: &str, needle: &str) -> bool {
    let table = sorted.as_bytes();
    let needle = needle.as_bytes();
    if needle.contains(&b'\n') {
        return false;
    }
    let (mut lo, mut hi) = (0usize, table.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = table[..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
            .max(lo);
        let end = table[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(table.len(), |p| start + p);
        let line = &table[start..end];
        match line.cmp(needle) {
            core::cmp::Ordering::Equal => return true,
            core::cmp::Ordering::Less => lo = end + 1,
            core::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedent_like_python() {
        assert_eq!(
            dedent("  Line one\n    indented\n"),
            "Line one\n  indented\n"
        );
        assert_eq!(dedent("   "), "");
        assert_eq!(dedent("\ta\n  b"), "\ta\n  b");
    }

    #[test]
    fn normpath_like_python() {
        assert_eq!(normalize_path("./b.py"), "b.py");
        assert_eq!(normalize_path("sub/../b.py"), "b.py");
        assert_eq!(normalize_path("../shared/x.py"), "../shared/x.py");
        assert_eq!(normalize_path("a//b/./c/.."), "a/b");
        assert_eq!(normalize_path("/../a"), "/a");
        assert_eq!(normalize_path(".."), "..");
        assert_eq!(normalize_path("a/.."), ".");
    }

    #[test]
    fn sorted_lines() {
        let t = "a\nab\nb\nzz\n";
        for w in ["a", "ab", "b", "zz"] {
            assert!(sorted_lines_contain(t, w), "{w}");
        }
        for w in ["", "aa", "c", "z", "zzz", "a\nab"] {
            assert!(!sorted_lines_contain(t, w), "{w}");
        }
    }
}

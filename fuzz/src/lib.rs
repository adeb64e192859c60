//! Structured inputs for the fuzz targets. The properties themselves live in the core's
//! test tree (`core/tests/checks/mod.rs`), shared with the proptest suites, so a property
//! that stops compiling fails `cargo test` too.

#[path = "../../core/tests/checks/mod.rs"]
pub mod checks;

use arbitrary::{Arbitrary, Result, Unstructured};

/// Pieces that routing cares about: literals that collide, separators, escapes (valid,
/// malformed, invalid UTF-8), variables, markup.
const PIECES: &[&str] = &[
    "a", "b", "ab", "-", ".", "/", "<v>", "<v>", "%2F", "%3C", "%", "%4", "%FF", "é", "<", ">",
    "+", "&", "=", "\\", "@", "%C0%AF", "a-", "-b", " ",
];

/// Text made of [`PIECES`], with now and then an arbitrary character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(pub String);

impl<'a> Arbitrary<'a> for Text {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let n = u.int_in_range(0..=12u8)?;
        let mut out = String::new();
        for _ in 0..n {
            let i = usize::from(u.arbitrary::<u8>()?);
            match PIECES.get(i % (PIECES.len() + 2)) {
                Some(p) => out.push_str(p),
                None => out.push(u.arbitrary::<char>()?),
            }
        }
        Ok(Text(out))
    }
}

/// Template-like text: a leading `/` and `<v>` variables renamed apart, so that most inputs
/// parse.
#[derive(Debug, Clone)]
pub struct TemplateText(pub String);

impl<'a> Arbitrary<'a> for TemplateText {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let raw = if u.ratio(1u8, 8)? {
            u.arbitrary::<String>()?
        } else {
            let Text(t) = u.arbitrary()?;
            format!("/{}", t.trim_start_matches('/'))
        };
        Ok(TemplateText(distinct(&raw)))
    }
}

/// Renames every `<v>` to `<v1>`, `<v2>`, …
pub fn distinct(text: &str) -> String {
    let mut n = 0;
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("<v>") {
        n += 1;
        out.push_str(&rest[..i]);
        out.push_str(&format!("<v{n}>"));
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

/// A request target: pieces, or arbitrary text.
#[derive(Debug, Clone)]
pub struct Request(pub String);

impl<'a> Arbitrary<'a> for Request {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let text = if u.ratio(1u8, 6)? {
            u.arbitrary::<String>()?
        } else {
            u.arbitrary::<Text>()?.0
        };
        Ok(Request(if text.starts_with('/') {
            text
        } else {
            format!("/{text}")
        }))
    }
}

/// Small bounded vectors keep each run fast.
pub fn bounded<'a, T: Arbitrary<'a>>(u: &mut Unstructured<'a>, max: usize) -> Result<Vec<T>> {
    let n = u.int_in_range(0..=max)?;
    (0..n).map(|_| u.arbitrary()).collect()
}

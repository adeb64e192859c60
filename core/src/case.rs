//! Python's `str.lower` and `str.capitalize` for the names and paths inferred from module
//! paths.
//!
//! With the feature `unicode-case` (a default), full Unicode, exactly as CPython computes
//! them. Without it, only ASCII is mapped, since the conversion tables cost a browser bundle
//! 14 KB gzipped, and text holding any other character is refused: the error is its first
//! non-ASCII character, so no caller can end up with a name Python would not give.

use alloc::string::String;

/// `text.lower()`, or the character that cannot be mapped.
#[cfg(feature = "unicode-case")]
pub(crate) fn lowercase(text: &str) -> Result<String, char> {
    Ok(text.to_lowercase())
}

/// `text.capitalize()`, or the character that cannot be mapped.
#[cfg(feature = "unicode-case")]
pub(crate) fn capitalize(text: &str) -> Result<String, char> {
    Ok(crate::unicode::capitalize(text))
}

/// `text.lower()` for ASCII text, or its first other character.
#[cfg(not(feature = "unicode-case"))]
pub(crate) fn lowercase(text: &str) -> Result<String, char> {
    ascii_only(text)?;
    Ok(text.to_ascii_lowercase())
}

/// `text.capitalize()` for ASCII text, or its first other character.
#[cfg(not(feature = "unicode-case"))]
pub(crate) fn capitalize(text: &str) -> Result<String, char> {
    ascii_only(text)?;
    let mut out = text.to_ascii_lowercase();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    Ok(out)
}

#[cfg(not(feature = "unicode-case"))]
fn ascii_only(text: &str) -> Result<(), char> {
    match text.chars().find(|c| !c.is_ascii()) {
        Some(c) => Err(c),
        None => Ok(()),
    }
}

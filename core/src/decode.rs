//! Percent-decoding and path segments (POLICY D2, D4).
//!
//! Every function here borrows when there is nothing to decode, so a request whose path and
//! query are plain ASCII costs no allocation.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

/// Decodes `%XX` escapes as UTF-8, the way Python's `unquote(errors="replace")` does: a
/// malformed escape (`%`, `%4`, `%zz`) stays literal, and bytes that are not valid UTF-8
/// become U+FFFD by the maximal-subpart rule. `+` is left alone (use [`decode_form`] for
/// query strings).
///
/// ```
/// use folio_core::percent_decode;
/// assert_eq!(percent_decode("caf%C3%A9"), "café");
/// assert_eq!(percent_decode("100%"), "100%");
/// assert_eq!(percent_decode("%ED%A0%80"), "\u{FFFD}\u{FFFD}\u{FFFD}");
/// ```
pub fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.as_bytes().contains(&b'%') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(decode_bytes(text.as_bytes(), false))
}

/// Decodes one `application/x-www-form-urlencoded` key or value as Python's `parse_qs`
/// does: `+` is a space, then `%XX` escapes as in [`percent_decode`].
///
/// ```
/// use folio_core::decode_form;
/// assert_eq!(decode_form("a+b%2Bc"), "a b+c");
/// ```
pub fn decode_form(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    decode_form_marked(text, bytes.iter().any(|&b| b == b'%' || b == b'+'))
}

/// [`decode_form`] when the caller's own scan already knows whether `text` holds a `%` or `+`
/// (`marked`); an unmarked text is borrowed as it is.
#[inline]
pub(crate) fn decode_form_marked(text: &str, marked: bool) -> Cow<'_, str> {
    if marked {
        Cow::Owned(decode_bytes(text.as_bytes(), true))
    } else {
        Cow::Borrowed(text)
    }
}

fn decode_bytes(bytes: &[u8], plus_is_space: bool) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let [b, after @ ..] = rest {
        let (byte, after) = match (b, after) {
            (b'%', [hi, lo, tail @ ..]) => match hex_pair(*hi, *lo) {
                Some(byte) => (byte, tail),
                None => (b'%', after),
            },
            (b'+', _) if plus_is_space => (b' ', after),
            _ => (*b, after),
        };
        out.push(byte);
        rest = after;
    }
    match String::from_utf8(out) {
        Ok(s) => s,
        // Rust's lossy conversion replaces maximal subparts, as Python's "replace" handler.
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// The byte written `%hi lo`, if both are hexadecimal digits.
#[inline]
fn hex_pair(hi: u8, lo: u8) -> Option<u8> {
    let (hi, lo) = (HEX_VALUE[usize::from(hi)], HEX_VALUE[usize::from(lo)]);
    ((hi | lo) < 16).then_some(hi << 4 | lo)
}

/// Not a hexadecimal digit, in [`HEX_VALUE`] (any value of 16 or more would do).
const NOT_HEX: u8 = 0xFF;

/// The value of each byte as a hexadecimal digit, either case.
const HEX_VALUE: [u8; 256] = {
    let mut value = [NOT_HEX; 256];
    let mut d = 0;
    while d < 10 {
        value[b'0' as usize + d] = d as u8;
        d += 1;
    }
    let mut d = 0;
    while d < 6 {
        value[b'a' as usize + d] = 10 + d as u8;
        value[b'A' as usize + d] = 10 + d as u8;
        d += 1;
    }
    value
};

/// The inner part of a path: leading and trailing slashes ignored (D4).
pub(crate) fn trim_slashes(path: &str) -> &str {
    path.trim_matches('/')
}

/// Splits a path into its raw segments: slashes at both ends ignored, inner empty segments
/// kept (D4). The root has no segments.
pub(crate) fn raw_segments(path: &str) -> impl Iterator<Item = &str> {
    let inner = trim_slashes(path);
    let mut parts = inner.split('/');
    if inner.is_empty() {
        parts.next();
    }
    parts
}

/// Splits then decodes (D2): `%2F` inside a segment is part of that segment.
pub(crate) fn decoded_segments(path: &str) -> impl Iterator<Item = Cow<'_, str>> {
    raw_segments(path).map(percent_decode)
}

/// Writes `text` percent-encoded as UTF-8, keeping unreserved characters and the bytes of
/// `keep`. Every other byte is written `%XX` (upper-case hex).
pub(crate) fn encode_into(out: &mut String, text: &str, keep: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// RFC 3986 `pchar` minus unreserved: what a path segment may hold unencoded.
pub(crate) const SEGMENT_KEEP: &[u8] = b"!$&'()*+,;=:@";

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn malformed_escapes_stay_literal() {
        assert_eq!(percent_decode("%zz%4%"), "%zz%4%");
        assert_eq!(percent_decode("%41%4a"), "AJ");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(percent_decode("abc"), Cow::Borrowed(_)));
        assert!(matches!(decode_form("abc"), Cow::Borrowed(_)));
    }

    #[test]
    fn segments_keep_inner_empties() {
        let v: Vec<_> = raw_segments("//a//b/").collect();
        assert_eq!(v, vec!["a", "", "b"]);
        assert_eq!(raw_segments("///").count(), 0);
        let d: Vec<_> = decoded_segments("/a%2Fb/c").collect();
        assert_eq!(d, vec!["a/b", "c"]);
    }

    #[test]
    fn encoding_keeps_pchar() {
        let mut s = String::new();
        encode_into(&mut s, "a b/%?#é!@", SEGMENT_KEEP);
        assert_eq!(s, "a%20b%2F%25%3F%23%C3%A9!@");
    }
}

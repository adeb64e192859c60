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

/// The bytes of [`percent_decode`]`(raw)`, one at a time and without allocating: each
/// escape decoded, then every byte sequence that is not UTF-8 replaced by U+FFFD by the
/// maximal-subpart rule (the rule of `String::from_utf8_lossy`). Request segments holding
/// `%` are decoded with it into a stack buffer, or compared with it directly when they do
/// not fit one.
#[derive(Debug, Clone)]
pub(crate) struct DecodedBytes<'a> {
    raw: &'a [u8],
    /// The rest of the character being given: `pending[at..len]`.
    pending: [u8; 4],
    at: u8,
    len: u8,
}

impl<'a> DecodedBytes<'a> {
    pub(crate) fn new(raw: &'a str) -> DecodedBytes<'a> {
        DecodedBytes {
            raw: raw.as_bytes(),
            pending: [0; 4],
            at: 0,
            len: 0,
        }
    }
}

impl Iterator for DecodedBytes<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        if self.at < self.len {
            let b = self.pending[usize::from(self.at)];
            self.at += 1;
            return Some(b);
        }
        let (first, n) = escaped_unit(self.raw)?;
        if first < 0x80 {
            self.raw = self.raw.get(n..).unwrap_or_default();
            return Some(first);
        }
        // A multi-byte sequence: take its units while they can continue it. The bytes
        // taken before the one that cannot are one maximal subpart (one U+FFFD).
        let width = utf8_width(first);
        let mut sequence = [first, 0, 0, 0];
        let (mut k, mut taken) = (1, n);
        while k < width {
            let Some((b, m)) = escaped_unit(self.raw.get(taken..).unwrap_or_default()) else {
                break;
            };
            let continues = if k == 1 {
                continues_lead(first, b)
            } else {
                (0x80..=0xBF).contains(&b)
            };
            if !continues {
                break;
            }
            sequence[k] = b;
            k += 1;
            taken += m;
        }
        self.raw = self.raw.get(taken..).unwrap_or_default();
        if width > 0 && k == width {
            self.pending = sequence;
            self.len = width as u8;
        } else {
            self.pending = [0xEF, 0xBF, 0xBD, 0];
            self.len = 3;
        }
        self.at = 1;
        Some(self.pending[0])
    }
}

/// The first byte of `raw` once escapes are decoded, and how many bytes of `raw` it
/// takes: 3 for a valid escape, else 1 (a malformed `%` stays literal).
#[inline]
fn escaped_unit(raw: &[u8]) -> Option<(u8, usize)> {
    match raw {
        [b'%', hi, lo, ..] => Some(hex_pair(*hi, *lo).map_or((b'%', 1), |b| (b, 3))),
        [b, ..] => Some((*b, 1)),
        [] => None,
    }
}

/// The length of the UTF-8 sequence a non-ASCII byte starts; 0 when it starts none.
#[inline]
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// Whether `b` may follow `lead` in a UTF-8 sequence (no overlong forms, no surrogates,
/// nothing past U+10FFFF).
#[inline]
fn continues_lead(lead: u8, b: u8) -> bool {
    match lead {
        0xE0 => (0xA0..=0xBF).contains(&b),
        0xED => (0x80..=0x9F).contains(&b),
        0xF0 => (0x90..=0xBF).contains(&b),
        0xF4 => (0x80..=0x8F).contains(&b),
        _ => (0x80..=0xBF).contains(&b),
    }
}

/// The byte written `%hi lo`, if both are hexadecimal digits.
#[inline]
pub(crate) fn hex_pair(hi: u8, lo: u8) -> Option<u8> {
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

/// The byte written `%hi lo` as a `u16`, 0x100 or more when either is not a hexadecimal
/// digit: one OR of two loads, so that several escapes are checked at once (the OR of
/// their results) and no shift is left to do.
#[cfg(feature = "indexed-escapes")]
#[inline(always)]
pub(crate) fn hex_pair_wide(hi: u8, lo: u8) -> u16 {
    HEX_HIGH[usize::from(hi)] | HEX_LOW[usize::from(lo)]
}

/// [`HEX_VALUE`] for the first digit of an escape, shifted; 0x100 for a non-digit.
#[cfg(feature = "indexed-escapes")]
const HEX_HIGH: [u16; 256] = wide_hex(4);

/// [`HEX_VALUE`] for the second digit of an escape; 0x100 for a non-digit.
#[cfg(feature = "indexed-escapes")]
const HEX_LOW: [u16; 256] = wide_hex(0);

#[cfg(feature = "indexed-escapes")]
const fn wide_hex(shift: u32) -> [u16; 256] {
    let mut wide = [0x100; 256];
    let mut b = 0;
    while b < 256 {
        if HEX_VALUE[b] < 16 {
            wide[b] = (HEX_VALUE[b] as u16) << shift;
        }
        b += 1;
    }
    wide
}

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
    // Runs of kept bytes are written whole (a served page's head encodes its image's file
    // name on every request, and most names need no escape). Kept bytes are ASCII, so a
    // non-empty run starts and ends on char boundaries; `get` also passes over the empty
    // runs between the bytes of one multi-byte char.
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            continue;
        }
        out.push_str(text.get(start..i).unwrap_or_default());
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
        start = i + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
}

/// RFC 3986 `pchar` minus unreserved: what a path segment may hold unencoded.
pub(crate) const SEGMENT_KEEP: &[u8] = b"!$&'()*+,;=:@";

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use proptest::strategy::Strategy;

    #[test]
    fn malformed_escapes_stay_literal() {
        assert_eq!(percent_decode("%zz%4%"), "%zz%4%");
        assert_eq!(percent_decode("%41%4a"), "AJ");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn decoded_bytes_are_percent_decode() {
        let cases = [
            "",
            "abc",
            "caf%C3%A9",
            "%zz%4%",
            "100%",
            "%FF",
            "%ED%A0%80",
            "%E2%82",
            "%E2%82x",
            "%F0%9F%98",
            "%F0%9F%98%80",
            "%C3%A9%A9",
            "é%A9",
            "%E2é",
            "%C0%AF",
            "%F4%90%80%80",
            "%e2%82%ac",
            "a%2Fb",
            "%%41",
            "%F0%90",
            "%80%80%80%80%80",
            "%F5%80",
        ];
        for raw in cases {
            let bytes: Vec<u8> = DecodedBytes::new(raw).collect();
            assert_eq!(bytes, percent_decode(raw).as_bytes(), "{raw:?}");
        }
    }

    proptest::proptest! {
        /// Escapes of any byte (valid UTF-8 or not), malformed escapes and raw characters,
        /// mixed: the byte iterator gives exactly what `percent_decode` allocates.
        #[test]
        fn decoded_bytes_agree_with_percent_decode(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::num::u8::ANY.prop_map(|b| alloc::format!("%{b:02X}")),
                    (0x80u8..0xC0).prop_map(|b| alloc::format!("%{b:02x}")),
                    proptest::sample::select(vec!["%", "%4", "%zz", "a", "é", "/", "€", "😀"])
                        .prop_map(String::from),
                ],
                0..12,
            )
        ) {
            let raw: String = parts.concat();
            let bytes: Vec<u8> = DecodedBytes::new(&raw).collect();
            let expected = percent_decode(&raw);
            proptest::prop_assert_eq!(&bytes[..], expected.as_bytes());
        }
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

    proptest::proptest! {
        /// Writing kept runs whole encodes exactly as one byte at a time, multi-byte chars
        /// and escapes at either end included.
        #[test]
        fn encoding_by_runs_agrees_with_byte_by_byte(text in "[a-z%/ é€😀!@._~-]{0,24}") {
            let mut naive = String::from("x");
            for &b in text.as_bytes() {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || SEGMENT_KEEP.contains(&b) {
                    naive.push(char::from(b));
                } else {
                    naive.push_str(&alloc::format!("%{b:02X}"));
                }
            }
            let mut runs = String::from("x");
            encode_into(&mut runs, &text, SEGMENT_KEEP);
            proptest::prop_assert_eq!(runs, naive);
        }
    }
}

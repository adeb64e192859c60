//! The segments of a request path as the trie walks them and as variables are read from
//! them: raw (found one at a time), recorded by the walk, or decoded.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::OnceCell;

use crate::decode::DecodedBytes;
#[cfg(feature = "indexed-escapes")]
use crate::decode::hex_pair;
use crate::template::{Segment, Template};

/// The segments of a request path (slashes at both ends already trimmed), each decoded
/// where it contains `%`, collected: for the naive reference matcher and redirect targets,
/// never for resolving a request.
pub(crate) fn split_request(inner: &str) -> Vec<Cow<'_, str>> {
    if inner.is_empty() {
        return Vec::new();
    }
    inner
        .split('/')
        .map(crate::decode::percent_decode)
        .collect()
}

/// A request segment holds `%`: the raw walk stops and the caller decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HasEscape;

/// Walks the segments of a request one at a time, front to back, for reading variables and
/// checking a template. A plain request is never split up front: segments are found when
/// they are needed, or read from the [`Ends`] the trie walk recorded.
pub(crate) trait Cursor<'t>: Copy {
    /// The next segment and the cursor after it; `Ok(None)` after the last segment.
    fn step(self) -> Result<Option<(&'t str, Self)>, HasEscape>;

    /// Passes a segment known to be `len` bytes long (a literal the request matched).
    fn skip(self, len: usize) -> Self;

    /// The only segment left (the last one of a matched request), without looking for
    /// its end.
    fn last(self) -> Option<&'t str>;

    /// Segment `i` of the whole path, when the cursor knows where it is without a search.
    #[inline]
    fn at(self, i: usize) -> Option<&'t str> {
        let _ = i;
        None
    }
}

/// The segments of a request as the trie walks them, by position: a byte offset into a
/// raw path, or an index into decoded segments.
pub(crate) trait Segments<'t>: Copy {
    /// Where the first segment is.
    fn first(self) -> usize;

    /// The segment at `pos` and the position of the next one; `Ok(None)` after the last
    /// segment.
    fn segment(self, pos: usize) -> Result<Option<(&'t [u8], usize)>, HasEscape>;

    /// Whether `pos` is past the last segment (where [`segment`](Self::segment) finds
    /// none), without looking at the text.
    fn is_end(self, pos: usize) -> bool;

    /// The first byte of the segment at `pos` (not past the last segment), if it has one.
    #[cfg(feature = "first-byte-index")]
    fn byte(self, pos: usize) -> Option<u8>;

    /// The segment at `pos` (not past the last segment) when it is `len` bytes long, and
    /// the position of the next one, found without scanning it. In a raw path the text may
    /// hold `%`: the caller compares it with a literal that holds none, so an escaped
    /// segment never compares equal.
    #[cfg(feature = "first-byte-index")]
    fn spelled(self, pos: usize, len: usize) -> Option<(&'t [u8], usize)>;
}

/// The raw text of a request path (slashes at both ends trimmed). A segment holding `%`
/// is not its decoded self, so the walk reports [`HasEscape`] instead of guessing. Only
/// the segments actually visited are scanned; a `%` in a segment a failed walk never
/// reached cannot change its answer, because decoding works segment by segment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawPath<'t>(pub(crate) &'t str);

impl<'t> Segments<'t> for RawPath<'t> {
    #[inline]
    fn first(self) -> usize {
        // The root has no segment: start past the end.
        usize::from(self.0.is_empty())
    }

    #[inline]
    fn segment(self, pos: usize) -> Result<Option<(&'t [u8], usize)>, HasEscape> {
        let Some(rest) = self.0.as_bytes().get(pos..) else {
            return Ok(None);
        };
        let len = find_slash_or_percent(rest);
        match rest.get(len) {
            Some(b'%') => Err(HasEscape),
            _ => Ok(rest.get(..len).map(|text| (text, pos + len + 1))),
        }
    }

    #[inline]
    fn is_end(self, pos: usize) -> bool {
        pos > self.0.len()
    }

    #[cfg(feature = "first-byte-index")]
    #[inline(always)]
    fn byte(self, pos: usize) -> Option<u8> {
        self.0.as_bytes().get(pos).copied()
    }

    #[cfg(feature = "first-byte-index")]
    #[inline(always)]
    fn spelled(self, pos: usize, len: usize) -> Option<(&'t [u8], usize)> {
        let bytes = self.0.as_bytes();
        let end = pos.checked_add(len)?;
        let text = bytes.get(pos..end)?;
        match bytes.get(end) {
            None | Some(b'/') => Some((text, end + 1)),
            Some(_) => None,
        }
    }
}

impl<'t, S: AsRef<str>> Segments<'t> for &'t [S] {
    #[inline]
    fn first(self) -> usize {
        0
    }

    #[inline]
    fn segment(self, pos: usize) -> Result<Option<(&'t [u8], usize)>, HasEscape> {
        Ok(self.get(pos).map(|s| (s.as_ref().as_bytes(), pos + 1)))
    }

    #[inline]
    fn is_end(self, pos: usize) -> bool {
        pos >= self.len()
    }

    #[cfg(feature = "first-byte-index")]
    #[inline]
    fn byte(self, pos: usize) -> Option<u8> {
        self.get(pos)?.as_ref().as_bytes().first().copied()
    }

    #[cfg(feature = "first-byte-index")]
    #[inline]
    fn spelled(self, pos: usize, len: usize) -> Option<(&'t [u8], usize)> {
        let text = self.get(pos)?.as_ref().as_bytes();
        (text.len() == len).then_some((text, pos + 1))
    }
}

/// A request path holding `%`, decoded segment by segment into a buffer on the stack for
/// the trie walk: up to `N` bytes of path and `S` segments. Decoding never lengthens a
/// segment (a 3-byte escape gives one byte, or its share of one 3-byte U+FFFD), so each
/// decoded segment is written where its raw text starts and cannot reach the next one.
#[cfg(feature = "indexed-escapes")]
#[derive(Debug)]
pub(crate) struct DecodeBuf<const N: usize, const S: usize> {
    bytes: [u8; N],
    /// Where each segment starts in `bytes` and its decoded length.
    spans: [(u16, u16); S],
}

#[cfg(feature = "indexed-escapes")]
impl<const N: usize, const S: usize> DecodeBuf<N, S> {
    pub(crate) fn new() -> Self {
        DecodeBuf {
            bytes: [0; N],
            spans: [(0, 0); S],
        }
    }

    /// The decoded segments of `inner` (a raw path, slashes at both ends trimmed); `None`
    /// when it is longer than `N` bytes or has more than `S` segments.
    #[inline]
    pub(crate) fn decode<'b>(&'b mut self, inner: &str) -> Option<Decoded<'b>> {
        decode_into(&mut self.bytes, &mut self.spans, inner)
    }
}

/// [`DecodeBuf::decode`] into any buffer: one copy of the code for every size (the browser
/// bundle counts bytes).
#[cfg(feature = "indexed-escapes")]
fn decode_into<'b>(
    bytes: &'b mut [u8],
    spans: &'b mut [(u16, u16)],
    inner: &str,
) -> Option<Decoded<'b>> {
    {
        if inner.len() > bytes.len() || bytes.len() > usize::from(u16::MAX) {
            return None;
        }
        let raw = inner.as_bytes();
        let mut count = 0;
        // Where the segment being decoded starts (in `raw` and in `bytes`), and where
        // its raw text is read.
        let (mut start, mut at) = (0, 0);
        while !raw.is_empty() {
            // One pass: escapes decoded, every other byte copied, up to the next `/`.
            // Any escaped byte outside ASCII (its high bit) calls for a UTF-8 check.
            let (mut end, mut high) = (start, 0u8);
            while let Some(&b) = raw.get(at) {
                let (byte, len) = match b {
                    b'/' => break,
                    b'%' => match raw.get(at + 1..at + 3) {
                        Some(&[hi, lo]) => hex_pair(hi, lo).map_or((b'%', 1), |b| {
                            high |= b;
                            (b, 3)
                        }),
                        _ => (b'%', 1),
                    },
                    _ => (b, 1),
                };
                *bytes.get_mut(end)? = byte;
                end += 1;
                at += len;
            }
            // Escaped bytes that are not UTF-8 (rare): written again, repaired.
            if high >= 0x80 && core::str::from_utf8(bytes.get(start..end)?).is_err() {
                end = start;
                for b in DecodedBytes::new(inner.get(start..at)?) {
                    // Cannot pass `at` (see above); were it to, the caller's fallback
                    // answers instead.
                    if end >= at {
                        return None;
                    }
                    *bytes.get_mut(end)? = b;
                    end += 1;
                }
            }
            // Both fit: `end <= inner.len() <= N <= u16::MAX`.
            *spans.get_mut(count)? = (start as u16, (end - start) as u16);
            count += 1;
            if at >= raw.len() {
                break;
            }
            at += 1;
            start = at;
        }
        Some(Decoded {
            bytes,
            spans: spans.get(..count)?,
        })
    }
}

/// The segments of a request path that [`DecodeBuf::decode`] decoded; a position is a
/// segment's number.
#[cfg(feature = "indexed-escapes")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decoded<'b> {
    bytes: &'b [u8],
    spans: &'b [(u16, u16)],
}

#[cfg(feature = "indexed-escapes")]
impl<'b> Segments<'b> for Decoded<'b> {
    #[inline]
    fn first(self) -> usize {
        0
    }

    #[inline]
    fn segment(self, pos: usize) -> Result<Option<(&'b [u8], usize)>, HasEscape> {
        Ok(self.spans.get(pos).map(|&(start, len)| {
            let start = usize::from(start);
            let text = self.bytes.get(start..start + usize::from(len));
            (text.unwrap_or_default(), pos + 1)
        }))
    }
    #[inline]
    fn is_end(self, pos: usize) -> bool {
        pos >= self.spans.len()
    }

    #[cfg(feature = "first-byte-index")]
    #[inline]
    fn byte(self, pos: usize) -> Option<u8> {
        let &(start, len) = self.spans.get(pos)?;
        if len == 0 {
            return None;
        }
        self.bytes.get(usize::from(start)).copied()
    }

    #[cfg(feature = "first-byte-index")]
    #[inline]
    fn spelled(self, pos: usize, len: usize) -> Option<(&'b [u8], usize)> {
        match self.segment(pos) {
            Ok(Some((text, next))) if text.len() == len => Some((text, next)),
            _ => None,
        }
    }
}

/// Whether `template` matches the request path `inner` (slashes at both ends trimmed),
/// which holds `%`: each segment compared with its decoding while it is decoded, with no
/// buffer, so for a path of any length. The fallback when a [`DecodeBuf`] is too small.
pub(crate) fn matches_escaped(template: &Template, inner: &str) -> bool {
    let count = if inner.is_empty() {
        0
    } else {
        inner.split('/').count()
    };
    let segments = template.segments();
    segments.len() == count
        && segments
            .zip(inner.split('/'))
            .all(|(seg, raw)| segment_matches_escaped(&seg, raw))
}

/// [`Segment::matches`] on the decoding of `raw`, read as it is decoded.
fn segment_matches_escaped(seg: &Segment<'_>, raw: &str) -> bool {
    match seg {
        Segment::Static(text) => DecodedBytes::new(raw).eq(text.bytes()),
        Segment::Pattern(_) => pattern_matches_escaped(seg, raw),
    }
}

/// [`segment_matches_escaped`] for a segment with variables.
fn pattern_matches_escaped(seg: &Segment<'_>, raw: &str) -> bool {
    let decoded = || DecodedBytes::new(raw);
    let len = decoded().count();
    let parts = seg.parts().count();
    // A literal at either end is matched in place; each variable takes at least one byte
    // (one character: a literal found in UTF-8 text starts on a character boundary).
    let mut head = 0;
    if let Some(Ok(h)) = seg.parts().next() {
        if !decoded().take(h.len()).eq(h.bytes()) {
            return false;
        }
        head = h.len();
    }
    let mut tail = 0;
    if let (true, Some(Ok(t))) = (parts > 1, seg.parts().last()) {
        if t.len() > len || !decoded().skip(len - t.len()).eq(t.bytes()) {
            return false;
        }
        tail = t.len();
    }
    let Some(end) = len.checked_sub(tail).filter(|&end| end > head) else {
        return false;
    };
    // The literals between variables, each at its leftmost place: a split exists exactly
    // when this finds one.
    let mut at = head;
    for (i, part) in seg.parts().enumerate() {
        let Ok(lit) = part else { continue };
        if i == 0 || i + 1 == parts {
            continue;
        }
        let mut place = at + 1;
        let mut window = decoded().skip(place);
        loop {
            if place + lit.len() > end {
                return false;
            }
            if window.clone().take(lit.len()).eq(lit.bytes()) {
                break;
            }
            window.next();
            place += 1;
        }
        at = place + lit.len();
    }
    at < end
}

/// A path holding `%` (a request's, or a redirect target's; slashes at both ends trimmed)
/// with the decoded text of its segments that hold `%`, one after another in path order,
/// made the first time a cursor reads one: resolving such a request allocates nothing, and
/// only reading a value that holds `%` does. One boxed string, so that dropping a match
/// stays cheap (its drop code is on every lookup's path).
#[derive(Debug)]
pub(crate) struct EscapedPath<'p> {
    inner: Cow<'p, str>,
    texts: OnceCell<Box<str>>,
}

impl<'p> EscapedPath<'p> {
    pub(crate) fn new(inner: Cow<'p, str>) -> EscapedPath<'p> {
        EscapedPath {
            inner,
            texts: OnceCell::new(),
        }
    }

    pub(crate) fn inner(&self) -> &str {
        &self.inner
    }

    /// The decodings of the segments that hold `%`, one after another in path order.
    fn texts(&self) -> &str {
        self.texts.get_or_init(|| {
            self.inner
                .split('/')
                .filter(|s| s.as_bytes().contains(&b'%'))
                .map(crate::decode::percent_decode)
                .collect::<String>()
                .into_boxed_str()
        })
    }

    /// A cursor at the first segment.
    #[inline]
    pub(crate) fn cursor(&self) -> Escaped<'_> {
        Escaped {
            rest: (!self.inner.is_empty()).then_some(&*self.inner),
            decoded: 0,
            path: self,
        }
    }
}

/// A [`Cursor`] over an [`EscapedPath`]: plain segments are lent from the path, the others
/// from its decoded text, made only when one is read (passing a segment decodes nothing).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Escaped<'t> {
    rest: Option<&'t str>,
    /// Where the decoding of the next segment holding `%` starts in the path's decoded
    /// text: the decoded lengths of those the cursor has passed (kept as it goes, so that
    /// reading every value is linear in the path, not quadratic in its escaped segments).
    decoded: usize,
    path: &'t EscapedPath<'t>,
}

impl<'t> Escaped<'t> {
    /// The next raw segment and the cursor after it.
    fn advance(self) -> Option<(&'t str, Self)> {
        let text = self.rest?;
        let (segment, rest) = match text.split_once('/') {
            Some((segment, rest)) => (segment, Some(rest)),
            None => (text, None),
        };
        Some((segment, self.past(segment, rest)))
    }

    /// The cursor past `segment`, the raw segment it is at, with `rest` after it.
    fn past(self, segment: &str, rest: Option<&'t str>) -> Self {
        let mut decoded = self.decoded;
        if segment.as_bytes().contains(&b'%') {
            decoded += DecodedBytes::new(segment).count();
        }
        Escaped {
            rest,
            decoded,
            ..self
        }
    }

    /// The decoded text of `segment`, the raw segment between this cursor and `next`.
    fn read(self, segment: &'t str, next: Self) -> &'t str {
        if !segment.as_bytes().contains(&b'%') {
            return segment;
        }
        self.path
            .texts()
            .get(self.decoded..next.decoded)
            .unwrap_or_default()
    }
}

impl<'t> Cursor<'t> for Escaped<'t> {
    // Out of line (as the other two): a rare cursor, kept out of the lookups that
    // inline the common ones.
    #[inline(never)]
    fn step(self) -> Result<Option<(&'t str, Self)>, HasEscape> {
        Ok(self
            .advance()
            .map(|(segment, next)| (self.read(segment, next), next)))
    }

    #[inline(never)]
    fn skip(self, _len: usize) -> Self {
        // A literal's decoded length says nothing of its raw length: find the `/`.
        self.advance()
            .map_or(Escaped { rest: None, ..self }, |(_, next)| next)
    }

    #[inline(never)]
    fn last(self) -> Option<&'t str> {
        let segment = self.rest?;
        Some(self.read(segment, self.past(segment, None)))
    }
}

/// How many segments [`Ends`] records.
pub(crate) const ENDS: usize = 16;

/// Where the segments of a raw path end, recorded by the trie walk as it passes them: the
/// walk steps over every segment of a request it matches, and a segment's bounds do not
/// depend on the route tried, so reading the variables of the match needs no new search
/// for `/`. Entry `d` is the byte offset of the end of segment `d` (`d` modulo [`ENDS`]):
/// it holds for a path of at most `u16::MAX` bytes and [`ENDS`] segments.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ends([u16; ENDS]);

impl Ends {
    /// Segment `depth` is followed by the segment at position `next`.
    #[inline(always)]
    pub(crate) fn record(&mut self, depth: usize, next: usize) {
        self.0[depth % ENDS] = next.wrapping_sub(1) as u16;
    }
}

/// The segments of a raw path whose [`Ends`] a walk recorded: steps without searching.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spanned<'t> {
    inner: &'t str,
    ends: &'t Ends,
    /// Where the next segment starts, and its number.
    start: usize,
    segment: usize,
}

impl<'t> Spanned<'t> {
    /// `None` when `ends` cannot describe a path this long or a match with this many
    /// segments.
    pub(crate) fn new(inner: &'t str, ends: &'t Ends, segments: usize) -> Option<Spanned<'t>> {
        (inner.len() <= usize::from(u16::MAX) && segments <= ENDS).then_some(Spanned {
            inner,
            ends,
            start: 0,
            segment: 0,
        })
    }

    #[inline]
    fn end(&self) -> usize {
        usize::from(self.ends.0[self.segment % ENDS])
    }
}

impl<'t> Cursor<'t> for Spanned<'t> {
    #[inline]
    fn step(self) -> Result<Option<(&'t str, Self)>, HasEscape> {
        let end = self.end();
        let Some(text) = self.inner.get(self.start..end) else {
            return Ok(None);
        };
        Ok(Some((
            text,
            Spanned {
                start: end + 1,
                segment: self.segment + 1,
                ..self
            },
        )))
    }

    #[inline]
    fn skip(self, _len: usize) -> Self {
        Spanned {
            start: self.end() + 1,
            segment: self.segment + 1,
            ..self
        }
    }

    #[inline]
    fn last(self) -> Option<&'t str> {
        self.inner.get(self.start..)
    }

    #[inline]
    fn at(self, i: usize) -> Option<&'t str> {
        let start = match i.checked_sub(1) {
            Some(before) => usize::from(self.ends.0[before % ENDS]) + 1,
            None => 0,
        };
        self.inner.get(start..usize::from(self.ends.0[i % ENDS]))
    }
}

/// A [`Cursor`] over the raw text of a request path (slashes at both ends trimmed),
/// finding each `/` as it goes; a segment holding `%` ends the walk with [`HasEscape`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Raw<'t>(Option<&'t str>);

impl<'t> Raw<'t> {
    pub(crate) fn new(inner: &'t str) -> Raw<'t> {
        Raw((!inner.is_empty()).then_some(inner))
    }
}

impl<'t> Cursor<'t> for Raw<'t> {
    #[inline]
    fn step(self) -> Result<Option<(&'t str, Self)>, HasEscape> {
        let Some(text) = self.0 else {
            return Ok(None);
        };
        let bytes = text.as_bytes();
        let i = find_slash_or_percent(bytes);
        match bytes.get(i) {
            None => Ok(Some((text, Raw(None)))),
            // `/` is ASCII, so both slices fall on character boundaries.
            Some(b'/') => Ok(Some((&text[..i], Raw(Some(&text[i + 1..]))))),
            Some(_) => Err(HasEscape),
        }
    }

    #[inline]
    fn skip(self, len: usize) -> Self {
        // A matched plain request spells each literal exactly, so the `/` is at `len`.
        Raw(self.0.and_then(|text| text.get(len + 1..)))
    }

    #[inline]
    fn last(self) -> Option<&'t str> {
        self.0
    }
}

impl<'t, S: AsRef<str>> Cursor<'t> for &'t [S] {
    #[inline]
    fn step(self) -> Result<Option<(&'t str, Self)>, HasEscape> {
        Ok(self.split_first().map(|(s, rest)| (s.as_ref(), rest)))
    }

    fn skip(self, _len: usize) -> Self {
        self.get(1..).unwrap_or_default()
    }

    fn last(self) -> Option<&'t str> {
        self.first().map(AsRef::as_ref)
    }
}

/// The first `/` or `%` in `bytes` (or its length), eight bytes at a time: a byte loop
/// was the largest single cost of a lookup.
#[inline]
fn find_slash_or_percent(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Marks the bytes of `w` equal to `b` with their high bit. A borrow can only mark a
    // byte *after* a true match, so the lowest mark is exact.
    let marks = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let m = marks(w, b'/') | marks(w, b'%');
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    // Fewer than 8 bytes left: two overlapping 4-byte loads cover 4 to 7 of them (a byte
    // of the second load that the first already covered cannot be the first match).
    let n = bytes.len();
    let half = |at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&bytes[at..at + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    if n - i >= 4 {
        let w = half(i) | half(n - 4) << 32;
        let m = marks(w, b'/') | marks(w, b'%');
        return match m.trailing_zeros() / 8 {
            k @ 0..4 => i + k as usize,
            k @ 4..8 => n + k as usize - 8,
            _ => n,
        };
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'/' || b == b'%' {
            return i;
        }
        i += 1;
    }
    i
}

#[cfg(all(test, feature = "indexed-escapes"))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The segments a [`DecodeBuf`] decodes, as strings.
    fn decoded<const N: usize, const S: usize>(
        buf: &mut DecodeBuf<N, S>,
        inner: &str,
    ) -> Option<Vec<String>> {
        let path = buf.decode(inner)?;
        let mut out = Vec::new();
        let mut pos = path.first();
        while let Ok(Some((text, next))) = path.segment(pos) {
            out.push(String::from_utf8(text.to_vec()).expect("decoded text is UTF-8"));
            pos = next;
        }
        assert!(path.is_end(pos));
        Some(out)
    }

    #[test]
    fn a_path_too_long_or_with_too_many_segments_is_left_to_the_fallback() {
        assert!(decoded(&mut DecodeBuf::<8, 4>::new(), "a%41/b/c/d").is_none());
        assert!(decoded(&mut DecodeBuf::<64, 4>::new(), "a/b/c/d/e").is_none());
        let four = decoded(&mut DecodeBuf::<64, 4>::new(), "a/%2F//d").unwrap();
        assert_eq!(four, ["a", "/", "", "d"]);
        assert_eq!(decoded(&mut DecodeBuf::<8, 4>::new(), ""), Some(Vec::new()));
    }

    proptest! {
        /// Decoded in the buffer, every segment is what `percent_decode` gives it, `%2F`
        /// stays inside its segment, and bytes that are not UTF-8 are repaired alike.
        #[test]
        fn the_buffer_decodes_like_split_request(
            parts in proptest::collection::vec(
                prop_oneof![
                    any::<u8>().prop_map(|b| alloc::format!("%{b:02X}")),
                    proptest::sample::select(alloc::vec!["%", "%4", "/", "/", "a", "é", "€", "%2f"])
                        .prop_map(String::from),
                ],
                0..24,
            )
        ) {
            let inner = parts.concat();
            let inner = inner.trim_matches('/');
            let expected: Vec<String> =
                split_request(inner).into_iter().map(Cow::into_owned).collect();
            let got = decoded(&mut DecodeBuf::<256, 64>::new(), inner);
            prop_assert_eq!(got, Some(expected));
        }
    }
}

#[cfg(test)]
mod escaped_path_tests {
    use super::{Cursor, EscapedPath};
    use alloc::borrow::Cow;
    use alloc::vec::Vec;

    /// Every segment read through one cursor: the decoded text of those holding `%`,
    /// the others as they are.
    fn read_all(inner: &str) -> Vec<alloc::string::String> {
        let path = EscapedPath::new(Cow::Borrowed(inner));
        let mut cursor = path.cursor();
        let mut out = Vec::new();
        while let Ok(Some((segment, next))) = cursor.step() {
            out.push(segment.into());
            cursor = next;
        }
        out
    }

    #[test]
    fn each_escaped_segment_reads_its_own_decoding() {
        assert_eq!(
            read_all("a%41/b/%C3%A9%2F/%/x%zz/%E2%82/c%20d"),
            ["aA", "b", "é/", "%", "x%zz", "\u{FFFD}", "c d"]
        );
        // Many escaped segments, read after skipping some (the decodings before a value
        // are counted as the cursor passes them).
        let inner: Vec<alloc::string::String> = (0..40)
            .map(|i| alloc::format!("v%3{}{i}", i % 10))
            .collect();
        let inner = inner.join("/");
        let path = EscapedPath::new(Cow::Borrowed(&inner));
        let mut cursor = path.cursor();
        for i in 0..40 {
            if i % 3 == 0 {
                cursor = cursor.skip(0);
                continue;
            }
            let (segment, next) = cursor.step().unwrap().unwrap();
            assert_eq!(segment, alloc::format!("v{}{i}", i % 10));
            cursor = next;
        }
        assert!(matches!(cursor.step(), Ok(None)));
        let last = EscapedPath::new(Cow::Borrowed("a%41/b%42"));
        let (_, second) = last.cursor().step().unwrap().unwrap();
        assert_eq!(second.last(), Some("bB"));
    }
}

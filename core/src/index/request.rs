//! The segments of a request path as the trie walks them and as variables are read from
//! them: raw (found one at a time), recorded by the walk, or decoded.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::vec::Vec;

use crate::decode::DecodedBytes;
#[cfg(feature = "indexed-escapes")]
use crate::decode::{hex_pair, hex_pair_wide};
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

    /// Whether the segment at `pos` (not past the last segment) may decode to other text:
    /// a raw segment holding `%`.
    #[cfg(feature = "first-byte-index")]
    fn escaped(self, pos: usize) -> bool;
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

    /// Out of line: only a first segment that spells no literal asks (a miss).
    #[cfg(feature = "first-byte-index")]
    #[inline(never)]
    fn escaped(self, pos: usize) -> bool {
        let rest = self.0.as_bytes().get(pos..).unwrap_or_default();
        rest.get(find_slash_or_percent(rest)) == Some(&b'%')
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

    /// Decoded already.
    #[cfg(feature = "first-byte-index")]
    #[inline]
    fn escaped(self, _pos: usize) -> bool {
        false
    }
}

/// A request path holding `%`, decoded segment by segment into a buffer on the stack for
/// the trie walk: up to `N` bytes of path and `S` segments. Decoding never lengthens a
/// segment (a 3-byte escape gives one byte, or its share of one 3-byte U+FFFD), so the
/// decoded segments, written one after another with no separator, fit where the raw path
/// would: that text is what a match reads its values from ([`Decoded::text`]), copied once
/// when the page matched has variables, so values are never decoded a second time.
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
        // Where the segment being decoded starts in `raw` and in `bytes` (right after the
        // segment before it), and where its raw text is read.
        let (mut start, mut out, mut at) = (0, 0, 0);
        while !raw.is_empty() {
            // One pass: escapes decoded, every other byte copied, up to the next `/`.
            // Any escaped byte outside ASCII (its high bit) calls for a UTF-8 check.
            let (taken, written, high) = decode_segment(raw.get(at..)?, bytes.get_mut(out..)?)?;
            at += taken;
            let mut end = out + written;
            // Escaped bytes that are not UTF-8 (rare): written again, repaired.
            if high >= 0x80 && core::str::from_utf8(bytes.get(out..end)?).is_err() {
                end = out;
                for b in DecodedBytes::new(inner.get(start..at)?) {
                    // Cannot outgrow its raw text (see above); were it to, the caller's
                    // fallback answers instead.
                    if end - out >= at - start {
                        return None;
                    }
                    *bytes.get_mut(end)? = b;
                    end += 1;
                }
            }
            // Both fit: `end <= inner.len() <= N <= u16::MAX`.
            *spans.get_mut(count)? = (out as u16, (end - out) as u16);
            count += 1;
            out = end;
            if at >= raw.len() {
                break;
            }
            at += 1;
            start = at;
        }
        Some(Decoded {
            bytes: bytes.get(..out)?,
            spans: spans.get(..count)?,
        })
    }
}

/// Decodes the segment at the start of `raw` (up to its `/`) into `out`: how many raw
/// bytes it took, how many bytes it wrote, and the escaped bytes OR-ed together (a high bit
/// calls for a UTF-8 check); `None` when `out` is too short. A function of its own, so that
/// the loop keeps its few values in registers (inside [`decode_into`]'s loop, it took about
/// 30 instructions an escape).
#[cfg(feature = "indexed-escapes")]
#[inline(never)]
fn decode_segment(raw: &[u8], out: &mut [u8]) -> Option<(usize, usize, u8)> {
    // The raw text is read through a shrinking slice: no position to check against its
    // length at every byte.
    let (mut rest, mut written, mut high) = (raw, 0, 0u8);
    loop {
        // Runs of valid escapes (text outside ASCII, or a path written all in `%XX`),
        // four at a time with one check, then one at a time: about 11 and 21 instructions
        // an escape, against 28 in the general step below.
        while let [
            b'%',
            a0,
            a1,
            b'%',
            b0,
            b1,
            b'%',
            c0,
            c1,
            b'%',
            d0,
            d1,
            after @ ..,
        ] = rest
        {
            let (a, b) = (hex_pair_wide(*a0, *a1), hex_pair_wide(*b0, *b1));
            let (c, d) = (hex_pair_wide(*c0, *c1), hex_pair_wide(*d0, *d1));
            let any = a | b | c | d;
            if any > 0xFF {
                break;
            }
            out.get_mut(written..written + 4)?
                .copy_from_slice(&[a as u8, b as u8, c as u8, d as u8]);
            high |= any as u8;
            written += 4;
            rest = after;
        }
        while let [b'%', hi, lo, after @ ..] = rest {
            let Some(decoded) = hex_pair(*hi, *lo) else {
                break;
            };
            *out.get_mut(written)? = decoded;
            high |= decoded;
            written += 1;
            rest = after;
        }
        let [b, tail @ ..] = rest else { break };
        let (byte, after) = match (*b, tail) {
            (b'/', _) => break,
            (b'%', [hi, lo, after @ ..]) => match hex_pair(*hi, *lo) {
                Some(decoded) => {
                    high |= decoded;
                    (decoded, after)
                }
                None => (b'%', tail),
            },
            (b, _) => (b, tail),
        };
        *out.get_mut(written)? = byte;
        written += 1;
        rest = after;
    }
    Some((raw.len() - rest.len(), written, high))
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
impl<'b> Decoded<'b> {
    /// The decoded segments one after another, with no separator: the text
    /// [`EscapedPath`] reads values from. Each segment is UTF-8 (checked or repaired
    /// above), so any run of whole segments is.
    pub(crate) fn text(self) -> &'b [u8] {
        self.bytes
    }
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

    /// Decoded already.
    #[cfg(feature = "first-byte-index")]
    #[inline]
    fn escaped(self, _pos: usize) -> bool {
        false
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
/// with the decoded text of its segments, one after another with no separator, when the
/// match has variables to read (a page without variables needs none). The walk that found
/// the route decoded the path already and hands its text over ([`Decoded::text`]): a value
/// is never decoded a second time. Only a path the walk did not decode into a buffer (a
/// redirect target, a path longer than the largest buffer, builds without
/// `indexed-escapes`) is decoded here. One boxed string, so that dropping a match stays
/// cheap (its drop code is on every lookup's path).
///
/// The text is made with the match, not when a value is first read: a cache filled
/// through `&self` is a write into the match, and code that writes into a match keeps the
/// compiler from holding it in registers, which made every lookup copy it (a quarter of a
/// static page's answer). It is kept as bytes: a value read from it is checked as UTF-8
/// then (it always is), so a lookup that reads no value does not check the whole text.
#[derive(Debug)]
pub(crate) struct EscapedPath<'p> {
    inner: Cow<'p, str>,
    text: Option<Box<[u8]>>,
}

impl<'p> EscapedPath<'p> {
    /// The path, with its decoded text when the walk kept one (see
    /// [`decoded`](Self::decoded)).
    pub(crate) fn new(inner: Cow<'p, str>, text: Option<Box<[u8]>>) -> EscapedPath<'p> {
        EscapedPath { inner, text }
    }

    /// The path with its decoded text, for reading values.
    pub(crate) fn decoded(mut self) -> EscapedPath<'p> {
        if self.text.is_none() {
            self.text = Some(decoded_text(&self.inner));
        }
        self
    }

    pub(crate) fn inner(&self) -> &str {
        &self.inner
    }

    /// A cursor at the first segment, for a path [`decoded`](Self::decoded).
    #[inline]
    pub(crate) fn cursor(&self) -> Escaped<'_> {
        Escaped {
            rest: (!self.inner.is_empty()).then_some(&*self.inner),
            decoded: 0,
            text: self.text.as_deref().unwrap_or_default(),
        }
    }
}

/// The decodings of the segments of `inner`, one after another with no separator (what
/// [`Decoded::text`] holds), for a path no walk decoded.
#[cold]
#[inline(never)]
fn decoded_text(inner: &str) -> Box<[u8]> {
    // Decoding never lengthens a segment: the capacity is never exceeded.
    let mut text = Vec::with_capacity(inner.len());
    for segment in inner.split('/') {
        text.extend(DecodedBytes::new(segment));
    }
    text.into_boxed_slice()
}

/// A [`Cursor`] over an [`EscapedPath`]: plain segments are lent from the path, the others
/// from its decoded text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Escaped<'t> {
    rest: Option<&'t str>,
    /// Where the decoding of the next segment starts in `text`: the decoded lengths of
    /// the segments the cursor has passed (kept as it goes, so that reading every value is
    /// linear in the path, not quadratic in its escaped segments).
    decoded: usize,
    /// The path's decoded segments, one after another (empty when no value is read).
    text: &'t [u8],
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
        // A plain segment is its own decoding; one holding `%` is measured, not decoded
        // (its decoding is in `text` already).
        let decoded = self.decoded
            + match segment.as_bytes().contains(&b'%') {
                true => DecodedBytes::new(segment).count(),
                false => segment.len(),
            };
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
        // Whole segments of decoded text: always UTF-8.
        let decoded = self
            .text
            .get(self.decoded..next.decoded)
            .unwrap_or_default();
        core::str::from_utf8(decoded).unwrap_or_default()
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
pub(crate) const ENDS: usize = 8;

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

    /// The ends as a match keeps them (see [`PackedEnds`]).
    #[inline(always)]
    pub(crate) fn packed(&self) -> PackedEnds {
        #[cfg(target_pointer_width = "64")]
        let packed = {
            let mut bytes = [0u8; 16];
            for (pair, end) in bytes.chunks_exact_mut(2).zip(self.0) {
                pair.copy_from_slice(&end.to_le_bytes());
            }
            PackedEnds(u128::from_le_bytes(bytes))
        };
        #[cfg(not(target_pointer_width = "64"))]
        let packed = PackedEnds(self.0);
        packed
    }
}

/// [`Ends`] as a match keeps them. On 64-bit targets, one integer, entry `d` in bits
/// `16 d ..`, read with a shift: no code then indexes into a match by a computed offset,
/// which would keep the compiler from holding a match in registers (the static lookup's
/// answer is then about 10 instructions, not 20). Elsewhere (the browser bundle, where
/// size matters more than a lookup's last instructions), the array.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PackedEnds(
    #[cfg(target_pointer_width = "64")] u128,
    #[cfg(not(target_pointer_width = "64"))] [u16; ENDS],
);

impl PackedEnds {
    /// Where segment `i` starts and ends (for `i` up to [`ENDS`]; entries past the last
    /// read as 0): the end before it and its own, both with one shift.
    #[cfg(target_pointer_width = "64")]
    #[inline(always)]
    fn bounds(self, i: usize) -> (usize, usize) {
        match i.checked_sub(1) {
            Some(before) => {
                let two = (self.0 >> (16 * (before % ENDS))) as u32;
                ((two & 0xFFFF) as usize + 1, (two >> 16) as usize)
            }
            None => (0, usize::from(self.0 as u16)),
        }
    }

    /// Where segment `i` starts and ends (for `i` up to [`ENDS`]; entries past the last
    /// read as 0): the end before it and its own.
    #[cfg(not(target_pointer_width = "64"))]
    #[inline(always)]
    fn bounds(self, i: usize) -> (usize, usize) {
        let start = i.checked_sub(1).map_or(0, |before| self.end(before) + 1);
        (start, self.end(i))
    }

    /// The end of segment `i` (below [`ENDS`]).
    #[cfg(target_pointer_width = "64")]
    #[inline(always)]
    fn end(self, i: usize) -> usize {
        self.bounds(i + 1).0 - 1
    }

    /// The end of segment `i` (below [`ENDS`]).
    #[cfg(not(target_pointer_width = "64"))]
    #[inline(always)]
    fn end(self, i: usize) -> usize {
        usize::from(self.0[i % ENDS])
    }
}

/// The segments of a raw path whose [`Ends`] a walk recorded: steps without searching.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spanned<'t> {
    inner: &'t str,
    ends: PackedEnds,
    /// Where the next segment starts, and its number.
    start: usize,
    segment: usize,
}

impl<'t> Spanned<'t> {
    /// `None` when `ends` cannot describe a path this long or a match with this many
    /// segments.
    pub(crate) fn new(inner: &'t str, ends: PackedEnds, segments: usize) -> Option<Spanned<'t>> {
        (inner.len() <= usize::from(u16::MAX) && segments <= ENDS).then_some(Spanned {
            inner,
            ends,
            start: 0,
            segment: 0,
        })
    }

    #[inline]
    fn end(&self) -> usize {
        self.ends.end(self.segment)
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
        let (start, end) = self.ends.bounds(i);
        self.inner.get(start..end)
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
    use alloc::string::String;
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
                    proptest::sample::select(alloc::vec!["%", "%4", "/", "/", "a", "é", "€", "%2f", "%zz", "%0g"])
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
            prop_assert_eq!(got, Some(expected.clone()));
            // The text a match reads values from: the same decodings, one after another,
            // from the walk's buffer or, for a path no walk decoded, by `decoded_text`.
            let mut buf = DecodeBuf::<256, 64>::new();
            let joined = expected.concat();
            let text = buf.decode(inner).map(Decoded::text);
            prop_assert_eq!(text, Some(joined.as_bytes()));
            prop_assert_eq!(&*decoded_text(inner), joined.as_bytes());
        }
    }
}

#[cfg(test)]
mod escaped_path_tests {
    use super::{Cursor, EscapedPath};
    use alloc::borrow::Cow;
    use alloc::vec::Vec;

    /// Every segment read through one cursor: the decoded text of those holding `%`,
    /// the others as they are. The same whether the text comes from the walk's buffer
    /// (a request's) or is decoded for the match (a redirect target's).
    fn read_all(inner: &str) -> Vec<alloc::string::String> {
        let read = |path: EscapedPath<'_>| {
            let mut cursor = path.cursor();
            let mut out = Vec::new();
            while let Ok(Some((segment, next))) = cursor.step() {
                out.push(alloc::string::String::from(segment));
                cursor = next;
            }
            out
        };
        let out = read(EscapedPath::new(Cow::Borrowed(inner), None).decoded());
        #[cfg(feature = "indexed-escapes")]
        {
            let mut buf = super::DecodeBuf::<256, 64>::new();
            let text = buf.decode(inner).map(super::Decoded::text).unwrap();
            let walked = EscapedPath::new(Cow::Borrowed(inner), Some(text.into()));
            assert_eq!(read(walked), out);
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
        let path = EscapedPath::new(Cow::Borrowed(&inner), None).decoded();
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
        let last = EscapedPath::new(Cow::Borrowed("a%41/b%42"), None).decoded();
        let (_, second) = last.cursor().step().unwrap().unwrap();
        assert_eq!(second.last(), Some("bB"));
    }
}

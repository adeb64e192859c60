//! The segments of a request path as the trie walks them and as variables are read from
//! them: raw (found one at a time), recorded by the walk, or decoded.

use alloc::borrow::Cow;
use alloc::vec::Vec;

/// The segments of a request path (slashes at both ends already trimmed), each decoded
/// where it contains `%`: the slow path, for requests the raw walk gave up on.
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

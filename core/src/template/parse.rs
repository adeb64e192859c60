//! Parsing a template's text in one pass.

use super::*;

/// The pieces of a template while it is parsed. A registry build parses every template
/// into one `Parts` ([`Template::parse_owned`]), whose buffers keep their room from one
/// template to the next; the template copies what it needs.
#[derive(Default)]
pub(crate) struct Parts {
    pub(super) segments: Vec<Seg>,
    vars: Vec<Var>,
    /// Characters of literal text (decoded).
    pub(super) literal_chars: usize,
    /// Decoded literals, to follow the given text.
    decoded: String,
}

impl Parts {
    /// Parses `text` into these buffers (emptied first).
    pub(super) fn read(&mut self, text: &str) -> Result<(), TemplateError> {
        self.segments.clear();
        self.vars.clear();
        self.decoded.clear();
        self.literal_chars = 0;
        if !fits_spans(text.len()) {
            return Err(TemplateError::TooLong);
        }
        let bytes = text.as_bytes();
        let (start, end) = match bytes {
            // The usual template: one `/` first, none after it or last. (Browser bundles,
            // which count bytes, take the loops.)
            [b'/', first, .., last]
                if *first != b'/' && *last != b'/' && cfg!(not(target_arch = "wasm32")) =>
            {
                (1, bytes.len())
            }
            _ => inner_bounds(bytes),
        };
        if start == end {
            return Ok(());
        }
        // The literal characters are the bytes of the text less the separators and the
        // `<name>`s (taken off while scanning, with the corrections for decoded literals,
        // and for the separators at the end), then, for a text that is not ASCII, less the
        // bytes that continue a character. The scan's words tell whether it is.
        self.literal_chars = end - start;
        let mut seen = 0;
        self.scan(text, start, end, &mut seen)?;
        self.literal_chars -= self.segments.len() - 1;
        // (Browser bundles, which count bytes, ask the text.)
        let ascii = match cfg!(target_arch = "wasm32") {
            true => text.is_ascii(),
            false => seen & 0x8080_8080_8080_8080 == 0,
        };
        if !ascii {
            self.count_characters(text, start, end);
        }
        // (A lone variable repeats no name: no name is read.)
        let vars = &self.vars;
        // (Names compared as bytes: equal names have equal lengths, so most pairs are
        // told apart by one comparison.)
        if vars.len() > 1 {
            let bytes = text.as_bytes();
            for (i, var) in vars.iter().enumerate() {
                let name = var.name.bytes_of(bytes);
                if vars[..i].iter().any(|v| v.name.bytes_of(bytes) == name) {
                    return Err(TemplateError::DuplicateVariable {
                        name: String::from(var.name.of(text)),
                    });
                }
            }
        }
        Ok(())
    }

    /// Reads the segments of `text[start..end]` in one pass (error offsets are into
    /// `text`), counting the literal characters as bytes. `seen` gets every byte of the
    /// text or-ed into it (where the search reads words), so that its high bits tell
    /// whether the text is ASCII.
    ///
    /// Each segment is found by one search for its `/` that also tells whether a `<`, `>`
    /// or `%` comes before it: a segment without one (most of them) is its own literal and
    /// is pushed as it is, with nothing else read.
    fn scan(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        seen: &mut u64,
    ) -> Result<(), TemplateError> {
        // (Cut at `end` once, so that the search's reads need no bounds checks.)
        let inner = text.as_bytes().get(..end).unwrap_or_default();
        let mut at = start;
        loop {
            let (slash, special) = segment_end(inner, at, seen);
            if slash == at {
                return Err(TemplateError::EmptySegment);
            }
            if special {
                self.special_segment(text, at, slash)?;
            } else {
                self.segments.push(Seg {
                    head: Span {
                        start: at as u32,
                        len: (slash - at) as u32,
                    },
                    count: 0,
                    first: 0,
                    kind: SegmentKind::Static,
                });
            }
            if slash >= end {
                return Ok(());
            }
            at = slash + 1;
        }
    }

    /// Reads the segment `text[start..end]` (no `/` in it, not empty), which holds a `<`,
    /// `>` or `%`: a whole `<name>` at once, anything else jumping from one special byte to
    /// the next.
    fn special_segment(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
    ) -> Result<(), TemplateError> {
        let bytes = text.as_bytes();
        // `<name>` alone, the commonest variable: its name holds no `<`, `>` or `%` when it
        // is an identifier, so the segment has no other special byte. Anything else
        // (errors included) is read by the loop below. (Browser bundles, which count bytes
        // and parse few templates, leave it to the loop.)
        #[cfg(not(target_arch = "wasm32"))]
        if bytes[start] == b'<' && bytes[end - 1] == b'>' && end - start > 2 {
            let name = &text[start + 1..end - 1];
            if is_identifier(name) == Some(true) && u16::try_from(self.vars.len()).is_ok() {
                self.literal_chars -= name.len() + 2;
                self.vars.push(Var {
                    name: Span {
                        start: (start + 1) as u32,
                        len: name.len() as u32,
                    },
                    // (Empty spans where the loop below would put them.)
                    after: Span {
                        start: end as u32,
                        len: 0,
                    },
                    segment: self.segments.len() as u32,
                    index: 0,
                    whole: true,
                });
                self.segments.push(Seg {
                    head: Span {
                        start: start as u32,
                        len: 0,
                    },
                    count: 1,
                    // (At most 65,536 variables: checked above.)
                    first: (self.vars.len() - 1) as u16,
                    kind: SegmentKind::Variable,
                });
                return Ok(());
            }
        }
        // This segment's first variable and head; the literal being read: where it
        // starts, and whether it holds `%`.
        let first = self.vars.len();
        let mut head = Span::default();
        let mut literal_start = start;
        let mut escaped = false;
        let mut i = start;
        loop {
            let k = next_special(bytes, i, end);
            match bytes.get(k).filter(|_| k < end) {
                None | Some(b'/') => {
                    let tail = self.literal(text, literal_start, k, escaped);
                    self.push_segment(head, first, tail);
                    return Ok(());
                }
                Some(b'>') => return Err(TemplateError::Unbalanced { at: k }),
                Some(b'%') => {
                    escaped = true;
                    i = k + 1;
                }
                Some(_) => {
                    // `<`: the name runs to the next `>` of the segment.
                    let mut close = k + 1;
                    let mut nested = None;
                    loop {
                        close = next_special(bytes, close, end);
                        match bytes.get(close).filter(|_| close < end) {
                            Some(b'>') => break,
                            None | Some(b'/') => {
                                return Err(TemplateError::Unbalanced { at: k });
                            }
                            Some(b'<') if nested.is_none() => nested = Some(close),
                            Some(_) => {}
                        }
                        close += 1;
                    }
                    if let Some(at) = nested {
                        return Err(TemplateError::Nested { at });
                    }
                    let name = &text[k + 1..close];
                    match is_identifier(name) {
                        Some(true) => {}
                        Some(false) => {
                            return Err(TemplateError::BadVariableName { name: name.into() });
                        }
                        None => {
                            return Err(TemplateError::NeedsUnicodeIdent { name: name.into() });
                        }
                    }
                    let literal = self.literal(text, literal_start, k, escaped);
                    if literal.len == 0 && self.vars.len() > first {
                        return Err(TemplateError::AdjacentVariables { at: k });
                    }
                    match self.vars[first..].last_mut() {
                        Some(var) => var.after = literal,
                        None => head = literal,
                    }
                    if u16::try_from(self.vars.len()).is_err() {
                        return Err(TemplateError::BadVariableName { name: name.into() });
                    }
                    self.literal_chars -= name.len() + 2;
                    self.vars.push(Var {
                        name: Span {
                            start: (k + 1) as u32,
                            len: (close - k - 1) as u32,
                        },
                        after: Span::default(),
                        segment: self.segments.len() as u32,
                        index: (self.vars.len() - first) as u16,
                        whole: false,
                    });
                    i = close + 1;
                    literal_start = i;
                    escaped = false;
                }
            }
        }
    }

    /// Corrects the literal characters of a text that is not ASCII, counted as bytes by
    /// the scan: less the bytes that continue a character in `text[start..end]`, but
    /// for those in the names, which were taken off with them (rare: kept out of line).
    #[cold]
    #[inline(never)]
    fn count_characters(&mut self, text: &str, start: usize, end: usize) {
        let continuing = |s: &str| s.len() - count_chars(s);
        let in_names: usize = self.vars.iter().map(|v| continuing(v.name.of(text))).sum();
        let inner = text.get(start..end).unwrap_or_default();
        self.literal_chars = self.literal_chars + in_names - continuing(inner);
    }

    /// Ends a segment whose variables start at `first`: `tail` is its last literal.
    pub(super) fn push_segment(&mut self, mut head: Span, first: usize, tail: Span) {
        let count = self.vars.len() - first;
        let kind = match self.vars[first..].last_mut() {
            None => {
                head = tail;
                SegmentKind::Static
            }
            Some(var) => {
                var.after = tail;
                if head.len == 0 && count == 1 && tail.len == 0 {
                    var.whole = true;
                    SegmentKind::Variable
                } else {
                    SegmentKind::Partial
                }
            }
        };
        self.segments.push(Seg {
            head,
            count: count as u32,
            // (A segment with variables starts at one, so below 65,536; a static one
            // reads none, whatever its `first`.)
            first: first as u16,
            kind,
        });
    }

    /// The decoded literal `text[from..to]`: a span of `text` itself when it holds no `%`
    /// (`escaped`), else of the decoded text that will follow it.
    #[inline]
    pub(super) fn literal(&mut self, text: &str, from: usize, to: usize, escaped: bool) -> Span {
        if !escaped {
            return Span {
                start: from as u32,
                len: (to - from) as u32,
            };
        }
        self.decoded_literal(text, from, to)
    }

    /// [`literal`](Self::literal) for a literal that holds `%` (rare: kept out of line).
    #[cold]
    #[inline(never)]
    fn decoded_literal(&mut self, text: &str, from: usize, to: usize) -> Span {
        let raw = &text[from..to];
        let decoded = percent_decode(raw);
        self.literal_chars = self.literal_chars + count_chars(&decoded) - count_chars(raw);
        let start = text.len() + self.decoded.len();
        self.decoded.push_str(&decoded);
        // A decoded literal is never longer than its source, but both may sit beyond
        // 4 GiB together: such a literal reads as empty text instead.
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            len: decoded.len() as u32,
        }
    }

    pub(super) fn into_template(self, text: String) -> Template {
        let (segments, vars) = (
            self.segments.into_boxed_slice(),
            self.vars.into_boxed_slice(),
        );
        assemble(text, &self.decoded, self.literal_chars, segments, vars)
    }

    /// [`into_template`](Self::into_template) for parts that stay: the template gets
    /// copies of their slices, sized exactly.
    #[inline]
    pub(super) fn to_template(&self, text: String) -> Template {
        // (A static template's empty box is made without a call to copy nothing.)
        let vars = if self.vars.is_empty() {
            Box::default()
        } else {
            Box::from(&self.vars[..])
        };
        let segments = Box::from(&self.segments[..]);
        assemble(text, &self.decoded, self.literal_chars, segments, vars)
    }
}

/// The template's text is the given text followed by the decoded literals its spans point
/// into.
#[inline]
fn assemble(
    mut text: String,
    decoded: &str,
    literal_chars: usize,
    segments: Box<[Seg]>,
    vars: Box<[Var]>,
) -> Template {
    let given = text.len() as u32;
    if !decoded.is_empty() {
        text.push_str(decoded);
    }
    Template {
        text: text.into_boxed_str(),
        given,
        literal_chars: u32::try_from(literal_chars).unwrap_or(u32::MAX),
        segments,
        vars,
    }
}

pub(super) fn count_byte(text: &str, byte: u8) -> usize {
    text.bytes().filter(|&b| b == byte).count()
}

/// The first byte of `bytes[from..to]` that is `/`, `<`, `>` or `%` (or `to`), eight bytes
/// at a time.
#[inline]
fn next_special(bytes: &[u8], from: usize, to: usize) -> usize {
    let mut i = from;
    while i + 8 <= to {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let w = u64::from_le_bytes(word);
        let m = marks(w, b'/') | angle_marks(w) | marks(w, b'%');
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < to && !matches!(bytes[i], b'/' | b'<' | b'>' | b'%') {
        i += 1;
    }
    i
}

/// The end of the segment of `bytes` starting at `from` (its `/`, or the end), and whether
/// a `<`, `>` or `%` comes before it, eight bytes at a time; every byte read is or-ed into
/// `seen`.
#[cfg(not(target_arch = "wasm32"))]
#[inline]
fn segment_end(bytes: &[u8], from: usize, seen: &mut u64) -> (usize, bool) {
    let to = bytes.len();
    let mut special = false;
    let mut i = from;
    while i + 8 <= to {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let w = u64::from_le_bytes(word);
        *seen |= w;
        let slash = marks(w, b'/');
        let others = angle_marks(w) | marks(w, b'%');
        if slash != 0 {
            // The bits up to the first `/`'s mark: a lowest mark is exact, so a special
            // byte before the `/` leaves one there, and one after it none.
            let before = slash ^ (slash - 1);
            let at = i + (slash.trailing_zeros() / 8) as usize;
            return (at, special || others & before != 0);
        }
        special |= others != 0;
        i += 8;
    }
    while i < to {
        let b = bytes[i];
        *seen |= u64::from(b);
        match b {
            b'/' => return (i, special),
            b'<' | b'>' | b'%' => special = true,
            _ => {}
        }
        i += 1;
    }
    (to, special)
}

/// [`segment_end`] for browser bundles, which count bytes and parse few templates: every
/// segment is read by the general loop.
#[cfg(target_arch = "wasm32")]
#[inline]
fn segment_end(bytes: &[u8], from: usize, _: &mut u64) -> (usize, bool) {
    let len = bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .position(|&b| b == b'/');
    (len.map_or(bytes.len(), |len| from + len), true)
}

/// Marks the bytes of `w` equal to `b` with their high bit. A borrow can only mark a byte
/// *after* a true match, so the lowest mark is exact.
#[inline]
fn marks(w: u64, b: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = w ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Marks the bytes of `w` that are `<` or `>` as [`marks`] does (so the lowest mark is
/// exact): the two differ only in bit 1, so with that bit set in every byte both read as
/// `>`, and no other byte does. One comparison instead of two.
#[inline]
pub(super) fn angle_marks(w: u64) -> u64 {
    marks(w | 0x0202_0202_0202_0202, b'>')
}

/// `text.split('/')`, with a byte search (segments are short).
pub(super) fn split_slash(text: &str) -> impl Iterator<Item = &str> + Clone {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let text = rest?;
        match text.bytes().position(|b| b == b'/') {
            Some(i) => {
                rest = text.get(i + 1..);
                text.get(..i)
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// The decoded segments of a registered path, as [`decoded_segments`] gives them.
pub(super) fn path_segments(path: &str) -> impl Iterator<Item = Cow<'_, str>> + Clone {
    let inner = path.trim_matches('/');
    let mut segments = split_slash(inner);
    if inner.is_empty() {
        segments.next();
    }
    segments.map(percent_decode)
}

/// Characters in `text`: bytes that do not continue a UTF-8 sequence.
pub(super) fn count_chars(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

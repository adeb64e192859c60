//! Path templates (POLICY D1–D5, D9): `<name>` variables anywhere in a segment.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::decode::{SEGMENT_KEEP, decoded_segments, encode_into, percent_decode};
use crate::error::TemplateError;
use crate::index::Cursor;

/// A parsed path template, or a static path seen as a template without variables.
///
/// A template is split into segments at `/` (slashes at both ends ignored); each segment is
/// literal text and `<name>` variables. A variable matches one or more characters of one
/// decoded segment (never a separator, though it may hold a `/` decoded from `%2F`). Where a
/// segment has several variables, each takes the longest match that lets the rest match:
/// the split of the regex `^lit(.+)lit(.+)…$`.
///
/// ```
/// use folio_core::Template;
/// let t = Template::parse("/asset/<asset_id>/department/hello-<dept_id>").unwrap();
/// let vars = t.match_path("/asset/7/department/hello-sales").unwrap();
/// assert_eq!(vars, [("asset_id", "7".into()), ("dept_id", "sales".into())]);
///
/// let v = Template::parse("/v<major>.<minor>").unwrap();
/// assert_eq!(v.match_path("/v1.2.3").unwrap(), [("major", "1.2".into()), ("minor", "3".into())]);
/// assert!(Template::parse("/a/<x").is_err());
/// ```
#[derive(Clone)]
pub struct Template {
    /// The text as given, then the decoded text of the literals that hold `%`. Literals
    /// and names are [`Span`]s into it, so a template is three allocations at most, not
    /// one per literal.
    text: Box<str>,
    /// The length of the text as given (the start of `text`).
    given: u32,
    /// POLICY D6: characters of literal text (the rank's tie-break after the segment
    /// kinds), counted while parsing.
    literal_chars: u32,
    segments: Box<[Seg]>,
    /// The variables in template order.
    vars: Box<[Var]>,
}

/// Where a piece of text is in a template's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    #[inline]
    fn of(self, text: &str) -> &str {
        let start = self.start as usize;
        text.get(start..start + self.len as usize).unwrap_or("")
    }
}

/// One segment: `head <v1> lit1 <v2> lit2 … <vk> litk`; every literal between two
/// variables is non-empty, `head` and the last literal may be empty. A static segment is
/// its `head` alone.
#[derive(Clone, Copy, Debug)]
struct Seg {
    head: Span,
    /// Its variables are `vars[first..first + count]`.
    first: u32,
    count: u32,
    kind: SegmentKind,
}

/// A variable: its name, the literal after it, and where it is, so reading values needs
/// no search.
#[derive(Clone, Copy, Debug)]
struct Var {
    name: Span,
    /// The literal after it, up to the next variable or the end of the segment.
    after: Span,
    /// The template segment holding it.
    segment: u32,
    /// Its position among that segment's variables.
    index: u16,
    /// It is the whole segment (the value is the segment's text).
    whole: bool,
}

/// One segment of a template, borrowed from it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Segment<'t> {
    /// Literal text only (decoded).
    Static(&'t str),
    /// Literal text and at least one variable.
    Pattern(Pattern<'t>),
}

/// The literals of a segment with variables: `head`, then the literal after each variable.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pattern<'t> {
    text: &'t str,
    head: Span,
    vars: &'t [Var],
}

/// How specific a segment is (POLICY D6): smaller wins.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum SegmentKind {
    Static = 0,
    Partial = 1,
    Variable = 2,
}

/// Spans are `u32`: longer texts are refused (or, for a static path, cut).
const MAX_TEXT: usize = u32::MAX as usize;

impl Template {
    /// Parses a template. Errors follow POLICY D9: unbalanced or nested `<` `>`, two
    /// variables with nothing between them, a name that is not an identifier, the same name
    /// twice, an empty inner segment. Literal text is percent-decoded, so `%3C` is a literal
    /// `<`.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let parts = Parts::parse(text)?;
        Ok(parts.into_template(String::from(text)))
    }

    /// [`parse`](Self::parse), keeping `text` as the template's own copy; on error the text
    /// is handed back.
    pub(crate) fn parse_owned(text: String) -> Result<Template, (TemplateError, String)> {
        match Parts::parse(&text) {
            Ok(parts) => Ok(parts.into_template(text)),
            Err(e) => Err((e, text)),
        }
    }

    /// A registered static path as a template: slashes at both ends ignored, each segment
    /// percent-decoded, inner empty segments kept (POLICY D2, D4). Never fails (a path
    /// longer than 4 GiB is read up to there; the registry refuses such paths).
    pub fn from_path(path: &str) -> Template {
        let mut cut = path.len().min(MAX_TEXT);
        while !path.is_char_boundary(cut) {
            cut -= 1;
        }
        let path = &path[..cut];
        let mut parts = Parts::default();
        let inner = path.trim_matches('/');
        let offset = path.len() - path.trim_start_matches('/').len();
        if !inner.is_empty() {
            parts.segments.reserve_exact(count_byte(inner, b'/') + 1);
            let mut start = offset;
            for raw in split_slash(inner) {
                let escaped = raw.as_bytes().contains(&b'%');
                parts.literal_chars += count_chars(raw);
                let head = parts.literal(path, start, start + raw.len(), escaped);
                parts.push_segment(Span::default(), 0, head);
                start += raw.len() + 1;
            }
        }
        parts.into_template(String::from(path))
    }

    /// The text the template was parsed from (for a static path: the path).
    pub(crate) fn given(&self) -> &str {
        self.text.get(..self.given as usize).unwrap_or("")
    }

    /// Writes the text as given with `fill` in place of every `<name>`.
    pub(crate) fn write_filled(&self, fill: &str, out: &mut String) {
        let given = self.given();
        let mut at = 0;
        for v in self.vars.iter() {
            // The name is spelled `<name>` in the given text.
            let open = (v.name.start as usize).saturating_sub(1);
            out.push_str(given.get(at..open).unwrap_or(""));
            out.push_str(fill);
            at = (v.name.start + v.name.len) as usize + 1;
        }
        out.push_str(given.get(at..).unwrap_or(""));
    }

    /// The variable names, in order.
    pub fn variables(&self) -> impl ExactSizeIterator<Item = &str> {
        self.vars.iter().map(|v| v.name.of(&self.text))
    }

    /// True when the template has no variables (it is a static path, POLICY D5).
    pub fn is_static(&self) -> bool {
        self.vars.is_empty()
    }

    /// Number of segments (the root has none).
    pub fn len(&self) -> usize {
        self.segments.len()
    }

    /// True for the root template (`/`).
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// Matches a request path (slashes at both ends ignored, each segment decoded) and
    /// returns the variables in template order.
    pub fn match_path<'p>(&self, path: &'p str) -> Option<Vec<(&str, Cow<'p, str>)>> {
        let segments: Vec<Cow<'p, str>> = decoded_segments(path).collect();
        if !self.matches(&segments) {
            return None;
        }
        let mut out = Vec::with_capacity(self.vars.len());
        for (name, value) in self.values(&segments[..]) {
            let value = match segments.iter().find(|s| is_within(value, s)) {
                Some(Cow::Borrowed(whole)) => {
                    let whole: &'p str = whole;
                    Cow::Borrowed(sub_of(whole, value))
                }
                _ => Cow::Owned(String::from(value)),
            };
            out.push((name, value));
        }
        Some(out)
    }

    /// The segments, in order.
    pub(crate) fn segments(&self) -> impl ExactSizeIterator<Item = Segment<'_>> + Clone + '_ {
        self.segments.iter().map(|s| self.segment(s))
    }

    #[inline]
    fn segment<'t>(&'t self, seg: &Seg) -> Segment<'t> {
        match seg.kind {
            SegmentKind::Static => Segment::Static(seg.head.of(&self.text)),
            _ => Segment::Pattern(self.pattern(seg)),
        }
    }

    #[inline]
    fn pattern<'t>(&'t self, seg: &Seg) -> Pattern<'t> {
        let first = seg.first as usize;
        Pattern {
            text: &self.text,
            head: seg.head,
            vars: self
                .vars
                .get(first..first + seg.count as usize)
                .unwrap_or_default(),
        }
    }

    /// The kind of each segment, in order.
    pub(crate) fn kinds(&self) -> impl ExactSizeIterator<Item = SegmentKind> + '_ {
        self.segments.iter().map(|s| s.kind)
    }

    /// True when every segment matches (same count, POLICY D1/D3/D4).
    pub(crate) fn matches<S: AsRef<str>>(&self, request: &[S]) -> bool {
        self.segments.len() == request.len()
            && self
                .segments()
                .zip(request)
                .all(|(seg, text)| seg.matches(text.as_ref()))
    }

    /// The variables of a matching request, in template order, borrowed from the segments
    /// under `cursor` (a slice of segments, or a raw plain path).
    pub(crate) fn values<'s, 't, C: Cursor<'t>>(&'s self, cursor: C) -> Values<'s, 't, C> {
        Values::new(Some(self), cursor)
    }

    /// True when every segment under `cursor` matches (same count).
    pub(crate) fn matches_at<'t, C: Cursor<'t>>(&self, mut cursor: C) -> bool {
        for seg in self.segments() {
            match cursor.step() {
                Ok(Some((text, rest))) if seg.matches(text) => cursor = rest,
                _ => return false,
            }
        }
        matches!(cursor.step(), Ok(None))
    }

    /// POLICY D6: the number of literal characters (the rank's tie-break after the
    /// segment kinds).
    pub(crate) fn literal_chars(&self) -> usize {
        self.literal_chars as usize
    }

    /// The decoded literal text of segment `i` and variable values, written as a URL path
    /// with each segment percent-encoded (POLICY C10).
    pub(crate) fn write_url(
        &self,
        out: &mut String,
        value: &dyn Fn(&str) -> Option<String>,
    ) -> bool {
        if self.segments.is_empty() {
            out.push('/');
        }
        for seg in self.segments.iter() {
            out.push('/');
            let mut text = String::from(seg.head.of(&self.text));
            for var in self.pattern(seg).vars {
                match value(var.name.of(&self.text)) {
                    Some(v) => text.push_str(&v),
                    None => return false,
                }
                text.push_str(var.after.of(&self.text));
            }
            encode_into(out, &text, SEGMENT_KEEP);
        }
        true
    }
}

/// Equal segments and names (whatever text they were parsed from).
impl PartialEq for Template {
    fn eq(&self, other: &Template) -> bool {
        let (a, b) = (&*self.text, &*other.text);
        self.segments.len() == other.segments.len()
            && self.vars.len() == other.vars.len()
            && self
                .segments
                .iter()
                .zip(other.segments.iter())
                .all(|(x, y)| {
                    x.kind == y.kind && x.count == y.count && x.head.of(a) == y.head.of(b)
                })
            && self.vars.iter().zip(other.vars.iter()).all(|(x, y)| {
                x.segment == y.segment
                    && x.name.of(a) == y.name.of(b)
                    && x.after.of(a) == y.after.of(b)
            })
    }
}

impl Eq for Template {}

/// The pieces of a template while it is parsed.
#[derive(Default)]
struct Parts {
    segments: Vec<Seg>,
    vars: Vec<Var>,
    /// Characters of literal text (decoded).
    literal_chars: usize,
    /// Decoded literals, to follow the given text.
    decoded: String,
}

impl Parts {
    fn parse(text: &str) -> Result<Parts, TemplateError> {
        if text.len() > MAX_TEXT {
            return Err(TemplateError::TooLong);
        }
        let bytes = text.as_bytes();
        // Slashes at both ends are ignored.
        let mut start = 0;
        while bytes.get(start) == Some(&b'/') {
            start += 1;
        }
        let mut end = bytes.len();
        while end > start && bytes[end - 1] == b'/' {
            end -= 1;
        }
        let mut parts = Parts::default();
        if start == end {
            return Ok(parts);
        }
        // Sized up front: the boxed slices of the template take these buffers as they are.
        // The literal characters are the characters of the text less the separators and
        // the `<name>`s (corrected below for decoded literals).
        let counts = Counts::of(&bytes[start..end]);
        parts.segments.reserve_exact(counts.slashes + 1);
        parts.vars.reserve_exact(counts.opens);
        parts.literal_chars = counts.chars - counts.slashes;
        parts.scan(text, start, end)?;
        let vars = &parts.vars;
        for (i, var) in vars.iter().enumerate() {
            let name = var.name.of(text);
            if vars[..i].iter().any(|v| v.name.of(text) == name) {
                return Err(TemplateError::DuplicateVariable {
                    name: String::from(name),
                });
            }
        }
        Ok(parts)
    }

    /// Reads the segments of `text[start..end]` in one pass, jumping from one `/`, `<`,
    /// `>` or `%` to the next (error offsets are into `text`).
    fn scan(&mut self, text: &str, start: usize, end: usize) -> Result<(), TemplateError> {
        let bytes = text.as_bytes();
        let mut segment_start = start;
        // This segment's first variable and head; the literal being read: where it
        // starts, and whether it holds `%`.
        let mut first = self.vars.len();
        let mut head = Span::default();
        let mut literal_start = start;
        let mut escaped = false;
        let mut i = start;
        loop {
            let k = next_special(bytes, i, end);
            match bytes.get(k).filter(|_| k < end) {
                None | Some(b'/') => {
                    if k == segment_start {
                        return Err(TemplateError::EmptySegment);
                    }
                    let tail = self.literal(text, literal_start, k, escaped);
                    self.push_segment(head, first, tail);
                    if k >= end {
                        return Ok(());
                    }
                    segment_start = k + 1;
                    first = self.vars.len();
                    head = Span::default();
                    literal_start = k + 1;
                    escaped = false;
                    i = k + 1;
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
                    if !is_identifier(name) {
                        return Err(TemplateError::BadVariableName { name: name.into() });
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
                    self.literal_chars -= count_chars(name) + 2;
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

    /// Ends a segment whose variables start at `first`: `tail` is its last literal.
    fn push_segment(&mut self, mut head: Span, first: usize, tail: Span) {
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
            first: first as u32,
            count: count as u32,
            kind,
        });
    }

    /// The decoded literal `text[from..to]`: a span of `text` itself when it holds no `%`
    /// (`escaped`), else of the decoded text that will follow it.
    fn literal(&mut self, text: &str, from: usize, to: usize, escaped: bool) -> Span {
        let raw = &text[from..to];
        if !escaped {
            return Span {
                start: from as u32,
                len: raw.len() as u32,
            };
        }
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

    fn into_template(self, mut text: String) -> Template {
        let given = text.len() as u32;
        if !self.decoded.is_empty() {
            text.push_str(&self.decoded);
        }
        Template {
            text: text.into_boxed_str(),
            given,
            literal_chars: u32::try_from(self.literal_chars).unwrap_or(u32::MAX),
            segments: self.segments.into_boxed_slice(),
            vars: self.vars.into_boxed_slice(),
        }
    }
}

fn count_byte(text: &str, byte: u8) -> usize {
    text.bytes().filter(|&b| b == byte).count()
}

/// How many `/`, `<` and characters a text has.
struct Counts {
    slashes: usize,
    opens: usize,
    chars: usize,
}

impl Counts {
    /// Counted eight bytes at a time.
    fn of(bytes: &[u8]) -> Counts {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
        // The high bit of each zero byte of `x` (exact: no carry crosses a byte).
        let zeros = |x: u64| !(((x & LOW).wrapping_add(LOW)) | x | LOW);
        // How many bytes `zeros` marked.
        let count = |marks: u64| ((marks >> 7).wrapping_mul(ONES) >> 56) as usize;
        let (mut slashes, mut opens, mut continuations) = (0, 0, 0);
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            slashes += count(zeros(w ^ (ONES * u64::from(b'/'))));
            opens += count(zeros(w ^ (ONES * u64::from(b'<'))));
            // UTF-8 continuation bytes are `10xxxxxx`.
            continuations += count(zeros((w & (ONES * 0xC0)) ^ (ONES * 0x80)));
        }
        for &b in words.remainder() {
            slashes += usize::from(b == b'/');
            opens += usize::from(b == b'<');
            continuations += usize::from(b & 0xC0 == 0x80);
        }
        Counts {
            slashes,
            opens,
            chars: bytes.len() - continuations,
        }
    }
}

/// The first byte of `bytes[from..to]` that is `/`, `<`, `>` or `%` (or `to`), eight bytes
/// at a time.
#[inline]
fn next_special(bytes: &[u8], from: usize, to: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Marks the bytes of `w` equal to `b` with their high bit. A borrow can only mark a
    // byte *after* a true match, so the lowest mark is exact.
    let marks = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let mut i = from;
    while i + 8 <= to {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let w = u64::from_le_bytes(word);
        let m = marks(w, b'/') | marks(w, b'<') | marks(w, b'>') | marks(w, b'%');
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

/// `text.split('/')`, with a byte search (segments are short).
fn split_slash(text: &str) -> impl Iterator<Item = &str> + Clone {
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
fn path_segments(path: &str) -> impl Iterator<Item = Cow<'_, str>> + Clone {
    let inner = path.trim_matches('/');
    let mut segments = split_slash(inner);
    if inner.is_empty() {
        segments.next();
    }
    segments.map(percent_decode)
}

/// Characters in `text`: bytes that do not continue a UTF-8 sequence.
fn count_chars(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// A template up to its variable names (POLICY D9): what registrations may not share. A
/// registered static path is compared as [`Template::from_path`] would parse it, without
/// building that template.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Shape<'a> {
    Path(&'a str),
    Template(&'a Template),
}

impl Shape<'_> {
    /// Equal shapes hash equally.
    pub(crate) fn hash(&self) -> u64 {
        let mut h = ShapeHash(0);
        match self {
            Shape::Path(path) if !path.as_bytes().contains(&b'%') => {
                // Nothing to decode: the segments are the raw text between slashes.
                let bytes = path.as_bytes();
                let mut start = 0;
                while bytes.get(start) == Some(&b'/') {
                    start += 1;
                }
                let mut end = bytes.len();
                while end > start && bytes[end - 1] == b'/' {
                    end -= 1;
                }
                while start < end {
                    let stop = bytes[start..end]
                        .iter()
                        .position(|&b| b == b'/')
                        .map_or(end, |i| start + i);
                    h.mix(SEGMENT);
                    h.bytes(&bytes[start..stop]);
                    start = stop + 1;
                }
            }
            Shape::Path(path) => {
                for seg in path_segments(path) {
                    h.mix(SEGMENT);
                    h.literal(&seg);
                }
            }
            Shape::Template(t) => {
                for seg in t.segments.iter() {
                    h.mix(SEGMENT);
                    h.literal(seg.head.of(&t.text));
                    for var in t.pattern(seg).vars {
                        h.mix(VARIABLE);
                        h.literal(var.after.of(&t.text));
                    }
                }
            }
        }
        h.0
    }

    /// Equal up to variable names.
    pub(crate) fn same(&self, other: &Shape<'_>) -> bool {
        match (*self, *other) {
            (Shape::Template(a), Shape::Template(b)) => {
                a.segments.len() == b.segments.len()
                    && a.segments().zip(b.segments()).all(|(x, y)| match (x, y) {
                        (Segment::Static(x), Segment::Static(y)) => x == y,
                        (Segment::Pattern(x), Segment::Pattern(y)) => x.same_shape(&y),
                        _ => false,
                    })
            }
            (Shape::Path(a), Shape::Path(b)) => path_segments(a).eq(path_segments(b)),
            (Shape::Path(p), Shape::Template(t)) | (Shape::Template(t), Shape::Path(p)) => {
                let mut segs = t.segments();
                path_segments(p)
                    .all(|text| matches!(segs.next(), Some(Segment::Static(s)) if *s == *text))
                    && segs.next().is_none()
            }
        }
    }
}

/// A hash of one text (the registry's module tables).
pub(crate) fn text_hash(text: &str) -> u64 {
    let mut h = ShapeHash(0);
    h.literal(text);
    h.0
}

const SEGMENT: u64 = 0x5e67_1a2b_3c4d_5e6f;
const VARIABLE: u64 = 0x7a71_b2c3_d4e5_f607;

/// FxHash-style rounds, eight bytes at a time; each literal ends with its length, so
/// the literals of a shape cannot run into each other.
struct ShapeHash(u64);

impl ShapeHash {
    #[inline]
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x5175_2b4f_c4d8_a2b5);
    }

    #[inline]
    fn literal(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    #[inline]
    fn bytes(&mut self, text: &[u8]) {
        let mut chunks = text.chunks_exact(8);
        for chunk in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(w));
        }
        // The last 1 to 7 bytes in one word (overlapping loads; with the length mixed in
        // below, equal words mean equal bytes).
        let rest = chunks.remainder();
        let n = rest.len();
        let half = |at: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(&rest[at..at + 4]);
            u64::from(u32::from_le_bytes(w))
        };
        match n {
            4.. => self.mix(half(0) | half(n - 4) << 32),
            1.. => self.mix(
                u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16,
            ),
            0 => {}
        }
        self.mix(text.len() as u64);
    }
}

fn is_within(part: &str, whole: &str) -> bool {
    let (p, w) = (part.as_ptr() as usize, whole.as_ptr() as usize);
    p >= w && p + part.len() <= w + whole.len()
}

fn sub_of<'a>(whole: &'a str, part: &str) -> &'a str {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    &whole[start..start + part.len()]
}

impl fmt::Debug for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Template({self})")
    }
}

/// Writes the template back in its own syntax; parsing the output gives an equal template.
impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("/");
        }
        let lit = |f: &mut fmt::Formatter<'_>, s: &str| {
            let mut out = String::new();
            encode_into(&mut out, s, b"!$&'()*+,;=:@");
            f.write_str(&out)
        };
        for seg in self.segments.iter() {
            f.write_str("/")?;
            lit(f, seg.head.of(&self.text))?;
            for var in self.pattern(seg).vars {
                write!(f, "<{}>", var.name.of(&self.text))?;
                lit(f, var.after.of(&self.text))?;
            }
        }
        Ok(())
    }
}

/// Python's `str.isidentifier`: XID_Start or `_`, then XID_Continue (keywords allowed).
fn is_identifier(name: &str) -> bool {
    let bytes = name.as_bytes();
    if bytes.is_ascii() {
        // The ASCII part of XID_Start is the letters, of XID_Continue also digits and `_`.
        return bytes
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'_');
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode_ident::is_xid_start(c) => {}
        _ => return false,
    }
    chars.all(unicode_ident::is_xid_continue)
}

impl<'t> Segment<'t> {
    pub(crate) fn kind(&self) -> SegmentKind {
        match self {
            Segment::Static(_) => SegmentKind::Static,
            Segment::Pattern(p) if p.is_whole() => SegmentKind::Variable,
            Segment::Pattern(_) => SegmentKind::Partial,
        }
    }

    /// The literal texts (`Ok`) and variables (`Err`) of the segment, in order.
    pub(crate) fn parts(&self) -> impl Iterator<Item = Result<&'t str, ()>> + 't {
        let (head, pattern) = match *self {
            Segment::Static(s) => (s, None),
            Segment::Pattern(p) => (p.head(), Some(p)),
        };
        let vars = pattern.map_or(&[][..], |p| p.vars);
        let text = pattern.map_or("", |p| p.text);
        core::iter::once(Ok(head))
            .chain(
                vars.iter()
                    .flat_map(move |v| [Err(()), Ok(v.after.of(text))]),
            )
            .filter(|p| *p != Ok(""))
    }

    /// True for a segment that is one variable and nothing else.
    pub(crate) fn is_single_variable(&self) -> bool {
        self.kind() == SegmentKind::Variable
    }

    #[inline]
    pub(crate) fn matches(&self, text: &str) -> bool {
        match self {
            Segment::Static(s) => *s == text,
            Segment::Pattern(p) => p.matches(text),
        }
    }
}

impl<'t> Pattern<'t> {
    #[inline]
    fn head(&self) -> &'t str {
        self.head.of(self.text)
    }

    /// The literal after variable `j`.
    #[inline]
    fn after(&self, j: usize) -> &'t str {
        self.vars.get(j).map_or("", |v| v.after.of(self.text))
    }

    /// True when `text` (one decoded segment) matches.
    #[inline]
    pub(crate) fn matches(&self, text: &str) -> bool {
        if self.is_whole() {
            return !text.is_empty();
        }
        // One variable between a head and a tail: it takes whatever is between them.
        if self.vars.len() == 1 {
            return self.middle(text).is_some();
        }
        self.middle(text)
            .is_some_and(|m| self.last_end(m, 0).is_some())
    }

    /// One variable and nothing else: the value is the whole segment.
    #[inline]
    fn is_whole(&self) -> bool {
        self.head.len == 0 && self.vars.len() == 1 && self.vars[0].after.len == 0
    }

    /// Equal up to variable names.
    pub(crate) fn same_shape(&self, other: &Pattern<'_>) -> bool {
        self.head() == other.head()
            && self.vars.len() == other.vars.len()
            && (0..self.vars.len()).all(|j| self.after(j) == other.after(j))
    }

    /// The text between `head` and the last literal, if the segment has both at its ends.
    #[inline]
    fn middle<'r>(&self, text: &'r str) -> Option<&'r str> {
        let tail = self.after(self.vars.len().wrapping_sub(1));
        let rest = text.strip_prefix(self.head())?;
        let middle = rest.strip_suffix(tail)?;
        // The variable after the head needs at least one character.
        (!middle.is_empty()).then_some(middle)
    }

    /// The text between `head` and the last literal of a segment known to match: cut by
    /// their lengths, without comparing them again.
    #[inline]
    fn matched_middle<'r>(&self, text: &'r str) -> &'r str {
        let tail = self.after(self.vars.len().wrapping_sub(1));
        let end = text.len().saturating_sub(tail.len());
        text.get(self.head.len as usize..end).unwrap_or("")
    }

    /// Where variable `j` (0-based) ends inside `middle` when every variable takes the
    /// longest match that lets the rest match; `None` when the rest cannot match.
    ///
    /// The set of positions at which "variables j+1.. and their literals" can start is
    /// closed downwards (an earlier start only lengthens the first of them), so it is
    /// enough to know its largest element; computing it right to left needs one bounded
    /// reverse search per literal, which keeps matching linear in the segment length.
    fn last_end(&self, middle: &str, j: usize) -> Option<usize> {
        let k = self.vars.len();
        // Latest start of the last variable: before the last character.
        let mut latest_start = last_char_start(middle, middle.len())?;
        let mut end = middle.len();
        for i in (j..k - 1).rev() {
            let lit = self.after(i);
            let limit = latest_start;
            let p = middle[..limit].rfind(lit)?;
            end = p;
            latest_start = last_char_start(middle, p)?;
        }
        Some(end)
    }

    /// Variable `j` of a matching segment whose middle is `middle`, starting at `start`;
    /// returns the value and where the next variable starts.
    fn value_at<'r>(&self, middle: &'r str, j: usize, start: usize) -> (&'r str, usize) {
        if self.vars.len() == 1 {
            return (middle, middle.len());
        }
        let end = self.last_end(middle, j).unwrap_or(middle.len()).max(start);
        let value = middle.get(start..end).unwrap_or("");
        (value, (end + self.after(j).len()).min(middle.len()))
    }
}

/// Iterator over the variables of a matching request: `(name, value)` in template order,
/// computed lazily from the request segments (no allocation).
pub(crate) struct Values<'s, 't, C> {
    template: Option<&'s Template>,
    /// The segments after `text`.
    cursor: C,
    /// The text of segment `segment - 1`.
    text: &'t str,
    /// How many segments the cursor has passed.
    segment: u32,
    /// The next variable.
    var: usize,
    /// Where the next variable of a partial segment starts in its middle.
    start: usize,
}

impl<'s, 't, C: Cursor<'t>> Values<'s, 't, C> {
    /// No template: no variables.
    pub(crate) fn new(template: Option<&'s Template>, cursor: C) -> Self {
        Values {
            template,
            cursor,
            text: "",
            segment: 0,
            var: 0,
            start: 0,
        }
    }
}

impl<'s, 't, C: Cursor<'t>> Iterator for Values<'s, 't, C> {
    type Item = (&'s str, &'t str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let template = self.template?;
        let var = template.vars.get(self.var)?;
        self.var += 1;
        let segments = &template.segments;
        // A cursor that knows where every segment is goes straight to the variable's.
        if self.segment <= var.segment {
            if let Some(text) = self.cursor.at(var.segment as usize) {
                self.text = text;
                self.segment = var.segment + 1;
            }
        }
        while self.segment <= var.segment {
            let at = self.segment as usize;
            self.segment += 1;
            let seg = segments.get(at)?;
            match seg.kind {
                // Literals before the variable: their length is known, no need to scan.
                SegmentKind::Static if at < var.segment as usize => {
                    self.cursor = self.cursor.skip(seg.head.len as usize);
                }
                // The last segment runs to the end.
                _ if at + 1 == segments.len() => self.text = self.cursor.last()?,
                _ => (self.text, self.cursor) = self.cursor.step().ok()??,
            }
        }
        let name = var.name.of(&template.text);
        if var.whole {
            return Some((name, self.text));
        }
        let p = template.pattern(segments.get(var.segment as usize)?);
        let index = usize::from(var.index);
        let start = if index == 0 { 0 } else { self.start };
        let middle = p.matched_middle(self.text);
        let (value, next) = p.value_at(middle, index, start);
        self.start = next;
        Some((name, value))
    }
}

/// The start of the last character before byte `end`: a variable ending at `end` must
/// start there or earlier to hold one character.
#[inline]
fn last_char_start(text: &str, end: usize) -> Option<usize> {
    text[..end].char_indices().next_back().map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn vars(t: &str, p: &str) -> Option<Vec<(String, String)>> {
        Template::parse(t).unwrap().match_path(p).map(|v| {
            v.into_iter()
                .map(|(k, v)| (k.into(), v.into_owned()))
                .collect()
        })
    }

    fn pair(k: &str, v: &str) -> (String, String) {
        (k.into(), v.into())
    }

    #[test]
    fn leftmost_variable_is_greedy() {
        assert_eq!(
            vars("/<a>-<b>", "/x-y-z"),
            Some(vec![pair("a", "x-y"), pair("b", "z")])
        );
        assert_eq!(
            vars("/v<major>.<minor>", "/v1.2.3"),
            Some(vec![pair("major", "1.2"), pair("minor", "3")])
        );
        assert_eq!(
            vars("/<a>.<b>.<c>", "/1.2.3.4"),
            Some(vec![pair("a", "1.2"), pair("b", "3"), pair("c", "4")])
        );
        assert_eq!(
            vars("/<a>ab<b>", "/aababab"),
            Some(vec![pair("a", "aab"), pair("b", "ab")])
        );
    }

    #[test]
    fn overlapping_literals() {
        // ^(.+)aa(.+)$ on "aaaa": first var takes "a", then "aa", then "a".
        assert_eq!(
            vars("/<x>aa<y>", "/aaaa"),
            Some(vec![pair("x", "a"), pair("y", "a")])
        );
        assert_eq!(vars("/<x>aa<y>", "/aaa"), None);
        assert_eq!(
            vars("/<x>é<y>", "/aéé"),
            Some(vec![pair("x", "a"), pair("y", "é")])
        );
    }

    #[test]
    fn no_empty_values_and_anchoring() {
        assert_eq!(vars("/<x>", "/"), None);
        assert_eq!(vars("/hello-<d>", "/hello-"), None);
        assert_eq!(vars("/asset/<id>", "/assets/a100"), None);
        assert_eq!(vars("/<x>.json", "/dataxjson"), None);
        assert_eq!(
            vars("/asset/<id>", "/asset/a%2Fb"),
            Some(vec![pair("id", "a/b")])
        );
    }

    #[test]
    fn errors() {
        assert_eq!(Template::parse("/a/<x").unwrap_err().kind(), "bad_template");
        assert_eq!(Template::parse("/a>").unwrap_err().kind(), "bad_template");
        assert_eq!(
            Template::parse("/<a><b>").unwrap_err().kind(),
            "bad_template"
        );
        assert_eq!(
            Template::parse("/<a<b>>").unwrap_err().kind(),
            "bad_template"
        );
        assert_eq!(
            Template::parse("/<>").unwrap_err().kind(),
            "bad_variable_name"
        );
        assert_eq!(
            Template::parse("/<1a>").unwrap_err().kind(),
            "bad_variable_name"
        );
        assert_eq!(
            Template::parse("/<a>/<a>").unwrap_err().kind(),
            "duplicate_variable"
        );
        assert_eq!(
            Template::parse("/a//<x>").unwrap_err().kind(),
            "empty_segment"
        );
        assert!(Template::parse("/<class>").is_ok());
    }

    #[test]
    fn display_round_trips() {
        for t in ["/", "/a/<b>/c-<d>.<e>", "/%3C/x%2Fy/<z>", "/caf%C3%A9"] {
            let parsed = Template::parse(t).unwrap();
            let again = Template::parse(&alloc::format!("{parsed}")).unwrap();
            assert_eq!(parsed, again, "{t}");
        }
    }
}

//! Path templates (POLICY D1–D5, D9): `<name>` variables anywhere in a segment.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::decode::{SEGMENT_KEEP, decoded_segments, encode_into, percent_decode};
use crate::error::TemplateError;
use crate::index::Cursor;

mod parse;
mod pattern;
mod shape;
#[cfg(test)]
mod tests;

pub(crate) use parse::Parts;
use parse::{count_byte, count_chars, path_segments, split_slash};
pub(crate) use pattern::Values;
pub(crate) use shape::Shape;
use shape::{is_within, sub_of};

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

    /// [`of`](Self::of) as bytes (no character boundaries to check).
    #[inline]
    fn bytes_of(self, text: &[u8]) -> &[u8] {
        let start = self.start as usize;
        text.get(start..start + self.len as usize)
            .unwrap_or_default()
    }
}

/// One segment: `head <v1> lit1 <v2> lit2 … <vk> litk`; every literal between two
/// variables is non-empty, `head` and the last literal may be empty. A static segment is
/// its `head` alone.
///
/// Sixteen bytes (a build writes one for every segment of every route): a template has
/// at most 65,536 variables (the parse refuses more), so a segment's first one is a
/// `u16` (a static segment, whose `count` is 0, reads none, whatever its `first`).
#[derive(Clone, Copy, Debug)]
struct Seg {
    head: Span,
    /// Its variables are `vars[first..first + count]`.
    count: u32,
    first: u16,
    kind: SegmentKind,
}

const _: () = assert!(core::mem::size_of::<Seg>() == 16);

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

/// One segment of a template as the trie builder takes it ([`Template::trie_steps`]).
#[derive(Clone, Copy, Debug)]
pub(crate) enum TrieStep<'t> {
    /// A static segment's bytes (decoded).
    Literal(&'t [u8]),
    /// One variable and nothing else.
    Variable,
    /// Literal text and variables.
    Partial(Segment<'t>),
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

/// Spans are `u32`: longer texts are refused (or, for a static path, cut). A function, not
/// a `len > u32::MAX` comparison, so that it reads the same on 32-bit targets, where no
/// text can be that long.
pub(crate) fn fits_spans(len: usize) -> bool {
    u32::try_from(len).is_ok()
}

/// The bounds of `bytes` without the slashes at both ends (ignored in templates and paths,
/// POLICY D2): `start == end` when nothing else is left.
pub(crate) fn inner_bounds(bytes: &[u8]) -> (usize, usize) {
    let mut start = 0;
    while bytes.get(start) == Some(&b'/') {
        start += 1;
    }
    let mut end = bytes.len();
    while end > start && bytes[end - 1] == b'/' {
        end -= 1;
    }
    (start, end)
}

impl Template {
    /// Parses a template. Errors follow POLICY D9: unbalanced or nested `<` `>`, two
    /// variables with nothing between them, a name that is not an identifier, the same name
    /// twice, an empty inner segment. Literal text is percent-decoded, so `%3C` is a literal
    /// `<`.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut parts = Parts::default();
        parts.read(text)?;
        Ok(parts.into_template(String::from(text)))
    }

    /// [`parse`](Self::parse), keeping `text` as the template's own copy; on error the text
    /// is handed back. `parts` is scratch room that a caller parsing many templates keeps.
    /// (Always inlined: out of line, the 56-byte template goes through a return slot and
    /// the call costs ~12 instructions a route on the generated table.)
    #[inline(always)]
    pub(crate) fn parse_owned(
        text: String,
        parts: &mut Parts,
    ) -> Result<Template, (TemplateError, String)> {
        match parts.read(&text) {
            Ok(()) => Ok(parts.to_template(text)),
            Err(e) => Err((e, text)),
        }
    }

    /// A registered static path as a template: slashes at both ends ignored, each segment
    /// percent-decoded, inner empty segments kept (POLICY D2, D4). Never fails (a path
    /// longer than 4 GiB is read up to there; the registry refuses such paths).
    pub fn from_path(path: &str) -> Template {
        let mut cut = path.len();
        if !fits_spans(cut) {
            cut = u32::MAX as usize;
        }
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
    #[inline]
    pub(crate) fn given(&self) -> &str {
        self.text.get(..self.given as usize).unwrap_or("")
    }

    /// The given text between the slashes at its ends, read from the segments' bounds:
    /// for a template without variables and escapes (its segments are then spans of the
    /// given text), what `given().trim_matches('/')` is, without a scan.
    #[inline]
    pub(crate) fn plain_static_inner(&self) -> &str {
        let (Some(first), Some(last)) = (self.segments.first(), self.segments.last()) else {
            return "";
        };
        let (start, end) = (first.head.start, last.head.start + last.head.len);
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// True when a literal holds `%` (its decoding follows the given text): for a
    /// template without one, the given text between the `<name>`s is the literal text.
    #[inline]
    pub(crate) fn has_escapes(&self) -> bool {
        self.text.len() != self.given as usize
    }

    /// Writes the text as given with `fill` in place of every `<name>`. (Inlined: `fill`
    /// is a constant at its call, so its copy is a store, not a call.)
    #[inline]
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

    /// The segments as the trie builder takes them: from each segment's kind, without
    /// reading its variables, and a static one as bytes (the trie compares and copies
    /// bytes: no character boundaries to check).
    #[inline]
    pub(crate) fn trie_steps(&self) -> impl Iterator<Item = TrieStep<'_>> + '_ {
        self.segments.iter().map(|s| match s.kind {
            SegmentKind::Static => {
                let start = s.head.start as usize;
                let text = self.text.as_bytes().get(start..start + s.head.len as usize);
                TrieStep::Literal(text.unwrap_or_default())
            }
            SegmentKind::Variable => TrieStep::Variable,
            SegmentKind::Partial => TrieStep::Partial(self.segment(s)),
        })
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
/// `None` when the name holds a character outside ASCII and the build has no
/// `unicode-ident` tables to decide.
fn is_identifier(name: &str) -> Option<bool> {
    // The ASCII part of XID_Start is the letters, of XID_Continue also digits and `_`:
    // one pass over an ASCII name, the Unicode tables only past its first other byte.
    let bytes = name.as_bytes();
    match bytes.iter().position(|&b| !is_word_byte(b)) {
        None => return Some(bytes.first().is_some_and(|b| !b.is_ascii_digit())),
        Some(at) if bytes[at].is_ascii() => return Some(false),
        Some(_) => {}
    }
    unicode_identifier(name)
}

/// An ASCII letter, digit or `_` (what continues an identifier): one load a byte from
/// a table of every byte.
#[cfg(not(target_arch = "wasm32"))]
#[inline]
fn is_word_byte(b: u8) -> bool {
    static WORD_TABLE: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = b < 128 && WORD_BYTES[b / 64] >> (b % 64) & 1 != 0;
            b += 1;
        }
        table
    };
    WORD_TABLE[usize::from(b)]
}

/// [`is_word_byte`] from a bit a byte (browser bundles count bytes).
#[cfg(target_arch = "wasm32")]
#[inline]
fn is_word_byte(b: u8) -> bool {
    b < 128 && WORD_BYTES[usize::from(b >> 6)] >> (b & 63) & 1 != 0
}

/// The ASCII bytes that continue an identifier (letters, digits, `_`), a bit each: one
/// lookup a byte instead of three range tests.
const WORD_BYTES: [u64; 2] = {
    let mut bits = [0u64; 2];
    let mut b = 0u8;
    while b < 128 {
        if b.is_ascii_alphanumeric() || b == b'_' {
            bits[(b / 64) as usize] |= 1 << (b % 64);
        }
        b += 1;
    }
    bits
};

#[cfg(feature = "unicode-ident")]
fn unicode_identifier(name: &str) -> Option<bool> {
    let mut chars = name.chars();
    Some(
        chars
            .next()
            .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
            && chars.all(unicode_ident::is_xid_continue),
    )
}

#[cfg(not(feature = "unicode-ident"))]
fn unicode_identifier(_: &str) -> Option<bool> {
    None
}

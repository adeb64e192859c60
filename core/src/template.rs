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
#[derive(Clone, PartialEq, Eq)]
pub struct Template {
    segments: Box<[Segment]>,
    /// The variables in template order.
    names: Box<[Variable]>,
}

/// A variable: its name and where its value is, so reading values needs no search.
#[derive(Clone, PartialEq, Eq, Debug)]
struct Variable {
    name: Box<str>,
    /// The template segment holding it.
    segment: u32,
    /// Its position among that segment's variables.
    index: u16,
    /// It is the whole segment (the value is the segment's text).
    whole: bool,
}

/// One segment of a template.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum Segment {
    /// Literal text only (decoded).
    Static(Box<str>),
    /// Literal text and at least one variable.
    Pattern(SegmentPattern),
}

/// `head <v1> lit1 <v2> lit2 … <vk> tail`: every literal between two variables is
/// non-empty; `head` and the literal after the last variable may be empty.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct SegmentPattern {
    head: Box<str>,
    /// For each variable in order: its index in the template's names, and the literal that
    /// follows it.
    vars: Box<[(u16, Box<str>)]>,
}

/// How specific a segment is (POLICY D6): smaller wins.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum SegmentKind {
    Static = 0,
    Partial = 1,
    Variable = 2,
}

impl Template {
    /// Parses a template. Errors follow POLICY D9: unbalanced or nested `<` `>`, two
    /// variables with nothing between them, a name that is not an identifier, the same name
    /// twice, an empty inner segment. Literal text is percent-decoded, so `%3C` is a literal
    /// `<`.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let inner = text.trim_matches('/');
        let offset = text.len() - text.trim_start_matches('/').len();
        // Sized up front: the boxed slices below take these buffers without copying.
        let count = match inner {
            "" => 0,
            _ => inner.bytes().filter(|&b| b == b'/').count() + 1,
        };
        let mut segments = Vec::with_capacity(count);
        let mut names: Vec<Variable> =
            Vec::with_capacity(inner.bytes().filter(|&b| b == b'<').count());
        if !inner.is_empty() {
            let mut start = offset;
            for raw in inner.split('/') {
                if raw.is_empty() {
                    return Err(TemplateError::EmptySegment);
                }
                segments.push(parse_segment(raw, start, segments.len(), &mut names)?);
                start += raw.len() + 1;
            }
        }
        for (i, name) in names.iter().enumerate() {
            if names[..i].iter().any(|n| n.name == name.name) {
                return Err(TemplateError::DuplicateVariable {
                    name: String::from(&*name.name),
                });
            }
        }
        Ok(Template {
            segments: segments.into(),
            names: names.into(),
        })
    }

    /// A registered static path as a template: slashes at both ends ignored, each segment
    /// percent-decoded, inner empty segments kept (POLICY D2, D4). Never fails.
    pub fn from_path(path: &str) -> Template {
        let segments = decoded_segments(path)
            .map(|s| Segment::Static(s.into()))
            .collect();
        Template {
            segments,
            names: Box::new([]),
        }
    }

    /// The variable names, in order.
    pub fn variables(&self) -> impl ExactSizeIterator<Item = &str> {
        self.names.iter().map(|n| &*n.name)
    }

    /// True when the template has no variables (it is a static path, POLICY D5).
    pub fn is_static(&self) -> bool {
        self.names.is_empty()
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
        let mut out = Vec::with_capacity(self.names.len());
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

    pub(crate) fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// True when every segment matches (same count, POLICY D1/D3/D4).
    pub(crate) fn matches<S: AsRef<str>>(&self, request: &[S]) -> bool {
        self.segments.len() == request.len()
            && self
                .segments
                .iter()
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
        for seg in self.segments.iter() {
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
        self.segments.iter().map(Segment::literal_chars).sum()
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
            let mut text = String::new();
            match seg {
                Segment::Static(s) => text.push_str(s),
                Segment::Pattern(p) => {
                    text.push_str(&p.head);
                    for (i, lit) in p.vars.iter() {
                        match value(&self.names[usize::from(*i)].name) {
                            Some(v) => text.push_str(&v),
                            None => return false,
                        }
                        text.push_str(lit);
                    }
                }
            }
            encode_into(out, &text, SEGMENT_KEEP);
        }
        true
    }
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
            Shape::Path(path) => {
                for seg in decoded_segments(path) {
                    h.mix(SEGMENT);
                    h.literal(&seg);
                }
            }
            Shape::Template(t) => {
                for seg in t.segments.iter() {
                    h.mix(SEGMENT);
                    match seg {
                        Segment::Static(s) => h.literal(s),
                        Segment::Pattern(p) => {
                            h.literal(&p.head);
                            for (_, lit) in p.vars.iter() {
                                h.mix(VARIABLE);
                                h.literal(lit);
                            }
                        }
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
                    && a.segments
                        .iter()
                        .zip(b.segments.iter())
                        .all(|(x, y)| match (x, y) {
                            (Segment::Static(x), Segment::Static(y)) => x == y,
                            (Segment::Pattern(x), Segment::Pattern(y)) => x.same_shape(y),
                            _ => false,
                        })
            }
            (Shape::Path(a), Shape::Path(b)) => decoded_segments(a).eq(decoded_segments(b)),
            (Shape::Path(p), Shape::Template(t)) | (Shape::Template(t), Shape::Path(p)) => {
                let mut segs = t.segments.iter();
                decoded_segments(p)
                    .all(|text| matches!(segs.next(), Some(Segment::Static(s)) if **s == *text))
                    && segs.next().is_none()
            }
        }
    }
}

const SEGMENT: u64 = 0x5e67_1a2b_3c4d_5e6f;
const VARIABLE: u64 = 0x7a71_b2c3_d4e5_f607;

/// FxHash-style rounds, eight bytes at a time; each literal ends with its length, so
/// the literals of a shape cannot run into each other.
struct ShapeHash(u64);

impl ShapeHash {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x5175_2b4f_c4d8_a2b5);
    }

    fn literal(&mut self, text: &str) {
        for chunk in text.as_bytes().chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(w));
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
            match seg {
                Segment::Static(s) => lit(f, s)?,
                Segment::Pattern(p) => {
                    lit(f, &p.head)?;
                    for (i, l) in p.vars.iter() {
                        write!(f, "<{}>", self.names[usize::from(*i)].name)?;
                        lit(f, l)?;
                    }
                }
            }
        }
        Ok(())
    }
}

fn parse_segment(
    raw: &str,
    start: usize,
    segment: usize,
    names: &mut Vec<Variable>,
) -> Result<Segment, TemplateError> {
    let mut head: Option<Box<str>> = None;
    let mut vars: Vec<(u16, Box<str>)> =
        Vec::with_capacity(raw.bytes().filter(|&b| b == b'<').count());
    let mut literal_start = 0;
    let mut last_was_var = false;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Err(TemplateError::Unbalanced { at: start + i }),
            b'<' => {
                let Some(len) = raw[i + 1..].find('>') else {
                    return Err(TemplateError::Unbalanced { at: start + i });
                };
                let name = &raw[i + 1..i + 1 + len];
                if let Some(inner) = name.find('<') {
                    return Err(TemplateError::Nested {
                        at: start + i + 1 + inner,
                    });
                }
                if !is_identifier(name) {
                    return Err(TemplateError::BadVariableName { name: name.into() });
                }
                let literal = percent_decode(&raw[literal_start..i]);
                if literal.is_empty() && last_was_var {
                    return Err(TemplateError::AdjacentVariables { at: start + i });
                }
                match vars.last_mut() {
                    Some((_, after)) => *after = literal.into(),
                    None => head = Some(literal.into()),
                }
                let index = u16::try_from(names.len())
                    .map_err(|_| TemplateError::BadVariableName { name: name.into() })?;
                names.push(Variable {
                    name: name.into(),
                    segment: segment as u32,
                    index: vars.len() as u16,
                    whole: false,
                });
                vars.push((index, Box::from("")));
                i += len + 2;
                literal_start = i;
                last_was_var = true;
                continue;
            }
            _ => last_was_var = false,
        }
        i += 1;
    }
    let tail = percent_decode(&raw[literal_start..]);
    match vars.last_mut() {
        None => Ok(Segment::Static(tail.into())),
        Some((_, after)) => {
            *after = tail.into();
            if let (None | Some(""), [(_, tail)], Some(var)) =
                (head.as_deref(), &*vars, names.last_mut())
            {
                var.whole = tail.is_empty();
            }
            Ok(Segment::Pattern(SegmentPattern {
                head: head.unwrap_or_default(),
                vars: vars.into(),
            }))
        }
    }
}

/// Python's `str.isidentifier`: XID_Start or `_`, then XID_Continue (keywords allowed).
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode_ident::is_xid_start(c) => {}
        _ => return false,
    }
    chars.all(unicode_ident::is_xid_continue)
}

impl Segment {
    pub(crate) fn kind(&self) -> SegmentKind {
        match self {
            Segment::Static(_) => SegmentKind::Static,
            Segment::Pattern(p)
                if p.head.is_empty() && p.vars.len() == 1 && p.vars[0].1.is_empty() =>
            {
                SegmentKind::Variable
            }
            Segment::Pattern(_) => SegmentKind::Partial,
        }
    }

    fn literal_chars(&self) -> usize {
        match self {
            Segment::Static(s) => s.chars().count(),
            Segment::Pattern(p) => {
                p.head.chars().count()
                    + p.vars.iter().map(|(_, l)| l.chars().count()).sum::<usize>()
            }
        }
    }

    /// The literal texts (`Ok`) and variables (`Err`) of the segment, in order.
    pub(crate) fn parts(&self) -> impl Iterator<Item = Result<&str, ()>> {
        let (head, vars): (&str, &[(u16, Box<str>)]) = match self {
            Segment::Static(s) => (s, &[]),
            Segment::Pattern(p) => (&p.head, &p.vars),
        };
        core::iter::once(Ok(head))
            .chain(vars.iter().flat_map(|(_, lit)| [Err(()), Ok(&**lit)]))
            .filter(|p| *p != Ok(""))
    }

    /// True for a segment that is one variable and nothing else.
    pub(crate) fn is_single_variable(&self) -> bool {
        self.kind() == SegmentKind::Variable
    }

    #[inline]
    pub(crate) fn matches(&self, text: &str) -> bool {
        match self {
            Segment::Static(s) => **s == *text,
            Segment::Pattern(p) => p.matches(text),
        }
    }
}

impl SegmentPattern {
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
        self.head.is_empty() && self.vars.len() == 1 && self.vars[0].1.is_empty()
    }

    /// Equal up to variable names.
    pub(crate) fn same_shape(&self, other: &SegmentPattern) -> bool {
        self.head == other.head
            && self.vars.len() == other.vars.len()
            && self
                .vars
                .iter()
                .zip(other.vars.iter())
                .all(|(a, b)| a.1 == b.1)
    }

    /// The text between `head` and the last literal, if the segment has both at its ends.
    #[inline]
    fn middle<'t>(&self, text: &'t str) -> Option<&'t str> {
        let tail = &self.vars[self.vars.len() - 1].1;
        let rest = text.strip_prefix(&*self.head)?;
        let middle = rest.strip_suffix(&**tail)?;
        // The variable after the head needs at least one character.
        (!middle.is_empty()).then_some(middle)
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
            let lit = &*self.vars[i].1;
            let limit = latest_start;
            let p = middle[..limit].rfind(lit)?;
            end = p;
            latest_start = last_char_start(middle, p)?;
        }
        Some(end)
    }

    /// Variable `j` of a matching segment whose middle is `middle`, starting at `start`;
    /// returns the value and where the next variable starts.
    fn value_at<'t>(&self, middle: &'t str, j: usize, start: usize) -> (&'t str, usize) {
        if self.vars.len() == 1 {
            return (middle, middle.len());
        }
        let end = self.last_end(middle, j).unwrap_or(middle.len()).max(start);
        let value = middle.get(start..end).unwrap_or("");
        (value, (end + self.vars[j].1.len()).min(middle.len()))
    }
}

/// Iterator over the variables of a matching request: `(name, value)` in template order,
/// computed lazily from the request segments (no allocation).
pub(crate) struct Values<'s, 't, C> {
    segments: &'s [Segment],
    names: &'s [Variable],
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
        let (segments, names): (&[Segment], &[Variable]) = match template {
            Some(t) => (&t.segments, &t.names),
            None => (&[], &[]),
        };
        Values {
            segments,
            names,
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
        let var = self.names.get(self.var)?;
        self.var += 1;
        while self.segment <= var.segment {
            let at = self.segment as usize;
            self.segment += 1;
            match self.segments.get(at)? {
                // Literals before the variable: their length is known, no need to scan.
                Segment::Static(text) if at < var.segment as usize => {
                    self.cursor = self.cursor.skip(text.len());
                }
                // The last segment runs to the end.
                _ if at + 1 == self.segments.len() => self.text = self.cursor.last()?,
                _ => (self.text, self.cursor) = self.cursor.step().ok()??,
            }
        }
        if var.whole {
            return Some((&var.name, self.text));
        }
        let Some(Segment::Pattern(p)) = self.segments.get(var.segment as usize) else {
            return None;
        };
        let index = usize::from(var.index);
        let start = if index == 0 { 0 } else { self.start };
        let middle = p.middle(self.text).unwrap_or("");
        let (value, next) = p.value_at(middle, index, start);
        self.start = next;
        Some((&var.name, value))
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

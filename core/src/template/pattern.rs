//! Segments with variables against request text: matching and reading values.

use super::*;

impl<'t> Segment<'t> {
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
        let seg = segments.get(var.segment as usize)?;
        // The one variable of its segment (`img-<id>.png`, the usual partial segment):
        // what the head and the tail, which the match spelled, leave.
        if seg.count == 1 {
            let end = self.text.len().saturating_sub(var.after.len as usize);
            return Some((
                name,
                self.text.get(seg.head.len as usize..end).unwrap_or(""),
            ));
        }
        let p = template.pattern(seg);
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

//! What registrations may not share (POLICY D9): template shapes and their hashes.

use super::*;

/// A template up to its variable names (POLICY D9): what registrations may not share. A
/// registered static path is compared as [`Template::from_path`] would parse it, without
/// building that template.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Shape<'a> {
    Path(&'a str),
    Template(&'a Template),
}

impl Shape<'_> {
    /// Equal shapes hash equally. A shape is hashed as the path it stands for: its decoded
    /// segments joined by `/`, each variable written `none` (the path a template infers,
    /// SEMANTICS 3.1); so a path or a template without `%` is hashed straight from its
    /// text, and a template page's inferred path hashes as its template, which lets the
    /// claims hold both in one slot. (A template and the path it infers, templates that
    /// infer one path with variables in different places, `/a/<x>none` and `/a/none<x>`,
    /// or a `/` decoded from `%2F`, make different shapes hash alike: collisions, settled
    /// by [`same`](Self::same).)
    pub(crate) fn hash(&self) -> u64 {
        match self {
            Shape::Path(path) if !path.as_bytes().contains(&b'%') => {
                Shape::unescaped_path_hash(path.as_bytes())
            }
            Shape::Template(t) if !t.has_escapes() && t.is_static() => Shape::plain_static_hash(t),
            // No literal was decoded: the inferred path is the given text, each `<name>`
            // written `none`.
            Shape::Template(t) if !t.has_escapes() => {
                let mut path = String::new();
                t.write_filled(FILL, &mut path);
                Shape::unescaped_path_hash(path.as_bytes())
            }
            // Rare: a decoded `%`. The decoded text is written out (a path as the template
            // of its decoded segments).
            _ => {
                let from_path;
                let t = match self {
                    Shape::Template(t) => *t,
                    Shape::Path(path) => {
                        from_path = Template::from_path(path);
                        &from_path
                    }
                };
                let mut run = String::new();
                for (i, seg) in t.segments.iter().enumerate() {
                    if i > 0 {
                        run.push('/');
                    }
                    run.push_str(seg.head.of(&t.text));
                    for var in t.pattern(seg).vars {
                        run.push_str(FILL);
                        run.push_str(var.after.of(&t.text));
                    }
                }
                let mut h = ShapeHash(0);
                h.literal(&run);
                h.0
            }
        }
    }

    /// [`hash`](Self::hash) of `Shape::Path(path)` for a path known to hold no `%` (one
    /// inferred from a template without escapes): no search for one.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub(crate) fn unescaped_path_hash(path: &[u8]) -> u64 {
        Shape::inner_hash(inner(path))
    }

    /// [`hash`](Self::hash) of a static template without `%`: its text between the outer
    /// slashes, bounded by its segments (what [`Template::plain_static_inner`] reads, as
    /// bytes: no character boundaries to check), with nothing to cut.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub(crate) fn plain_static_hash(t: &Template) -> u64 {
        // (Browser bundles, which count bytes, cut the given text.)
        if cfg!(target_arch = "wasm32") {
            return Shape::unescaped_path_hash(t.given().as_bytes());
        }
        let inner = match (t.segments.first(), t.segments.last()) {
            (Some(first), Some(last)) => {
                let (start, end) = (first.head.start, last.head.start + last.head.len);
                t.text.as_bytes().get(start as usize..end as usize)
            }
            _ => None,
        };
        Shape::inner_hash(inner.unwrap_or_default())
    }

    // (Browser bundles, which count bytes, keep one copy of the hash.)
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn inner_hash(inner: &[u8]) -> u64 {
        let mut h = ShapeHash(0);
        h.bytes(inner);
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

/// `bytes` without its leading and trailing slashes (what [`inner_bounds`] bounds), cut
/// without index checks: most paths start with one `/` and end without one.
#[inline(always)]
fn inner(mut bytes: &[u8]) -> &[u8] {
    // (The usual path: one `/` first, none after it or last. Browser bundles, which count
    // bytes, take the loops.)
    #[cfg(not(target_arch = "wasm32"))]
    if let [b'/', first, .., last] = bytes {
        if *first != b'/' && *last != b'/' {
            return &bytes[1..];
        }
    }
    while let [b'/', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b'/'] = bytes {
        bytes = rest;
    }
    bytes
}

/// What a template's variables are written as in its shape's hash: what its inferred path
/// holds in their place (SEMANTICS 3.1).
const FILL: &str = "none";

/// A shape's hash: the hash of the bytes of the path it stands for (its inner text; see
/// [`Shape::hash`]). The claims' table takes its slot and its probe filter from the high
/// half.
struct ShapeHash(u64);

impl ShapeHash {
    #[inline]
    fn literal(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    /// The build's one hash of a text ([`fold_hash`](crate::hash::fold_hash)). (Only one
    /// text is hashed per shape.)
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn bytes(&mut self, text: &[u8]) {
        self.0 ^= crate::hash::fold_hash(text);
    }

    /// Browser bundles (which count bytes and build few pages): FxHash-style rounds,
    /// eight bytes at a time, the length mixed in.
    #[cfg(target_arch = "wasm32")]
    #[inline]
    fn bytes(&mut self, text: &[u8]) {
        let mut rest = text;
        while let Some((chunk, after)) = rest.split_first_chunk::<8>() {
            self.mix(u64::from_le_bytes(*chunk));
            rest = after;
        }
        // The last 1 to 7 bytes in one word (overlapping loads; with the length mixed in
        // below, equal words mean equal bytes).
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

    #[cfg(target_arch = "wasm32")]
    #[inline]
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x5175_2b4f_c4d8_a2b5);
    }
}

pub(super) fn is_within(part: &str, whole: &str) -> bool {
    let (p, w) = (part.as_ptr() as usize, whole.as_ptr() as usize);
    p >= w && p + part.len() <= w + whole.len()
}

pub(super) fn sub_of<'a>(whole: &'a str, part: &str) -> &'a str {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    &whole[start..start + part.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use alloc::vec::Vec;

    #[test]
    fn inner_cuts_what_inner_bounds_bounds() {
        // Every text of up to seven bytes of `/`, `a` and `é`'s two bytes.
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..7 {
            let longer: Vec<Vec<u8>> = texts
                .iter()
                .filter(|t| t.len() == texts.last().map_or(0, Vec::len))
                .flat_map(|t| {
                    [b'/', b'a', 0xC3, 0xA9].map(|b| {
                        let mut t = t.clone();
                        t.push(b);
                        t
                    })
                })
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            let (start, end) = inner_bounds(text);
            assert_eq!(inner(text), &text[start..end], "{text:?}");
        }
        assert!(texts.len() > 20_000);
    }
}

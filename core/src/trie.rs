//! A segment trie over the ranked routes: the fast path of [`Index`](crate::index::Index).
//!
//! Each node is one segment depth. Its children are split by kind: literal segments (found
//! by exact text), segments mixing literal text and variables ("partial"), and at most one
//! whole-segment variable. Because routes are ranked by segment kinds left to right
//! (POLICY D6), a match below a literal child beats anything below a partial or variable
//! child of the same node, and a match below a partial child beats anything below the
//! variable child. Only between partial children does the search keep looking, since which
//! of them wins depends on the rest of the rank (literal characters, then registry order):
//! every route carries its position in the global rank, and the smaller one wins.
//!
//! Literal children live in one open-addressing table per node, keyed by a [`Key`] that
//! spells a segment of up to 16 bytes exactly in three integers, so most probes compare
//! integers and never read text. Partial children are never tried one by one: they are
//! grouped by the lengths of their literal head and tail, and each group is a table keyed
//! by that head and tail, so a request segment costs one probe per distinct pair of lengths
//! (a property of the route table), whatever the number of partial siblings (issue 8).

use alloc::vec::Vec;

use crate::index::{Ends, HasEscape, Segments};
use crate::template::{Segment, Template, TrieStep};

mod build;
pub(crate) use build::TrieBuilder;
#[cfg(feature = "first-byte-index")]
mod first;
#[cfg(test)]
mod tests;

#[cfg(feature = "first-byte-index")]
use first::{First, FirstBytes};

/// Marks "no child", "no route" and empty table slots.
const NONE: u32 = u32::MAX;

/// How many matching partial children are kept from one matching pass.
const FEW: usize = 4;

/// 32 bytes, so that a node never straddles two cache lines.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// A bit per literal child ([`literal_bit`]): where a segment may also be a variable's
    /// value, a literal it does not spell is usually ruled out here, without reading the
    /// literal table (a cache miss in a large table).
    literals: u32,
    /// This node's literal table: `slots[table..=table + mask]`, a power of two long.
    table: u32,
    mask: u32,
    /// This node's partial children by head and tail lengths: `classes[classes.0..classes.1]`.
    classes: (u32, u32),
    var: u32,
    /// What the index answers for the best-ranked route ending here (`NONE`: no route),
    /// see [`Trie::set_answers`]: read from the node the walk ends on, which is in cache.
    answer: u32,
    children: Children,
}

/// The kinds of children a node has. The two kinds the plain walk does not step through
/// come last, so that one comparison sends both aside (see [`Trie::find`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Children {
    Literals,
    Partials,
    Variable,
    None,
    /// More than one kind: a walk may have to come back and try another.
    Choice,
}

/// A literal's bit in [`Node::literals`]: the top five bits of its hash (the table slot
/// comes from the low bits).
#[inline(always)]
fn literal_bit(key: &Key) -> u32 {
    hash_bit(key.hash())
}

/// [`literal_bit`] from the key's hash.
#[inline(always)]
fn hash_bit(hash: u32) -> u32 {
    1 << (hash >> 27)
}

/// One slot of a literal table; `child == NONE` is empty (the rest of an empty slot is
/// never read). A [`Key`] spelled out, so that the child takes the room its padding would:
/// 24 bytes, not 32 (the slots are the trie's largest array, and every byte of it is
/// written on each build).
#[derive(Clone, Copy)]
struct Slot {
    /// The key's first 8 bytes.
    head: u64,
    /// The key's last 8 bytes; for a literal longer than 16 bytes, where its text starts
    /// in `text` instead (such a literal is compared by its text).
    tail: u64,
    len: u32,
    child: u32,
}

impl Slot {
    /// Whether this (full) slot holds `key`, spelled `text`.
    #[inline(always)]
    fn holds(&self, trie: &Trie, key: &Key, text: &[u8]) -> bool {
        self.head == key.head
            && self.len == key.len
            && (self.tail == key.tail && key.len <= 16 || key.len > 16 && trie.long(self) == text)
    }
}

impl core::fmt::Debug for Slot {
    /// An empty slot shows as such: what else it holds is left from a key that moved when
    /// its table grew, or links regions that grown tables left (see `trie/build.rs`).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.child {
            NONE => f.write_str("Empty"),
            child if self.len > 16 => f
                .debug_struct("Slot")
                .field("len", &self.len)
                .field("text", &self.tail)
                .field("child", &child)
                .finish(),
            child => f
                .debug_struct("Slot")
                .field("head", &self.head)
                .field("tail", &self.tail)
                .field("len", &self.len)
                .field("child", &child)
                .finish(),
        }
    }
}

/// The partial children of a node whose literal head is `head` bytes long and whose
/// literal tail is `tail` bytes long, in a table keyed by the head and the tail:
/// `partial_slots[table..=table + mask]`.
#[derive(Debug, Clone, Copy)]
struct Class {
    head: u32,
    tail: u32,
    table: u32,
    /// 0 for a table of one slot (one head and tail: found without hashing), else at
    /// most half full.
    mask: u32,
    /// A bit per head and tail of the class ([`end_bit`]): a segment whose first and last
    /// bytes cannot start a head and end a tail here skips the probe.
    ends: u64,
}

/// A head and tail's bit in [`Class::ends`], from the head's first byte and the tail's
/// last byte (0 for an empty head or tail).
#[inline(always)]
fn end_bit(head: &[u8], tail: &[u8]) -> u64 {
    let first = u32::from(head.first().copied().unwrap_or(0));
    let last = u32::from(tail.last().copied().unwrap_or(0));
    1 << ((first.wrapping_mul(5) ^ last) & 63)
}

/// The partial children with one head and tail; `count == 0` is an empty slot.
#[derive(Debug, Clone, Copy)]
struct PartialSlot {
    head: Key,
    tail: Key,
    /// Their shapes: `shapes[first..first + count]`.
    first: u32,
    count: u32,
    /// Where the head is in `text` (the tail follows it), for a head or tail longer than
    /// 16 bytes.
    text: u32,
}

/// A partial child: the literals between its variables, `middles[lits.0..lits.1]` (none
/// for a single variable), each a `(start, len)` in `text`.
#[derive(Debug, Clone, Copy)]
struct Shape {
    lits: (u32, u32),
    child: u32,
}

/// A segment as integers: its length, and its first and last 8 bytes (overlapping loads
/// for shorter segments). Up to 16 bytes this is the whole text, so equal keys are equal
/// segments; longer segments also compare their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Key {
    head: u64,
    tail: u64,
    pub(crate) len: u32,
}

#[derive(Debug)]
pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// The rank of the best route ending on each node (`NONE`: none), for comparing
    /// matches below partial children.
    ranks: Vec<u32>,
    slots: Vec<Slot>,
    classes: Vec<Class>,
    partial_slots: Vec<PartialSlot>,
    shapes: Vec<Shape>,
    middles: Vec<(u32, u32)>,
    /// Literals longer than 16 bytes, and the literals of partial segments.
    text: Vec<u8>,
    /// The root's literal children by first byte, when the root has no other kind of
    /// child: the first segment is compared in place with a few of them.
    #[cfg(feature = "first-byte-index")]
    first: Option<FirstBytes>,
}

impl Trie {
    /// Gives each node that a route ends on the answer `of` its route's rank.
    pub(crate) fn set_answers(&mut self, of: impl Fn(u32) -> u32) {
        for (n, &rank) in self.nodes.iter_mut().zip(&self.ranks) {
            if rank != NONE {
                n.answer = of(rank);
            }
        }
    }

    /// The rank of the route that a match ending on `node` (from [`find`](Self::find))
    /// found.
    #[inline]
    pub(crate) fn rank(&self, node: u32) -> u32 {
        self.ranks.get(node as usize).copied().unwrap_or(NONE)
    }

    /// The answer (see [`set_answers`](Self::set_answers)) of a match ending on `node`.
    #[inline]
    pub(crate) fn answer(&self, node: u32) -> u32 {
        self.nodes.get(node as usize).map_or(NONE, |n| n.answer)
    }

    /// Of two matches (nodes a route ends on), the one whose route ranks first.
    #[inline]
    fn better(&self, best: Option<u32>, found: u32) -> u32 {
        match best {
            Some(b) if self.rank(b) < self.rank(found) => b,
            _ => found,
        }
    }

    /// The node on which the best route matching the segments of `path` ends; `ends`
    /// receives where each segment ends (see [`Ends`]).
    #[inline]
    pub(crate) fn find<'t, P: Segments<'t>>(
        &self,
        path: P,
        ends: &mut Ends,
    ) -> Result<Option<u32>, HasEscape> {
        // Down the nodes with one kind of child: no choice to come back to, so a plain
        // loop with little to keep (most of a request's walk, and all of most misses).
        let (mut node, mut pos, mut depth) = (0usize, path.first(), 0usize);
        #[cfg(feature = "first-byte-index")]
        if let (Some(first), false) = (&self.first, path.is_end(pos)) {
            match first.step(path, pos) {
                First::Child(child, next) => {
                    ends.record(0, next);
                    (node, pos, depth) = (child as usize, next, 1);
                }
                First::Miss => return Ok(None),
                First::Walk => {}
            }
        }
        loop {
            let Some(n) = self.nodes.get(node) else {
                return Ok(None);
            };
            if n.children >= Children::None {
                // A choice (two kinds of children) needs the search that can come back.
                if n.children == Children::Choice {
                    return self.search(node, path, pos, depth, ends);
                }
                // A leaf matches when no segment is left, which needs no scan: a segment
                // left over, escaped or not, is a miss.
                return Ok((path.is_end(pos) && n.answer != NONE).then_some(node as u32));
            }
            let Some((text, next)) = path.segment(pos)? else {
                return Ok((n.answer != NONE).then_some(node as u32));
            };
            ends.record(depth, next);
            depth += 1;
            let mut child = NONE;
            match n.children {
                Children::Literals => child = self.literal(n, text),
                Children::Variable if !text.is_empty() => child = n.var,
                // Exactly one match goes on here; several need the search that compares
                // what they lead to.
                Children::Partials => {
                    let mut found = [NONE; FEW];
                    match self.matching_partials(n, text, &mut found) {
                        1 => child = found[0],
                        0 => {}
                        k => return self.best_of(&found, k, n, text, path, next, depth, ends),
                    }
                }
                _ => {}
            }
            if child == NONE {
                return Ok(None);
            }
            node = child as usize;
            pos = next;
        }
    }

    /// The best route below `node` for the segments of `path` from `pos` on, the first of
    /// them at `depth`.
    #[inline(never)]
    fn search<'t, P: Segments<'t>>(
        &self,
        mut node: usize,
        path: P,
        mut pos: usize,
        mut depth: usize,
        ends: &mut Ends,
    ) -> Result<Option<u32>, HasEscape> {
        loop {
            let Some(n) = self.nodes.get(node) else {
                return Ok(None);
            };
            let Some((text, next)) = path.segment(pos)? else {
                return Ok((n.answer != NONE).then_some(node as u32));
            };
            ends.record(depth, next);
            depth += 1;
            let literal = self.literal_or_value(n, text);
            let var = if n.var != NONE && !text.is_empty() {
                n.var
            } else {
                NONE
            };
            // Only one way down: follow it without recursing.
            if n.classes.0 == n.classes.1 && (literal == NONE || var == NONE) {
                match literal.min(var) {
                    NONE => return Ok(None),
                    child => {
                        node = child as usize;
                        pos = next;
                        continue;
                    }
                }
            }
            if literal != NONE {
                if let Some(found) = self.descend(literal, path, next, depth, ends)? {
                    return Ok(Some(found));
                }
            }
            let mut found = [NONE; FEW];
            let count = match n.classes.0 == n.classes.1 {
                true => 0,
                false => self.matching_partials(n, text, &mut found),
            };
            if count == 1 {
                // No variable can take the segment instead: go down without recursing
                // (the usual case for a segment like `<name>.pdf`).
                if var == NONE {
                    node = found[0] as usize;
                    pos = next;
                    continue;
                }
                // Else the variable only if nothing below the partial child matches; on
                // the last segment, that child answers without a call.
                if let Some(found) = self.descend(found[0], path, next, depth, ends)? {
                    return Ok(Some(found));
                }
            } else if count != 0 {
                let best = self.best_of(&found, count, n, text, path, next, depth, ends)?;
                if best.is_some() || var == NONE {
                    return Ok(best);
                }
            }
            if var == NONE {
                return Ok(None);
            }
            node = var as usize;
            pos = next;
        }
    }

    /// The best route below `child` for the segments from `next` on: past the last
    /// segment, the child's own answer, without a call.
    #[inline(always)]
    fn descend<'t, P: Segments<'t>>(
        &self,
        child: u32,
        path: P,
        next: usize,
        depth: usize,
        ends: &mut Ends,
    ) -> Result<Option<u32>, HasEscape> {
        if path.is_end(next) {
            return Ok((self.answer(child) != NONE).then_some(child));
        }
        self.search(child as usize, path, next, depth, ends)
    }

    /// The best route below the partial children of `node` that match `text`.
    fn partials<'t, P: Segments<'t>>(
        &self,
        node: &Node,
        text: &[u8],
        path: P,
        next: usize,
        depth: usize,
        ends: &mut Ends,
    ) -> Result<Option<u32>, HasEscape> {
        let mut best: Option<u32> = None;
        for class in self.classes_of(node) {
            let (shapes, middle) = self.class_shapes(class, text);
            for shape in shapes {
                if !self.middle_matches(shape, middle) {
                    continue;
                }
                if let Some(found) = self.descend(shape.child, path, next, depth, ends)? {
                    best = Some(self.better(best, found));
                }
            }
        }
        Ok(best)
    }

    /// How many partial children of `node` match `text`, counting up to [`FEW`] + 1;
    /// `found` receives the children of the first [`FEW`].
    #[inline(never)]
    fn matching_partials(&self, node: &Node, text: &[u8], found: &mut [u32; FEW]) -> usize {
        let classes = self.classes_of(node);
        // One class of one head and tail (a node's partial children are usually one
        // `img-<id>.png`): its slot compared without the loop's set-up. Not in browser
        // bundles, where the loop alone answers (the same) in less code.
        if let (false, [class]) = (cfg!(target_arch = "wasm32"), classes) {
            if class.mask == 0 {
                let (h, t) = (class.head as usize, class.tail as usize);
                let shapes = match text.len().checked_sub(t) {
                    Some(end) if end > h => text
                        .get(..h)
                        .zip(text.get(end..))
                        .and_then(|(head, tail)| self.partial_slot(class, head, tail))
                        .and_then(|slot| {
                            self.shapes
                                .get(slot.first as usize..(slot.first + slot.count) as usize)
                        })
                        .unwrap_or_default(),
                    _ => &[],
                };
                match shapes {
                    [] => return 0,
                    [shape] if shape.lits.0 == shape.lits.1 => {
                        found[0] = shape.child;
                        return 1;
                    }
                    _ => {}
                }
            }
        }
        self.matching_partials_of(classes, text, found)
    }

    /// [`matching_partials`](Self::matching_partials) over `classes`.
    #[inline(never)]
    fn matching_partials_of(
        &self,
        classes: &[Class],
        text: &[u8],
        found: &mut [u32; FEW],
    ) -> usize {
        let mut count = 0;
        for class in classes {
            let (shapes, middle) = self.class_shapes(class, text);
            for shape in shapes {
                if self.middle_matches(shape, middle) {
                    if let Some(slot) = found.get_mut(count) {
                        *slot = shape.child;
                    }
                    count += 1;
                    if count > FEW {
                        return count;
                    }
                }
            }
        }
        count
    }

    /// The best route below the `count` matching partial children of `node` that
    /// [`matching_partials`](Self::matching_partials) found: those children themselves
    /// when they all fit in `found` (no second matching pass), else all of them again.
    #[allow(clippy::too_many_arguments)]
    fn best_of<'t, P: Segments<'t>>(
        &self,
        found: &[u32; FEW],
        count: usize,
        node: &Node,
        text: &[u8],
        path: P,
        next: usize,
        depth: usize,
        ends: &mut Ends,
    ) -> Result<Option<u32>, HasEscape> {
        if count > FEW {
            return self.partials(node, text, path, next, depth, ends);
        }
        let mut best: Option<u32> = None;
        for &child in found.iter().take(count) {
            if let Some(found) = self.descend(child, path, next, depth, ends)? {
                best = Some(self.better(best, found));
            }
        }
        Ok(best)
    }

    #[inline(always)]
    fn classes_of(&self, node: &Node) -> &[Class] {
        self.classes
            .get(node.classes.0 as usize..node.classes.1 as usize)
            .unwrap_or_default()
    }

    /// The partial children of `class` whose head and tail `text` spells (one table
    /// probe), and the text between them, which their variables and middle literals must
    /// fill.
    #[inline(always)]
    fn class_shapes<'s>(&'s self, class: &Class, text: &'s [u8]) -> (&'s [Shape], &'s [u8]) {
        let (h, t) = (class.head as usize, class.tail as usize);
        // Each variable holds at least one character.
        let Some(end) = text.len().checked_sub(t).filter(|&end| end > h) else {
            return (&[], &[]);
        };
        let (Some(head), Some(middle), Some(tail)) =
            (text.get(..h), text.get(h..end), text.get(end..))
        else {
            return (&[], &[]);
        };
        if class.ends & end_bit(head, tail) == 0 {
            return (&[], &[]);
        }
        let shapes = self
            .partial_slot(class, head, tail)
            .and_then(|slot| {
                self.shapes
                    .get(slot.first as usize..(slot.first + slot.count) as usize)
            })
            .unwrap_or_default();
        (shapes, middle)
    }

    /// The slot of `class` holding the partial children with this head and tail.
    #[inline(always)]
    fn partial_slot(&self, class: &Class, head: &[u8], tail: &[u8]) -> Option<&PartialSlot> {
        let (hk, tk) = (Key::of(head), Key::of(tail));
        // One head and tail in the class (the usual case): its one slot, no hashing.
        let mut i = if class.mask == 0 {
            0
        } else {
            pair_hash(&hk, &tk) & class.mask
        };
        loop {
            let slot = self.partial_slots.get((class.table + i) as usize)?;
            // Keys over 16 bytes may be equal for different texts: those compare text.
            if slot.head == hk
                && slot.tail == tk
                && (hk.len <= 16 && tk.len <= 16 || self.long_partial_is(slot, head, tail))
            {
                return Some(slot);
            }
            // An empty slot ends the probe. (Its keys are empty, which only a class with
            // an empty head and tail asks for, and such a class has one slot, no empty one.)
            if class.mask == 0 || slot.count == 0 {
                return None;
            }
            i = (i + 1) & class.mask;
        }
    }

    /// Whether the head and tail of `slot`, one of them over 16 bytes, are `head` and
    /// `tail`: rare, and out of the matching loop.
    #[cold]
    #[inline(never)]
    fn long_partial_is(&self, slot: &PartialSlot, head: &[u8], tail: &[u8]) -> bool {
        let start = slot.text as usize;
        let (h, t) = (slot.head.len as usize, slot.tail.len as usize);
        let bytes = &self.text[..];
        bytes.get(start..start + h) == Some(head)
            && bytes.get(start + h..start + h + t) == Some(tail)
    }

    /// True when `middle` (the text between the head and the tail) splits into variables of
    /// at least one character each around the shape's literals. Each literal is taken at
    /// its leftmost place: any split has its literals at or after those places, so this
    /// finds a split exactly when there is one, in one pass.
    #[inline(always)]
    fn middle_matches(&self, shape: &Shape, middle: &[u8]) -> bool {
        shape.lits.0 == shape.lits.1 || self.middle_splits(shape, middle)
    }

    /// [`middle_matches`](Self::middle_matches) for a shape with middle literals (a
    /// segment holding several variables): rare, so kept out of the matching loop, whose
    /// registers it would crowd.
    #[cold]
    #[inline(never)]
    fn middle_splits(&self, shape: &Shape, middle: &[u8]) -> bool {
        let lits = self
            .middles
            .get(shape.lits.0 as usize..shape.lits.1 as usize)
            .unwrap_or_default();
        let bytes = &self.text[..];
        // Where the current variable starts.
        let mut at = 0;
        for &(start, len) in lits {
            let lit = bytes
                .get(start as usize..(start + len) as usize)
                .unwrap_or_default();
            // A literal matched in UTF-8 text starts on a character boundary, so one byte
            // of variable is one character.
            let from = at + 1;
            let Some(found) = middle.get(from..).and_then(|hay| find(hay, lit)) else {
                return false;
            };
            at = from + found + lit.len();
        }
        at < middle.len()
    }

    /// The literal child of `node` spelled `text`, or `NONE`.
    #[inline(always)]
    fn literal(&self, node: &Node, text: &[u8]) -> u32 {
        if node.table == 0 {
            return NONE;
        }
        self.probe(node, &Key::of(text), text)
    }

    /// [`literal`](Self::literal) at a node where `text` may well be a variable's value
    /// instead: asks [`Node::literals`] first.
    #[inline(always)]
    fn literal_or_value(&self, node: &Node, text: &[u8]) -> u32 {
        if node.literals == 0 {
            return NONE;
        }
        let key = Key::of(text);
        if node.literals & literal_bit(&key) == 0 {
            return NONE;
        }
        self.probe(node, &key, text)
    }

    /// The child in `node`'s literal table (which exists) with `key`, spelled `text`.
    #[inline(always)]
    fn probe(&self, node: &Node, key: &Key, text: &[u8]) -> u32 {
        let mask = node.mask;
        let mut i = key.hash() & mask;
        loop {
            let Some(slot) = self.slots.get((node.table + i) as usize) else {
                return NONE;
            };
            if slot.child == NONE {
                return NONE;
            }
            if slot.holds(self, key, text) {
                return slot.child;
            }
            i = (i + 1) & mask;
        }
    }

    /// The text of a slot's literal longer than 16 bytes.
    fn long(&self, slot: &Slot) -> &[u8] {
        long_text(&self.text, slot)
    }
}

/// The text of a slot's literal longer than 16 bytes, in a trie's `text` (empty out of
/// range: never, for the trie's own slots).
#[cold]
#[inline(never)]
fn long_text<'t>(text: &'t [u8], slot: &Slot) -> &'t [u8] {
    let start = slot.tail as usize;
    text.get(start..start + slot.len as usize)
        .unwrap_or_default()
}

/// The first place of `needle` (non-empty) in `hay`: candidates are the places where both
/// its first and its last byte match, found eight at a time, then compared in full. The
/// work is linear in `hay` times the needle's length (a route literal), never quadratic in
/// the request.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let m = needle.len();
    let (&first, &last) = (needle.first()?, needle.last()?);
    if hay.len() < m {
        return None;
    }
    // Candidate starts are 0..=hay.len() - m.
    let starts = hay.len() - m + 1;
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&hay[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let mut i = 0;
    // While a whole word of first bytes and of last bytes can be loaded.
    while i + 8 <= starts && i + m - 1 + 8 <= hay.len() {
        let mut marks =
            zero_bytes(word(i) ^ splat(first)) & zero_bytes(word(i + m - 1) ^ splat(last));
        while marks != 0 {
            let at = i + (marks.trailing_zeros() / 8) as usize;
            if hay.get(at..at + m) == Some(needle) {
                return Some(at);
            }
            marks &= marks - 1;
        }
        i += 8;
    }
    (i..starts).find(|&at| hay.get(at..at + m) == Some(needle))
}

const ONES: u64 = 0x0101_0101_0101_0101;

fn splat(b: u8) -> u64 {
    ONES * u64::from(b)
}

/// The high bit of every zero byte of `x`, and of no other byte (exact, unlike the
/// borrow trick).
#[inline]
fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// A partial child's table slot: from the keys of its head and its tail.
#[inline]
fn pair_hash(head: &Key, tail: &Key) -> u32 {
    let mixed = head.head
        ^ head.tail.rotate_left(29)
        ^ tail.head.rotate_left(13)
        ^ tail.tail.rotate_left(43)
        ^ u64::from(head.len)
        ^ u64::from(tail.len) << 32;
    (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
}

/// The whole text of a key longer than 16 bytes, kept at `start` in its table's text (a
/// [`Key`] holds only its first and last 8 bytes). Out of range (never, for a table's own
/// slots) it is empty, which no key of that length equals.
pub(crate) fn long_key_text<'a>(text: &'a str, start: u32, key: &Key) -> &'a [u8] {
    let start = start as usize;
    text.as_bytes()
        .get(start..start + key.len as usize)
        .unwrap_or_default()
}

impl Key {
    /// A key no segment has (its length is more than any request's).
    pub(crate) const NONE: Key = Key {
        head: 0,
        tail: 0,
        len: u32::MAX,
    };

    #[inline]
    pub(crate) fn of(s: &[u8]) -> Key {
        let n = s.len();
        let word = |at: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&s[at..at + 8]);
            u64::from_le_bytes(w)
        };
        let half = |at: usize| {
            let mut w = [0u8; 4];
            w.copy_from_slice(&s[at..at + 4]);
            u64::from(u32::from_le_bytes(w))
        };
        let (head, tail) = match n {
            8.. => (word(0), word(n - 8)),
            4..=7 => (half(0), half(n - 4)),
            1..=3 => (
                u64::from(s[0]) | u64::from(s[n / 2]) << 8 | u64::from(s[n - 1]) << 16,
                0,
            ),
            0 => (0, 0),
        };
        Key {
            head,
            tail,
            len: n as u32,
        }
    }

    #[inline]
    pub(crate) fn hash(&self) -> u32 {
        let mixed = self.head ^ self.tail.rotate_left(29) ^ u64::from(self.len);
        (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
    }

    /// The key in one word for multiply-shift hashing: one to one on keys of up to 3 bytes
    /// (the length in the top bits, clear of the bytes), and almost so up to 7.
    #[inline(always)]
    pub(crate) fn folded(&self) -> u64 {
        self.head ^ self.tail.rotate_left(29) ^ u64::from(self.len) << 61
    }
}

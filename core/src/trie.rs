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

use alloc::string::String;
use alloc::vec::Vec;

use hashbrown::HashTable;

use crate::index::{Ends, HasEscape, Segments};
use crate::template::Segment;

/// Marks "no child", "no route" and empty table slots.
const NONE: u32 = u32::MAX;

/// How many matching partial children are kept from one matching pass.
const FEW: usize = 4;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// This node's literal table: `slots[table..=table + mask]`, a power of two long.
    table: u32,
    mask: u32,
    /// This node's partial children by head and tail lengths: `classes[classes.0..classes.1]`.
    classes: (u32, u32),
    var: u32,
    /// The best-ranked route ending here.
    route: u32,
    children: Children,
}

/// The kinds of children a node has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Children {
    None,
    Literals,
    Partials,
    Variable,
    /// More than one kind: a walk may have to come back and try another.
    Choice,
}

/// One slot of a literal table; `child == NONE` is empty.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: Key,
    child: u32,
    /// Where the text is in `text`, for literals longer than 16 bytes.
    text: u32,
}

/// The partial children of a node whose literal head is `head` bytes long and whose
/// literal tail is `tail` bytes long, in a table keyed by the head and the tail:
/// `partial_slots[table..=table + mask]`.
#[derive(Debug, Clone, Copy)]
struct Class {
    head: u32,
    tail: u32,
    table: u32,
    mask: u32,
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
    slots: Vec<Slot>,
    classes: Vec<Class>,
    partial_slots: Vec<PartialSlot>,
    shapes: Vec<Shape>,
    middles: Vec<(u32, u32)>,
    /// Literals longer than 16 bytes, and the literals of partial segments.
    text: String,
}

/// A child of a node, as the builder sees it.
enum Edge<'a> {
    Literal(&'a str),
    Variable,
    /// `head <v> lit <v> … <v> tail`: the literals between the variables are `middle`.
    Partial {
        head: &'a str,
        middle: Vec<&'a str>,
        tail: &'a str,
    },
}

impl Trie {
    /// `routes` are given best rank first: `rank` is the position in that order. They
    /// have `segments` segments in all (at most that many nodes and edges to make).
    pub(crate) fn new<'a>(
        routes: impl Iterator<Item = impl Iterator<Item = Segment<'a>>>,
        segments: usize,
    ) -> Trie {
        let mut b = Builder {
            nodes: Vec::with_capacity(segments + 1),
            edges: Vec::with_capacity(segments),
            edge_table: HashTable::with_capacity(segments),
        };
        b.nodes.push(BuildNode::default());
        for (rank, segments) in routes.enumerate() {
            let mut node = 0u32;
            for seg in segments {
                node = b.child(node, edge(seg));
            }
            // Ranks come in increasing order, so the first route to end here is the best.
            let slot = &mut b.nodes[node as usize].route;
            if *slot == NONE {
                *slot = rank as u32;
            }
        }
        b.freeze()
    }

    /// The rank of the best route matching the segments of `path`; `ends` receives where
    /// each segment ends (see [`Ends`]).
    #[inline]
    pub(crate) fn find<'t, P: Segments<'t>>(
        &self,
        path: P,
        ends: &mut Ends,
    ) -> Result<Option<u32>, HasEscape> {
        // Down the nodes with one kind of child: no choice to come back to, so a plain
        // loop with little to keep (most of a request's walk, and all of most misses).
        let (mut node, mut pos, mut depth) = (0usize, path.first(), 0usize);
        loop {
            let Some(n) = self.nodes.get(node) else {
                return Ok(None);
            };
            // A choice (two kinds of children) needs the search that can come back.
            if n.children == Children::Choice {
                return self.search(node, path, pos, depth, ends);
            }
            let Some((text, next)) = path.segment(pos)? else {
                return Ok((n.route != NONE).then_some(n.route));
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
                return Ok((n.route != NONE).then_some(n.route));
            };
            ends.record(depth, next);
            depth += 1;
            let literal = self.literal(n, text);
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
                if let Some(found) = self.search(literal as usize, path, next, depth, ends)? {
                    return Ok(Some(found));
                }
            }
            // One partial child matches and nothing comes after it: go down without
            // recursing (the usual case for a segment like `<name>.pdf`).
            if var == NONE {
                let mut found = [NONE; FEW];
                match self.matching_partials(n, text, &mut found) {
                    0 => return Ok(None),
                    1 => {
                        node = found[0] as usize;
                        pos = next;
                        continue;
                    }
                    k => return self.best_of(&found, k, n, text, path, next, depth, ends),
                }
            }
            let best = self.partials(n, text, path, next, depth, ends)?;
            if best.is_some() || var == NONE {
                return Ok(best);
            }
            node = var as usize;
            pos = next;
        }
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
                if let Some(found) = self.search(shape.child as usize, path, next, depth, ends)? {
                    best = Some(best.map_or(found, |b| b.min(found)));
                }
            }
        }
        Ok(best)
    }

    /// How many partial children of `node` match `text`, counting up to [`FEW`] + 1;
    /// `found` receives the children of the first [`FEW`].
    #[inline(never)]
    fn matching_partials(&self, node: &Node, text: &[u8], found: &mut [u32; FEW]) -> usize {
        let mut count = 0;
        for class in self.classes_of(node) {
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
            if let Some(found) = self.search(child as usize, path, next, depth, ends)? {
                best = Some(best.map_or(found, |b| b.min(found)));
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
        let mut i = pair_hash(&hk, &tk) & class.mask;
        loop {
            let slot = self.partial_slots.get((class.table + i) as usize)?;
            if slot.count == 0 {
                return None;
            }
            if slot.head == hk
                && slot.tail == tk
                && (hk.len <= 16 && tk.len <= 16 || self.long_partial(slot) == (head, tail))
            {
                return Some(slot);
            }
            i = (i + 1) & class.mask;
        }
    }

    fn long_partial(&self, slot: &PartialSlot) -> (&[u8], &[u8]) {
        let start = slot.text as usize;
        let (h, t) = (slot.head.len as usize, slot.tail.len as usize);
        let bytes = self.text.as_bytes();
        (
            bytes.get(start..start + h).unwrap_or_default(),
            bytes.get(start + h..start + h + t).unwrap_or_default(),
        )
    }

    /// True when `middle` (the text between the head and the tail) splits into variables of
    /// at least one character each around the shape's literals. Each literal is taken at
    /// its leftmost place: any split has its literals at or after those places, so this
    /// finds a split exactly when there is one, in one pass.
    #[inline]
    fn middle_matches(&self, shape: &Shape, middle: &[u8]) -> bool {
        if shape.lits.0 == shape.lits.1 {
            return true;
        }
        let lits = self
            .middles
            .get(shape.lits.0 as usize..shape.lits.1 as usize)
            .unwrap_or_default();
        let bytes = self.text.as_bytes();
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
        let key = Key::of(text);
        let mut i = key.hash() & node.mask;
        loop {
            let Some(slot) = self.slots.get((node.table + i) as usize) else {
                return NONE;
            };
            if slot.child == NONE {
                return NONE;
            }
            if slot.key == key && (key.len <= 16 || self.long(slot) == text) {
                return slot.child;
            }
            i = (i + 1) & node.mask;
        }
    }

    fn long(&self, slot: &Slot) -> &[u8] {
        let start = slot.text as usize;
        self.text
            .as_bytes()
            .get(start..start + slot.key.len as usize)
            .unwrap_or_default()
    }
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

impl Key {
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
}

/// How the trie sees a template segment.
fn edge(seg: Segment<'_>) -> Edge<'_> {
    if let Segment::Static(text) = seg {
        return Edge::Literal(text);
    }
    if seg.is_single_variable() {
        return Edge::Variable;
    }
    // `parts` leaves out empty literals: a literal before the first variable is the head,
    // one after the last is the tail, the others sit between two variables.
    let parts: Vec<Result<&str, ()>> = seg.parts().collect();
    let head = match parts.first() {
        Some(Ok(text)) => text,
        _ => "",
    };
    let tail = match parts.last() {
        Some(Ok(text)) if parts.len() > 1 => text,
        _ => "",
    };
    let first_var = parts.iter().position(Result::is_err).unwrap_or(0);
    let last_var = parts.iter().rposition(Result::is_err).unwrap_or(0);
    let middle = parts
        .get(first_var..last_var)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.ok())
        .collect();
    Edge::Partial { head, middle, tail }
}

/// Construction state: literal edges are found through a table while the trie grows (a
/// node can have thousands of literal children), then laid out in per-node tables.
struct Builder<'a> {
    nodes: Vec<BuildNode<'a>>,
    /// Literal edges in the order they were made.
    edges: Vec<LiteralEdge<'a>>,
    /// `edges` by parent and text.
    edge_table: HashTable<u32>,
}

struct LiteralEdge<'a> {
    parent: u32,
    key: Key,
    text: &'a str,
    child: u32,
}

fn edge_hash(parent: u32, key: &Key) -> u64 {
    let h = (u64::from(key.hash()) | u64::from(parent) << 32).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
}

struct BuildPartial<'a> {
    head: &'a str,
    middle: Vec<&'a str>,
    tail: &'a str,
    child: u32,
}

struct BuildNode<'a> {
    partials: Vec<BuildPartial<'a>>,
    var: u32,
    route: u32,
    /// How many literal children it has.
    literals: u32,
}

impl Default for BuildNode<'_> {
    fn default() -> Self {
        BuildNode {
            partials: Vec::new(),
            var: NONE,
            route: NONE,
            literals: 0,
        }
    }
}

impl<'a> Builder<'a> {
    fn child(&mut self, node: u32, edge: Edge<'a>) -> u32 {
        let next = self.nodes.len() as u32;
        let slot = &mut self.nodes[node as usize];
        match edge {
            Edge::Literal(text) => {
                let key = Key::of(text.as_bytes());
                let hash = edge_hash(node, &key);
                let edges = &self.edges;
                let same = |&i: &u32| {
                    let e = &edges[i as usize];
                    e.parent == node && e.key == key && (key.len <= 16 || e.text == text)
                };
                if let Some(&i) = self.edge_table.find(hash, same) {
                    return edges[i as usize].child;
                }
                slot.literals += 1;
                self.edge_table
                    .insert_unique(hash, edges.len() as u32, |&i| {
                        let e = &edges[i as usize];
                        edge_hash(e.parent, &e.key)
                    });
                self.edges.push(LiteralEdge {
                    parent: node,
                    key,
                    text,
                    child: next,
                });
            }
            Edge::Variable => match slot.var {
                NONE => slot.var = next,
                child => return child,
            },
            Edge::Partial { head, middle, tail } => {
                // Equal literals: the same segment up to variable names.
                let same = slot
                    .partials
                    .iter()
                    .find(|p| p.head == head && p.tail == tail && p.middle == middle);
                match same {
                    Some(p) => return p.child,
                    None => slot.partials.push(BuildPartial {
                        head,
                        middle,
                        tail,
                        child: next,
                    }),
                }
            }
        }
        self.nodes.push(BuildNode::default());
        next
    }

    fn freeze(self) -> Trie {
        // The edges grouped by parent (a counting sort): node `n`'s are
        // `by_parent[starts[n]..starts[n + 1]]`.
        let mut starts: Vec<u32> = Vec::with_capacity(self.nodes.len() + 1);
        let mut total = 0u32;
        for b in &self.nodes {
            starts.push(total);
            total += b.literals;
        }
        starts.push(total);
        let mut fill = starts.clone();
        let mut by_parent: Vec<u32> = alloc::vec![0; self.edges.len()];
        for (i, e) in self.edges.iter().enumerate() {
            let at = &mut fill[e.parent as usize];
            by_parent[*at as usize] = i as u32;
            *at += 1;
        }
        let empty = Slot {
            key: Key::default(),
            child: NONE,
            text: 0,
        };
        // Slot 0 is a shared empty table for nodes without literal children; every other
        // table is at most half full (see below).
        let room: usize = self
            .nodes
            .iter()
            .filter(|b| b.literals > 0)
            .map(|b| (b.literals as usize * 2).next_power_of_two())
            .sum();
        let mut slots = Vec::with_capacity(1 + room);
        slots.push(empty);
        let mut t = Trie {
            nodes: Vec::with_capacity(self.nodes.len()),
            slots,
            classes: Vec::new(),
            partial_slots: Vec::new(),
            shapes: Vec::new(),
            middles: Vec::new(),
            text: String::new(),
        };
        for (n, b) in self.nodes.into_iter().enumerate() {
            let lits = &by_parent[starts[n] as usize..starts[n + 1] as usize];
            let (table, mask) = if lits.is_empty() {
                (0, 0)
            } else {
                // At most half full, so probes stay short and always reach an empty slot.
                let size = (lits.len() * 2).next_power_of_two();
                let table = t.slots.len();
                t.slots.resize(table + size, empty);
                let mask = size as u32 - 1;
                for &e in lits {
                    let LiteralEdge {
                        key, text, child, ..
                    } = self.edges[e as usize];
                    let mut i = key.hash() & mask;
                    while t.slots[table + i as usize].child != NONE {
                        i = (i + 1) & mask;
                    }
                    let at = t.text.len() as u32;
                    if key.len > 16 {
                        t.text.push_str(text);
                    }
                    t.slots[table + i as usize] = Slot {
                        key,
                        child,
                        text: at,
                    };
                }
                (table as u32, mask)
            };
            let start = t.classes.len() as u32;
            t.add_partials(b.partials);
            let classes = (start, t.classes.len() as u32);
            let children = match (table != 0, classes.0 != classes.1, b.var != NONE) {
                (false, false, false) => Children::None,
                (true, false, false) => Children::Literals,
                (false, true, false) => Children::Partials,
                (false, false, true) => Children::Variable,
                _ => Children::Choice,
            };
            t.nodes.push(Node {
                table,
                mask,
                classes,
                var: b.var,
                route: b.route,
                children,
            });
        }
        t
    }
}

impl Trie {
    /// Lays out the partial children of one node: a class per pair of head and tail
    /// lengths, a slot per head and tail text, the shapes of each slot together.
    fn add_partials(&mut self, mut partials: Vec<BuildPartial<'_>>) {
        // Children are numbered in insertion order, so `child` as the last key makes the
        // (smaller, in a browser bundle) unstable sort give the stable order.
        crate::sort::sort_by(&mut partials, |a, b| {
            (a.head.len(), a.tail.len(), a.head, a.tail, a.child).cmp(&(
                b.head.len(),
                b.tail.len(),
                b.head,
                b.tail,
                b.child,
            ))
        });
        let mut rest = &partials[..];
        while let Some(first) = rest.first() {
            let lens = (first.head.len(), first.tail.len());
            let n = rest
                .iter()
                .take_while(|p| (p.head.len(), p.tail.len()) == lens)
                .count();
            let (class, after) = rest.split_at(n);
            self.add_class(class);
            rest = after;
        }
    }

    /// One class: partial children whose heads and tails have the same lengths, sorted by
    /// head and tail.
    fn add_class(&mut self, class: &[BuildPartial<'_>]) {
        let Some(first) = class.first() else {
            return;
        };
        let mut groups: Vec<&[BuildPartial<'_>]> = Vec::new();
        let mut rest = class;
        while let Some(p) = rest.first() {
            let n = rest
                .iter()
                .take_while(|q| q.head == p.head && q.tail == p.tail)
                .count();
            let (group, after) = rest.split_at(n);
            groups.push(group);
            rest = after;
        }
        let size = (groups.len() * 2).next_power_of_two();
        let table = self.partial_slots.len();
        let empty = PartialSlot {
            head: Key::default(),
            tail: Key::default(),
            first: 0,
            count: 0,
            text: 0,
        };
        self.partial_slots.resize(table + size, empty);
        let mask = size as u32 - 1;
        for group in groups {
            let p = &group[0];
            let (head, tail) = (Key::of(p.head.as_bytes()), Key::of(p.tail.as_bytes()));
            let mut i = pair_hash(&head, &tail) & mask;
            while self.partial_slots[table + i as usize].count != 0 {
                i = (i + 1) & mask;
            }
            let text = self.text.len() as u32;
            if head.len > 16 || tail.len > 16 {
                self.text.push_str(p.head);
                self.text.push_str(p.tail);
            }
            let shapes = self.shapes.len() as u32;
            for q in group {
                let lits = self.middles.len() as u32;
                for lit in &q.middle {
                    self.middles
                        .push((self.text.len() as u32, lit.len() as u32));
                    self.text.push_str(lit);
                }
                self.shapes.push(Shape {
                    lits: (lits, self.middles.len() as u32),
                    child: q.child,
                });
            }
            self.partial_slots[table + i as usize] = PartialSlot {
                head,
                tail,
                first: shapes,
                count: group.len() as u32,
                text,
            };
        }
        self.classes.push(Class {
            head: first.head.len() as u32,
            tail: first.tail.len() as u32,
            table: table as u32,
            mask,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    /// Every string over `ab` up to `n` bytes.
    fn strings(n: usize) -> Vec<Vec<u8>> {
        let mut out = vec![Vec::new()];
        let mut last = vec![Vec::new()];
        for _ in 0..n {
            let mut next = Vec::new();
            for s in &last {
                for b in [b'a', b'b'] {
                    let mut t = s.clone();
                    t.push(b);
                    next.push(t);
                }
            }
            out.extend(next.iter().cloned());
            last = next;
        }
        out
    }

    #[test]
    fn find_is_the_first_place() {
        let needles = strings(4);
        for hay in strings(12).into_iter().filter(|h| h.len() >= 9) {
            for needle in needles.iter().filter(|n| !n.is_empty()) {
                let naive = hay.windows(needle.len()).position(|w| w == &needle[..]);
                assert_eq!(find(&hay, needle), naive, "{hay:?} {needle:?}");
            }
        }
        // Past the word loop, and longer than a word.
        let hay = b"xxxxxxxxxxxxxxxxxxxxyabcdefghijk";
        assert_eq!(find(hay, b"abcdefghij"), Some(21));
        assert_eq!(find(hay, b"k"), Some(31));
        assert_eq!(find(hay, b"abcdefghijkl"), None);
    }

    /// `(page module, variables)` of a plain request.
    fn answer(registry: &crate::Registry<()>, path: &str) -> Option<(String, Vec<String>)> {
        match registry.resolve(path, "") {
            crate::Resolution::Page(m) => Some((
                String::from(m.page().module()),
                m.variables().map(|(_, v)| String::from(v)).collect(),
            )),
            _ => None,
        }
    }

    fn registry(templates: &[&str]) -> crate::Registry<()> {
        let mut b = crate::RegistryBuilder::new(crate::Config::new());
        for (i, t) in templates.iter().enumerate() {
            b.page(
                crate::PageSpec::new(&alloc::format!("p{i}"))
                    .path_template(t)
                    .layout(()),
            );
        }
        b.build().unwrap()
    }

    #[test]
    fn a_literal_that_leads_nowhere_falls_back_to_partials_and_variables() {
        let r = registry(&["/a/foo/x", "/a/f<v>o/y", "/a/<w>/z"]);
        assert_eq!(answer(&r, "/a/foo/x"), Some(("p0".into(), vec![])));
        assert_eq!(
            answer(&r, "/a/foo/y"),
            Some(("p1".into(), vec!["o".into()]))
        );
        assert_eq!(
            answer(&r, "/a/foo/z"),
            Some(("p2".into(), vec!["foo".into()]))
        );
        assert_eq!(answer(&r, "/a/foo/w"), None);
        // No variable sibling: literal, then partials.
        let r = registry(&["/a/foo/x", "/a/f<v>o/y"]);
        assert_eq!(
            answer(&r, "/a/foo/y"),
            Some(("p1".into(), vec!["o".into()]))
        );
    }

    #[test]
    fn among_matching_partials_the_best_rank_wins_whatever_the_class() {
        // Longer literal text ranks first (POLICY D6): `img-<id>.png` over `<f>.png` over
        // `img-<g>`, each in its own class of head and tail lengths.
        let r = registry(&[
            "/i/img-<g>/x",
            "/i/<f>.png/x",
            "/i/img-<id>.png/x",
            "/i/<h>/x",
        ]);
        assert_eq!(
            answer(&r, "/i/img-1.png/x"),
            Some(("p2".into(), vec!["1".into()]))
        );
        assert_eq!(
            answer(&r, "/i/a.png/x"),
            Some(("p1".into(), vec!["a".into()]))
        );
        assert_eq!(
            answer(&r, "/i/img-a/x"),
            Some(("p0".into(), vec!["a".into()]))
        );
        assert_eq!(
            answer(&r, "/i/png/x"),
            Some(("p3".into(), vec!["png".into()]))
        );
        // The best partial leads nowhere: the next one is tried.
        let r = registry(&["/i/img-<id>.png/x", "/i/<f>.png/y"]);
        assert_eq!(
            answer(&r, "/i/img-1.png/y"),
            Some(("p1".into(), vec!["img-1".into()]))
        );
    }

    #[test]
    fn zero_bytes_is_exact() {
        for x in [
            0u64,
            1,
            0x0100,
            0x8000,
            0xFF00_0001_0000_0100,
            u64::MAX,
            0x0101_0101_0101_0100,
        ] {
            let expected = (0..8).fold(0u64, |m, i| {
                if (x >> (8 * i)) & 0xFF == 0 {
                    m | 0x80 << (8 * i)
                } else {
                    m
                }
            });
            assert_eq!(zero_bytes(x), expected, "{x:#x}");
        }
    }
}

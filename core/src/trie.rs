//! A segment trie over the ranked routes: the fast path of [`Index`](crate::index::Index).
//!
//! Each node is one segment depth. Its children are split by kind: literal segments (found
//! by exact text), segments mixing literal text and variables, and at most one
//! whole-segment variable. Because routes are ranked by segment kinds left to right
//! (POLICY D6), a match below a literal child beats anything below a partial or variable
//! child of the same node, and a match below a partial child beats anything below the
//! variable child. Only between partial children does the search keep looking, since which
//! of them wins depends on the rest of the rank (literal characters, then registry order):
//! every route carries its position in the global rank, and the smaller one wins.
//!
//! Literal children live in one open-addressing table per node, keyed by a [`Key`] that
//! spells a segment of up to 16 bytes exactly in three integers, so most probes compare
//! integers and never read text.

use alloc::boxed::Box;
use alloc::vec::Vec;

use hashbrown::HashMap;

use crate::index::{Cursor, HasEscape};
use crate::template::{Segment, SegmentPattern};

/// Marks "no child", "no route" and empty table slots.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// This node's literal table: `slots[table..=table + mask]`, a power of two long.
    table: u32,
    mask: u32,
    /// This node's partial children: `partials[partials.0..partials.1]`.
    partials: (u32, u32),
    var: u32,
    /// The best-ranked route ending here.
    route: u32,
}

/// One slot of a literal table; `child == NONE` is empty.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: Key,
    child: u32,
    /// Where the text is in `long_text`, for literals longer than 16 bytes.
    text: u32,
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
    partials: Vec<(SegmentPattern, u32)>,
    long_text: Box<str>,
}

impl Trie {
    /// `routes` are given best rank first: `rank` is the position in that order.
    pub(crate) fn new<'a>(routes: impl Iterator<Item = impl Iterator<Item = Segment<'a>>>) -> Trie {
        let mut b = Builder::default();
        b.nodes.push(BuildNode::default());
        for (rank, segments) in routes.enumerate() {
            let mut node = 0u32;
            for seg in segments {
                node = b.child(node, seg);
            }
            // Ranks come in increasing order, so the first route to end here is the best.
            let slot = &mut b.nodes[node as usize].route;
            if *slot == NONE {
                *slot = rank as u32;
            }
        }
        b.freeze()
    }

    /// The rank of the best route matching the segments under `cursor`.
    #[inline]
    pub(crate) fn find<'t, C: Cursor<'t>>(&self, cursor: C) -> Result<Option<u32>, HasEscape> {
        self.search(0, cursor)
    }

    fn search<'t, C: Cursor<'t>>(
        &self,
        mut node: usize,
        mut cursor: C,
    ) -> Result<Option<u32>, HasEscape> {
        loop {
            let n = self.nodes[node];
            let Some((text, rest)) = cursor.step()? else {
                return Ok((n.route != NONE).then_some(n.route));
            };
            let literal = self.literal(&n, text);
            let var = if n.var != NONE && !text.is_empty() {
                n.var
            } else {
                NONE
            };
            // Only one way down: follow it without recursing.
            if n.partials.0 == n.partials.1 && (literal == NONE || var == NONE) {
                match literal.min(var) {
                    NONE => return Ok(None),
                    child => {
                        node = child as usize;
                        cursor = rest;
                        continue;
                    }
                }
            }
            if literal != NONE {
                if let Some(found) = self.search(literal as usize, rest)? {
                    return Ok(Some(found));
                }
            }
            let mut best: Option<u32> = None;
            let partials = &self.partials[n.partials.0 as usize..n.partials.1 as usize];
            for (pattern, child) in partials {
                if pattern.matches(text) {
                    if let Some(found) = self.search(*child as usize, rest)? {
                        best = Some(best.map_or(found, |b| b.min(found)));
                    }
                }
            }
            if best.is_some() || var == NONE {
                return Ok(best);
            }
            node = var as usize;
            cursor = rest;
        }
    }

    /// The literal child of `node` spelled `text`, or `NONE`.
    #[inline]
    fn literal(&self, node: &Node, text: &str) -> u32 {
        if node.table == 0 {
            return NONE;
        }
        let key = Key::of(text.as_bytes());
        let mut i = key.hash() & node.mask;
        loop {
            let slot = &self.slots[(node.table + i) as usize];
            if slot.child == NONE {
                return NONE;
            }
            if slot.key == key && (key.len <= 16 || self.long(slot) == text) {
                return slot.child;
            }
            i = (i + 1) & node.mask;
        }
    }

    fn long(&self, slot: &Slot) -> &str {
        let start = slot.text as usize;
        self.long_text
            .get(start..start + slot.key.len as usize)
            .unwrap_or("")
    }
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

/// Construction state: literal edges are found through a map while the trie grows (a node
/// can have thousands of literal children), then laid out in per-node tables.
#[derive(Default)]
struct Builder<'a> {
    nodes: Vec<BuildNode>,
    static_edges: HashMap<(u32, &'a str), u32>,
}

struct BuildNode {
    partials: Vec<(SegmentPattern, u32)>,
    var: u32,
    route: u32,
}

impl Default for BuildNode {
    fn default() -> Self {
        BuildNode {
            partials: Vec::new(),
            var: NONE,
            route: NONE,
        }
    }
}

impl<'a> Builder<'a> {
    fn child(&mut self, node: u32, seg: Segment<'a>) -> u32 {
        let next = self.nodes.len() as u32;
        let slot = &mut self.nodes[node as usize];
        match seg {
            Segment::Static(text) => match self.static_edges.entry((node, text)) {
                hashbrown::hash_map::Entry::Occupied(e) => return *e.get(),
                hashbrown::hash_map::Entry::Vacant(e) => {
                    e.insert(next);
                }
            },
            Segment::Pattern(_) if seg.is_single_variable() => match slot.var {
                NONE => slot.var = next,
                child => return child,
            },
            Segment::Pattern(p) => match slot.partials.iter().find(|(q, _)| q.same_shape(&p)) {
                Some((_, child)) => return *child,
                None => slot.partials.push((p.to_owned(), next)),
            },
        }
        self.nodes.push(BuildNode::default());
        next
    }

    fn freeze(self) -> Trie {
        let mut literals: Vec<Vec<(&str, u32)>> = alloc::vec![Vec::new(); self.nodes.len()];
        for ((parent, text), child) in self.static_edges {
            literals[parent as usize].push((text, child));
        }
        let empty = Slot {
            key: Key::default(),
            child: NONE,
            text: 0,
        };
        // Slot 0 is a shared empty table for nodes without literal children.
        let mut slots = alloc::vec![empty];
        let mut long_text = alloc::string::String::new();
        let mut partials = Vec::new();
        let mut nodes = Vec::with_capacity(self.nodes.len());
        for (b, lits) in self.nodes.into_iter().zip(literals) {
            let (table, mask) = if lits.is_empty() {
                (0, 0)
            } else {
                // At most half full, so probes stay short and always reach an empty slot.
                let size = (lits.len() * 2).next_power_of_two();
                let table = slots.len();
                slots.resize(table + size, empty);
                let mask = size as u32 - 1;
                for (text, child) in lits {
                    let key = Key::of(text.as_bytes());
                    let mut i = key.hash() & mask;
                    while slots[table + i as usize].child != NONE {
                        i = (i + 1) & mask;
                    }
                    let at = long_text.len() as u32;
                    if key.len > 16 {
                        long_text.push_str(text);
                    }
                    slots[table + i as usize] = Slot {
                        key,
                        child,
                        text: at,
                    };
                }
                (table as u32, mask)
            };
            let start = partials.len() as u32;
            partials.extend(b.partials);
            nodes.push(Node {
                table,
                mask,
                partials: (start, partials.len() as u32),
                var: b.var,
                route: b.route,
            });
        }
        Trie {
            nodes,
            slots,
            partials,
            long_text: long_text.into(),
        }
    }
}

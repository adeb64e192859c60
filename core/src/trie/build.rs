//! Building a [`Trie`]: edges found through a table while the trie grows, then laid out
//! in per-node tables.

use super::*;

/// A partial child of a node, as the builder sees it: `head <v> lit <v> … <v> tail`,
/// the literals between the variables are `middle`.
struct Partial<'a> {
    head: &'a str,
    middle: Vec<&'a str>,
    tail: &'a str,
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
            partials: Vec::new(),
        };
        b.nodes.push(BuildNode::default());
        for (rank, segments) in routes.enumerate() {
            let mut node = 0u32;
            for seg in segments {
                node = match seg {
                    Segment::Static(text) => b.literal(node, text),
                    _ if seg.is_single_variable() => b.variable(node),
                    _ => b.partial(node, partial(seg)),
                };
            }
            // Ranks come in increasing order, so the first route to end here is the best.
            let slot = &mut b.nodes[node as usize].route;
            if *slot == NONE {
                *slot = rank as u32;
            }
        }
        b.freeze()
    }
}

/// How the trie sees a segment with variables that is not one variable alone.
fn partial(seg: Segment<'_>) -> Partial<'_> {
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
    Partial { head, middle, tail }
}

/// Construction state: literal edges are found through a table while the trie grows (a
/// node can have thousands of literal children), then laid out in per-node tables.
struct Builder<'a> {
    nodes: Vec<BuildNode>,
    /// Literal edges in the order they were made.
    edges: Vec<LiteralEdge<'a>>,
    /// `edges` by parent and text.
    edge_table: HashTable<u32>,
    /// The partial children of every node, each node's chained from its last
    /// ([`BuildNode::partials`], [`BuildPartial::next`]): most nodes have none, and a
    /// node that holds no `Vec` of its own is a third of the size.
    partials: Vec<BuildPartial<'a>>,
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
    /// The same node's partial child made before this one, or `NONE`.
    next: u32,
}

struct BuildNode {
    /// Its last partial child in [`Builder::partials`], or `NONE`.
    partials: u32,
    var: u32,
    route: u32,
    /// How many literal children it has.
    literals: u32,
}

impl Default for BuildNode {
    fn default() -> Self {
        BuildNode {
            partials: NONE,
            var: NONE,
            route: NONE,
            literals: 0,
        }
    }
}

impl<'a> Builder<'a> {
    /// The child of `node` along the literal `text`, made if new.
    #[inline]
    fn literal(&mut self, node: u32, text: &'a str) -> u32 {
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
        let next = self.nodes.len() as u32;
        self.nodes[node as usize].literals += 1;
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
        self.nodes.push(BuildNode::default());
        next
    }

    /// The variable child of `node`, made if new.
    #[inline]
    fn variable(&mut self, node: u32) -> u32 {
        let next = self.nodes.len() as u32;
        let slot = &mut self.nodes[node as usize];
        if slot.var != NONE {
            return slot.var;
        }
        slot.var = next;
        self.nodes.push(BuildNode::default());
        next
    }

    /// The partial child of `node` with the literals of `partial`, made if new.
    fn partial(&mut self, node: u32, partial: Partial<'a>) -> u32 {
        let next = self.nodes.len() as u32;
        let slot = &mut self.nodes[node as usize];
        let Partial { head, middle, tail } = partial;
        // Equal literals: the same segment up to variable names.
        let mut at = slot.partials;
        while let Some(p) = self.partials.get(at as usize) {
            if p.head == head && p.tail == tail && p.middle == middle {
                return p.child;
            }
            at = p.next;
        }
        self.partials.push(BuildPartial {
            head,
            middle,
            tail,
            child: next,
            next: slot.partials,
        });
        slot.partials = (self.partials.len() - 1) as u32;
        self.nodes.push(BuildNode::default());
        next
    }

    fn freeze(mut self) -> Trie {
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
            ranks: Vec::with_capacity(self.nodes.len()),
            slots,
            classes: Vec::new(),
            partial_slots: Vec::new(),
            shapes: Vec::new(),
            middles: Vec::new(),
            text: String::new(),
            #[cfg(feature = "first-byte-index")]
            first: None,
        };
        // One node's partial children at a time, taken out of the chains.
        let mut partials: Vec<BuildPartial<'_>> = Vec::new();
        for (n, b) in self.nodes.iter().enumerate() {
            let lits = &by_parent[starts[n] as usize..starts[n + 1] as usize];
            let mut literals = 0u32;
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
                    literals |= literal_bit(&key);
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
            // Most nodes have no partial children: nothing to sort or lay out.
            if b.partials != NONE {
                partials.clear();
                let mut at = b.partials;
                while let Some(p) = self.partials.get_mut(at as usize) {
                    at = p.next;
                    partials.push(BuildPartial {
                        middle: core::mem::take(&mut p.middle),
                        ..*p
                    });
                }
                t.add_partials(&mut partials);
            }
            let classes = (start, t.classes.len() as u32);
            let children = match (table != 0, classes.0 != classes.1, b.var != NONE) {
                (false, false, false) => Children::None,
                (true, false, false) => Children::Literals,
                (false, true, false) => Children::Partials,
                (false, false, true) => Children::Variable,
                _ => Children::Choice,
            };
            t.nodes.push(Node {
                literals,
                table,
                mask,
                classes,
                var: b.var,
                answer: b.route,
                children,
            });
            t.ranks.push(b.route);
        }
        #[cfg(feature = "first-byte-index")]
        if t.nodes.first().map(|n| n.children) == Some(Children::Literals) {
            let root = by_parent.get(..starts[1] as usize).unwrap_or_default();
            t.first = FirstBytes::new(root.iter().map(|&e| {
                let e = &self.edges[e as usize];
                (e.text, e.key, e.child)
            }));
        }
        t
    }
}

impl Trie {
    /// Lays out the partial children of one node: a class per pair of head and tail
    /// lengths, a slot per head and tail text, the shapes of each slot together.
    fn add_partials(&mut self, partials: &mut [BuildPartial<'_>]) {
        // Children are numbered in insertion order, so `child` as the last key makes the
        // (smaller, in a browser bundle) unstable sort give the stable order.
        crate::sort::sort_by(partials, |a, b| {
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
        // One group: a slot of its own, compared without hashing; else at most half full,
        // so probes stay short and always reach an empty slot.
        let size = match groups.len() {
            1 => 1,
            n => (n * 2).next_power_of_two(),
        };
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
        let mut ends = 0;
        for group in groups {
            let p = &group[0];
            ends |= end_bit(p.head.as_bytes(), p.tail.as_bytes());
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
            ends,
        });
    }
}

//! Building a [`Trie`]: nodes and literal tables are made in their frozen form as the
//! routes arrive. A node's literal table is found and filled with the lookup's own hash and
//! probe, and doubles when it would be more than half full; the region it leaves is taken
//! by the next table of that size. Only partial children wait for the end to be laid out.

use super::*;

/// A partial child of a node, as the builder sees it: `head <v> lit <v> … <v> tail`,
/// the literals between the variables are `middle`.
struct Partial<'a> {
    head: &'a str,
    middle: Vec<&'a str>,
    tail: &'a str,
}

/// A [`Trie`] being made, route by route, in any order: each route comes with its rank
/// (the order of the routes' answers, smaller is better), and a node where several routes
/// end answers the best rank of them. The index adds them in registry order, in which
/// their templates were made: read one after another, not scattered as in rank order.
///
/// A static template without escapes is left out (with the `indexed-escapes` feature):
/// the static map answers a plain request that spells it before any walk, and a decoded
/// request looks there first too. What the raw walk still needs is to not miss such a
/// route's request spelled with escapes without having read them: where the route leaves
/// the trie, a literal slot leads to the node that reads the rest ([`Builder::leave`]),
/// once every other route made its nodes. Browser bundles (no `indexed-escapes`: an
/// escaped request is matched route by route) keep every route here, and none of that
/// code.
pub(crate) struct TrieBuilder<'a> {
    b: Builder<'a>,
    /// The left-out routes, for [`finish`](Self::finish).
    left_out: Vec<&'a Template>,
}

impl<'a> TrieBuilder<'a> {
    /// Room for routes of `segments` segments in all (at most that many nodes and edges
    /// to make).
    pub(crate) fn with_room(segments: usize) -> TrieBuilder<'a> {
        TrieBuilder {
            b: Builder::with_room(segments),
            left_out: Vec::new(),
        }
    }

    /// Adds the route of `template` and `rank`. (Inlined into the index's one loop over
    /// the routes: a call each cost ~5 instructions a route.)
    #[inline(always)]
    pub(crate) fn add(&mut self, template: &'a Template, rank: u32) {
        if cfg!(feature = "indexed-escapes") && template.is_static() && !template.has_escapes() {
            self.left_out.push(template);
            return;
        }
        let b = &mut self.b;
        let mut node = 0u32;
        for step in template.trie_steps() {
            node = match step {
                TrieStep::Literal(text) => b.literal(node, text),
                TrieStep::Variable => b.variable(node),
                TrieStep::Partial(seg) => b.partial(node, partial(seg)),
            };
        }
        // The best route to end here answers (`NONE` is larger than every rank).
        let n = &mut b.trie.nodes[node as usize];
        n.answer = n.answer.min(rank);
    }

    /// The trie, once the left-out routes are marked.
    #[inline(never)]
    pub(crate) fn finish(self) -> Trie {
        let mut b = self.b;
        // (Without the feature there are none, and no code for them.)
        if cfg!(feature = "indexed-escapes") {
            for t in self.left_out {
                b.leave(t);
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

/// Construction state around the trie being made. While it is built, a node without
/// partial children has `classes == (n, n)` with `n` its number of literal children: an
/// empty range all the same, and the count its table's load needs. A node with partial
/// children gets its real range when they are laid out, at the end.
struct Builder<'a> {
    trie: Trie,
    /// Regions of `trie.slots` that tables left when they grew, by the log2 of their size:
    /// the first of a chain through the `len` of each region's first slot (`NONE` ends
    /// it). Their slots are empty; a new table of that size takes one before the slots
    /// grow, so that few are left over.
    free: [u32; 32],
    /// The partial children of every node, each node's chained from its last
    /// ([`BuildPartial::next`]).
    partials: Vec<BuildPartial<'a>>,
    /// Each node's last partial child in `partials`, or `NONE`; as long as the last node
    /// that has some (most tables have none: then it stays empty).
    last_partials: Vec<u32>,
    /// The root's literal children, for the first-byte index.
    #[cfg(feature = "first-byte-index")]
    root: Vec<(&'a [u8], Key, u32)>,
    /// The node every left-out static route leaves the trie to ([`Builder::leave`]), or
    /// `NONE` until one does.
    rest: u32,
}

struct BuildPartial<'a> {
    head: &'a str,
    middle: Vec<&'a str>,
    tail: &'a str,
    child: u32,
    /// The same node's partial child made before this one, or `NONE`.
    next: u32,
}

const EMPTY: Slot = Slot {
    head: 0,
    tail: 0,
    len: 0,
    child: NONE,
};

const NEW_NODE: Node = Node {
    literals: 0,
    table: 0,
    mask: 0,
    classes: (0, 0),
    var: NONE,
    answer: NONE,
    children: Children::None,
};

impl Slot {
    /// The hash of the key in this full slot of a table, which a lookup finds it by;
    /// `text` is the trie's.
    #[inline(always)]
    fn hash(&self, text: &[u8]) -> u32 {
        if self.len <= 16 {
            let key = Key {
                head: self.head,
                tail: self.tail,
                len: self.len,
            };
            return key.hash();
        }
        Key::of(long_text(text, self)).hash()
    }
}

/// The kinds of children of a node that gets a child of kind `kind`.
#[inline(always)]
fn with_child(children: Children, kind: Children) -> Children {
    if children == Children::None || children == kind {
        kind
    } else {
        Children::Choice
    }
}

impl<'a> Builder<'a> {
    fn with_room(segments: usize) -> Builder<'a> {
        let mut nodes = Vec::with_capacity(segments + 1);
        nodes.push(NEW_NODE);
        // Filled from the nodes' answers at the end.
        let ranks = Vec::with_capacity(segments + 1);
        // Slot 0 is a shared empty table for nodes without literal children.
        let mut slots = Vec::with_capacity(1 + segments);
        slots.push(EMPTY);
        Builder {
            trie: Trie {
                nodes,
                ranks,
                slots,
                classes: Vec::new(),
                partial_slots: Vec::new(),
                shapes: Vec::new(),
                middles: Vec::new(),
                text: Vec::new(),
                #[cfg(feature = "first-byte-index")]
                first: None,
            },
            free: [NONE; 32],
            partials: Vec::new(),
            last_partials: Vec::new(),
            #[cfg(feature = "first-byte-index")]
            root: Vec::new(),
            rest: NONE,
        }
    }

    /// A new node with no children; its id.
    #[inline(always)]
    fn push_node(&mut self) -> u32 {
        let id = self.trie.nodes.len() as u32;
        self.trie.nodes.push(NEW_NODE);
        id
    }

    /// The child of `node` along the literal `text`, made if new: found as a lookup finds
    /// it, and where it is not, its slot is the empty one the probe ended on. (Inlined into
    /// the routes' loop: about half the literal steps find their child here.)
    #[inline(always)]
    fn literal(&mut self, node: u32, text: &'a [u8]) -> u32 {
        let key = Key::of(text);
        let hash = key.hash();
        let t = &self.trie;
        let n = &t.nodes[node as usize];
        let mut i = hash & n.mask;
        // A node without literal children has the shared empty table at slot 0.
        loop {
            let slot = &t.slots[(n.table + i) as usize];
            if slot.child == NONE {
                break;
            }
            if slot.holds(t, &key, text) {
                return slot.child;
            }
            i = (i + 1) & n.mask;
        }
        self.add_literal(node, &key, hash, i, text)
    }

    /// Makes the literal child `text` (`key`, whose hash is `hash`) of `node`, at slot `i`
    /// of its table unless the table grows first. (Inlined too: out of line, each of its
    /// ~9,000 calls a build saved and restored registers and read the key from the stack.)
    #[inline(always)]
    fn add_literal(&mut self, node: u32, key: &Key, hash: u32, i: u32, text: &'a [u8]) -> u32 {
        let child = self.push_node();
        self.add_slot(node, key, hash, i, text, child);
        child
    }

    /// Puts `child` in `node`'s literal table under `text` (`key`, whose hash is `hash`),
    /// at slot `i` unless the table grows first.
    #[inline(always)]
    fn add_slot(
        &mut self,
        node: u32,
        key: &Key,
        hash: u32,
        mut i: u32,
        text: &'a [u8],
        child: u32,
    ) {
        let n = self.trie.nodes[node as usize];
        let count = n.classes.0 + 1;
        let (mut table, mut mask) = (n.table, n.mask);
        // At most half full, so probes stay short and always reach an empty slot.
        if mask == 0 {
            // The first literal child (`mask == 0` is no table): two empty slots.
            (table, mask) = (self.pair(), 1);
            i = hash & mask;
        } else if count as usize * 2 > mask as usize + 1 {
            (table, mask) = self.grow(table, mask);
            i = hash & mask;
            while self.trie.slots[(table + i) as usize].child != NONE {
                i = (i + 1) & mask;
            }
        }
        let t = &mut self.trie;
        // A literal over 16 bytes keeps its text, and where it starts in place of its tail.
        let tail = if key.len > 16 {
            let at = t.text.len() as u64;
            t.text.extend_from_slice(text);
            at
        } else {
            key.tail
        };
        t.slots[(table + i) as usize] = Slot {
            head: key.head,
            tail,
            len: key.len,
            child,
        };
        let n = &mut t.nodes[node as usize];
        n.literals |= hash_bit(hash);
        n.table = table;
        n.mask = mask;
        n.classes = (count, count);
        n.children = with_child(n.children, Children::Literals);
        #[cfg(feature = "first-byte-index")]
        if node == 0 {
            self.root.push((text, *key, child));
        }
    }

    /// A static route the trie leaves out (see [`TrieBuilder`]): down the nodes that other
    /// routes made, and where its next literal has none, a slot leading to the rest node.
    /// A raw walk that gets there has spelled the route so far, and a segment after it may
    /// hold an escape that decodes to the route: the rest node takes every segment that
    /// follows (its literal `""` and its variable lead back to it) and answers nothing,
    /// so each is read, and one holding `%` sends the request to the decoded walk, which
    /// asks the static map. Any other request meets no more than it did with the route.
    #[inline(never)]
    fn leave(&mut self, template: &'a Template) {
        let mut node = 0u32;
        for step in template.trie_steps() {
            let TrieStep::Literal(text) = step else {
                return;
            };
            let key = Key::of(text);
            let hash = key.hash();
            let t = &self.trie;
            let n = &t.nodes[node as usize];
            let mut i = hash & n.mask;
            let found = loop {
                let slot = &t.slots[(n.table + i) as usize];
                if slot.child == NONE {
                    break NONE;
                }
                if slot.holds(t, &key, text) {
                    break slot.child;
                }
                i = (i + 1) & n.mask;
            };
            match found {
                NONE => {
                    let rest = self.rest_node();
                    self.add_slot(node, &key, hash, i, text, rest);
                    return;
                }
                // Another left-out route left here already.
                child if child == self.rest => return,
                child => node = child,
            }
        }
        // Every node of the route is another route's: a request that spells it escaped
        // reads each of its segments on the way.
    }

    /// The rest node (see [`leave`](Self::leave)), made on first use.
    fn rest_node(&mut self) -> u32 {
        if self.rest == NONE {
            let rest = self.push_node();
            self.rest = rest;
            let empty = Key::of(b"");
            let hash = empty.hash();
            self.add_slot(rest, &empty, hash, 0, b"", rest);
            let n = &mut self.trie.nodes[rest as usize];
            n.var = rest;
            n.children = Children::Choice;
        }
        self.rest
    }

    /// A table of two empty slots: one that a table left, or two new ones.
    #[inline(always)]
    fn pair(&mut self) -> u32 {
        let slots = &mut self.trie.slots;
        match self.free[1] {
            NONE => {
                let at = slots.len() as u32;
                slots.extend_from_slice(&[EMPTY; 2]);
                at
            }
            region => {
                self.free[1] = slots[region as usize].len;
                region
            }
        }
    }

    /// A table twice the size of `table` (at least two slots) holding its literals;
    /// `table`'s region is left empty for the next table of its size.
    #[inline(never)]
    fn grow(&mut self, table: u32, mask: u32) -> (u32, u32) {
        let size = 2 * (mask as usize + 1);
        let new_mask = size as u32 - 1;
        let new = self.region(size);
        // The slots as a slice, whose length stays in a register; the old region's
        // indices as a half-open range within it, so its slots need no bounds checks.
        let (slots, text) = (self.trie.slots.as_mut_slice(), &self.trie.text);
        let end = slots.len().min(table as usize + mask as usize + 1);
        for j in table as usize..end {
            let old = &mut slots[j];
            let child = old.child;
            if child == NONE {
                continue;
            }
            let slot = *old;
            // Only `child` tells an empty slot: the rest of it is never read.
            old.child = NONE;
            let mut i = slot.hash(text) & new_mask;
            while slots[(new + i) as usize].child != NONE {
                i = (i + 1) & new_mask;
            }
            slots[(new + i) as usize] = slot;
        }
        let class = (mask + 1).trailing_zeros() as usize;
        if let Some(first) = self.free.get_mut(class) {
            slots[table as usize].len = *first;
            *first = table;
        }
        (new, new_mask)
    }

    /// Where a new table of `size` (a power of two) slots goes: a region that a table of
    /// that size left, or new slots at the end.
    fn region(&mut self, size: usize) -> u32 {
        let slots = &mut self.trie.slots;
        let class = size.trailing_zeros() as usize;
        if let Some(first) = self.free.get_mut(class) {
            if *first != NONE {
                let region = *first;
                *first = slots[region as usize].len;
                return region;
            }
        }
        let region = slots.len();
        slots.resize(region + size, EMPTY);
        region as u32
    }

    /// The variable child of `node`, made if new.
    #[inline]
    fn variable(&mut self, node: u32) -> u32 {
        let var = self.trie.nodes[node as usize].var;
        if var != NONE {
            return var;
        }
        let child = self.push_node();
        let n = &mut self.trie.nodes[node as usize];
        n.var = child;
        n.children = with_child(n.children, Children::Variable);
        child
    }

    /// The partial child of `node` with the literals of `partial`, made if new.
    fn partial(&mut self, node: u32, partial: Partial<'a>) -> u32 {
        let Partial { head, middle, tail } = partial;
        let node = node as usize;
        if self.last_partials.len() <= node {
            self.last_partials.resize(node + 1, NONE);
        }
        let last = self.last_partials[node];
        // Equal literals: the same segment up to variable names.
        let mut at = last;
        while let Some(p) = self.partials.get(at as usize) {
            if p.head == head && p.tail == tail && p.middle == middle {
                return p.child;
            }
            at = p.next;
        }
        let child = self.push_node();
        self.last_partials[node] = self.partials.len() as u32;
        self.partials.push(BuildPartial {
            head,
            middle,
            tail,
            child,
            next: last,
        });
        let n = &mut self.trie.nodes[node];
        n.children = with_child(n.children, Children::Partials);
        child
    }

    /// Lays out the partial children, and gives back the trie.
    fn freeze(mut self) -> Trie {
        let mut t = self.trie;
        // One node's partial children at a time, taken out of the chains.
        let mut partials: Vec<BuildPartial<'_>> = Vec::new();
        for (node, &last) in self.last_partials.iter().enumerate() {
            if last == NONE {
                continue;
            }
            partials.clear();
            let mut at = last;
            while let Some(p) = self.partials.get_mut(at as usize) {
                at = p.next;
                partials.push(BuildPartial {
                    middle: core::mem::take(&mut p.middle),
                    ..*p
                });
            }
            let start = t.classes.len() as u32;
            t.add_partials(&mut partials);
            if let Some(n) = t.nodes.get_mut(node) {
                n.classes = (start, t.classes.len() as u32);
            }
        }
        #[cfg(feature = "first-byte-index")]
        if t.nodes.first().map(|n| n.children) == Some(Children::Literals) {
            t.first = FirstBytes::new(self.root.iter().copied());
        }
        t.ranks.extend(t.nodes.iter().map(|n| n.answer));
        // Room was made for every segment to be a new node.
        t.nodes.shrink_to_fit();
        t.ranks.shrink_to_fit();
        t.slots.shrink_to_fit();
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
                self.text.extend_from_slice(p.head.as_bytes());
                self.text.extend_from_slice(p.tail.as_bytes());
            }
            let shapes = self.shapes.len() as u32;
            for q in group {
                let lits = self.middles.len() as u32;
                for lit in &q.middle {
                    self.middles
                        .push((self.text.len() as u32, lit.len() as u32));
                    self.text.extend_from_slice(lit.as_bytes());
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

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

use alloc::boxed::Box;
use alloc::vec::Vec;

use hashbrown::HashMap;

use crate::template::{Segment, SegmentPattern};

#[derive(Debug, Default)]
struct Node {
    /// Literal children sorted by text.
    statics: Vec<(Box<str>, u32)>,
    partials: Vec<(SegmentPattern, u32)>,
    var: Option<u32>,
    /// The best-ranked route ending here.
    route: Option<u32>,
}

#[derive(Debug)]
pub(crate) struct Trie {
    nodes: Vec<Node>,
}

impl Trie {
    /// `routes` are given best rank first: `rank` is the position in that order.
    pub(crate) fn new<'a>(routes: impl Iterator<Item = &'a [Segment]>) -> Trie {
        let mut builder = Builder {
            nodes: alloc::vec![Node::default()],
            static_edges: HashMap::new(),
        };
        for (rank, segments) in routes.enumerate() {
            let mut node = 0u32;
            for seg in segments {
                node = builder.child(node, seg);
            }
            // Ranks come in increasing order, so the first route to end here is the best.
            builder.nodes[node as usize]
                .route
                .get_or_insert(rank as u32);
        }
        let mut nodes = builder.nodes;
        for ((parent, text), child) in builder.static_edges {
            nodes[parent as usize].statics.push((text, child));
        }
        for node in &mut nodes {
            node.statics
                .sort_unstable_by(|a, b| by_length_then_bytes(&a.0, &b.0));
        }
        Trie { nodes }
    }

    /// The rank of the best route matching `segments`.
    #[inline]
    pub(crate) fn find<S: AsRef<str>>(&self, segments: &[S]) -> Option<u32> {
        self.search(0, segments)
    }

    #[inline]
    fn search<S: AsRef<str>>(&self, node: usize, segments: &[S]) -> Option<u32> {
        let node = &self.nodes[node];
        let Some((first, rest)) = segments.split_first() else {
            return node.route;
        };
        let text = first.as_ref();
        if let Ok(i) = node
            .statics
            .binary_search_by(|(t, _)| by_length_then_bytes(t, text))
        {
            if let Some(found) = self.search(node.statics[i].1 as usize, rest) {
                return Some(found);
            }
        }
        let mut best: Option<u32> = None;
        for (pattern, child) in &node.partials {
            if pattern.matches(text) {
                if let Some(found) = self.search(*child as usize, rest) {
                    best = Some(best.map_or(found, |b| b.min(found)));
                }
            }
        }
        if best.is_some() {
            return best;
        }
        node.var.and_then(|child| {
            if text.is_empty() {
                None
            } else {
                self.search(child as usize, rest)
            }
        })
    }
}

/// Construction state: literal edges are found through a map while the trie grows (a node
/// can have thousands of literal children), then stored sorted in their nodes.
struct Builder {
    nodes: Vec<Node>,
    static_edges: HashMap<(u32, Box<str>), u32>,
}

impl Builder {
    fn child(&mut self, node: u32, seg: &Segment) -> u32 {
        let next = self.nodes.len() as u32;
        let slot = &mut self.nodes[node as usize];
        match seg {
            Segment::Static(text) => match self.static_edges.entry((node, text.clone())) {
                hashbrown::hash_map::Entry::Occupied(e) => return *e.get(),
                hashbrown::hash_map::Entry::Vacant(e) => {
                    e.insert(next);
                }
            },
            Segment::Pattern(_) if seg.is_single_variable() => match slot.var {
                Some(child) => return child,
                None => slot.var = Some(next),
            },
            Segment::Pattern(p) => match slot.partials.iter().find(|(q, _)| q.same_shape(p)) {
                Some((_, child)) => return *child,
                None => slot.partials.push((p.clone(), next)),
            },
        }
        self.nodes.push(Node::default());
        next
    }
}

/// Literal children are ordered by length first: most comparisons then end on one integer
/// compare, without reading the text.
#[inline]
fn by_length_then_bytes(a: &str, b: &str) -> core::cmp::Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.as_bytes().cmp(b.as_bytes()))
}

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

use alloc::vec::Vec;

use crate::template::{Segment, SegmentPattern};

#[derive(Debug, Default)]
struct Node {
    /// Literal children sorted by text.
    statics: Vec<(alloc::boxed::Box<str>, u32)>,
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
        let mut trie = Trie {
            nodes: alloc::vec![Node::default()],
        };
        for (rank, segments) in routes.enumerate() {
            let mut node = 0usize;
            for seg in segments {
                node = trie.child(node, seg);
            }
            // Ranks come in increasing order, so the first route to end here is the best.
            trie.nodes[node].route.get_or_insert(rank as u32);
        }
        for node in &mut trie.nodes {
            node.statics.sort_by(|a, b| a.0.cmp(&b.0));
        }
        trie
    }

    fn child(&mut self, node: usize, seg: &Segment) -> usize {
        let next = self.nodes.len() as u32;
        let existing = match seg {
            Segment::Static(text) => self.nodes[node]
                .statics
                .iter()
                .find(|(t, _)| t == text)
                .map(|c| c.1),
            Segment::Pattern(p) if seg.is_single_variable() => self.nodes[node].var,
            Segment::Pattern(p) => self.nodes[node]
                .partials
                .iter()
                .find(|(q, _)| q.same_shape(p))
                .map(|c| c.1),
        };
        if let Some(child) = existing {
            return child as usize;
        }
        let slot = &mut self.nodes[node];
        match seg {
            Segment::Static(text) => slot.statics.push((text.clone(), next)),
            Segment::Pattern(_) if seg.is_single_variable() => slot.var = Some(next),
            Segment::Pattern(p) => slot.partials.push((p.clone(), next)),
        }
        self.nodes.push(Node::default());
        next as usize
    }

    /// The rank of the best route matching `segments`.
    #[inline]
    pub(crate) fn find<S: AsRef<str>>(&self, segments: &[S]) -> Option<u32> {
        self.search(0, segments)
    }

    fn search<S: AsRef<str>>(&self, node: usize, segments: &[S]) -> Option<u32> {
        let node = &self.nodes[node];
        let Some((first, rest)) = segments.split_first() else {
            return node.route;
        };
        let text = first.as_ref();
        if let Ok(i) = node.statics.binary_search_by(|(t, _)| (**t).cmp(text)) {
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

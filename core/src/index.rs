//! The compiled route index inside a frozen registry.
//!
//! Every route (a page's path or template, or a redirect source) gets a rank (POLICY D6):
//! segment kinds left to right (literal < literal-with-variables < variable), then more
//! literal characters, then pages before redirects, then registry order. Two routes can only
//! compete when they have as many segments as the request, so routes are bucketed by segment
//! count and each bucket is sorted by rank: the first route in the bucket that matches is the
//! answer. Fully static routes outrank everything that can match the same path, so they
//! are also kept in a hash map keyed by the joined path, which answers most requests with one
//! lookup and no scan.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Reverse;

use hashbrown::HashMap;

use crate::template::{SegmentKind, Template};
use crate::trie::Trie;

/// What a route leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A page, by registry position.
    Page(usize),
    /// Redirect source `index` of the page at registry position `page`.
    Redirect { page: usize, index: usize },
}

#[derive(Debug)]
pub(crate) struct Route {
    pub(crate) template: Template,
    pub(crate) target: Target,
    /// This route is its page's own template (so a match already bound the variables).
    pub(crate) is_page_template: bool,
}

#[derive(Debug)]
pub(crate) struct Index {
    /// Every route, best rank first (the rank is the position here).
    routes: Vec<Route>,
    /// Fully static routes a plain request can spell, by joined path.
    statics: HashMap<String, u32>,
    trie: Trie,
}

type Rank = (Vec<SegmentKind>, Reverse<usize>, u8, usize, usize);

fn rank(route: &Route) -> Rank {
    let (kinds, chars) = route.template.specificity();
    let (kind, page, index) = match route.target {
        Target::Page(p) => (0, p, 0),
        Target::Redirect { page, index } => (1, page, index),
    };
    (kinds, Reverse(chars), kind, page, index)
}

impl Index {
    pub(crate) fn new(routes: Vec<Route>) -> Index {
        let mut ranked: Vec<(Rank, Route)> = routes.into_iter().map(|r| (rank(&r), r)).collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0));
        let routes: Vec<Route> = ranked.into_iter().map(|(_, r)| r).collect();
        let mut statics = HashMap::new();
        for (i, route) in routes.iter().enumerate() {
            if let Some(key) = static_key(&route.template) {
                statics.entry(key).or_insert(i as u32);
            }
        }
        let trie = Trie::new(routes.iter().map(|r| r.template.segments()));
        Index {
            routes,
            statics,
            trie,
        }
    }

    /// The fully static route spelled exactly `inner` (a request path without `%` and
    /// without slashes at its ends). Such a route outranks every other route that can match
    /// the same path, so a hit decides the request.
    #[inline]
    pub(crate) fn find_static(&self, inner: &str) -> Option<&Route> {
        self.statics
            .get(inner)
            .and_then(|&i| self.routes.get(i as usize))
    }

    /// The best route for decoded request segments.
    #[inline]
    pub(crate) fn find<S: AsRef<str>>(&self, segments: &[S]) -> Option<&Route> {
        self.trie
            .find(segments)
            .and_then(|i| self.routes.get(i as usize))
    }

    /// The naive reference: the first route in rank order that matches. Used to check the
    /// compiled index (differential tests); not on any request path.
    pub(crate) fn find_reference<S: AsRef<str>>(&self, segments: &[S]) -> Option<&Route> {
        self.routes.iter().find(|r| r.template.matches(segments))
    }
}

/// The joined decoded segments of a static template, when a plain request can spell it.
fn static_key(template: &Template) -> Option<String> {
    let mut key = String::new();
    for (i, seg) in template.segments().iter().enumerate() {
        let crate::template::Segment::Static(text) = seg else {
            return None;
        };
        if text.contains('/') {
            return None;
        }
        if i > 0 {
            key.push('/');
        }
        key.push_str(text);
    }
    Some(key)
}

/// The segments of a request path (slashes at both ends already trimmed), decoded only
/// where they contain `%`; `plain` says the caller knows there is no `%` at all.
#[inline]
pub(crate) fn split_request(inner: &str, plain: bool) -> smallvec::SmallVec<[Cow<'_, str>; 8]> {
    let mut segments = smallvec::SmallVec::new();
    if inner.is_empty() {
        return segments;
    }
    let bytes = inner.as_bytes();
    let mut start = 0;
    // A byte loop: segments are short, and a generic `split` costs more than it saves.
    for i in 0..=bytes.len() {
        if i == bytes.len() || bytes[i] == b'/' {
            let raw = &inner[start..i];
            segments.push(if plain {
                Cow::Borrowed(raw)
            } else {
                crate::decode::percent_decode(raw)
            });
            start = i + 1;
        }
    }
    segments
}

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

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use crate::template::{Segment, Template};
use crate::trie::{Trie, TrieBuilder};

mod request;
mod statics;
pub(crate) use request::*;
use statics::StaticMap;

/// What a route leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A page, by registry position.
    Page(usize),
    /// Redirect source `index` of the page at registry position `page`.
    Redirect { page: usize, index: usize },
}

/// A route: what it leads to, and which template it matches by (the page's own template,
/// a redirect source, or a path template the index owns). Sixteen bytes: the build moves
/// every route into rank order, and the index keeps one per route.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Route {
    /// The registry position of the page it leads to (of the redirect's page, for a
    /// redirect source).
    page: u32,
    /// The redirect source's index in its page's list, or [`NOT_REDIRECT`].
    redirect: u32,
    /// Its template in [`Index::paths`], or [`NO_PATH`]: the page's template, or the
    /// redirect source of [`Target::Redirect`], which the registry's pages own.
    pub(crate) path: u32,
    /// This route is its page's own template (so a match already bound the variables).
    pub(crate) is_page_template: bool,
    /// A match of this route serves its page with no variables: the target is a page
    /// without a template, or with a static one.
    pub(crate) serves_plain_page: bool,
}

/// [`Route::redirect`] of a route to a page.
const NOT_REDIRECT: u32 = u32::MAX;

const _: () = assert!(core::mem::size_of::<Route>() == 16);

impl Route {
    /// A route to the page at registry position `page`. (Positions and redirect indexes fit
    /// in 32 bits: a page or a template takes over 50 bytes, so no address space holds
    /// 2^32 of them.)
    pub(crate) fn to_page(
        page: usize,
        path: u32,
        is_page_template: bool,
        serves_plain_page: bool,
    ) -> Route {
        Route {
            page: page as u32,
            redirect: NOT_REDIRECT,
            path,
            is_page_template,
            serves_plain_page,
        }
    }

    /// Redirect source `index` of the page at registry position `page`.
    pub(crate) fn to_redirect(page: usize, index: usize) -> Route {
        Route {
            page: page as u32,
            redirect: index as u32,
            path: NO_PATH,
            is_page_template: false,
            serves_plain_page: false,
        }
    }

    /// What it leads to.
    #[inline(always)]
    pub(crate) fn target(&self) -> Target {
        let page = self.page as usize;
        match self.redirect {
            NOT_REDIRECT => Target::Page(page),
            index => Target::Redirect {
                page,
                index: index as usize,
            },
        }
    }

    fn is_redirect(&self) -> bool {
        self.redirect != NOT_REDIRECT
    }
}

/// The largest buffer: every path the default [`Limits`](crate::Limits) let through fits
/// (at most 8 KiB and 256 segments, the prefix and outer slashes not counted).
#[cfg(feature = "indexed-escapes")]
const ESCAPED_BYTES: usize = 8 * 1024;
#[cfg(feature = "indexed-escapes")]
const ESCAPED_SEGMENTS: usize = 256;

/// [`Route::path`] of a route whose template a page owns.
pub(crate) const NO_PATH: u32 = u32::MAX;

#[derive(Debug)]
pub(crate) struct Index {
    /// Every route, best rank first (the rank is the position here).
    routes: Vec<Route>,
    /// The templates of routes for static paths (pages own every other template).
    paths: Vec<Template>,
    /// Fully static routes a plain request can spell, by joined path.
    statics: StaticMap,
    trie: Trie,
}

/// The routes of an index in the making, in registry order: each page's routes together,
/// its own template first, then its path, then its redirect sources. Each route's rank key
/// and the tables' counts are made as it is added.
pub(crate) struct Routes<'p> {
    routes: Vec<Route>,
    /// Each route's template: a page's, or for a route of `paths`, `stand_in` until the
    /// index is made (`paths` grows: it is not lent while the routes are added).
    templates: Vec<&'p Template>,
    stand_in: &'p Template,
    /// The templates of routes for static paths.
    paths: Vec<Template>,
    /// Each route's rank key, while every template's packs (then one a route).
    keys: Vec<u128>,
    statics: usize,
    segments: usize,
    long_text: usize,
}

impl<'p> Routes<'p> {
    /// Room for `n` routes; `stand_in` is any template that lives as long as the pages'.
    pub(crate) fn with_capacity(n: usize, stand_in: &'p Template) -> Routes<'p> {
        Routes {
            // (In the order the index used to make them: the build's memory is laid out
            // as before, and faults as often.)
            routes: Vec::with_capacity(n),
            keys: Vec::with_capacity(n),
            templates: Vec::with_capacity(n),
            stand_in,
            paths: Vec::new(),
            statics: 0,
            segments: 0,
            long_text: 0,
        }
    }

    /// The page at `page`'s own template.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub(crate) fn page_template(&mut self, page: usize, template: &'p Template) {
        let plain = template.is_static();
        self.add(
            Route::to_page(page, NO_PATH, true, plain),
            template,
            template,
        );
    }

    /// The path of the page at `page`, which the index owns; `plain`: the page has no
    /// template or a static one.
    pub(crate) fn page_path(&mut self, page: usize, path: &str, plain: bool) {
        let template = Template::from_path(path);
        let route = Route::to_page(page, self.paths.len() as u32, false, plain);
        self.add(route, &template, self.stand_in);
        self.paths.push(template);
    }

    /// Redirect source `index` of the page at `page`.
    pub(crate) fn redirect(&mut self, page: usize, index: usize, template: &'p Template) {
        self.add(Route::to_redirect(page, index), template, template);
    }

    /// Adds `route`, whose template is `template` (kept as `kept`).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn add(&mut self, route: Route, template: &Template, kept: &'p Template) {
        if template.is_static() {
            self.statics += 1;
            // A bound on its key's length (the text holds every decoded key).
            let len = template.given().len();
            self.long_text += if len > 16 { len } else { 0 };
        }
        self.segments += template.len();
        // POLICY D6 rank: segment kinds left to right, then more literal characters, then
        // pages before redirects, then registry order. The routes come in registry order
        // (a page's own routes together, in the order of `target_order`), so after the
        // kind of target their position decides, and no two routes tie. Usually (every
        // template of up to 32 segments) a rank is one integer: the kinds, the literal
        // characters reversed, the kind of target, the position in the low four bytes,
        // which the radix sort skips (the routes come in that order). (A route whose
        // template does not pack gets no key: then there are fewer keys than routes, and
        // the index compares the routes.)
        let fewer = ((u32::MAX >> 1) as usize).checked_sub(template.literal_chars());
        let position = u32::try_from(self.keys.len());
        if let (Some(kinds), Some(fewer), Ok(position)) = (packed_kinds(template), fewer, position)
        {
            let redirect = route.is_redirect();
            let rest = (fewer as u64) << 33 | u64::from(redirect) << 32 | u64::from(position);
            self.keys.push(u128::from(kinds) << 64 | u128::from(rest));
        }
        self.routes.push(route);
        self.templates.push(kept);
    }
}

impl Index {
    /// The index of `routes` (see [`Routes`]).
    pub(crate) fn new(routes: Routes<'_>) -> Index {
        let Routes {
            routes,
            templates,
            stand_in: _,
            paths,
            mut keys,
            statics,
            segments,
            long_text,
        } = routes;
        // Each route's template (a page's, or one of `paths`), in registry order.
        let mut templates: Vec<&Template> = templates;
        if !paths.is_empty() {
            for (t, route) in templates.iter_mut().zip(&routes) {
                if let Some(path) = paths.get(route.path as usize) {
                    *t = path;
                }
            }
        }
        if keys.len() == routes.len() {
            crate::sort::sort_keys(&mut keys, 4);
        } else {
            // A template of more than 32 segments (or over four billion routes): compared.
            keys.clear();
            keys.extend((0..routes.len()).map(|i| i as u128));
            crate::sort::sort_by(&mut keys, |&a, &b| {
                let (ra, rb) = (&routes[a as usize], &routes[b as usize]);
                let (ta, tb) = (templates[a as usize], templates[b as usize]);
                kinds(ta)
                    .cmp(kinds(tb))
                    .then(tb.literal_chars().cmp(&ta.literal_chars()))
                    .then(ra.is_redirect().cmp(&rb.is_redirect()))
                    .then(a.cmp(&b))
            });
        }
        // Rank `j` is the route at the position in the low four bytes of `keys[j]`: the
        // routes copied into rank order (one read each; following the permutation's
        // cycles in place swapped each once or twice). Each route's rank goes in the high
        // half of the key at its position (sorted, the keys' high halves are of no more
        // use, and no low half changes): no table to allocate and clear.
        let at = |key: &u128| *key as u32 as usize;
        let ranked: Vec<Route> = keys.iter().map(|k| routes[at(k)]).collect();
        for rank in 0..keys.len() {
            let position = keys.get(rank).map_or(usize::MAX, at);
            if let Some(k) = keys.get_mut(position) {
                *k = (rank as u128) << 64 | (*k & u128::from(u32::MAX));
            }
        }
        let rank_of = |key: &u128| (*key >> 64) as u32;
        // The static map and the trie are made in one pass in registry order, each route
        // with its rank: the templates are read in the order they were made (read best
        // rank first, each template cost a few cache misses in each of two passes).
        let mut statics = StaticMap::with_room(statics, long_text);
        let mut trie = TrieBuilder::with_room(segments);
        let mut key = String::new();
        for ((route, &t), rank) in routes.iter().zip(&templates).zip(keys.iter().map(rank_of)) {
            if let Some(key) = static_key(t, &mut key) {
                let answer = if route.serves_plain_page && route.page < DIRECT {
                    DIRECT | route.page
                } else {
                    rank
                };
                statics.insert(key, answer, rank);
            }
            trie.add(t, rank);
        }
        let mut trie = trie.finish();
        drop((routes, templates, keys));
        let routes = ranked;
        // A page's own template: the walk answers with the page, without reading the
        // route (a cache miss in a large table).
        trie.set_answers(|rank| match routes.get(rank as usize) {
            Some(r) if r.is_page_template && r.page < DIRECT => DIRECT | r.page,
            _ => rank,
        });
        Index {
            routes,
            paths,
            statics: statics.freeze(),
            trie,
        }
    }

    /// The template of a route whose [`Route::path`] is not [`NO_PATH`].
    pub(crate) fn path_template(&self, route: &Route) -> Option<&Template> {
        self.paths.get(route.path as usize)
    }

    /// The fully static route spelled exactly `inner` (a raw request path without slashes
    /// at its ends). Keys hold no `%`, so a hit means the request is plain too, and never
    /// start or end with `/`, so a path that spells one needs no trimming. Such a route
    /// outranks every other route that can match the same path, so a hit decides the
    /// request.
    #[inline(always)]
    pub(crate) fn find_static(&self, inner: &str) -> Option<StaticHit<'_>> {
        let answer = self.statics.get(inner)?;
        if answer & DIRECT != 0 {
            return Some(StaticHit::Page((answer & !DIRECT) as usize));
        }
        self.routes.get(answer as usize).map(StaticHit::Route)
    }

    /// The best route for the segments under `cursor`, or [`HasEscape`] when a raw
    /// segment on the way holds `%`.
    /// `ends` receives where the segments end (meaningful for a [`RawPath`]).
    #[inline]
    pub(crate) fn find<'t, P: Segments<'t>>(
        &self,
        path: P,
        ends: &mut Ends,
    ) -> Result<Option<&Route>, HasEscape> {
        Ok(self
            .trie
            .find(path, ends)?
            .and_then(|node| self.routes.get(self.trie.rank(node) as usize)))
    }

    /// [`find`](Self::find) for the request path: a page matched by its own template
    /// comes as the page's registry position, without reading its route.
    #[inline]
    pub(crate) fn walk(&self, path: RawPath<'_>, ends: &mut Ends) -> Result<Walked<'_>, HasEscape> {
        let Some(node) = self.trie.find(path, ends)? else {
            return Ok(Walked::None);
        };
        let answer = self.trie.answer(node);
        if answer & DIRECT != 0 {
            return Ok(Walked::PageTemplate((answer & !DIRECT) as usize));
        }
        Ok(self
            .routes
            .get(answer as usize)
            .map_or(Walked::None, Walked::Route))
    }

    /// The best route for `inner` (a raw request path, slashes at both ends trimmed) when it
    /// holds `%`: its segments are decoded into a buffer on the stack for the walk, the
    /// smallest that holds the path (a buffer is zeroed before use: its size is a cost);
    /// without the `indexed-escapes` feature, by the scan below. `owned` gives the template of a route whose [`Route::path`] is
    /// [`NO_PATH`], for a path too long for the largest buffer (limits raised), which is
    /// matched against every route in rank order, each segment compared with its decoding
    /// as it is decoded: slower (a scan of the table), still no allocation and the same
    /// answer. The walk's decoded text is kept (one allocation) only when the route found
    /// may have variables to read, so that values are not decoded a second time.
    #[inline(never)]
    pub(crate) fn find_escaped<'p>(
        &self,
        inner: &str,
        owned: impl Fn(&Route) -> Option<&'p Template>,
    ) -> FoundEscaped {
        #[cfg(feature = "indexed-escapes")]
        let walked = self
            .find_decoded::<256, 16>(inner)
            .or_else(|| self.find_escaped_long(inner));
        #[cfg(not(feature = "indexed-escapes"))]
        let walked = None;
        match walked {
            Some(found) => found,
            None => FoundEscaped {
                route: self
                    .routes
                    .iter()
                    .find(|r| {
                        self.path_template(r)
                            .or_else(|| owned(r))
                            .is_some_and(|t| matches_escaped(t, inner))
                    })
                    .copied(),
                text: None,
            },
        }
    }

    /// [`find_escaped`](Self::find_escaped) in the larger buffers; `None` when none holds
    /// the path.
    #[cfg(feature = "indexed-escapes")]
    #[cold]
    #[inline(never)]
    fn find_escaped_long(&self, inner: &str) -> Option<FoundEscaped> {
        self.find_decoded::<2048, 64>(inner)
            .or_else(|| self.find_decoded::<ESCAPED_BYTES, ESCAPED_SEGMENTS>(inner))
    }

    /// The walk over `inner` decoded into a buffer of `N` bytes and `S` segments; `None`
    /// when it does not fit.
    #[cfg(feature = "indexed-escapes")]
    #[inline(never)]
    fn find_decoded<const N: usize, const S: usize>(&self, inner: &str) -> Option<FoundEscaped> {
        if inner.len() > N {
            return None;
        }
        let mut buf = DecodeBuf::<N, S>::new();
        Some(self.walk_decoded(buf.decode(inner)?))
    }

    /// The walk over decoded segments: one copy whatever the buffer's size. The decoded
    /// text is kept for a route that may read values. The static map first: the trie
    /// leaves out the static routes it holds.
    #[cfg(feature = "indexed-escapes")]
    #[inline(never)]
    fn walk_decoded(&self, path: Decoded<'_>) -> FoundEscaped {
        let route = match self.decoded_static(path) {
            Some(route) => Some(route),
            None => self
                .find(path, &mut Ends::default())
                .unwrap_or(None)
                .copied(),
        };
        let text = match route {
            Some(r) if !r.serves_plain_page => Some(Box::from(path.text())),
            _ => None,
        };
        FoundEscaped { route, text }
    }

    /// The naive reference: the first route in rank order that matches. Used to check the
    /// compiled index (differential tests); not on any request path.
    pub(crate) fn find_reference<'p, S: AsRef<str>>(
        &self,
        segments: &[S],
        owned: impl Fn(&Route) -> Option<&'p Template>,
    ) -> Option<&Route> {
        self.routes.iter().find(|r| {
            self.path_template(r)
                .or_else(|| owned(r))
                .is_some_and(|t| t.matches(segments))
        })
    }
}

fn kinds(template: &Template) -> impl Iterator<Item = crate::template::SegmentKind> + '_ {
    template.kinds()
}

/// The segment kinds as one integer that orders like the sequence: two bits a segment
/// (kind + 1), first segment highest, so a missing segment (0) sorts first; `None` over
/// 32 segments.
#[inline]
fn packed_kinds(template: &Template) -> Option<u64> {
    if template.len() > 32 {
        return None;
    }
    let shift = 64 - 2 * template.len() as u32;
    // A template without variables has only static segments (kind 0, packed as 1): its
    // kinds follow from its length, with no walk over its segments.
    if template.is_static() {
        return Some(ALL_STATIC.checked_shl(shift).unwrap_or(0));
    }
    // Each kind pushed in at the bottom, then all of them moved up to the top.
    let mut packed = 0u64;
    for kind in template.kinds() {
        packed = packed << 2 | (kind as u64 + 1);
    }
    Some(packed.checked_shl(shift).unwrap_or(0))
}

/// [`packed_kinds`] of 32 static segments: the low `2 * n` bits are `n` of them.
const ALL_STATIC: u64 = 0x5555_5555_5555_5555;

/// Marks an answer that is a page served as is (no variables to bind).
const DIRECT: u32 = 1 << 31;

/// What [`Index::find_escaped`] found for a path holding `%`.
#[derive(Debug)]
pub(crate) struct FoundEscaped {
    pub(crate) route: Option<Route>,
    /// The path's decoded segments, one after another (see [`EscapedPath`]), when the walk
    /// decoded them and the route may read values.
    pub(crate) text: Option<Box<[u8]>>,
}

/// What the trie walk of a request path found.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Walked<'i> {
    None,
    /// The page at this registry position, matched by its own template.
    PageTemplate(usize),
    /// Any other route.
    Route(&'i Route),
}

/// A static route spelled exactly as the request.
#[derive(Debug, Clone, Copy)]
pub(crate) enum StaticHit<'i> {
    /// The page at this registry position, served without variables.
    Page(usize),
    /// Any other route (a redirect source, or a template page's explicit path).
    Route(&'i Route),
}

/// The joined segments of a static template (written into `key` when they are not its
/// given text), when a plain request can spell it: no `/` (decoded from `%2F`) and no `%`
/// (a request holding `%` is decoded first, and takes the trie).
#[inline(always)]
fn static_key<'k>(template: &'k Template, key: &'k mut String) -> Option<&'k str> {
    if !template.is_static() {
        return None;
    }
    // Nothing decoded: the segments joined are the text between the outer slashes.
    if !template.has_escapes() {
        return Some(template.plain_static_inner());
    }
    escaped_static_key(template, key)
}

/// [`static_key`] of a template whose literals hold `%`: the decoded segments joined.
#[inline(never)]
fn escaped_static_key<'k>(template: &'k Template, key: &'k mut String) -> Option<&'k str> {
    key.clear();
    for (i, seg) in template.segments().enumerate() {
        let Segment::Static(text) = seg else {
            return None;
        };
        // A key never starts or ends with `/`: the resolver relies on it (a request
        // spelling a key is its own inner path).
        if text.is_empty() || text.bytes().any(|b| b == b'/' || b == b'%') {
            return None;
        }
        if i > 0 {
            key.push('/');
        }
        key.push_str(text);
    }
    Some(key)
}

#[cfg(test)]
mod rank_tests {
    use super::packed_kinds;
    use crate::template::Template;
    use alloc::string::String;

    #[test]
    fn a_plain_static_key_is_the_given_text_trimmed_of_slashes() {
        let texts = [
            "",
            "/",
            "//",
            "/a",
            "a/",
            "/a/b/",
            "//é//x//",
            "é",
            "/é/",
            "/a//b",
            "a/b",
            "/ab/cd",
        ];
        for text in texts {
            let parsed = Template::parse(text).ok();
            for t in parsed.into_iter().chain([Template::from_path(text)]) {
                let mut key = String::new();
                let want = t.given().trim_matches('/');
                assert_eq!(super::static_key(&t, &mut key), Some(want), "{text}");
            }
        }
    }

    #[test]
    fn packed_kinds_orders_like_the_kinds_up_to_32_segments() {
        // Templates of 1 to 33 segments, the kind of segment `i` cycling with `seed`.
        let make = |len: usize, seed: usize| {
            let mut text = String::new();
            for i in 0..len {
                text += &match (i + seed) % 3 {
                    0 => String::from("/a"),
                    1 => alloc::format!("/a<v{i}>"),
                    _ => alloc::format!("/<v{i}>"),
                };
            }
            Template::parse(&text).unwrap()
        };
        // And static templates of 0 to 33 segments (their kinds read from their length),
        // parsed and as paths.
        let statics = (0..=33).flat_map(|len| {
            let text: String = (0..len).map(|i| alloc::format!("/s{i}")).collect();
            [Template::parse(&text).unwrap(), Template::from_path(&text)]
        });
        let templates: alloc::vec::Vec<Template> = (1..=33)
            .flat_map(|len| (0..3).map(move |seed| (len, seed)))
            .map(|(len, seed)| make(len, seed))
            .chain(statics)
            .collect();
        for t in &templates {
            // Two bits a kind (kind + 1), first segment highest, the rest zero.
            let want = (t.len() <= 32).then(|| {
                t.kinds().enumerate().fold(0u64, |packed, (i, kind)| {
                    packed | (kind as u64 + 1) << (62 - 2 * i as u32)
                })
            });
            assert_eq!(packed_kinds(t), want, "{:?}", t.given());
        }
        for a in &templates {
            for b in &templates {
                match (packed_kinds(a), packed_kinds(b)) {
                    (Some(x), Some(y)) => assert_eq!(x.cmp(&y), a.kinds().cmp(b.kinds())),
                    _ => assert!(a.len() > 32 || b.len() > 32),
                }
            }
        }
    }
}

#[cfg(test)]
mod order_tests {
    use super::{Index, Routes, Target};
    use crate::template::Template;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// Routes over `texts` (page `i` for text `i`, every third a redirect source of it),
    /// as `Index::new` orders them, by registry position.
    fn ranked(texts: &[String]) -> Vec<usize> {
        let templates: Vec<Template> = texts.iter().map(|t| Template::parse(t).unwrap()).collect();
        let stand_in = Template::from_path("");
        let mut routes = Routes::with_capacity(texts.len(), &stand_in);
        for (i, t) in templates.iter().enumerate() {
            match i % 3 {
                2 => routes.redirect(i, 0, t),
                _ => routes.page_template(i, t),
            }
        }
        let index = Index::new(routes);
        index
            .routes
            .iter()
            .map(|r| match r.target() {
                Target::Page(i) | Target::Redirect { page: i, .. } => i,
            })
            .collect()
    }

    /// POLICY D6 by comparison: kinds, more literal characters, pages first, position.
    fn naive(texts: &[String]) -> Vec<usize> {
        let templates: Vec<Template> = texts.iter().map(|t| Template::parse(t).unwrap()).collect();
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by(|&a, &b| {
            let (ta, tb) = (&templates[a], &templates[b]);
            ta.kinds()
                .cmp(tb.kinds())
                .then(tb.literal_chars().cmp(&ta.literal_chars()))
                .then((a % 3 == 2).cmp(&(b % 3 == 2)))
                .then(a.cmp(&b))
        });
        order
    }

    /// Templates of 1 to `max` segments, of every kind, alike in their first segments.
    fn texts(n: usize, max: usize) -> Vec<String> {
        let mut next = crate::test_rng::xorshift(0x2545_f491_4f6c_dd1d);
        (0..n)
            .map(|_| {
                let x = next();
                let len = 1 + (x % max as u64) as usize;
                (0..len)
                    .map(|i| match (x >> (8 + 2 * (i % 24))) % 4 {
                        0 => alloc::format!("/a{}", x >> 60),
                        1 => alloc::format!("/a<v{i}>"),
                        2 => alloc::format!("/<v{i}>"),
                        _ => String::from("/bb"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn rank_order_is_policy_d6_with_and_without_packed_keys() {
        // Up to 32 segments: packed keys, radix sorted from 256 routes on; beyond, compared.
        for (n, max) in [(40, 6), (600, 6), (5000, 9), (300, 32), (300, 40), (40, 70)] {
            let texts = texts(n, max);
            assert_eq!(
                ranked(&texts),
                naive(&texts),
                "{n} routes of up to {max} segments"
            );
        }
    }
}

#[cfg(all(test, feature = "indexed-escapes"))]
mod tests {
    #[test]
    fn the_largest_escaped_buffer_holds_every_path_the_default_limits_allow() {
        let limits = crate::Limits::default();
        assert!(limits.max_path_bytes <= super::ESCAPED_BYTES);
        assert!(limits.max_segments <= super::ESCAPED_SEGMENTS);
    }
}

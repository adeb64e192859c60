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
use crate::trie::{Key, Trie};

mod request;
pub(crate) use request::*;

/// What a route leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A page, by registry position.
    Page(usize),
    /// Redirect source `index` of the page at registry position `page`.
    Redirect { page: usize, index: usize },
}

/// A route: what it leads to, and which template it matches by (the page's own template,
/// a redirect source, or a path template the index owns).
#[derive(Debug)]
pub(crate) struct Route {
    pub(crate) target: Target,
    /// Its template in [`Index::paths`], or [`NO_PATH`]: the page's template, or the
    /// redirect source of [`Target::Redirect`], which the registry's pages own.
    pub(crate) path: u32,
    /// This route is its page's own template (so a match already bound the variables).
    pub(crate) is_page_template: bool,
    /// A match of this route serves its page with no variables: the target is a page
    /// without a template, or with a static one.
    pub(crate) serves_plain_page: bool,
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

impl Index {
    /// `routes` come in registry order: each page's routes together, pages before the
    /// redirects of the same page. `owned` gives the template of a route whose
    /// [`Route::path`] is [`NO_PATH`].
    pub(crate) fn new<'p>(
        routes: Vec<Route>,
        paths: Vec<Template>,
        owned: impl Fn(&Route) -> Option<&'p Template>,
    ) -> Index {
        let template = |r: &Route| -> &Template {
            match paths.get(r.path as usize).or_else(|| owned(r)) {
                Some(t) => t,
                // The registry builds every route from a page's template, a redirect
                // source or a path in `paths`.
                None => unreachable!("a route without a template"),
            }
        };
        // POLICY D6 rank, compared without building keys: segment kinds left to right,
        // then more literal characters, then pages before redirects, then registry order.
        // The routes come in registry order (a page's own routes together, in the order
        // of `target_order`), so after the kind of target their position decides, and no
        // two routes tie. The kinds are packed into one integer where they fit (a template
        // of up to 64 segments); only the keys move while sorting.
        struct Rank {
            kinds: Option<u128>,
            chars: usize,
            redirect: bool,
            route: u32,
        }
        let mut ranked: Vec<Rank> = routes
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let t = template(r);
                Rank {
                    kinds: packed_kinds(t),
                    chars: t.literal_chars(),
                    redirect: matches!(r.target, Target::Redirect { .. }),
                    route: i as u32,
                }
            })
            .collect();
        // Usually every key packs into two integers (kinds; reversed characters, target
        // kind and position), which sort fastest.
        let packs =
            |r: &Rank| r.kinds.is_some() && r.chars <= u32::MAX as usize && r.route < 1 << 31;
        let order: Vec<u32> = if ranked.iter().all(packs) {
            let mut keys: Vec<(u128, u64)> = ranked
                .iter()
                .map(|r| {
                    let rest = (u64::from(u32::MAX) - r.chars as u64) << 32
                        | u64::from(r.redirect) << 31
                        | u64::from(r.route);
                    (r.kinds.unwrap_or(0), rest)
                })
                .collect();
            crate::sort::sort_keys(&mut keys, 0);
            keys.iter().map(|k| k.1 as u32 & !(1 << 31)).collect()
        } else {
            crate::sort::sort_by(&mut ranked, |a, b| {
                match (a.kinds, b.kinds) {
                    (Some(ka), Some(kb)) => ka.cmp(&kb),
                    _ => kinds(template(&routes[a.route as usize]))
                        .cmp(kinds(template(&routes[b.route as usize]))),
                }
                .then(b.chars.cmp(&a.chars))
                .then(a.redirect.cmp(&b.redirect))
                .then(a.route.cmp(&b.route))
            });
            ranked.iter().map(|r| r.route).collect()
        };
        let mut slots: Vec<Option<Route>> = routes.into_iter().map(Some).collect();
        let mut routes: Vec<Route> = Vec::with_capacity(order.len());
        routes.extend(
            order
                .iter()
                .filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take)),
        );
        let mut statics =
            StaticMap::with_room(routes.iter().filter(|r| template(r).is_static()).count());
        let mut key = String::new();
        for (i, route) in routes.iter().enumerate() {
            if static_key(template(route), &mut key) {
                let answer = match route.target {
                    Target::Page(page) if route.serves_plain_page => DIRECT | page as u32,
                    _ => i as u32,
                };
                // Best rank first: the first route to spell a path keeps it.
                statics.insert(&key, answer);
            }
        }
        let segments = routes.iter().map(|r| template(r).len()).sum();
        let mut trie = Trie::new(routes.iter().map(|r| template(r).segments()), segments);
        // A page's own template: the walk answers with the page, without reading the
        // route (a cache miss in a large table).
        trie.set_answers(|rank| match routes.get(rank as usize) {
            Some(Route {
                target: Target::Page(page),
                is_page_template: true,
                ..
            }) if *page < DIRECT as usize => DIRECT | *page as u32,
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
    /// holds `%`, found without allocating: its segments are decoded into a buffer on the
    /// stack for the walk, the smallest that holds the path (a buffer is zeroed before use:
    /// its size is a cost); without the `indexed-escapes` feature, by the scan below. `owned` gives the template of a route whose [`Route::path`] is
    /// [`NO_PATH`], for a path too long for the largest buffer (limits raised), which is
    /// matched against every route in rank order, each segment compared with its decoding
    /// as it is decoded: slower (a scan of the table), still no allocation and the same
    /// answer.
    #[inline(never)]
    pub(crate) fn find_escaped<'p>(
        &self,
        inner: &str,
        owned: impl Fn(&Route) -> Option<&'p Template>,
    ) -> Option<&Route> {
        #[cfg(feature = "indexed-escapes")]
        let walked = self
            .find_decoded::<256, 16>(inner)
            .or_else(|| self.find_escaped_long(inner));
        #[cfg(not(feature = "indexed-escapes"))]
        let walked = None;
        match walked {
            Some(found) => found,
            None => self.routes.iter().find(|r| {
                self.path_template(r)
                    .or_else(|| owned(r))
                    .is_some_and(|t| matches_escaped(t, inner))
            }),
        }
    }

    /// [`find_escaped`](Self::find_escaped) in the larger buffers; `None` when none holds
    /// the path.
    #[cfg(feature = "indexed-escapes")]
    #[cold]
    #[inline(never)]
    fn find_escaped_long(&self, inner: &str) -> Option<Option<&Route>> {
        self.find_decoded::<2048, 64>(inner)
            .or_else(|| self.find_decoded::<ESCAPED_BYTES, ESCAPED_SEGMENTS>(inner))
    }

    /// The walk over `inner` decoded into a buffer of `N` bytes and `S` segments; `None`
    /// when it does not fit.
    #[cfg(feature = "indexed-escapes")]
    #[inline(never)]
    fn find_decoded<const N: usize, const S: usize>(&self, inner: &str) -> Option<Option<&Route>> {
        if inner.len() > N {
            return None;
        }
        let mut buf = DecodeBuf::<N, S>::new();
        Some(self.walk_decoded(buf.decode(inner)?))
    }

    /// The walk over decoded segments: one copy whatever the buffer's size.
    #[cfg(feature = "indexed-escapes")]
    #[inline(never)]
    fn walk_decoded(&self, path: Decoded<'_>) -> Option<&Route> {
        self.find(path, &mut Ends::default()).unwrap_or(None)
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
/// (kind + 1), first segment highest, so a missing segment (0) sorts first.
fn packed_kinds(template: &Template) -> Option<u128> {
    if template.len() > 64 {
        return None;
    }
    let mut key = 0u128;
    for (i, kind) in template.kinds().enumerate() {
        key |= (kind as u128 + 1) << (126 - 2 * i);
    }
    Some(key)
}

/// The static routes by joined path: open addressing, each slot holding its key as a
/// [`Key`] (length and first and last 8 bytes), so a probe for a path of up to 16 bytes
/// compares three integers and reads no text.
#[derive(Debug)]
struct StaticMap {
    slots: Box<[StaticSlot]>,
    /// The text of keys longer than 16 bytes.
    text: Box<str>,
    /// Bit `n` is set when a key is `n` bytes long (from 63 on: bit 63; longer keys are
    /// filtered by [`long_keys`](Self::long_keys)): most requests for a dynamic page skip
    /// hashing the path.
    lengths: u64,
    /// For keys longer than 16 bytes, a bit per [`Key::hash`] (modulo its length in bits,
    /// 16 per key): in a large table most lengths hold a key, and a request for a
    /// dynamic page of such a length skips hashing its whole path and reading a slot
    /// (a cache miss) unless its bit is set (about one in sixteen).
    long_keys: Box<[u64]>,
}

#[derive(Debug, Clone, Copy)]
struct StaticSlot {
    key: Key,
    /// A [`StaticHit`] as one integer: a route's rank, or `DIRECT | page`; `EMPTY`
    /// marks an empty slot.
    answer: u32,
    /// Where a key longer than 16 bytes starts in `text`.
    text: u32,
}

const EMPTY: u32 = u32::MAX;
/// Marks an answer that is a page served as is (no variables to bind).
const DIRECT: u32 = 1 << 31;

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

impl StaticMap {
    /// An empty map with room for `n` keys.
    fn with_room(n: usize) -> StaticBuilder {
        // At most half full: probes stay short and always reach an empty slot.
        let size = (n * 2).next_power_of_two();
        let empty = StaticSlot {
            key: Key::default(),
            answer: EMPTY,
            text: 0,
        };
        let bits = (n * 16).next_power_of_two().max(64);
        StaticBuilder(
            StaticMap {
                slots: alloc::vec![empty; size].into_boxed_slice(),
                text: Box::from(""),
                lengths: 0,
                long_keys: alloc::vec![0; bits / 64].into_boxed_slice(),
            },
            String::new(),
        )
    }

    /// Up to 16 bytes inline (three integers to compare), longer keys out of line.
    #[inline(always)]
    fn get(&self, key: &str) -> Option<u32> {
        let bytes = key.as_bytes();
        if self.lengths & length_bit(bytes.len()) == 0 {
            return None;
        }
        if bytes.len() > 16 {
            return self.get_long(bytes);
        }
        let k = Key::of(bytes);
        let mask = self.slots.len() - 1;
        let mut i = k.hash() as usize & mask;
        loop {
            let slot = self.slots.get(i)?;
            if slot.answer == EMPTY {
                return None;
            }
            if slot.key == k {
                return Some(slot.answer);
            }
            i = (i + 1) & mask;
        }
    }

    #[inline(never)]
    fn get_long(&self, bytes: &[u8]) -> Option<u32> {
        let k = Key::of(bytes);
        if !self.may_hold_long(&k) {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = static_hash(&k, bytes) as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.answer == EMPTY {
                return None;
            }
            // Equal keys: same length, same first and last 8 bytes.
            if slot.key == k && same_middle(self.long(slot), bytes) {
                return Some(slot.answer);
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether a key longer than 16 bytes with this [`Key`] may be in the map (its bit in
    /// [`long_keys`](Self::long_keys) is set).
    #[inline]
    fn may_hold_long(&self, key: &Key) -> bool {
        let bit = key.hash() as usize & (self.long_keys.len() * 64 - 1);
        self.long_keys
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    fn long(&self, slot: &StaticSlot) -> &[u8] {
        let start = slot.text as usize;
        self.text
            .as_bytes()
            .get(start..start + slot.key.len as usize)
            .unwrap_or_default()
    }
}

/// Whether `a` and `b`, of the same length over 16 bytes whose first and last 8 bytes are
/// equal ([`Key`]s), are equal: the bytes between compared a word at a time, inline (a
/// long static path hit called `memcmp` through the PLT).
#[inline]
fn same_middle(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() || n < 16 {
        return a == b;
    }
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_le_bytes(w)
    };
    // Words from 8 on, the last one overlapping the last 8 bytes (already equal).
    let mut at = 8;
    while at + 8 < n {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    true
}

/// A key length's bit in [`StaticMap::lengths`]: bit `n` for `n` bytes, bit 63 for any
/// length from 63 on.
#[inline(always)]
fn length_bit(n: usize) -> u64 {
    1 << n.min(63)
}

/// A [`StaticMap`] being filled, with the text of its long keys.
struct StaticBuilder(StaticMap, String);

impl StaticBuilder {
    /// Adds `key` unless it is there already.
    fn insert(&mut self, key: &str, answer: u32) {
        let StaticBuilder(map, text) = self;
        let bytes = key.as_bytes();
        let k = Key::of(bytes);
        let mask = map.slots.len() - 1;
        let mut i = static_hash(&k, bytes) as usize & mask;
        while map.slots[i].answer != EMPTY {
            let slot = &map.slots[i];
            let start = slot.text as usize;
            if slot.key == k
                && (bytes.len() <= 16 || text.get(start..start + bytes.len()) == Some(key))
            {
                return;
            }
            i = (i + 1) & mask;
        }
        map.slots[i] = StaticSlot {
            key: k,
            answer,
            text: text.len() as u32,
        };
        if bytes.len() > 16 {
            text.push_str(key);
            let bit = k.hash() as usize & (map.long_keys.len() * 64 - 1);
            map.long_keys[bit / 64] |= 1 << (bit % 64);
        }
        map.lengths |= length_bit(bytes.len());
    }

    fn freeze(self) -> StaticMap {
        let StaticBuilder(mut map, text) = self;
        map.text = text.into();
        map
    }
}

/// A key's slot hash: from its [`Key`] up to 16 bytes (the key is the whole text), over
/// every byte beyond (so long paths sharing their ends cannot pile into one probe run).
#[inline]
fn static_hash(key: &Key, bytes: &[u8]) -> u32 {
    if bytes.len() <= 16 {
        key.hash()
    } else {
        hash_bytes(bytes) as u32
    }
}

/// A fast 64-bit hash of a short byte string (FxHash-style rounds over 8-byte words, the
/// last word loaded overlapping). Requests cannot lengthen probes: the probe length is
/// bounded by the clusters that the route table itself forms.
#[inline]
fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let n = bytes.len();
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let mut h = (n as u64).wrapping_mul(K);
    let mut i = 0;
    while i + 8 < n {
        h = (h ^ word(i)).wrapping_mul(K).rotate_left(29);
        i += 8;
    }
    let last = match n {
        8.. => word(n - 8),
        1..8 => {
            let mut w = [0u8; 8];
            for (j, &b) in bytes.iter().enumerate() {
                w[j] = b;
            }
            u64::from_le_bytes(w)
        }
        0 => 0,
    };
    let h = (h ^ last).wrapping_mul(K);
    h ^ (h >> 32)
}

/// Writes the joined segments of a static template into `key`, when a plain request can
/// spell it: no `/` (decoded from `%2F`) and no `%` (a request holding `%` is decoded
/// first, and takes the trie).
fn static_key(template: &Template, key: &mut String) -> bool {
    key.clear();
    if !template.is_static() {
        return false;
    }
    // Nothing decoded: the segments joined are the text between the outer slashes.
    let given = template.given();
    if !given.as_bytes().contains(&b'%') {
        key.push_str(given.trim_matches('/'));
        return true;
    }
    for (i, seg) in template.segments().enumerate() {
        let Segment::Static(text) = seg else {
            return false;
        };
        // A key never starts or ends with `/`: the resolver relies on it (a request
        // spelling a key is its own inner path).
        if text.is_empty() || text.bytes().any(|b| b == b'/' || b == b'%') {
            return false;
        }
        if i > 0 {
            key.push('/');
        }
        key.push_str(text);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::same_middle;

    #[cfg(feature = "indexed-escapes")]
    #[test]
    fn the_largest_escaped_buffer_holds_every_path_the_default_limits_allow() {
        let limits = crate::Limits::default();
        assert!(limits.max_path_bytes <= super::ESCAPED_BYTES);
        assert!(limits.max_segments <= super::ESCAPED_SEGMENTS);
    }

    #[test]
    fn same_middle_compares_every_byte_between_the_ends() {
        for n in 17..48 {
            let a: alloc::vec::Vec<u8> = (0..n as u8).collect();
            assert!(same_middle(&a, &a.clone()));
            // The first and last 8 bytes are the `Key`'s to compare; a difference
            // between them is this function's.
            for at in 8..n - 8 {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_middle(&a, &b), "n {n} at {at}");
            }
        }
        assert!(!same_middle(b"0123456789abcdefgh", b"0123456789abcdefg"));
    }
}

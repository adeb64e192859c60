//! The fully static routes by joined path: the map a request is looked up in before any walk.
//!
//! With the `perfect-statics` feature, a small table (up to 128 keys, the usual app) is laid
//! out without collisions at freeze time: a multiplier is searched for that sends every
//! key's [`Key`] to a slot of its own, so a lookup is one hash, one slot read and one
//! comparison, with no probe loop — for a key longer than 16 bytes too (the bytes between
//! its first and last 8 compared inline). A table for which no such multiplier turns up
//! quickly, and every table without the feature, keeps open addressing.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use crate::trie::{Key, long_key_text};

#[cfg(feature = "indexed-escapes")]
use super::{DIRECT, Decoded, Index, NO_PATH, Route, Segments};

/// The longest request key joined on the stack ([`Index::decoded_static`]); a longer
/// one takes a heap buffer (only when the map holds a key that long).
#[cfg(feature = "indexed-escapes")]
const JOINED_BYTES: usize = 256;

#[cfg(feature = "indexed-escapes")]
impl Index {
    /// The static route a decoded request spells: its segments joined by `/`, looked up
    /// in the map. (The trie leaves the map's routes out, see `TrieBuilder`, so the decoded
    /// walk asks here first; a key's segments hold no `/`, so neither may the request's.)
    #[inline(never)]
    pub(super) fn decoded_static(&self, path: Decoded<'_>) -> Option<Route> {
        let (mut len, mut count, mut pos) = (0usize, 0usize, path.first());
        while let Ok(Some((segment, next))) = path.segment(pos) {
            if segment.contains(&b'/') {
                return None;
            }
            len += segment.len();
            count += 1;
            pos = next;
        }
        len += count.saturating_sub(1);
        if len > self.statics.longest as usize {
            return None;
        }
        let mut stack = [0u8; JOINED_BYTES];
        let mut heap = alloc::vec::Vec::new();
        let joined: &mut [u8] = match stack.get_mut(..len) {
            Some(joined) => joined,
            None => {
                heap.resize(len, 0);
                &mut heap
            }
        };
        let (mut at, mut pos) = (0, path.first());
        while let Ok(Some((segment, next))) = path.segment(pos) {
            if at > 0 {
                *joined.get_mut(at)? = b'/';
                at += 1;
            }
            joined
                .get_mut(at..at + segment.len())?
                .copy_from_slice(segment);
            at += segment.len();
            pos = next;
        }
        let answer = self.statics.get_bytes(joined)?;
        if answer & DIRECT != 0 {
            // A page served as is: what the registry reads of its route.
            return Some(Route::to_page(
                (answer & !DIRECT) as usize,
                NO_PATH,
                false,
                true,
            ));
        }
        self.routes.get(answer as usize).copied()
    }
}

/// The most keys for which a collision-free layout is searched: beyond, the chance that a
/// random multiplier separates every key in a table of reasonable size is too small.
#[cfg(feature = "perfect-statics")]
const PERFECT_KEYS: usize = 128;
/// Multipliers tried per table size.
#[cfg(feature = "perfect-statics")]
const PERFECT_TRIES: u32 = 512;

/// Open addressing, each slot holding its key as a [`Key`] (length and first and last 8
/// bytes), so a probe for a path of up to 16 bytes compares three integers and reads no text.
#[derive(Debug)]
pub(super) struct StaticMap {
    slots: Box<[StaticSlot]>,
    /// The text of keys longer than 16 bytes.
    text: Box<str>,
    /// Bit `n % 64` is set when a key is `n` bytes long: most requests for a dynamic page
    /// skip hashing the path.
    lengths: u64,
    /// The length of the longest key.
    longest: u32,
    /// The multiplier of a collision-free layout ([`perfect_slot`]), or 0: open addressing.
    seed: u64,
    /// `64 - log2(slots.len())`: a collision-free slot is the product's top bits.
    shift: u32,
    /// For keys longer than 16 bytes under open addressing, a bit per [`Key::hash`] (modulo
    /// its length in bits, 16 per key): in a large table most lengths hold a key, and a
    /// request for a dynamic page of such a length skips hashing its whole path and reading
    /// a slot (a cache miss) unless its bit is set (about one in sixteen).
    long_keys: Box<[u64]>,
}

#[derive(Debug, Clone, Copy)]
struct StaticSlot {
    key: Key,
    /// A [`StaticHit`](super::StaticHit) as one integer: a route's rank, or
    /// `DIRECT | page`; `EMPTY` marks an empty slot.
    answer: u32,
    /// Where a key longer than 16 bytes starts in `text`.
    text: u32,
}

const EMPTY: u32 = u32::MAX;

/// An empty slot: a length no request path has, so no key equals it.
const EMPTY_SLOT: StaticSlot = StaticSlot {
    key: Key::NONE,
    answer: EMPTY,
    text: 0,
};

impl StaticMap {
    /// An empty map with room for `n` keys, and `text` bytes of keys longer than 16 bytes.
    pub(super) fn with_room(n: usize, text: usize) -> StaticBuilder {
        // At most half full: probes stay short and always reach an empty slot.
        let size = (n * 2).next_power_of_two();
        let bits = (n * 16).next_power_of_two().max(64);
        StaticBuilder(
            StaticMap {
                slots: alloc::vec![EMPTY_SLOT; size].into_boxed_slice(),
                text: Box::from(""),
                lengths: 0,
                longest: 0,
                seed: 0,
                shift: 0,
                long_keys: alloc::vec![0; bits / 64].into_boxed_slice(),
            },
            String::with_capacity(text),
            0,
            alloc::vec![0; size],
        )
    }

    /// The answer for `key`. A collision-free table reads one slot; under open addressing
    /// keys of up to 16 bytes are probed inline, longer keys out of line.
    #[inline(always)]
    pub(super) fn get(&self, key: &str) -> Option<u32> {
        self.get_bytes(key.as_bytes())
    }

    /// [`get`](Self::get) of a key as bytes.
    #[inline(always)]
    fn get_bytes(&self, bytes: &[u8]) -> Option<u32> {
        if self.lengths & length_bit(bytes.len()) == 0 {
            return None;
        }
        if cfg!(not(feature = "perfect-statics")) || self.seed == 0 {
            return self.get_probed(bytes);
        }
        let k = Key::of(bytes);
        let slot = self.slots.get(perfect_slot(&k, self.seed, self.shift))?;
        let same = slot.key == k && (k.len <= 16 || same_middle(self.long(slot), bytes));
        same.then_some(slot.answer)
    }

    /// [`get`](Self::get) under open addressing.
    #[inline(always)]
    fn get_probed(&self, bytes: &[u8]) -> Option<u32> {
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
        long_key_text(&self.text, slot.text, &slot.key)
    }

    /// Lays the keys out without collisions when a multiplier that separates them turns up
    /// within [`PERFECT_TRIES`] for a table of the current size, twice or four times it;
    /// else leaves the map as it is.
    #[cfg(feature = "perfect-statics")]
    fn make_perfect(&mut self) {
        use alloc::vec::Vec;
        let keys: Vec<StaticSlot> = self
            .slots
            .iter()
            .filter(|s| s.answer != EMPTY)
            .copied()
            .collect();
        if keys.is_empty() || keys.len() > PERFECT_KEYS {
            return;
        }
        let mut seeds = Seeds(0x2545_F491_4F6C_DD1D);
        let mut taken: Vec<u64> = Vec::new();
        for bits in 0..3 {
            let size = self.slots.len() << bits;
            let shift = 64 - size.trailing_zeros();
            taken.clear();
            taken.resize(size.div_ceil(64), 0);
            for _ in 0..PERFECT_TRIES {
                let seed = seeds.next();
                taken.iter_mut().for_each(|w| *w = 0);
                let separates = keys.iter().all(|s| {
                    let i = perfect_slot(&s.key, seed, shift);
                    let (word, bit) = (i / 64, 1u64 << (i % 64));
                    let free = taken[word] & bit == 0;
                    taken[word] |= bit;
                    free
                });
                if separates {
                    let mut slots = alloc::vec![EMPTY_SLOT; size].into_boxed_slice();
                    for s in &keys {
                        slots[perfect_slot(&s.key, seed, shift)] = *s;
                    }
                    self.slots = slots;
                    self.seed = seed;
                    self.shift = shift;
                    self.long_keys = Box::new([]);
                    return;
                }
            }
        }
    }
}

/// The slot of `key` in a collision-free table: its [`Key`]'s words folded into one, times
/// the table's odd multiplier, top bits (multiply-shift hashing).
#[inline(always)]
fn perfect_slot(key: &Key, seed: u64, shift: u32) -> usize {
    (key.folded().wrapping_mul(seed) >> shift) as usize
}

/// Odd multipliers, the same sequence on every build (xorshift64*).
#[cfg(feature = "perfect-statics")]
struct Seeds(u64);

#[cfg(feature = "perfect-statics")]
impl Seeds {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1
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

/// A key length's bit in [`StaticMap::lengths`]: bit `n` modulo 64 (one bit-test
/// instruction; lengths 64 apart share a bit).
#[inline(always)]
fn length_bit(n: usize) -> u64 {
    1 << (n % 64)
}

/// A [`StaticMap`] being filled, with the text of its long keys, how many keys it holds,
/// and the rank of the route that answers each full slot.
pub(super) struct StaticBuilder(StaticMap, String, usize, Vec<u32>);

impl StaticBuilder {
    /// Adds `key`, answered by the route of `rank`, unless a route of a better (smaller)
    /// rank has it already.
    pub(super) fn insert(&mut self, key: &str, answer: u32, rank: u32) {
        let StaticBuilder(map, text, keys, ranks) = self;
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
                // Routes come in registry order, not by rank: the best one keeps the key.
                if let Some(best) = ranks.get_mut(i).filter(|best| rank < **best) {
                    *best = rank;
                    map.slots[i].answer = answer;
                }
                return;
            }
            i = (i + 1) & mask;
        }
        map.slots[i] = StaticSlot {
            key: k,
            answer,
            text: text.len() as u32,
        };
        if let Some(best) = ranks.get_mut(i) {
            *best = rank;
        }
        *keys += 1;
        if bytes.len() > 16 {
            text.push_str(key);
            let bit = k.hash() as usize & (map.long_keys.len() * 64 - 1);
            map.long_keys[bit / 64] |= 1 << (bit % 64);
        }
        map.lengths |= length_bit(bytes.len());
        map.longest = map.longest.max(bytes.len() as u32);
    }

    pub(super) fn freeze(self) -> StaticMap {
        let StaticBuilder(mut map, text, keys, _) = self;
        map.text = text.into();
        // (A large table keeps open addressing: its slots are not even collected.)
        #[cfg(feature = "perfect-statics")]
        if keys <= PERFECT_KEYS {
            map.make_perfect();
        }
        #[cfg(not(feature = "perfect-statics"))]
        let _ = keys;
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

#[cfg(test)]
mod tests {
    use super::{StaticMap, same_middle};
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    #[test]
    fn same_middle_compares_every_byte_between_the_ends() {
        for n in 17..48 {
            let a: Vec<u8> = (0..n as u8).collect();
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

    /// Keys of every length class (0, 1–3, 4–7, 8–16, longer), long ones sharing their
    /// first and last 8 bytes, and near misses of each.
    fn keys(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| match i % 5 {
                0 => format!("{}", i),
                1 => format!("k{i}"),
                2 => format!("user/{i}"),
                3 => format!("search/{i:04}/x"),
                _ => format!("repositories/{i:06}/ev{i:04}"),
            })
            .collect()
    }

    fn check(map: &StaticMap, keys: &[String]) {
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k), Some(i as u32), "{k}");
            for near in [
                format!("{k}x"),
                format!("x{k}"),
                String::from(&k[..k.len() - 1]),
            ] {
                assert!(keys.contains(&near) || map.get(&near).is_none(), "{near}");
            }
            if k.len() > 16 {
                let mut changed = String::from(k);
                changed.replace_range(10..11, "#");
                assert_eq!(map.get(&changed), None, "{changed}");
            }
        }
        assert_eq!(map.get(""), None);
    }

    #[test]
    fn small_tables_are_laid_out_without_collisions_and_large_ones_probe() {
        for n in [1, 2, 5, 27, 64, 128, 129, 1000] {
            let keys = keys(n);
            let mut b = StaticMap::with_room(keys.len(), 0);
            for (i, k) in keys.iter().enumerate() {
                b.insert(k, i as u32, i as u32);
            }
            let map = b.freeze();
            if cfg!(feature = "perfect-statics") && (n <= 64 || n > 128) {
                assert_eq!(map.seed != 0, n <= 64, "{n} keys");
            }
            check(&map, &keys);
        }
    }

    #[test]
    fn long_keys_sharing_their_ends_fall_back_to_probing() {
        // Same length, first and last 8 bytes: one folded key, which no multiplier splits.
        let keys: Vec<String> = (0..10)
            .map(|i| format!("repositories/{i}/events/all"))
            .collect();
        let mut b = StaticMap::with_room(keys.len(), 0);
        for (i, k) in keys.iter().enumerate() {
            b.insert(k, i as u32, i as u32);
        }
        let map = b.freeze();
        assert_eq!(map.seed, 0);
        check(&map, &keys);
    }

    #[test]
    fn a_key_spelled_twice_keeps_the_best_rank_whatever_the_order() {
        // The index adds the routes in registry order, not by rank.
        let long = "a-key-longer-than-sixteen-bytes";
        let mut b = StaticMap::with_room(2, 0);
        for (key, answer, rank) in [
            ("a", 10, 5),
            ("a", 11, 2),
            ("a", 12, 7),
            (long, 20, 3),
            (long, 21, 1),
            (long, 22, 4),
        ] {
            b.insert(key, answer, rank);
        }
        let map = b.freeze();
        assert_eq!(map.get("a"), Some(11));
        assert_eq!(map.get(long), Some(21));
    }

    #[test]
    fn the_empty_key_is_found_and_empty_slots_match_nothing() {
        let mut b = StaticMap::with_room(2, 0);
        b.insert("", 7, 0);
        b.insert("a", 8, 1);
        let map = b.freeze();
        assert_eq!(map.seed != 0, cfg!(feature = "perfect-statics"));
        assert_eq!(map.get(""), Some(7));
        assert_eq!(map.get("a"), Some(8));
        assert_eq!(map.get("b"), None);
    }
}

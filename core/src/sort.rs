//! The core's sorts, all by keys with no ties (the callers say why), so an unstable sort
//! gives the one possible order.
//!
//! On wasm32 every call shares one sort: the indices are heapsorted through a `dyn`
//! comparison, then the items are put in place along the permutation's cycles.
//! Monomorphized per item type and comparison, the standard library's sort costs a browser
//! bundle 2 to 5 KB each; the indirect call costs a few nanoseconds per comparison, at
//! registry build time.
//! Elsewhere the standard sort runs as written. Ties, were a caller to have one, keep their
//! given order on wasm32 and could differ elsewhere: the tests run the same vectors on both.

use core::cmp::Ordering;

/// Sorts `items` by `compare`, a total order without ties.
pub(crate) fn sort_by<T>(items: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    #[cfg(target_arch = "wasm32")]
    by_indices(items, compare);
    #[cfg(not(target_arch = "wasm32"))]
    items.sort_unstable_by(compare);
}

/// The wasm32 sort: the indices sorted by one shared sort, then the items moved into place.
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn by_indices<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let Ok(len) = u32::try_from(items.len()) else {
        // More items than a 32-bit index counts: only on 64-bit targets, which sort above.
        return items.sort_unstable_by(compare);
    };
    let mut order: alloc::vec::Vec<u32> = (0..len).collect();
    sort_indices(&mut order, &mut |a, b| {
        compare(&items[a as usize], &items[b as usize])
    });
    // Position `j` takes the item at `order[j]`: follow each cycle once, marking it done.
    for start in 0..order.len() {
        let mut j = start;
        loop {
            let k = order[j] as usize;
            order[j] = j as u32;
            if k == start || k == j {
                break;
            }
            items.swap(j, k);
            j = k;
        }
    }
}

/// The one sort: indices, compared through `compare`, ties by index. A heapsort, not the
/// standard library's: about 200 bytes of wasm instead of 3.5 KB, O(n log n) comparisons at
/// worst (about twice the standard sort's), paid at registry build time only.
fn sort_indices(order: &mut [u32], compare: &mut dyn FnMut(u32, u32) -> Ordering) {
    let mut less = |a: u32, b: u32| compare(a, b).then(a.cmp(&b)) == Ordering::Less;
    // Moves `order[root]` down the max-heap `order[..end]` to where it belongs.
    let mut sift_down = |order: &mut [u32], mut root: usize, end: usize| {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                break;
            }
            if child + 1 < end && less(order[child], order[child + 1]) {
                child += 1;
            }
            if !less(order[root], order[child]) {
                break;
            }
            order.swap(root, child);
            root = child;
        }
    };
    let len = order.len();
    for root in (0..len / 2).rev() {
        sift_down(order, root, len);
    }
    for end in (1..len).rev() {
        order.swap(0, end);
        sift_down(order, 0, end);
    }
}

/// Sorts keys that are integers, unique (the callers say why), in ascending order. The
/// keys' `in_order` lowest bytes are already ascending in the order given (a position, say),
/// so only the bits above them decide. From 256 keys on (outside wasm32) a
/// least-significant-digit-first radix sort that skips the bits every key has alike:
/// building a registry sorts every page and route once, and their keys differ in a few
/// bits only.
// The radix sort swaps the `Vec` out; on wasm32, where it is left out, clippy sees no need.
#[cfg_attr(target_arch = "wasm32", allow(clippy::ptr_arg))]
pub(crate) fn sort_keys(keys: &mut alloc::vec::Vec<u128>, in_order: usize) {
    // (The counts are `u32`s.)
    #[cfg(not(target_arch = "wasm32"))]
    if keys.len() >= 256 && u32::try_from(keys.len()).is_ok() {
        return radix_sort(keys, 8 * in_order as u32);
    }
    let _ = in_order;
    sort_by(keys, Ord::cmp);
}

/// One stable counting pass per digit (up to [`DIGIT_BITS`] bits, starting at a bit in
/// which some keys differ), least significant first, from bit `from` on (the passes are
/// stable: the keys keep their given order below it). Bits every key has alike are
/// skipped, so keys that differ in a few scattered bits take a pass or two.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn radix_sort(keys: &mut alloc::vec::Vec<u128>, from: u32) {
    let Some(&first) = keys.first() else {
        return;
    };
    let mut varying = 0;
    for k in keys.iter() {
        varying |= k ^ first;
    }
    // Digits as wide as the table warrants: every pass sums its 2^bits counts. A large
    // table takes the wider digit only where it saves a pass (a pass costs about twenty
    // instructions a key; summing 8,192 counts, about two a key of 10,000).
    let bits = match keys.len() {
        0..4096 => 8,
        _ if passes(varying, from, DIGIT_BITS) < passes(varying, from, 11) => DIGIT_BITS,
        _ => 11,
    };
    let source = core::mem::take(keys);
    // The counts on the stack, as many as the digit needs (they are cleared first).
    *keys = match bits {
        DIGIT_BITS => by_digits::<{ 1 << DIGIT_BITS }>(source, varying, from, bits),
        _ => by_digits::<{ 1 << 11 }>(source, varying, from, bits),
    };
}

/// [`radix_sort`]'s passes, by digits of `bits` bits (`2^bits <= COUNTS`).
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn by_digits<const COUNTS: usize>(
    mut source: alloc::vec::Vec<u128>,
    varying: u128,
    from: u32,
    bits: u32,
) -> alloc::vec::Vec<u128> {
    let Some(&first) = source.first() else {
        return source;
    };
    let mask = (1usize << bits) - 1;
    // (Filled with a key, not zeros: a zeroed buffer is `calloc`ed, and cleared twice
    // when it is memory freed before.)
    let mut to = alloc::vec![first; source.len()];
    let mut shift = from;
    let mut starts = [0u32; COUNTS];
    while shift < u128::BITS {
        let above = varying >> shift;
        if above == 0 {
            break;
        }
        shift += above.trailing_zeros();
        // The digit only as wide as the varying bits it covers reach: fewer counts to
        // clear and sum (route ranks vary in a few bits here and there).
        let covered = (varying >> shift) as usize & mask;
        let width = usize::BITS - covered.leading_zeros();
        let mask = mask >> (bits - width);
        let starts = &mut starts[..=mask];
        // The digit read from one 64-bit word where it lies in one (a `u128` shifted by a
        // variable amount takes several instructions).
        let low = shift % 64;
        if shift >= 64 {
            count_pass(&source, &mut to, starts, |k| {
                ((k >> 64) as u64 >> low) as usize & mask
            });
        } else if shift + width <= 64 {
            count_pass(&source, &mut to, starts, |k| {
                (k as u64 >> low) as usize & mask
            });
        } else {
            count_pass(&source, &mut to, starts, |k| (k >> shift) as usize & mask);
        }
        core::mem::swap(&mut source, &mut to);
        shift += width;
    }
    source
}

/// How many digits of `bits` bits [`radix_sort`] takes for keys that differ in the bits of
/// `varying` from bit `from` on.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn passes(varying: u128, mut shift: u32, bits: u32) -> u32 {
    let mut passes = 0;
    while shift < u128::BITS {
        let above = varying >> shift;
        if above == 0 {
            break;
        }
        shift += above.trailing_zeros() + bits;
        passes += 1;
    }
    passes
}

/// One counting pass: `source` into `to` by `digit`, stably.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
#[inline(always)]
fn count_pass(source: &[u128], to: &mut [u128], starts: &mut [u32], digit: impl Fn(u128) -> usize) {
    starts.fill(0);
    for &k in source {
        starts[digit(k)] += 1;
    }
    let mut sum = 0;
    for start in starts.iter_mut() {
        let count = *start;
        *start = sum;
        sum += count;
    }
    for &k in source {
        let slot = &mut starts[digit(k)];
        // The counts add up to `source.len()`, the length of `to`.
        if let Some(place) = to.get_mut(*slot as usize) {
            *place = k;
        }
        *slot += 1;
    }
}

/// The widest digit of [`radix_sort`]: its counts (32 KiB) live on the stack.
const DIGIT_BITS: u32 = 13;

/// Sorts `items` by the key `key`, unique per item.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn by_indices_matches_the_standard_sort() {
        // A pseudo-random permutation of 0..500 (many cycles of many lengths), and ties.
        let keys: Vec<u32> = (0..500u32).map(|i| (i * 7919 + 13) % 500).collect();
        let mut items: Vec<(u32, usize)> = keys.iter().map(|&k| (k, k as usize * 3)).collect();
        let mut want = items.clone();
        want.sort();
        by_indices(&mut items, |a, b| a.cmp(b));
        assert_eq!(items, want);
        let mut tied: Vec<(u8, u32)> = (0..300u32).map(|i| ((i % 3) as u8, i)).rev().collect();
        let mut stable = tied.clone();
        stable.sort_by_key(|t| t.0);
        by_indices(&mut tied, |a, b| a.0.cmp(&b.0));
        assert_eq!(tied, stable, "ties keep their given order");
        for len in 0..4 {
            let mut few: Vec<u32> = (0..len).rev().collect();
            by_indices(&mut few, u32::cmp);
            assert_eq!(few, (0..len).collect::<Vec<_>>());
        }
    }

    #[test]
    fn radix_sort_matches_the_standard_sort() {
        // Keys alike in most bytes (as module prefixes and route ranks are), and random ones.
        let mut next = crate::test_rng::xorshift(0x2545_f491_4f6c_dd1du64);
        for len in [0, 1, 2, 255, 256, 257, 1000, 5000, 9000] {
            let alike: Vec<u128> = (0..len)
                .map(|i| 0xabcd << 100 | u128::from(next() % 977) << 40 | i as u128)
                .collect();
            let random: Vec<u128> = (0..len)
                .map(|_| u128::from(next()) << 64 | u128::from(next()))
                .collect();
            for keys in [alike, random] {
                let mut want = keys.clone();
                want.sort_unstable();
                let mut got = keys.clone();
                sort_keys(&mut got, 0);
                assert_eq!(got, want);
                let mut got = keys;
                radix_sort(&mut got, 0);
                assert_eq!(got, want);
            }
            // Rank-like keys: scattered varying bits (digits straddling them), the
            // position in the low four bytes.
            let ranks: Vec<u128> = (0..len)
                .map(|i| {
                    u128::from(next() % 5) << 118
                        | u128::from(next() % 3) << 90
                        | u128::from(next() % 300) << 33
                        | u128::from(next() % 2) << 32
                        | i as u128
                })
                .collect();
            let mut want = ranks.clone();
            want.sort_unstable();
            let mut got = ranks.clone();
            radix_sort(&mut got, 0);
            assert_eq!(got, want);
            // The low four bytes hold the position: ascending as given, so not sorted on.
            let mut got = ranks;
            radix_sort(&mut got, 32);
            assert_eq!(got, want);
            let mut got: Vec<u128> = (0..len)
                .map(|i| u128::from(next() % 50) << 64 | i as u128)
                .collect();
            let mut want = got.clone();
            want.sort_unstable();
            sort_keys(&mut got, 4);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn passes_count_the_digits_over_the_varying_bits() {
        assert_eq!(passes(0, 0, 11), 0);
        // Bits 0 and 40: a digit each; bits 0..=21: two of 11, two of 13.
        assert_eq!(passes(1 | 1 << 40, 0, 11), 2);
        assert_eq!(passes((1 << 22) - 1, 0, 11), 2);
        assert_eq!(passes((1 << 22) - 1, 0, 13), 2);
        // Bits 33..=58 (26 bits): three digits of 11, two of 13; below `from`, none count.
        let span = ((1u128 << 26) - 1) << 33 | 0xff;
        assert_eq!(passes(span, 32, 11), 3);
        assert_eq!(passes(span, 32, 13), 2);
        assert_eq!(passes(u128::MAX, 0, 13), 10);
    }

    #[test]
    fn sorts_by_unique_keys() {
        let mut items: Vec<(u32, &str)> = [(5, "e"), (1, "a"), (4, "d"), (2, "b"), (3, "c")].into();
        sort_by_key(&mut items, |&(k, _)| k);
        assert_eq!(items, [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")]);
        let mut words = ["pear", "fig", "apple", "kiwi"];
        sort_by(&mut words, |a, b| a.cmp(b));
        assert_eq!(words, ["apple", "fig", "kiwi", "pear"]);
    }
}

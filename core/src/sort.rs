//! The core's sorts, all by keys with no ties (the callers say why), so an unstable sort
//! gives the one possible order.
//!
//! On wasm32 every call shares one sort: the indices are sorted through a `dyn` comparison,
//! then the items are put in place along the permutation's cycles. Monomorphized per item
//! type and comparison, the standard library's sort costs a browser bundle 2 to 5 KB each;
//! the indirect call costs a few nanoseconds per comparison, at registry build time.
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

/// The one monomorphized sort: indices, compared through `compare`, ties by index.
fn sort_indices(order: &mut [u32], compare: &mut dyn FnMut(u32, u32) -> Ordering) {
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
}

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
    fn sorts_by_unique_keys() {
        let mut items: Vec<(u32, &str)> = [(5, "e"), (1, "a"), (4, "d"), (2, "b"), (3, "c")].into();
        sort_by_key(&mut items, |&(k, _)| k);
        assert_eq!(items, [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")]);
        let mut words = ["pear", "fig", "apple", "kiwi"];
        sort_by(&mut words, |a, b| a.cmp(b));
        assert_eq!(words, ["apple", "fig", "kiwi", "pear"]);
    }
}

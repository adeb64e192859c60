//! A seeded xorshift generator for the core's own randomized tests (no `rand` in the
//! core's dependencies; the sequences only need to be repeatable and spread).

/// Xorshift64 from `seed` (which must not be 0): each call gives the next state.
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

#[test]
fn xorshift_repeats_from_its_seed_and_moves() {
    let (mut a, mut b) = (xorshift(7), xorshift(7));
    let first: [u64; 4] = [a(), a(), a(), a()];
    assert_eq!(first, [b(), b(), b(), b()]);
    assert!(first.windows(2).all(|w| w[0] != w[1]));
}

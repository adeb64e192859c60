//! The build's hash of a text it looks up once per page: a module path (the module table)
//! and the path a shape stands for (the claims). Inputs come from the app's registrations,
//! not from requests, so speed on short texts is what counts, not resistance to chosen
//! collisions (each table settles a collision by comparing the texts).

/// Folded multiplies (a 64 × 64-bit product's two halves xored): one for the first and last
/// eight bytes of a text of up to 16, one more for each sixteen bytes before the last sixteen
/// of a longer one (most paths are 20 to 40 bytes: two or three multiplies); the length mixed
/// in, so equal words mean equal bytes. Browser bundles, which count bytes and build few
/// pages, use smaller loops of their own.
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
pub(crate) fn fold_hash(text: &[u8]) -> u64 {
    const K: [u64; 3] = [
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
    ];
    let fold = |x: u64, y: u64| {
        let product = u128::from(x) * u128::from(y);
        product as u64 ^ (product >> 64) as u64
    };
    let halves = |w: &[u8; 16]| {
        let w = u128::from_le_bytes(*w);
        (w as u64, (w >> 64) as u64)
    };
    let mut h = K[0] ^ text.len() as u64;
    let mut rest = text;
    while rest.len() > 16 {
        let Some((chunk, after)) = rest.split_first_chunk::<16>() else {
            break;
        };
        let (x, y) = halves(chunk);
        h = fold(x ^ K[1], y ^ h);
        rest = after;
    }
    let word = |w: Option<&[u8; 8]>| w.map_or(0, |w| u64::from_le_bytes(*w));
    let half = |w: Option<&[u8; 4]>| w.map_or(0, |w| u64::from(u32::from_le_bytes(*w)));
    // The last sixteen bytes (overlapping what the rounds took), or all of them.
    let (x, y) = match (text.last_chunk::<16>(), text.len()) {
        (Some(last), _) => halves(last),
        (None, 8..) => (word(text.first_chunk()), word(text.last_chunk())),
        (None, 4..) => (half(text.first_chunk()), half(text.last_chunk())),
        (None, n @ 1..) => {
            let byte = |at: usize| text.get(at).map_or(0, |&b| u64::from(b));
            (byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16, 0)
        }
        (None, 0) => (0, 0),
    };
    fold(x ^ K[1], y ^ K[2] ^ h)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::fold_hash;

    /// Every byte of every length up to 48 moves the hash (a text of each length, each of
    /// its bytes flipped in turn), and equal texts of different lengths differ.
    #[test]
    fn every_byte_and_the_length_count() {
        let base: alloc::vec::Vec<u8> = (0..48u8).map(|b| b'a' + b % 26).collect();
        for len in 0..=base.len() {
            let text = &base[..len];
            let h = fold_hash(text);
            for at in 0..len {
                let mut flipped = text.to_vec();
                flipped[at] ^= 0x01;
                assert_ne!(fold_hash(&flipped), h, "length {len}, byte {at}");
            }
            if len > 0 {
                assert_ne!(fold_hash(&base[..len - 1]), h, "length {len}");
            }
        }
        let zeros = [0u8; 20];
        assert_ne!(fold_hash(&zeros[..3]), fold_hash(&zeros[..4]));
    }
}

//! Query decoding agrees with a reference decoder; encode → decode round trips
//! (checks::query_matches_reference, checks::query_round_trip).
#![no_main]

use arbitrary::Unstructured;
use folio_fuzz::{Text, bounded, checks};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(structured) = u.arbitrary::<bool>() else {
        return;
    };
    let raw = if structured {
        bounded::<Text>(&mut u, 8).map(|t| t.into_iter().map(|t| t.0).collect::<String>())
    } else {
        u.arbitrary::<String>()
    };
    let Ok(raw) = raw else { return };
    if let Err(e) = checks::query_matches_reference(&raw) {
        panic!("{e}");
    }
    let Ok(pairs) = bounded::<(Text, Text)>(&mut u, 8) else {
        return;
    };
    let mut pairs: Vec<(String, String)> = pairs.into_iter().map(|(k, v)| (k.0, v.0)).collect();
    if u.arbitrary::<bool>().unwrap_or(false) {
        pairs.push((raw.clone(), raw));
    }
    if let Err(e) = checks::query_round_trip(&pairs) {
        panic!("{e}");
    }
});

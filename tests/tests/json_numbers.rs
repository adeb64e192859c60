//! The runner compares numbers by type and value, so an `expected` number must parse to the
//! very `f64` that Python wrote. serde_json's default float parser can be one unit in the last
//! place off; the runner enables `float_roundtrip`. Found by tests/oracle: the P-2 sort key of
//! `1099999999999999999999007.py` is written `1.1e+24` by the model, equal to folio's number,
//! but parsed as the next float down without the feature.

use folio_core::streamlit::SortKey;
use serde_json::{Value, json};

#[test]
fn python_float_reprs_parse_to_the_same_f64() {
    for (text, repr) in [
        ("1099999999999999999999007", "1.1e+24"),
        ("99999999999999999999", "1e+20"),
        ("9007199254740993", "9007199254740992.0"),
        ("123456789012345678901234567890", "1.2345678901234568e+29"),
    ] {
        let parsed: Value = serde_json::from_str(repr).expect("a JSON number");
        let number = SortKey::of(&format!("{text}_x.py")).number;
        assert_eq!(Some(parsed.clone()), number.map(|n| json!(n)), "{repr}");
        assert_eq!(parsed.as_f64(), text.parse::<f64>().ok(), "{repr}");
    }
}

//! Streamlit's query parameters (`folio_core::streamlit::QueryParams`) and Dash's query
//! (`folio_core::Query`) are two implementations of one decoding, Python's
//! `parse_qs(keep_blank_values=True)`: they must group any query string the same way. And
//! what `QueryParams` writes back to the URL must parse back to what it holds.

use folio_core::Query;
use folio_core::streamlit::{
    ParamValue, QueryError, QueryLimits, QueryParams, encode_link_params, is_embed_key,
};
use proptest::prelude::*;

/// Query text rich in the bytes that matter: separators, escapes (valid, truncated,
/// invalid UTF-8), `+`, non-ASCII, and the embed keys.
fn raw_query() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("&"),
        Just("="),
        Just("+"),
        Just("%"),
        Just("%2"),
        Just("%26"),
        Just("%3D"),
        Just("%C3%A9"),
        Just("%C3"),
        Just("%FF"),
        Just("é"),
        Just("a"),
        Just("b"),
        Just(" "),
        Just("embed"),
        Just("EMBED_options"),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[ab =&+%é]{0,6}", "\\PC{0,6}", Just(String::from("embed")),]
}

fn param_value() -> impl Strategy<Value = ParamValue> {
    prop_oneof![
        text().prop_map(ParamValue::One),
        proptest::collection::vec(text(), 0..4).prop_map(ParamValue::Many),
    ]
}

fn unlimited() -> QueryLimits {
    QueryLimits {
        max_fields: usize::MAX,
        max_bytes: usize::MAX,
    }
}

/// A stored value as the URL carries it: an empty list is not written, one value is one.
fn as_written(v: &ParamValue) -> Option<ParamValue> {
    match v.as_slice() {
        [] => None,
        [one] => Some(ParamValue::One(one.clone())),
        many => Some(ParamValue::Many(many.to_vec())),
    }
}

fn stored(qp: &QueryParams) -> Vec<(String, ParamValue)> {
    qp.stored()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn streamlit_and_dash_group_every_query_alike(raw in raw_query()) {
        let qp = QueryParams::parse(&raw, &unlimited()).expect("no limits");
        let dash: Vec<(String, Vec<String>)> = Query::parse(&raw)
            .grouped()
            .into_iter()
            .map(|(k, vs)| (k.into_owned(), vs.into_iter().map(|v| v.into_owned()).collect()))
            .collect();
        let streamlit: Vec<(String, Vec<String>)> = qp
            .stored()
            .map(|(k, v)| (k.to_owned(), v.as_slice().to_vec()))
            .collect();
        prop_assert_eq!(&streamlit, &dash);
        // A key seen once is one value; reads give the last value and hide embed keys.
        for (key, value) in qp.stored() {
            prop_assert_eq!(matches!(value, ParamValue::One(_)), value.as_slice().len() == 1);
            let read = qp.get(key);
            if is_embed_key(key) {
                prop_assert_eq!(read, Err(QueryError::KeyNotFound));
            } else {
                let last = Query::parse(&raw).get_all(key).last().map(|v| v.into_owned());
                prop_assert_eq!(read.ok(), last.as_deref());
            }
        }
    }

    #[test]
    fn a_parsed_query_written_back_parses_to_the_same(raw in raw_query()) {
        let qp = QueryParams::parse(&raw, &unlimited()).expect("no limits");
        let again = QueryParams::parse(&qp.to_query_string(), &unlimited()).expect("no limits");
        prop_assert_eq!(stored(&again), stored(&qp));
    }

    #[test]
    fn written_parameters_parse_back_as_the_url_carries_them(
        items in proptest::collection::vec((text(), param_value()), 0..6),
    ) {
        let items: Vec<(String, ParamValue)> =
            items.into_iter().filter(|(k, _)| !is_embed_key(k)).collect();
        let mut qp = QueryParams::new();
        qp.update(items).expect("no embed key");
        let written = qp.to_query_string();
        let back = QueryParams::parse(&written, &unlimited()).expect("no limits");
        let expected: Vec<(String, ParamValue)> = qp
            .stored()
            .filter_map(|(k, v)| Some((k.to_owned(), as_written(v)?)))
            .collect();
        prop_assert_eq!(stored(&back), expected, "{}", written);
    }

    #[test]
    fn link_params_accumulate_every_value_of_a_key_in_order(
        items in proptest::collection::vec((text(), param_value()), 0..6),
        accumulate in any::<bool>(),
    ) {
        let encoded = encode_link_params(items.clone(), accumulate);
        if items.iter().any(|(k, _)| is_embed_key(k)) {
            prop_assert_eq!(encoded, Err(QueryError::EmbedParamReadonly));
            return Ok(());
        }
        let encoded = encoded.expect("no embed key");
        let back = QueryParams::parse(&encoded, &unlimited()).expect("no limits");
        for (key, _) in &items {
            let mut given = items.iter().filter(|(k, _)| k == key);
            let expected: Vec<String> = if accumulate {
                given.flat_map(|(_, v)| v.as_slice().to_vec()).collect()
            } else {
                given.next_back().map(|(_, v)| v.as_slice().to_vec()).unwrap_or_default()
            };
            prop_assert_eq!(back.get_all(key), &expected[..], "{}", encoded);
        }
    }

    #[test]
    fn the_limits_refuse_exactly_what_is_over_them(
        raw in raw_query(),
        max_fields in 0usize..12,
        max_bytes in 0usize..48,
    ) {
        let limits = QueryLimits { max_fields, max_bytes };
        let fields = raw.split('&').count();
        let over = !raw.is_empty() && (raw.len() > max_bytes || fields > max_fields);
        match QueryParams::parse(&raw, &limits) {
            Err(e) => prop_assert!(over && e == QueryError::QueryTooLarge, "{e:?}"),
            Ok(_) => prop_assert!(!over),
        }
    }
}

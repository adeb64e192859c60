//! The compiled index (static map + segment trie) and the naive reference (scan every route
//! in rank order) agree on generated tables and paths.

use folio_core::{Config, PageSpec, RegistryBuilder, Resolution};
use proptest::prelude::*;

/// Segments drawn from a tiny alphabet so that routes overlap often.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[ab]{1,2}",
        2 => Just("<v>".to_string()),
        2 => "[ab]?<v>[-.][ab]?",
        2 => "[ab]?[-.]?<v>",
        1 => "[ab]?<v>-<w>[ab]?",
        1 => Just("a%2Fb".to_string()),
    ]
}

/// Partial segments with literals around 16 bytes (the trie's keys spell up to 16 bytes
/// exactly; longer ones compare text) and many siblings.
fn long_segment() -> impl Strategy<Value = String> {
    // Literals that share their first and last 8 bytes and their length, so only the
    // text tells them apart.
    const LONG: &str = "aaaaaaaa[ab]{0,2}bbbbbbbb";
    let re = |r: String| proptest::string::string_regex(&r).expect("a valid regex");
    prop_oneof![
        2 => re(LONG.into()),
        1 => re("<v>".into()),
        2 => re(format!("{LONG}<v>")),
        2 => re(format!("<v>{LONG}")),
        2 => re(format!("{LONG}<v>{LONG}")),
        1 => re("[ab]{0,17}<v>[ab]{0,17}".into()),
        1 => re(format!("[ab]{{0,2}}<v>[ab]{{1,3}}<w>{LONG}")),
    ]
}

fn template() -> impl Strategy<Value = String> {
    templates(segment())
}

fn templates(segment: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    proptest::collection::vec(segment, 0..4).prop_map(|segs| {
        // Give every variable of the template a distinct name.
        let mut n = 0;
        let segs: Vec<String> = segs
            .into_iter()
            .map(|s| {
                let mut out = String::new();
                for part in s.split_inclusive('>') {
                    if let Some(i) = part.find('<') {
                        n += 1;
                        out.push_str(&part[..i]);
                        out.push_str(&format!("<v{n}>"));
                    } else {
                        out.push_str(part);
                    }
                }
                out
            })
            .collect();
        format!("/{}", segs.join("/"))
    })
}

fn request() -> impl Strategy<Value = String> {
    proptest::collection::vec("[ab.\\-]{0,4}|a%2Fb|%61", 0..4)
        .prop_map(|s| format!("/{}", s.join("/")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]

    #[test]
    fn index_agrees_with_reference(
        table in proptest::collection::vec((template(), any::<bool>()), 1..10),
        requests in proptest::collection::vec(request(), 1..10),
        fills in proptest::collection::vec("[ab.\\-]{1,3}", 1..8),
    ) {
        agree(&table, requests, &fills)?;
    }

    #[test]
    fn index_agrees_on_long_literals(
        table in proptest::collection::vec((templates(long_segment()), any::<bool>()), 1..24),
        requests in proptest::collection::vec(request(), 1..4),
        fills in proptest::collection::vec("[ab]{1,3}", 1..8),
    ) {
        agree(&table, requests, &fills)?;
    }
}

fn agree(
    table: &[(String, bool)],
    requests: Vec<String>,
    fills: &[String],
) -> Result<(), TestCaseError> {
    let mut b = RegistryBuilder::new(Config::new());
    for (i, (t, static_path)) in table.iter().enumerate() {
        let spec = PageSpec::new(format!("pages.p{i}"));
        let spec = if *static_path && !t.contains('<') {
            spec.path(t)
        } else {
            spec.path_template(t)
        };
        b.page(spec.layout(i));
    }
    // Requests instantiated from the table itself hit overlapping routes often.
    let mut requests = requests;
    for (t, _) in table {
        let mut filled = String::new();
        let mut k = 0;
        for part in t.split('<') {
            match part.split_once('>') {
                Some((_, rest)) => {
                    filled.push_str(&fills[k % fills.len()]);
                    filled.push_str(rest);
                    k += 1;
                }
                None => filled.push_str(part),
            }
        }
        requests.push(filled);
    }
    // Tables with conflicts are refused by design; the rest must route identically.
    if let Ok(registry) = b.build() {
        for req in &requests {
            let [fast, naive] = registry.differential_route(req);
            prop_assert_eq!(fast, naive, "request {}", req);
            // The values read through the walk's segment bounds are the template's own
            // match of the path.
            if let Resolution::Page(m) = registry.resolve(req, "") {
                let expected = m.page().template().and_then(|t| t.match_path(req));
                if let Some(expected) = expected {
                    let got: Vec<(&str, &str)> = m.variables().collect();
                    let expected: Vec<(&str, &str)> =
                        expected.iter().map(|(k, v)| (*k, &**v)).collect();
                    prop_assert_eq!(got, expected, "request {}", req);
                }
            }
        }
    }
    Ok(())
}

//! The fuzz targets' properties (issue 8) as proptest suites in plain `cargo test`: the
//! checks live in `checks/mod.rs`, which the fuzz targets include too.
//!
//! - every accepted template matches the paths generated from it, giving back the same
//!   values (exactly, where the split is unambiguous);
//! - query decoding agrees with a reference decoder, and encode → decode round trips;
//! - any registration sequence builds or fails with a described error, and every page of a
//!   built registry is reachable at its own address unless a route POLICY D6 ranks higher
//!   claims it; the compiled index, the core's naive reference and an independent
//!   reference router written from D6 pick the same route.

mod checks;

use checks::Registration;
use proptest::prelude::*;

/// Fewer cases under Miri, which runs these about a thousand times slower.
fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: if cfg!(miri) { 4 } else { n },
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Template text: literals from a small alphabet (so literals collide with values and
/// each other), escapes, and `<v>` variables (renamed apart by `distinct`).
fn template_text() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        4 => "[ab.\\-]{1,3}",
        3 => Just("<v>".to_string()),
        1 => Just("%2F".to_string()),
        1 => Just("%3C".to_string()),
        1 => Just("é".to_string()),
        1 => "\\PC{1,3}",
    ];
    let segment = proptest::collection::vec(part, 1..5).prop_map(|p| p.concat());
    proptest::collection::vec(segment, 0..4).prop_map(|s| distinct(&format!("/{}", s.join("/"))))
}

/// Renames every `<v>` to `<v1>`, `<v2>`, …
fn distinct(text: &str) -> String {
    let mut n = 0;
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("<v>") {
        n += 1;
        out.push_str(&rest[..i]);
        out.push_str(&format!("<v{n}>"));
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ab.\\-]{1,4}",
        // Whole dot segments, which `url_for` refuses, and their escapes, which it keeps.
        "\\.{1,2}|%2[Ee]",
        "[xyz]{1,3}",
        "\\PC{1,4}",
        Just("a/b%".to_string())
    ]
}

fn registration() -> impl Strategy<Value = Registration> {
    (
        prop_oneof![8 => "pages\\.[a-d]{1,2}", 1 => "[a-c._:]{0,4}"],
        proptest::option::weighted(0.4, "/[a-c]{0,2}(/[a-c]{1,2})?"),
        proptest::option::weighted(0.6, template_text()),
        proptest::collection::vec(
            prop_oneof![template_text(), "/[a-c]{1,2}/<v1>", "/old/<v1>/<v2>"],
            0..3,
        ),
        proptest::option::of(-2i64..3),
        proptest::bool::weighted(0.95),
    )
        .prop_map(
            |(module, path, template, redirects, order, layout)| Registration {
                module,
                path,
                template,
                redirects,
                order,
                layout,
            },
        )
}

fn request() -> impl Strategy<Value = String> {
    proptest::collection::vec("[ab.\\-]{0,4}|a%2Fb|%61|%|QQ", 0..4)
        .prop_map(|s| format!("/{}", s.join("/")))
}

proptest! {
    #![proptest_config(cases(1500))]

    #[test]
    fn templates_match_the_paths_they_generate(
        text in template_text(),
        values in proptest::collection::vec(value(), 0..6),
    ) {
        checks::template_round_trip(&text, &values).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn any_template_text_round_trips(text in "[/<>a-c%2F.\\-]{0,16}", values in proptest::collection::vec(value(), 1..3)) {
        checks::template_round_trip(&text, &values).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn query_decoding_matches_the_reference(raw in "([a-c=&+;?]|%[0-9a-fA-Fz]{0,2}|%[CcEeFf][0-9A-F]|\\PC){0,24}") {
        checks::query_matches_reference(&raw).map_err(TestCaseError::fail)?;
    }

    /// Longer keys and values, so that the field scan's eight-byte steps meet every
    /// separator and escape at every offset.
    #[test]
    fn long_query_fields_match_the_reference(raw in "([a-z0-9]{1,11}|[=&+]|%[0-9a-fA-F]{2}|%[zZ]|é){0,40}") {
        checks::query_matches_reference(&raw).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn queries_round_trip(pairs in proptest::collection::vec(("\\PC{0,6}", "[ &=+%?#a\\n]{0,6}|\\PC{0,6}"), 0..6)) {
        checks::query_round_trip(&pairs).map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(cases(800))]

    #[test]
    fn every_page_is_reachable_unless_outranked(
        registrations in proptest::collection::vec(registration(), 0..6),
        prefixed in any::<bool>(),
        requests in proptest::collection::vec(request(), 0..6),
    ) {
        let prefix = prefixed.then_some("/app/");
        checks::registry_reachability(&registrations, prefix, &requests).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn index_agrees_with_the_d6_reference(
        table in proptest::collection::vec(
            (template_text(), any::<bool>(), proptest::collection::vec(template_text(), 0..2)),
            1..8,
        ),
        requests in proptest::collection::vec(request(), 0..8),
        fills in proptest::collection::vec("[ab.\\-]{1,3}|a%2Fb", 0..4),
    ) {
        checks::differential(&table, &requests, &fills).map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(cases(32))]

    /// POLICY D10 on tables large enough for the build's radix sorts (256 keys and more):
    /// pages with an order first, by order then module, then the others by module, whatever
    /// prefix the modules share and however many agree in their first bytes.
    #[test]
    fn registry_order_of_large_tables(
        modules in proptest::collection::hash_set(
            "(pages|app::pages|p)(\\.[a-c\u{e9}]{1,3}){1,3}(::[a-z_\0]{1,14})?",
            256..400,
        ),
        orders in proptest::collection::vec(proptest::option::weighted(0.05, -3i64..3), 400),
        long_prefix in any::<bool>(),
    ) {
        // Path and name given: nothing inferred (so no Unicode case mapping is needed).
        let prefix = if long_prefix { "application::web::pages::" } else { "" };
        let modules: Vec<String> = modules.iter().map(|m| format!("{prefix}{m}")).collect();
        let registry = registry_in_policy_order(&modules, &orders)?;
        // Registration order is the order of `builder.page` calls, whatever the registry order.
        for (n, page) in registry.pages_by_registration().enumerate() {
            prop_assert_eq!((page.registration_index(), *page.layout()), (n, n));
        }
        prop_assert_eq!(registry.pages_by_registration().len(), modules.len());
    }
}

proptest! {
    #![proptest_config(cases(48))]

    /// POLICY D10 when the modules come in a few ascending runs (a pages folder walked by
    /// name, numbered modules): the build merges up to sixteen runs instead of sorting, and
    /// modules alike in the twelve bytes after their shared prefix still sort whole.
    #[test]
    fn registry_order_of_tables_registered_in_runs(
        modules in proptest::collection::hash_set(
            "(pages|app::pages|p)(\\.[a-c\u{e9}]{1,3}){1,3}(::[a-z_\0]{1,14})?",
            1..400,
        ),
        runs in 1..24usize,
        rotate in 0..400usize,
        orders in proptest::collection::vec(proptest::option::weighted(0.02, -3i64..3), 400),
    ) {
        let mut sorted: Vec<String> = modules.into_iter().collect();
        sorted.sort();
        // `runs` ascending pieces, registered last piece first, then rotated.
        let piece = sorted.len().div_ceil(runs);
        let mut modules: Vec<String> = sorted.chunks(piece).rev().flatten().cloned().collect();
        let turn = rotate % modules.len();
        modules.rotate_left(turn);
        registry_in_policy_order(&modules, &orders)?;
    }
}

/// Registers `modules` in this order (page `i` with layout `i`, given path and name, and
/// `orders[i]` when set) and checks the registry order against POLICY D10's: pages with an
/// order first, by order, then by module.
fn registry_in_policy_order(
    modules: &[String],
    orders: &[Option<i64>],
) -> Result<folio_core::Registry<usize>, TestCaseError> {
    let mut builder = folio_core::RegistryBuilder::new(folio_core::Config::new());
    for (i, module) in modules.iter().enumerate() {
        let mut spec = folio_core::PageSpec::new(module)
            .path(format!("/p{i}"))
            .name("page")
            .layout(i);
        if let Some(order) = orders[i] {
            spec = spec.order(folio_core::Order::Int(order));
        }
        builder.page(spec);
    }
    let registry = builder
        .build()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut want: Vec<usize> = (0..modules.len()).collect();
    want.sort_by(|&a, &b| {
        (orders[a].is_none(), orders[a], &modules[a]).cmp(&(
            orders[b].is_none(),
            orders[b],
            &modules[b],
        ))
    });
    let got: Vec<usize> = registry.pages().map(|p| *p.layout()).collect();
    prop_assert_eq!(got, want);
    Ok(registry)
}

/// Head texts: markup, quotes, `{}` (a computed text), the marks prepared heads use
/// (`\0`, `\1`, and the letters after them), slashes, escapes, non-ASCII.
fn head_text() -> impl Strategy<Value = String> {
    "([a-c &<>\"'/%?#]|\\{\\}|\u{0}[oTtD]|\u{1}[puUE]|é|%2F){0,8}"
}

proptest! {
    #![proptest_config(cases(600))]

    #[test]
    fn a_prepared_head_writes_what_write_head_writes(
        prefix in proptest::option::of(prop_oneof!["/app/", "/a&b/", "/[a-c\u{0}]{1,3}/"]),
        assets_external in proptest::option::weighted(0.3, prop_oneof!["https://cdn.example/x/", "http://[a-c&/]{0,4}"]),
        meta in proptest::bool::weighted(0.8),
        app_title in head_text(),
        title in proptest::option::of(head_text()),
        description in proptest::option::of(head_text()),
        image in proptest::option::of(prop_oneof!["logo.svg", "[a-c &%/é\u{0}]{1,6}\\.png"]),
        requests in proptest::collection::vec(
            prop_oneof!["/p/[a-c&<>\"'{}%é\u{0}]{1,5}", "/s", "/s\\?[a-c=&<>#%\u{1}]{0,6}", "/p/a#[a-c]{0,3}"],
            1..4,
        ),
        origins in proptest::collection::vec(
            prop_oneof!["http://h", "https://example.com:8080", "", "http://h/", "[a-c&<>\"/\u{0}]{0,5}"],
            1..4,
        ),
    ) {
        let case = checks::HeadCase { prefix, assets_external, meta, app_title, title, description, image };
        checks::prepared_head_agrees(&case, &requests, &origins).map_err(TestCaseError::fail)?;
    }
}

//! Every public entry point is total: any text yields a value or a clear error, never a
//! panic. (Strings here are arbitrary Unicode, including controls, `%`, `<`, `>`, `/`.)

use folio_core::{
    Config, DashNaming, Naming, Order, PageSpec, Query, RegistryBuilder, Resolution, Template,
    Text, decode_form, infer_image, percent_decode,
};
use proptest::prelude::*;

fn url_text() -> impl Strategy<Value = String> {
    // Bias toward the characters routing cares about, but allow anything.
    prop_oneof![
        "[/%<>a-c0-9.?#&=+_-]{0,40}",
        "\\PC{0,40}",
        proptest::collection::vec(any::<char>(), 0..40).prop_map(|v| v.into_iter().collect()),
    ]
}

/// `variable_count` is how many variables `variables` gives, and they lead `arguments`.
fn variables_lead_the_arguments(
    m: &folio_core::PageMatch<'_, '_, u8>,
) -> Result<(), TestCaseError> {
    let variables: Vec<(&str, &str)> = m.variables().collect();
    let arguments = m.arguments();
    prop_assert_eq!(variables.len(), m.variable_count());
    prop_assert!(arguments.len() >= variables.len());
    for ((name, value), (key, argument)) in variables.iter().zip(&arguments) {
        prop_assert_eq!(*name, &**key);
        prop_assert_eq!(argument, &folio_core::Argument::One((*value).into()));
    }
    Ok(())
}

fn registry() -> folio_core::Registry<u8> {
    let mut b = RegistryBuilder::new(
        Config::new()
            .requests_pathname_prefix("/app/")
            .routes_pathname_prefix("/app/"),
    );
    b.page(PageSpec::new("pages.home").path("/").layout(0));
    b.page(
        PageSpec::new("pages.asset")
            .path_template("/asset/<id>/d/hello-<dept>")
            .layout(1)
            .redirect_from("/old/<id>/<dept>"),
    );
    b.page(
        PageSpec::new("pages.v")
            .path_template("/v<major>.<minor>")
            .layout(2)
            .title(Text::computed(|v| format!("{v:?}"))),
    );
    b.page(
        PageSpec::new("pages.static")
            .path("/caf%C3%A9")
            .layout(3)
            .redirect_from("/legacy"),
    );
    b.page(PageSpec::new("pages.not_found_404").layout(4));
    b.build().expect("the fixture registry builds")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn templates_parse_or_error_and_round_trip(text in url_text(), path in url_text()) {
        if let Ok(t) = Template::parse(&text) {
            let again = Template::parse(&t.to_string());
            prop_assert_eq!(again.as_ref(), Ok(&t));
            let _ = t.match_path(&path);
        }
    }

    #[test]
    fn decoding_and_queries_are_total(text in url_text()) {
        let _ = percent_decode(&text);
        let _ = decode_form(&text);
        let q = Query::parse(&text);
        prop_assert!(q.grouped().iter().map(|(_, v)| v.len()).sum::<usize>() == q.pairs().count());
        let _ = Query::from_search(&text).is_empty();
    }

    #[test]
    fn naming_is_total(module in url_text(), folder in url_text()) {
        let n = DashNaming;
        let _ = n.check(&module);
        match n.path(&module, Some(&folder)) {
            Ok(p) => prop_assert!(p.starts_with('/')),
            // Only without the feature `unicode-case`, and only for non-ASCII text.
            Err(_) => prop_assert!(!cfg!(feature = "unicode-case") && !module.is_ascii()),
        }
        let _ = n.name(&module);
        let _ = infer_image(&module, &[module.as_str(), "app.png"]);
    }

    #[test]
    fn resolution_is_total(path in url_text(), query in url_text()) {
        let r = registry();
        for resolution in [r.resolve(&path, &query), r.resolve_browser(&path, &query)] {
            let head = r.head(&resolution, "http://h", &path);
            let mut html = String::new();
            head.write_html(&mut html).unwrap();
            if let Resolution::Redirect(red) = &resolution {
                let l = red.location();
                // A Location never leaves the site and never breaks a header.
                prop_assert!(l.starts_with('/') && !l.starts_with("//"), "{}", l);
                prop_assert!(!l.bytes().any(|b| b < 0x20 || b == 0x7f || b >= 0x80), "{}", l);
                // The query is kept as sent (POLICY D11), but the path never holds a
                // backslash, which browsers would read as `/` (`/\\evil.example`).
                let path = l.split('?').next().unwrap_or("");
                prop_assert!(!path.contains('\\'), "{}", l);
            }
            if let Resolution::Page(m) = &resolution {
                let _ = m.arguments();
                let _ = m.title();
                variables_lead_the_arguments(m)?;
            }
        }
    }

    /// Paths that match the fixture's template pages, values escaped or not: the variable
    /// count, the variables and the head of the arguments agree.
    #[test]
    fn variable_count_is_what_the_variables_give(
        a in "([a-z.\\-]|%2F|%25|%C3%A9|%zz|é){1,6}",
        b in "([a-z.\\-]|%2F|%25|%C3%A9|%zz|é){1,6}",
        query in "(id=1|dept=x|z=%41|&){0,4}",
    ) {
        let r = registry();
        for path in [format!("/app/asset/{a}/d/hello-{b}"), format!("/app/v{a}.{b}")] {
            if let Resolution::Page(m) = r.resolve(&path, &query) {
                variables_lead_the_arguments(&m)?;
            }
        }
    }

    #[test]
    fn any_registration_sequence_builds_or_errors(
        specs in proptest::collection::vec(
            ("[a-c._:]{0,6}", proptest::option::of("[/a-c<>]{0,8}"), proptest::option::of("[/a-c<>x]{0,8}"),
             proptest::collection::vec("[/a-c<>x]{0,8}", 0..3), proptest::option::of(-3i64..3), any::<bool>()),
            0..6)
    ) {
        let mut b = RegistryBuilder::new(Config::new());
        for (module, path, template, redirects, order, layout) in specs {
            let mut s = PageSpec::new(module);
            if let Some(p) = path { s = s.path(p); }
            if let Some(t) = template { s = s.path_template(t); }
            for r in redirects { s = s.redirect_from(r); }
            if let Some(o) = order { s = s.order(Order::Int(o)); }
            if layout { s = s.layout(()); }
            b.page(s);
        }
        match b.build() {
            Ok(r) => {
                // Every static page is reachable at its own path, unless a more specific
                // route of another page claims that path (POLICY D6).
                for page in r.pages() {
                    let _ = r.resolve(page.path(), "");
                }
            }
            Err(e) => prop_assert!(!e.kind().is_empty() && !e.to_string().is_empty()),
        }
    }
}

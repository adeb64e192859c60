//! The hostile-input suite through the core: `Registry::resolve`, the `Location` and the
//! escaped head, for every case of `tests/hostile/hostile.json`.

use folio_conformance::hostile::{self, Via};

#[test]
fn hostile_requests_through_the_core() {
    let registry = hostile::registry();
    let report = hostile::run(Via::Core, |case| {
        Ok(hostile::core_observe(&registry, &case.target))
    });
    eprint!("{}", report.summary());
    assert!(report.failures.is_empty(), "{}", report.summary());
    assert_eq!(report.passed, hostile::cases().len());
}

#[test]
fn the_checker_catches_what_it_should() {
    let case = hostile::cases()
        .into_iter()
        .find(|c| c.id == "redirect_value_double_slash")
        .unwrap();
    let ok = hostile::Observed {
        status: 301,
        headers: vec![("Location".into(), "/%2F%2Fevil.example".into())],
        body: String::new(),
    };
    assert!(case.check(Via::Server, &ok).is_ok());
    for (location, why) in [
        ("//evil.example", "protocol-relative"),
        ("/\\evil.example", "backslash"),
        ("/a\r\nSet-Cookie: x", "CR/LF"),
        ("https://evil.example/", "absolute"),
    ] {
        let bad = hostile::Observed {
            headers: vec![("location".into(), location.into())],
            ..ok.clone()
        };
        assert!(case.check(Via::Server, &bad).is_err(), "{why}");
    }
    let page = hostile::cases()
        .into_iter()
        .find(|c| c.id == "script_in_variable")
        .unwrap();
    let unescaped = hostile::Observed {
        status: 200,
        headers: vec![],
        body: "<title>Item(id=<script>alert(1)</script>)</title>".into(),
    };
    assert!(page.check(Via::Core, &unescaped).is_err());
    let escaped = hostile::Observed {
        body: "<title>Item(id=&lt;script&gt;alert(1)&lt;/script&gt;)</title>".into(),
        ..unescaped.clone()
    };
    assert!(page.check(Via::Core, &escaped).is_ok());
    let five_hundred = hostile::Observed {
        status: 500,
        ..escaped
    };
    assert!(page.check(Via::Server, &five_hundred).is_err());
}

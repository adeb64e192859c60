use super::*;
use alloc::vec;

fn vars(t: &str, p: &str) -> Option<Vec<(String, String)>> {
    Template::parse(t).unwrap().match_path(p).map(|v| {
        v.into_iter()
            .map(|(k, v)| (k.into(), v.into_owned()))
            .collect()
    })
}

fn pair(k: &str, v: &str) -> (String, String) {
    (k.into(), v.into())
}

#[test]
fn leftmost_variable_is_greedy() {
    assert_eq!(
        vars("/<a>-<b>", "/x-y-z"),
        Some(vec![pair("a", "x-y"), pair("b", "z")])
    );
    assert_eq!(
        vars("/v<major>.<minor>", "/v1.2.3"),
        Some(vec![pair("major", "1.2"), pair("minor", "3")])
    );
    assert_eq!(
        vars("/<a>.<b>.<c>", "/1.2.3.4"),
        Some(vec![pair("a", "1.2"), pair("b", "3"), pair("c", "4")])
    );
    assert_eq!(
        vars("/<a>ab<b>", "/aababab"),
        Some(vec![pair("a", "aab"), pair("b", "ab")])
    );
}

#[test]
fn overlapping_literals() {
    // ^(.+)aa(.+)$ on "aaaa": first var takes "a", then "aa", then "a".
    assert_eq!(
        vars("/<x>aa<y>", "/aaaa"),
        Some(vec![pair("x", "a"), pair("y", "a")])
    );
    assert_eq!(vars("/<x>aa<y>", "/aaa"), None);
    assert_eq!(
        vars("/<x>é<y>", "/aéé"),
        Some(vec![pair("x", "a"), pair("y", "é")])
    );
}

#[test]
fn no_empty_values_and_anchoring() {
    assert_eq!(vars("/<x>", "/"), None);
    assert_eq!(vars("/hello-<d>", "/hello-"), None);
    assert_eq!(vars("/asset/<id>", "/assets/a100"), None);
    assert_eq!(vars("/<x>.json", "/dataxjson"), None);
    assert_eq!(
        vars("/asset/<id>", "/asset/a%2Fb"),
        Some(vec![pair("id", "a/b")])
    );
}

#[test]
fn errors() {
    assert_eq!(Template::parse("/a/<x").unwrap_err().kind(), "bad_template");
    assert_eq!(Template::parse("/a>").unwrap_err().kind(), "bad_template");
    assert_eq!(
        Template::parse("/<a><b>").unwrap_err().kind(),
        "bad_template"
    );
    assert_eq!(
        Template::parse("/<a<b>>").unwrap_err().kind(),
        "bad_template"
    );
    assert_eq!(
        Template::parse("/<>").unwrap_err().kind(),
        "bad_variable_name"
    );
    assert_eq!(
        Template::parse("/<1a>").unwrap_err().kind(),
        "bad_variable_name"
    );
    assert_eq!(
        Template::parse("/<a>/<a>").unwrap_err().kind(),
        "duplicate_variable"
    );
    assert_eq!(
        Template::parse("/a//<x>").unwrap_err().kind(),
        "empty_segment"
    );
    assert!(Template::parse("/<class>").is_ok());
}

#[test]
fn display_round_trips() {
    for t in ["/", "/a/<b>/c-<d>.<e>", "/%3C/x%2Fy/<z>", "/caf%C3%A9"] {
        let parsed = Template::parse(t).unwrap();
        let again = Template::parse(&alloc::format!("{parsed}")).unwrap();
        assert_eq!(parsed, again, "{t}");
    }
}

use super::*;
use alloc::format;
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

#[test]
fn equal_shapes_hash_equally() {
    // Every pair of texts over a small alphabet (with `%`-escapes, slashes at the ends and
    // variables): when two shapes are the same, their hashes agree, whichever way (path or
    // template, escaped or plain) each was written.
    let pieces = ["a", "/", "%61", "%2F", "<x>", "<y>", "-", "//"];
    let mut texts = vec![String::new()];
    for _ in 0..3 {
        let mut longer = Vec::new();
        for t in &texts {
            for p in pieces {
                longer.push(format!("{t}{p}"));
            }
        }
        texts.extend(longer);
    }
    texts.sort();
    texts.dedup();
    let templates: Vec<Template> = texts
        .iter()
        .filter_map(|t| Template::parse(t).ok())
        .collect();
    let paths: Vec<&str> = texts
        .iter()
        .map(String::as_str)
        .filter(|t| !t.contains('<'))
        .collect();
    let mut shapes: Vec<Shape<'_>> = templates.iter().map(Shape::Template).collect();
    shapes.extend(paths.iter().map(|p| Shape::Path(p)));
    let mut same = 0;
    for a in &shapes {
        for b in &shapes {
            if a.same(b) {
                same += 1;
                assert_eq!(a.hash(), b.hash(), "{a:?} and {b:?}");
            }
        }
    }
    // Not only each shape with itself: escaped and plain spellings meet.
    assert!(same > 2 * shapes.len(), "{same} of {}", shapes.len());
}

/// Non-ASCII variable names are checked by the `unicode-ident` tables; a build without
/// them refuses such a name with its own error instead of guessing, and ASCII names are
/// judged the same either way.
#[test]
fn non_ascii_variable_names_need_the_unicode_ident_tables() {
    assert!(Template::parse("/r/<report_id>").is_ok());
    assert_eq!(
        Template::parse("/r/<1x>").unwrap_err().kind(),
        "bad_variable_name"
    );
    assert_eq!(
        Template::parse("/r/<a-b>").unwrap_err().kind(),
        "bad_variable_name"
    );
    let cafe = Template::parse("/r/<café>");
    let dash = Template::parse("/r/<a\u{2014}b>");
    #[cfg(feature = "unicode-ident")]
    {
        assert_eq!(vars("/r/<café>", "/r/x"), Some(vec![pair("café", "x")]));
        assert_eq!(dash.unwrap_err().kind(), "bad_variable_name");
        assert!(cafe.is_ok());
    }
    #[cfg(not(feature = "unicode-ident"))]
    {
        let error = cafe.unwrap_err();
        assert_eq!(error.kind(), "needs_unicode_ident");
        assert_eq!(
            format!("{error}"),
            "variable name `café` is not ASCII: checking it needs the `unicode-ident` feature"
        );
        assert_eq!(dash.unwrap_err().kind(), "needs_unicode_ident");
    }
}

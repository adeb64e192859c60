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

/// The scan finds each segment's `/` eight bytes at a time and takes a segment without
/// `<`, `>` or `%` as it is: a special byte in the same word as the `/`, before or after
/// it, in an earlier word, or in the last bytes read one at a time, must still be seen,
/// with the error at its offset. (A special in a word without `/` once leaked into the
/// next word's test: `abc>-_x%3C/…` parsed.)
#[test]
fn special_bytes_around_a_segments_slash() {
    use TemplateError::*;
    let err = |t: &str| Template::parse(t).unwrap_err();
    assert_eq!(err("abc>-_x%3C/%1abc%/1"), Unbalanced { at: 3 });
    assert_eq!(err("/abcdef>/ghijklmn/o"), Unbalanced { at: 7 });
    assert_eq!(err("/abcdefghijk/lm>"), Unbalanced { at: 15 });
    assert_eq!(err("/abcdefghijklmn<x/y"), Unbalanced { at: 15 });
    assert_eq!(err("/a/<b<c>/d"), Nested { at: 5 });
    assert_eq!(err("/a/<b%c>/d"), BadVariableName { name: "b%c".into() });
    assert_eq!(err("/a/<bc>>/d"), Unbalanced { at: 7 });
    assert_eq!(err("/a/<>/d"), BadVariableName { name: "".into() });
    assert_eq!(err("/a/<b><c>/d"), AdjacentVariables { at: 6 });
    assert_eq!(err("/<x>/a/<x>"), DuplicateVariable { name: "x".into() });
    // A segment with `>` right after a `/` in the same word, and one whose `/` follows
    // eight plain bytes.
    let t = Template::parse("/abcdefg/<id>/hijklmnop/q%2Fr").unwrap();
    assert_eq!(format!("{t}"), "/abcdefg/<id>/hijklmnop/q%2Fr");
    assert_eq!(
        t.kinds().collect::<Vec<_>>(),
        [
            SegmentKind::Static,
            SegmentKind::Variable,
            SegmentKind::Static,
            SegmentKind::Static,
        ]
    );
    assert_eq!(t.literal_chars(), "abcdefghijklmnopq/r".len());
    let mut path = String::new();
    t.write_filled("none", &mut path);
    assert_eq!(path, "/abcdefg/none/hijklmnop/q%2Fr");
}

/// Each segment reads its own variables (`Seg::first`), whatever the kinds of the
/// segments before it: a whole-segment variable after a partial one, partial segments
/// after static and whole ones, static segments between.
#[test]
fn each_segment_reads_its_own_variables() {
    // (template, request, variables)
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: [Case<'_>; 4] = [
        ("/<a>x/<b>", "/7x/q", &[("a", "7"), ("b", "q")]),
        (
            "/p<a>/<b>/c<d>-<e>",
            "/p1/2/c3-4",
            &[("a", "1"), ("b", "2"), ("d", "3"), ("e", "4")],
        ),
        (
            "/<a>/x/<b>y<c>",
            "/1/x/2y3",
            &[("a", "1"), ("b", "2"), ("c", "3")],
        ),
        ("/s/<a>-z/t/<b>", "/s/1-z/t/2", &[("a", "1"), ("b", "2")]),
    ];
    for (text, path, want) in cases {
        let template = Template::parse(text).unwrap();
        assert_eq!(format!("{template}"), text);
        let want: Vec<(String, String)> = want.iter().map(|(k, v)| pair(k, v)).collect();
        assert_eq!(vars(text, path), Some(want), "{text}");
    }
}

/// `angle_marks` marks exactly the `<` and `>` of a word (the lowest mark exact): every
/// byte value alone, and a `<` or `>` after any other byte.
#[test]
fn angle_marks_find_only_angle_brackets() {
    use super::parse::angle_marks;
    for b in 0..=255u8 {
        let w = u64::from_le_bytes([b'a', b'a', b, b'a', b'a', b'a', b'a', b'a']);
        let want = if b == b'<' || b == b'>' {
            0x80 << 16
        } else {
            0
        };
        assert_eq!(angle_marks(w), want, "byte {b:#x}");
        for angle in [b'<', b'>'] {
            let w = u64::from_le_bytes([b, angle, b'a', b'a', b'a', b'a', b'a', b'a']);
            let m = angle_marks(w);
            let first = if b == b'<' || b == b'>' { 0 } else { 1 };
            assert_eq!(m.trailing_zeros() / 8, first, "byte {b:#x} then {angle:#x}");
        }
    }
}

/// Slashes at both ends are ignored however many there are (the usual template, one `/`
/// first and none last, is cut without the loops), and a text of slashes is the root.
#[test]
fn slashes_at_both_ends_are_ignored() {
    for inner in ["a", "ab", "a/<b>", "<b>", "a/<b>/c%2F"] {
        let want = Template::parse(inner).unwrap();
        for (before, after) in [(1, 0), (0, 1), (2, 0), (1, 1), (1, 2), (3, 3), (0, 0)] {
            let text = format!("{}{inner}{}", "/".repeat(before), "/".repeat(after));
            let t = Template::parse(&text).unwrap();
            assert_eq!(t, want, "{text}");
            assert_eq!(t.literal_chars(), want.literal_chars(), "{text}");
            assert_eq!(t.given(), text);
        }
    }
    for text in ["", "/", "//", "///"] {
        assert!(Template::parse(text).unwrap().is_empty(), "{text:?}");
    }
    assert_eq!(
        Template::parse("/a//b/").unwrap_err(),
        TemplateError::EmptySegment
    );
}

/// The literal characters are counted as bytes while scanning and corrected once for a
/// text that is not ASCII (the scan's words tell): a character of several bytes anywhere,
/// in a word read whole or in the last bytes read one at a time, in a literal beside a
/// variable, in a decoded literal, or in a name, counts once. (The count checked is the
/// characters of every literal, read from the parsed segments.)
#[test]
fn literal_characters_of_texts_that_are_not_ascii() {
    let literal_chars = |t: &Template| -> usize {
        let text = &*t.text;
        t.segments
            .iter()
            .map(|seg| {
                let after = t.pattern(seg).vars.iter().map(|v| v.after.of(text));
                core::iter::once(seg.head.of(text))
                    .chain(after)
                    .map(|lit| lit.chars().count())
                    .sum::<usize>()
            })
            .sum()
    };
    let pieces = ["é", "\u{2014}", "\u{1F600}", "%C3%A9", "%E2%80%94", "x"];
    #[cfg(feature = "unicode-ident")]
    let names: &[&str] = &["<id>", "<café>", "v<n>", "<a>-\u{e9}"];
    #[cfg(not(feature = "unicode-ident"))]
    let names: &[&str] = &["<id>", "v<n>", "<a>-\u{e9}"];
    let mut checked = 0;
    for piece in pieces {
        for before in 0..20 {
            for name in names {
                for after in [0, 1, 3, 9] {
                    let pad = |n: usize| "abcdefghijklmnopqrstuvwxyz".get(..n).unwrap_or("");
                    let texts = [
                        format!("/{}{piece}{}", pad(before), pad(after)),
                        format!("/{}{piece}/{name}/{}", pad(before), pad(after)),
                        format!("/{}/{name}/{}{piece}", pad(before), pad(after + 1)),
                        format!("/{name}/{}{piece}{}/", pad(before), pad(after)),
                    ];
                    for text in texts {
                        let t = Template::parse(&text).unwrap();
                        assert_eq!(t.literal_chars(), literal_chars(&t), "{text}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 1000);
}

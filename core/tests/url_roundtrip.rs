//! Building a URL then resolving it gives back the same page, variables and query
//! (issue 9), for arbitrary values: `/`, `%`, spaces, `+`, `?`, `#`, non-ASCII.

use folio_core::{Config, PageSpec, RegistryBuilder, Resolution, UrlError};
use proptest::prelude::*;

fn registry() -> folio_core::Registry<()> {
    let mut b = RegistryBuilder::new(Config::new().url_base_pathname("/app/"));
    b.page(PageSpec::new("pages.home").path("/").layout(()));
    b.page(PageSpec::new("pages.cafe").path("/café").layout(()));
    b.page(
        PageSpec::new("pages.asset")
            .path_template("/asset/<asset_id>/department/<dept>")
            .layout(()),
    );
    b.page(
        PageSpec::new("pages.hello")
            .path_template("/hello-<name>.html")
            .layout(()),
    );
    b.page(
        PageSpec::new("pages.range")
            .path_template("/range/<from>-<to>")
            .layout(()),
    );
    b.build().expect("fixture builds")
}

fn check(
    registry: &folio_core::Registry<()>,
    module: &str,
    vars: &[(&str, &str)],
    query: &[(&str, &str)],
) -> Result<(), TestCaseError> {
    // `pages.asset`'s variables are whole segments: `.` or `..` there is a dot segment, which
    // a browser removes before it asks, so url_for refuses it.
    let dot_segment = module == "pages.asset" && vars.iter().any(|(_, v)| matches!(*v, "." | ".."));
    let url = match registry.url_for(module, vars, query) {
        Ok(u) if dot_segment => {
            return Err(TestCaseError::fail(format!("{module} {vars:?}: gave {u}")));
        }
        Ok(u) => u,
        // Two variables in one segment cannot always be told apart again; say so, never lie.
        Err(UrlError::Ambiguous { .. }) if module == "pages.range" => return Ok(()),
        Err(UrlError::DotSegment { .. }) if dot_segment => return Ok(()),
        Err(e) => return Err(TestCaseError::fail(format!("{module} {vars:?}: {e}"))),
    };
    prop_assert!(
        url.is_ascii() && !url.contains(' ') && !url.contains('#'),
        "{}",
        url
    );
    let (path, q) = url.split_once('?').unwrap_or((&url, ""));
    let resolution = registry.resolve(path, q);
    let Resolution::Page(m) = resolution else {
        return Err(TestCaseError::fail(format!(
            "{url} did not resolve to a page"
        )));
    };
    prop_assert_eq!(m.page().module(), module, "{}", url);
    let got: Vec<(String, String)> = m
        .variables()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let want: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    prop_assert_eq!(got, want, "{}", url);
    let got_q: Vec<(String, String)> = m
        .query()
        .pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let want_q: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    prop_assert_eq!(got_q, want_q, "{}", url);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn round_trips(a in "\\PC{1,12}", b in "[/% +?#&=é中a-z]{1,8}", k in "\\PC{0,6}", v in "\\PC{0,6}") {
        let r = registry();
        check(&r, "pages.asset", &[("asset_id", &a), ("dept", &b)], &[(&k, &v)])?;
        check(&r, "pages.hello", &[("name", &b)], &[])?;
        check(&r, "pages.range", &[("from", &a), ("to", &b)], &[("x", &v), ("x", &a)])?;
        check(&r, "pages.cafe", &[], &[(&k, &v)])?;
        check(&r, "pages.home", &[], &[])?;
    }
}

#[test]
fn errors_name_the_problem() {
    let r = registry();
    assert_eq!(
        r.url_for("pages.nope", &[], &[]),
        Err(UrlError::UnknownPage {
            module: "pages.nope".into()
        })
    );
    assert_eq!(
        r.url_for("pages.asset", &[("asset_id", "1")], &[]),
        Err(UrlError::MissingVariable {
            name: "dept".into()
        })
    );
    assert_eq!(
        r.url_for("pages.home", &[("x", "1")], &[]),
        Err(UrlError::UnknownVariable { name: "x".into() })
    );
    assert_eq!(
        r.url_for("pages.hello", &[("name", "")], &[]),
        Err(UrlError::EmptyValue {
            name: "name".into()
        })
    );
    assert_eq!(
        r.url_for("pages.range", &[("from", "a"), ("to", "b-c")], &[]),
        Err(UrlError::Ambiguous {
            name: "from".into()
        })
    );
    assert_eq!(
        r.url_for("pages.cafe", &[], &[]).as_deref(),
        Ok("/app/caf%C3%A9")
    );
    assert_eq!(r.url_for("pages.home", &[], &[]).as_deref(), Ok("/app/"));
}

/// A struct in, a URL out, and the same struct back through `arguments_as`.
#[cfg(feature = "serde")]
mod typed {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq, Clone)]
    struct Asset {
        asset_id: String,
        dept: String,
        page: Option<u32>,
        // An empty list writes no key at all, so reading it back needs a default.
        #[serde(default)]
        tags: Vec<String>,
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, .. ProptestConfig::default() })]

        #[test]
        fn struct_round_trips(asset_id in "\\PC{1,8}", dept in "\\PC{1,8}", page in proptest::option::of(any::<u32>()),
                              tags in proptest::collection::vec("\\PC{0,4}", 0..3)) {
            let r = registry();
            let value = Asset { asset_id, dept, page, tags };
            let built = r.url_for_value("pages.asset", &value);
            // A whole segment `.` or `..` is a dot segment, which no browser can request.
            if [&value.asset_id, &value.dept].iter().any(|v| matches!(v.as_str(), "." | "..")) {
                prop_assert!(matches!(built, Err(UrlError::DotSegment { .. })), "{:?}", built);
                return Ok(());
            }
            let url = built.expect("buildable");
            let (path, q) = url.split_once('?').unwrap_or((&url, ""));
            let Resolution::Page(m) = r.resolve(path, q) else { return Err(TestCaseError::fail(url)) };
            // A single tag reads back as one value, which a Vec field still accepts.
            let back: Asset = m.arguments_as().map_err(|e| TestCaseError::fail(format!("{url}: {e}")))?;
            prop_assert_eq!(back, value);
        }
    }
}

//! Resolution with every request limit lifted (`Limits` at `usize::MAX`): an app may raise
//! them, and then paths of megabytes and hundreds of thousands of segments reach the
//! matcher. Two ways of asking the same thing must get the same answer: a path, and the
//! same path with its letters percent-escaped (`%61` for `a`). The plain path walks the
//! compiled index; the escaped one, longer than the stack buffer the index decodes into
//! (8 KiB), is matched by the route-by-route scan. Neither may panic, overflow the stack
//! or disagree.

use folio_core::{Config, Limits, PageSpec, Registry, RegistryBuilder, Resolution};

fn lifted() -> Limits {
    Limits::default()
        .max_path_bytes(usize::MAX)
        .max_segments(usize::MAX)
        .max_query_bytes(usize::MAX)
        .max_query_pairs(usize::MAX)
}

fn registry() -> Registry<()> {
    let mut b = RegistryBuilder::new(Config::new().limits(lifted()));
    for (module, template) in [
        ("pages.home", "/"),
        ("pages.one", "/x/<v>"),
        ("pages.two", "/docs/<a>/<b>"),
        (
            "pages.asset",
            "/asset/<asset_id>/department/hello-<dept_id>",
        ),
        ("pages.pair", "/pair/<a>-<b>"),
        ("pages.deep", "/d/a/a/a/<last>"),
    ] {
        b.page(PageSpec::new(module).path_template(template).layout(()));
    }
    b.page(PageSpec::new("pages.not_found_404").path("/404").layout(()));
    b.build().expect("valid pages")
}

/// What a resolution decided, comparable across the two spellings of a path.
fn answer(registry: &Registry<()>, path: &str, query: &str) -> (u16, String, Vec<String>) {
    let r = registry.resolve(path, query);
    let status = r.status();
    match r {
        Resolution::Page(m) => (
            status,
            m.page().module().to_owned(),
            m.variables().map(|(k, v)| format!("{k}={v}")).collect(),
        ),
        Resolution::NotFound(nf) => {
            let page = nf.page_match().map(|m| m.page().module().to_owned());
            (status, page.unwrap_or_default(), Vec::new())
        }
        Resolution::Redirect(r) => (status, r.location().to_owned(), Vec::new()),
        other => (status, format!("{other:?}"), Vec::new()),
    }
}

/// `path` with every `a` written `%61`.
fn escaped(path: &str) -> String {
    path.replace('a', "%61")
}

fn same_answer(path: &str) -> (u16, String, Vec<String>) {
    let registry = registry();
    let plain = answer(&registry, path, "");
    let esc = escaped(path);
    // Past the decoding buffer: the escaped path takes the other way through the matcher.
    assert!(esc.len() > 8 * 1024, "{} bytes", esc.len());
    let other = answer(&registry, &esc, "");
    assert!(
        plain == other,
        "{}-byte path: plain {:?}, escaped {:?}",
        path.len(),
        (plain.0, &plain.1, plain.2.len()),
        (other.0, &other.1, other.2.len()),
    );
    plain
}

#[test]
fn a_megabyte_variable_reads_the_same_plain_and_escaped() {
    let value = "a".repeat(1 << 20);
    let (status, page, vars) = same_answer(&format!("/x/{value}"));
    assert_eq!((status, page.as_str()), (200, "pages.one"));
    assert_eq!(vars, [format!("v={value}")]);
}

#[test]
fn long_variables_inside_segments_read_the_same_plain_and_escaped() {
    let id = "a".repeat(300_000);
    let dept = "ba".repeat(200_000);
    let (status, page, vars) = same_answer(&format!("/asset/{id}/department/hello-{dept}"));
    assert_eq!((status, page.as_str()), (200, "pages.asset"));
    assert_eq!(vars, [format!("asset_id={id}"), format!("dept_id={dept}")]);
}

#[test]
fn a_segment_of_many_dashes_splits_the_same_plain_and_escaped() {
    let segment = "a-".repeat(100_000) + "a";
    let (status, page, vars) = same_answer(&format!("/pair/{segment}"));
    assert_eq!((status, page.as_str()), (200, "pages.pair"));
    // The two values rebuild the segment, whatever the split.
    let [a, b] = &vars[..] else {
        panic!("{} variables", vars.len())
    };
    let (a, b) = (&a["a=".len()..], &b["b=".len()..]);
    assert_eq!(format!("{a}-{b}"), segment);
}

#[test]
fn hundreds_of_thousands_of_segments_miss_the_same_plain_and_escaped() {
    let deep = "/a".repeat(300_000);
    let (status, page, _) = same_answer(&deep);
    assert_eq!((status, page.as_str()), (404, "pages.not_found_404"));
    // A deep path that a route nearly matches, then leaves.
    let (status, _, _) = same_answer(&format!("/d{deep}"));
    assert_eq!(status, 404);
    // And one it matches, its last segment long enough for the escaped path to be scanned.
    let last = "a".repeat(10_000);
    let (status, page, vars) = same_answer(&format!("/d/a/a/a/{last}"));
    assert_eq!((status, page.as_str()), (200, "pages.deep"));
    assert_eq!(vars, [format!("last={last}")]);
}

#[test]
fn a_million_query_fields_are_all_read() {
    let registry = registry();
    let query = "k=a&".repeat(1_000_000) + "k=%61+b";
    let Resolution::Page(m) = registry.resolve("/x/1", &query) else {
        panic!("a page")
    };
    let values: Vec<_> = m.query().get_all("k").collect();
    assert_eq!(values.len(), 1_000_001);
    assert!(values[..1_000_000].iter().all(|v| v == "a"));
    assert_eq!(values[1_000_000], "a b");
    let groups = m.query().grouped();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].1.len(), 1_000_001);
}

#[test]
fn the_default_limits_refuse_what_the_lifted_ones_accept() {
    // The contrast that makes the tests above meaningful: by default these are 414s.
    let mut b = RegistryBuilder::new(Config::new());
    b.page(
        PageSpec::new("pages.one")
            .path_template("/x/<v>")
            .layout(()),
    );
    let registry = b.build().expect("valid pages");
    let long = format!("/x/{}", "a".repeat(9 * 1024));
    assert_eq!(registry.resolve(&long, "").status(), 414);
    assert_eq!(registry.resolve(&"/a".repeat(300), "").status(), 414);
    assert_eq!(registry.resolve("/x/1", &"k&".repeat(1001)).status(), 414);
    assert_eq!(answer(&self::registry(), &long, "").0, 200);
}

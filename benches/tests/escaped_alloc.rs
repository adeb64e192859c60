//! A lookup whose path holds `%` allocates only to decode it (issue 4: no heap allocation
//! per lookup beyond the decoding that a value holding `%` needs), on the GitHub and
//! partial-segment tables and the adversarial bench's registry: escapes in literals, in
//! values, in part of a segment, malformed and non-UTF-8 escapes, `%2F`, segments longer
//! than the walk's small buffer, paths longer than its largest one (limits raised). The
//! walk decodes on the stack; a match whose page has variables keeps a copy of that
//! decoding (one allocation; a path no buffer holds is decoded for it instead), so that
//! nothing is written into a match after it is made (see `Segments` in
//! core/src/resolve.rs) and no value is decoded twice; reading the values allocates
//! nothing more; a plain value is lent from the request.
//!
//! A counting global allocator counts this thread's allocations only, so the harness and
//! other tests cannot disturb the count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use folio_benches::data::{self, Table};
use folio_benches::routers::{BenchRouter, Folio};
use folio_core::{Config, Limits, PageSpec, Registry, RegistryBuilder, Resolution, percent_decode};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; we only count.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // A thread being torn down has no counter left: not counted.
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

/// Resolves `path` and returns the resolution with how many allocations resolving took.
fn resolve_counted<'r, 'p>(
    registry: &'r Registry<usize>,
    path: &'p str,
) -> (Resolution<'r, 'p, usize>, usize) {
    let before = allocations();
    let resolution = registry.resolve(std::hint::black_box(path), "");
    let n = allocations() - before;
    (resolution, n)
}

/// Every byte of `text` written `%XX`.
fn escape_all(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// The first byte of `text` written `%XX`, the rest as is: an escape in part of a
/// segment.
fn escape_first(text: &str) -> String {
    match text.as_bytes().first() {
        Some(&b) if b.is_ascii() => format!("%{b:02x}{}", &text[1..]),
        _ => text.to_owned(),
    }
}

/// `path` with each segment rewritten by `f`.
fn map_segments(path: &str, f: impl Fn(&str) -> String) -> String {
    path.split('/')
        .map(|s| if s.is_empty() { String::new() } else { f(s) })
        .collect::<Vec<_>>()
        .join("/")
}

/// Values with `%` that a variable may hold, and their decoding.
const ODD_VALUES: &[&str] = &[
    "a%2Fb",
    "%zz%4%",
    "100%",
    "%FF%C3",
    "%ED%A0%80",
    "%E2%82",
    "caf%C3%A9",
    "%F0%9F%98%80x",
];

/// A request expected to resolve to `route` with `vars` (decoded).
struct Case {
    path: String,
    route: Option<usize>,
    vars: Vec<(String, String)>,
}

/// Requests holding `%` made from a table's hits and misses.
fn escaped_cases(table: &Table) -> Vec<Case> {
    let mut cases = Vec::new();
    for hit in &table.hits {
        let expect = |path: String| Case {
            path,
            route: Some(hit.route),
            vars: hit.vars.clone(),
        };
        // Every byte of every segment escaped, then the first byte of each.
        cases.push(expect(map_segments(&hit.path, escape_all)));
        cases.push(expect(map_segments(&hit.path, escape_first)));
        // Each value in turn escaped, replaced by an odd value, made long (past the
        // walk's small buffer, and past 4 KiB), both with and without `%` elsewhere.
        for (i, (_, value)) in hit.vars.iter().enumerate() {
            let long = |n: usize| format!("{}%41", "v".repeat(n));
            let mut replacements = vec![escape_all(value), long(300), long(5000)];
            replacements.extend(ODD_VALUES.iter().map(|v| v.to_string()));
            for replacement in replacements {
                let Some(path) = replace_value(&hit.path, value, &replacement) else {
                    continue;
                };
                let mut vars = hit.vars.clone();
                vars[i].1 = percent_decode(&replacement).into_owned();
                cases.push(Case {
                    path,
                    route: Some(hit.route),
                    vars,
                });
            }
        }
    }
    for miss in &table.misses {
        cases.push(Case {
            path: map_segments(miss, escape_all),
            route: None,
            vars: Vec::new(),
        });
    }
    cases
}

/// `path` with the only occurrence of `value` replaced; `None` when `value` occurs
/// more than once (which occurrence is the variable's is then unclear).
fn replace_value(path: &str, value: &str, replacement: &str) -> Option<String> {
    (path.matches(value).count() == 1).then(|| path.replacen(value, replacement, 1))
}

fn registry_of(table: &Table, config: Config) -> Registry<usize> {
    let input = Folio::prepare(&table.routes).expect("folio takes every table");
    let mut b = RegistryBuilder::new(config);
    for (i, (module, t)) in input.iter().enumerate() {
        b.page(PageSpec::new(module).path_template(t).layout(i));
    }
    b.build().expect("the table builds")
}

/// Resolves every case (allocating only to decode the path when the page matched has
/// variables), then checks its answer; reading the values allocates nothing.
fn check_cases(registry: &Registry<usize>, cases: &[Case]) -> usize {
    let mut checked = 0;
    for case in cases {
        let (resolution, n) = resolve_counted(registry, &case.path);
        // The decoded text when the page matched has variables (the walk's, copied; or
        // made for a path longer than the walk's buffers), else nothing.
        let has_values = case.route.is_some() && !case.vars.is_empty();
        assert_eq!(
            n > 0,
            has_values,
            "{}: resolving allocated {n} times",
            case.path
        );
        // A path the walk's largest buffer holds: its decoding is copied, once.
        if has_values && case.path.len() <= 8 * 1024 {
            assert_eq!(n, 1, "{}: resolving allocated {n} times", case.path);
        }
        let got = match &resolution {
            Resolution::Page(m) => Some(*m.page().layout()),
            _ => None,
        };
        assert_eq!(got, case.route, "{}", case.path);
        if let Resolution::Page(m) = &resolution {
            let before = allocations();
            let mut vars = Vec::with_capacity(m.variable_count());
            vars.extend(m.variables());
            // The `Vec` is the test's own allocation (none when there are no values).
            let own = usize::from(!vars.is_empty());
            assert_eq!(
                allocations() - before,
                own,
                "{}: reading allocated",
                case.path
            );
            let vars: Vec<(String, String)> = vars
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            assert_eq!(vars, case.vars, "{}", case.path);
        }
        // The compiled index and the naive reference agree.
        let [fast, reference] = registry.differential_route(&case.path);
        assert_eq!(fast, reference, "{}", case.path);
        checked += 1;
    }
    checked
}

#[test]
fn escaped_requests_allocate_only_to_decode_values() {
    for table in [data::github(), data::inline()] {
        let cases = escaped_cases(&table);
        let registry = registry_of(&table, Config::new());
        let n = check_cases(&registry, &cases);
        assert!(n > 10 * table.hits.len(), "{}: {n} cases", table.name);

        // Limits raised: a path longer than the walk's largest buffer (8 KiB) takes the
        // scan that decodes as it compares; same answers, still no allocation.
        let roomy = Config::new().limits(
            Limits::default()
                .max_path_bytes(1 << 20)
                .max_segments(1 << 16),
        );
        let registry = registry_of(&table, roomy);
        let mut long = Vec::new();
        for hit in &table.hits {
            for (i, (_, value)) in hit.vars.iter().enumerate() {
                let huge = format!("{}%C3%A9", "x".repeat(9000));
                let Some(path) = replace_value(&hit.path, value, &huge) else {
                    continue;
                };
                let mut vars = hit.vars.clone();
                vars[i].1 = percent_decode(&huge).into_owned();
                long.push(Case {
                    path,
                    route: Some(hit.route),
                    vars,
                });
            }
        }
        // More segments than the largest buffer holds.
        long.push(Case {
            path: format!("/{}", ["a%41"; 300].join("/")),
            route: None,
            vars: Vec::new(),
        });
        assert!(check_cases(&registry, &long) > table.hits.len() / 2);
    }
}

#[test]
fn adversarial_requests_allocate_only_to_decode_values() {
    // The adversarial bench's registry (benches/benches/adversarial.rs).
    let mut b = RegistryBuilder::new(Config::new());
    let mut add = |module: String, template: String, id: usize| {
        b.page(PageSpec::new(module).path_template(template).layout(id));
    };
    add("pages.many".into(), "/m/<a>-<b>-<c>-<d>-<e>".into(), 1);
    add(
        "pages.dots".into(),
        "/m/<a>.<b>.<c>.<d>.<e>.<f>.<g>.<h>".into(),
        2,
    );
    add("pages.overlap".into(), "/m/<a>ab<b>ab<c>ab<d>".into(), 3);
    for i in 0..50 {
        add(format!("pages.p{i}"), format!("/m/p{i}-<x>"), 100 + i);
        add(format!("pages.s{i}"), format!("/m/<x>-s{i}"), 200 + i);
    }
    add("pages.normal".into(), "/n/<id>".into(), 4);
    let registry = b.build().expect("the adversarial registry builds");
    // Escaping every byte triples a request: the longest stays under the 8 KiB limit.
    for n in [64, 1024, 2600] {
        let plain = [
            format!("/m/{}x", "-".repeat(n - 1)),
            format!("/m/{}", "-".repeat(n)),
            format!("/m/{}a", "ab".repeat((n - 1) / 2)),
            format!("/m/{}", ".".repeat(n)),
            format!("/m/{}", "-.".repeat(n / 2)),
            format!("/m/p1{}-s", "-".repeat(n - 4)),
            format!("/m/a-b-c-d-{}", "x".repeat(n - 8)),
            format!("/m/a.b.c.d.e.f.g.{}", "x".repeat(n - 14)),
            format!("/m/aabaabaab{}", "x".repeat(n - 9)),
        ];
        let mut paths = vec![format!("/m/{}", "%2D".repeat(n / 3))];
        for p in &plain {
            paths.push(map_segments(p, escape_first));
            paths.push(map_segments(p, escape_all));
        }
        for path in paths {
            let (resolution, allocated) = resolve_counted(&registry, &path);
            // The decoded text when the page has variables, else nothing.
            let has_values = matches!(&resolution, Resolution::Page(m) if m.variable_count() > 0);
            assert_eq!(
                allocated > 0,
                has_values,
                "{path}: resolving allocated {allocated} times"
            );
            // Same answer as the request decoded by hand.
            let decoded = percent_decode(&path).into_owned();
            let plain_answer = registry.resolve(&decoded, "");
            let id = |r: &Resolution<'_, '_, usize>| match r {
                Resolution::Page(m) => Some(*m.page().layout()),
                _ => None,
            };
            assert_eq!(id(&resolution), id(&plain_answer), "{path}");
            let [fast, reference] = registry.differential_route(&path);
            assert_eq!(fast, reference, "{path}");
        }
    }
}

#[test]
fn values_holding_percent_are_decoded_once_and_plain_values_lent() {
    let table = data::inline();
    let registry = registry_of(&table, Config::new());
    // `%` in a literal only: the plain values are lent from the request, and reading them
    // allocates nothing (the path's decoding is made as it resolves).
    let path = "/asset/a-42/depart%6Dent/hello-sales";
    let (resolution, n) = resolve_counted(&registry, path);
    assert_eq!(n, 1, "the walk's decoding, copied once");
    let Resolution::Page(m) = &resolution else {
        panic!("{path} matches")
    };
    let before = allocations();
    let values: Vec<&str> = m.variables().map(|(_, v)| v).collect::<Vec<_>>();
    // The `Vec` above is the test's own allocation: one.
    assert_eq!(allocations() - before, 1);
    assert_eq!(values, ["a-42", "sales"]);
    let range = path.as_bytes().as_ptr_range();
    for v in &values {
        assert!(range.contains(&v.as_ptr()), "{v} is lent from the request");
    }
    // A value holding `%`: decoded (not lent), read any number of times without
    // allocating; the plain value before it is still lent.
    let path = "/asset/a-42/department/hello-sa%6Ces";
    let (resolution, n) = resolve_counted(&registry, path);
    assert_eq!(n, 1, "the walk's decoding, copied once");
    let Resolution::Page(m) = &resolution else {
        panic!("{path} matches")
    };
    let before = allocations();
    let mut values = m.variables();
    let asset = values.next();
    assert_eq!(asset, Some(("asset_id", "a-42")));
    let dept = values.next();
    assert_eq!(dept, Some(("dept_id", "sales")));
    assert_eq!(m.variable("dept_id"), Some("sales"));
    assert_eq!(allocations() - before, 0, "reading allocates nothing");
    let range = path.as_bytes().as_ptr_range();
    assert!(range.contains(&asset.unwrap().1.as_ptr()));
    assert!(
        !range.contains(&dept.unwrap().1.as_ptr()),
        "a decoded value"
    );
}

//! Every router returns the right route and values for every request, and no match for every
//! miss, on every bench table (the same check the bench runs before timing).

use folio_benches::{data, generate, verify};

#[test]
fn every_router_answers_correctly() {
    let github = data::github();
    assert_eq!(github.routes.len(), 130, "GitHub table");
    assert_eq!(github.hits.len(), 130, "one request per GitHub route");
    assert_eq!(github.misses.len(), 16, "GitHub misses");
    let inline = data::inline();
    assert_eq!(inline.routes.len(), 12, "partial-segment table");
    let generated = generate::generated_10k();
    assert_eq!(generated.routes.len(), 10_000);
    assert_eq!(
        generated.routes.iter().filter(|r| r.is_static()).count(),
        4_000
    );

    let report = verify::check_tables(&[&github, &inline, &generated]);
    for line in &report.lines {
        println!("{line}");
    }
    assert!(
        report.errors.is_empty(),
        "wrong answers:\n{}",
        report.errors.join("\n")
    );
}

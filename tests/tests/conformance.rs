//! The conformance vectors as ordinary `cargo test` tests, so CI fails on a regression.
//! Reads `FOLIO_VECTORS` when set (see `folio_conformance::vector_dirs`).

use folio_conformance::{FileReport, Outcome, run_dirs, vector_dirs};

fn failures(reports: &[FileReport]) -> Vec<String> {
    let mut out = Vec::new();
    for r in reports {
        for (id, outcome, _) in &r.cases {
            if let Outcome::Failed { expected, actual } = outcome {
                out.push(format!(
                    "{}/{id}: expected {expected}, got {actual}",
                    r.name
                ));
            }
        }
    }
    out
}

/// Runs the files of `families` found in the vector directories (a `FOLIO_VECTORS` that
/// names only some directories runs only their families; `something_ran` guards against a
/// wrong directory).
fn check(families: &[&str]) {
    let reports = run_dirs(&vector_dirs()).expect("vector directories are readable");
    let selected: Vec<FileReport> = reports
        .into_iter()
        .filter(|r| families.contains(&r.family.as_str()))
        .collect();
    let failed = failures(&selected);
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn dash_foundations() {
    check(&["infer_path", "templates", "query", "order"]);
}

#[test]
fn dash_registry_and_resolver() {
    check(&["resolve", "meta", "validation"]);
}

#[test]
fn streamlit() {
    check(&["page_names", "navigation", "query_params", "widget_state"]);
}

#[test]
fn something_ran() {
    let reports = run_dirs(&vector_dirs()).expect("vector directories are readable");
    let ran: usize = reports.iter().map(|r| r.counts().0 + r.counts().1).sum();
    assert!(ran > 0, "no conformance case ran: is FOLIO_VECTORS right?");
}

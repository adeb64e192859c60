//! `url_for` round-trips through resolution for every page of every conformance scenario
//! that builds (issue 9).

use folio_conformance::{dash, vector_dirs, vector_files};
use folio_core::Resolution;
use serde_json::Value;

#[test]
fn every_page_of_every_scenario() {
    let (mut checked, mut shadowed) = (0, Vec::new());
    for dir in vector_dirs() {
        for file in vector_files(&dir).expect("readable vectors") {
            let data: Value =
                serde_json::from_str(&std::fs::read_to_string(&file).expect("readable"))
                    .expect("JSON");
            if !matches!(
                data["family"].as_str(),
                Some("resolve" | "meta" | "validation")
            ) {
                continue;
            }
            for case in data["cases"].as_array().into_iter().flatten() {
                let Ok(registry) = dash::build(&case["input"]) else {
                    continue;
                };
                for page in registry.pages() {
                    let names: Vec<String> = page
                        .template()
                        .map(|t| t.variables().map(String::from).collect())
                        .unwrap_or_default();
                    let values: Vec<String> =
                        (0..names.len()).map(|i| format!("v {i}/é%")).collect();
                    let vars: Vec<(&str, &str)> = names
                        .iter()
                        .map(String::as_str)
                        .zip(values.iter().map(String::as_str))
                        .collect();
                    let url = registry
                        .url_for(page.module(), &vars, &[("q", "1 2")])
                        .expect("buildable");
                    let (path, query) = url.split_once('?').expect("query kept");
                    match registry.resolve_browser(path, &format!("?{query}")) {
                        Resolution::Page(m) if m.page().module() == page.module() => {
                            let got: Vec<(&str, &str)> = m.variables().collect();
                            assert_eq!(got, vars, "{}: {url}", case["id"]);
                            assert_eq!(m.query().get("q").as_deref(), Some("1 2"));
                        }
                        // A more specific route may claim the same address (POLICY D6): then it
                        // must be a page that is not this one, never a miss or a redirect.
                        Resolution::Page(m) => {
                            shadowed.push(format!("{} -> {}", page.module(), m.page().module()))
                        }
                        other => panic!("{}: {url} resolved to {other:?}", case["id"]),
                    }
                    checked += 1;
                }
            }
        }
    }
    println!("{checked} pages checked, shadowed by a more specific route: {shadowed:?}");
}

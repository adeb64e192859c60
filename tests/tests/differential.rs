//! On every scenario of the vectors, the compiled index and the naive reference matcher pick
//! the same route for every request path and every page path.

use folio_conformance::{dash, vector_dirs, vector_files};
use serde_json::Value;

#[test]
fn index_agrees_with_reference_on_every_scenario() {
    let mut checked = 0;
    for dir in vector_dirs() {
        for file in vector_files(&dir).expect("readable vectors") {
            let text = std::fs::read_to_string(&file).expect("readable file");
            let data: Value = serde_json::from_str(&text).expect("JSON");
            if !matches!(data["family"].as_str(), Some("resolve" | "meta")) {
                continue;
            }
            for case in data["cases"].as_array().into_iter().flatten() {
                let input = &case["input"];
                let Ok(registry) = dash::build(input) else {
                    continue;
                };
                let request = &input["request"];
                let mut paths: Vec<String> =
                    registry.pages().map(|p| p.path().to_string()).collect();
                for v in [&request["url"], &request["pathname"], &input["url"]] {
                    if let Some(s) = v.as_str() {
                        paths.push(s.split(['?', '#']).next().unwrap_or("").to_string());
                    }
                }
                for path in paths {
                    let [fast, naive] = registry.differential_route(&path);
                    assert_eq!(fast, naive, "{}: {path}", case["id"]);
                    checked += 1;
                }
            }
        }
    }
    // A FOLIO_VECTORS without resolve/meta files checks nothing here; the conformance test
    // guards against an empty vectors directory.
    println!("{checked} paths checked");
}

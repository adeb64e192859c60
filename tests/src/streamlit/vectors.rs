//! Runs every public Streamlit vector file through [`super::run`].
//!
//! Directory: env `FOLIO_STREAMLIT_VECTORS`, default
//! `<CARGO_MANIFEST_DIR>/../../shared/conformance/streamlit/spec/public`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
    unsupported: usize,
}

/// The expected value restricted to the family's normative fields.
fn normative(family: &str, expected: &Value) -> Value {
    match (super::normative_fields(family), expected) {
        (Some(fields), Value::Object(m)) => Value::Object(
            m.iter()
                .filter(|(k, _)| fields.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        _ => expected.clone(),
    }
}

#[test]
fn streamlit_public_vectors() {
    let dir = std::env::var_os("FOLIO_STREAMLIT_VECTORS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/conformance/streamlit/spec/public")
        });
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("vector file is readable");
        let doc: Value = serde_json::from_str(&text).expect("vector file is JSON");
        let family = doc["family"]
            .as_str()
            .expect("file has a family")
            .to_string();
        let tally = tallies.entry(family.clone()).or_default();
        for case in doc["cases"].as_array().expect("file has cases") {
            let id = case["id"].as_str().unwrap_or("?");
            if case.get("unsupported").is_some() {
                tally.unsupported += 1;
                continue;
            }
            let expected = normative(&family, &case["expected"]);
            match super::run(&family, case) {
                Ok(actual) if actual == expected => tally.passed += 1,
                Ok(actual) => tally.failed.push(format!(
                    "{id}\n    expected: {expected}\n    actual:   {actual}"
                )),
                Err(e) => tally.failed.push(format!("{id}\n    harness error: {e}")),
            }
        }
    }
    let mut any_failed = false;
    for (family, t) in &tallies {
        println!(
            "{family}: {} passed, {} failed, {} unsupported",
            t.passed,
            t.failed.len(),
            t.unsupported
        );
        for f in &t.failed {
            println!("  FAIL {f}");
        }
        any_failed |= !t.failed.is_empty();
    }
    assert!(!any_failed, "Streamlit vectors failed");
}

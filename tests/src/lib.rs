//! folio-conformance: one data-driven suite for every folio crate.
//!
//! Loads the shared vector files (`FOLIO_VECTORS`, or the public Dash and Streamlit specs),
//! dispatches each file on its `family`, runs folio on every case and compares the result
//! with `expected` as JSON (objects unordered, arrays ordered, numbers by type and value).
//! Cases marked `unsupported` are counted and skipped.

/// The README's Rust examples, run as doc tests so that they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct Readme;

pub mod dash;
pub mod hostile;
pub mod http;
pub mod malformed;
pub mod streamlit;

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The outcome of one case.
#[derive(Debug)]
pub enum Outcome {
    /// folio's result equals `expected`.
    Passed,
    /// folio's result differs.
    Failed {
        /// What the vectors expect.
        expected: Value,
        /// What folio produced (or the harness error).
        actual: Value,
    },
    /// The input cannot be expressed through the Rust API (`unsupported`).
    Unsupported,
}

/// The results of one vector file.
#[derive(Debug)]
pub struct FileReport {
    /// The file stem (`resolve`, `extra_resolve`, ...).
    pub name: String,
    /// The family the file belongs to.
    pub family: String,
    /// `(case id, outcome)` in file order.
    pub cases: Vec<(String, Outcome, Option<Value>)>,
}

impl FileReport {
    /// `(passed, failed, unsupported)`.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for (_, o, _) in &self.cases {
            match o {
                Outcome::Passed => c.0 += 1,
                Outcome::Failed { .. } => c.1 += 1,
                Outcome::Unsupported => c.2 += 1,
            }
        }
        c
    }
}

/// The vector directories: `FOLIO_VECTORS` (a `:`-separated list) when set, otherwise the
/// public Dash and Streamlit specs beside the repository.
pub fn vector_dirs() -> Vec<PathBuf> {
    if let Ok(v) = std::env::var("FOLIO_VECTORS") {
        if !v.is_empty() {
            return std::env::split_paths(&v).collect();
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    vec![
        root.join("../shared/conformance/dash/spec/public"),
        root.join("../shared/conformance/streamlit/spec/public"),
    ]
}

/// Every `*.json` vector file in `dir`, sorted by name.
pub fn vector_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Runs one case of `family`: folio's result in the family's `expected` schema.
pub fn run_case(family: &str, case: &Value) -> Result<Value, String> {
    match family {
        "infer_path" | "templates" | "query" | "order" | "resolve" | "meta" | "validation" => {
            dash::run(family, case)
        }
        "page_names" | "navigation" | "query_params" | "widget_state" => {
            streamlit::run(family, case)
        }
        other => Err(format!("unknown family `{other}`")),
    }
}

/// Runs every case of one vector file.
pub fn run_file(path: &Path) -> Result<FileReport, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let family = file["family"]
        .as_str()
        .ok_or_else(|| format!("{}: no family", path.display()))?
        .to_string();
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut cases = Vec::new();
    let mut scenarios = dash::Scenarios::default();
    for case in file["cases"].as_array().into_iter().flatten() {
        let id = case["id"].as_str().unwrap_or("?").to_string();
        if case.get("unsupported").is_some_and(|u| !u.is_null()) {
            cases.push((id, Outcome::Unsupported, None));
            continue;
        }
        let mut expected = case["expected"].clone();
        let mut actual = actual_for(&family, case, &mut scenarios);
        // Some families carry informational fields beside the normative ones (widget_state's
        // `steps` are derived from its `results`): compare the normative ones only.
        if let Some(fields) = streamlit::normative_fields(&family) {
            expected = restrict(&expected, fields);
            actual = actual.map(|a| restrict(&a, fields));
        }
        let actual = actual.unwrap_or_else(|e| serde_json::json!({ "harness_error": e }));
        let outcome = if actual == expected {
            Outcome::Passed
        } else {
            Outcome::Failed { expected, actual }
        };
        cases.push((id, outcome, case.get("divergence").cloned()));
    }
    Ok(FileReport {
        name,
        family,
        cases,
    })
}

fn actual_for(
    family: &str,
    case: &Value,
    scenarios: &mut dash::Scenarios,
) -> Result<Value, String> {
    match family {
        "resolve" | "meta" => scenarios.run(family, case),
        _ => run_case(family, case),
    }
}

fn restrict(value: &Value, fields: &[&str]) -> Value {
    match value.as_object() {
        Some(obj) if !obj.contains_key("error") => Value::Object(
            fields
                .iter()
                .filter_map(|f| obj.get(*f).map(|v| ((*f).to_string(), v.clone())))
                .collect(),
        ),
        _ => value.clone(),
    }
}

/// Runs every file of every directory.
pub fn run_dirs(dirs: &[PathBuf]) -> Result<Vec<FileReport>, String> {
    let mut reports = Vec::new();
    for dir in dirs {
        for file in vector_files(dir)? {
            reports.push(run_file(&file)?);
        }
    }
    Ok(reports)
}

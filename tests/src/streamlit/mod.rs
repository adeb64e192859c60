//! Streamlit families: page_names, navigation, query_params, widget_state.
//!
//! [`run`] translates one case's `input` to the `folio_core::streamlit` API and renders
//! folio's actual result in the family's `expected` schema (spec/README.md). `Err` means the
//! harness cannot translate the input.

use serde_json::{Map, Value};

mod navigation;
mod page_names;
mod query_params;
mod widget_state;

#[cfg(test)]
mod vectors;

/// Runs one case of a Streamlit family and returns folio's result in that family's
/// `expected` schema.
pub fn run(family: &str, case: &Value) -> Result<Value, String> {
    let input = case.get("input").ok_or("case has no input")?;
    match family {
        "page_names" => page_names::run(input),
        "navigation" => navigation::run(input),
        "query_params" => query_params::run(case, input),
        "widget_state" => widget_state::run(input),
        other => Err(format!("unknown Streamlit family {other:?}")),
    }
}

/// The fields of `expected` that are normative for `family`, when not all of them are.
///
/// `widget_state` cases carry `expected.results` (the result of every lifecycle call: the
/// normative part) and `expected.steps` (a per-scenario-step summary with script events,
/// "informational, derived from the results" per spec/README.md, which needs the scenario
/// DSL interpreter of the Python generator). [`run`] renders `results` only, so a runner
/// should compare just these fields for that family.
pub fn normative_fields(family: &str) -> Option<&'static [&'static str]> {
    match family {
        "widget_state" => Some(&["results"]),
        _ => None,
    }
}

/// `{"kind": K}`.
fn error_kind(kind: &str) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), Value::String(kind.into()));
    Value::Object(m)
}

/// A string field of an object, if present and a string.
fn str_field<'a>(v: &'a Value, key: &str) -> Result<Option<&'a str>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("{key}: expected a string, got {other}")),
    }
}

/// A required string field.
fn req_str<'a>(v: &'a Value, key: &str) -> Result<&'a str, String> {
    str_field(v, key)?.ok_or_else(|| format!("missing string field {key:?}"))
}

/// A list of strings.
fn str_list(v: &Value) -> Result<Vec<String>, String> {
    v.as_array()
        .ok_or_else(|| format!("expected a list of strings, got {v}"))?
        .iter()
        .map(|s| {
            s.as_str()
                .map(String::from)
                .ok_or_else(|| format!("expected a string, got {s}"))
        })
        .collect()
}

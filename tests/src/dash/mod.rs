//! The Dash families: translate a case's `input` to folio's API and render folio's result
//! in the family's `expected` schema (`spec/README.md`).

mod app;
mod responses;

use std::collections::HashMap;

use folio_core::{Query, Template};
use serde_json::{Map, Value, json};

pub use app::{Layout, build, config, page_spec};

/// Runs one case of a family that needs no shared scenario.
pub fn run(family: &str, case: &Value) -> Result<Value, String> {
    let input = &case["input"];
    match family {
        "infer_path" => infer_path(input),
        "templates" => Ok(templates(input)),
        "query" => Ok(query(input)),
        "order" => order(input),
        "validation" => validation(input),
        "resolve" | "meta" => Scenarios::default().run(family, case),
        other => Err(format!("not a Dash family: {other}")),
    }
}

/// Registries built once per distinct (app, pages, assets) of a file (spec/README.md,
/// "Rust harness" 3).
#[derive(Default)]
#[allow(missing_debug_implementations)] // holds registries of closures; nothing to show
pub struct Scenarios {
    built: HashMap<String, Result<folio_core::Registry<Layout>, String>>,
}

impl Scenarios {
    /// Runs a `resolve` or `meta` case, building its scenario on first use.
    pub fn run(&mut self, family: &str, case: &Value) -> Result<Value, String> {
        let input = &case["input"];
        if family == "meta" && case["kind"] == "image_infer_orders" {
            let assets = app::assets(input);
            let module = input["module"].as_str().unwrap_or_default();
            return Ok(json!({ "image": folio_core::infer_image(module, &assets) }));
        }
        let key = serde_json::to_string(&json!([input["app"], input["pages"], input["assets"]]))
            .map_err(|e| e.to_string())?;
        let registry = self
            .built
            .entry(key)
            .or_insert_with(|| build(input).map_err(|e| e.kind().to_string()));
        let registry = match registry {
            Ok(r) => r,
            Err(kind) => return Ok(json!({ "error": { "kind": kind } })),
        };
        let routing_inputs = app::routing_inputs(&input["app"]);
        match family {
            "resolve" => responses::resolve(registry, &routing_inputs, &input["request"]),
            _ => responses::meta(registry, input["url"].as_str().unwrap_or_default()),
        }
    }
}

fn error(kind: &str) -> Value {
    json!({ "error": { "kind": kind } })
}

fn infer_path(input: &Value) -> Result<Value, String> {
    let mut app = input["app"].clone();
    if let (Some(obj), Some(folder)) = (app.as_object_mut(), input.get("pages_folder")) {
        obj.insert("pages_folder".into(), folder.clone());
    }
    let mut page = input["args"].clone();
    if let Some(obj) = page.as_object_mut() {
        obj.insert("module".into(), input["module"].clone());
    }
    let built = build(&json!({ "app": app, "pages": [page] }));
    let registry = match built {
        Ok(r) => r,
        Err(e) => return Ok(error(e.kind())),
    };
    let page = registry.pages().next().ok_or("no page")?;
    let entry = responses::entry(page);
    let mut out = Map::new();
    for key in [
        "path",
        "name",
        "title",
        "description",
        "relative_path",
        "order",
    ] {
        out.insert(key.into(), entry[key].clone());
    }
    out.insert("entry".into(), entry);
    Ok(Value::Object(out))
}

fn templates(input: &Value) -> Value {
    let text = input["template"].as_str().unwrap_or_default();
    let pathname = input["pathname"].as_str().unwrap_or_default();
    let template = match Template::parse(text) {
        Ok(t) => t,
        Err(e) => return json!({ "result": "error", "error": { "kind": e.kind() } }),
    };
    // The pathname is a browser pathname under the prefix `/`: outside it, nothing matches.
    if !pathname.is_empty() && !pathname.starts_with('/') {
        return json!({ "result": "no_match" });
    }
    match template.match_path(pathname) {
        Some(vars) => {
            let variables: Map<String, Value> = vars
                .into_iter()
                .map(|(k, v)| (k.to_string(), Value::String(v.into_owned())))
                .collect();
            json!({ "result": "vars", "variables": variables })
        }
        None => json!({ "result": "no_match" }),
    }
}

fn query(input: &Value) -> Value {
    let search = input["search"].as_str().unwrap_or_default();
    let groups = Query::from_search(search).grouped();
    let keys: Vec<Value> = groups
        .iter()
        .map(|(k, _)| Value::String(k.to_string()))
        .collect();
    let kwargs: Map<String, Value> = groups
        .into_iter()
        .map(|(k, v)| (k.into_owned(), responses::query_value(v)))
        .collect();
    json!({ "kwargs": kwargs, "keys_in_order": keys })
}

fn order(input: &Value) -> Result<Value, String> {
    let registry = match build(&json!({ "app": {}, "pages": input["pages"] })) {
        Ok(r) => r,
        Err(e) => return Ok(error(e.kind())),
    };
    let modules: Vec<Value> = registry.pages().map(|p| json!(p.module())).collect();
    let effective: Map<String, Value> = registry
        .pages()
        .map(|p| (p.module().to_string(), responses::order_value(p.order())))
        .collect();
    Ok(json!({ "modules": modules, "effective_order": effective }))
}

fn validation(input: &Value) -> Result<Value, String> {
    match build(input) {
        Ok(r) => {
            let modules: Vec<Value> = r.pages().map(|p| json!(p.module())).collect();
            Ok(json!({ "ok": true, "registry": modules }))
        }
        Err(e) => Ok(json!({ "ok": false, "error": { "kind": e.kind() } })),
    }
}

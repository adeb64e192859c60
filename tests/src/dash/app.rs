//! Translating `input.app` and `input.pages` (SEMANTICS §0.1) into a folio registry.

use folio_core::{
    BuildError, Config, CustomValue, Order, PageSpec, Registry, RegistryBuilder, Text,
};
use serde_json::Value;

/// The layouts the vectors use: `echo` receives the keyword arguments, `static` none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A function of the page's arguments.
    Echo,
    /// A component that takes no arguments.
    Static,
}

fn text(v: &Value) -> Option<&str> {
    v.as_str()
}

/// `input.app` as a folio configuration.
pub fn config(app: &Value) -> Config {
    let mut c = Config::new();
    if let Some(t) = text(&app["title"]) {
        c = c.title(t);
    }
    if let Some(d) = text(&app["description"]) {
        c = c.description(d);
    }
    if let Some(f) = app.get("pages_folder") {
        c = c.pages_folder(f.as_str().unwrap_or(""));
    }
    if let Some(p) = text(&app["url_base_pathname"]) {
        c = c.url_base_pathname(p);
    }
    if let Some(p) = text(&app["requests_pathname_prefix"]) {
        c = c.requests_pathname_prefix(p);
    }
    if let Some(p) = text(&app["routes_pathname_prefix"]) {
        c = c.routes_pathname_prefix(p);
    }
    if let Some(p) = text(&app["assets_url_path"]) {
        c = c.assets_url_path(p);
    }
    if let Some(p) = text(&app["assets_external_path"]) {
        c = c.assets_external_path(p);
    }
    if app["include_pages_meta"] == Value::Bool(false) {
        c = c.include_pages_meta(false);
    }
    c
}

/// `routing_callback_inputs` as `(kwarg, "component_id.prop")`.
pub(crate) fn routing_inputs(app: &Value) -> Vec<(String, String)> {
    app["routing_callback_inputs"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| {
            (
                k.clone(),
                format!(
                    "{}.{}",
                    v[1].as_str().unwrap_or(""),
                    v[2].as_str().unwrap_or("")
                ),
            )
        })
        .collect()
}

/// The asset file names of `input.assets`.
pub(crate) fn assets(input: &Value) -> Vec<String> {
    input["assets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a.as_str().map(String::from))
        .collect()
}

fn as_text(v: &Value) -> Option<Text> {
    match v {
        Value::String(s) => Some(Text::from(s.as_str())),
        Value::Object(o) => {
            let prefix = o.get("callable")?.as_str()?.to_string();
            Some(Text::computed(move |vars| {
                let mut sorted: Vec<&(&str, &str)> = vars.iter().collect();
                sorted.sort_by(|a, b| a.0.cmp(b.0));
                let args: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("{prefix}({})", args.join(","))
            }))
        }
        _ => None,
    }
}

fn order(v: &Value) -> Option<Order> {
    match v {
        Value::Number(n) if n.is_i64() => n.as_i64().map(Order::Int),
        Value::Number(n) => n.as_f64().map(Order::Float),
        Value::String(s) => Some(Order::Text(s.clone())),
        _ => None,
    }
}

/// One PageSpec of the vectors.
pub fn page_spec(p: &Value) -> PageSpec<'_, Layout> {
    let mut spec = PageSpec::new(p["module"].as_str().unwrap_or_default());
    if let Some(v) = text(&p["path"]) {
        spec = spec.path(v);
    }
    if let Some(v) = text(&p["path_template"]) {
        spec = spec.path_template(v);
    }
    if let Some(v) = text(&p["name"]) {
        spec = spec.name(v);
    }
    if let Some(o) = order(&p["order"]) {
        spec = spec.order(o);
    }
    if let Some(t) = as_text(&p["title"]) {
        spec = spec.title(t);
    }
    if let Some(t) = as_text(&p["description"]) {
        spec = spec.description(t);
    }
    if let Some(v) = text(&p["image"]) {
        spec = spec.image(v);
    }
    if let Some(v) = text(&p["image_url"]) {
        spec = spec.image_url(v);
    }
    for source in p["redirect_from"].as_array().into_iter().flatten() {
        spec = spec.redirect_from(source.as_str().unwrap_or_default());
    }
    for (k, v) in p["extra"].as_object().into_iter().flatten() {
        spec = spec.extra(k, custom_value(v));
    }
    match p["layout"].as_str().unwrap_or("echo") {
        "none" => spec,
        "static" => spec.layout(Layout::Static),
        _ => spec.layout(Layout::Echo),
    }
}

/// Builds `input.app` + `input.pages` (+ `input.assets`).
pub fn build(input: &Value) -> Result<Registry<Layout>, BuildError> {
    let mut builder = RegistryBuilder::new(config(&input["app"]));
    builder.assets(&assets(input));
    for p in input["pages"].as_array().into_iter().flatten() {
        builder.page(page_spec(p));
    }
    builder.build()
}

/// A custom kwarg's JSON value as folio's [`CustomValue`]: integers that fit `i64` stay
/// integers, other numbers are floats (as Python would print them).
fn custom_value(v: &Value) -> CustomValue {
    match v {
        Value::Null => CustomValue::Null,
        Value::Bool(b) => CustomValue::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => CustomValue::Int(i),
            None => CustomValue::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => CustomValue::Text(s.clone()),
        Value::Array(items) => CustomValue::List(items.iter().map(custom_value).collect()),
        Value::Object(entries) => CustomValue::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), custom_value(v)))
                .collect(),
        ),
    }
}

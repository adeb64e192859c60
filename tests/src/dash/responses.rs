//! Rendering folio's decisions in the vectors' `expected` schemas.

use std::borrow::Cow;

use folio_core::{Argument, Order, Page, Registry, Resolution};
use serde_json::{Map, Value, json};

use super::Layout;

/// A query value: a string once, a list when repeated.
pub(crate) fn query_value(mut values: Vec<Cow<'_, str>>) -> Value {
    if values.len() == 1 {
        Value::String(values.remove(0).into_owned())
    } else {
        Value::Array(
            values
                .into_iter()
                .map(|v| Value::String(v.into_owned()))
                .collect(),
        )
    }
}

/// An order as JSON: integers stay integers, floats floats.
pub(crate) fn order_value(order: Option<&Order>) -> Value {
    match order {
        None => Value::Null,
        Some(Order::Int(i)) => json!(i),
        Some(Order::Float(f)) => json!(f),
        Some(Order::Text(t)) => json!(t),
    }
}

/// The registry record under Dash's key names (SEMANTICS 2.14): folio's own `page_registry`
/// serialization, plus the two things only Dash's record has (the layout marker, and
/// `redirect_from` always `None` since Dash keeps redirects in the router).
pub(crate) fn entry(page: &Page<Layout>) -> Value {
    let mut e = serde_json::to_value(page).unwrap_or(Value::Null);
    let layout = if *page.layout() == Layout::Echo {
        "<callable>"
    } else {
        "<component>"
    };
    e["supplied_layout"] = json!(layout);
    e["redirect_from"] = Value::Null;
    e
}

fn render(page: &Page<Layout>, kwargs: Map<String, Value>) -> (Value, Value) {
    match page.layout() {
        Layout::Echo => (json!("echo"), Value::Object(kwargs)),
        Layout::Static => (json!("static"), Value::Null),
    }
}

/// A `resolve` request (callback or http).
pub(crate) fn resolve(
    registry: &Registry<Layout>,
    inputs: &[(String, String)],
    request: &Value,
) -> Result<Value, String> {
    if request["kind"] == "http" {
        let url = request["url"].as_str().unwrap_or_default();
        return Ok(http(registry, url));
    }
    let pathname = request["pathname"].as_str().unwrap_or_default();
    let search = request["search"].as_str().unwrap_or_default();
    let states: Vec<(String, Value)> = inputs
        .iter()
        .map(|(kwarg, id)| {
            (
                kwarg.clone(),
                request["extra_inputs"]
                    .get(id)
                    .cloned()
                    .unwrap_or(Value::Null),
            )
        })
        .collect();
    let resolution = registry.resolve_browser(pathname, search);
    let (m, location) = match &resolution {
        Resolution::Page(m) => (m, None),
        Resolution::Redirect(r) => (r.page(), Some(r.location())),
        Resolution::Rejected(e) => return Err(format!("rejected: {e}")),
        Resolution::NotFound(nf) => {
            let Some(page) = nf.page() else {
                return Ok(
                    json!({ "outcome": "not_found_default", "module": null, "layout": "default_404",
                    "layout_kwargs": null, "title": registry.config().app_title() }),
                );
            };
            let mut kwargs = Map::new();
            for (k, v) in nf.query().grouped() {
                kwargs.insert(k.into_owned(), query_value(v));
            }
            kwargs.extend(states);
            let (layout, kwargs) = render(page, kwargs);
            return Ok(
                json!({ "outcome": "not_found_custom", "module": page.module(), "layout": layout,
                "layout_kwargs": kwargs, "title": nf.title(registry) }),
            );
        }
    };
    let mut kwargs = Map::new();
    for (k, arg) in m.arguments() {
        let v = match arg {
            Argument::One(v) => json!(v),
            Argument::Many(vs) => query_value(vs),
        };
        kwargs.insert(k.into_owned(), v);
    }
    kwargs.extend(states);
    let (layout, kwargs) = render(m.page(), kwargs);
    let mut out = json!({ "outcome": "page", "module": m.page().module(), "layout": layout,
        "layout_kwargs": kwargs, "title": m.title() });
    if let Some(l) = location {
        out["location"] = json!(l);
    }
    Ok(out)
}

fn split_target(url: &str) -> (&str, &str) {
    let url = url.split('#').next().unwrap_or("");
    url.split_once('?').unwrap_or((url, ""))
}

fn http(registry: &Registry<Layout>, url: &str) -> Value {
    let (path, query) = split_target(url);
    match registry.resolve(path, query) {
        Resolution::Page(_) => json!({ "status": 200, "location": null, "body": "index" }),
        Resolution::Redirect(r) => json!({ "status": 301, "location": r.location() }),
        Resolution::NotFound(nf) if nf.is_inside() => {
            json!({ "status": 404, "location": null, "body": "index" })
        }
        Resolution::NotFound(_) => json!({ "status": 404, "location": null }),
        Resolution::Rejected(e) => json!({ "status": e.status(), "location": null }),
    }
}

/// A `meta` request: the index page served for `url`.
pub(crate) fn meta(registry: &Registry<Layout>, url: &str) -> Result<Value, String> {
    let (path, query) = split_target(url);
    let resolution = registry.resolve(path, query);
    let served = match &resolution {
        Resolution::Page(_) => true,
        Resolution::NotFound(nf) => nf.is_inside(),
        Resolution::Redirect(_) | Resolution::Rejected(_) => false,
    };
    if !served {
        return Ok(http(registry, url));
    }
    let head = registry.head(&resolution, "http://localhost", url);
    let mut title = String::new();
    folio_core::write_escaped(&mut title, &head.title).map_err(|e| e.to_string())?;
    let metas: Vec<Value> = head
        .tags()
        .map(|(a, k, v)| json!([[a, k], ["content", v]]))
        .collect();
    Ok(json!({ "status": resolution.status(), "title": title, "metas": metas }))
}

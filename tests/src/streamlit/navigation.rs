//! `navigation`: st.Page / st.navigation / resolution / switch_page / page_link.

use folio_core::streamlit::{
    Expanded, LinkOptions, Navigation, Page, PageError, PageRequest, PageSpec, ParamValue,
    Position, QueryParams, Target, Visibility, encode_link_params, validate_icon,
};
use serde_json::{Map, Value, json};

use super::query_params::param_items;
use super::{error_kind, str_field, str_list};

/// Keys of a PageSpec that only Python can express.
const UNSUPPORTED: [&str; 5] = ["path", "raw_path", "lambda", "partial", "callable_obj"];

/// Translates a PageSpec; the visibility check comes first (G-1).
fn page_spec(v: &Value) -> Result<Result<PageSpec, PageError>, String> {
    if let Some(k) = UNSUPPORTED.iter().find(|k| v.get(**k).is_some()) {
        return Err(format!("unsupported page spec {k:?}"));
    }
    let visibility = match str_field(v, "visibility")? {
        None => Visibility::Visible,
        Some(s) => match Visibility::parse(s) {
            Ok(vis) => vis,
            Err(e) => return Ok(Err(e)),
        },
    };
    let mut spec = if let Some(s) = ["file", "url", "raw"].iter().find_map(|k| v.get(*k)) {
        PageSpec::new(s.as_str().ok_or("page source is not a string")?)
    } else if let Some(s) = ["callable", "raw_callable"].iter().find_map(|k| v.get(*k)) {
        PageSpec::function(s.as_str().ok_or("function path is not a string")?)
    } else {
        return Err(format!("page spec without a source: {v}"));
    };
    spec = spec.visibility(visibility);
    if let Some(t) = str_field(v, "title")? {
        spec = spec.title(t);
    }
    if let Some(i) = str_field(v, "icon")? {
        spec = spec.icon(i);
    }
    if let Some(u) = str_field(v, "url_path")? {
        spec = spec.url_path(u);
    }
    if let Some(h) = str_field(v, "help")? {
        spec = spec.help(h);
    }
    match v.get("default") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => spec = spec.default_page(*b),
        Some(other) => return Err(format!("default: expected a bool, got {other}")),
    }
    Ok(Ok(spec))
}

fn failed(phase: &str, e: PageError) -> Value {
    json!({"error": {"phase": phase, "kind": e.kind()}, "resolutions": []})
}

pub(super) fn run(input: &Value) -> Result<Value, String> {
    let files = match input.get("files_present") {
        Some(v) => str_list(v)?,
        None => Vec::new(),
    };
    // N-1: the position is checked first.
    let position = match input.get("position") {
        None => Position::Sidebar,
        Some(Value::String(s)) => match Position::parse(s) {
            Ok(p) => p,
            Err(e) => return Ok(failed("navigation", e)),
        },
        Some(_) => return Ok(failed("navigation", PageError::InvalidPosition)),
    };
    let expanded = match input.get("expanded") {
        None => Expanded::Flag(false),
        Some(Value::Bool(b)) => Expanded::Flag(*b),
        Some(Value::Number(n)) if n.is_i64() => Expanded::Items(n.as_i64().unwrap_or_default()),
        Some(other) => return Err(format!("unsupported expanded {other}")),
    };
    let sections: Vec<(String, &Value)> = match input.get("pages") {
        Some(Value::Array(_)) => vec![(String::new(), &input["pages"])],
        Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), v)).collect(),
        other => {
            return Err(format!(
                "pages: expected a list or an object, got {other:?}"
            ));
        }
    };
    // Build every page in order, as the Python calls would run.
    let mut built: Vec<Page> = Vec::new();
    let mut builder = Navigation::builder().position(position).expanded(expanded);
    for (name, items) in sections {
        let items = items.as_array().ok_or("section is not a list")?;
        let mut pages = Vec::with_capacity(items.len());
        for item in items {
            let page = if let Some(i) = item.get("same_as") {
                let i = i.as_u64().ok_or("same_as is not an index")? as usize;
                built.get(i).cloned().ok_or("same_as out of range")?
            } else {
                let raw = item.get("raw").is_some() || item.get("raw_callable").is_some();
                let phase = if raw { "navigation" } else { "page" };
                match page_spec(item)?.and_then(|s| s.build(&files)) {
                    Ok(p) => p,
                    Err(e) => return Ok(failed(phase, e)),
                }
            };
            built.push(page.clone());
            pages.push(page);
        }
        builder = builder.section(name, pages);
    }
    let nav = match builder.build(&files) {
        Ok(nav) => nav,
        Err(e) => return Ok(failed("navigation", e)),
    };
    let mut out = Map::new();
    out.insert("error".into(), Value::Null);
    out.insert("sections".into(), json!(nav.sections()));
    out.insert("position".into(), json!(nav.position().as_str()));
    out.insert("expanded".into(), json!(nav.expanded()));
    out.insert("visible_items".into(), json!(nav.visible_items()));
    let pages: Vec<Value> = nav
        .pages()
        .iter()
        .enumerate()
        .map(|(i, p)| {
            json!({
                "section": nav.section_of(i).unwrap_or_default(),
                "title": p.title(),
                "icon": p.icon(),
                "icon_wire": p.icon_wire(),
                "url_pathname": p.public_url_path(),
                "url_path_reserved": p.url_path(),
                "is_default": p.is_default(),
                "is_hidden": p.is_hidden(),
                "external_url": p.external_url(),
                "help": p.help(),
            })
        })
        .collect();
    out.insert("pages".into(), Value::Array(pages));
    out.insert("default_index".into(), json!(nav.default_index()));
    out.insert("resolutions".into(), resolutions(&nav, input)?);
    if input.get("links").is_some() || input.get("switches").is_some() {
        let links = targets(input, "links", |t| page_link(&nav, &files, t))?;
        let switches = targets(input, "switches", |t| switch_page(&nav, &files, t))?;
        out.insert("page_links".into(), links);
        out.insert("switch_pages".into(), switches);
    }
    Ok(Value::Object(out))
}

fn resolutions(nav: &Navigation, input: &Value) -> Result<Value, String> {
    let initial = json!({"initial": true});
    let requests = input
        .get("requests")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let mut out = Vec::new();
    for req in core::iter::once(&initial).chain(requests) {
        // An opaque hash names no page: no url path contains '/' (S5).
        let opaque;
        let request = if let Some(id) = str_field(req, "page_script_hash_of")? {
            PageRequest::Id(id)
        } else if let Some(hash) = str_field(req, "page_script_hash")? {
            opaque = format!("/{hash}");
            PageRequest::Id(&opaque)
        } else if let Some(name) = str_field(req, "page_name")? {
            PageRequest::Name(name)
        } else {
            PageRequest::Root
        };
        let r = nav.resolve(request);
        out.push(json!({
            "request": req,
            "page_index": r.index,
            "page_url_pathname": nav.pages()[r.index].public_url_path(),
            "page_not_found": r.not_found,
        }));
    }
    Ok(Value::Array(out))
}

type Outcome = Result<Value, String>;

fn targets(
    input: &Value,
    key: &str,
    f: impl Fn(&Value) -> Result<Result<Value, String>, String>,
) -> Outcome {
    let list = input
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let mut out = Vec::new();
    for t in list {
        let (result, error) = match f(t)? {
            Ok(v) => (v, Value::Null),
            Err(kind) => (Value::Null, error_kind(&kind)),
        };
        out.push(json!({"target": t, "result": result, "error": error}));
    }
    Ok(Value::Array(out))
}

/// A target's page: the registered page `page_index`, or a fresh page object `new_page`.
enum TargetPage<'a> {
    Registered(&'a Page),
    Fresh(Page),
    Path(&'a str),
}

fn target_page<'a>(
    nav: &'a Navigation,
    files: &[String],
    t: &'a Value,
) -> Result<Result<TargetPage<'a>, String>, String> {
    if let Some(i) = t.get("page_index") {
        let i = i.as_u64().ok_or("page_index is not an index")? as usize;
        return Ok(Ok(TargetPage::Registered(
            nav.pages().get(i).ok_or("page_index out of range")?,
        )));
    }
    if let Some(spec) = t.get("new_page") {
        return Ok(match page_spec(spec)?.and_then(|s| s.build(files)) {
            Ok(p) => Ok(TargetPage::Fresh(p)),
            Err(e) => Err(e.kind().to_string()),
        });
    }
    let s = str_field(t, "path")?
        .or(str_field(t, "url")?)
        .ok_or("target without path, url or page")?;
    Ok(Ok(TargetPage::Path(s)))
}

fn as_target<'a>(tp: &'a TargetPage<'a>) -> Target<'a> {
    match tp {
        TargetPage::Registered(p) => Target::Page(p),
        TargetPage::Fresh(p) => Target::Page(p),
        TargetPage::Path(s) => Target::Path(s),
    }
}

fn page_link(
    nav: &Navigation,
    files: &[String],
    t: &Value,
) -> Result<Result<Value, String>, String> {
    let query_string = match t.get("query_params") {
        None | Some(Value::Null) => String::new(),
        Some(qp) => {
            let (items, is_pairs) = param_items(qp)?;
            match encode_link_params(items, is_pairs) {
                Ok(qs) => qs,
                Err(e) => return Ok(Err(e.kind().into())),
            }
        }
    };
    let options = LinkOptions {
        label: str_field(t, "label")?.map(String::from),
        icon: str_field(t, "icon")?.map(String::from),
        help: str_field(t, "help")?.map(String::from),
    };
    if let Some(icon) = &options.icon {
        if let Err(e) = validate_icon(icon) {
            return Ok(Err(e.kind().into()));
        }
    }
    let tp = match target_page(nav, files, t)? {
        Ok(tp) => tp,
        Err(kind) => return Ok(Err(kind)),
    };
    Ok(match nav.page_link(as_target(&tp), &options) {
        Ok(link) => Ok(json!({
            "page": link.page,
            "page_index": link.page_index,
            "label": link.label,
            "icon": link.icon,
            "help": link.help,
            "external": link.external,
            "query_string": query_string,
        })),
        Err(e) => Err(e.kind().into()),
    })
}

fn switch_page(
    nav: &Navigation,
    files: &[String],
    t: &Value,
) -> Result<Result<Value, String>, String> {
    let tp = match target_page(nav, files, t)? {
        Ok(tp) => tp,
        Err(kind) => return Ok(Err(kind)),
    };
    let index = match nav.switch_page(as_target(&tp)) {
        Ok(i) => i,
        Err(e) => return Ok(Err(e.kind().into())),
    };
    let mut qp = QueryParams::new();
    let params: Option<Vec<(String, ParamValue)>> = match t.get("query_params") {
        None | Some(Value::Null) => None,
        Some(v) => Some(param_items(v)?.0),
    };
    if let Err(e) = qp.switch_page_params(params) {
        return Ok(Err(e.kind().into()));
    }
    Ok(Ok(
        json!({"page_index": index, "query_string": qp.to_query_string()}),
    ))
}

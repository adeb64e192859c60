//! `widget_state`: replays lifecycle calls on one fresh session.

use folio_core::streamlit::{
    Persist, RequestKind, Scope, Session, StateError, Widget, WidgetId, WidgetKey,
};
use serde_json::{Map, Value, json};

use super::{error_kind, req_str, str_field};

fn scope(s: &str) -> Result<Scope, String> {
    match s {
        "app" => Ok(Scope::App),
        _ => s
            .strip_prefix("page:")
            .map(|p| Scope::Page(p.into()))
            .ok_or_else(|| format!("bad scope {s:?}")),
    }
}

fn scope_json(s: &Scope) -> String {
    match s {
        Scope::App => "app".into(),
        Scope::Page(p) => format!("page:{p}"),
    }
}

/// `{scope, key | auto}` → a widget id.
fn widget_id(v: &Value) -> Result<WidgetId, String> {
    let scope = scope(req_str(v, "scope")?)?;
    match (str_field(v, "key")?, str_field(v, "auto")?) {
        (Some(k), _) => Ok(WidgetId::user(scope, k)),
        (None, Some(a)) => Ok(WidgetId::auto(scope, a)),
        (None, None) => Err(format!("widget without key or auto: {v}")),
    }
}

fn widget_id_json(id: &WidgetId) -> Value {
    match &id.key {
        WidgetKey::User(k) => json!({"scope": scope_json(&id.scope), "key": k}),
        WidgetKey::Auto(a) => json!({"scope": scope_json(&id.scope), "auto": a}),
    }
}

fn kind(s: &str) -> Result<RequestKind, String> {
    Ok(match s {
        "nav_click" => RequestKind::NavClick,
        "switch_page" => RequestKind::SwitchPage,
        "rerun" => RequestKind::Rerun,
        "widget_change" => RequestKind::WidgetChange,
        other => return Err(format!("unknown request kind {other:?}")),
    })
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn state_json(s: &Session<Value>) -> Value {
    let mut m = Map::new();
    for (k, v) in s.state() {
        m.insert(k.into(), v.clone());
    }
    Value::Object(m)
}

fn call(s: &mut Session<Value>, c: &Value) -> Result<Result<Value, StateError>, String> {
    Ok(match req_str(c, "call")? {
        "begin_run" => {
            let values = list(c, "values")
                .iter()
                .map(|v| {
                    Ok((
                        widget_id(v)?,
                        v.get("value").cloned().ok_or("value missing")?,
                    ))
                })
                .collect::<Result<Vec<_>, String>>()?;
            let triggers = list(c, "triggers")
                .iter()
                .map(widget_id)
                .collect::<Result<Vec<_>, _>>()?;
            let page = req_str(c, "page")?;
            s.begin_run(page, kind(req_str(c, "kind")?)?, &values, &triggers)
                .map(|changed| json!({"changed": changed.iter().map(widget_id_json).collect::<Vec<_>>()}))
        }
        "widget" => {
            let id = widget_id(c)?;
            let default = c.get("default").cloned().unwrap_or(Value::Null);
            let persist = match str_field(c, "persist")? {
                None => Persist::None,
                Some("page") => Persist::Page,
                Some("session") => Persist::Session,
                Some(other) => return Err(format!("unknown persist {other:?}")),
            };
            let mut w = Widget::new(id, default).persist(persist);
            if c.get("trigger").and_then(Value::as_bool).unwrap_or(false) {
                w = w.trigger(Value::Bool(true));
            }
            s.widget(w).map(|v| json!({"value": v}))
        }
        "set" => {
            let value = c.get("value").cloned().ok_or("set without value")?;
            s.set(req_str(c, "key")?, value).map(|()| json!({}))
        }
        "get" => Ok(match s.get(req_str(c, "key")?) {
            Some(v) => json!({"present": true, "value": v}),
            None => json!({"present": false}),
        }),
        "remove" => s.remove(req_str(c, "key")?).map(|_| json!({})),
        "end_run" => {
            let completed = c
                .get("completed")
                .and_then(Value::as_bool)
                .ok_or("completed missing")?;
            s.end_run(completed)
                .map(|()| json!({"state": state_json(s)}))
        }
        other => return Err(format!("unknown call {other:?}")),
    })
}

pub(super) fn run(input: &Value) -> Result<Value, String> {
    let mut session: Session<Value> = Session::new();
    let mut results = Vec::new();
    for c in list(input, "calls") {
        results.push(match call(&mut session, c)? {
            Ok(v) => v,
            Err(e) => json!({"error": error_kind(e.kind())}),
        });
    }
    Ok(json!({"results": results}))
}

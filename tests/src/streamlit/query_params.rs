//! `query_params`: parsing with limits, the read/write API, switch_page and page_link params.

use folio_core::streamlit::{ParamValue, QueryError, QueryLimits, QueryParams, encode_link_params};
use serde_json::{Map, Value, json};

use super::{error_kind, req_str, str_list};

/// A query-param value: a string, or a list of strings.
fn param_value(v: &Value) -> Result<ParamValue, String> {
    match v {
        Value::String(s) => Ok(ParamValue::One(s.clone())),
        Value::Array(_) => Ok(ParamValue::Many(str_list(v)?)),
        other => Err(format!("unsupported query-param value {other}")),
    }
}

/// Items of a mapping (`{k: v}`) or of a list of pairs (`[[k, v]]`); `true` for pairs.
pub(super) fn param_items(v: &Value) -> Result<(Vec<(String, ParamValue)>, bool), String> {
    match v {
        Value::Object(m) => Ok((
            m.iter()
                .map(|(k, v)| Ok((k.clone(), param_value(v)?)))
                .collect::<Result<_, String>>()?,
            false,
        )),
        Value::Array(pairs) => {
            let items = pairs
                .iter()
                .map(|p| match p.as_array().map(Vec::as_slice) {
                    Some([Value::String(k), v]) => Ok((k.clone(), param_value(v)?)),
                    _ => Err(format!("expected a [key, value] pair, got {p}")),
                })
                .collect::<Result<_, String>>()?;
            Ok((items, true))
        }
        other => Err(format!("unsupported query params {other}")),
    }
}

fn limits(input: &Value) -> Result<QueryLimits, String> {
    let mut limits = QueryLimits::default();
    if let Some(l) = input.get("limits") {
        let get = |k: &str| -> Result<Option<usize>, String> {
            match l.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v
                    .as_u64()
                    .map(|n| Some(n as usize))
                    .ok_or_else(|| format!("bad limit {k}")),
            }
        };
        if let Some(n) = get("max_fields")? {
            limits.max_fields = n;
        }
        if let Some(n) = get("max_bytes")? {
            limits.max_bytes = n;
        }
    }
    Ok(limits)
}

fn value_json(v: &ParamValue) -> Value {
    match v {
        ParamValue::One(s) => json!(s),
        ParamValue::Many(vs) => json!(vs),
    }
}

fn snapshot(qp: &QueryParams) -> Map<String, Value> {
    let mut m = Map::new();
    let stored: Vec<Value> = qp
        .stored()
        .map(|(k, v)| json!([k, value_json(v)]))
        .collect();
    m.insert("stored".into(), Value::Array(stored));
    m.insert("keys".into(), json!(qp.keys().collect::<Vec<_>>()));
    m.insert("len".into(), json!(qp.len()));
    let to_dict: Vec<Value> = qp.to_dict().map(|(k, v)| json!([k, v])).collect();
    m.insert("to_dict".into(), Value::Array(to_dict));
    m.insert("url_query_string".into(), json!(qp.to_query_string()));
    m
}

fn too_large(e: QueryError) -> Value {
    json!({"error": error_kind(e.kind())})
}

pub(super) fn run(case: &Value, input: &Value) -> Result<Value, String> {
    match case.get("kind").and_then(Value::as_str) {
        Some("parse") => parse(case, input),
        Some("parse_summary") => parse_summary(input),
        Some("ops") => ops(input),
        Some("page_link") => page_link(input),
        other => Err(format!("unknown query_params kind {other:?}")),
    }
}

fn probes<'a>(case: &'a Value, key: &str) -> impl Iterator<Item = &'a String> {
    case.get("expected")
        .and_then(|e| e.get(key))
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(Map::keys)
}

fn parse(case: &Value, input: &Value) -> Result<Value, String> {
    let qp = match QueryParams::parse(req_str(input, "query_string")?, &limits(input)?) {
        Ok(qp) => qp,
        Err(e) => return Ok(too_large(e)),
    };
    let mut out = snapshot(&qp);
    let mut getitem = Map::new();
    for p in probes(case, "getitem") {
        let v = match qp.get(p) {
            Ok(v) => json!({"value": v}),
            Err(e) => json!({"error": error_kind(e.kind())}),
        };
        getitem.insert(p.clone(), v);
    }
    let mut get_all = Map::new();
    for p in probes(case, "get_all") {
        get_all.insert(p.clone(), json!(qp.get_all(p)));
    }
    let mut contains = Map::new();
    for p in probes(case, "contains") {
        contains.insert(p.clone(), json!(qp.contains(p)));
    }
    out.insert("getitem".into(), Value::Object(getitem));
    out.insert("get_all".into(), Value::Object(get_all));
    out.insert("contains".into(), Value::Object(contains));
    Ok(Value::Object(out))
}

fn parse_summary(input: &Value) -> Result<Value, String> {
    let mut query = String::new();
    for part in input
        .get("query_string_parts")
        .and_then(Value::as_array)
        .ok_or("missing parts")?
    {
        match part.as_array().map(Vec::as_slice) {
            Some([Value::String(text), Value::Number(n)]) => {
                query.push_str(&text.repeat(n.as_u64().ok_or("bad repeat")? as usize));
            }
            _ => return Err(format!("bad query_string_parts item {part}")),
        }
    }
    let qp = match QueryParams::parse(&query, &limits(input)?) {
        Ok(qp) => qp,
        Err(e) => return Ok(too_large(e)),
    };
    let summary: Vec<Value> = qp
        .stored()
        .filter(|(k, _)| qp.contains(k))
        .map(|(k, v)| {
            json!({
                "key_length": k.chars().count(),
                "key_prefix": k.chars().take(8).collect::<String>(),
                "stored_as_list": matches!(v, ParamValue::Many(_)),
                "n_values": v.as_slice().len(),
                "total_value_length": v.as_slice().iter().map(|s| s.chars().count()).sum::<usize>(),
            })
        })
        .collect();
    Ok(json!({"len": qp.len(), "keys_summary": summary}))
}

fn ops(input: &Value) -> Result<Value, String> {
    let mut qp = QueryParams::parse(req_str(input, "query_string")?, &limits(input)?)
        .map_err(|e| format!("initial query string rejected: {e}"))?;
    let initial = snapshot(&qp);
    let mut steps = Vec::new();
    for op in input
        .get("ops")
        .and_then(Value::as_array)
        .ok_or("missing ops")?
    {
        let args = op.as_array().ok_or("op is not a list")?;
        let name = args
            .first()
            .and_then(Value::as_str)
            .ok_or("op without a name")?;
        let arg = |i: usize| {
            args.get(i)
                .ok_or_else(|| format!("{name}: missing argument {i}"))
        };
        let key = |i: usize| {
            arg(i).and_then(|v| {
                v.as_str()
                    .map(String::from)
                    .ok_or_else(|| "key is not a string".into())
            })
        };
        let outcome: Result<Value, QueryError> = match name {
            "set" | "set_tuple" => {
                let mut v = param_value(arg(2)?)?;
                if let (ParamValue::One(s), "set_tuple") = (&v, name) {
                    v = ParamValue::Many(vec![s.clone()]);
                }
                qp.set(key(1)?, v).map(|()| Value::Null)
            }
            "del" => qp.remove(&key(1)?).map(|_| Value::Null),
            "update_dict" => {
                let mut items = param_items(arg(1)?)?.0;
                if let Some(kw) = args.get(2) {
                    items.extend(param_items(kw)?.0);
                }
                qp.update(items).map(|()| Value::Null)
            }
            "update_pairs" => qp.update(param_items(arg(1)?)?.0).map(|()| Value::Null),
            "from_dict" | "from_pairs" => qp
                .replace_all(param_items(arg(1)?)?.0)
                .map(|()| Value::Null),
            "clear" => {
                qp.clear();
                Ok(Value::Null)
            }
            "get" => qp.get(&key(1)?).map(|v| json!(v)),
            "get_all" => Ok(json!(qp.get_all(&key(1)?))),
            "switch_page_params" => {
                let params = match arg(1)? {
                    Value::Null => None,
                    v => Some(param_items(v)?.0),
                };
                qp.switch_page_params(params).map(|()| Value::Null)
            }
            other => return Err(format!("unknown op {other:?}")),
        };
        let mut step = Map::new();
        step.insert("op".into(), op.clone());
        match outcome {
            Ok(result) => {
                step.insert("error".into(), Value::Null);
                step.insert("result".into(), result);
            }
            Err(e) => {
                step.insert("error".into(), error_kind(e.kind()));
            }
        }
        step.extend(snapshot(&qp));
        steps.push(Value::Object(step));
    }
    Ok(json!({"initial": initial, "steps": steps}))
}

fn page_link(input: &Value) -> Result<Value, String> {
    let (items, is_pairs) = param_items(input.get("query_params").ok_or("missing query_params")?)?;
    Ok(match encode_link_params(items, is_pairs) {
        Ok(qs) => json!({"query_string": qs, "error": null}),
        Err(e) => json!({"query_string": null, "error": error_kind(e.kind())}),
    })
}

//! Property checks shared by the proptest suites (`core/tests/invariants.rs`) and the fuzz
//! targets (`fuzz/`, which include this file with `#[path]`), so that the two can never
//! drift and a fuzz property always compiles with the core's tests.
//!
//! Every check takes plain data, uses only the public API, and returns `Err(description)`
//! when a property fails. The references here (template shape, D6 rank, form decoding)
//! are written from the specification, independently of the core's own code.

#![allow(dead_code, unreachable_pub)]

use std::borrow::Cow;
use std::cmp::Reverse;
use std::fmt::Write as _;

use folio_core::streamlit::{ParamValue, QueryLimits, QueryParams};
use folio_core::{
    Config, Limits, PageSpec, Query, Registry, RegistryBuilder, Resolution, Template, UrlError,
    decode_form, percent_decode,
};

// ---------------------------------------------------------------------------------------
// Templates

/// One part of a template segment, read back from the template's `Display` text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Decoded literal text.
    Lit(String),
    /// A variable, by name.
    Var(String),
}

/// The segments of a template, from its `Display` text: `<name>` is a variable (a literal
/// `<` is written `%3C`), literal text is percent-decoded. The root has no segment.
pub fn shape(template: &Template) -> Vec<Vec<Part>> {
    let text = template.to_string();
    let inner = text.strip_prefix('/').unwrap_or(&text);
    if inner.is_empty() {
        return Vec::new();
    }
    inner
        .split('/')
        .map(|seg| {
            let mut parts = Vec::new();
            let mut rest = seg;
            while let Some(open) = rest.find('<') {
                if open > 0 {
                    parts.push(Part::Lit(percent_decode(&rest[..open]).into_owned()));
                }
                let close = rest[open..].find('>').map_or(rest.len(), |c| open + c);
                parts.push(Part::Var(rest[open + 1..close].to_string()));
                rest = rest.get(close + 1..).unwrap_or("");
            }
            if !rest.is_empty() || parts.is_empty() {
                parts.push(Part::Lit(percent_decode(rest).into_owned()));
            }
            parts
        })
        .collect()
}

/// Percent-encodes everything but ASCII alphanumerics and `-._~`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A request path for `shape`, each segment encoded, variables filled by `value`.
pub fn fill(shape: &[Vec<Part>], value: &dyn Fn(&str) -> String) -> String {
    if shape.is_empty() {
        return "/".into();
    }
    let mut out = String::new();
    for seg in shape {
        out.push('/');
        for part in seg {
            match part {
                Part::Lit(l) => out.push_str(&encode(l)),
                Part::Var(v) => out.push_str(&encode(&value(v))),
            }
        }
    }
    out
}

/// The decoded text of each segment of `shape` filled by `value`.
fn segment_texts(shape: &[Vec<Part>], value: &dyn Fn(&str) -> String) -> Vec<String> {
    shape
        .iter()
        .map(|seg| {
            seg.iter()
                .map(|p| match p {
                    Part::Lit(l) => l.clone(),
                    Part::Var(v) => value(v),
                })
                .collect()
        })
        .collect()
}

/// True when no value of segment `seg` shares a character with the literals between its
/// variables. Then the split of the segment is unique: every literal character of the text
/// must be covered by a matched literal, so each literal run is exactly one literal.
fn unambiguous(seg: &[Part], value: &dyn Fn(&str) -> String) -> bool {
    let first = seg.iter().position(|p| matches!(p, Part::Var(_)));
    let last = seg.iter().rposition(|p| matches!(p, Part::Var(_)));
    let (Some(first), Some(last)) = (first, last) else {
        return true;
    };
    let inner: String = seg[first..=last]
        .iter()
        .filter_map(|p| match p {
            Part::Lit(l) => Some(l.as_str()),
            Part::Var(_) => None,
        })
        .collect();
    seg.iter().all(|p| match p {
        Part::Var(v) => !value(v).chars().any(|c| inner.contains(c)),
        Part::Lit(_) => true,
    })
}

/// Every template the parser accepts: displays to text that parses to an equal template;
/// matches the path generated from it with `values` (cycled over its variables; empty
/// values become `x`), giving back values that rebuild the same path, and exactly the
/// given values wherever the split is unambiguous; a registry serving it resolves that path
/// to the page with the same values; `url_for` builds a URL for unambiguous values that
/// resolves back to them, and refuses values that make a dot segment (`DotSegment`).
pub fn template_round_trip(text: &str, values: &[String]) -> Result<(), String> {
    let Ok(template) = Template::parse(text) else {
        return Ok(());
    };
    let shown = template.to_string();
    if Template::parse(&shown).as_ref() != Ok(&template) {
        return Err(format!(
            "{text:?} displays as {shown:?}, which parses differently"
        ));
    }
    let shape = shape(&template);
    let names: Vec<&str> = template.variables().collect();
    let given = |name: &str| -> String {
        let i = names.iter().position(|n| *n == name).unwrap_or(0);
        match values.get(i % values.len().max(1)) {
            Some(v) if !v.is_empty() => v.clone(),
            _ => "x".into(),
        }
    };
    let path = fill(&shape, &given);
    let Some(got) = template.match_path(&path) else {
        return Err(format!("{shown} does not match its own path {path:?}"));
    };
    let got_names: Vec<&str> = got.iter().map(|(n, _)| *n).collect();
    if got_names != names {
        return Err(format!(
            "{shown} on {path:?}: variables {got_names:?}, want {names:?}"
        ));
    }
    if let Some((n, _)) = got.iter().find(|(_, v)| v.is_empty()) {
        return Err(format!("{shown} on {path:?}: `{n}` is empty"));
    }
    let returned = |name: &str| -> String {
        got.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
            .unwrap_or_default()
    };
    if segment_texts(&shape, &returned) != segment_texts(&shape, &given) {
        return Err(format!(
            "{shown} on {path:?}: values {got:?} do not rebuild the path"
        ));
    }
    for seg in &shape {
        if !unambiguous(seg, &given) {
            continue;
        }
        for part in seg {
            if let Part::Var(v) = part {
                if returned(v) != given(v) {
                    return Err(format!(
                        "{shown} on {path:?}: `{v}` = {:?}, want {:?} (unambiguous)",
                        returned(v),
                        given(v)
                    ));
                }
            }
        }
    }
    // The same template behind a registry.
    if path.len() > 4000 || shape.len() > 200 {
        return Ok(());
    }
    let mut b = RegistryBuilder::new(Config::new());
    b.page(PageSpec::new("pages.t").path_template(text).layout(()));
    let registry = b
        .build()
        .map_err(|e| format!("{text:?}: one template page: {e}"))?;
    match registry.resolve(&path, "") {
        Resolution::Page(m) => {
            let vars: Vec<(&str, &str)> = m.variables().collect();
            let want: Vec<(&str, &str)> = got.iter().map(|(n, v)| (*n, &**v)).collect();
            if vars != want {
                return Err(format!(
                    "{shown} on {path:?}: registry gives {vars:?}, want {want:?}"
                ));
            }
        }
        other => {
            return Err(format!(
                "{shown} on {path:?}: registry answers {}",
                other.status()
            ));
        }
    }
    let pairs: Vec<(&str, String)> = names.iter().map(|n| (*n, given(n))).collect();
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let all_unambiguous = shape.iter().all(|seg| unambiguous(seg, &given));
    // A segment with a variable that comes out `.` or `..` is a dot segment, which a browser
    // removes before it asks (`%2E` in a value is sent as `%252E` and is not one).
    let dot_segment = shape
        .iter()
        .zip(segment_texts(&shape, &given))
        .any(|(seg, text)| {
            seg.iter().any(|p| matches!(p, Part::Var(_))) && matches!(&*text, "." | "..")
        });
    match registry.url_for("pages.t", &pairs, &[]) {
        Ok(url) if dot_segment => {
            return Err(format!(
                "{shown}: url_for {pairs:?} gave {url:?}, which has a dot segment"
            ));
        }
        Ok(url) => match registry.resolve(&url, "") {
            Resolution::Page(m) => {
                let vars: Vec<(&str, &str)> = m.variables().collect();
                if vars != pairs {
                    return Err(format!(
                        "url_for gave {url:?}, which reads back {vars:?}, want {pairs:?}"
                    ));
                }
            }
            other => {
                return Err(format!(
                    "url_for gave {url:?}, which answers {}",
                    other.status()
                ));
            }
        },
        Err(UrlError::DotSegment { .. }) if dot_segment => {}
        Err(UrlError::Ambiguous { .. }) if !all_unambiguous && !dot_segment => {}
        Err(e) => return Err(format!("{shown}: url_for {pairs:?}: {e}")),
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Queries

/// The reference form decoder, written from the WHATWG / Python `parse_qs` rules: `+` is a
/// space, `%` and two hex digits a byte, any other `%` literal, then UTF-8 with U+FFFD for
/// each maximal invalid subpart.
pub fn reference_decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex
                .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if b == b'+' && plus_is_space { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The reference query parser: fields split at `&`, empty ones dropped, each split at its
/// first `=`.
pub fn reference_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|f| !f.is_empty())
        .map(|f| {
            let (k, v) = f.split_once('=').unwrap_or((f, ""));
            (reference_decode(k, true), reference_decode(v, true))
        })
        .collect()
}

fn owned<'a>(it: impl Iterator<Item = (Cow<'a, str>, Cow<'a, str>)>) -> Vec<(String, String)> {
    it.map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// `Query`, `percent_decode` and `decode_form` agree with the reference decoder on `raw`;
/// `grouped`, `get_all` and Streamlit's `QueryParams` agree with `pairs`; `from_search`
/// needs its `?`.
pub fn query_matches_reference(raw: &str) -> Result<(), String> {
    if percent_decode(raw) != reference_decode(raw, false) {
        return Err(format!(
            "percent_decode({raw:?}) = {:?}",
            percent_decode(raw)
        ));
    }
    if decode_form(raw) != reference_decode(raw, true) {
        return Err(format!("decode_form({raw:?}) = {:?}", decode_form(raw)));
    }
    let q = Query::parse(raw);
    let pairs = owned(q.pairs());
    let want = reference_pairs(raw);
    if pairs != want {
        return Err(format!(
            "Query::parse({raw:?}).pairs() = {pairs:?}, want {want:?}"
        ));
    }
    // A key or value is borrowed exactly when its raw text holds nothing to decode.
    let raw_fields = raw.split('&').filter(|f| !f.is_empty());
    for ((key, value), field) in q.pairs().zip(raw_fields) {
        let (raw_key, raw_value) = field.split_once('=').unwrap_or((field, ""));
        for (decoded, raw_text) in [(&key, raw_key), (&value, raw_value)] {
            let plain = !raw_text.contains(['%', '+']);
            if plain != matches!(decoded, Cow::Borrowed(_)) {
                return Err(format!(
                    "Query::parse({raw:?}).pairs(): {raw_text:?} decoded to {decoded:?}"
                ));
            }
        }
    }
    if q.is_empty() != want.is_empty() {
        return Err(format!(
            "Query::parse({raw:?}).is_empty() = {}",
            q.is_empty()
        ));
    }
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (k, v) in &want {
        match groups.iter_mut().find(|(g, _)| g == k) {
            Some((_, vs)) => vs.push(v.clone()),
            None => groups.push((k.clone(), vec![v.clone()])),
        }
    }
    let got: Vec<(String, Vec<String>)> = q
        .grouped()
        .into_iter()
        .map(|(k, vs)| {
            (
                k.into_owned(),
                vs.into_iter().map(Cow::into_owned).collect(),
            )
        })
        .collect();
    if got != groups {
        return Err(format!(
            "Query::parse({raw:?}).grouped() = {got:?}, want {groups:?}"
        ));
    }
    // Streamlit's `st.query_params` is the same `parse_qs`, implemented apart: it groups
    // alike, a key seen once holding one value.
    let unlimited = QueryLimits {
        max_fields: usize::MAX,
        max_bytes: usize::MAX,
    };
    let streamlit = QueryParams::parse(raw, &unlimited).map_err(|e| format!("{e:?}"))?;
    let st: Vec<(String, Vec<String>)> = streamlit
        .stored()
        .map(|(k, v)| (k.to_owned(), v.as_slice().to_vec()))
        .collect();
    let one_is_one = streamlit
        .stored()
        .all(|(_, v)| matches!(v, ParamValue::One(_)) == (v.as_slice().len() == 1));
    if st != groups || !one_is_one {
        return Err(format!(
            "QueryParams::parse({raw:?}).stored() = {st:?}, want {groups:?}"
        ));
    }
    for (k, vs) in groups.iter().take(8) {
        let all: Vec<String> = q.get_all(k).map(Cow::into_owned).collect();
        if &all != vs || q.get(k).as_deref() != vs.first().map(String::as_str) {
            return Err(format!(
                "Query::parse({raw:?}).get_all({k:?}) = {all:?}, want {vs:?}"
            ));
        }
    }
    let searched = Query::from_search(raw);
    let want_raw = raw.strip_prefix('?').unwrap_or("");
    if searched.raw() != want_raw {
        return Err(format!(
            "Query::from_search({raw:?}).raw() = {:?}",
            searched.raw()
        ));
    }
    Ok(())
}

/// `application/x-www-form-urlencoded`, written independently: space `+`, unreserved
/// kept, every other byte `%XX`.
pub fn encode_form(text: &str) -> String {
    encode(text).replace("%20", "+")
}

/// Encoding then decoding gives back the same text and the same pairs: by hand, and
/// through `url_for` then `resolve`.
pub fn query_round_trip(pairs: &[(String, String)]) -> Result<(), String> {
    for (k, v) in pairs {
        for text in [k, v] {
            if percent_decode(&encode(text)) != **text || decode_form(&encode_form(text)) != **text
            {
                return Err(format!("{text:?} does not survive encode → decode"));
            }
        }
    }
    let raw: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_form(k), encode_form(v)))
        .collect();
    let raw = raw.join("&");
    let got = owned(Query::parse(&raw).pairs());
    if got != pairs {
        return Err(format!("{raw:?} decodes to {got:?}, want {pairs:?}"));
    }
    let mut b = RegistryBuilder::new(Config::new().url_base_pathname("/app/"));
    b.page(PageSpec::new("pages.home").path("/").layout(()));
    let registry = b.build().map_err(|e| e.to_string())?;
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let url = registry
        .url_for("pages.home", &[], &refs)
        .map_err(|e| e.to_string())?;
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if Limits::default().check(path, query).is_err() {
        return Ok(());
    }
    match registry.resolve(path, query) {
        Resolution::Page(m) => {
            let got = owned(m.query().pairs());
            if got != pairs {
                return Err(format!(
                    "url_for gave {url:?}, which reads back {got:?}, want {pairs:?}"
                ));
            }
            Ok(())
        }
        other => Err(format!(
            "url_for gave {url:?}, which answers {}",
            other.status()
        )),
    }
}

// ---------------------------------------------------------------------------------------
// Registries

/// One `register_page` call, as plain data.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    /// The module path.
    pub module: String,
    /// `path=`.
    pub path: Option<String>,
    /// `path_template=`.
    pub template: Option<String>,
    /// `redirect_from=`.
    pub redirects: Vec<String>,
    /// `order=`.
    pub order: Option<i64>,
    /// Whether a layout is given.
    pub layout: bool,
}

/// Builds `registrations` under `prefix` (`url_base_pathname`) with the page's index as its
/// layout.
pub fn build(
    registrations: &[Registration],
    prefix: Option<&str>,
) -> Result<Registry<usize>, String> {
    let mut config = Config::new();
    if let Some(p) = prefix {
        config = config.url_base_pathname(p);
    }
    let mut b = RegistryBuilder::new(config);
    for (i, r) in registrations.iter().enumerate() {
        let mut s = PageSpec::new(&r.module);
        if let Some(p) = &r.path {
            s = s.path(p);
        }
        if let Some(t) = &r.template {
            s = s.path_template(t);
        }
        for source in &r.redirects {
            s = s.redirect_from(source);
        }
        if let Some(o) = r.order {
            s = s.order(folio_core::Order::Int(o));
        }
        if r.layout {
            s = s.layout(i);
        }
        b.page(s);
    }
    b.build().map_err(|e| {
        let (kind, text) = (e.kind(), e.to_string());
        if kind.is_empty() || text.is_empty() {
            format!("an error without kind or text: {e:?}")
        } else {
            format!("{kind}: {text}")
        }
    })
}

/// A route's POLICY D6 rank: segment kinds left to right (literal 0, literal with
/// variables 1, variable 2), then more literal characters, then pages before redirects,
/// then registry position, then redirect index. Smaller wins.
type Rank = (Vec<u8>, Reverse<usize>, u8, usize, usize);

fn rank(template: &Template, redirect: Option<usize>, position: usize) -> Rank {
    let shape = shape(template);
    let kinds = shape
        .iter()
        .map(|seg| match seg.as_slice() {
            [Part::Var(_)] => 2,
            s if s.iter().any(|p| matches!(p, Part::Var(_))) => 1,
            _ => 0,
        })
        .collect();
    let chars = shape
        .iter()
        .flatten()
        .map(|p| match p {
            Part::Lit(l) => l.chars().count(),
            Part::Var(_) => 0,
        })
        .sum();
    (
        kinds,
        Reverse(chars),
        u8::from(redirect.is_some()),
        position,
        redirect.unwrap_or(0),
    )
}

/// A page's own routes (POLICY C11): its template and its explicit path, or its path.
fn page_routes<T>(page: &folio_core::Page<T>) -> Vec<Template> {
    match page.template() {
        Some(t) => {
            let mut v = vec![t.clone()];
            if let Some(p) = page.supplied_path() {
                v.push(Template::from_path(p));
            }
            v
        }
        None => vec![Template::from_path(page.path())],
    }
}

/// The reference router: every route of every page, the best D6 rank among those that
/// match `path` (a path under the routes prefix), as `(registry position, redirect index)`.
pub fn reference_route<T>(registry: &Registry<T>, path: &str) -> Option<(usize, Option<usize>)> {
    let base = registry.routes_prefix().trim_end_matches('/');
    let rest = path
        .strip_prefix(base)
        .filter(|r| r.is_empty() || r.starts_with('/'))?;
    let rest = if rest.is_empty() { "/" } else { rest };
    let mut best: Option<(Rank, (usize, Option<usize>))> = None;
    let mut consider = |t: &Template, redirect: Option<usize>, position: usize| {
        if t.match_path(rest).is_some() {
            let r = rank(t, redirect, position);
            if best.as_ref().is_none_or(|(b, _)| r < *b) {
                best = Some((r, (position, redirect)));
            }
        }
    };
    for (position, page) in registry.pages().enumerate() {
        for t in page_routes(page) {
            consider(&t, None, position);
        }
        for (i, source) in page.redirect_from().iter().enumerate() {
            if let Ok(t) = Template::parse(source) {
                consider(&t, Some(i), position);
            }
        }
    }
    best.map(|(_, id)| id)
}

/// A `Location` stays on the site and is a valid header value: one `/` then no `/` or `\`,
/// visible ASCII only, no `\` before the query.
pub fn location_is_safe(location: &str) -> Result<(), String> {
    let path = location.split('?').next().unwrap_or("");
    let on_site = location.starts_with('/')
        && !location[1..].starts_with(['/', '\\'])
        && !path.contains('\\');
    let header_safe = location.bytes().all(|b| b.is_ascii_graphic());
    if on_site && header_safe {
        Ok(())
    } else {
        Err(format!("unsafe Location {location:?}"))
    }
}

/// Checks one request: the compiled index, the core's naive reference and the reference
/// router here pick the same route; a redirect's `Location` is safe and resolves to the
/// page the redirect lands on.
pub fn route_agrees<T>(registry: &Registry<T>, path: &str, query: &str) -> Result<(), String> {
    let want = reference_route(registry, path);
    let [fast, naive] = registry.differential_route(path);
    if fast != want || naive != want {
        return Err(format!(
            "{path:?}: index {fast:?}, core reference {naive:?}, reference {want:?}"
        ));
    }
    match registry.resolve(path, query) {
        Resolution::Redirect(r) => {
            location_is_safe(r.location())?;
            let (p, q) = r.location().split_once('?').unwrap_or((r.location(), ""));
            if registry.requests_prefix() != registry.routes_prefix() {
                return Ok(());
            }
            match registry.resolve(p, q) {
                Resolution::Page(m) if m.page().module() == r.page().page().module() => Ok(()),
                other => Err(format!(
                    "{path:?} redirects to {:?} (page {}), which answers {} {:?}",
                    r.location(),
                    r.page().page().module(),
                    other.status(),
                    match &other {
                        Resolution::Page(m) => m.page().module(),
                        _ => "",
                    }
                )),
            }
        }
        Resolution::Page(_) | Resolution::NotFound(_) | Resolution::Rejected(_) => Ok(()),
    }
}

/// A value for every variable of `template` that shares no character with its literals.
fn neutral_value(template: &Template) -> String {
    let text: String = shape(template)
        .iter()
        .flatten()
        .filter_map(|p| match p {
            Part::Lit(l) => Some(l.as_str()),
            Part::Var(_) => None,
        })
        .collect();
    let c = ['Q', 'Z', 'ж', '☃', '\u{10348}']
        .into_iter()
        .find(|c| !text.contains(*c))
        .unwrap_or('q');
    format!("{c}{c}")
}

/// Any sequence of registrations builds or fails with a described error. When it builds,
/// every page's `url_for` address and every redirect source (filled with neutral values)
/// routes exactly as the reference router says: to the page itself, or to a route that
/// POLICY D6 ranks higher. `requests` are routed too.
pub fn registry_reachability(
    registrations: &[Registration],
    prefix: Option<&str>,
    requests: &[String],
) -> Result<(), String> {
    let registry = match build(registrations, prefix) {
        Ok(r) => r,
        Err(e) if e.starts_with("an error without") => return Err(e),
        Err(_) => return Ok(()),
    };
    let base = registry.routes_prefix().trim_end_matches('/').to_string();
    for (position, page) in registry.pages().enumerate() {
        let template = page.template().filter(|t| !t.is_static());
        let value = template.map(neutral_value).unwrap_or_default();
        let vars: Vec<(&str, &str)> = template
            .into_iter()
            .flat_map(|t| t.variables())
            .map(|n| (n, value.as_str()))
            .collect();
        let url = registry
            .url_for(page.module(), &vars, &[])
            .map_err(|e| format!("url_for({}, {vars:?}): {e}", page.module()))?;
        route_agrees(&registry, &url, "")?;
        let own = reference_route(&registry, &url);
        let Some((winner, redirect)) = own else {
            return Err(format!(
                "{} is unreachable at its own address {url:?}",
                page.module()
            ));
        };
        if winner == position && redirect.is_none() {
            match registry.resolve(&url, "") {
                Resolution::Page(m) if m.page().module() == page.module() => {
                    if template.is_some() && m.variables().collect::<Vec<_>>() != vars {
                        return Err(format!(
                            "{url:?}: variables {:?}, want {vars:?}",
                            m.variables().collect::<Vec<_>>()
                        ));
                    }
                }
                other => {
                    return Err(format!(
                        "{url:?}: {} answers {}",
                        page.module(),
                        other.status()
                    ));
                }
            }
        }
        for source in page.redirect_from() {
            let Ok(t) = Template::parse(source) else {
                return Err(format!(
                    "redirect source {source:?} was accepted but does not parse"
                ));
            };
            let value = neutral_value(&t);
            let path = format!("{base}{}", fill(&shape(&t), &|_| value.clone()));
            route_agrees(&registry, &path, "a=%0D%0A&b=\\")?;
        }
    }
    for request in requests {
        let (path, query) = request.split_once('?').unwrap_or((request, ""));
        route_agrees(&registry, path, query)?;
    }
    Ok(())
}

/// A table of `(text, as_path)` routes (a static path when `as_path` and the text has no
/// `<`, otherwise a template), each page with its own `redirects`; every request, and every
/// route instantiated with `fills`, routes as the reference says.
pub fn differential(
    table: &[(String, bool, Vec<String>)],
    requests: &[String],
    fills: &[String],
) -> Result<(), String> {
    let registrations: Vec<Registration> = table
        .iter()
        .enumerate()
        .map(|(i, (text, as_path, redirects))| Registration {
            module: format!("pages.p{i}"),
            path: (*as_path && !text.contains('<')).then(|| text.clone()),
            template: (!*as_path || text.contains('<')).then(|| text.clone()),
            redirects: redirects.clone(),
            order: None,
            layout: true,
        })
        .collect();
    let Ok(registry) = build(&registrations, None) else {
        return Ok(());
    };
    let mut all: Vec<String> = requests.to_vec();
    for (text, _, redirects) in table {
        for t in std::iter::once(text).chain(redirects) {
            if let Ok(t) = Template::parse(t) {
                let shape = shape(&t);
                all.push(fill(&shape, &|_| "a".into()));
                for f in fills.iter().filter(|f| !f.is_empty()) {
                    all.push(fill(&shape, &|_| f.clone()));
                }
            }
        }
    }
    for request in &all {
        let (path, query) = request.split_once('?').unwrap_or((request, ""));
        route_agrees(&registry, path, query)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Prepared heads

/// A page's head texts and the app's head settings, as plain data. A title or description
/// that holds `{}` is computed: each `{}` is the value of the page's variable.
#[derive(Debug, Clone, Default)]
pub struct HeadCase {
    /// `url_base_pathname` (none: `/`).
    pub prefix: Option<String>,
    /// `assets_external_path`.
    pub assets_external: Option<String>,
    /// `include_pages_meta`.
    pub meta: bool,
    /// The app's title.
    pub app_title: String,
    /// The pages' title.
    pub title: Option<String>,
    /// The pages' description.
    pub description: Option<String>,
    /// The pages' image file name.
    pub image: Option<String>,
}

/// `Registry::prepare_head` takes any page texts without a panic, and declines a page only
/// when a fixed text holds the characters it marks its holes with (`\0`, `\1`); what a
/// prepared head writes for a request to its page (`write_match`) is what `write_head`
/// writes for it, byte for byte, for any origin and raw target, and it writes nothing
/// (`None`) exactly for an empty origin or one that ends with `/`. Two pages carry the texts,
/// `/p/<v>` and `/s`; each request is tried as given and under the routes prefix.
pub fn prepared_head_agrees(
    case: &HeadCase,
    requests: &[String],
    origins: &[String],
) -> Result<(), String> {
    let mut config = Config::new()
        .title(&case.app_title)
        .include_pages_meta(case.meta);
    if let Some(p) = &case.prefix {
        config = config.url_base_pathname(p);
    }
    if let Some(a) = &case.assets_external {
        config = config.assets_external_path(a);
    }
    let text = |t: &str| -> folio_core::Text {
        if !t.contains("{}") {
            return t.into();
        }
        let t = t.to_owned();
        folio_core::Text::computed(move |v| t.replace("{}", v.first().map_or("", |(_, x)| x)))
    };
    let mut b = RegistryBuilder::new(config);
    for (module, template) in [("pages.p", "/p/<v>"), ("pages.s", "/s")] {
        let mut spec = PageSpec::new(module).path_template(template).layout(());
        if let Some(t) = &case.title {
            spec = spec.title(text(t));
        }
        if let Some(d) = &case.description {
            spec = spec.description(text(d));
        }
        if let Some(i) = &case.image {
            spec = spec.image(i);
        }
        b.page(spec);
    }
    // A configuration the builder refuses is the registry checks' business.
    let Ok(registry) = b.build() else {
        return Ok(());
    };
    let marks = |s: &str| s.contains(['\u{0}', '\u{1}']);
    let fixed_texts_hold_marks = [&case.title, &case.description, &case.image]
        .into_iter()
        .flatten()
        .any(|t| marks(t))
        || marks(&case.app_title)
        || case.prefix.as_deref().is_some_and(marks)
        || case.assets_external.as_deref().is_some_and(marks);
    let base = registry.routes_prefix().trim_end_matches('/').to_owned();
    for request in requests
        .iter()
        .flat_map(|r| [r.clone(), format!("{base}{r}")])
    {
        let (path, query) = request.split_once('?').unwrap_or((&request, ""));
        let query = query.split('#').next().unwrap_or("");
        let resolution = registry.resolve(path, query);
        let Resolution::Page(m) = &resolution else {
            continue;
        };
        let Some(prepared) = registry.prepare_head(m.page()) else {
            if fixed_texts_hold_marks {
                continue;
            }
            return Err(format!(
                "{request:?}: no prepared head, and no text holds a mark"
            ));
        };
        for origin in origins {
            let mut fast = String::new();
            let wrote = prepared.write_match(m, origin, &request, &mut fast);
            let declines = origin.is_empty() || origin.ends_with('/');
            match (wrote, declines) {
                (None, true) if fast.is_empty() => {}
                (Some(Ok(())), false) => {
                    let mut made = String::new();
                    registry
                        .write_head(&resolution, origin, &request, &mut made)
                        .map_err(|e| format!("write_head: {e}"))?;
                    if fast != made {
                        return Err(format!(
                            "{request:?} from {origin:?}: prepared\n{fast}\nwrite_head\n{made}"
                        ));
                    }
                }
                (wrote, _) => {
                    return Err(format!(
                        "{request:?} from {origin:?}: wrote {wrote:?} ({fast:?})"
                    ));
                }
            }
        }
    }
    Ok(())
}

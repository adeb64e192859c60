//! The HTTP conformance suite shared by the server adapters: every `http`-kind case of
//! `resolve` / `extra_resolve` and every `meta` / `extra_meta` case (but
//! `image_infer_orders`) is sent to a real server over a real socket, and the status,
//! `Location`, `<title>` and meta tags parsed from the served HTML are compared with
//! `expected`.
//!
//! An adapter supplies one closure: given a built registry (payloads [`Layout`]), start a
//! server on 127.0.0.1 and return its address (with a guard that stops it when dropped).
//! The suite does the rest with a small blocking HTTP/1.1 client ([`send`], [`get`]),
//! which adapters can also use for their own tests.
//!
//! A target with bytes that clients must percent-encode (`<`, `>`, a backtick in the path,
//! `"` in the query, controls, space: RFC 3986, and what the WHATWG URL parser encodes)
//! cannot reach an adapter built on the `http` crate, which answers it with 400. Such a
//! case is sent twice: raw, where any 4xx is accepted (never a 5xx), and in the form a
//! browser sends, with the same bytes encoded in the expected `twitter:url` and
//! `Location` (percent-decoding gives the same path and query, so nothing else changes).
//! [`SuiteReport::browser_form`] counts them.
//!
//! The server must: serve the app's index page (its shell, containing `index_marker`) for
//! pages and for unknown addresses inside the app; answer addresses outside the app
//! without the shell; use `http://` + the `Host` header as the origin of `twitter:url`
//! and image URLs (the client sends `Host: localhost`).

use std::any::Any;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use folio_core::Registry;
use serde_json::{Value, json};

use crate::dash::{Layout, build};
use crate::{FileReport, Outcome, vector_files};

/// A running server: its address, and whatever keeps it alive (dropped to stop it).
pub struct Server {
    addr: SocketAddr,
    _guard: Box<dyn Any>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// A server listening on `addr`, stopped when `guard` is dropped.
    pub fn new(addr: SocketAddr, guard: impl Any) -> Self {
        Server {
            addr,
            _guard: Box::new(guard),
        }
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

/// The results of the suite: one report per vector file, and how many cases went through
/// a server (the others expect a build error, checked without one).
#[derive(Debug, Default)]
pub struct SuiteReport {
    /// Per file, the cases the suite ran.
    pub files: Vec<FileReport>,
    /// Cases sent to a server.
    pub replayed: usize,
    /// Cases whose scenario does not build (compared with the expected error kind).
    pub build_errors: usize,
    /// Cases whose raw target was refused with a 4xx and that were replayed as a browser
    /// sends them.
    pub browser_form: usize,
}

impl SuiteReport {
    /// `(passed, failed, unsupported)` over all files.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.files
            .iter()
            .map(FileReport::counts)
            .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2))
    }

    /// One line per file, then every failure with both sides.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for file in &self.files {
            let (p, f, u) = file.counts();
            out.push_str(&format!(
                "{}: {p} passed, {f} failed, {u} unsupported\n",
                file.name
            ));
            for (id, outcome, divergence) in &file.cases {
                if let Outcome::Failed { expected, actual } = outcome {
                    let d = divergence
                        .as_ref()
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default();
                    out.push_str(&format!(
                        "  FAILED {id}{d}\n    expected: {expected}\n    actual:   {actual}\n"
                    ));
                }
            }
        }
        out
    }
}

/// The vector files the suite runs, found in `dirs`: `resolve`, `extra_resolve`, `meta`,
/// `extra_meta`.
pub fn suite_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for dir in dirs {
        for file in vector_files(dir)? {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if matches!(
                stem.as_str(),
                "resolve" | "extra_resolve" | "meta" | "extra_meta"
            ) {
                out.push(file);
            }
        }
    }
    Ok(out)
}

/// Runs the suite over `dirs`. `serve` starts a server for a registry; it is called once
/// per distinct scenario.
pub fn run<F>(dirs: &[PathBuf], index_marker: &str, mut serve: F) -> Result<SuiteReport, String>
where
    F: FnMut(Registry<Layout>) -> Result<Server, String>,
{
    let mut report = SuiteReport::default();
    let mut servers: HashMap<String, Result<Server, String>> = HashMap::new();
    for path in suite_files(dirs)? {
        let file = read_json(&path)?;
        let family = file["family"].as_str().unwrap_or_default().to_string();
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut cases = Vec::new();
        for (case, url) in http_cases(&file, &family) {
            let input = &case["input"];
            let id = case["id"].as_str().unwrap_or("?").to_string();
            if case.get("unsupported").is_some_and(|u| !u.is_null()) {
                cases.push((id, Outcome::Unsupported, None));
                continue;
            }
            let key =
                serde_json::to_string(&json!([input["app"], input["pages"], input["assets"]]))
                    .map_err(|e| e.to_string())?;
            let server = servers.entry(key).or_insert_with(|| match build(input) {
                Ok(registry) => serve(registry),
                Err(e) => Err(e.kind().to_string()),
            });
            let mut expected = case["expected"].clone();
            let actual = match (server, url) {
                (Err(kind), _) => {
                    report.build_errors += 1;
                    json!({ "error": { "kind": kind } })
                }
                (Ok(server), Some(url)) => {
                    report.replayed += 1;
                    match get(server.addr(), url) {
                        Ok(response) if response.status == 400 && browser_form(url) != url => {
                            report.browser_form += 1;
                            encode_expected(&mut expected);
                            match get(server.addr(), &browser_form(url)) {
                                Ok(response) => observe(&family, &response, index_marker),
                                Err(e) => json!({ "client_error": e.to_string() }),
                            }
                        }
                        Ok(response) => observe(&family, &response, index_marker),
                        Err(e) => json!({ "client_error": e.to_string() }),
                    }
                }
                (Ok(_), None) => json!({ "harness_error": "case without url" }),
            };
            let outcome = if actual == expected {
                Outcome::Passed
            } else {
                Outcome::Failed { expected, actual }
            };
            cases.push((id, outcome, case.get("divergence").cloned()));
        }
        report.files.push(FileReport {
            name,
            family,
            cases,
        });
    }
    Ok(report)
}

/// The cases of a vector file that the suite sends to a server, with their URL.
fn http_cases<'a>(
    file: &'a Value,
    family: &'a str,
) -> impl Iterator<Item = (&'a Value, Option<&'a str>)> {
    file["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(move |case| {
            let input = &case["input"];
            match family {
                "resolve" if input["request"]["kind"] == "http" => {
                    Some((case, input["request"]["url"].as_str()))
                }
                "meta" if case["kind"] != "image_infer_orders" => {
                    Some((case, input["url"].as_str()))
                }
                _ => None,
            }
        })
}

/// What [`compare`] found.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Requests sent to both servers (a case whose raw target was refused by either is
    /// also sent in browser form, and counted twice).
    pub requests: usize,
    /// Of those, the ones both answered with the app shell (the whole bodies compared).
    pub shell_pages: usize,
    /// Cases whose scenario does not build (no server).
    pub build_errors: usize,
    /// Every difference: case, target, both sides.
    pub differences: Vec<String>,
}

/// What two servers must agree on, byte for byte: the status, the `Location` header, the
/// raw `<title>` element and the raw `<meta ...>` tags (in order), whether the app shell
/// (`index_marker`) was served, and, when it was, the whole body.
fn fingerprint(response: &Response, index_marker: &str) -> (Value, Option<String>) {
    let body = &response.body;
    let mut tags = Vec::new();
    let mut rest = body.as_str();
    while let Some(i) = rest.find("<meta") {
        rest = &rest[i..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        tags.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    let served = body.contains(index_marker);
    let fp = json!({
        "status": response.status,
        "location": response.header("location"),
        "title": title(body),
        "metas": tags,
        "shell": served,
    });
    (fp, served.then(|| body.clone()))
}

/// Sends every request of the suite (every http-kind `resolve` case and every `meta`
/// case, raw and, where either server refuses the raw target with a 4xx, in browser form)
/// to two servers of the same registry, and compares their answers (see `fingerprint`):
/// the proof that two adapters behave alike. `serve_a` and `serve_b` are called once per
/// distinct scenario.
pub fn compare<A, B>(
    dirs: &[PathBuf],
    index_marker: &str,
    mut serve_a: A,
    mut serve_b: B,
) -> Result<Comparison, String>
where
    A: FnMut(Registry<Layout>) -> Result<Server, String>,
    B: FnMut(Registry<Layout>) -> Result<Server, String>,
{
    let mut out = Comparison::default();
    let mut servers: HashMap<String, Option<(Server, Server)>> = HashMap::new();
    for path in suite_files(dirs)? {
        let file = read_json(&path)?;
        let family = file["family"].as_str().unwrap_or_default().to_string();
        for (case, url) in http_cases(&file, &family) {
            let id = case["id"].as_str().unwrap_or("?");
            let (Some(url), false) = (url, case.get("unsupported").is_some_and(|u| !u.is_null()))
            else {
                continue;
            };
            let input = &case["input"];
            let key =
                serde_json::to_string(&json!([input["app"], input["pages"], input["assets"]]))
                    .map_err(|e| e.to_string())?;
            if !servers.contains_key(&key) {
                let pair = match (build(input), build(input)) {
                    (Ok(a), Ok(b)) => Some((serve_a(a)?, serve_b(b)?)),
                    _ => None,
                };
                servers.insert(key.clone(), pair);
            }
            let Some((a, b)) = &servers[&key] else {
                out.build_errors += 1;
                continue;
            };
            let mut targets = vec![url.to_string()];
            let mut i = 0;
            while i < targets.len() {
                let target = targets[i].clone();
                i += 1;
                out.requests += 1;
                let ra = get(a.addr(), &target).map_err(|e| format!("{id}: {target}: {e}"))?;
                let rb = get(b.addr(), &target).map_err(|e| format!("{id}: {target}: {e}"))?;
                let refused =
                    |r: &Response| (400..500).contains(&r.status) && !r.body.contains(index_marker);
                if i == 1 && (refused(&ra) || refused(&rb)) && browser_form(url) != url {
                    targets.push(browser_form(url));
                }
                let (fa, ba) = fingerprint(&ra, index_marker);
                let (fb, bb) = fingerprint(&rb, index_marker);
                if fa != fb {
                    out.differences
                        .push(format!("{id} {target:?}:\n    a: {fa}\n    b: {fb}"));
                } else if ba != bb {
                    out.differences
                        .push(format!("{id} {target:?}: same head, different documents"));
                } else if ba.is_some() {
                    out.shell_pages += 1;
                }
            }
        }
    }
    Ok(out)
}

/// A request target as a browser sends it: the bytes the `http` crate refuses
/// percent-encoded (in the path `<`, `>`, a backtick; in the query also `"`; anywhere
/// controls, space and DEL). Everything else, `%` escapes included, is kept.
pub fn browser_form(target: &str) -> String {
    let mut out = String::with_capacity(target.len());
    let mut in_query = false;
    for c in target.chars() {
        let encode = match c {
            '?' => {
                in_query = true;
                false
            }
            '<' | '>' => true,
            '`' => !in_query,
            '"' => in_query,
            c => c.is_ascii_control() || c == ' ',
        };
        if encode {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The expected `Location` and `twitter:url` of a case replayed in browser form.
fn encode_expected(expected: &mut Value) {
    if let Some(location) = expected["location"].as_str() {
        expected["location"] = json!(browser_form(location));
    }
    for meta in expected["metas"].as_array_mut().into_iter().flatten() {
        if meta[0][1] == "twitter:url" {
            if let Some(url) = meta[1][1]
                .as_str()
                .and_then(|u| u.strip_prefix("http://localhost"))
            {
                meta[1][1] = json!(format!("http://localhost{}", browser_form(url)));
            }
        }
    }
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A response in the `expected` schema of `family`.
fn observe(family: &str, response: &Response, index_marker: &str) -> Value {
    let served = response.body.contains(index_marker);
    if family == "meta" && served {
        return json!({
            "status": response.status,
            "title": title(&response.body).unwrap_or_default(),
            "metas": metas(&response.body),
        });
    }
    let mut out = json!({ "status": response.status, "location": response.header("location") });
    if family == "resolve" && served {
        out["body"] = json!("index");
    }
    out
}

/// A response as the client read it.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The headers, names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// The body (de-chunked), lossily decoded as UTF-8.
    pub body: String,
}

impl Response {
    /// The first value of a header (`name` lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `GET target` with `Host: localhost`, the target sent byte for byte as given.
pub fn get(addr: SocketAddr, target: &str) -> io::Result<Response> {
    let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    send(addr, request.as_bytes())
}

/// Sends raw bytes on a new connection and reads the response until the server closes it
/// (10 s timeout). A connection closed without a status line is an error.
pub fn send(addr: SocketAddr, request: &[u8]) -> io::Result<Response> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(request)?;
    let mut raw = Vec::new();
    // A server may reset the connection after answering a request it refused to read.
    if let Err(e) = stream.read_to_end(&mut raw) {
        if raw.is_empty() {
            return Err(e);
        }
    }
    parse_response(&raw)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no HTTP response"))
}

fn parse_response(raw: &[u8]) -> Option<Response> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"))
    {
        body = dechunk(&body)?;
    }
    Some(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size + 2..)?;
    }
}

/// The text of the first `<title>` element, exactly as served (still escaped).
pub fn title(html: &str) -> Option<String> {
    let start = html.find("<title>")? + "<title>".len();
    let len = html[start..].find("</title>")?;
    Some(html[start..start + len].to_string())
}

/// The page-level meta tags (`name="description"`, `twitter:*`, `og:*`) in document
/// order, as `[[attr, key], ["content", value]]` with the value unescaped.
pub fn metas(html: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<meta") {
        rest = &rest[i + 5..];
        let end = rest.find('>').unwrap_or(rest.len());
        let attrs = attributes(&rest[..end]);
        rest = &rest[end..];
        let Some((attr, key)) = attrs.iter().find(|(n, _)| n != "content") else {
            continue;
        };
        let page_level = (attr == "name" && key == "description")
            || (attr == "property" && (key.starts_with("twitter:") || key.starts_with("og:")));
        if !page_level {
            continue;
        }
        let content = attrs
            .iter()
            .find(|(n, _)| n == "content")
            .map(|(_, v)| v.as_str())
            .unwrap_or_default();
        out.push(json!([[attr, key], ["content", content]]));
    }
    out
}

/// `name="value"` pairs of a tag's inside, values unescaped.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_end_matches('/');
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return out;
        }
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let Some(after_eq) = rest.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        let after_eq = after_eq.trim_start();
        let (value, tail) = match after_eq.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &after_eq[1..];
                let close = body.find(q).unwrap_or(body.len());
                (&body[..close], body.get(close + 1..).unwrap_or(""))
            }
            _ => {
                let end = after_eq.find(char::is_whitespace).unwrap_or(after_eq.len());
                (&after_eq[..end], &after_eq[end..])
            }
        };
        out.push((name, unescape(value)));
        rest = tail;
    }
}

/// Decodes the character references HTML escaping produces (`&amp; &lt; &gt; &quot;
/// &#x27; &#39;` and any numeric reference).
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_title_and_page_level_metas() {
        let html = "<head><meta charset=\"utf-8\"><title>A &amp; B</title>\n\
            <meta name=\"description\" content=\"x &lt;y&gt; &#x27;z&#x27;\">\n\
            <meta property=\"og:title\" content=\"T\">\n<meta name=\"viewport\" content=\"w\"></head>";
        assert_eq!(title(html).as_deref(), Some("A &amp; B"));
        assert_eq!(
            metas(html),
            vec![
                json!([["name", "description"], ["content", "x <y> 'z'"]]),
                json!([["property", "og:title"], ["content", "T"]]),
            ]
        );
    }

    #[test]
    fn dechunks_bodies() {
        let raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        let r = parse_response(raw).unwrap();
        assert_eq!((r.status, r.body.as_str()), (200, "abcde"));
    }

    #[test]
    fn browser_form_encodes_only_what_clients_must() {
        assert_eq!(
            browser_form("/a<b>`\"?x=<b>&q=\"`%20"),
            "/a%3Cb%3E%60\"?x=%3Cb%3E&q=%22`%20"
        );
        assert_eq!(browser_form("/caf%C3%A9?a=1"), "/caf%C3%A9?a=1");
    }

    #[test]
    fn unescape_leaves_bare_ampersands() {
        assert_eq!(unescape("a & b &amp; &#60; &bogus;"), "a & b & < &bogus;");
    }
}

//! The hostile-input suite (issue 8), shared by the core and every server adapter: raw
//! request targets from `tests/hostile/hostile.json`, each with the statuses folio may
//! answer, and one checker that every response must pass, whoever produced it.
//!
//! An adapter serves [`registry`] (payloads [`Layout`], the same as the HTTP conformance
//! suite), sends each case's [`Case::target`] byte for byte, and hands what it read to
//! [`run`]:
//!
//! ```
//! use folio_conformance::hostile::{self, Via};
//! // A server adapter sends `case.target` over a socket (see `malformed::hostile_inputs`);
//! // here the core answers, through the same checker.
//! let registry = hostile::registry();
//! let report = hostile::run(Via::Core, |case| Ok(hostile::core_observe(&registry, &case.target)));
//! assert!(report.failures.is_empty(), "{}", report.summary());
//! ```
//!
//! [`core_observe`] is the core's side: `Registry::resolve`, the `Location`, and the escaped
//! head HTML as the body.

use folio_core::{Registry, Resolution};
use serde_json::Value;

use crate::dash::{Layout, build};

const DATA: &str = include_str!("../hostile/hostile.json");

/// Who answered: the core alone, or a server (which may refuse a target that HTTP forbids
/// with any 4xx before folio sees it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// `Registry::resolve` + `head`, through [`core_observe`].
    Core,
    /// A real server over a socket.
    Server,
}

/// One hostile request and what folio may answer.
#[derive(Debug, Clone)]
pub struct Case {
    /// Names what it attacks.
    pub id: String,
    /// The raw request target (path and query), to be sent byte for byte.
    pub target: String,
    /// The statuses folio may answer.
    pub status: Vec<u16>,
    /// The exact `Location`, for a redirect.
    pub location: Option<String>,
    /// The page title, unescaped, for a served page.
    pub title: Option<String>,
    /// The target holds bytes HTTP forbids (controls, space, `"`, `<`, `\`, non-ASCII): a
    /// server may refuse it with any 4xx.
    pub refusable: bool,
}

/// A response as seen by whoever sent the request.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    /// The status code.
    pub status: u16,
    /// The headers, `(name, value)`; names compared case-insensitively.
    pub headers: Vec<(String, String)>,
    /// The body, lossily decoded as UTF-8.
    pub body: String,
}

/// The outcome of the suite.
#[derive(Debug, Default)]
pub struct Report {
    /// Cases that passed.
    pub passed: usize,
    /// Cases a server refused with a 4xx (passed, counted apart).
    pub refused: usize,
    /// `(case id, why)` for each failure.
    pub failures: Vec<(String, String)>,
}

impl Report {
    /// `N passed, N failed` and every failure.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "hostile: {} passed ({} refused by the server), {} failed\n",
            self.passed,
            self.refused,
            self.failures.len()
        );
        for (id, why) in &self.failures {
            let why: String = why.chars().take(400).collect();
            out.push_str(&format!("  FAILED {id}: {why}\n"));
        }
        out
    }
}

/// The app the cases are written for, in the vectors' format (`app`, `pages`).
pub fn input() -> Value {
    data()["input"].clone()
}

/// The app built: what an adapter serves.
pub fn registry() -> Registry<Layout> {
    // The fixture is part of the suite: it builds, or the suite itself is broken.
    build(&input()).expect("the hostile fixture app builds")
}

/// Every case, targets expanded.
pub fn cases() -> Vec<Case> {
    data()["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| Case {
            id: c["id"].as_str().unwrap_or("?").to_string(),
            target: target(&c["target"]),
            status: c["status"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_u64().map(|s| s as u16))
                .collect(),
            location: c["location"].as_str().map(String::from),
            title: c["title"].as_str().map(String::from),
            refusable: c["refusable"].as_bool().unwrap_or(false),
        })
        .collect()
}

/// The substrings no response body may contain: they appear only if markup from the URL
/// or the page metadata went out unescaped.
pub fn forbidden() -> Vec<String> {
    data()["forbidden"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(String::from))
        .collect()
}

/// Runs every case: `send` produces the response to a case.
pub fn run(via: Via, mut send: impl FnMut(&Case) -> Result<Observed, String>) -> Report {
    let forbidden = forbidden();
    let mut report = Report::default();
    for case in cases() {
        let result = send(&case).and_then(|observed| {
            case.check_with(via, &observed, &forbidden)?;
            Ok(observed.status)
        });
        match result {
            Ok(status) if via == Via::Server && !case.status.contains(&status) => {
                report.passed += 1;
                report.refused += 1;
            }
            Ok(_) => report.passed += 1,
            Err(why) => report.failures.push((case.id.clone(), why)),
        }
    }
    report
}

/// What the core answers to a raw target: the status, a `Location` for a redirect, and the
/// escaped head (`<title>` and meta tags, origin `http://localhost`) as the body.
pub fn core_observe<T>(registry: &Registry<T>, target: &str) -> Observed {
    let without_fragment = target.split('#').next().unwrap_or("");
    let (path, query) = without_fragment
        .split_once('?')
        .unwrap_or((without_fragment, ""));
    let resolution = registry.resolve(path, query);
    let mut observed = Observed {
        status: resolution.status(),
        ..Observed::default()
    };
    if let Resolution::Redirect(r) = &resolution {
        observed
            .headers
            .push(("location".into(), r.location().into()));
    }
    if !matches!(resolution, Resolution::Rejected(_)) {
        let head = registry.head(&resolution, "http://localhost", target);
        // Writing to a String cannot fail.
        let _ = head.write_html(&mut observed.body);
    }
    observed
}

impl Case {
    /// Checks a response against this case and the suite's forbidden substrings.
    pub fn check(&self, via: Via, observed: &Observed) -> Result<(), String> {
        self.check_with(via, observed, &forbidden())
    }

    fn check_with(
        &self,
        via: Via,
        observed: &Observed,
        forbidden: &[String],
    ) -> Result<(), String> {
        let status = observed.status;
        let refused = via == Via::Server && self.refusable && (400..500).contains(&status);
        if !self.status.contains(&status) && !refused {
            return Err(format!("status {status}, want one of {:?}", self.status));
        }
        for (name, value) in &observed.headers {
            if value.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)) {
                return Err(format!("header {name}: {value:?} holds CR, LF or NUL"));
            }
            if name.eq_ignore_ascii_case("x-injected") {
                return Err(format!("injected header {name}: {value:?}"));
            }
        }
        let location = observed
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("location"))
            .map(|(_, v)| v.as_str());
        match location {
            Some(l) => location_is_safe(l)?,
            None if (300..400).contains(&status) => {
                return Err(format!("{status} without Location"));
            }
            None => {}
        }
        if refused {
            return Ok(());
        }
        if let Some(want) = &self.location {
            if location != Some(want.as_str()) {
                return Err(format!("Location {location:?}, want {want:?}"));
            }
        }
        let body = &observed.body;
        if let Some(bad) = forbidden.iter().find(|f| body.contains(f.as_str())) {
            return Err(format!("body holds {bad:?} unescaped"));
        }
        if let Some(start) = body.find("<title>") {
            let rest = &body[start + "<title>".len()..];
            let Some(end) = rest.find("</title>") else {
                return Err("unterminated <title>".into());
            };
            let raw = &rest[..end];
            if raw.contains(['<', '>', '"', '\'']) {
                return Err(format!("title {raw:?} is not escaped"));
            }
            if let Some(want) = &self.title {
                if (200..300).contains(&status) || status == 404 {
                    let got = unescape(raw);
                    if &got != want {
                        return Err(format!("title {got:?}, want {want:?}"));
                    }
                }
            }
        } else if self.title.is_some() && status != 301 {
            return Err("no <title> in the body".into());
        }
        let mut rest = body.as_str();
        while let Some(i) = rest.find("<meta") {
            rest = &rest[i + 5..];
            let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
            if tag.contains('<') || tag.matches('"').count() % 2 == 1 {
                return Err(format!("meta tag <meta{tag}> is broken open"));
            }
        }
        Ok(())
    }
}

/// A `Location` stays on the site and is a valid header value: it starts with one `/` not
/// followed by `/` or `\`, holds visible ASCII only, and no `\` before its query.
pub fn location_is_safe(location: &str) -> Result<(), String> {
    let path = location.split('?').next().unwrap_or("");
    let on_site = location.starts_with('/')
        && !location[1..].starts_with(['/', '\\'])
        && !path.contains('\\');
    if on_site && location.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(())
    } else {
        Err(format!("unsafe Location {location:?}"))
    }
}

fn data() -> Value {
    // The data file is compiled in: a syntax error fails every test that loads it.
    serde_json::from_str(DATA).expect("tests/hostile/hostile.json is valid JSON")
}

fn target(spec: &Value) -> String {
    match spec {
        Value::String(s) => s.clone(),
        _ => {
            let text = |k: &str| spec[k].as_str().unwrap_or("");
            let times = spec["times"].as_u64().unwrap_or(0) as usize;
            format!(
                "{}{}{}",
                text("prefix"),
                text("repeat").repeat(times),
                text("suffix")
            )
        }
    }
}

/// Decodes the references HTML escaping produces (`&amp; &lt; &gt; &quot; &#x27;` and any
/// numeric reference).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest.find(';').filter(|&s| s <= 10);
        let decoded = semi.and_then(|s| {
            let entity = &rest[1..s];
            match entity {
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
            }
        });
        match (decoded, semi) {
            (Some(c), Some(s)) => {
                out.push(c);
                rest = &rest[s + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

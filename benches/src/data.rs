//! Route tables and requests: parsing templates and loading `../shared/bench-data/`.
//!
//! Template syntax: a path of `/`-separated segments; a segment is either static text or holds
//! exactly one variable, written `{name}` (the syntax of the shared files) or `<name>` (folio's
//! syntax), with optional static text before and after it inside the segment
//! (`/images/img-{id}.png`). A variable never matches an empty string.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One `/`-separated segment of a route template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Static text; matches a path segment byte for byte (may be empty for a trailing `/`).
    Static(String),
    /// A variable with optional static text around it inside the same segment.
    Var {
        /// Static text before the variable inside the segment (`img-` in `img-{id}.png`).
        prefix: String,
        /// Name of the variable.
        name: String,
        /// Static text after the variable inside the segment (`.png` in `img-{id}.png`).
        suffix: String,
    },
}

impl Segment {
    /// True for a variable with static text in the same segment (a "partial segment").
    pub fn is_partial(&self) -> bool {
        matches!(self, Segment::Var { prefix, suffix, .. } if !prefix.is_empty() || !suffix.is_empty())
    }
}

/// A parsed route template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The template as written in the data file.
    pub template: String,
    /// The segments after the leading `/`.
    pub segments: Vec<Segment>,
}

impl Route {
    /// Parses a template such as `/repos/{owner}/{repo}` or `/hello-<dept_id>`.
    pub fn parse(template: &str) -> Result<Route, String> {
        let rest = template
            .strip_prefix('/')
            .ok_or_else(|| format!("template {template:?} does not start with '/'"))?;
        let mut segments = Vec::new();
        for raw in rest.split('/') {
            segments.push(parse_segment(raw).map_err(|e| format!("template {template:?}: {e}"))?);
        }
        Ok(Route {
            template: template.to_owned(),
            segments,
        })
    }

    /// True if the route has no variable.
    pub fn is_static(&self) -> bool {
        self.segments
            .iter()
            .all(|s| matches!(s, Segment::Static(_)))
    }

    /// True if some segment mixes static text and a variable.
    pub fn has_partial(&self) -> bool {
        self.segments.iter().any(Segment::is_partial)
    }

    /// Renders the template with each variable written by `var(name)`.
    ///
    /// `render(|n| format!("{{{n}}}"))` gives matchit syntax, `render(|n| format!(":{n}"))`
    /// path-tree syntax, and so on.
    pub fn render(&self, mut var: impl FnMut(&str) -> String) -> String {
        let mut out = String::new();
        for seg in &self.segments {
            out.push('/');
            match seg {
                Segment::Static(s) => out.push_str(s),
                Segment::Var {
                    prefix,
                    name,
                    suffix,
                } => {
                    let _ = write!(out, "{prefix}{}{suffix}", var(name));
                }
            }
        }
        out
    }
}

fn parse_segment(raw: &str) -> Result<Segment, String> {
    let open = raw.find(['{', '<']);
    let Some(open) = open else {
        if raw.contains(['}', '>']) {
            return Err(format!("unbalanced variable in segment {raw:?}"));
        }
        return Ok(Segment::Static(raw.to_owned()));
    };
    let close_ch = if raw.as_bytes()[open] == b'{' {
        '}'
    } else {
        '>'
    };
    let close = raw[open..]
        .find(close_ch)
        .map(|i| i + open)
        .ok_or_else(|| format!("unterminated variable in segment {raw:?}"))?;
    let name = &raw[open + 1..close];
    let suffix = &raw[close + 1..];
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(format!("bad variable name {name:?}"));
    }
    if suffix.contains(['{', '<', '}', '>']) || raw[..open].contains(['}', '>']) {
        return Err(format!("more than one variable in segment {raw:?}"));
    }
    Ok(Segment::Var {
        prefix: raw[..open].to_owned(),
        name: name.to_owned(),
        suffix: suffix.to_owned(),
    })
}

/// A request with its expected answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Request path (no query).
    pub path: String,
    /// Index of the route that must match.
    pub route: usize,
    /// Expected variables, in template order.
    pub vars: Vec<(String, String)>,
}

/// A route table with one request per route and some misses.
#[derive(Debug, Clone)]
pub struct Table {
    /// Short name (`github`, `inline`, `generated`).
    pub name: &'static str,
    /// The routes; a route's id is its index.
    pub routes: Vec<Route>,
    /// Requests that must match, with expected answers.
    pub hits: Vec<Request>,
    /// Paths that must not match any route.
    pub misses: Vec<String>,
}

/// Directory holding the shared data: `$FOLIO_BENCH_DATA`, else `<repo>/../shared/bench-data`.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FOLIO_BENCH_DATA") {
        return PathBuf::from(dir);
    }
    // CARGO_MANIFEST_DIR = <repo>/benches
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
        .join("shared")
        .join("bench-data")
}

fn read(name: &str) -> String {
    let path = data_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read bench data {}: {e} (set FOLIO_BENCH_DATA)",
            path.display()
        )
    })
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Parses a routes file: one template per non-comment line; the route id is the line's index.
pub fn parse_routes(text: &str) -> Vec<Route> {
    lines(text)
        .map(|l| Route::parse(l.trim()).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// Parses a requests file: `route_id<TAB>path<TAB>name=value;name=value` per line.
pub fn parse_requests(text: &str) -> Vec<Request> {
    lines(text)
        .map(|l| {
            let mut cols = l.split('\t');
            let route = cols.next().and_then(|c| c.trim().parse().ok());
            let path = cols.next();
            let (Some(route), Some(path)) = (route, path) else {
                panic!("bad request line {l:?}")
            };
            let vars = cols
                .next()
                .unwrap_or("")
                .split(';')
                .filter(|kv| !kv.is_empty())
                .map(|kv| {
                    let (k, v) = kv
                        .split_once('=')
                        .unwrap_or_else(|| panic!("bad variable {kv:?} in {l:?}"));
                    (k.to_owned(), v.to_owned())
                })
                .collect();
            Request {
                path: path.to_owned(),
                route,
                vars,
            }
        })
        .collect()
}

/// Parses a misses file: one path per non-comment line.
pub fn parse_misses(text: &str) -> Vec<String> {
    lines(text).map(|l| l.trim().to_owned()).collect()
}

/// Loads `<name>_routes.txt`, `<name>_requests.txt` and `<name>_misses.txt`.
pub fn load_table(name: &'static str) -> Table {
    Table {
        name,
        routes: parse_routes(&read(&format!("{name}_routes.txt"))),
        hits: parse_requests(&read(&format!("{name}_requests.txt"))),
        misses: parse_misses(&read(&format!("{name}_misses.txt"))),
    }
}

/// The 130-route GitHub API table.
pub fn github() -> Table {
    load_table("github")
}

/// The 12-route partial-segment table.
pub fn inline() -> Table {
    load_table("inline")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_syntaxes() {
        let a = Route::parse("/asset/{asset_id}/department/hello-{dept_id}").unwrap();
        let b = Route::parse("/asset/<asset_id>/department/hello-<dept_id>").unwrap();
        assert_eq!(a.segments, b.segments);
        assert!(a.has_partial());
        assert_eq!(
            a.render(|n| format!(":{n}")),
            "/asset/:asset_id/department/hello-:dept_id"
        );
        let t = Route::parse("/repos/{owner}/{repo}/milestones/").unwrap();
        assert_eq!(t.segments.last(), Some(&Segment::Static(String::new())));
        assert_eq!(
            t.render(|n| format!("{{{n}}}")),
            "/repos/{owner}/{repo}/milestones/"
        );
        assert!(Route::parse("/a/{x}{y}").is_err());
        assert!(Route::parse("a").is_err());
    }
}

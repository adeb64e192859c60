//! End-of-run summary: criterion's median estimates, per lookup / route / decode, as markdown.

use std::fmt::Write as _;
use std::path::Path;
use std::time::SystemTime;

/// What ran and what was excluded in this run.
#[derive(Debug, Default)]
pub(crate) struct Context {
    /// `(scenario, column, units per iteration)`.
    ran: Vec<(&'static str, &'static str, f64)>,
    /// `(scenario, column, reason)`.
    excluded: Vec<(&'static str, &'static str, String)>,
}

impl Context {
    pub(crate) fn ran(&mut self, scenario: &'static str, column: &'static str, units: f64) {
        self.ran.push((scenario, column, units));
    }

    pub(crate) fn excluded(&mut self, scenario: &'static str, column: &'static str, why: String) {
        eprintln!("[{scenario}] {column} excluded: {why}");
        self.excluded.push((scenario, column, why));
    }
}

const ROUTING_ROWS: [(&str, &str); 6] = [
    ("github_hits", "GitHub 130 routes, hits (ns/lookup)"),
    ("github_static", "GitHub static paths only (ns/lookup)"),
    ("github_misses", "GitHub misses, 404 (ns/lookup)"),
    ("inline_hits", "partial-segment routes, hits (ns/lookup)"),
    (
        "generated_10k_hits",
        "10,000 generated routes (40 % static), hits (ns/lookup)",
    ),
    (
        "generated_10k_build",
        "build, per route, 10,000 routes (ns/route)",
    ),
];
const ROUTING_PEERS: [&str; 6] = [
    "matchit",
    "wayfind",
    "path-tree",
    "xitca-router",
    "actix-router",
    "route-recognizer",
];
const ROUTING_EXTRA: [&str; 1] = ["hashbrown"];

const QUERY_ROWS: [(&str, &str); 3] = [
    ("query_short", "query decode: short (ns/decode)"),
    ("query_10_params", "query decode: 10 params (ns/decode)"),
    (
        "query_percent_heavy",
        "query decode: percent-heavy (ns/decode)",
    ),
];
const QUERY_PEERS: [&str; 3] = [
    "form_urlencoded",
    "serde_urlencoded (&str)",
    "serde_urlencoded (String)",
];

fn median_ns(dir: &Path, scenario: &str, column: &str, since: SystemTime) -> Option<f64> {
    let file = dir
        .join(scenario)
        .join(column)
        .join("new")
        .join("estimates.json");
    let fresh = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= since);
    if !fresh {
        return None;
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn fmt_ns(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn table(
    out: &mut String,
    ctx: &Context,
    dir: &Path,
    since: SystemTime,
    rows: &[(&str, &str)],
    peers: &[&str],
    extra: &[&str],
) {
    let mut header = String::from("| scenario |");
    for p in peers.iter().chain(extra) {
        let _ = write!(header, " {p} |");
    }
    header.push_str(" folio | best peer | folio / best peer |");
    let _ = writeln!(out, "{header}");
    let _ = writeln!(out, "|{}", "---|".repeat(peers.len() + extra.len() + 4));
    for (id, title) in rows {
        let value = |col: &str| -> Option<f64> {
            let units = ctx.ran.iter().find(|(s, c, _)| s == id && *c == col)?.2;
            median_ns(dir, id, col, since).map(|ns| ns / units)
        };
        let cell = |col: &str| -> String {
            match value(col) {
                Some(v) => fmt_ns(v),
                None if col == "folio"
                    && ctx
                        .excluded
                        .iter()
                        .any(|(s, c, w)| s == id && *c == col && w.starts_with("pending")) =>
                {
                    "pending".into()
                }
                None if ctx.excluded.iter().any(|(s, c, _)| s == id && *c == col) => {
                    "excluded".into()
                }
                None if ctx.ran.iter().any(|(s, c, _)| s == id && *c == col) => {
                    "no estimate".into()
                }
                None => "—".into(),
            }
        };
        let mut line = format!("| {title} |");
        for p in peers.iter().chain(extra) {
            let _ = write!(line, " {} |", cell(p));
        }
        let best = peers
            .iter()
            .filter_map(|p| value(p).map(|v| (v, *p)))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let _ = write!(line, " {} |", cell("folio"));
        match best {
            Some((v, p)) => {
                let _ = write!(line, " {p} {} |", fmt_ns(v));
            }
            None => line.push_str(" — |"),
        }
        match (value("folio"), best) {
            (Some(f), Some((b, _))) => {
                let _ = write!(line, " {:.2} |", f / b);
            }
            _ => line.push_str(" pending |"),
        }
        let _ = writeln!(out, "{line}");
    }
}

/// Prints the summary and writes it to `<dir>/folio-summary.md`.
pub(crate) fn print(ctx: &Context, dir: &Path, since: SystemTime) {
    let mut out = String::new();
    let _ = writeln!(out, "## Routing (criterion median)\n");
    table(
        &mut out,
        ctx,
        dir,
        since,
        &ROUTING_ROWS,
        &ROUTING_PEERS,
        &ROUTING_EXTRA,
    );
    let _ = writeln!(out, "\n## Query decoding (criterion median)\n");
    table(&mut out, ctx, dir, since, &QUERY_ROWS, &QUERY_PEERS, &[]);
    let excluded: Vec<_> = ctx
        .excluded
        .iter()
        .filter(|(_, c, _)| *c != "folio")
        .collect();
    if !excluded.is_empty() {
        let _ = writeln!(out, "\n## Excluded\n");
        for (s, c, why) in excluded {
            let _ = writeln!(out, "- {s} / {c}: {why}");
        }
    }
    println!("\n{out}");
    let file = dir.join("folio-summary.md");
    if std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&file, &out))
        .is_ok()
    {
        println!("(written to {})", file.display());
    }
}

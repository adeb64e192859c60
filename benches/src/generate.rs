//! Deterministic generator for the large table (10,000 routes, 40 % static).
//!
//! Shape: 1 to 7 segments (mostly 3 to 5); the first segment is one of 24 top-level namespaces,
//! later segments come from a 122-word vocabulary with a skew towards the first words (so that
//! routes share prefixes as real APIs do) or are variables. Variable names are derived from the
//! preceding static segment (`/users/{users_id}`), so two routes that share a prefix also agree
//! on the variable name at the same position (matchit-style routers require that).
//!
//! Requests: one per route. Variable values always start with an ASCII digit and static words
//! never do, so a value never equals a static word; hence a request generated from route `R`
//! matches only `R` and routes that are strictly more general than `R` at some positions, and
//! the most specific route, `R`, is the expected answer under every peer's static-first rule.
//! The [`crate::reference`] matcher re-checks that for every request.

use std::collections::HashSet;

use crate::data::{Request, Route, Segment, Table};
use crate::reference::Reference;

/// xorshift64* — small, fast, deterministic; good enough for table shapes.
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    /// A generator from a non-zero seed.
    pub fn new(seed: u64) -> Self {
        XorShift(seed.max(1))
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform-ish in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 32) as usize) % n
    }

    /// Skewed towards small values: the smaller of two draws.
    pub fn skewed(&mut self, n: usize) -> usize {
        self.below(n).min(self.below(n))
    }
}

/// The seed of the bench table.
pub const SEED: u64 = 0x5EED_F011_0000_0004;

const TOP: &[&str] = &[
    "api",
    "admin",
    "v1",
    "v2",
    "v3",
    "internal",
    "public",
    "static",
    "account",
    "accounts",
    "billing",
    "shop",
    "store",
    "cms",
    "docs",
    "auth",
    "oauth",
    "dashboard",
    "reports",
    "search",
    "media",
    "assets",
    "hooks",
    "graph",
];

const WORDS: &[&str] = &[
    "users",
    "orders",
    "items",
    "products",
    "comments",
    "posts",
    "settings",
    "profile",
    "teams",
    "projects",
    "invoices",
    "payments",
    "events",
    "files",
    "images",
    "tags",
    "labels",
    "members",
    "roles",
    "permissions",
    "sessions",
    "tokens",
    "keys",
    "logs",
    "metrics",
    "alerts",
    "notifications",
    "messages",
    "threads",
    "channels",
    "groups",
    "organizations",
    "repos",
    "branches",
    "commits",
    "releases",
    "builds",
    "deployments",
    "environments",
    "pipelines",
    "jobs",
    "artifacts",
    "packages",
    "versions",
    "downloads",
    "uploads",
    "exports",
    "imports",
    "reports",
    "charts",
    "dashboards",
    "widgets",
    "pages",
    "articles",
    "categories",
    "collections",
    "favorites",
    "followers",
    "following",
    "likes",
    "reviews",
    "ratings",
    "carts",
    "checkout",
    "shipments",
    "addresses",
    "customers",
    "vendors",
    "suppliers",
    "warehouses",
    "inventory",
    "prices",
    "discounts",
    "coupons",
    "plans",
    "subscriptions",
    "usage",
    "quotas",
    "limits",
    "regions",
    "zones",
    "clusters",
    "nodes",
    "pods",
    "services",
    "volumes",
    "snapshots",
    "backups",
    "restores",
    "schedules",
    "tasks",
    "workflows",
    "steps",
    "runs",
    "attempts",
    "history",
    "audit",
    "activity",
    "feed",
    "stats",
    "summary",
    "details",
    "preview",
    "thumbnail",
    "avatar",
    "cover",
    "status",
    "health",
    "config",
    "schema",
    "templates",
    "themes",
    "locales",
    "translations",
    "search",
    "suggest",
    "export",
    "archive",
    "restore",
    "merge",
    "clone",
    "share",
];

fn var_name(prev: Option<&Segment>, taken: &[String], pos: usize) -> String {
    let base = match prev {
        Some(Segment::Static(w)) => format!("{}_id", w.replace('-', "_")),
        _ => format!("p{pos}"),
    };
    if taken.contains(&base) {
        format!("{base}{pos}")
    } else {
        base
    }
}

fn value(rng: &mut XorShift) -> String {
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    const HEX: &[u8] = b"0123456789abcdef";
    let mut v = String::new();
    v.push((b'1' + rng.below(9) as u8) as char);
    match rng.below(10) {
        0..=4 => (0..rng.below(7)).for_each(|_| v.push((b'0' + rng.below(10) as u8) as char)),
        5..=7 => (0..7 + rng.below(33)).for_each(|_| v.push(HEX[rng.below(16)] as char)),
        _ => {
            v.push('-');
            (0..3 + rng.below(12)).for_each(|_| v.push(ALNUM[rng.below(ALNUM.len())] as char));
        }
    }
    v
}

/// Generates `n` routes of which `static_percent` % are static, with one request per route and
/// up to 64 misses. Deterministic for a given seed.
pub fn generated(n: usize, static_percent: usize, seed: u64) -> Table {
    let mut rng = XorShift::new(seed);
    let want_static = n * static_percent / 100;
    let want_dynamic = n - want_static;
    let (mut n_static, mut n_dynamic) = (0, 0);
    let mut seen = HashSet::new();
    let mut routes = Vec::with_capacity(n);
    while n_static + n_dynamic < n {
        let make_static = n_dynamic >= want_dynamic
            || (n_static < want_static && rng.below(100) < static_percent);
        const DEPTH_WEIGHTS: [usize; 7] = [3, 12, 24, 26, 19, 10, 6];
        let mut pick = rng.below(DEPTH_WEIGHTS.iter().sum());
        let mut depth = 1;
        for w in DEPTH_WEIGHTS {
            if pick < w {
                break;
            }
            pick -= w;
            depth += 1;
        }
        if !make_static && depth == 1 {
            depth = 2;
        }
        let mut segments = vec![Segment::Static(TOP[rng.skewed(TOP.len())].to_owned())];
        let mut names: Vec<String> = Vec::new();
        for pos in 1..depth {
            let var =
                !make_static && (rng.below(100) < 45 || (pos + 1 == depth && names.is_empty()));
            if var {
                let name = var_name(segments.last(), &names, pos);
                names.push(name.clone());
                segments.push(Segment::Var {
                    prefix: String::new(),
                    name,
                    suffix: String::new(),
                });
            } else {
                segments.push(Segment::Static(WORDS[rng.skewed(WORDS.len())].to_owned()));
            }
        }
        let mut route = Route {
            template: String::new(),
            segments,
        };
        // Shape key: variables normalised, so `/a/{x}` and `/a/{y}` count as the same route.
        if !seen.insert(route.render(|_| "{}".to_owned())) {
            continue;
        }
        route.template = route.render(|n| format!("{{{n}}}"));
        if route.is_static() {
            n_static += 1
        } else {
            n_dynamic += 1
        }
        routes.push(route);
    }

    let hits = routes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut vars = Vec::new();
            let mut path = String::new();
            for seg in &r.segments {
                path.push('/');
                match seg {
                    Segment::Static(s) => path.push_str(s),
                    Segment::Var {
                        prefix,
                        name,
                        suffix,
                    } => {
                        let v = value(&mut rng);
                        path.push_str(prefix);
                        path.push_str(&v);
                        path.push_str(suffix);
                        vars.push((name.clone(), v));
                    }
                }
            }
            Request {
                path,
                route: i,
                vars,
            }
        })
        .collect::<Vec<_>>();

    let reference = Reference::new(&routes);
    let mut misses = Vec::new();
    let mut tries = 0;
    while misses.len() < 64 && tries < 10_000 {
        tries += 1;
        let base = &hits[rng.below(hits.len())].path;
        let candidate = match rng.below(3) {
            0 => format!("{base}/zz-unknown"),
            1 => match base.rfind('/') {
                Some(0) | None => format!("/nope{base}"),
                Some(i) => format!("{}/unknown-tail", &base[..i]),
            },
            _ => format!("/{}-x{base}", TOP[rng.below(TOP.len())]),
        };
        if reference.resolve(&candidate).is_none() && !misses.contains(&candidate) {
            misses.push(candidate);
        }
    }
    Table {
        name: "generated",
        routes,
        hits,
        misses,
    }
}

/// The bench's 10,000-route table (40 % static).
pub fn generated_10k() -> Table {
    generated(10_000, 40, SEED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_shaped() {
        let a = generated(2_000, 40, SEED);
        let b = generated(2_000, 40, SEED);
        assert_eq!(a.routes, b.routes);
        assert_eq!(a.hits, b.hits);
        assert_eq!(a.routes.iter().filter(|r| r.is_static()).count(), 800);
        assert!(a.misses.len() >= 32);
    }
}

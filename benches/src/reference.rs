//! A naive reference matcher: the source of truth for the expected answers.
//!
//! A route matches a path when both have the same number of `/`-separated segments and each
//! template segment matches the path segment at the same position: static text byte for byte, a
//! variable segment when the path segment starts with the variable's prefix, ends with its suffix
//! and leaves at least one byte for the value (values are taken raw, not percent-decoded).
//!
//! When several routes match, the most specific wins, compared segment by segment from the
//! left: static text beats a variable with static text around it, which beats a bare variable;
//! between two partial segments the one with more static text wins. Remaining ties go to the
//! route listed first. (The bench tables are built so that no peer's tie-breaking matters.)

use crate::data::{Route, Segment};

/// The answer to one path: route index and variables in template order.
pub type Answer = (usize, Vec<(String, String)>);

/// Pre-grouped routes for the reference matcher.
#[derive(Debug)]
pub struct Reference<'a> {
    routes: &'a [Route],
    /// Route indices grouped by segment count.
    by_len: Vec<Vec<usize>>,
}

/// Per-segment specificity rank: lower is more specific.
fn rank(seg: &Segment) -> (u8, isize) {
    match seg {
        Segment::Static(_) => (0, 0),
        Segment::Var { prefix, suffix, .. } if !prefix.is_empty() || !suffix.is_empty() => {
            (1, -((prefix.len() + suffix.len()) as isize))
        }
        Segment::Var { .. } => (2, 0),
    }
}

/// Specificity key of a route: compare two keys lexicographically, smaller is more specific.
pub fn specificity_key(route: &Route) -> Vec<(u8, isize)> {
    route.segments.iter().map(rank).collect()
}

impl<'a> Reference<'a> {
    /// Groups `routes` by segment count.
    pub fn new(routes: &'a [Route]) -> Self {
        let mut by_len: Vec<Vec<usize>> = Vec::new();
        for (i, r) in routes.iter().enumerate() {
            let n = r.segments.len();
            if by_len.len() <= n {
                by_len.resize(n + 1, Vec::new());
            }
            by_len[n].push(i);
        }
        Reference { routes, by_len }
    }

    /// The most specific route matching `path`, with its variables.
    pub fn resolve(&self, path: &str) -> Option<Answer> {
        let rest = path.strip_prefix('/')?;
        let parts: Vec<&str> = rest.split('/').collect();
        let candidates = self.by_len.get(parts.len())?;
        let mut best: Option<(usize, Vec<(String, String)>)> = None;
        for &i in candidates {
            let route = &self.routes[i];
            let Some(vars) = match_route(route, &parts) else {
                continue;
            };
            let better = match &best {
                None => true,
                Some((j, _)) => {
                    let a = route.segments.iter().map(rank);
                    let b = self.routes[*j].segments.iter().map(rank);
                    a.lt(b)
                }
            };
            if better {
                best = Some((i, vars));
            }
        }
        best
    }
}

fn match_route(route: &Route, parts: &[&str]) -> Option<Vec<(String, String)>> {
    let mut vars = Vec::new();
    for (seg, part) in route.segments.iter().zip(parts) {
        match seg {
            Segment::Static(s) => {
                if s != part {
                    return None;
                }
            }
            Segment::Var {
                prefix,
                name,
                suffix,
            } => {
                if part.len() <= prefix.len() + suffix.len()
                    || !part.starts_with(prefix.as_str())
                    || !part.ends_with(suffix.as_str())
                {
                    return None;
                }
                vars.push((
                    name.clone(),
                    part[prefix.len()..part.len() - suffix.len()].to_owned(),
                ));
            }
        }
    }
    Some(vars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specificity() {
        let routes: Vec<Route> = [
            "/images/{file}",
            "/images/img-{id}.png",
            "/images/logo.svg",
            "/files/{n}.pdf",
        ]
        .iter()
        .map(|t| Route::parse(t).unwrap())
        .collect();
        let r = Reference::new(&routes);
        assert_eq!(r.resolve("/images/logo.svg"), Some((2, vec![])));
        assert_eq!(r.resolve("/images/img-1.png").map(|a| a.0), Some(1));
        assert_eq!(r.resolve("/images/img-.png").map(|a| a.0), Some(0));
        assert_eq!(r.resolve("/images/"), None);
        assert_eq!(r.resolve("/files/.pdf"), None);
        assert_eq!(
            r.resolve("/files/a.pdf"),
            Some((3, vec![("n".into(), "a".into())]))
        );
    }
}

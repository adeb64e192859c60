//! The router trait and one impl per peer.
//!
//! Adding folio (or any router) is one impl of [`BenchRouter`]: translate the templates in
//! [`BenchRouter::prepare`] (untimed), build in [`BenchRouter::build`] (timed by the build
//! scenario), and resolve a path in [`BenchRouter::lookup_with`], calling the visitor once per
//! variable. The benches time [`BenchRouter::lookup`], which reads the route id and sums the
//! lengths of all values, i.e. touches every value.

use crate::data::{Route, Segment};

/// A router under test.
pub trait BenchRouter: Sized + Sync {
    /// Column name in reports.
    const NAME: &'static str;
    /// Translated route table (peer syntax), built once and untimed.
    type Input;

    /// Translates the table into the peer's syntax. `Err(reason)` when the peer cannot express
    /// some route of the table; the peer is then excluded from that table's scenarios.
    fn prepare(routes: &[Route]) -> Result<Self::Input, String>;

    /// Builds the router (the timed part of the build scenario). Route ids are table indices.
    fn build(input: &Self::Input) -> Result<Self, String>;

    /// Resolves `path`: returns the route id and calls `visit(name, value)` for every variable.
    fn lookup_with<F: FnMut(&str, &str)>(&self, path: &str, visit: F) -> Option<usize>;

    /// "One lookup": resolve, read the route id and touch every variable's value (the sum of
    /// the values' lengths is returned so that it can go into `black_box`).
    #[inline]
    fn lookup(&self, path: &str) -> Option<(usize, usize)> {
        let mut touched = 0usize;
        self.lookup_with(path, |_, v| touched += v.len())
            .map(|id| (id, touched))
    }
}

fn plain_vars_only(routes: &[Route], why: &str) -> Result<(), String> {
    match routes.iter().find(|r| r.has_partial()) {
        Some(r) => Err(format!("{why} (route {})", r.template)),
        None => Ok(()),
    }
}

fn templates(routes: &[Route], var: impl Fn(&str) -> String) -> Vec<String> {
    routes.iter().map(|r| r.render(&var)).collect()
}

/// [matchit](https://docs.rs/matchit): radix trie, `{name}`, prefixes/suffixes in a segment.
#[derive(Debug)]
pub struct Matchit(matchit::Router<usize>);

impl BenchRouter for Matchit {
    const NAME: &'static str = "matchit";
    type Input = Vec<String>;

    fn prepare(routes: &[Route]) -> Result<Vec<String>, String> {
        Ok(templates(routes, |n| format!("{{{n}}}")))
    }

    fn build(input: &Vec<String>) -> Result<Self, String> {
        let mut r = matchit::Router::new();
        for (i, t) in input.iter().enumerate() {
            r.insert(t.as_str(), i).map_err(|e| format!("{t}: {e}"))?;
        }
        Ok(Matchit(r))
    }

    #[inline]
    fn lookup_with<F: FnMut(&str, &str)>(&self, path: &str, mut visit: F) -> Option<usize> {
        let m = self.0.at(path).ok()?;
        for (k, v) in m.params.iter() {
            visit(k, v);
        }
        Some(*m.value)
    }
}

/// [wayfind](https://docs.rs/wayfind): compressed radix trie, `<name>`, inline parameters.
pub struct Wayfind(wayfind::Router<usize>);

impl std::fmt::Debug for Wayfind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Wayfind").finish_non_exhaustive()
    }
}

impl BenchRouter for Wayfind {
    const NAME: &'static str = "wayfind";
    type Input = Vec<String>;

    fn prepare(routes: &[Route]) -> Result<Vec<String>, String> {
        Ok(templates(routes, |n| format!("<{n}>")))
    }

    fn build(input: &Vec<String>) -> Result<Self, String> {
        let mut b = wayfind::RouterBuilder::new();
        for (i, t) in input.iter().enumerate() {
            b.insert(t, i).map_err(|e| format!("{t}: {e}"))?;
        }
        Ok(Wayfind(b.build()))
    }

    #[inline]
    fn lookup_with<F: FnMut(&str, &str)>(&self, path: &str, mut visit: F) -> Option<usize> {
        let m = self.0.search(path)?;
        for (k, v) in m.parameters() {
            visit(k, v);
        }
        Some(*m.data())
    }
}

/// [path-tree](https://docs.rs/path-tree): radix tree, `:name`.
#[derive(Debug)]
pub struct PathTree(path_tree::PathTree<usize>);

impl BenchRouter for PathTree {
    const NAME: &'static str = "path-tree";
    type Input = Vec<String>;

    fn prepare(routes: &[Route]) -> Result<Vec<String>, String> {
        // path-tree ends a `:name` at `-`, `.`, `~`, `/`, `\` or `:`; a static suffix starting
        // with another byte would be read as part of the name. Names are `[A-Za-z0-9_]`.
        for r in routes {
            for s in &r.segments {
                if let Segment::Var { suffix, .. } = s
                    && !suffix.is_empty()
                    && !suffix.starts_with(['-', '.', '~', '\\', ':'])
                {
                    return Err(format!(
                        "suffix {suffix:?} cannot follow a :name (route {})",
                        r.template
                    ));
                }
            }
        }
        Ok(templates(routes, |n| format!(":{n}")))
    }

    fn build(input: &Vec<String>) -> Result<Self, String> {
        let mut t = path_tree::PathTree::new();
        for (i, p) in input.iter().enumerate() {
            let _id = t.insert(p, i);
        }
        Ok(PathTree(t))
    }

    #[inline]
    fn lookup_with<F: FnMut(&str, &str)>(&self, path: &str, mut visit: F) -> Option<usize> {
        let (id, p) = self.0.find(path)?;
        for (k, v) in p.params_iter() {
            visit(k, v);
        }
        Some(*id)
    }
}

/// [xitca-router](https://docs.rs/xitca-router): matchit fork with small-string params.
#[derive(Debug)]
pub struct Xitca(xitca_router::Router<usize>);

impl BenchRouter for Xitca {
    const NAME: &'static str = "xitca-router";
    type Input = Vec<String>;

    fn prepare(routes: &[Route]) -> Result<Vec<String>, String> {
        Ok(templates(routes, |n| format!("{{{n}}}")))
    }

    fn build(input: &Vec<String>) -> Result<Self, String> {
        let mut r = xitca_router::Router::new();
        for (i, t) in input.iter().enumerate() {
            r.insert(t.as_str(), i).map_err(|e| format!("{t}: {e}"))?;
        }
        Ok(Xitca(r))
    }

    #[inline]
    fn lookup_with<F: FnMut(&str, &str)>(&self, path: &str, mut visit: F) -> Option<usize> {
        let m = self.0.at(path).ok()?;
        for (k, v) in m.params.iter() {
            visit(k, v);
        }
        Some(*m.value)
    }
}

/// [actix-router](https://docs.rs/actix-router): ordered list of `ResourceDef`s (regex for
/// dynamic ones), first match wins.
///
/// Being first-match, it is given the routes sorted most-specific-first (stable sort by the
/// reference matcher's specificity key), as an actix user orders their routes; ids are still
/// table indices.
pub struct Actix(actix_router::Router<usize>);

impl std::fmt::Debug for Actix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Actix").finish_non_exhaustive()
    }
}

impl BenchRouter for Actix {
    const NAME: &'static str = "actix-router";
    type Input = Vec<(usize, String)>;

    fn prepare(routes: &[Route]) -> Result<Vec<(usize, String)>, String> {
        if routes.len() > usize::from(u16::MAX) {
            return Err("more than 65,535 routes (ResourceId is a u16)".into());
        }
        let mut order: Vec<usize> = (0..routes.len()).collect();
        order.sort_by_cached_key(|&i| crate::reference::specificity_key(&routes[i]));
        Ok(order
            .into_iter()
            .map(|i| (i, routes[i].render(|n| format!("{{{n}}}"))))
            .collect())
    }

    fn build(input: &Vec<(usize, String)>) -> Result<Self, String> {
        let mut b = actix_router::Router::<usize>::build();
        for (i, t) in input {
            b.path(t.as_str(), *i);
        }
        Ok(Actix(b.finish()))
    }

    #[inline]
    fn lookup_with<F: FnMut(&str, &str)>(&self, path: &str, mut visit: F) -> Option<usize> {
        let mut p = actix_router::Path::new(path);
        let id = *self.0.recognize(&mut p)?.0;
        for (k, v) in p.iter() {
            visit(k, v);
        }
        Some(id)
    }
}

/// [route-recognizer](https://docs.rs/route-recognizer): NFA, `:name`; no partial segments.
#[derive(Debug)]
pub struct RouteRecognizer(route_recognizer::Router<usize>);

impl BenchRouter for RouteRecognizer {
    const NAME: &'static str = "route-recognizer";
    type Input = Vec<String>;

    fn prepare(routes: &[Route]) -> Result<Vec<String>, String> {
        // A segment starting with ':' is a variable; `img-:id.png` would be static text. Only
        // `.`-separated suffixes (`:name.pdf`) are expressible, not the whole partial table.
        plain_vars_only(routes, "no variables inside a segment")?;
        Ok(templates(routes, |n| format!(":{n}")))
    }

    fn build(input: &Vec<String>) -> Result<Self, String> {
        let mut r = route_recognizer::Router::new();
        for (i, t) in input.iter().enumerate() {
            r.add(t, i);
        }
        Ok(RouteRecognizer(r))
    }

    #[inline]
    fn lookup_with<F: FnMut(&str, &str)>(&self, path: &str, mut visit: F) -> Option<usize> {
        let m = self.0.recognize(path).ok()?;
        for (k, v) in m.params().iter() {
            visit(k, v);
        }
        Some(**m.handler())
    }
}

/// The floor: a `hashbrown::HashMap<&str, usize>` of the static routes only. It answers only
/// static paths, so it takes part only in the static-paths scenario.
#[derive(Debug)]
pub struct HashFloor(hashbrown::HashMap<&'static str, usize>);

impl BenchRouter for HashFloor {
    const NAME: &'static str = "hashbrown";
    type Input = Vec<(usize, &'static str)>;

    fn prepare(routes: &[Route]) -> Result<Self::Input, String> {
        // Leaked once per prepare so that the map can hold `&'static str` keys like a router
        // built from string literals would.
        Ok(routes
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_static())
            .map(|(i, r)| (i, &*Box::leak(r.template.clone().into_boxed_str())))
            .collect())
    }

    fn build(input: &Self::Input) -> Result<Self, String> {
        Ok(HashFloor(input.iter().map(|&(i, t)| (t, i)).collect()))
    }

    #[inline]
    fn lookup_with<F: FnMut(&str, &str)>(&self, path: &str, _visit: F) -> Option<usize> {
        self.0.get(path).copied()
    }
}

// folio — behind the `folio` feature, which is on by default (so `cargo test -p folio-benches`
// checks folio's answers too); `--no-default-features` builds and benches the peers alone.
// Uses RegistryBuilder / PageSpec / Registry::resolve / Resolution::Page.
#[cfg(feature = "folio")]
pub use folio_impl::Folio;

#[cfg(feature = "folio")]
mod folio_impl {
    use super::{BenchRouter, templates};
    use crate::data::Route;

    /// folio-core's frozen registry, one page per route, the page's layout is its route id.
    #[derive(Debug)]
    pub struct Folio(pub folio_core::Registry<usize>);

    impl BenchRouter for Folio {
        const NAME: &'static str = "folio";
        /// `(module, template)` per route: a page is named by its module, which is part of
        /// the input like the template (formatting the names is not the router's work).
        type Input = Vec<(String, String)>;

        fn prepare(routes: &[Route]) -> Result<Self::Input, String> {
            let templates = templates(routes, |n| format!("<{n}>"));
            Ok(templates
                .into_iter()
                .enumerate()
                .map(|(i, t)| (format!("bench::r{i}"), t))
                .collect())
        }

        fn build(input: &Self::Input) -> Result<Self, String> {
            let mut b = folio_core::RegistryBuilder::new(folio_core::Config::new());
            for (i, (module, t)) in input.iter().enumerate() {
                b.page(folio_core::PageSpec::new(module).path_template(t).layout(i));
            }
            b.build().map(Folio).map_err(|e| format!("{e:?}"))
        }

        #[inline]
        fn lookup_with<F: FnMut(&str, &str)>(&self, path: &str, mut visit: F) -> Option<usize> {
            match self.0.resolve(path, "") {
                folio_core::Resolution::Page(m) => {
                    let id = *m.page().layout();
                    for (name, value) in m.variables() {
                        visit(name, value);
                    }
                    Some(id)
                }
                _ => None,
            }
        }
    }
}

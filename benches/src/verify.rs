//! Correctness gate: run before any timing (and as `cargo test -p folio-benches`).
//!
//! 1. The reference matcher must reproduce the expected answers written in the data files
//!    (route id and variables of every request, no match for every miss).
//! 2. Every router must return the right route id and the right variable values (compared as
//!    sets of `(name, value)`, since route-recognizer yields them sorted by name) for every
//!    request of the table, and no match for every miss. A router that cannot express the table
//!    (its [`BenchRouter::prepare`] refuses it, or its builder rejects a route) is *excluded*
//!    from that table's scenarios, with the reason; a router that gives a wrong answer is an
//!    error.

use crate::data::{Request, Table};
use crate::query::{self, FormUrlencoded, QueryDecoder, SerdeBorrowed, SerdeOwned};
use crate::reference::Reference;
use crate::routers::{
    Actix, BenchRouter, HashFloor, Matchit, PathTree, RouteRecognizer, Wayfind, Xitca,
};

/// A router that passed the check, or the reason it is excluded.
#[derive(Debug)]
pub enum Checked<R> {
    /// Built and verified: every answer is right.
    Ready(R),
    /// The router cannot express this table; the reason.
    Excluded(String),
}

/// Checks that the reference matcher agrees with the expected answers of `table`.
pub fn check_expectations(table: &Table) -> Result<(), Vec<String>> {
    let reference = Reference::new(&table.routes);
    let mut errors = Vec::new();
    for req in &table.hits {
        let want = Some((req.route, req.vars.clone()));
        let got = reference.resolve(&req.path);
        if got != want {
            errors.push(format!(
                "[{}] reference: {} -> {got:?}, data file says {want:?}",
                table.name, req.path
            ));
        }
    }
    for miss in &table.misses {
        if let Some(got) = reference.resolve(miss) {
            errors.push(format!(
                "[{}] reference: miss {miss} matched {got:?}",
                table.name
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn sorted(mut v: Vec<(String, String)>) -> Vec<(String, String)> {
    v.sort();
    v
}

/// Checks `R` on `table` (all hits and misses).
pub fn check_router<R: BenchRouter>(table: &Table) -> Result<Checked<R>, Vec<String>> {
    let hits: Vec<&Request> = table.hits.iter().collect();
    check_router_on(table, &hits, &table.misses)
}

/// Checks `R` built from `table`'s routes on the given hits and misses.
pub fn check_router_on<R: BenchRouter>(
    table: &Table,
    hits: &[&Request],
    misses: &[String],
) -> Result<Checked<R>, Vec<String>> {
    let input = match R::prepare(&table.routes) {
        Ok(input) => input,
        Err(why) => return Ok(Checked::Excluded(why)),
    };
    let router = match R::build(&input) {
        Ok(r) => r,
        Err(why) => {
            return Ok(Checked::Excluded(format!(
                "builder rejects the table: {why}"
            )));
        }
    };
    // Split over the available cores: a linear router (actix-router) on the 10,000-route table
    // takes milliseconds per lookup.
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 4);
    let chunk = hits.len().div_ceil(threads).max(1);
    let mut errors: Vec<String> = std::thread::scope(|s| {
        let router = &router;
        let handles: Vec<_> = hits
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .filter_map(|req| check_hit(table, router, req))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("verification thread panicked"))
            .collect()
    });
    // The timed path must agree with the checked one.
    for req in hits.iter().take(64) {
        let touched: usize = req.vars.iter().map(|(_, v)| v.len()).sum();
        if router.lookup(&req.path) != Some((req.route, touched)) && errors.is_empty() {
            errors.push(format!(
                "[{}] {}: lookup() disagrees with lookup_with() on {}",
                table.name,
                R::NAME,
                req.path
            ));
        }
    }
    for miss in misses {
        let mut vars = Vec::new();
        if let Some(id) = router.lookup_with(miss, |k, v| vars.push((k.to_owned(), v.to_owned()))) {
            errors.push(format!(
                "[{}] {}: miss {miss} matched route {id} with {vars:?}",
                table.name,
                R::NAME
            ));
        }
    }
    if errors.is_empty() {
        Ok(Checked::Ready(router))
    } else {
        Err(errors)
    }
}

fn check_hit<R: BenchRouter>(table: &Table, router: &R, req: &Request) -> Option<String> {
    let mut vars = Vec::new();
    let id = router.lookup_with(&req.path, |k, v| vars.push((k.to_owned(), v.to_owned())));
    let got = id.map(|id| (id, sorted(vars)));
    let want = Some((req.route, sorted(req.vars.clone())));
    (got != want).then(|| {
        format!(
            "[{}] {}: {} -> {got:?}, expected {want:?}",
            table.name,
            R::NAME,
            req.path
        )
    })
}

/// The requests of `table` whose route is static.
pub fn static_hits(table: &Table) -> Vec<&Request> {
    table
        .hits
        .iter()
        .filter(|r| table.routes[r.route].is_static())
        .collect()
}

/// Outcome of [`check_tables`]: one line per (table, router), and the errors.
#[derive(Debug, Default)]
pub struct Report {
    /// `table router: ok | excluded (reason)`.
    pub lines: Vec<String>,
    /// Every wrong answer found.
    pub errors: Vec<String>,
}

impl Report {
    fn record<R: BenchRouter>(
        &mut self,
        table: &str,
        check: impl FnOnce() -> Result<Checked<R>, Vec<String>>,
    ) {
        let start = std::time::Instant::now();
        let outcome = check();
        let took = start.elapsed().as_secs_f64();
        match outcome {
            Ok(Checked::Ready(_)) => self
                .lines
                .push(format!("{table:<13} {:<18} ok ({took:.2} s)", R::NAME)),
            Ok(Checked::Excluded(why)) => {
                self.lines
                    .push(format!("{table:<13} {:<18} EXCLUDED: {why}", R::NAME));
            }
            Err(errors) => {
                self.lines.push(format!(
                    "{table:<13} {:<18} WRONG ANSWERS ({})",
                    R::NAME,
                    errors.len()
                ));
                self.errors.extend(errors);
            }
        }
    }

    fn record_query<D: QueryDecoder>(&mut self, id: &str, raw: &str, may_refuse: bool) {
        match query::check::<D>(raw) {
            Ok(()) => self.lines.push(format!("{id:<20} {:<26} ok", D::NAME)),
            Err(e) if may_refuse && D::decode_with(raw, |_, _| ()).is_err() => {
                self.lines
                    .push(format!("{id:<20} {:<26} EXCLUDED: {e}", D::NAME));
            }
            Err(e) => self.errors.push(e),
        }
    }
}

/// Runs every check on every table: the reference against the data files, then every router.
pub fn check_tables(tables: &[&Table]) -> Report {
    let mut report = Report::default();
    for table in tables {
        if let Err(e) = check_expectations(table) {
            report.errors.extend(e);
        }
        report.record(table.name, || check_router::<Matchit>(table));
        report.record(table.name, || check_router::<Wayfind>(table));
        report.record(table.name, || check_router::<PathTree>(table));
        report.record(table.name, || check_router::<Xitca>(table));
        if cfg!(debug_assertions) && table.routes.len() > 1_000 {
            // actix-router scans its routes linearly (milliseconds per lookup on 10,000 routes,
            // ~10x more unoptimised): a debug-build test checks 1 request in 25 and every miss;
            // the bench and `cargo test --release` check every request.
            let sample: Vec<&Request> = table.hits.iter().step_by(25).collect();
            report.record(table.name, || {
                check_router_on::<Actix>(table, &sample, &table.misses)
            });
            if let Some(line) = report.lines.last_mut() {
                line.push_str(" [debug build: 1 request in 25]");
            }
        } else {
            report.record(table.name, || check_router::<Actix>(table));
        }
        report.record(table.name, || check_router::<RouteRecognizer>(table));
        #[cfg(feature = "folio")]
        report.record(table.name, || check_router::<crate::routers::Folio>(table));
        if table.name == "github" {
            let statics = static_hits(table);
            report.record("github-static", || {
                check_router_on::<HashFloor>(table, &statics, &[])
            });
        }
    }
    for (id, raw) in query::INPUTS {
        report.record_query::<FormUrlencoded>(id, raw, false);
        report.record_query::<SerdeBorrowed>(id, raw, true);
        report.record_query::<SerdeOwned>(id, raw, false);
        #[cfg(feature = "folio")]
        report.record_query::<crate::query::FolioQuery>(id, raw, false);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Route;

    /// A router that answers every path with route 0 and no variables.
    struct AlwaysFirst;

    impl BenchRouter for AlwaysFirst {
        const NAME: &'static str = "always-first";
        type Input = ();
        fn prepare(_: &[Route]) -> Result<(), String> {
            Ok(())
        }
        fn build(_: &()) -> Result<Self, String> {
            Ok(AlwaysFirst)
        }
        fn lookup_with<F: FnMut(&str, &str)>(&self, _: &str, _: F) -> Option<usize> {
            Some(0)
        }
    }

    #[test]
    fn a_wrong_router_is_caught() {
        let table = crate::data::inline();
        let errors = match check_router::<AlwaysFirst>(&table) {
            Err(errors) => errors,
            Ok(_) => panic!("a router answering route 0 everywhere passed the check"),
        };
        // 11 wrong hits (route 0's own request has the wrong variables) + every miss.
        assert_eq!(errors.len(), table.hits.len() + table.misses.len());
    }
}

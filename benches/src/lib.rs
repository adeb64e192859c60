//! Side-by-side routing and query-decoding benchmarks for folio (issue 4).
//!
//! The crate is the shared part of the `routing` criterion bench and of the correctness test:
//!
//! * [`data`] loads the route tables and requests from `../shared/bench-data/` and parses route
//!   templates into [`data::Segment`]s;
//! * [`mod@reference`] is a deliberately naive matcher (template segments against path segments,
//!   most specific route wins) that computes the expected answer of every request;
//! * [`generate`] builds the deterministic 10,000-route table (40 % static);
//! * [`routers`] has the [`routers::BenchRouter`] trait and one impl per peer (and folio, behind
//!   the `folio` feature);
//! * [`query`] has the query-string inputs, a reference decoder and the decoder peers;
//! * `adversarial` (with the `folio` feature) has issue 8's adversarial requests and their
//!   registry;
//! * [`verify`] checks that every router returns the right route and the right values for every
//!   request and no match for every miss, before anything is timed.

#[cfg(feature = "folio")]
pub mod adversarial;
pub mod data;
pub mod generate;
pub mod query;
pub mod reference;
pub mod routers;
pub mod verify;

//! folio-server-common: what every folio server adapter shares, with no framework in it.
//!
//! The adapters (`folio-axum`, `folio-actix`) read a request into an [`Incoming`], call
//! [`decide`] (the core resolves; this crate turns the resolution into a finished
//! [`Reply`] or a page to [`Render`]), run the page's layout in their framework, and wrap
//! the fragment in the app [`Shell`]. So every status, `Location`, head and document is
//! produced by one copy of the code, whatever the framework. Also here: the
//! [`RequestContext`] layouts see (path variables, query, merged arguments, routing
//! inputs, typed through [`RequestContext::args`]) and the [`AssetsDir`] snapshot used for
//! meta-image inference; and the per-request run of the core's widget-state lifecycle
//! ([`WidgetRun`], [`Widgets`]) that the adapters keep in their session stores.

mod args;
mod assets;
mod context;
mod decide;
mod shell;
mod state;

pub use args::ArgsError;
pub use assets::AssetsDir;
pub use context::RequestContext;
pub use decide::{Decision, HTML, Incoming, Render, Reply, TEXT, decide, reason};
pub use shell::{Shell, View, bare};
pub use state::{SESSION_KEY, WidgetRun, Widgets};

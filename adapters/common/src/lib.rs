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
//!
//! An adapter's whole request path, with a closure standing in for the framework:
//!
//! ```
//! use folio_core::{Config, PageSpec, RegistryBuilder};
//! use folio_server_common::{Decision, Incoming, bare, decide};
//!
//! let mut b = RegistryBuilder::new(Config::new());
//! b.page(PageSpec::new("pages.report").path_template("/report/<id>").redirect_from("/r/<id>").layout("report"));
//! let registry = b.build().unwrap();
//!
//! let serve = |target: &str| match decide(&registry, None, Incoming::get(target)) {
//!     // Redirects, bare 404s outside the prefix, 405, 414: sent as they are.
//!     Decision::Reply(reply) => (reply.status, reply.body),
//!     // A page (or the 404 page): run its layout, then wrap the fragment in the shell.
//!     Decision::Render(page) => {
//!         let layout = page.payload().copied().unwrap_or("not found");
//!         let id = page.context().variable("id").unwrap_or("-");
//!         (page.status(), page.document(&bare, &format!("<p>{layout} {id}</p>")))
//!     }
//! };
//! let (status, html) = serve("/report/7");
//! assert!(status == 200 && html.contains("<p>report 7</p>"));
//! assert_eq!(serve("/r/7").0, 301);
//! let (status, html) = serve("/nope");
//! assert!(status == 404 && html.contains("<p>not found -</p>"));
//! ```

mod args;
mod assets;
mod context;
mod decide;
mod heads;
mod shell;
mod state;

pub use args::ArgsError;
pub use assets::AssetsDir;
pub use context::RequestContext;
pub use decide::{Decision, HTML, Incoming, Render, Reply, TEXT, decide, decide_with, reason};
pub use heads::Heads;
pub use shell::{Shell, View, bare};
pub use state::{SESSION_KEY, WidgetRun, Widgets};

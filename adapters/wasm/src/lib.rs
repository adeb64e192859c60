//! A browser router for folio: Dash's single-page navigation over the same core that the
//! servers use, so the browser and the server never disagree about a URL.
//!
//! [`Router`] renders the page for `location` into a container element (Dash's
//! `page_container`), takes over plain clicks on in-app links (same origin, inside the
//! requests prefix, primary button, no modifier key, no `target`, no `download`, no
//! `data-external`) and navigates with `pushState`, re-renders on Back and Forward,
//! shows a core redirect's address with `replaceState`, renders the custom 404 page (or
//! [`DEFAULT_NOT_FOUND`]), keeps `document.title` and the description/twitter/og tags in
//! step, and scrolls to the top or to the `#fragment`. [`Router::set_query`] and
//! [`Router::set_hash`] change the address without a render (the URL-state pattern).
//!
//! Layouts are whatever the registry's payload `T` is; a render function turns the
//! matched page into [`Content`] (markup or a DOM node), so any UI library plugs in.
//! All decoding (path variables, query arguments, fragments) happens in `folio-core`.
//!
//! Widget state lives per tab in a [`TabState`] (the core's state lifecycle, one run per
//! render), optionally mirrored to the tab's `sessionStorage` ([`SessionStorage`]).
//!
//! Every decision is made by the sans-DOM [`Navigator`], which the `Router` only carries
//! out; it runs (and is unit-tested) on any target:
//!
//! ```
//! use folio_core::{Config, PageSpec, RegistryBuilder};
//! use folio_wasm::{Decision, LinkClick, Location, Navigator};
//!
//! let mut b = RegistryBuilder::new(Config::new().url_base_pathname("/app/"));
//! b.page(PageSpec::new("pages.home").path("/").layout(()));
//! let mut nav = Navigator::new(b.build().unwrap());
//! let click = LinkClick {
//!     button: 0, modified: false, default_prevented: false, target: "", download: false,
//!     external: false, same_origin: true, href: Location::new("/app/", "", ""),
//! };
//! assert!(matches!(nav.click(&click), Decision::Render(_)));
//! // Outside the prefix the server decides: a full page load.
//! let away = LinkClick { href: Location::new("/docs/", "", ""), ..click };
//! assert!(matches!(nav.click(&away), Decision::Ignore));
//! ```

#![cfg_attr(not(test), no_std)]

extern crate alloc;

mod navigator;
mod router;
mod state;

pub use navigator::{Decision, History, LinkClick, Location, Navigator, Outcome, Scroll, Visit};
pub use router::{Content, DEFAULT_NOT_FOUND, HistoryMode, Router};
pub use state::{Mirror, SessionStorage, TabState};

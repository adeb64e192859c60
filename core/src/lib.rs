//! The page registry and URL routing of Dash Pages as a small, sans-IO, `no_std` core.
//!
//! Register pages once, freeze the registry, then ask it what to do with every request:
//!
//! ```
//! use folio_core::{Config, PageSpec, RegistryBuilder, Resolution, Text};
//!
//! let mut pages = RegistryBuilder::new(Config::new());
//! pages.page(PageSpec::new("app::pages::home").path("/").layout("home"));
//! pages.page(PageSpec::new("app::pages::weekly_analytics").layout("analytics"));
//! pages.page(
//!     PageSpec::new("app::pages::asset")
//!         .path_template("/asset/<asset_id>/department/hello-<dept_id>")
//!         .title(Text::computed(|v| format!("Asset {} of {}", v[0].1, v[1].1)))
//!         .redirect_from("/old-asset/<asset_id>/<dept_id>")
//!         .layout("asset"),
//! );
//! let registry = pages.build().expect("no conflicts");
//!
//! // The module path gives the URL and the name, as in Dash.
//! let analytics = registry.page("app::pages::weekly_analytics").unwrap();
//! assert_eq!((analytics.path(), analytics.name()), ("/weekly-analytics", "Weekly analytics"));
//!
//! match registry.resolve("/asset/7/department/hello-sales", "tab=map") {
//!     Resolution::Page(m) => {
//!         assert_eq!(*m.page().layout(), "asset");
//!         assert_eq!(m.variable("dept_id"), Some("sales"));
//!         assert_eq!(m.title(), "Asset 7 of sales");
//!     }
//!     other => panic!("{other:?}"),
//! }
//! let Resolution::Redirect(r) = registry.resolve("/old-asset/7/sales", "") else { panic!() };
//! assert_eq!(r.location(), "/asset/7/department/hello-sales");
//! assert_eq!(registry.resolve("/nowhere", "").status(), 404);
//! ```
//!
//! The core never touches sockets, files, clocks or the DOM: adapters (`folio-axum`,
//! `folio-actix`, `folio-wasm`) translate requests in and decisions out. Layouts are an
//! opaque payload `T`.
//!
//! # Cargo features
//!
//! - `std` (default): links `std`; nothing in the core needs it (it is `no_std` + `alloc`
//!   either way).
//! - `unicode-case` (default): names and paths inferred from module paths use Python's full
//!   Unicode `str.capitalize()` / `str.lower()`, as Dash does. Without it only ASCII is
//!   case-mapped, which keeps the conversion tables (14 KB gzipped) out of a browser bundle;
//!   a page whose inferred name or path would hold another character fails the build with
//!   [`ModuleError::NeedsUnicodeCase`] (kind `needs_unicode_case`) instead of getting a name
//!   the servers would not give it. Give such a page its `name` and `path`, or enable the
//!   feature. Every server adapter enables it.
//! - `unicode-ident` (default): a variable name holding a character outside ASCII is
//!   checked against the Unicode XID tables, as Python's `str.isidentifier` does. Without it
//!   such a template fails with [`TemplateError::NeedsUnicodeIdent`] (kind
//!   `needs_unicode_ident`); ASCII names are judged the same either way. The tables are
//!   about 2.4 KB gzipped in a browser bundle.
//! - `indexed-escapes` (default): a request path holding `%` walks the compiled index,
//!   decoded into a buffer on the stack. Without it such a path is matched route by route
//!   in rank order: the same answer and still no allocation, but a scan of the table
//!   (fine for a browser's few pages and one lookup a click; about 3.4 KB gzipped less).
//!   Every server adapter enables both.
//! - `serde`: typed extraction (`from_arguments`) and the registry as JSON.
//!
#![doc = include_str!("../docs/conflicts.md")]
//!
#![doc = include_str!("../docs/compatibility.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

pub mod streamlit;

mod case;
mod config;
mod custom;
#[cfg(feature = "serde")]
mod de;
mod decode;
mod error;
mod hash;
mod head;
mod image;
mod index;
mod limits;
mod naming;
mod nav;
mod order;
mod page;
mod query;
mod registry;
mod resolve;
#[cfg(feature = "serde")]
mod ser;
mod sort;
mod template;
#[cfg(test)]
mod test_rng;
mod trie;
#[cfg(feature = "unicode-case")]
mod unicode;
mod url;
#[cfg(feature = "serde")]
mod url_ser;

pub use config::Config;
pub use custom::CustomValue;
#[cfg(feature = "serde")]
pub use de::{DeError, from_arguments};
pub use decode::{decode_form, percent_decode};
pub use error::{BuildError, ConfigError, Inferred, ModuleError, TemplateError};
pub use head::{Head, PreparedHead, write_escaped};
pub use image::{AssetFiles, infer_image};
pub use limits::{LimitError, Limits};
pub use naming::{DashNaming, Naming, last_component, module_components};
pub use nav::{Active, NavEntry, Navigation};
pub use order::Order;
pub use page::{Page, PageSpec, PageText, Text};
pub use query::{Pairs, Query};
pub use registry::{Registry, RegistryBuilder};
pub use resolve::{Argument, NotFound, PageMatch, Redirect, Resolution};
pub use template::Template;
pub use url::UrlError;

/// A [`PageSpec`] for the module this is written in: Dash's `register_page(__name__, …)`
/// in one line. The arguments are `PageSpec` builder calls.
///
/// ```
/// mod pages {
///     pub mod weekly_analytics {
///         pub fn page() -> folio_core::PageSpec<'static, &'static str> {
///             folio_core::register_page!(title("Weekly"), layout("weekly layout"))
///         }
///     }
/// }
/// let mut builder = folio_core::RegistryBuilder::new(folio_core::Config::new());
/// builder.page(pages::weekly_analytics::page());
/// let registry = builder.build().unwrap();
/// let page = registry.pages().next().unwrap();
/// assert_eq!(page.path(), "/weekly-analytics");
/// assert!(page.module().ends_with("::pages::weekly_analytics"));
/// ```
#[macro_export]
macro_rules! register_page {
    ($($method:ident ( $($arg:expr),* $(,)? )),* $(,)?) => {
        $crate::PageSpec::new(::core::module_path!()) $(.$method($($arg),*))*
    };
}

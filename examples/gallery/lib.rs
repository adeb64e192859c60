//! The folio gallery: Dash's multi-page tutorial rebuilt in Rust. This crate holds what every
//! gallery shares: the pages, their content, and the document around them. The axum and
//! actix-web galleries serve it (`cargo run -p folio-axum --example gallery`); folio-wasm
//! renders the same pages in the browser
//! (`adapters/wasm/bundles/examples/gallery_client.rs`), so a page looks the same whether the
//! server or the browser drew it.
//!
//! # Adding a page
//!
//! A page is one file under `pages/` (found by `folio-build` at build time: no list to
//! edit, nested folders are nested paths, files starting with `_` are skipped). It defines
//! `pub fn page() -> PageSpec<'static, Layout>` named after `module_path!()`, and a layout: a plain
//! function from [`PageInput`] to the page's HTML, run by the server and by the browser.
//!
//! ```ignore
//! //! pages/weekly_report.rs: served at /weekly-report, listed in the top menu as "Weekly report".
//! use crate::{Layout, PageInput, content};
//! use folio_core::PageSpec;
//!
//! pub fn page() -> PageSpec<'static, Layout> {
//!     PageSpec::new(module_path!())
//!         .title("Weekly report · Folio Gallery")
//!         .layout(Layout(layout))
//! }
//!
//! fn layout(input: &PageInput<'_>) -> String {
//!     format!("<h1>Weekly report</h1><p>{}</p>", content::esc(input.argument("week").unwrap_or("this week")))
//! }
//! ```
//!
//! Custom keys place it: `.extra("location", "sidebar")` lists it in the sidebar (under
//! its `.extra("section", ...)` heading), `.extra("hidden", "true")` lists it nowhere. A
//! page that only the server can draw (it reads server state) says
//! `.extra("client", "server")`: links to it are then full page loads.

#![no_std]

extern crate alloc;

pub mod content;
pub mod document;
mod state;

pub use state::{Place, REGION, WidgetState};

use alloc::string::String;

use folio_core::{AssetFiles, BuildError, Config, Registry, RegistryBuilder};

use content::Lang;

/// The pages, discovered from the `pages/` folder by `folio-build` (`build.rs`).
#[allow(missing_docs)]
pub mod pages {
    include!(concat!(env!("OUT_DIR"), "/folio_pages.rs"));
}

/// The files of the `assets/` folder, listed at build time (the browser cannot read the
/// folder; the servers list it at start-up, with the same result).
pub const ASSET_FILES: &[&str] = include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The app title.
pub const TITLE: &str = "Folio Gallery";

/// A page's layout: a plain function of what the page is given, returning its HTML
/// fragment (Dash's `layout`). The servers and the browser call the same function.
#[derive(Debug, Clone, Copy)]
pub struct Layout(pub fn(&PageInput<'_>) -> String);

impl Layout {
    /// The page's HTML for `input`.
    pub fn render(&self, input: &PageInput<'_>) -> String {
        (self.0)(input)
    }
}

/// What a layout is given, the same on the server and in the browser.
#[derive(Debug, Clone, Copy)]
pub struct PageInput<'a> {
    /// The `language` routing input (the `lang` cookie).
    pub lang: Lang,
    /// The address's path as requested (with the prefix, still percent-encoded).
    pub path: &'a str,
    /// The app's requests prefix (`/` or `/app/`).
    pub prefix: &'a str,
    /// The merged keyword arguments (path variables, then query keys; the first value of a
    /// repeated key), decoded by the core.
    pub arguments: &'a [(&'a str, &'a str)],
    /// The run's widget state: the servers' browser-session state, `None` in the browser.
    pub widgets: Option<&'a dyn WidgetState>,
}

impl<'a> PageInput<'a> {
    /// One argument: a path variable or a query key.
    pub fn argument(&self, name: &str) -> Option<&'a str> {
        self.arguments
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
    }
}

/// The gallery's registry mounted under `prefix` (`/` or e.g. `/app/`), with meta images
/// inferred from `assets` (the servers pass the folder they serve, the browser
/// [`ASSET_FILES`]).
pub fn registry(
    prefix: &str,
    assets: &(impl AssetFiles + ?Sized),
) -> Result<Registry<Layout>, BuildError> {
    let mut builder = RegistryBuilder::new(Config::new().title(TITLE).url_base_pathname(prefix));
    builder.assets(assets);
    pages::register(&mut builder);
    builder.build()
}

/// The `language` routing input from `Cookie` header values or `document.cookie`: the
/// `lang` cookie the language switch sets (`None` without one).
pub fn language<'a>(cookies: impl Iterator<Item = &'a str>) -> Option<Lang> {
    let value = cookies
        .flat_map(|c| c.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang="))?;
    Some(Lang::from_code(Some(value)))
}

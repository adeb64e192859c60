//! The gallery app served by axum: the shared pages, content and frame
//! (`examples/gallery/` at the repository root, also served by folio-actix) wired into
//! an axum router.

#[path = "../../../../../examples/gallery/content.rs"]
pub mod content;
#[path = "../../../../../examples/gallery/document.rs"]
pub mod document;
#[path = "../../../../../examples/gallery/frame.rs"]
mod frame;
#[path = "../../../../../examples/gallery/pages/mod.rs"]
mod pages;

/// The adapter the shared pages are written against.
pub mod web {
    pub use folio_axum::{Args, Layout, PageContext};
}

use std::path::PathBuf;

use axum::Router;
use axum::extract::RawQuery;
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use folio_axum::{AssetsDir, Folio, Layout, View};
use folio_core::{BuildError, Config, RegistryBuilder};

/// The gallery's assets folder (meta images, the stylesheet, the logo), shared.
pub fn assets_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/gallery/assets"
    ))
}

/// The gallery mounted under `prefix` (`/`, or e.g. `/app/`).
pub fn router(prefix: &str) -> Result<Router, String> {
    let assets =
        AssetsDir::read(assets_dir()).map_err(|e| format!("{}: {e}", assets_dir().display()))?;
    let mut builder = RegistryBuilder::new(
        Config::new()
            .title("Folio Gallery")
            .url_base_pathname(prefix),
    );
    builder.assets(&assets);
    for page in pages::all() {
        builder.page(page);
    }
    let registry = builder.build().map_err(|e: BuildError| e.to_string())?;
    let folio = Folio::new(registry)
        .shell(|view: &View<'_, Layout>| frame::shell(view, "axum"))
        .routing_input("language", language)
        .assets(&assets, "assets");
    let set_language = format!("{}/set-language", prefix.trim_end_matches('/'));
    let home = prefix.to_owned();
    Ok(folio.into_router().route(
        &set_language,
        get(move |q: RawQuery| set_language_handler(q, home.clone())),
    ))
}

/// The `language` routing input: the `lang` cookie the switch sets.
fn language(parts: &Parts) -> Option<String> {
    frame::language(
        parts
            .headers
            .get_all(COOKIE)
            .into_iter()
            .filter_map(|v| v.to_str().ok()),
    )
}

/// `GET set-language?lang=fr&next=/archive` (see `frame::set_language`).
async fn set_language_handler(RawQuery(raw): RawQuery, home: String) -> Response {
    let (next, cookie) = frame::set_language(raw.as_deref().unwrap_or(""), &home);
    let location = HeaderValue::from_str(&next).unwrap_or(HeaderValue::from_static("/"));
    let cookie =
        HeaderValue::from_str(&cookie).unwrap_or(HeaderValue::from_static("lang=en; Path=/"));
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, location), (SET_COOKIE, cookie)],
    )
        .into_response()
}

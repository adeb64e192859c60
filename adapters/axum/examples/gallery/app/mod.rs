//! The gallery app served by axum: the shared gallery (`folio-gallery`: pages discovered
//! from `examples/gallery/pages/`, content, document) and its server glue
//! (`examples/gallery/frame.rs`, also used by folio-actix) wired into an axum router, plus
//! the folio-wasm browser bundle when one was built. Widget state (the sidebar's region, the
//! widgets page's fields) lives in `tower-sessions`' memory store, one entry per browser
//! session that changed something.

#[path = "../../../../../examples/gallery/frame.rs"]
mod frame;

use std::path::{Path, PathBuf};

use axum::Router;
use axum::extract::RawQuery;
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use folio_axum::{AssetsDir, Folio, PageContext, View};
use folio_core::Registry;
use folio_gallery::Layout;
use folio_gallery::document::{Client, MenuTable};
use tower_http::services::ServeDir;
use tower_sessions::{MemoryStore, SessionManagerLayer};

/// The gallery's assets folder (meta images, the stylesheet, the logo), shared.
pub fn assets_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/gallery/assets"
    ))
}

/// The gallery's registry mounted under `prefix`, as served.
pub fn registry(prefix: &str) -> Result<Registry<Layout>, String> {
    let assets =
        AssetsDir::read(assets_dir()).map_err(|e| format!("{}: {e}", assets_dir().display()))?;
    folio_gallery::registry(prefix, &assets).map_err(|e| e.to_string())
}

/// The gallery mounted under `prefix` (`/`, or e.g. `/app/`), with the browser bundle in
/// `client` when it holds one (plain server-rendered navigation otherwise).
pub fn router(prefix: &str, client: Option<&Path>) -> Result<Router, String> {
    let assets =
        AssetsDir::read(assets_dir()).map_err(|e| format!("{}: {e}", assets_dir().display()))?;
    let registry = registry(prefix)?;
    let p = prefix.trim_end_matches('/');
    let bundle = client
        .filter(|dir| dir.join("gallery.js").is_file())
        .map(|dir| (format!("{p}/_pkg"), dir.to_path_buf()));
    let script = bundle
        .as_ref()
        .map(|(mount, _)| format!("{mount}/gallery.js"));
    let menus = MenuTable::new(&registry);
    let folio = Folio::with_layouts(registry, |layout: &Layout| {
        let layout = *layout;
        folio_axum::Layout::new(move |ctx: PageContext| async move { frame::render(&layout, &ctx) })
    })
    .shell(move |view: &View<'_, Layout>| {
        let client = script.as_deref().map_or(Client::Missing, Client::Bundle);
        frame::shell(view, &menus, "axum", client)
    })
    .routing_input("language", language)
    .widget_state()
    .assets(&assets, "assets");
    let set_language = format!("{p}/set-language");
    let home = prefix.to_owned();
    let mut router = folio.into_router().route(
        &set_language,
        get(move |q: RawQuery| set_language_handler(q, home.clone())),
    );
    if let Some((mount, dir)) = bundle {
        router = router.nest_service(&mount, ServeDir::new(dir));
    }
    // Plain http on a local address: the cookie cannot ask for https.
    let sessions = SessionManagerLayer::new(MemoryStore::default()).with_secure(false);
    Ok(router.layer(sessions))
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

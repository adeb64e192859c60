//! The gallery app: Dash's multi-page tutorial as a folio registry served by axum.

pub mod content;
pub mod document;
mod pages;

use std::path::PathBuf;

use axum::Router;
use axum::extract::RawQuery;
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use folio_axum::{AssetsDir, Folio, Layout, View};
use folio_core::{BuildError, Config, Query, RegistryBuilder};

use content::Lang;
use document::{Frame, Link};

/// The example's assets folder (meta images, the stylesheet, the logo).
pub fn assets_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/gallery/assets")
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
        .shell(shell)
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
    let cookies = parts
        .headers
        .get_all(COOKIE)
        .into_iter()
        .filter_map(|v| v.to_str().ok());
    let value = cookies
        .flat_map(|c| c.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang="))?;
    Some(Lang::from_code(Some(value)).code().to_owned())
}

/// Dash's `app.layout`: header with the registry's pages in order, a sidebar of the pages
/// whose `location` is `sidebar`, and the page.
fn shell(view: &View<'_, Layout>) -> String {
    let registry = view.registry();
    let nav: Vec<Link<'_>> = registry
        .pages()
        .filter(|p| p.extra_value("location").is_none() && p.path_template().is_none())
        .filter(|p| {
            registry
                .not_found_page()
                .is_none_or(|nf| !std::ptr::eq(nf, *p))
        })
        .map(|p| Link {
            href: p.relative_path(),
            label: p.name(),
            current: view.is_current(p),
        })
        .collect();
    let sidebar: Vec<Link<'_>> = registry
        .pages()
        .filter(|p| p.extra_value("location") == Some("sidebar"))
        .map(|p| Link {
            href: p.relative_path(),
            label: p.name(),
            current: view.is_current(p),
        })
        .collect();
    let frame = Frame {
        lang: Lang::from_code(view.input("language")),
        head: view.head(),
        prefix: registry.requests_prefix(),
        nav: &nav,
        sidebar: &sidebar,
        target: view.context().target(),
    };
    document::document(&frame, view.content())
}

/// `GET set-language?lang=fr&next=/archive`: remembers the language in a cookie and goes
/// back to `next` when it is a path on this site.
async fn set_language_handler(RawQuery(raw): RawQuery, home: String) -> Response {
    let query = Query::parse(raw.as_deref().unwrap_or(""));
    let lang = Lang::from_code(query.get("lang").as_deref());
    let next = query
        .get("next")
        .filter(|n| is_local(n))
        .map_or(home, |n| n.into_owned());
    let location = HeaderValue::from_str(&next).unwrap_or(HeaderValue::from_static("/"));
    let cookie = format!(
        "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let cookie =
        HeaderValue::from_str(&cookie).unwrap_or(HeaderValue::from_static("lang=en; Path=/"));
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, location), (SET_COOKIE, cookie)],
    )
        .into_response()
}

/// A path on this host: `/x`, never `//host`, `/\host` or a scheme.
fn is_local(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control())
}

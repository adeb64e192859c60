//! The gallery app served by actix-web: the shared pages, content and frame
//! (`examples/gallery/` at the repository root, also served by folio-axum) wired into an
//! actix-web `App`.

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
    pub use folio_actix::{Args, Layout, PageContext};
}

use std::path::PathBuf;

use actix_web::http::header::{COOKIE, LOCATION, SET_COOKIE};
use actix_web::web::{self as actix, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};
use folio_actix::{AssetsDir, Folio, Layout, View};
use folio_core::{BuildError, Config, RegistryBuilder};

/// The gallery's assets folder (meta images, the stylesheet, the logo), shared.
pub fn assets_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/gallery/assets"
    ))
}

/// The gallery mounted under `prefix` (`/`, or e.g. `/app/`): register it on every
/// worker's `App` with `App::new().configure(|cfg| gallery(cfg))`.
pub fn gallery(
    prefix: &str,
) -> Result<impl Fn(&mut ServiceConfig) + Clone + Send + 'static, String> {
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
        .shell(|view: &View<'_, Layout>| frame::shell(view, "actix-web"))
        .routing_input("language", language)
        .assets(&assets, "assets");
    let set_language = format!("{}/set-language", prefix.trim_end_matches('/'));
    let home = prefix.to_owned();
    Ok(move |cfg: &mut ServiceConfig| {
        let home = home.clone();
        cfg.route(
            &set_language,
            actix::get().to(move |req: HttpRequest| set_language_handler(req, home.clone())),
        );
        folio.configure(cfg);
    })
}

/// The `language` routing input: the `lang` cookie the switch sets.
fn language(req: &HttpRequest) -> Option<String> {
    frame::language(
        req.headers()
            .get_all(COOKIE)
            .filter_map(|v| v.to_str().ok()),
    )
}

/// `GET set-language?lang=fr&next=/archive` (see `frame::set_language`).
async fn set_language_handler(req: HttpRequest, home: String) -> HttpResponse {
    let (next, cookie) = frame::set_language(req.query_string(), &home);
    HttpResponse::SeeOther()
        .insert_header((LOCATION, next))
        .insert_header((SET_COOKIE, cookie))
        .finish()
}

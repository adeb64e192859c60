//! The gallery app served by actix-web: the shared gallery (`folio-gallery`: pages
//! discovered from `examples/gallery/pages/`, content, document) and its server glue
//! (`examples/gallery/frame.rs`, also used by folio-axum) wired into an actix-web `App`.
//! Navigation is server-rendered (the browser bundle is served by the axum gallery). Widget
//! state (the sidebar's region, the widgets page's fields) is kept by `actix-session`, in
//! memory (`memory_store.rs`).

#[path = "../../../../../examples/gallery/frame.rs"]
mod frame;
mod memory_store;

use std::path::PathBuf;

use actix_session::SessionMiddleware;
use actix_web::cookie::Key;
use actix_web::http::header::{COOKIE, LOCATION, SET_COOKIE};
use actix_web::web::{self as actix, ServiceConfig};
use actix_web::{HttpRequest, HttpResponse};
use folio_actix::{AssetsDir, Folio, PageContext, View};
use folio_core::Registry;
use folio_gallery::Layout;
use folio_gallery::document::{Client, MenuTable};
use memory_store::MemoryStore;

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

/// The gallery mounted under `prefix` (`/`, or e.g. `/app/`): register it on every
/// worker's `App` with `App::new().configure(|cfg| gallery(cfg))`.
pub fn gallery(
    prefix: &str,
) -> Result<impl Fn(&mut ServiceConfig) + Clone + Send + 'static, String> {
    let assets =
        AssetsDir::read(assets_dir()).map_err(|e| format!("{}: {e}", assets_dir().display()))?;
    let registry = registry(prefix)?;
    let menus = MenuTable::new(&registry);
    let folio = Folio::with_layouts(registry, |layout: &Layout| {
        let layout = *layout;
        folio_actix::Layout::new(
            move |ctx: PageContext| async move { frame::render(&layout, &ctx) },
        )
    })
    .shell(move |view: &View<'_, Layout>| frame::shell(view, &menus, "actix-web", Client::Missing))
    .routing_input("language", language)
    .widget_state()
    // Sessions live in memory, not in a cookie: the default limit (a cookie's) would refuse
    // states the axum gallery keeps. 64 KiB, what one request's query may carry by
    // default, still bounds what one browser can make the process hold.
    .widget_state_limit(64 * 1024)
    .assets(&assets, "assets");
    let set_language = format!("{}/set-language", prefix.trim_end_matches('/'));
    let home = prefix.to_owned();
    // Sessions last as long as the process.
    let (store, key) = (MemoryStore::default(), Key::generate());
    Ok(move |cfg: &mut ServiceConfig| {
        let home = home.clone();
        let set_language = set_language.clone();
        let folio = folio.clone();
        // The whole app in one scope, to wrap it in the session middleware.
        cfg.service(
            actix::scope("")
                .wrap(sessions(&store, &key))
                .configure(move |cfg| {
                    cfg.route(
                        &set_language,
                        actix::get()
                            .to(move |req: HttpRequest| set_language_handler(req, home.clone())),
                    );
                    folio.configure(cfg);
                }),
        );
    })
}

/// The session middleware that keeps widget state: every worker's gallery gets the same
/// store and `key` (which signs the session cookie).
fn sessions(store: &MemoryStore, key: &Key) -> SessionMiddleware<MemoryStore> {
    SessionMiddleware::builder(store.clone(), key.clone())
        // Plain http on a local address: the cookie cannot ask for https.
        .cookie_secure(false)
        .build()
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

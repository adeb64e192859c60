//! The gallery's browser bundle: the same pages as the servers (`folio-gallery`, discovered
//! from `examples/gallery/pages/`) rendered by folio-wasm, so following a link swaps the
//! page in place. The servers' document (`folio_gallery::document`) loads it as
//! `gallery.js` (`adapters/wasm/ci.sh bundle` builds it into `examples/gallery/pkg`); the
//! router swaps the inside of `<body>` with exactly what the server would send there.

use folio_core::{Argument, Registry, Resolution};
use folio_gallery::content::Lang;
use folio_gallery::document::{self, Frame, Menus};
use folio_gallery::{Layout, PageInput};
use folio_wasm::{Content, Router};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Starts client-side navigation over the gallery's registry; the prefix and the server's
/// name come from `<body data-prefix data-server>`.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let body = document.body().ok_or("no body")?;
    let prefix = body
        .get_attribute("data-prefix")
        .unwrap_or_else(|| "/".into());
    let server = body.get_attribute("data-server").unwrap_or_default();
    let build = || {
        folio_gallery::registry(&prefix, folio_gallery::ASSET_FILES)
            .map_err(|e| JsValue::from_str(e.kind()))
    };
    // The router decides what to show; the menus need the core's decision for the
    // address too (`active`, `breadcrumbs`), taken from a second copy of the registry.
    let menus: Registry<Layout> = build()?;
    let html_document = document.clone();
    let router = Router::new(build()?, body.unchecked_into(), move |m| {
        let location = web_sys::window().map(|w| w.location());
        let (pathname, search) = location
            .map(|l| {
                (
                    l.pathname().unwrap_or_default(),
                    l.search().unwrap_or_default(),
                )
            })
            .unwrap_or_default();
        if m.page().extra_value("client") == Some("server") {
            // Only the server can draw it: load it (the address is already pushed).
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
        let lang = language(&html_document);
        let arguments = m.arguments();
        let firsts: Vec<(&str, &str)> = arguments
            .iter()
            .filter_map(|(k, a)| match a {
                Argument::One(v) => Some((&**k, &**v)),
                Argument::Many(vs) => vs.first().map(|v| (&**k, &**v)),
            })
            .collect();
        let content = m.page().layout().render(&PageInput {
            lang,
            path: &pathname,
            prefix: menus.requests_prefix(),
            arguments: &firsts,
        });
        let current: Resolution<'_, '_, Layout> = menus.resolve_browser(&pathname, &search);
        let mut target = pathname.clone();
        target.push_str(&search);
        let frame = Frame {
            lang,
            prefix: menus.requests_prefix(),
            target: &target,
            server: &server,
        };
        let menus = Menus::from_registry(&menus, &current);
        Content::Html(document::body(&frame, &menus, &content))
    })?;
    // The router lives as long as the page.
    std::mem::forget(router);
    document
        .document_element()
        .ok_or("no html element")?
        .set_attribute("data-folio", "client")?;
    web_sys::console::info_1(&"folio: client-side navigation (folio-wasm)".into());
    Ok(())
}

/// The `lang` cookie, as the servers read it.
fn language(document: &web_sys::Document) -> Lang {
    let cookie = js_sys::Reflect::get(document, &"cookie".into())
        .ok()
        .and_then(|c| c.as_string())
        .unwrap_or_default();
    folio_gallery::language(core::iter::once(cookie.as_str())).unwrap_or(Lang::En)
}

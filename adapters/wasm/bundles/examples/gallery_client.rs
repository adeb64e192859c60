//! The gallery's browser bundle: the same pages as the servers (`folio-gallery`, discovered
//! from `examples/gallery/pages/`) rendered by folio-wasm, so following a link swaps the
//! page in place. The servers' document (`folio_gallery::document`) loads it as
//! `gallery.js` (`adapters/wasm/ci.sh bundle` builds it into `examples/gallery/pkg`). The
//! inside of `<body>` becomes exactly what the server would send there: on a click only
//! its parts that changed (`document::Body`: the menus, the language links, the region
//! form's action, `<main>`), so the header's image and the region's `<select>` are not
//! parsed and built again.
//!
//! Widget state (the sidebar's region, the widgets page's fields) is the server's, kept per
//! browser session, so the browser never edits it: a form submission is a page load, a page
//! only the server can draw (`client = server`: the widgets page) is loaded from the server,
//! and so is the first page after it (the server must see the user leave it, or the page's
//! fields would not reset). Other pages swap in place and draw the region control with the
//! value the server drew last. folio-wasm's `TabState` (state per tab) is not used: a second
//! copy of the state in the tab would disagree with the server's on the next page load.
#![cfg_attr(target_family = "wasm", no_std)]

extern crate alloc;

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

use folio_core::{BuildError, Registry, Resolution};
use folio_gallery::content::{Field, Lang};
use folio_gallery::document::{Body, Frame, Menus};
use folio_gallery::{Layout, PageInput};
use folio_wasm::{Content, Router};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, NodeList};

// The allocator and the panic handler (no `std` in the browser).
use folio_wasm_bundles as _;

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
    let html_document = document.clone();
    // The router renders the address once as it starts: the page the server just drew.
    let starting = Cell::new(true);
    let on_server_page = Cell::new(false);
    // The region control as the server last drew it (`Some(None)`: it draws none, as a
    // server that keeps no state); unknown while only a 404 page was seen.
    let region: RefCell<Option<Option<(String, String)>>> = RefCell::new(None);
    let container: Element = body.unchecked_into();
    let shown = RefCell::new(Body::default());
    // The elements of the body's parts (`Body::ELEMENTS`), found after a whole body is
    // drawn: an in-place update keeps them.
    let parts: RefCell<Option<NodeList>> = RefCell::new(None);
    let location = window.location();
    // The menus come from the router's own decision (`visit`): no second resolution.
    let router = Router::with_visits(build(&prefix)?, container.clone(), move |visit, m| {
        let starting = starting.replace(false);
        let server_only = m.page().extra_text("client") == Some("server");
        let leaving_server_page = on_server_page.replace(server_only);
        let current = visit.resolution();
        let is_page = !matches!(current, Resolution::NotFound(_));
        // After the start the body is this client's, drawn with `region`.
        if starting {
            match shown_region(&html_document) {
                Some(shown) => *region.borrow_mut() = Some(Some(shown)),
                None if is_page => *region.borrow_mut() = Some(None),
                None => {}
            }
        }
        let region = region.borrow();
        if starting && server_only {
            // Drawn by the server, with the state only it has: keep it.
            return Content::InPlace;
        }
        if !starting && (server_only || leaving_server_page || (is_page && region.is_none())) {
            // Only the server can draw it, or it must see the page change, or only it knows
            // the region the page shows: load the address (already pushed) from the server.
            let _ = location.reload();
            return Content::InPlace;
        }
        let lang = language(&html_document);
        // The address shown, as the browser's URL parser wrote it (the router took it from
        // `location` or the link); after a core redirect, read back from `location`, as
        // the browser may have re-encoded the core's address.
        let address: Cow<'_, str> = match current {
            Resolution::Redirect(_) => {
                let mut a = location.pathname().unwrap_or_default();
                a.push_str(&location.search().unwrap_or_default());
                Cow::Owned(a)
            }
            _ => Cow::Borrowed(visit.address().split('#').next().unwrap_or_default()),
        };
        let target: &str = &address;
        let pathname = target.split('?').next().unwrap_or_default();
        // The merged keyword arguments with the first value of a repeated key, as the
        // servers' `first_arguments()` give them, from the query's pairs: the path
        // variables, then each query key in first-appearance order with its first value.
        // Not `m.arguments()`: grouping every value (which no page reads) is 2.4 KB gzipped
        // of the bundle; an address's keys are few, so the scan stays short.
        let query = m.query();
        let pairs: Vec<_> = query.pairs().collect();
        let mut firsts: Vec<(&str, &str)> = m.variables().collect();
        for (key, value) in &pairs {
            if !firsts.iter().any(|(k, _)| k == key) {
                firsts.push((key, value));
            }
        }
        let registry = visit.registry();
        let content = m.page().layout().render(&PageInput {
            lang,
            path: pathname,
            prefix: registry.requests_prefix(),
            arguments: &firsts,
            widgets: None,
        });
        // The server draws the region control on every page it runs, not on the 404 page.
        let region = region
            .as_ref()
            .and_then(Option::as_ref)
            .filter(|_| is_page)
            .map(|(name, value)| Field { name, value });
        let frame = Frame {
            lang,
            prefix: registry.requests_prefix(),
            target,
            server: &server,
            region,
        };
        let menus = Menus::from_registry(registry, current);
        draw(
            &container,
            &mut shown.borrow_mut(),
            &mut parts.borrow_mut(),
            Body::new(&frame, &menus, &content),
        );
        Content::InPlace
    })?;
    // The router lives as long as the page.
    core::mem::forget(router);
    document
        .document_element()
        .ok_or("no html element")?
        .set_attribute("data-folio", "client")?;
    web_sys::console::info_1(&"folio: client-side navigation (folio-wasm)".into());
    Ok(())
}

/// The gallery's registry. A module error keeps its whole message: a page file whose
/// name the browser cannot infer without Unicode case mapping (the one build error only
/// the browser meets, as the servers map case in Unicode) says what to do about it. Any
/// other build error fails the servers' build of the same pages first, with its message;
/// here its kind (the other messages would be 1 KB gzipped of the bundle).
fn build(prefix: &str) -> Result<Registry<Layout>, JsValue> {
    folio_gallery::registry(prefix, folio_gallery::ASSET_FILES).map_err(|e| match &e {
        BuildError::Module { module, error } => {
            JsValue::from_str(&alloc::format!("module `{module}`: {error}"))
        }
        _ => JsValue::from_str(e.kind()),
    })
}

/// Draws `next` into `<body>`: only the parts that differ from `shown` (the body drawn
/// last; empty before the first), or the whole body when more differs or the parts'
/// elements are not all there. `parts` keeps the parts' elements between draws (`None`:
/// not looked up since the last whole body).
fn draw(container: &Element, shown: &mut Body, parts: &mut Option<NodeList>, next: Body) {
    if parts.is_none() {
        *parts = container.query_selector_all(Body::ELEMENTS).ok();
    }
    let elements = parts
        .as_ref()
        .filter(|list| list.length() as usize == next.parts());
    let in_place = elements.is_some_and(|elements| {
        shown.update(&next, &mut |i, attribute, value| {
            let element = elements
                .get(i as u32)
                .map(JsCast::unchecked_into::<Element>);
            match (element, attribute) {
                (Some(e), None) => e.set_inner_html(value),
                (Some(e), Some(name)) => drop(e.set_attribute(name, value)),
                (None, _) => {}
            }
        })
    });
    if !in_place {
        container.set_inner_html(next.html());
        *parts = None;
    }
    *shown = next;
}

/// The region control the server drew (`document::body`): its field name and the value of
/// its selected option (`""` when none is).
fn shown_region(document: &web_sys::Document) -> Option<(String, String)> {
    let select = document.get_element_by_id("app-region")?;
    let name = select.get_attribute("name")?;
    let value = document
        .query_selector("#app-region option[selected]")
        .ok()
        .flatten()
        .and_then(|option| option.get_attribute("value"))
        .unwrap_or_default();
    Some((name, value))
}

/// The `lang` cookie, as the servers read it.
fn language(document: &web_sys::Document) -> Lang {
    let cookie = document
        .unchecked_ref::<web_sys::HtmlDocument>()
        .cookie()
        .unwrap_or_default();
    folio_gallery::language(core::iter::once(cookie.as_str())).unwrap_or(Lang::En)
}

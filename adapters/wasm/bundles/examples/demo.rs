//! The bundle `ci.sh size` measures: folio-core + folio-wasm with a small page table
//! rendered to HTML strings. Load it into a page with `<div id="page-container">`.
#![cfg_attr(target_family = "wasm", no_std)]

extern crate alloc;

use alloc::string::String;

use folio_core::{Argument, Config, PageSpec, RegistryBuilder, Text, write_escaped};
use folio_wasm::{Content, Router};
use wasm_bindgen::prelude::*;

// The allocator and the panic handler (no `std` in the browser).
use folio_wasm_bundles as _;

/// Builds the registry and starts routing into `#page-container`.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let mut pages = RegistryBuilder::new(Config::new().title("folio demo"));
    pages.page(
        PageSpec::new("pages.home")
            .path("/")
            .title("Home")
            .layout("Welcome"),
    );
    pages.page(PageSpec::new("pages.weekly_analytics").layout("Weekly numbers"));
    pages.page(
        PageSpec::new("pages.report")
            .path_template("/report/<year>/<month>")
            .title(Text::computed(|v| {
                let mut t = String::from("Report ");
                for (_, value) in v {
                    t.push_str(value);
                    t.push(' ');
                }
                t
            }))
            .redirect_from("/old-report/<year>/<month>")
            .layout("Report"),
    );
    pages.page(PageSpec::new("pages.not_found_404").layout("Nothing here"));
    let registry = pages.build().map_err(|e| JsValue::from_str(e.kind()))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let container = document
        .get_element_by_id("page-container")
        .ok_or("no #page-container")?;
    let router = Router::new(registry, container, |m| {
        let mut html = String::from("<h1>");
        let _ = write_escaped(&mut html, m.page().layout());
        html.push_str("</h1><ul>");
        for (key, value) in m.arguments() {
            html.push_str("<li>");
            let _ = write_escaped(&mut html, &key);
            html.push_str(": ");
            match value {
                Argument::One(v) => {
                    let _ = write_escaped(&mut html, &v);
                }
                Argument::Many(vs) => {
                    for v in vs {
                        let _ = write_escaped(&mut html, &v);
                        html.push(' ');
                    }
                }
            }
            html.push_str("</li>");
        }
        html.push_str("</ul>");
        Content::Html(html)
    })?;
    // The router lives as long as the page.
    core::mem::forget(router);
    Ok(())
}

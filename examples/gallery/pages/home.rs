//! `pages/home.py`: `register_page(__name__, path="/")`.

use alloc::string::String;

use crate::{Layout, PageInput, content};
use folio_core::PageSpec;

/// The page.
pub fn page() -> PageSpec<'static, Layout> {
    PageSpec::new(module_path!())
        .path("/")
        .title("Folio Gallery")
        .description("A small multi-page app: Dash Pages rebuilt in Rust with folio.")
        .layout(Layout(layout))
}

fn layout(input: &PageInput<'_>) -> String {
    content::home(input.lang)
}

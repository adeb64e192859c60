//! `pages/home.py`: `register_page(__name__, path="/")`.

use crate::app::web::{Layout, PageContext};
use folio_core::PageSpec;

use crate::app::content;

pub fn page() -> PageSpec<Layout> {
    PageSpec::new(module_path!())
        .path("/")
        .title("Folio Gallery")
        .description("A small multi-page app: Dash Pages rebuilt in Rust with folio.")
        .layout(Layout::new(layout))
}

async fn layout(ctx: PageContext) -> String {
    content::home(super::lang(&ctx))
}

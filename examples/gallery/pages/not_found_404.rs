//! `pages/not_found_404.py`: the custom 404 page (found by its module name).

use crate::app::web::{Layout, PageContext};
use folio_core::PageSpec;

use crate::app::content;

pub fn page() -> PageSpec<Layout> {
    PageSpec::new(module_path!())
        .title("Not found · Folio Gallery")
        .layout(Layout::new(layout))
}

async fn layout(ctx: PageContext) -> String {
    let path = ctx.target().split('?').next().unwrap_or("");
    content::not_found(super::lang(&ctx), path, ctx.requests_prefix())
}

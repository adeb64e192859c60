//! `path_template="/report/<report_id>"`.

use crate::app::web::{Layout, PageContext};
use folio_core::PageSpec;

use crate::app::content;

pub fn page() -> PageSpec<Layout> {
    PageSpec::new(module_path!())
        .path_template("/report/<report_id>")
        .title("Report · Folio Gallery")
        .layout(Layout::new(layout))
}

async fn layout(ctx: PageContext) -> String {
    content::report(
        super::lang(&ctx),
        ctx.variable("report_id").unwrap_or_default(),
    )
}

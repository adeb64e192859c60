//! `pages/archive.py`: query arguments shown, and two old addresses redirected here.

use crate::app::web::{Args, Layout, PageContext};
use folio_core::PageSpec;
use serde::Deserialize;

use crate::app::content;

pub fn page() -> PageSpec<Layout> {
    PageSpec::new(module_path!())
        .path("/archive")
        .title("Archive · Folio Gallery")
        .redirect_from("/archive-2021")
        .redirect_from("/archive-2020")
        .description("The archive page shows previously generated reports.")
        .layout(Layout::new(layout))
}

/// `def layout(report_id=None, department_id=None, **other_unknown_query_strings)`.
#[derive(Deserialize)]
struct Query {
    report_id: Option<String>,
    department_id: Option<String>,
}

async fn layout(ctx: PageContext, Args(q): Args<Query>) -> String {
    content::archive(
        super::lang(&ctx),
        q.report_id.as_deref(),
        q.department_id.as_deref(),
    )
}

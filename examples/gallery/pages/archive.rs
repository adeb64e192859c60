//! `pages/archive.py`: query arguments shown, and two old addresses redirected here.

use alloc::string::String;

use crate::{Layout, PageInput, content};
use folio_core::PageSpec;

/// The page.
pub fn page() -> PageSpec<'static, Layout> {
    PageSpec::new(module_path!())
        .path("/archive")
        .title("Archive · Folio Gallery")
        .redirect_from("/archive-2021")
        .redirect_from("/archive-2020")
        .description("The archive page shows previously generated reports.")
        .layout(Layout(layout))
}

/// `def layout(report_id=None, department_id=None, **other_unknown_query_strings)`.
fn layout(input: &PageInput<'_>) -> String {
    content::archive(
        input.lang,
        input.argument("report_id"),
        input.argument("department_id"),
    )
}

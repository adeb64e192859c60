//! `path_template="/report/<report_id>"`.

use alloc::string::String;

use crate::{Layout, PageInput, content};
use folio_core::PageSpec;

/// The page.
pub fn page() -> PageSpec<'static, Layout> {
    PageSpec::new(module_path!())
        .path_template("/report/<report_id>")
        .title("Report · Folio Gallery")
        .layout(Layout(layout))
}

fn layout(input: &PageInput<'_>) -> String {
    content::report(input.lang, input.argument("report_id").unwrap_or_default())
}

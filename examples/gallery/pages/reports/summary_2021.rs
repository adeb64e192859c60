//! `pages/reports/summary_2021.py`: listed in the sidebar through a custom key, under the
//! "reports" section.

use alloc::string::String;

use crate::{Layout, PageInput, content};
use folio_core::PageSpec;

/// The page.
pub fn page() -> PageSpec<'static, Layout> {
    PageSpec::new(module_path!())
        .title("2021 Summary · Folio Gallery")
        .extra("location", "sidebar")
        .extra("section", "reports")
        .layout(Layout(layout))
}

fn layout(input: &PageInput<'_>) -> String {
    content::summary(input.lang, 2021)
}

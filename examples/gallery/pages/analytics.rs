//! `pages/analytics.py`: a city picked in a form; its GET query re-renders the page.

use alloc::string::String;

use crate::{Layout, PageInput, content};
use folio_core::PageSpec;

/// The page.
pub fn page() -> PageSpec<'static, Layout> {
    PageSpec::new(module_path!())
        .title("Analytics · Folio Gallery")
        .description("Pick a city and see it selected.")
        .layout(Layout(layout))
}

/// `def layout(city=None, **other_unknown_query_strings)`.
fn layout(input: &PageInput<'_>) -> String {
    content::analytics(input.lang, input.path, input.argument("city"))
}

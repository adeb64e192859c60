//! `pages/not_found_404.py`: the custom 404 page (found by its module name).

use alloc::string::String;

use crate::{Layout, PageInput, content};
use folio_core::PageSpec;

/// The page.
pub fn page() -> PageSpec<'static, Layout> {
    PageSpec::new(module_path!())
        .title("Not found · Folio Gallery")
        .layout(Layout(layout))
}

fn layout(input: &PageInput<'_>) -> String {
    content::not_found(input.lang, input.path, input.prefix)
}

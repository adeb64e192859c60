//! `pages/reports/summary_2020.py`: listed in the sidebar through a custom key.

use crate::app::web::{Layout, PageContext};
use folio_core::PageSpec;

use crate::app::content;

pub fn page() -> PageSpec<Layout> {
    PageSpec::new(module_path!())
        .title("2020 Summary · Folio Gallery")
        .extra("location", "sidebar")
        .layout(Layout::new(layout))
}

async fn layout(ctx: PageContext) -> String {
    content::summary(super::super::lang(&ctx), 2020)
}

//! `pages/analytics.py`: a city picked in a form; its GET query re-renders the page.

use crate::app::web::{Args, Layout, PageContext};
use folio_core::PageSpec;
use serde::Deserialize;

use crate::app::content;

pub fn page() -> PageSpec<Layout> {
    PageSpec::new(module_path!())
        .title("Analytics · Folio Gallery")
        .description("Pick a city and see it selected.")
        .layout(Layout::new(layout))
}

/// The layout's keyword arguments, typed.
#[derive(Deserialize)]
struct Query {
    city: Option<String>,
}

async fn layout(ctx: PageContext, Args(q): Args<Query>) -> String {
    let action = ctx.target().split('?').next().unwrap_or("");
    content::analytics(super::lang(&ctx), action, q.city.as_deref())
}

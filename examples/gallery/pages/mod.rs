//! One module per page, as Dash's `pages/` folder: each registers itself with
//! `module_path!()`, so its path and name are inferred as Dash infers them.

use crate::app::web::{Layout, PageContext};
use folio_core::PageSpec;

use super::content::Lang;

mod analytics;
mod archive;
mod asset;
mod home;
mod not_found_404;
mod report;
mod reports;

/// Every page, in no particular order: the registry sorts them.
pub fn all() -> Vec<PageSpec<Layout>> {
    vec![
        home::page(),
        analytics::page(),
        archive::page(),
        reports::summary_2020::page(),
        reports::summary_2021::page(),
        report::page(),
        asset::page(),
        not_found_404::page(),
    ]
}

/// The language routing input, as every page receives it.
fn lang(ctx: &PageContext) -> Lang {
    Lang::from_code(ctx.input("language"))
}

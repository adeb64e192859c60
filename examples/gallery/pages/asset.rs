//! Two path variables, with the title and description computed from them.

use crate::app::web::{Layout, PageContext};
use folio_core::{PageSpec, Text};

use crate::app::content;

pub fn page() -> PageSpec<Layout> {
    PageSpec::new(module_path!())
        .path_template("/asset/<asset_id>/department/hello-<dept_id>")
        .title(Text::computed(|vars| {
            content::asset_title(var(vars, "asset_id"), var(vars, "dept_id"))
        }))
        .description(Text::computed(|vars| {
            content::asset_description(var(vars, "asset_id"), var(vars, "dept_id"))
        }))
        .layout(Layout::new(layout))
}

fn var<'a>(vars: &[(&str, &'a str)], name: &str) -> &'a str {
    vars.iter()
        .find(|(n, _)| *n == name)
        .map_or("None", |(_, v)| v)
}

async fn layout(ctx: PageContext) -> String {
    let (asset, dept) = (
        ctx.variable("asset_id").unwrap_or_default(),
        ctx.variable("dept_id").unwrap_or_default(),
    );
    content::asset(super::lang(&ctx), asset, dept)
}

//! Two path variables, with the title and description computed from them.

use alloc::string::String;

use crate::{Layout, PageInput, content};
use folio_core::{PageSpec, Text};

/// The page.
pub fn page() -> PageSpec<'static, Layout> {
    PageSpec::new(module_path!())
        .path_template("/asset/<asset_id>/department/hello-<dept_id>")
        .title(Text::computed(|vars| {
            content::asset_title(var(vars, "asset_id"), var(vars, "dept_id"))
        }))
        .description(Text::computed(|vars| {
            content::asset_description(var(vars, "asset_id"), var(vars, "dept_id"))
        }))
        .layout(Layout(layout))
}

fn var<'a>(vars: &[(&str, &'a str)], name: &str) -> &'a str {
    vars.iter()
        .find(|(n, _)| *n == name)
        .map_or("None", |(_, v)| v)
}

fn layout(input: &PageInput<'_>) -> String {
    content::asset(
        input.lang,
        input.argument("asset_id").unwrap_or_default(),
        input.argument("dept_id").unwrap_or_default(),
    )
}

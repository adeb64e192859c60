//! The widgets corner: the three lifetimes of Streamlit's *Working with widgets in multipage
//! apps*, as folio's state lifecycle gives them (POLICY "State lifecycle"). The sidebar's
//! region is an App-scope control drawn by the frame on every page; this page lists the
//! reports of that region, with a search field that belongs to the page (persist None: it
//! clears once you visit another page) and a name that is persisted for the whole visit
//! (persist Session). Only the server keeps the state, so only the server draws this page.

use alloc::string::String;

use crate::{Layout, PageInput, content};
use folio_core::PageSpec;
#[cfg(feature = "widget-state")]
use {
    crate::{Place, REGION},
    folio_core::streamlit::Persist,
};

/// The page.
pub fn page() -> PageSpec<'static, Layout> {
    PageSpec::new(module_path!())
        .title("Widgets · Folio Gallery")
        .description("Three fields, three lifetimes: widget state across pages.")
        .extra("client", "server")
        .layout(Layout(layout))
}

fn layout(input: &PageInput<'_>) -> String {
    // Without the feature (the browser bundle, which keeps no state) only the notice is
    // drawn, and the server draws the page anyway (`client = server`).
    #[cfg(feature = "widget-state")]
    if let Some(state) = input.widgets {
        return drawn(input, state);
    }
    content::widgets_unavailable(input.lang)
}

/// The page from the run's widget state.
#[cfg(feature = "widget-state")]
fn drawn(input: &PageInput<'_>, state: &dyn crate::WidgetState) -> String {
    let search = state.text(Place::Page, "search", "", Persist::None);
    let name = state.text(Place::Page, "name", "", Persist::Session);
    // The frame registers the region after the page; its value is already the session's.
    let region = state.get(REGION).unwrap_or_default();
    content::widgets(
        input.lang,
        input.path,
        &region,
        content::Field {
            name: &state.field(Place::Page, "search"),
            value: &search,
        },
        content::Field {
            name: &state.field(Place::Page, "name"),
            value: &name,
        },
    )
}

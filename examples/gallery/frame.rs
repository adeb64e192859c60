//! The gallery's server glue, the same for every server adapter: a page's layout run on a
//! request, the app shell (Dash's `app.layout`: `folio_gallery::document` with the menus of
//! the core's navigation model, computed once per page), the `language` routing input read
//! from the `lang` cookie, and the language switch's answer. Each adapter's `app` module
//! only wires these into its framework.

use std::sync::LazyLock;

use folio_core::Query;
use folio_core::streamlit::{Persist, Scope, WidgetId};
use folio_gallery::content::{Field, Lang, REGIONS};
use folio_gallery::document::{self, Client, Frame, MenuTable};
use folio_gallery::{Layout, PageInput, Place, REGION, WidgetState};
use folio_server_common::{RequestContext, View, Widgets};

/// Runs a page's layout (a plain function, the same one the browser runs) on a request.
pub fn render(layout: &Layout, ctx: &RequestContext) -> String {
    // On the stack for the usual few (a page request makes this every time).
    let mut inline = [("", ""); 8];
    let spilled: Vec<(&str, &str)>;
    let count = ctx.first_arguments().count();
    let arguments = if count <= inline.len() {
        for (slot, argument) in inline.iter_mut().zip(ctx.first_arguments()) {
            *slot = argument;
        }
        &inline[..count]
    } else {
        spilled = ctx.first_arguments().collect();
        &spilled[..]
    };
    let state = ctx.widgets().map(SessionState);
    layout.render(&PageInput {
        lang: Lang::from_code(ctx.input("language")),
        path: ctx.path(),
        prefix: ctx.requests_prefix(),
        arguments,
        widgets: state.as_ref().map(|s| s as &dyn WidgetState),
    })
}

/// The gallery's view of a run's widget state (the browser session's: the adapters'
/// `Folio::widget_state`).
#[derive(Debug)]
struct SessionState<'a>(&'a Widgets);

impl SessionState<'_> {
    fn id(&self, place: Place, key: &str) -> WidgetId {
        match place {
            Place::App => self.0.on_app(key),
            Place::Page => self.0.on_page(key),
        }
    }
}

impl WidgetState for SessionState<'_> {
    fn text(&self, place: Place, key: &str, default: &str, persist: Persist) -> String {
        // A page's own mistake (a key registered twice) shows the default, as a page
        // without state would.
        self.0
            .text(self.id(place, key), default, persist)
            .unwrap_or_else(|_| default.to_owned())
    }

    fn field(&self, place: Place, key: &str) -> String {
        Widgets::field(&self.id(place, key))
    }

    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key).map(|value| match value {
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        })
    }
}

/// The form field of the app-wide region control: the same on every page, so made once
/// rather than on every request.
static REGION_FIELD: LazyLock<String> =
    LazyLock::new(|| Widgets::field(&WidgetId::user(Scope::App, REGION)));

/// Dash's `app.layout` around the page; `menus` is the registry's [`MenuTable`] (made once,
/// at start-up), `server` is named in the footer, `client` says whether the browser bundle
/// takes over navigation.
pub fn shell(
    view: &View<'_, Layout>,
    menus: &MenuTable,
    server: &str,
    client: Client<'_>,
) -> String {
    let registry = view.registry();
    // The page the core matched: the menus mark it; the 404 page marks none.
    let shown = view.page().filter(|_| !view.context().is_not_found());
    // The app-wide control, registered on every page that runs (App scope).
    let region = view.context().widgets().map(|w| {
        let default = REGIONS[0].0;
        w.text(w.on_app(REGION), default, Persist::None)
            .unwrap_or_else(|_| default.to_owned())
    });
    let frame = Frame {
        lang: Lang::from_code(view.input("language")),
        prefix: registry.requests_prefix(),
        target: view.context().target(),
        server,
        region: region.as_deref().map(|value| Field {
            name: &REGION_FIELD,
            value,
        }),
    };
    let menus = menus.menus(registry, shown);
    document::document(&frame, view.head(), client, &menus, view.content())
}

/// The `language` routing input: the `lang` cookie the switch sets, from the request's
/// `Cookie` header values.
pub fn language<'a>(cookie_headers: impl Iterator<Item = &'a str>) -> Option<String> {
    folio_gallery::language(cookie_headers).map(|lang| lang.code().to_owned())
}

/// `GET set-language?lang=fr&next=/archive`: remembers the language in a cookie and goes
/// back to `next` when it is a path on this site (`home` otherwise). Answered with 303:
/// returns `(Location, Set-Cookie)`.
pub fn set_language(raw_query: &str, home: &str) -> (String, String) {
    let query = Query::parse(raw_query);
    let lang = Lang::from_code(query.get("lang").as_deref());
    let next = query
        .get("next")
        .filter(|n| is_local(n))
        .map_or_else(|| home.to_owned(), |n| n.into_owned());
    let cookie = format!(
        "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    (next, cookie)
}

/// A path on this host: `/x`, never `//host`, `/\host` or a scheme.
fn is_local(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control())
}

//! The gallery's frame, the same for every adapter: the app shell (Dash's `app.layout`,
//! drawn from the registry through `folio_server_common::View`), the `language` routing
//! input read from the `lang` cookie, and the language switch's answer. Each adapter's
//! `app` module only wires these into its framework.

use folio_core::Query;
use folio_server_common::View;

use super::content::Lang;
use super::document::{self, Frame, Link};

/// Dash's `app.layout`: header with the registry's pages in order, a sidebar of the pages
/// whose `location` is `sidebar`, and the page; `server` is named in the footer.
pub fn shell<T>(view: &View<'_, T>, server: &str) -> String {
    let registry = view.registry();
    let nav: Vec<Link<'_>> = registry
        .pages()
        .filter(|p| p.extra_value("location").is_none() && p.path_template().is_none())
        .filter(|p| {
            registry
                .not_found_page()
                .is_none_or(|nf| !std::ptr::eq(nf, *p))
        })
        .map(|p| Link {
            href: p.relative_path(),
            label: p.name(),
            current: view.is_current(p),
        })
        .collect();
    let sidebar: Vec<Link<'_>> = registry
        .pages()
        .filter(|p| p.extra_value("location") == Some("sidebar"))
        .map(|p| Link {
            href: p.relative_path(),
            label: p.name(),
            current: view.is_current(p),
        })
        .collect();
    let frame = Frame {
        lang: Lang::from_code(view.input("language")),
        head: view.head(),
        prefix: registry.requests_prefix(),
        nav: &nav,
        sidebar: &sidebar,
        target: view.context().target(),
        server,
    };
    document::document(&frame, view.content())
}

/// The `language` routing input: the `lang` cookie the switch sets, from the request's
/// `Cookie` header values.
pub fn language<'a>(cookie_headers: impl Iterator<Item = &'a str>) -> Option<String> {
    let value = cookie_headers
        .flat_map(|c| c.split(';'))
        .find_map(|c| c.trim().strip_prefix("lang="))?;
    Some(Lang::from_code(Some(value)).code().to_owned())
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

//! The gallery's HTML document (Dash's `app.layout`): a header with the top navigation and
//! the language switch, a sidebar, breadcrumbs, and the page in the middle. Every menu comes
//! from the core's navigation model (`Registry::navigation`), so the servers and the browser
//! draw the same menus from the same registry. The menus depend only on the page shown, so
//! a server computes them once per page at start-up ([`MenuTable`]).

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use folio_core::{Active, NavEntry, Page, Query, Registry, Resolution};

use crate::content::{Field, Lang, REGIONS, esc};

/// Everything around the page but the head.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// The language of the menus and labels.
    pub lang: Lang,
    /// The app's requests prefix (`/` or `/app/`).
    pub prefix: &'a str,
    /// The current request target (path and query), where the language switch comes back
    /// to.
    pub target: &'a str,
    /// The web framework, named in the footer (`axum`, `actix-web`).
    pub server: &'a str,
    /// The app-wide region control at the top of the sidebar; `None` where no run keeps
    /// widget state (the 404 page).
    pub region: Option<Field<'a>>,
}

/// How the browser bundle is offered in the head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client<'a> {
    /// The folio-wasm bundle's JavaScript module at this URL: it takes over navigation.
    Bundle(&'a str),
    /// No bundle was built: server-rendered navigation, said once in the browser console.
    Missing,
}

/// Addresses worth a click, relative to the prefix, and their labels (both as HTML).
const EXAMPLES: [(&str, &str); 5] = [
    ("report/7", "/report/7"),
    (
        "asset/a100/department/hello-sales",
        "/asset/a100/department/hello-sales",
    ),
    (
        "archive?report_id=9&amp;department_id=55",
        "/archive?report_id=9&amp;department_id=55",
    ),
    ("archive-2021", "/archive-2021 → /archive"),
    ("no/such/page", "/no/such/page"),
];

/// One menu link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link<'a> {
    /// The address, with the prefix.
    pub href: &'a str,
    /// The label.
    pub label: &'a str,
    /// The page being shown.
    pub current: bool,
    /// A full page load even with the browser bundle (a page only the server can draw).
    pub external: bool,
}

/// The menus around a page: the top navigation, the sidebar's sections and the
/// breadcrumb trail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Menus<'a> {
    /// The top navigation.
    pub nav: Vec<Link<'a>>,
    /// The sidebar: `(section key, links)`, the heading translated from the key.
    pub sidebar: Vec<(Option<&'a str>, Vec<Link<'a>>)>,
    /// From the root to the current page; drawn when longer than one.
    pub crumbs: Vec<Link<'a>>,
}

impl<'a> Menus<'a> {
    /// The menus of a registry for the core's decision about the current address, from
    /// its navigation model: the top menu is every listed entry without a `location`, the
    /// sidebar the entries with `location = sidebar` grouped by `section`, the current
    /// entry the exactly active one, and the crumbs the core's breadcrumbs.
    pub fn from_registry<T>(registry: &'a Registry<T>, current: &Resolution<'_, '_, T>) -> Self {
        let page = match current {
            Resolution::Page(m) => Some(m.page()),
            Resolution::Redirect(r) => Some(r.page().page()),
            _ => None,
        };
        Menus::for_page(registry, page)
    }

    /// [`from_registry`](Self::from_registry) when `page` is shown (`None`: no page, as
    /// on the 404 page).
    pub fn for_page<T>(registry: &'a Registry<T>, page: Option<&Page<T>>) -> Self {
        let nav = registry.navigation();
        let link = |e: &NavEntry<'a, T>| Link {
            href: e.href(),
            label: e.name(),
            current: nav.active_for(e, page) == Active::Exact,
            external: e.key("client") == Some("server"),
        };
        let sidebar = nav
            .sections()
            .into_iter()
            .map(|(section, entries)| {
                let links: Vec<Link<'a>> = entries
                    .iter()
                    .filter(|e| e.key("location") == Some("sidebar"))
                    .map(link)
                    .collect();
                (section, links)
            })
            .filter(|(_, links)| !links.is_empty())
            .collect();
        Menus {
            nav: nav
                .entries()
                .filter(|e| e.key("location").is_none())
                .map(|e| link(&e))
                .collect(),
            sidebar,
            crumbs: nav.breadcrumbs_for(page).iter().map(link).collect(),
        }
    }
}

/// The menus of every page of a registry, computed once (a server draws them on every
/// request; they depend only on the page shown). Lookups take the registry the table was
/// made from.
///
/// ```
/// # use folio_gallery::document::{MenuTable, Menus};
/// let registry = folio_gallery::registry("/", folio_gallery::ASSET_FILES).unwrap();
/// let table = MenuTable::new(&registry);
/// let here = registry.resolve("/analytics", "");
/// let folio_core::Resolution::Page(m) = &here else { panic!() };
/// assert_eq!(table.menus(&registry, Some(m.page())), Menus::from_registry(&registry, &here));
/// ```
#[derive(Debug, Clone)]
pub struct MenuTable {
    /// By page, in registry order.
    pages: Vec<OwnedMenus>,
    /// When no page is shown.
    none: OwnedMenus,
}

impl MenuTable {
    /// The menus of every page of `registry`.
    pub fn new<T>(registry: &Registry<T>) -> Self {
        MenuTable {
            pages: registry
                .pages()
                .map(|p| OwnedMenus::new(&Menus::for_page(registry, Some(p))))
                .collect(),
            none: OwnedMenus::new(&Menus::for_page(registry, None)),
        }
    }

    /// The menus when `page` of `registry` is shown (`None`: no page). A page of another
    /// registry gets the menus of no page.
    pub fn menus<T>(&self, registry: &Registry<T>, page: Option<&Page<T>>) -> Menus<'_> {
        page.and_then(|page| registry.pages().position(|p| core::ptr::eq(p, page)))
            .and_then(|i| self.pages.get(i))
            .unwrap_or(&self.none)
            .menus()
    }
}

#[derive(Debug, Clone)]
struct OwnedLink {
    href: String,
    label: String,
    current: bool,
    external: bool,
}

#[derive(Debug, Clone)]
struct OwnedMenus {
    nav: Vec<OwnedLink>,
    sidebar: Vec<(Option<String>, Vec<OwnedLink>)>,
    crumbs: Vec<OwnedLink>,
}

impl OwnedMenus {
    fn new(menus: &Menus<'_>) -> Self {
        let links = |links: &[Link<'_>]| -> Vec<OwnedLink> {
            links
                .iter()
                .map(|l| OwnedLink {
                    href: l.href.to_owned(),
                    label: l.label.to_owned(),
                    current: l.current,
                    external: l.external,
                })
                .collect()
        };
        OwnedMenus {
            nav: links(&menus.nav),
            sidebar: menus
                .sidebar
                .iter()
                .map(|(section, l)| (section.map(str::to_owned), links(l)))
                .collect(),
            crumbs: links(&menus.crumbs),
        }
    }

    fn menus(&self) -> Menus<'_> {
        fn links(links: &[OwnedLink]) -> Vec<Link<'_>> {
            links
                .iter()
                .map(|l| Link {
                    href: &l.href,
                    label: &l.label,
                    current: l.current,
                    external: l.external,
                })
                .collect()
        }
        Menus {
            nav: links(&self.nav),
            sidebar: self
                .sidebar
                .iter()
                .map(|(section, l)| (section.as_deref(), links(l)))
                .collect(),
            crumbs: links(&self.crumbs),
        }
    }
}

/// The whole document: `head` is the escaped `<title>` and meta tags, `content` the
/// page's fragment.
pub fn document(
    frame: &Frame<'_>,
    head: &str,
    client: Client<'_>,
    menus: &Menus<'_>,
    content: &str,
) -> String {
    let p = frame.prefix.trim_end_matches('/');
    let mut out = String::with_capacity(4096 + content.len());
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{head}\n\
         <link rel=\"icon\" href=\"{p}/assets/logo.svg\">\n<link rel=\"stylesheet\" href=\"{p}/assets/style.css\">\n",
        frame.lang.code(),
    ));
    match client {
        Client::Bundle(url) => out.push_str(&format!(
            "<script type=\"module\">import start from \"{}\"; start();</script>\n",
            esc(url)
        )),
        Client::Missing => out.push_str(
            "<script data-folio=\"no-bundle\">console.info(\"folio: no browser bundle was built (adapters/wasm/ci.sh bundle): server-rendered navigation\")</script>\n",
        ),
    }
    out.push_str(&format!(
        "</head>\n<body data-prefix=\"{}\" data-server=\"{}\">",
        esc(frame.prefix),
        esc(frame.server)
    ));
    out.push_str(&body(frame, menus, content));
    // Nothing after `</body>`: a parser would move that whitespace into the body, which
    // the browser bundle swaps.
    out.push_str("</body></html>");
    out
}

/// The inside of `<body>`: what the browser router swaps on a client-side navigation.
/// Written piece by piece (no `format!`): each `format!` is code of its own in the browser
/// bundle, which draws this on every navigation.
pub fn body(frame: &Frame<'_>, menus: &Menus<'_>, content: &str) -> String {
    let p = frame.prefix.trim_end_matches('/');
    let lang = frame.lang;
    let mut out = String::with_capacity(3072 + content.len());
    for piece in [
        "\n<header class=\"top\">\n<a class=\"brand\" href=\"",
        p,
        "/\"><img src=\"",
        p,
        "/assets/logo.svg\" alt=\"\" width=\"28\" height=\"28\"><span>",
        lang.t("app"),
        "</span></a>\n<nav class=\"menu\">\n",
    ] {
        out.push_str(piece);
    }
    for link in &menus.nav {
        push_link(&mut out, link);
    }
    let next = query_encode(frame.target);
    out.push_str("</nav>\n<div class=\"lang\">\n");
    for (other, label) in [(Lang::En, "EN"), (Lang::Fr, "FR")] {
        // A server route, not a page: a full page load.
        out.push_str(if other == lang {
            "<a class=\"current\" data-external href=\""
        } else {
            "<a data-external href=\""
        });
        for piece in [
            p,
            "/set-language?lang=",
            other.code(),
            "&amp;next=",
            &next,
            "\">",
            label,
            "</a>\n",
        ] {
            out.push_str(piece);
        }
    }
    out.push_str("</div>\n</header>\n<div class=\"layout\">\n<aside class=\"side\">\n");
    if let Some(region) = &frame.region {
        push_region(&mut out, frame, region);
    }
    for (section, links) in &menus.sidebar {
        if let Some(section) = section {
            out.push_str("<h3>");
            push_escaped(&mut out, lang.t_or(section));
            out.push_str("</h3>\n");
        }
        out.push_str("<nav>\n");
        for link in links {
            push_link(&mut out, link);
        }
        out.push_str("</nav>\n");
    }
    out.push_str("<h3>");
    out.push_str(lang.t("try"));
    out.push_str("</h3>\n<nav class=\"examples\">\n");
    for (href, label) in EXAMPLES {
        for piece in ["<a href=\"", p, "/", href, "\">", label, "</a>\n"] {
            out.push_str(piece);
        }
    }
    out.push_str("</nav>\n</aside>\n<main id=\"page-content\">\n");
    if let [ancestors @ .., last] = &menus.crumbs[..] {
        if !ancestors.is_empty() {
            out.push_str("<nav class=\"crumbs\" aria-label=\"breadcrumbs\">");
            for link in ancestors {
                out.push_str("<a href=\"");
                push_escaped(&mut out, link.href);
                out.push_str("\">");
                push_escaped(&mut out, link.label);
                out.push_str("</a> › ");
            }
            out.push_str("<span aria-current=\"page\">");
            push_escaped(&mut out, last.label);
            out.push_str("</span></nav>\n");
        }
    }
    out.push_str(content);
    out.push_str("</main>\n</div>\n<footer>");
    out.push_str(lang.t("tagline"));
    out.push_str(" · folio + ");
    push_escaped(&mut out, frame.server);
    out.push_str("</footer>\n");
    out
}

fn push_link(out: &mut String, link: &Link<'_>) {
    out.push_str("<a");
    if link.current {
        out.push_str(" class=\"current\" aria-current=\"page\"");
    }
    if link.external {
        out.push_str(" data-external");
    }
    out.push_str(" href=\"");
    push_escaped(out, link.href);
    out.push_str("\">");
    push_escaped(out, link.label);
    out.push_str("</a>\n");
}

/// The region control: an App-scope widget (Streamlit's sidebar widget in the entrypoint),
/// sent by a GET form back to the page being shown with that page's own query arguments.
/// Drawn on every page, so written piece by piece (no `format!`).
fn push_region(out: &mut String, frame: &Frame<'_>, region: &Field<'_>) {
    let lang = frame.lang;
    let (path, query) = frame.target.split_once('?').unwrap_or((frame.target, ""));
    out.push_str("<form class=\"app-control\" method=\"get\" action=\"");
    push_escaped(out, path);
    out.push_str("\">\n<label for=\"app-region\">");
    out.push_str(lang.t("region"));
    out.push_str("</label>\n<select id=\"app-region\" name=\"");
    push_escaped(out, region.name);
    out.push_str("\">\n");
    for (value, label) in REGIONS {
        out.push_str("<option value=\"");
        out.push_str(value);
        out.push_str(if value == region.value {
            "\" selected>"
        } else {
            "\">"
        });
        out.push_str(lang.t(label));
        out.push_str("</option>\n");
    }
    out.push_str("</select>\n");
    // Widget fields (`w:`, `t:`) stay out: their values live in the session.
    for (key, value) in Query::parse(query).pairs() {
        if !key.starts_with("w:") && !key.starts_with("t:") {
            out.push_str("<input type=\"hidden\" name=\"");
            push_escaped(out, &key);
            out.push_str("\" value=\"");
            push_escaped(out, &value);
            out.push_str("\">\n");
        }
    }
    out.push_str("<button type=\"submit\">");
    out.push_str(lang.t("region.apply"));
    out.push_str("</button>\n</form>\n");
}

/// [`esc`] into `out`.
fn push_escaped(out: &mut String, text: &str) {
    // Writing to a String cannot fail.
    let _ = folio_core::write_escaped(out, text);
}

/// Percent-encodes a value for a query string (everything but unreserved characters and
/// `/`).
pub fn query_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

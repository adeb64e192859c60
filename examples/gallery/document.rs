//! The gallery's HTML document (Dash's `app.layout`): a header with the top navigation and
//! the language switch, a sidebar, breadcrumbs, and the page in the middle. Every menu comes
//! from the core's navigation model (`Registry::navigation`), so the servers and the browser
//! draw the same menus from the same registry. The menus depend only on the page shown, so
//! a server computes them once per page at start-up ([`MenuTable`]).

use alloc::boxed::Box;
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
    /// By page, in registration order (indexed by `Page::registration_index`).
    pages: Vec<OwnedMenus>,
    /// When no page is shown.
    none: OwnedMenus,
}

impl MenuTable {
    /// The menus of every page of `registry`.
    pub fn new<T>(registry: &Registry<T>) -> Self {
        MenuTable {
            pages: registry
                .pages_by_registration()
                .map(|p| OwnedMenus::new(&Menus::for_page(registry, Some(p))))
                .collect(),
            none: OwnedMenus::new(&Menus::for_page(registry, None)),
        }
    }

    /// The menus when `page` of `registry` is shown (`None`: no page). A page of another
    /// registry gets the menus of no page.
    pub fn menus<T>(&self, registry: &Registry<T>, page: Option<&Page<T>>) -> Menus<'_> {
        // The same index in another registry is another page: check it is this one.
        let mine = |page: &&Page<T>| {
            let i = page.registration_index();
            registry
                .pages_by_registration()
                .nth(i)
                .is_some_and(|p| core::ptr::eq(p, *page))
        };
        page.filter(mine)
            .and_then(|page| self.pages.get(page.registration_index()))
            .unwrap_or(&self.none)
            .menus()
    }
}

/// A page's menus, kept for every request that shows it: every link in one list (nav, then
/// each sidebar section's, then the crumbs), its texts made one after another at start-up.
/// Drawing the menus then reads a few neighbouring cache lines, where a list and a `String`
/// pair per link and section read scattered blocks, on every request.
#[derive(Debug, Clone)]
struct OwnedMenus {
    links: Vec<OwnedLink>,
    /// The top navigation: `links[..nav]`.
    nav: usize,
    /// Each sidebar section: its key, and where its links end in `links`.
    sidebar: Vec<(Option<Box<str>>, usize)>,
    // The crumbs are the rest of `links`.
}

#[derive(Debug, Clone)]
struct OwnedLink {
    href: Box<str>,
    label: Box<str>,
    current: bool,
    external: bool,
}

impl OwnedMenus {
    fn new(menus: &Menus<'_>) -> Self {
        let mut owned = OwnedMenus {
            links: Vec::new(),
            nav: menus.nav.len(),
            sidebar: Vec::with_capacity(menus.sidebar.len()),
        };
        owned.push_links(&menus.nav);
        for (section, links) in &menus.sidebar {
            owned.push_links(links);
            owned
                .sidebar
                .push((section.map(Box::from), owned.links.len()));
        }
        owned.push_links(&menus.crumbs);
        owned
    }

    fn push_links(&mut self, links: &[Link<'_>]) {
        self.links.extend(links.iter().map(|link| OwnedLink {
            href: link.href.into(),
            label: link.label.into(),
            current: link.current,
            external: link.external,
        }));
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
        let mut start = self.nav;
        let sidebar = (self.sidebar.iter())
            .map(|(section, end)| {
                let section_links = links(&self.links[start..*end]);
                start = *end;
                (section.as_deref(), section_links)
            })
            .collect();
        Menus {
            nav: links(&self.links[..self.nav]),
            sidebar,
            crumbs: links(&self.links[start..]),
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
    write_body(&mut out, frame, menus, content, &mut |_| {});
    // Nothing after `</body>`: a parser would move that whitespace into the body, which
    // the browser bundle swaps.
    out.push_str("</body></html>");
    out
}

/// The inside of `<body>`: what the browser router swaps on a client-side navigation.
pub fn body(frame: &Frame<'_>, menus: &Menus<'_>, content: &str) -> String {
    let mut out = String::with_capacity(3072 + content.len());
    write_body(&mut out, frame, menus, content, &mut |_| {});
    out
}

/// The inside of `<body>` with its parts marked: the places where one page's body differs
/// from another's in the same frame (the menus' `current` marks, the language links'
/// return address, the region form's action, the page in `<main>`), each the inside or
/// one attribute of an element of [`Body::ELEMENTS`]. The browser bundle updates only the
/// parts that changed: parsing the whole body again (its menus, the region's `<select>`)
/// was the largest cost of a click after `pushState`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    html: String,
    /// Where the parts start and end in `html`: `[start, end, start, end, …]`.
    bounds: Vec<usize>,
    /// By part: the attribute whose value it is, or `None` for an element's inside.
    attributes: Vec<Option<&'static str>>,
}

/// Where a part starts and ends in the markup being written, and which attribute's value
/// it is (`None`: the element's inside).
type Mark = (usize, usize, Option<&'static str>);

impl Body {
    /// The elements the parts belong to, one per part and in the same order (document
    /// order, as `querySelectorAll` lists them).
    pub const ELEMENTS: &'static str = "nav.menu, div.lang, form.app-control, aside > nav, main";

    /// The body [`body`] writes, with its parts.
    pub fn new(frame: &Frame<'_>, menus: &Menus<'_>, content: &str) -> Self {
        let mut body = Body {
            html: String::with_capacity(3072 + content.len()),
            bounds: Vec::with_capacity(16),
            attributes: Vec::with_capacity(8),
        };
        let Body {
            html,
            bounds,
            attributes,
        } = &mut body;
        write_body(html, frame, menus, content, &mut |(
            start,
            end,
            attribute,
        )| {
            bounds.extend([start, end]);
            attributes.push(attribute);
        });
        body
    }

    /// The markup.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// How many parts (and elements of [`Body::ELEMENTS`]) it has.
    pub fn parts(&self) -> usize {
        self.attributes.len()
    }

    /// Turns a DOM drawn from `self` into one drawn from `next` by updating only the
    /// parts that differ: calls `update(i, attribute, value)` for each, where `i` is the
    /// part's element in [`Body::ELEMENTS`] order and `value` its new inner HTML
    /// (`attribute` `None`) or the attribute's value. False when they differ outside
    /// their parts (another language or region, a query the region form carries) or an
    /// attribute's new value holds an escape (`&…;`: its markup is not its value): the DOM
    /// then needs a whole new body, and may have been updated in part. The parts are
    /// well-formed markup, so each parses alone as it does in the body.
    ///
    /// ```
    /// use folio_gallery::content::Lang;
    /// use folio_gallery::document::{Body, Frame, Menus};
    /// let registry = folio_gallery::registry("/", folio_gallery::ASSET_FILES).unwrap();
    /// let body = |target: &str| {
    ///     let frame = Frame { lang: Lang::En, prefix: "/", target, server: "axum", region: None };
    ///     let here = registry.resolve(target, "");
    ///     Body::new(&frame, &Menus::from_registry(&registry, &here), "<h1>page</h1>")
    /// };
    /// let mut updates = Vec::new();
    /// assert!(body("/analytics").update(&body("/archive"), &mut |i, _, value| updates.push((i, value.to_owned()))));
    /// assert_eq!(updates[0], (0, "\n<a href=\"/\">Home</a>\n<a href=\"/analytics\">Analytics</a>\n\
    ///     <a class=\"current\" aria-current=\"page\" href=\"/archive\">Archive</a>\n<a data-external href=\"/widgets\">Widgets</a>\n".to_owned()));
    /// ```
    pub fn update(
        &self,
        next: &Body,
        update: &mut dyn FnMut(usize, Option<&'static str>, &str),
    ) -> bool {
        if self.bounds.len() != next.bounds.len() {
            return false;
        }
        // The frame and the parts alternate: frame, part, frame, …, part, frame. Equal
        // frames mean parts of the same kinds: the frame before an attribute's value ends
        // in its `name="`, the one before an element's inside in `>`.
        let (mut old_at, mut new_at) = (0, 0);
        for k in 0..=self.bounds.len() {
            let old_end = self.bounds.get(k).copied().unwrap_or(self.html.len());
            let new_end = next.bounds.get(k).copied().unwrap_or(next.html.len());
            let (old, new) = (
                self.html.get(old_at..old_end),
                next.html.get(new_at..new_end),
            );
            if old != new {
                let (i, new) = (k / 2, new.unwrap_or_default());
                match next.attributes.get(i).filter(|_| k % 2 == 1) {
                    Some(Some(_)) if new.contains('&') => return false,
                    Some(attribute) => update(i, *attribute, new),
                    None => return false,
                }
            }
            (old_at, new_at) = (old_end, new_end);
        }
        true
    }
}

/// Writes the inside of `<body>` to `out`, calling `mark` with each part (see [`Body`]).
/// Written piece by piece (no `format!`): each `format!` is code of its own in the browser
/// bundle, which draws this on every navigation.
fn write_body<'a>(
    out: &mut String,
    frame: &Frame<'a>,
    menus: &Menus<'_>,
    content: &str,
    mark: &mut dyn FnMut(Mark),
) {
    let p = frame.prefix.trim_end_matches('/');
    let lang = frame.lang;
    for piece in [
        "\n<header class=\"top\">\n<a class=\"brand\" href=\"",
        p,
        "/\"><img src=\"",
        p,
        "/assets/logo.svg\" alt=\"\" width=\"28\" height=\"28\"><span>",
        lang.t("app"),
        "</span></a>\n<nav class=\"menu\">",
    ] {
        out.push_str(piece);
    }
    let start = out.len();
    out.push('\n');
    for link in &menus.nav {
        push_link(out, link);
    }
    mark((start, out.len(), None));
    let next = query_encode(frame.target);
    out.push_str("</nav>\n<div class=\"lang\">");
    let start = out.len();
    out.push('\n');
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
    mark((start, out.len(), None));
    out.push_str("</div>\n</header>\n<div class=\"layout\">\n<aside class=\"side\">\n");
    if let Some(region) = &frame.region {
        push_region(out, frame, region, mark);
    }
    for (section, links) in &menus.sidebar {
        if let Some(section) = section {
            out.push_str("<h3>");
            push_escaped(out, lang.t_or(section));
            out.push_str("</h3>\n");
        }
        out.push_str("<nav>");
        let start = out.len();
        out.push('\n');
        for link in links {
            push_link(out, link);
        }
        mark((start, out.len(), None));
        out.push_str("</nav>\n");
    }
    out.push_str("<h3>");
    out.push_str(lang.t("try"));
    out.push_str("</h3>\n<nav class=\"examples\">");
    let start = out.len();
    out.push('\n');
    for (href, label) in EXAMPLES {
        for piece in ["<a href=\"", p, "/", href, "\">", label, "</a>\n"] {
            out.push_str(piece);
        }
    }
    mark((start, out.len(), None));
    out.push_str("</nav>\n</aside>\n<main id=\"page-content\">");
    let start = out.len();
    out.push('\n');
    if let [ancestors @ .., last] = &menus.crumbs[..] {
        if !ancestors.is_empty() {
            out.push_str("<nav class=\"crumbs\" aria-label=\"breadcrumbs\">");
            for link in ancestors {
                out.push_str("<a href=\"");
                push_escaped(out, link.href);
                out.push_str("\">");
                push_escaped(out, link.label);
                out.push_str("</a> › ");
            }
            out.push_str("<span aria-current=\"page\">");
            push_escaped(out, last.label);
            out.push_str("</span></nav>\n");
        }
    }
    out.push_str(content);
    mark((start, out.len(), None));
    out.push_str("</main>\n</div>\n<footer>");
    out.push_str(lang.t("tagline"));
    out.push_str(" · folio + ");
    push_escaped(out, frame.server);
    out.push_str("</footer>\n");
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
fn push_region<'a>(
    out: &mut String,
    frame: &Frame<'a>,
    region: &Field<'_>,
    mark: &mut dyn FnMut(Mark),
) {
    let lang = frame.lang;
    let (path, query) = frame.target.split_once('?').unwrap_or((frame.target, ""));
    out.push_str("<form class=\"app-control\" autocomplete=\"off\" method=\"get\" action=\"");
    let start = out.len();
    push_escaped(out, path);
    mark((start, out.len(), Some("action")));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Lang;

    /// `old`'s markup with `updates` made to its parts, as the browser makes them to the
    /// parts' elements.
    fn updated(old: &Body, updates: &[(usize, Option<&str>, String)]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (i, part) in old.bounds.chunks(2).enumerate() {
            out.push_str(&old.html[at..part[0]]);
            match updates.iter().find(|u| u.0 == i) {
                Some((_, None, html)) => out.push_str(html),
                Some((_, Some(name), value)) => {
                    assert_eq!(old.attributes[i], Some(*name));
                    push_escaped(&mut out, value);
                }
                None => out.push_str(&old.html[part[0]..part[1]]),
            }
            at = part[1];
        }
        out.push_str(&old.html[at..]);
        out
    }

    #[test]
    fn updates_turn_a_body_into_another_or_ask_for_a_new_one() {
        let registry = crate::registry("/", crate::ASSET_FILES).expect("builds");
        let targets = [
            "/",
            "/analytics",
            "/archive",
            "/reports/summary-2021",
            "/archive?report_id=9&department_id=5%265",
            "/archive?report_id=10",
            "/no/such/page",
            "/a&b\"<c>",
        ];
        let region = |value| {
            Some(Field {
                name: "w:app:region",
                value,
            })
        };
        let mut bodies = Vec::new();
        for lang in [Lang::En, Lang::Fr] {
            for region in [None, region("all"), region("europe")] {
                for target in targets {
                    let (path, query) = target.split_once('?').unwrap_or((target, ""));
                    let here = registry.resolve(path, query);
                    let frame = Frame {
                        lang,
                        prefix: "/",
                        target,
                        server: "axum",
                        region,
                    };
                    let content = alloc::format!("<h1>{}</h1>", crate::content::esc(target));
                    let menus = Menus::from_registry(&registry, &here);
                    let new = Body::new(&frame, &menus, &content);
                    assert_eq!(new.html(), body(&frame, &menus, &content));
                    bodies.push(((lang, region.map(|f| f.value), target), new));
                }
            }
        }
        for ((lang, region, target), old) in &bodies {
            for ((next_lang, next_region, next_target), new) in &bodies {
                let mut updates = Vec::new();
                let in_place = old.update(new, &mut |i, attribute, value| {
                    updates.push((i, attribute, String::from(value)));
                });
                if in_place {
                    assert_eq!(
                        updated(old, &updates),
                        new.html,
                        "{target} -> {next_target}"
                    );
                    assert_eq!(updates.is_empty(), old == new, "{target} -> {next_target}");
                }
                // The same frame, no query for the region form to carry and a form action
                // without escapes: in place.
                let same_frame = lang == next_lang && region == next_region;
                let no_query = !target.contains('?') && !next_target.contains('?');
                let plain_action = !next_target.contains(['&', '"', '<', '>']);
                if same_frame && (region.is_none() || (no_query && plain_action)) {
                    assert!(in_place, "{target} -> {next_target}");
                }
                if !same_frame {
                    assert!(!in_place, "{target} -> {next_target}");
                }
            }
        }
    }
}

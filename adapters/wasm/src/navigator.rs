//! The routing decisions of the browser router, without a DOM: what to render, which title
//! to show, how to change the address and where to scroll. [`Router`](crate::Router) only
//! carries them out, so every rule here runs in native unit tests.

use alloc::borrow::Cow;
use alloc::string::String;

use folio_core::{Head, PageMatch, Registry, Resolution, percent_decode};

/// A browser location split by the browser's URL parser, still percent-encoded:
/// `location.pathname`, `location.search` (with its `?`, or empty) and `location.hash`
/// (with its `#`, or empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location<'a> {
    /// `location.pathname`.
    pub pathname: &'a str,
    /// `location.search`.
    pub search: &'a str,
    /// `location.hash`.
    pub hash: &'a str,
}

impl<'a> Location<'a> {
    /// A location from its three parts.
    ///
    /// ```
    /// let loc = folio_wasm::Location::new("/report/2024", "?tab=a", "#top");
    /// assert_eq!(loc.pathname, "/report/2024");
    /// ```
    pub fn new(pathname: &'a str, search: &'a str, hash: &'a str) -> Self {
        Location {
            pathname,
            search,
            hash,
        }
    }

    /// The document part of the address: pathname and search, no fragment.
    fn document(&self) -> String {
        let mut s = String::with_capacity(self.pathname.len() + self.search.len());
        s.push_str(self.pathname);
        s.push_str(self.search);
        s
    }

    fn address(&self) -> String {
        let mut s = self.document();
        s.push_str(self.hash);
        s
    }
}

/// A click on a link, as the DOM reported it. The router only takes over clicks that a
/// user means as "go there in this tab": primary button, no modifier key, not already
/// handled, no `target` (other than `_self`), no `download`, not marked `data-external`,
/// same origin, and inside the app's requests prefix.
#[derive(Debug, Clone, Copy)]
pub struct LinkClick<'a> {
    /// `MouseEvent.button` (0 is the primary button).
    pub button: i16,
    /// Any of Ctrl, Meta, Shift or Alt was held.
    pub modified: bool,
    /// Another listener already called `preventDefault()`.
    pub default_prevented: bool,
    /// The link's `target` attribute (empty when absent).
    pub target: &'a str,
    /// The link has a `download` attribute.
    pub download: bool,
    /// The link has a `data-external` attribute.
    pub external: bool,
    /// The link's origin equals the document's.
    pub same_origin: bool,
    /// Where the link points.
    pub href: Location<'a>,
}

impl LinkClick<'_> {
    /// Whether the user asked for an in-tab, same-origin navigation (the prefix is checked
    /// by [`Navigator::click`]).
    fn is_plain(&self) -> bool {
        self.button == 0
            && !self.modified
            && !self.default_prevented
            && (self.target.is_empty() || self.target.eq_ignore_ascii_case("_self"))
            && !self.download
            && !self.external
            && self.same_origin
    }
}

/// What a navigation does to the session history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum History {
    /// Leave the address as it is.
    Keep,
    /// `history.pushState` this address.
    Push(String),
    /// `history.replaceState` this address (a core redirect, shown in place of the
    /// address that was asked for).
    Replace(String),
}

/// Where to scroll after a navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scroll {
    /// Leave it to the browser (first load, Back and Forward restore the position).
    Keep,
    /// To the top of the page.
    Top,
    /// To the element with this id (the fragment, percent-decoded by the core); to the
    /// top when no element has it.
    Fragment(String),
}

/// Which kind of content a visit shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A registered page (possibly reached through a redirect).
    Page,
    /// The app's custom 404 page.
    NotFoundCustom,
    /// The default 404 content ([`DEFAULT_NOT_FOUND`](crate::DEFAULT_NOT_FOUND)).
    NotFoundDefault,
}

/// The navigator's answer to an event.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // made once per event and consumed at once; a Box would
// cost an allocation per navigation for nothing.
pub enum Decision<'r, 'p, T> {
    /// Not for the router: let the browser do what it does (a new tab, a download, a full
    /// page load).
    Ignore,
    /// Same document, only the fragment changes: update the address and scroll, keep the
    /// content.
    Stay {
        /// The address change.
        history: History,
        /// Where to scroll.
        scroll: Scroll,
    },
    /// Render a new page.
    Render(Visit<'r, 'p, T>),
}

/// One rendered navigation: the core's resolution plus what the browser must do.
#[derive(Debug)]
pub struct Visit<'r, 'p, T> {
    registry: &'r Registry<T>,
    resolution: Resolution<'r, 'p, T>,
    /// The custom 404 page as a match, for `Resolution::NotFound`.
    not_found: Option<PageMatch<'r, 'p, T>>,
    address: String,
    history: History,
    scroll: Scroll,
}

impl<'r, 'p, T> Visit<'r, 'p, T> {
    fn new(
        registry: &'r Registry<T>,
        resolution: Resolution<'r, 'p, T>,
        loc: &Location<'p>,
        push: bool,
        scroll: Scroll,
    ) -> Self {
        let (address, redirected) = match &resolution {
            Resolution::Redirect(r) => {
                let mut a = String::from(r.location());
                a.push_str(loc.hash);
                (a, true)
            }
            _ => (loc.address(), false),
        };
        // A redirect replaces the entry it came from; a pushed navigation that lands on a
        // redirect pushes the final address instead, so Back never returns to the source.
        let history = match (push, redirected) {
            (true, _) => History::Push(address.clone()),
            (false, true) => History::Replace(address.clone()),
            (false, false) => History::Keep,
        };
        let not_found = match &resolution {
            Resolution::NotFound(nf) => nf.page_match(),
            _ => None,
        };
        Visit {
            registry,
            resolution,
            not_found,
            address,
            history,
            scroll,
        }
    }

    /// The registry that decided.
    pub fn registry(&self) -> &'r Registry<T> {
        self.registry
    }

    /// The core's decision.
    pub fn resolution(&self) -> &Resolution<'r, 'p, T> {
        &self.resolution
    }

    /// The page to render: the matched page, the redirect's target, or the custom 404
    /// page; `None` for the default 404.
    pub fn page_match(&self) -> Option<&PageMatch<'r, 'p, T>> {
        match &self.resolution {
            Resolution::Page(m) => Some(m),
            Resolution::Redirect(r) => Some(r.page()),
            _ => self.not_found.as_ref(),
        }
    }

    /// Page, custom 404 or default 404.
    pub fn outcome(&self) -> Outcome {
        match (&self.resolution, &self.not_found) {
            (Resolution::Page(_) | Resolution::Redirect(_), _) => Outcome::Page,
            (_, Some(_)) => Outcome::NotFoundCustom,
            (_, None) => Outcome::NotFoundDefault,
        }
    }

    /// `document.title`: the page's title for its variables, the custom 404 page's title,
    /// or the app title.
    pub fn title(&self) -> Cow<'r, str> {
        match self.page_match() {
            Some(m) => m.title(),
            None => Cow::Borrowed(self.registry.config().app_title()),
        }
    }

    /// The head tags for the address shown after this visit (`origin` is
    /// `location.origin`).
    pub fn head(&self, origin: &str) -> Head<'r> {
        self.registry.head(&self.resolution, origin, &self.address)
    }

    /// The address (pathname, search, hash) shown once the visit is done: the requested
    /// one, or the core's redirect location with the requested fragment.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The address change.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Where to scroll once the content is in place.
    pub fn scroll(&self) -> &Scroll {
        &self.scroll
    }
}

/// The sans-DOM router: a frozen registry plus the document currently shown. Every
/// method takes what the DOM reported and returns what to do; nothing here touches the
/// browser.
///
/// ```
/// use folio_core::{Config, PageSpec, RegistryBuilder};
/// use folio_wasm::{Decision, History, Location, Navigator, Outcome, Scroll};
///
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(PageSpec::new("pages.home").path("/").layout("home"));
/// b.page(PageSpec::new("pages.report").path_template("/report/<year>")
///     .redirect_from("/old/<year>").layout("report"));
/// let mut nav = Navigator::new(b.build().unwrap());
///
/// let first = nav.load(&Location::new("/", "", ""));
/// assert_eq!((first.outcome(), &*first.title()), (Outcome::Page, "Home"));
///
/// let Decision::Render(v) = nav.navigate(&Location::new("/old/2024", "?x=1", "")) else { panic!() };
/// assert_eq!(v.history(), &History::Push("/report/2024?x=1".into()));
/// assert_eq!(v.page_match().unwrap().variable("year"), Some("2024"));
/// assert_eq!(v.scroll(), &Scroll::Top);
///
/// // Only the fragment changes: keep the content.
/// let d = nav.navigate(&Location::new("/report/2024", "?x=1", "#chart"));
/// assert!(matches!(d, Decision::Stay { scroll: Scroll::Fragment(id), .. } if id == "chart"));
/// ```
#[derive(Debug)]
pub struct Navigator<T> {
    registry: Registry<T>,
    /// Pathname and search of the content on screen; `None` before the first render.
    shown: Option<String>,
}

impl<T> Navigator<T> {
    /// A navigator over a frozen registry, with nothing shown yet.
    pub fn new(registry: Registry<T>) -> Self {
        Navigator {
            registry,
            shown: None,
        }
    }

    /// The registry.
    pub fn registry(&self) -> &Registry<T> {
        &self.registry
    }

    /// The first render (or a re-render) of the address in the bar. A core redirect
    /// replaces the address; the browser keeps its scroll position, except for a fragment.
    pub fn load<'s, 'p>(&'s mut self, loc: &Location<'p>) -> Visit<'s, 'p, T> {
        let scroll = fragment(loc.hash).unwrap_or(Scroll::Keep);
        self.visit(loc, false, scroll)
    }

    /// A click on a link: [`Decision::Ignore`] unless it is a plain click on a same-origin
    /// link inside the requests prefix.
    pub fn click<'s, 'p>(&'s mut self, click: &LinkClick<'p>) -> Decision<'s, 'p, T> {
        if !click.is_plain() {
            return Decision::Ignore;
        }
        self.navigate(&click.href)
    }

    /// A navigation to a same-origin address (a link or `navigate(url)`): push it and
    /// render, or only scroll when just the fragment changes. Outside the requests prefix
    /// it is [`Decision::Ignore`] (a full page load, the server decides).
    pub fn navigate<'s, 'p>(&'s mut self, loc: &Location<'p>) -> Decision<'s, 'p, T> {
        // One resolution serves both the prefix check and the render.
        let Navigator { registry, shown } = self;
        let registry: &'s Registry<T> = registry;
        let resolution = registry.resolve_browser(loc.pathname, loc.search);
        if let Resolution::NotFound(nf) = &resolution {
            if !nf.is_inside() {
                return Decision::Ignore;
            }
        }
        if !loc.hash.is_empty() && is_shown(shown, loc) {
            return Decision::Stay {
                history: History::Push(loc.address()),
                scroll: fragment(loc.hash).unwrap_or(Scroll::Top),
            };
        }
        let scroll = fragment(loc.hash).unwrap_or(Scroll::Top);
        Decision::Render(Self::show(shown, registry, resolution, loc, true, scroll))
    }

    /// Back or Forward (`popstate`): render the address now in the bar, unless only the
    /// fragment changed. The browser restores the scroll position.
    pub fn pop<'s, 'p>(&'s mut self, loc: &Location<'p>) -> Decision<'s, 'p, T> {
        if is_shown(&self.shown, loc) {
            return Decision::Stay {
                history: History::Keep,
                scroll: Scroll::Keep,
            };
        }
        Decision::Render(self.visit(loc, false, Scroll::Keep))
    }

    /// The address changed without a render (the URL-state pattern: only the query or the
    /// fragment changed, set by the app itself). Back to the previous query re-renders.
    pub fn set_shown(&mut self, loc: &Location<'_>) {
        self.shown = Some(loc.document());
    }

    fn visit<'s, 'p>(
        &'s mut self,
        loc: &Location<'p>,
        push: bool,
        scroll: Scroll,
    ) -> Visit<'s, 'p, T> {
        let Navigator { registry, shown } = self;
        let resolution = registry.resolve_browser(loc.pathname, loc.search);
        Self::show(shown, registry, resolution, loc, push, scroll)
    }

    /// The visit for a resolution, remembered as the document shown.
    fn show<'s, 'p>(
        shown: &mut Option<String>,
        registry: &'s Registry<T>,
        resolution: Resolution<'s, 'p, T>,
        loc: &Location<'p>,
        push: bool,
        scroll: Scroll,
    ) -> Visit<'s, 'p, T> {
        let visit = Visit::new(registry, resolution, loc, push, scroll);
        let document = visit.address.split('#').next().unwrap_or("");
        *shown = Some(String::from(document));
        visit
    }
}

/// Whether `shown` (pathname and search of the content on screen) is `loc`'s document.
fn is_shown(shown: &Option<String>, loc: &Location<'_>) -> bool {
    shown.as_deref().is_some_and(|s| {
        s.len() == loc.pathname.len() + loc.search.len()
            && s.starts_with(loc.pathname)
            && s.ends_with(loc.search)
    })
}

/// The scroll target of a fragment (`#id`, percent-decoded by the core); `None` without
/// one.
fn fragment(hash: &str) -> Option<Scroll> {
    let id = hash.strip_prefix('#').unwrap_or(hash);
    if id.is_empty() {
        return None;
    }
    Some(Scroll::Fragment(percent_decode(id).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_core::{Config, PageSpec, RegistryBuilder};

    fn nav(prefix: &str) -> Navigator<&'static str> {
        let mut b = RegistryBuilder::new(Config::new().url_base_pathname(prefix).title("App"));
        b.page(PageSpec::new("pages.home").path("/").layout("home"));
        b.page(
            PageSpec::new("pages.asset")
                .path_template("/asset/<id>")
                .title("Asset")
                .redirect_from("/old-asset/<id>")
                .layout("asset"),
        );
        b.page(PageSpec::new("pages.not_found_404").layout("404"));
        Navigator::new(b.build().expect("valid pages"))
    }

    fn plain(pathname: &str) -> LinkClick<'_> {
        LinkClick {
            button: 0,
            modified: false,
            default_prevented: false,
            target: "",
            download: false,
            external: false,
            same_origin: true,
            href: Location::new(pathname, "", ""),
        }
    }

    fn rendered<'r, 'p, T: core::fmt::Debug>(d: Decision<'r, 'p, T>) -> Visit<'r, 'p, T> {
        match d {
            Decision::Render(v) => v,
            other => panic!("expected a render, got {other:?}"),
        }
    }

    #[test]
    fn plain_click_inside_the_prefix_pushes_and_renders() {
        let mut n = nav("/app/");
        let v = rendered(n.click(&plain("/app/asset/7")));
        assert_eq!(v.history(), &History::Push("/app/asset/7".into()));
        assert_eq!(v.page_match().map(|m| *m.page().layout()), Some("asset"));
        assert_eq!(v.scroll(), &Scroll::Top);
    }

    #[test]
    fn clicks_the_user_meant_elsewhere_are_ignored() {
        let mut n = nav("/app/");
        let base = plain("/app/asset/7");
        let cases = [
            LinkClick { button: 1, ..base },
            LinkClick {
                modified: true,
                ..base
            },
            LinkClick {
                default_prevented: true,
                ..base
            },
            LinkClick {
                target: "_blank",
                ..base
            },
            LinkClick {
                download: true,
                ..base
            },
            LinkClick {
                external: true,
                ..base
            },
            LinkClick {
                same_origin: false,
                ..base
            },
            plain("/elsewhere"),
        ];
        for c in cases {
            assert!(matches!(n.click(&c), Decision::Ignore), "{c:?}");
        }
        let own = LinkClick {
            target: "_SELF",
            ..base
        };
        assert!(matches!(n.click(&own), Decision::Render(_)));
    }

    #[test]
    fn a_redirect_is_replaced_on_load_and_pushed_as_its_target_on_click() {
        let mut n = nav("/app/");
        let v = n.load(&Location::new("/app/old-asset/7", "?a=1", "#x"));
        assert_eq!(v.history(), &History::Replace("/app/asset/7?a=1#x".into()));
        assert_eq!(v.scroll(), &Scroll::Fragment("x".into()));
        let v = rendered(n.click(&plain("/app/old-asset/8")));
        assert_eq!(v.history(), &History::Push("/app/asset/8".into()));
        assert_eq!(v.address(), "/app/asset/8");
    }

    #[test]
    fn not_found_inside_the_prefix_renders_the_custom_404() {
        let mut n = nav("/");
        let v = rendered(n.navigate(&Location::new("/nowhere", "?q=1", "")));
        assert_eq!(v.outcome(), Outcome::NotFoundCustom);
        let page = v.page_match().map(|m| m.page().module());
        assert_eq!(page, Some("pages.not_found_404"));
        assert_eq!(v.page_match().map(|m| m.query().raw()), Some("q=1"));
    }

    #[test]
    fn the_default_404_has_the_app_title() {
        let mut b = RegistryBuilder::new(Config::new().title("App"));
        b.page(PageSpec::new("pages.home").path("/").layout(()));
        let mut n = Navigator::new(b.build().expect("valid pages"));
        let v = n.load(&Location::new("/x", "", ""));
        assert_eq!(
            (v.outcome(), &*v.title()),
            (Outcome::NotFoundDefault, "App")
        );
        assert!(v.page_match().is_none());
    }

    #[test]
    fn only_the_fragment_changing_keeps_the_content() {
        let mut n = nav("/");
        n.load(&Location::new("/asset/1", "?t=a", ""));
        let d = n.navigate(&Location::new("/asset/1", "?t=a", "#caf%C3%A9"));
        let Decision::Stay { history, scroll } = d else {
            panic!("{d:?}")
        };
        assert_eq!(history, History::Push("/asset/1?t=a#caf%C3%A9".into()));
        assert_eq!(scroll, Scroll::Fragment("café".into()));
        // Another query is another document.
        assert!(matches!(
            n.navigate(&Location::new("/asset/1", "?t=b", "#x")),
            Decision::Render(_)
        ));
    }

    #[test]
    fn popstate_renders_unless_the_document_is_already_shown() {
        let mut n = nav("/");
        n.load(&Location::new("/", "", ""));
        let _ = n.navigate(&Location::new("/asset/2", "", ""));
        assert!(matches!(
            n.pop(&Location::new("/asset/2", "", "#top")),
            Decision::Stay {
                history: History::Keep,
                scroll: Scroll::Keep
            }
        ));
        let v = rendered(n.pop(&Location::new("/", "", "")));
        assert_eq!((v.history(), v.scroll()), (&History::Keep, &Scroll::Keep));
    }

    #[test]
    fn url_state_changes_do_not_rerender_until_back() {
        let mut n = nav("/");
        n.load(&Location::new("/asset/2", "", ""));
        n.set_shown(&Location::new("/asset/2", "?tab=b", ""));
        assert!(matches!(
            n.pop(&Location::new("/asset/2", "?tab=b", "")),
            Decision::Stay { .. }
        ));
        assert!(matches!(
            n.pop(&Location::new("/asset/2", "", "")),
            Decision::Render(_)
        ));
    }

    #[test]
    fn head_uses_the_final_address() {
        let mut n = nav("/");
        let v = n.load(&Location::new("/old-asset/3", "", ""));
        let head = v.head("http://localhost:8050");
        assert_eq!(head.url, "http://localhost:8050/asset/3");
        assert_eq!(head.title, "Asset");
    }
}

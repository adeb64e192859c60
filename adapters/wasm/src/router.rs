//! The DOM glue: reads `location` and link clicks, asks the [`Navigator`], and carries out
//! its decisions (history, content, title, head tags, scroll).

use alloc::boxed::Box;
use alloc::rc::{Rc, Weak};
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::fmt;

use folio_core::{PageMatch, Registry};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use web_sys::{Document, Element, HtmlAnchorElement, MouseEvent, Node, Window};

use crate::navigator::{Decision, History, LinkClick, Location, Navigator, Outcome, Scroll, Visit};

/// The content of the default 404 page, as Dash renders it.
pub const DEFAULT_NOT_FOUND: &str = "<h1>404 - Page not found</h1>";

/// What a page renders to.
#[derive(Debug, Clone)]
pub enum Content {
    /// Markup, set as the container's `innerHTML` (the layout is responsible for escaping,
    /// e.g. with [`folio_core::write_escaped`]).
    Html(String),
    /// A node (an element or a fragment) that replaces the container's children; what a UI
    /// framework that builds DOM nodes hands over.
    Node(Node),
    /// The render function has brought the container up to date itself (it changed only
    /// what differs from the page shown, as a UI framework's diff does): the router leaves
    /// the container as it is.
    InPlace,
}

/// How an address change enters the session history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryMode {
    /// A new entry (`pushState`).
    Push,
    /// In place of the current entry (`replaceState`).
    Replace,
}

type RenderFn<T> = dyn Fn(&Visit<'_, '_, T>, &PageMatch<'_, '_, T>) -> Content;

/// A browser router over a frozen registry: renders the page for `location` into a
/// container element, takes over in-app link clicks, and handles Back and Forward.
/// Dropping it removes its listeners.
///
/// ```no_run
/// use folio_core::{Config, PageSpec, RegistryBuilder};
/// use folio_wasm::{Content, Router};
///
/// # fn main() -> Result<(), wasm_bindgen::JsValue> {
/// let mut pages = RegistryBuilder::new(Config::new().title("Demo"));
/// pages.page(PageSpec::new("pages.home").path("/").layout("<h2>Home</h2>"));
/// pages.page(PageSpec::new("pages.report").path_template("/report/<year>").layout(""));
/// let registry = pages.build().expect("no conflicts");
///
/// let document = web_sys::window().unwrap().document().unwrap();
/// let container = document.get_element_by_id("page-container").unwrap();
/// let router = Router::new(registry, container, |m| {
///     let year = m.variable("year").unwrap_or("");
///     Content::Html(format!("{}{year}", m.page().layout()))
/// })?;
/// router.navigate("/report/2024")?;
/// # Ok(()) }
/// ```
pub struct Router<T: 'static> {
    inner: Rc<Inner<T>>,
    on_click: Closure<dyn FnMut(MouseEvent)>,
    on_popstate: Closure<dyn FnMut(web_sys::Event)>,
}

struct Inner<T> {
    navigator: RefCell<Navigator<T>>,
    render: Box<RenderFn<T>>,
    container: Element,
    window: Window,
    document: Document,
    /// `window.location` and `window.history`, and `location.origin`, read once: they
    /// are the same for the document's whole life.
    location: web_sys::Location,
    history: web_sys::History,
    origin: String,
    outcome: Cell<Outcome>,
    /// The head's meta tags in [`Head::tags`](folio_core::Head::tags) order, found (or
    /// made) on the first visit, each with the value it was given last: a visit sets only
    /// the values that changed, with no `querySelector` per tag. The router owns these
    /// tags: a value set by anyone else stays until the page's own value changes.
    meta: RefCell<Vec<(Element, String)>>,
}

impl<T> fmt::Debug for Router<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Router")
            .field("container", &self.inner.container)
            .field("outcome", &self.inner.outcome.get())
            .finish_non_exhaustive()
    }
}

impl<T: 'static> Router<T> {
    /// Starts routing: renders the current `location` into `container` (following a core
    /// redirect with `replaceState`) and listens for link clicks and `popstate`.
    pub fn new(
        registry: Registry<T>,
        container: Element,
        render: impl Fn(&PageMatch<'_, '_, T>) -> Content + 'static,
    ) -> Result<Self, JsValue> {
        Router::with_visits(registry, container, move |_, m| render(m))
    }

    /// [`new`](Self::new) with a render function that is also given the [`Visit`]: the
    /// core's whole decision (the resolution, the registry, the address shown), for a
    /// render that draws more than the page, such as menus around it, without resolving
    /// the address a second time.
    pub fn with_visits(
        registry: Registry<T>,
        container: Element,
        render: impl Fn(&Visit<'_, '_, T>, &PageMatch<'_, '_, T>) -> Content + 'static,
    ) -> Result<Self, JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let document = window.document().ok_or("no document")?;
        let location = window.location();
        let history = window.history()?;
        let origin = location.origin()?;
        let inner = Rc::new(Inner {
            navigator: RefCell::new(Navigator::new(registry)),
            render: Box::new(render),
            container,
            window,
            document,
            location,
            history,
            origin,
            outcome: Cell::new(Outcome::NotFoundDefault),
            meta: RefCell::new(Vec::new()),
        });

        let weak: Weak<Inner<T>> = Rc::downgrade(&inner);
        let on_click = Closure::<dyn FnMut(MouseEvent)>::new(move |event: MouseEvent| {
            if let Some(inner) = weak.upgrade() {
                // A listener cannot return an error; a failed DOM call leaves the page as is.
                let _ = inner.click(&event);
            }
        });
        let weak: Weak<Inner<T>> = Rc::downgrade(&inner);
        let on_popstate = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if let Some(inner) = weak.upgrade() {
                let _ = inner.popstate();
            }
        });
        inner
            .document
            .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
        inner
            .window
            .add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref())?;
        let router = Router {
            inner,
            on_click,
            on_popstate,
        };
        router.refresh()?;
        Ok(router)
    }

    /// Navigates to `url` (absolute, or relative to the current address) as a link click
    /// would: inside the app it pushes the address and renders; anywhere else it loads the
    /// page from the server. Returns whether the router handled it in place.
    pub fn navigate(&self, url: &str) -> Result<bool, JsValue> {
        let here = &self.inner.location;
        let target = web_sys::Url::new_with_base(url, &here.href()?)?;
        if target.origin() != self.inner.origin {
            here.assign(&target.href())?;
            return Ok(false);
        }
        let (pathname, search, hash) = (target.pathname(), target.search(), target.hash());
        let loc = Location::new(&pathname, &search, &hash);
        let mut navigator = self.inner.navigator.borrow_mut();
        match navigator.navigate(&loc) {
            Decision::Ignore => {
                drop(navigator);
                here.assign(&target.href())?;
                Ok(false)
            }
            decision => self.inner.apply(decision).map(|()| true),
        }
    }

    /// Re-renders the address in the bar: call it when something outside the URL that
    /// the layouts read has changed (Dash's `routing_callback_inputs`).
    pub fn refresh(&self) -> Result<(), JsValue> {
        let (pathname, search, hash) = self.inner.location()?;
        let loc = Location::new(&pathname, &search, &hash);
        let mut navigator = self.inner.navigator.borrow_mut();
        let visit = navigator.load(&loc);
        self.inner.show(visit)
    }

    /// Renders what the core decides for a location given as parts, as a server or a Dash
    /// routing callback receives it, without reading the address bar; a core redirect
    /// still replaces the current entry's address. For a location the browser's URL
    /// parser would rewrite (`/./a`, an empty pathname) and for tests.
    pub fn render_location(&self, pathname: &str, search: &str) -> Result<(), JsValue> {
        let loc = Location::new(pathname, search, "");
        let mut navigator = self.inner.navigator.borrow_mut();
        let visit = navigator.load(&loc);
        self.inner.show(visit)
    }

    /// Changes only the query (`search`, with or without its `?`) and keeps the content:
    /// Dash's URL-state pattern. The address stays in the same pathname; Back to the old
    /// query renders it again.
    pub fn set_query(&self, search: &str, mode: HistoryMode) -> Result<(), JsValue> {
        let (pathname, _, hash) = self.inner.location()?;
        let mut s = String::new();
        if !search.is_empty() && !search.starts_with('?') {
            s.push('?');
        }
        s.push_str(search);
        self.set_state(&pathname, &s, &hash, mode)
    }

    /// Changes only the fragment (`hash`, with or without its `#`) and keeps the content;
    /// no scrolling.
    pub fn set_hash(&self, hash: &str, mode: HistoryMode) -> Result<(), JsValue> {
        let (pathname, search, _) = self.inner.location()?;
        let mut h = String::new();
        if !hash.is_empty() && !hash.starts_with('#') {
            h.push('#');
        }
        h.push_str(hash);
        self.set_state(&pathname, &search, &h, mode)
    }

    /// What is on screen: a page, the custom 404 or the default 404.
    pub fn outcome(&self) -> Outcome {
        self.inner.outcome.get()
    }

    /// The container the pages render into.
    pub fn container(&self) -> &Element {
        &self.inner.container
    }

    fn set_state(
        &self,
        pathname: &str,
        search: &str,
        hash: &str,
        mode: HistoryMode,
    ) -> Result<(), JsValue> {
        let mut url = String::from(pathname);
        url.push_str(search);
        url.push_str(hash);
        let history = match mode {
            HistoryMode::Push => History::Push(url),
            HistoryMode::Replace => History::Replace(url),
        };
        self.inner.history(&history)?;
        // Read back what the browser made of it (it may percent-encode).
        let (pathname, search, hash) = self.inner.location()?;
        let loc = Location::new(&pathname, &search, &hash);
        self.inner.navigator.borrow_mut().set_shown(&loc);
        Ok(())
    }
}

impl<T: 'static> Drop for Router<T> {
    fn drop(&mut self) {
        let _ = self
            .inner
            .document
            .remove_event_listener_with_callback("click", self.on_click.as_ref().unchecked_ref());
        let _ = self.inner.window.remove_event_listener_with_callback(
            "popstate",
            self.on_popstate.as_ref().unchecked_ref(),
        );
    }
}

impl<T> Inner<T> {
    fn location(&self) -> Result<(String, String, String), JsValue> {
        let l = &self.location;
        Ok((l.pathname()?, l.search()?, l.hash()?))
    }

    fn click(&self, event: &MouseEvent) -> Result<(), JsValue> {
        let Some(anchor) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return Ok(());
        };
        let (pathname, search, hash) = (anchor.pathname(), anchor.search(), anchor.hash());
        let target = anchor.target();
        let click = LinkClick {
            button: event.button(),
            modified: event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key(),
            default_prevented: event.default_prevented(),
            target: &target,
            download: anchor.has_attribute("download"),
            external: anchor.has_attribute("data-external"),
            same_origin: anchor.origin() == self.origin,
            href: Location::new(&pathname, &search, &hash),
        };
        let mut navigator = self.navigator.borrow_mut();
        match navigator.click(&click) {
            Decision::Ignore => Ok(()),
            decision => {
                event.prevent_default();
                self.apply(decision)
            }
        }
    }

    fn popstate(&self) -> Result<(), JsValue> {
        let (pathname, search, hash) = self.location()?;
        let loc = Location::new(&pathname, &search, &hash);
        let mut navigator = self.navigator.borrow_mut();
        let decision = navigator.pop(&loc);
        self.apply(decision)
    }

    fn apply(&self, decision: Decision<'_, '_, T>) -> Result<(), JsValue> {
        match decision {
            Decision::Ignore => Ok(()),
            Decision::Stay { history, scroll } => {
                self.history(&history)?;
                self.scroll(&scroll);
                Ok(())
            }
            Decision::Render(visit) => self.show(visit),
        }
    }

    /// Address first (so a layout that reads `location` sees the new one), then content,
    /// title, head tags and scroll. (Chromium brings style up to date when the title
    /// changes, so the title set after the content includes the new content's style
    /// recalculation; set before it, that work moves to the next frame. Same work either
    /// way, so the click's measured time keeps it.)
    fn show(&self, visit: Visit<'_, '_, T>) -> Result<(), JsValue> {
        self.history(visit.history())?;
        match visit.page_match() {
            Some(m) => match (self.render)(&visit, m) {
                Content::Html(html) => self.container.set_inner_html(&html),
                Content::Node(node) => {
                    self.container.set_text_content(None);
                    self.container.append_child(&node)?;
                }
                Content::InPlace => {}
            },
            None => self.container.set_inner_html(DEFAULT_NOT_FOUND),
        }
        self.outcome.set(visit.outcome());
        self.document.set_title(&visit.title());
        self.head_tags(&visit)?;
        self.scroll(visit.scroll());
        Ok(())
    }

    /// Addresses are made absolute first: a pathname such as `//analytics//` is not a
    /// protocol-relative URL here.
    fn history(&self, history: &History) -> Result<(), JsValue> {
        let (push, address) = match history {
            History::Keep => return Ok(()),
            History::Push(a) => (true, a),
            History::Replace(a) => (false, a),
        };
        let mut url = String::with_capacity(self.origin.len() + address.len());
        url.push_str(&self.origin);
        url.push_str(address);
        let h = &self.history;
        if push {
            h.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            h.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        }
    }

    /// Sets the ten description/twitter/og tags that changed, creating the ones the page
    /// lacks on the first visit.
    fn head_tags(&self, visit: &Visit<'_, '_, T>) -> Result<(), JsValue> {
        let mut meta = self.meta.borrow_mut();
        for (i, (attr, key, value)) in visit.head(&self.origin).tags().enumerate() {
            if meta.len() == i {
                let Some(head) = self.document.head() else {
                    return Ok(());
                };
                let selector = alloc::format!("meta[{attr}=\"{key}\"]");
                let element = match head.query_selector(&selector)? {
                    Some(element) => element,
                    None => {
                        let element = self.document.create_element("meta")?;
                        element.set_attribute(attr, key)?;
                        head.append_child(&element)?;
                        element
                    }
                };
                let shown = element.get_attribute("content").unwrap_or_default();
                meta.push((element, shown));
            }
            let Some((element, shown)) = meta.get_mut(i) else {
                continue; // pushed above: not reached
            };
            if shown != value {
                element.set_attribute("content", value)?;
                shown.clear();
                shown.push_str(value);
            }
        }
        Ok(())
    }

    fn scroll(&self, scroll: &Scroll) {
        match scroll {
            Scroll::Keep => {}
            Scroll::Top => self.window.scroll_to_with_x_and_y(0.0, 0.0),
            Scroll::Fragment(id) => match self.document.get_element_by_id(id) {
                Some(e) => e.scroll_into_view(),
                None => self.window.scroll_to_with_x_and_y(0.0, 0.0),
            },
        }
    }
}

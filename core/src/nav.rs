//! The navigation model: what a menu, a sidebar and a breadcrumb trail need, derived from the
//! frozen registry so that no adapter builds its own.

use alloc::vec::Vec;

use crate::custom::CustomValue;
use crate::decode::raw_segments;
use crate::page::Page;
use crate::registry::Registry;
use crate::resolve::Resolution;

/// One page as a navigation entry.
#[derive(Debug)]
pub struct NavEntry<'r, T> {
    page: &'r Page<T>,
    /// Decided once, when the entry is made (see [`NavEntry::is_listed`]).
    listed: bool,
}

impl<'r, T> Clone for NavEntry<'r, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<'r, T> Copy for NavEntry<'r, T> {}

impl<'r, T> NavEntry<'r, T> {
    /// The page.
    pub fn page(&self) -> &'r Page<T> {
        self.page
    }
    /// The label (the page name).
    pub fn name(&self) -> &'r str {
        self.page.name()
    }
    /// The link target: the page's address with the requests prefix.
    pub fn href(&self) -> &'r str {
        self.page.relative_path()
    }
    /// The custom `section` key (Streamlit's `st.navigation` groups), if any.
    pub fn section(&self) -> Option<&'r str> {
        self.page.extra_text("section")
    }
    /// Any other custom key, such as Dash's `location="sidebar"`.
    pub fn key(&self, key: &str) -> Option<&'r str> {
        self.page.extra_text(key)
    }
    /// Hidden pages (custom key `hidden` = `true`), template pages (no single address) and
    /// the 404 page are routable but not listed.
    pub fn is_listed(&self) -> bool {
        self.listed
    }
}

/// How an entry relates to the current request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Active {
    /// The current page.
    Exact,
    /// An ancestor of the current page by path (`/reports` for `/reports/summary-2020`).
    Ancestor,
    /// Neither.
    No,
}

/// The registry seen as navigation: entries in registry order.
///
/// ```
/// use folio_core::{Active, Config, PageSpec, RegistryBuilder};
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(PageSpec::new("pages.home").path("/").layout(()));
/// b.page(PageSpec::new("pages.reports").layout(()).extra("location", "sidebar"));
/// b.page(PageSpec::new("pages.reports.summary_2020").path("/reports/summary-2020").layout(()));
/// b.page(PageSpec::new("pages.drafts").layout(()).extra("hidden", true));
/// b.page(PageSpec::new("pages.old").layout(()).extra("hidden", "true"));
/// let registry = b.build().unwrap();
/// let nav = registry.navigation();
/// assert_eq!(nav.entries().count(), 3); // hidden pages are routable but not listed
///
/// let sidebar: Vec<_> = nav.entries().filter(|e| e.key("location") == Some("sidebar")).map(|e| e.name()).collect();
/// assert_eq!(sidebar, ["Reports"]);
///
/// let here = registry.resolve("/reports/summary-2020", "");
/// let reports = nav.entries().find(|e| e.name() == "Reports").unwrap();
/// assert_eq!(nav.active(&reports, &here), Active::Ancestor);
/// let crumbs: Vec<_> = nav.breadcrumbs(&here).iter().map(|e| e.href()).collect();
/// assert_eq!(crumbs, ["/", "/reports", "/reports/summary-2020"]);
/// ```
#[derive(Debug)]
pub struct Navigation<'r, T> {
    registry: &'r Registry<T>,
}

impl<T> Registry<T> {
    /// The navigation model of this registry.
    pub fn navigation(&self) -> Navigation<'_, T> {
        Navigation { registry: self }
    }
}

impl<'r, T> Navigation<'r, T> {
    /// An entry for `page`. Menus are drawn on every request, so whether a page is listed
    /// is decided here, once per entry, against the registry's own 404 page.
    fn entry(&self, page: &'r Page<T>) -> NavEntry<'r, T> {
        let not_found = self
            .registry
            .not_found_page()
            .is_some_and(|nf| core::ptr::eq(nf, page));
        let listed = !not_found
            && !is_hidden(page.extra_value("hidden"))
            && page.template().is_none_or(|t| t.is_static());
        NavEntry { page, listed }
    }

    /// Listed entries in registry order (see [`NavEntry::is_listed`]).
    pub fn entries(&self) -> impl Iterator<Item = NavEntry<'r, T>> + 'r {
        let nav = Navigation {
            registry: self.registry,
        };
        self.registry
            .pages()
            .map(move |page| nav.entry(page))
            .filter(NavEntry::is_listed)
    }

    /// Listed entries grouped by `section` in order of first appearance; pages without a
    /// section form a leading group named `None`.
    pub fn sections(&self) -> Vec<(Option<&'r str>, Vec<NavEntry<'r, T>>)> {
        let mut groups: Vec<(Option<&'r str>, Vec<NavEntry<'r, T>>)> = Vec::new();
        for entry in self.entries() {
            match groups.iter_mut().find(|(s, _)| *s == entry.section()) {
                Some((_, items)) => items.push(entry),
                None => groups.push((entry.section(), alloc::vec![entry])),
            }
        }
        // The group without a section (at most one) leads; the others keep their order.
        if let Some(i) = groups.iter().position(|(s, _)| s.is_none()) {
            groups[..=i].rotate_right(1);
        }
        groups
    }

    /// Whether `entry` is the current page, one of its ancestors by path, or neither.
    pub fn active(&self, entry: &NavEntry<'r, T>, current: &Resolution<'_, '_, T>) -> Active {
        self.active_for(entry, current_page(current))
    }

    /// [`active`](Self::active) for a page known without a resolution (`None`: no page
    /// is shown, as on the 404 page). Menus depend only on this page, so a server can
    /// compute them once per page.
    pub fn active_for(&self, entry: &NavEntry<'r, T>, page: Option<&Page<T>>) -> Active {
        let Some(page) = page else {
            return Active::No;
        };
        if core::ptr::eq(page, entry.page) {
            return Active::Exact;
        }
        if is_ancestor(entry.page.path(), page.path()) {
            Active::Ancestor
        } else {
            Active::No
        }
    }

    /// The trail from the root to the current page: every listed page whose path is a
    /// segment-wise prefix of the current page's path, shortest first, then the page.
    pub fn breadcrumbs(&self, current: &Resolution<'_, '_, T>) -> Vec<NavEntry<'r, T>> {
        self.breadcrumbs_for(current_page(current))
    }

    /// [`breadcrumbs`](Self::breadcrumbs) for a page known without a resolution (`None`:
    /// no trail).
    pub fn breadcrumbs_for(&self, page: Option<&Page<T>>) -> Vec<NavEntry<'r, T>> {
        let Some(page) = page else {
            return Vec::new();
        };
        let mut trail: Vec<(usize, NavEntry<'r, T>)> = self
            .registry
            .pages()
            .filter(|p| !core::ptr::eq(*p, page) && is_ancestor(p.path(), page.path()))
            .map(|page| self.entry(page))
            .filter(NavEntry::is_listed)
            .enumerate()
            .collect();
        // By depth, then registry order: a unique key, so the unstable sort is stable here.
        crate::sort::sort_by_key(&mut trail, |(i, e)| {
            (raw_segments(e.page.path()).count(), *i)
        });
        let mut trail: Vec<NavEntry<'r, T>> = trail.into_iter().map(|(_, e)| e).collect();
        if let Some(p) = self.registry.pages().find(|p| core::ptr::eq(*p, page)) {
            trail.push(self.entry(p));
        }
        trail
    }
}

fn current_page<'a, T>(current: &Resolution<'a, '_, T>) -> Option<&'a Page<T>> {
    match current {
        Resolution::Page(m) => Some(m.page()),
        Resolution::Redirect(r) => Some(r.page().page()),
        _ => None,
    }
}

/// `ancestor` is a proper segment-wise prefix of `path` (the root is everyone's ancestor).
fn is_ancestor(ancestor: &str, path: &str) -> bool {
    let mut a = raw_segments(ancestor);
    let mut p = raw_segments(path);
    loop {
        match (a.next(), p.next()) {
            (None, Some(_)) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// `hidden = "true"` as text (how the key reads in a config file) or as a boolean.
fn is_hidden(value: Option<&CustomValue>) -> bool {
    matches!(value, Some(CustomValue::Bool(true)))
        || value.and_then(CustomValue::as_text) == Some("true")
}

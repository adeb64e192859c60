//! `st.navigation` (N-1..N-9), the legacy `pages/` directory (P-5), page resolution (N-8,
//! S4) and `st.switch_page` / `st.page_link` targets (L-1, L-2, S4, S8).

use alloc::string::String;
use alloc::vec::Vec;

use super::error::PageError;
use super::icons::validate_icon;
use super::naming::SortKey;
use super::page::{AppFiles, Page, PageKind, PageSpec, is_url};
use super::text::{dedent, is_blank, normalize_path};

/// Where the navigation menu is shown (N-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Position {
    /// In the sidebar (the default).
    #[default]
    Sidebar,
    /// Across the top.
    Top,
    /// Not shown.
    Hidden,
}

impl Position {
    /// Parses Streamlit's `position` argument: `sidebar`, `top` or `hidden`.
    pub fn parse(s: &str) -> Result<Position, PageError> {
        match s {
            "sidebar" => Ok(Position::Sidebar),
            "top" => Ok(Position::Top),
            "hidden" => Ok(Position::Hidden),
            _ => Err(PageError::InvalidPosition),
        }
    }

    /// The upper-case name of the navigation message: `SIDEBAR`, `TOP`, `HIDDEN`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Position::Sidebar => "SIDEBAR",
            Position::Top => "TOP",
            Position::Hidden => "HIDDEN",
        }
    }
}

/// Streamlit's `expanded` argument (N-6): a flag, or a number of visible items (`0` is
/// collapsed; a negative number is `invalid_expanded`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expanded {
    /// Expanded (`true`) or collapsed (`false`).
    Flag(bool),
    /// Collapsed, showing this many items (`0`: collapsed with no limit).
    Items(i64),
}

impl Default for Expanded {
    fn default() -> Self {
        Expanded::Flag(false)
    }
}

/// One item given to the navigation: a built [`Page`], or a [`PageSpec`] the navigation
/// builds itself (its errors are then navigation errors).
#[derive(Debug, Clone)]
pub enum NavItem {
    /// A built page.
    Page(Page),
    /// A page source to build.
    Spec(PageSpec),
}

impl From<Page> for NavItem {
    fn from(page: Page) -> Self {
        NavItem::Page(page)
    }
}

impl From<PageSpec> for NavItem {
    fn from(spec: PageSpec) -> Self {
        NavItem::Spec(spec)
    }
}

/// Collects the sections and options of a navigation; see [`Navigation::builder`].
#[derive(Debug, Clone, Default)]
pub struct NavigationBuilder {
    sections: Vec<(String, Vec<NavItem>)>,
    position: Position,
    expanded: Expanded,
}

impl NavigationBuilder {
    /// Adds a page to the unnamed section `""`.
    #[must_use]
    pub fn page(mut self, item: impl Into<NavItem>) -> Self {
        match self.sections.iter_mut().find(|(name, _)| name.is_empty()) {
            Some((_, items)) => items.push(item.into()),
            None => self
                .sections
                .push((String::new(), alloc::vec![item.into()])),
        }
        self
    }

    /// Adds a section (in order; it may be empty) with its pages.
    #[must_use]
    pub fn section<I>(mut self, name: impl Into<String>, items: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<NavItem>,
    {
        let name = name.into();
        let items = items.into_iter().map(Into::into);
        match self.sections.iter_mut().find(|(n, _)| *n == name) {
            Some((_, existing)) => existing.extend(items),
            None => self.sections.push((name, items.collect())),
        }
        self
    }

    /// Where the menu is shown.
    #[must_use]
    pub fn position(mut self, position: Position) -> Self {
        self.position = position;
        self
    }

    /// Whether the menu is expanded.
    #[must_use]
    pub fn expanded(mut self, expanded: Expanded) -> Self {
        self.expanded = expanded;
        self
    }

    /// Builds the navigation (N-2..N-9, S5): the first non-external page is the default when
    /// none is marked; only the default page may have an empty url path; reserved url paths
    /// are unique. `files` is the app's file set, for [`NavItem::Spec`] file pages.
    pub fn build<F: AppFiles + ?Sized>(self, files: &F) -> Result<Navigation, PageError> {
        let mut sections = Vec::with_capacity(self.sections.len());
        let mut pages = Vec::new();
        let mut page_sections = Vec::new();
        for (section, items) in self.sections {
            for item in items {
                let page = match item {
                    NavItem::Page(page) => page,
                    NavItem::Spec(spec) => spec.build(files)?,
                };
                pages.push(page);
                page_sections.push(sections.len());
            }
            sections.push(section);
        }
        if pages.is_empty() {
            return Err(PageError::NoPages);
        }
        let mut defaults = pages.iter().enumerate().filter(|(_, p)| p.is_default());
        let default_index = match (defaults.next(), defaults.next()) {
            (Some(_), Some(_)) => return Err(PageError::MultipleDefaultPages),
            (Some((i, _)), None) => i,
            (None, _) => {
                let i = pages
                    .iter()
                    .position(|p| !p.is_external())
                    .ok_or(PageError::ExternalOnlyPages)?;
                pages[i].set_default();
                i
            }
        };
        if pages
            .iter()
            .any(|p| !p.is_default() && is_blank(p.url_path()))
        {
            return Err(PageError::EmptyUrlPath);
        }
        let mut seen: Vec<&str> = pages.iter().map(Page::url_path).collect();
        seen.sort_unstable();
        if seen.windows(2).any(|w| w[0] == w[1]) {
            return Err(PageError::DuplicateUrlPath);
        }
        let (expanded, visible_items) = match self.expanded {
            Expanded::Flag(b) => (b, None),
            Expanded::Items(n) if n < 0 => return Err(PageError::InvalidExpanded),
            Expanded::Items(0) => (false, None),
            Expanded::Items(n) => (false, u64::try_from(n).ok()),
        };
        Ok(Navigation {
            sections,
            pages,
            page_sections,
            position: self.position,
            expanded,
            visible_items,
            default_index,
        })
    }
}

/// A page request (N-8, S4): the first load of the root, a URL page name, or a page id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRequest<'a> {
    /// The root URL: no page name, no id.
    Root,
    /// The URL path segment after the base path, percent-decoded by the adapter (C3).
    Name(&'a str),
    /// A page id (a reserved url path) sent back by the frontend; it decides alone (C4).
    Id(&'a str),
}

/// The page a request runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolution {
    /// Index into [`Navigation::pages`].
    pub index: usize,
    /// The request named no runnable page: the default page runs and the adapter reports
    /// `page_not_found` (S4).
    pub not_found: bool,
}

/// The target of `switch_page` / `page_link`.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A file path relative to the app directory (for `page_link`, an `http(s)` URL is an
    /// external link; for `switch_page` a URL is a path and is not found).
    Path(&'a str),
    /// A page object, which must be registered in the navigation (S4) unless it is an
    /// external page given to `page_link`.
    Page(&'a Page),
}

/// Overrides of a `page_link`: label, icon and help.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkOptions {
    /// The link text (default: the page title).
    pub label: Option<String>,
    /// The icon (default: the page icon, S8).
    pub icon: Option<String>,
    /// The tooltip (default: the page help).
    pub help: Option<String>,
}

/// What a `page_link` shows and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    /// The public url path of the target page, or the external URL.
    pub page: String,
    /// Index of the target page in the navigation (`None` for an external link).
    pub page_index: Option<usize>,
    /// The link text.
    pub label: String,
    /// The normalised icon (`""`: none).
    pub icon: String,
    /// The tooltip (`""`: none).
    pub help: String,
    /// Whether the link leaves the app.
    pub external: bool,
}

/// A built navigation: sections, pages in order, menu options and the default page.
///
/// ```
/// use folio_core::streamlit::{Navigation, PageRequest, PageSpec, Target};
/// let files = ["home.py", "2_📊_Reports.py"];
/// let nav = Navigation::builder()
///     .page(PageSpec::new("home.py"))
///     .section("Data", [PageSpec::new("2_📊_Reports.py")])
///     .build(&files)
///     .unwrap();
/// assert_eq!(nav.default_index(), 0);
/// let r = nav.resolve(PageRequest::Name("Reports"));
/// assert_eq!((r.index, r.not_found), (1, false));
/// let r = nav.resolve(PageRequest::Name("nope"));
/// assert_eq!((r.index, r.not_found), (0, true));
/// assert_eq!(nav.switch_page(Target::Path("./2_📊_Reports.py")), Ok(1));
/// ```
#[derive(Debug, Clone)]
pub struct Navigation {
    sections: Vec<String>,
    pages: Vec<Page>,
    page_sections: Vec<usize>,
    position: Position,
    expanded: bool,
    visible_items: Option<u64>,
    default_index: usize,
}

impl Navigation {
    /// A builder for a navigation.
    pub fn builder() -> NavigationBuilder {
        NavigationBuilder::default()
    }

    /// The legacy `pages/` directory (P-5, C1): `main` is the default page, then every
    /// `*.py` of `page_files` (file names directly inside `pages/`) except names starting
    /// with `.` and `__init__.py`, ordered by [`SortKey`] and then by file name.
    pub fn from_pages_dir<S: AsRef<str>>(
        main: &str,
        page_files: &[S],
    ) -> Result<Navigation, PageError> {
        let mut chosen: Vec<(SortKey, &str)> = page_files
            .iter()
            .map(AsRef::as_ref)
            .filter(|f| f.ends_with(".py") && !f.starts_with('.') && *f != "__init__.py")
            .map(|f| (SortKey::of(f), f))
            .collect();
        chosen.sort_by(|(ka, fa), (kb, fb)| {
            ka.partial_cmp(kb)
                .unwrap_or(core::cmp::Ordering::Equal)
                .then_with(|| fa.cmp(fb))
        });
        let mut files: Vec<String> = Vec::with_capacity(chosen.len() + 1);
        files.push(normalize_path(main));
        let mut builder = Navigation::builder().page(PageSpec::new(main).default_page(true));
        for (_, f) in &chosen {
            let mut path = String::from("pages/");
            path.push_str(f);
            files.push(normalize_path(&path));
            builder = builder.page(PageSpec::new(path));
        }
        builder.build(&files)
    }

    /// The section names in order (`""` for an unnamed section).
    pub fn sections(&self) -> &[String] {
        &self.sections
    }

    /// The pages in order, sections flattened.
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// The section of page `index` (`None` when out of range).
    pub fn section_of(&self, index: usize) -> Option<&str> {
        let s = *self.page_sections.get(index)?;
        self.sections.get(s).map(String::as_str)
    }

    /// Where the menu is shown.
    pub fn position(&self) -> Position {
        self.position
    }

    /// Whether the menu is expanded.
    pub fn expanded(&self) -> bool {
        self.expanded
    }

    /// How many items a collapsed menu shows (`None`: no limit).
    pub fn visible_items(&self) -> Option<u64> {
        self.visible_items
    }

    /// Index of the default page.
    pub fn default_index(&self) -> usize {
        self.default_index
    }

    /// The default page.
    pub fn default_page(&self) -> &Page {
        &self.pages[self.default_index]
    }

    /// Index of the page with this id (reserved url path), if any.
    pub fn index_of_id(&self, id: &str) -> Option<usize> {
        self.pages.iter().position(|p| p.url_path() == id)
    }

    /// Which page a request runs (N-8 with S4): an id decides alone; a name matches a public
    /// url path, or the default page's reserved one; anything naming no runnable page (unknown,
    /// external) runs the default page with `not_found`.
    pub fn resolve(&self, request: PageRequest<'_>) -> Resolution {
        let found = match request {
            PageRequest::Root | PageRequest::Name("") => {
                return Resolution {
                    index: self.default_index,
                    not_found: false,
                };
            }
            PageRequest::Id(id) => self.index_of_id(id),
            PageRequest::Name(name) => self
                .pages
                .iter()
                .position(|p| p.public_url_path() == name)
                .or_else(|| (self.default_page().url_path() == name).then_some(self.default_index)),
        };
        match found {
            Some(i) if !self.pages[i].is_external() => Resolution {
                index: i,
                not_found: false,
            },
            _ => Resolution {
                index: self.default_index,
                not_found: true,
            },
        }
    }

    /// L-1 registered-source check plus S4: a page target must be registered.
    fn registered(&self, page: &Page) -> Result<usize, PageError> {
        let i = self
            .index_of_id(page.url_path())
            .ok_or(PageError::PageNotFound)?;
        let reg = &self.pages[i];
        match page.kind() {
            PageKind::File if reg.kind() != PageKind::File || reg.source() != page.source() => {
                Err(PageError::PageSourceMismatchFile)
            }
            PageKind::Function if reg.kind() == PageKind::File => {
                Err(PageError::PageSourceMismatchCallable)
            }
            _ => Ok(i),
        }
    }

    /// L-1: a file path names the first registered page of that file (after lexical
    /// normalisation).
    fn registered_path(&self, path: &str) -> Result<usize, PageError> {
        let want = normalize_path(path);
        self.pages
            .iter()
            .position(|p| p.kind() == PageKind::File && p.source() == want)
            .ok_or(PageError::PageNotFound)
    }

    /// `st.switch_page` (L-1, S4): the index of the page the switch runs.
    pub fn switch_page(&self, target: Target<'_>) -> Result<usize, PageError> {
        match target {
            Target::Page(page) if page.is_external() => Err(PageError::ExternalPage),
            Target::Page(page) => self.registered(page),
            Target::Path(path) => self.registered_path(path),
        }
    }

    /// `st.page_link` (L-2, S8): label, icon and help come from the target page unless given;
    /// an external URL string needs a label.
    pub fn page_link(
        &self,
        target: Target<'_>,
        options: &LinkOptions,
    ) -> Result<PageLink, PageError> {
        let icon = match &options.icon {
            Some(icon) => Some(validate_icon(icon)?),
            None => None,
        };
        let help = options.help.as_deref().map(dedent);
        let (page, page_index, reg): (String, Option<usize>, Option<&Page>) = match target {
            Target::Page(page) if page.is_external() => {
                (String::from(page.source()), None, Some(page))
            }
            Target::Page(page) => {
                let i = self.registered(page)?;
                (String::from(page.public_url_path()), Some(i), Some(page))
            }
            Target::Path(s) if is_url(s) => {
                if options.label.as_deref().is_none_or(str::is_empty) {
                    return Err(PageError::MissingLabel);
                }
                (String::from(s), None, None)
            }
            Target::Path(s) => {
                let i = self.registered_path(s)?;
                let reg = &self.pages[i];
                (String::from(reg.public_url_path()), Some(i), Some(reg))
            }
        };
        let from_page = |f: fn(&Page) -> &str| reg.map(f).map(String::from).unwrap_or_default();
        Ok(PageLink {
            external: page_index.is_none(),
            page,
            page_index,
            label: options
                .label
                .clone()
                .unwrap_or_else(|| from_page(Page::title)),
            icon: icon.unwrap_or_else(|| from_page(Page::icon)),
            help: help.unwrap_or_else(|| from_page(Page::help)),
        })
    }
}

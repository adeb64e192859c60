//! The app shell: Dash's `app.layout` around `dash.page_container`.

use folio_core::{Page, Registry};

use crate::context::RequestContext;

/// Renders the whole HTML document around a page: the head (title and meta tags, already
/// escaped), navigation built from the registry, and the page's fragment.
///
/// Any `Fn(&View<'_, T>) -> String + Send + Sync + 'static` is a shell.
///
/// ```
/// use folio_server_common::{Shell, View};
/// fn shell(view: &View<'_, ()>) -> String {
///     let nav: String = view
///         .registry()
///         .pages()
///         .map(|p| format!("<a href=\"{}\">{}</a>", p.relative_path(), p.name()))
///         .collect();
///     format!("<!doctype html><html><head>{}</head><body><nav>{nav}</nav>{}</body></html>",
///         view.head(), view.content())
/// }
/// # let _: &dyn Shell<()> = &shell;
/// ```
pub trait Shell<T>: Send + Sync + 'static {
    /// The document for one response.
    fn render(&self, view: &View<'_, T>) -> String;
}

impl<T, F> Shell<T> for F
where
    F: Fn(&View<'_, T>) -> String + Send + Sync + 'static,
{
    fn render(&self, view: &View<'_, T>) -> String {
        self(view)
    }
}

/// What a [`Shell`] draws with.
#[derive(Debug)]
pub struct View<'a, T> {
    pub(crate) registry: &'a Registry<T>,
    pub(crate) page: Option<&'a Page<T>>,
    pub(crate) status: u16,
    pub(crate) head: &'a str,
    pub(crate) content: &'a str,
    pub(crate) context: &'a RequestContext,
}

impl<'a, T> View<'a, T> {
    /// The registry: `pages()` in registry order for menus, `extra_value` for custom
    /// keys such as `location`.
    pub fn registry(&self) -> &'a Registry<T> {
        self.registry
    }

    /// The page being shown: the matched page, or the custom 404 page (`None` for the
    /// default 404 page).
    pub fn page(&self) -> Option<&'a Page<T>> {
        self.page
    }

    /// The response status (200 or 404).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The escaped `<title>` and meta tags, for the document's `<head>`.
    pub fn head(&self) -> &'a str {
        self.head
    }

    /// The page's HTML fragment (Dash's `page_container`).
    pub fn content(&self) -> &'a str {
        self.content
    }

    /// The request as the page saw it: variables, query, routing inputs, target.
    pub fn context(&self) -> &'a RequestContext {
        self.context
    }

    /// A routing input (see [`RequestContext::input`]).
    pub fn input(&self, name: &str) -> Option<&'a str> {
        self.context.input(name)
    }

    /// True when `page` is the page being shown (for the active menu entry).
    pub fn is_current(&self, page: &Page<T>) -> bool {
        self.page.is_some_and(|p| std::ptr::eq(p, page))
    }
}

/// The shell used when none is given: a bare HTML5 document, the page inside
/// `<div id="page-content">`.
pub fn bare<T>(view: &View<'_, T>) -> String {
    let mut out = String::with_capacity(view.head.len() + view.content.len() + 160);
    out.push_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(view.head);
    out.push_str("\n</head>\n<body>\n<div id=\"page-content\">");
    out.push_str(view.content);
    out.push_str("</div>\n</body>\n</html>\n");
    out
}

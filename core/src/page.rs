//! A page as registered (`PageSpec`) and as frozen in a registry (`Page`).

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::custom::CustomValue;
use crate::order::Order;
use crate::template::Template;

/// A page title or description: fixed text, or computed from the path variables (Dash's
/// callable `title=` / `description=`).
pub enum Text {
    /// Fixed text.
    Fixed(String),
    /// Computed from the path variables, `(name, decoded value)` in template order (empty
    /// for a page without variables and for the 404 page).
    #[allow(clippy::type_complexity)] // spelled out so the signature reads in the docs
    Computed(Box<dyn Fn(&[(&str, &str)]) -> String + Send + Sync>),
}

impl Text {
    /// A computed text.
    ///
    /// ```
    /// use folio_core::Text;
    /// let t = Text::computed(|vars| format!("Report {}", vars[0].1));
    /// assert_eq!(t.render(&[("year", "2024")]), "Report 2024");
    /// ```
    pub fn computed(f: impl Fn(&[(&str, &str)]) -> String + Send + Sync + 'static) -> Self {
        Text::Computed(Box::new(f))
    }

    /// The text for these variables.
    pub fn render(&self, variables: &[(&str, &str)]) -> Cow<'_, str> {
        match self {
            Text::Fixed(s) => Cow::Borrowed(s),
            Text::Computed(f) => Cow::Owned(f(variables)),
        }
    }

    /// True for a computed text.
    pub fn is_computed(&self) -> bool {
        matches!(self, Text::Computed(_))
    }

    pub(crate) fn is_truthy(&self) -> bool {
        match self {
            Text::Fixed(s) => !s.is_empty(),
            Text::Computed(_) => true,
        }
    }
}

impl Text {
    /// The text as a page holds it.
    pub(crate) fn as_page_text(&self) -> PageText<'_> {
        match self {
            Text::Fixed(s) => PageText::Fixed(s),
            Text::Computed(f) => PageText::Computed(&**f),
        }
    }
}

/// A page's title or description, borrowed from the page ([`Page::title`],
/// [`Page::description`]): fixed text, or computed from the path variables.
#[derive(Clone, Copy)]
pub enum PageText<'r> {
    /// Fixed text.
    Fixed(&'r str),
    /// Computed from the path variables, `(name, decoded value)` in template order.
    #[allow(clippy::type_complexity)] // spelled out so the signature reads in the docs
    Computed(&'r (dyn Fn(&[(&str, &str)]) -> String + Send + Sync)),
}

impl<'r> PageText<'r> {
    /// The text for these variables.
    pub fn render(&self, variables: &[(&str, &str)]) -> Cow<'r, str> {
        match *self {
            PageText::Fixed(s) => Cow::Borrowed(s),
            PageText::Computed(f) => Cow::Owned(f(variables)),
        }
    }

    /// True for a computed text.
    pub fn is_computed(&self) -> bool {
        matches!(self, PageText::Computed(_))
    }
}

impl fmt::Debug for PageText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageText::Fixed(s) => write!(f, "{s:?}"),
            PageText::Computed(_) => f.write_str("<computed>"),
        }
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Text::Fixed(s) => write!(f, "{s:?}"),
            Text::Computed(_) => f.write_str("<computed>"),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Fixed(String::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Fixed(s)
    }
}

/// One `register_page` call: the module path, Dash's keyword arguments and the layout (an
/// opaque payload: the adapter's handler or render function).
///
/// Every text argument takes a literal, a `&String` or a `String` (from `format!`, moved
/// in, not copied). The module, the path and the path template, the texts nearly every
/// page has, are borrowed until [`RegistryBuilder::build`](crate::RegistryBuilder::build)
/// (`'a`, a [`Cow`]): the build copies the module and the path into the page's one text
/// box and the template into the parsed [`Template`], so a lent text costs no allocation
/// of its own. The other texts are kept as given (`impl Into<String>`). A function that
/// makes a spec from literals returns `PageSpec<'static, T>`.
///
/// ```
/// use folio_core::{Config, Order, PageSpec, RegistryBuilder};
/// let spec = PageSpec::new("pages.asset")
///     .path_template("/asset/<asset_id>")
///     .title("Asset")
///     .order(Order::Int(2))
///     .redirect_from("/old-asset/<asset_id>")
///     .extra("location", "sidebar")
///     .layout("asset layout");
///
/// // Texts the app made: lent (`&String`, alive until `build`) or handed over (`String`).
/// let reports: Vec<(String, String)> = (2020..2022)
///     .map(|y| (format!("pages.report_{y}"), format!("/report/{y}/<month>")))
///     .collect();
/// let mut builder = RegistryBuilder::new(Config::new());
/// builder.page(spec);
/// for (module, template) in &reports {
///     builder.page(PageSpec::new(module).path_template(template).layout("report"));
/// }
/// builder.page(PageSpec::new(format!("pages.{}", "home")).path("/").layout("home"));
/// let registry = builder.build().unwrap();
/// assert_eq!(registry.page("pages.report_2021").unwrap().path_template(),
///     Some("/report/2021/<month>"));
/// assert_eq!(registry.page("pages.home").unwrap().path(), "/");
/// ```
#[derive(Debug)]
pub struct PageSpec<'a, T> {
    pub(crate) module: Cow<'a, str>,
    pub(crate) path: Option<Cow<'a, str>>,
    pub(crate) path_template: Option<Cow<'a, str>>,
    pub(crate) layout: Option<T>,
    /// The arguments many pages leave out, boxed so that a spec moves as a few words.
    pub(crate) more: Option<Box<SpecMore>>,
}

/// The less common arguments of a [`PageSpec`], owned as the page will keep them (a
/// `String` given is kept, a borrowed text copied once).
#[derive(Debug, Default)]
pub(crate) struct SpecMore {
    pub(crate) name: Option<String>,
    pub(crate) order: Option<Order>,
    pub(crate) title: Option<Text>,
    pub(crate) description: Option<Text>,
    pub(crate) image: Option<String>,
    pub(crate) image_url: Option<String>,
    pub(crate) redirect_from: Vec<String>,
    pub(crate) extra: Vec<(String, CustomValue)>,
}

impl<'a, T> PageSpec<'a, T> {
    /// A page named by its module path (`pages.analytics`, or `module_path!()`).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn new(module: impl Into<Cow<'a, str>>) -> Self {
        PageSpec {
            module: module.into(),
            path: None,
            path_template: None,
            layout: None,
            more: None,
        }
    }

    fn more(&mut self) -> &mut SpecMore {
        self.more.get_or_insert_with(Box::default)
    }

    /// The URL path, used verbatim (not inferred from the module).
    pub fn path(mut self, path: impl Into<Cow<'a, str>>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// A path template with `<variables>`.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn path_template(mut self, template: impl Into<Cow<'a, str>>) -> Self {
        self.path_template = Some(template.into());
        self
    }

    /// The display name (default: inferred from the module).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.more().name = Some(name.into());
        self
    }

    /// The position in the registry (and so in navigation menus).
    pub fn order(mut self, order: Order) -> Self {
        self.more().order = Some(order);
        self
    }

    /// The page title, fixed or computed from the path variables.
    pub fn title(mut self, title: impl Into<Text>) -> Self {
        self.more().title = Some(title.into());
        self
    }

    /// The page description (meta tags), fixed or computed.
    pub fn description(mut self, description: impl Into<Text>) -> Self {
        self.more().description = Some(description.into());
        self
    }

    /// The meta image: a file name in the assets folder (default: inferred).
    pub fn image(mut self, image: impl Into<String>) -> Self {
        self.more().image = Some(image.into());
        self
    }

    /// A meta image URL, used verbatim.
    pub fn image_url(mut self, url: impl Into<String>) -> Self {
        self.more().image_url = Some(url.into());
        self
    }

    /// An old path (or template) that redirects here with 301.
    pub fn redirect_from(mut self, source: impl Into<String>) -> Self {
        self.more().redirect_from.push(source.into());
        self
    }

    /// A custom key/value kept in the registry (Dash's `**kwargs`), e.g. `location`:
    /// text, or any [`CustomValue`] (a number, a boolean, a list...).
    pub fn extra(mut self, key: impl Into<String>, value: impl Into<CustomValue>) -> Self {
        self.more().extra.push((key.into(), value.into()));
        self
    }

    /// The layout: the payload the adapter renders or calls.
    pub fn layout(mut self, layout: T) -> Self {
        self.layout = Some(layout);
        self
    }
}

/// A registered page, as the frozen registry holds it. Field names follow Dash's
/// `page_registry` (`supplied_*` beside the effective values).
///
/// The module, the path given and what the registry works out (the path of a template
/// page, the name, which is also the title unless one was given, the address under the
/// requests prefix) go back to back into one `texts` box, in that order, each where the
/// one before ends ([`Ends`]; the flags say which are there): one allocation, not one a
/// text, and none for the texts the spec lent. A page is 168 bytes for a `usize` layout
/// (the registry holds one a route, and a build writes every one of them).
pub struct Page<T> {
    /// The module, then the worked-out texts.
    pub(crate) texts: Texts,
    /// The parsed `path_template`, which keeps the text as given.
    pub(crate) template: Option<Template>,
    pub(crate) ends: Ends,
    /// [`PATH_TEMPLATE`], [`NAME_SUPPLIED`], [`TITLE_OWN`], [`RELATIVE_OWN`],
    /// [`HOME_ORDER`], [`PATH_GIVEN`], [`NOT_FOUND_PAGE`].
    pub(crate) flags: u8,
    pub(crate) layout: T,
    /// The registration index (pages are counted in 32 bits, as the module table does).
    pub(crate) registered: u32,
    /// What many pages do not have, boxed so that a page moves as a few words.
    pub(crate) more: Option<Box<PageMore>>,
}

/// Where a page's texts end, in the order they are pushed: the module is
/// `texts[..module]`, the path (unless [`PATH_TEMPLATE`]) `texts[module..path]`, the name
/// (unless [`NAME_SUPPLIED`]) `texts[path..name]`, the title (with [`TITLE_OWN`])
/// `texts[name..title]`, the address (with [`RELATIVE_OWN`]) `texts[title..]`. A text that
/// is not there ends where the one before does.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ends {
    pub(crate) module: u32,
    pub(crate) path: u32,
    pub(crate) name: u32,
    pub(crate) title: u32,
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(core::mem::size_of::<Page<usize>>() == 168);

/// The path is the `path_template` given (a static template is its own path).
pub(crate) const PATH_TEMPLATE: u8 = 1;
/// The name is the `name` given.
pub(crate) const NAME_SUPPLIED: u8 = 2;
/// The title (when none was given) is the app's, in the texts; else it is the name.
pub(crate) const TITLE_OWN: u8 = 4;
/// The address under the requests prefix is in the texts; else it is the path.
pub(crate) const RELATIVE_OWN: u8 = 8;
/// The page is the home page that gets order 0 (no page gave an order); any other
/// effective order is the one given ([`PageMore::supplied_order`]).
pub(crate) const HOME_ORDER: u8 = 16;
/// The path is the path given (else inferred).
pub(crate) const PATH_GIVEN: u8 = 32;
/// The module's last component is `not_found_404`: a custom 404 page (the registry's is
/// the first in registry order).
pub(crate) const NOT_FOUND_PAGE: u8 = 64;

/// The less common parts of a page: the arguments as given, the redirect sources.
#[derive(Debug, Default)]
pub(crate) struct PageMore {
    pub(crate) supplied_name: Option<String>,
    pub(crate) supplied_title: Option<Text>,
    /// `None`: no description (an empty text).
    pub(crate) description: Option<Text>,
    pub(crate) supplied_order: Option<Order>,
    pub(crate) supplied_image: Option<String>,
    /// The image found in the assets, when none was given.
    pub(crate) inferred_image: Option<String>,
    pub(crate) image_url: Option<String>,
    pub(crate) redirect_from: Vec<String>,
    pub(crate) redirect_templates: Vec<Template>,
    pub(crate) extra: Vec<(String, CustomValue)>,
}

/// A page's texts (the module, then what the build works out, [`Where`]): in the page
/// itself when they fit, as most pages' do (no allocation of their own: a `malloc` cost
/// more than everything else the build does to make a page), else in a box.
#[derive(Clone)]
pub(crate) enum Texts {
    Inline(heapless::String<INLINE>),
    Boxed(Box<str>),
}

/// Room for the texts in the page (with their length and the enum's tag, 72 bytes).
const INLINE: usize = 56;

impl Texts {
    /// The texts `text`, inline when they fit.
    #[inline]
    pub(crate) fn new(text: &str) -> Texts {
        let mut inline = heapless::String::new();
        match inline.push_str(text) {
            Ok(()) => Texts::Inline(inline),
            Err(()) => Texts::Boxed(Box::from(text)),
        }
    }

    /// All the texts.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Texts::Inline(text) => text.as_str(),
            Texts::Boxed(text) => text,
        }
    }

    /// The texts' bytes.
    #[inline]
    pub(crate) fn bytes(&self) -> &[u8] {
        self.as_str().as_bytes()
    }
}

impl Default for Texts {
    fn default() -> Texts {
        Texts::Inline(heapless::String::new())
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Where one of a page's texts is, as the page's `Debug` shows it (and the claims read
/// the path's, [`Page::path_at`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Where {
    /// `texts[start..start + len]` in the page's texts.
    Texts { start: u32, len: u32 },
    /// The `path_template` given.
    Template,
    /// The `name` given.
    SuppliedName,
    /// The page's path (the address when it needs no prefix).
    Path,
}

impl Where {
    /// `texts[start..end]` (empty when `end` is before `start`).
    fn between(start: u32, end: u32) -> Where {
        Where::Texts {
            start,
            len: end.saturating_sub(start),
        }
    }
}

impl<T> Page<T> {
    /// `texts[start..end]`.
    #[inline]
    fn span(&self, start: u32, end: u32) -> &str {
        self.texts
            .as_str()
            .get(start as usize..end as usize)
            .unwrap_or("")
    }

    /// Whether `flag` ([`PATH_TEMPLATE`] …) is set.
    #[inline]
    pub(crate) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Where the path is.
    #[inline]
    pub(crate) fn path_at(&self) -> Where {
        match self.has(PATH_TEMPLATE) {
            true => Where::Template,
            false => Where::between(self.ends.module, self.ends.path),
        }
    }

    /// Where the name is.
    fn name_at(&self) -> Where {
        match self.has(NAME_SUPPLIED) {
            true => Where::SuppliedName,
            false => Where::between(self.ends.path, self.ends.name),
        }
    }

    /// Where the title is when none was given.
    fn title_at(&self) -> Where {
        match self.has(TITLE_OWN) {
            true => Where::between(self.ends.name, self.ends.title),
            false => self.name_at(),
        }
    }

    /// Where the address under the requests prefix is.
    fn relative_at(&self) -> Where {
        match self.has(RELATIVE_OWN) {
            true => Where::between(self.ends.title, self.texts.as_str().len() as u32),
            false => Where::Path,
        }
    }

    /// Whether the path is the path given.
    #[inline]
    pub(crate) fn path_given(&self) -> bool {
        self.has(PATH_GIVEN)
    }

    /// The redirect sources' templates, in the order of [`redirect_from`](Self::redirect_from).
    pub(crate) fn redirect_templates(&self) -> &[Template] {
        self.more.as_ref().map_or(&[], |m| &m.redirect_templates)
    }

    /// The module path.
    #[inline]
    pub fn module(&self) -> &str {
        self.span(0, self.ends.module)
    }
    /// The module path's bytes (no character-boundary check: the build's comparisons).
    #[inline]
    pub(crate) fn module_bytes(&self) -> &[u8] {
        self.texts
            .bytes()
            .get(..self.ends.module as usize)
            .unwrap_or_default()
    }
    /// The effective path: given, or inferred (for a template page, the template with
    /// every variable replaced by `none`, as Dash).
    pub fn path(&self) -> &str {
        match self.has(PATH_TEMPLATE) {
            true => self.path_template().unwrap_or(""),
            false => self.span(self.ends.module, self.ends.path),
        }
    }
    /// The `path` argument as given.
    pub fn supplied_path(&self) -> Option<&str> {
        self.path_given().then(|| self.path())
    }
    /// The `path_template` argument as given.
    pub fn path_template(&self) -> Option<&str> {
        self.template.as_ref().map(Template::given)
    }
    /// The parsed template, if any.
    pub fn template(&self) -> Option<&Template> {
        self.template.as_ref()
    }
    /// The display name.
    pub fn name(&self) -> &str {
        match self.has(NAME_SUPPLIED) {
            true => self.supplied_name().unwrap_or(""),
            false => self.span(self.ends.path, self.ends.name),
        }
    }
    /// The `name` argument as given.
    pub fn supplied_name(&self) -> Option<&str> {
        self.more.as_ref()?.supplied_name.as_deref()
    }
    /// The title (fixed or computed).
    ///
    /// ```
    /// use folio_core::{Config, PageSpec, RegistryBuilder};
    /// let mut b = RegistryBuilder::new(Config::new());
    /// b.page(PageSpec::new("pages.weekly_analytics").layout(()));
    /// let registry = b.build().unwrap();
    /// let page = registry.page("pages.weekly_analytics").unwrap();
    /// assert_eq!(page.title().render(&[]), "Weekly analytics");
    /// assert!(!page.title().is_computed());
    /// ```
    pub fn title(&self) -> PageText<'_> {
        match self.more.as_ref().and_then(|m| m.supplied_title.as_ref()) {
            Some(title) => title.as_page_text(),
            None if self.has(TITLE_OWN) => {
                PageText::Fixed(self.span(self.ends.name, self.ends.title))
            }
            None => PageText::Fixed(self.name()),
        }
    }
    /// Whether a title was given.
    pub fn has_supplied_title(&self) -> bool {
        self.more
            .as_ref()
            .is_some_and(|m| m.supplied_title.is_some())
    }
    /// The description (fixed or computed).
    pub fn description(&self) -> PageText<'_> {
        match self.more.as_ref().and_then(|m| m.description.as_ref()) {
            Some(description) => description.as_page_text(),
            None => PageText::Fixed(""),
        }
    }
    /// The effective order (the home page gets 0 while no page gives an order).
    pub fn order(&self) -> Option<&Order> {
        static ZERO: Order = Order::Int(0);
        match self.has(HOME_ORDER) {
            true => Some(&ZERO),
            false => self.supplied_order(),
        }
    }
    /// The `order` argument as given.
    pub fn supplied_order(&self) -> Option<&Order> {
        self.more.as_ref()?.supplied_order.as_ref()
    }
    /// The meta image file (given or inferred).
    pub fn image(&self) -> Option<&str> {
        let more = self.more.as_ref()?;
        more.supplied_image
            .as_deref()
            .or(more.inferred_image.as_deref())
    }
    /// The `image` argument as given.
    pub fn supplied_image(&self) -> Option<&str> {
        self.more.as_ref()?.supplied_image.as_deref()
    }
    /// The meta image URL as given.
    pub fn image_url(&self) -> Option<&str> {
        self.more.as_ref()?.image_url.as_deref()
    }
    /// The redirect sources, as given.
    pub fn redirect_from(&self) -> &[String] {
        self.more.as_ref().map_or(&[], |m| &m.redirect_from)
    }
    /// The custom keys, in the order given.
    pub fn extra(&self) -> impl Iterator<Item = (&str, &CustomValue)> {
        self.extras().iter().map(|(k, v)| (k.as_str(), v))
    }
    /// One custom key's value (the last one given).
    pub fn extra_value(&self, key: &str) -> Option<&CustomValue> {
        self.extras()
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
    /// One custom key's value when it is text (the last one given): menus and adapters
    /// read their keys (`location`, `section`) this way.
    pub fn extra_text(&self, key: &str) -> Option<&str> {
        self.extra_value(key).and_then(CustomValue::as_text)
    }
    fn extras(&self) -> &[(String, CustomValue)] {
        self.more.as_ref().map_or(&[], |m| &m.extra)
    }
    /// The page's address as the browser sees it (requests prefix included).
    pub fn relative_path(&self) -> &str {
        match self.has(RELATIVE_OWN) {
            true => self
                .texts
                .as_str()
                .get(self.ends.title as usize..)
                .unwrap_or(""),
            false => self.path(),
        }
    }
    /// The layout payload.
    pub fn layout(&self) -> &T {
        &self.layout
    }
    /// Position in registration order (0-based).
    pub fn registration_index(&self) -> usize {
        self.registered as usize
    }
}

/// The fields as they were before the page's texts were addressed by their ends (a
/// `Where` each), so that a registry's `Debug` reads as it did.
impl<T: fmt::Debug> fmt::Debug for Page<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Page")
            .field("texts", &self.texts)
            .field("module_len", &self.ends.module)
            .field("template", &self.template)
            .field("path", &self.path_at())
            .field("name", &self.name_at())
            .field("relative_path", &self.relative_at())
            .field("title", &self.title_at())
            .field("home_order", &self.has(HOME_ORDER))
            .field("path_given", &self.path_given())
            .field("layout", &self.layout)
            .field("registered", &self.registered)
            .field("more", &self.more)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::String;

    use super::Texts;
    use crate::{Config, PageSpec, RegistryBuilder};

    /// Pages whose texts fit in the page and pages whose texts do not (boxed) read the
    /// same, under the root prefix and under another one (the address then joins the
    /// texts).
    #[test]
    fn texts_inline_or_boxed_read_alike() {
        for prefix in ["/", "/app/"] {
            let mut b = RegistryBuilder::new(Config::new().requests_pathname_prefix(prefix));
            let long = format!("pages.{}", "deep_".repeat(20));
            let long = long.trim_end_matches('_');
            b.page(PageSpec::new("pages.a").layout(0));
            b.page(PageSpec::new(long).layout(1));
            b.page(
                PageSpec::new("pages.t_x")
                    .path_template("/t/<v>/é")
                    .layout(2),
            );
            let registry = b.build().unwrap();
            let short = registry.page("pages.a").unwrap();
            assert!(matches!(short.texts, Texts::Inline(_)));
            assert_eq!(
                (short.module(), short.path(), short.name()),
                ("pages.a", "/a", "A")
            );
            let boxed = registry.page(long).unwrap();
            assert!(matches!(boxed.texts, Texts::Boxed(_)));
            assert_eq!(boxed.module(), long);
            assert_eq!(
                boxed.path(),
                format!("/{}", "deep-".repeat(20).trim_end_matches('-'))
            );
            assert_eq!(boxed.name(), format!("Deep{}", " deep".repeat(19)));
            let template = registry.page("pages.t_x").unwrap();
            assert_eq!((template.path(), template.name()), ("/t/none/é", "T x"));
            for page in [short, boxed, template] {
                let address = match prefix {
                    "/" => String::from(page.path()),
                    _ => format!("/app{}", page.path()),
                };
                assert_eq!(page.relative_path(), address);
                assert_eq!(page.title().render(&[]), page.name());
            }
        }
    }

    /// Each text read from where the page keeps it (in the texts, the template, the name
    /// given, the path), for every combination of the texts a page may have pushed: a
    /// given, inferred or template path, a name given or not, the app's own title or
    /// Dash's, the root prefix or another one.
    #[test]
    fn every_text_reads_from_where_it_is() {
        let paths: [(Option<&str>, Option<&str>, &str); 5] = [
            (Some("/given"), None, "/given"),
            (None, None, "/weekly-report"),
            (None, Some("/t/<v>"), "/t/none"),
            (None, Some("/static/t"), "/static/t"),
            (Some("/both"), Some("/b/<v>"), "/both"),
        ];
        for (path, template, want_path) in paths {
            for name in [None, Some("Given name")] {
                for title in ["Dash", "App"] {
                    for prefix in ["/", "/app/"] {
                        let config = Config::new().title(title).requests_pathname_prefix(prefix);
                        let mut b = RegistryBuilder::new(config);
                        let mut spec = PageSpec::new("pages.weekly_report").layout(0);
                        if let Some(p) = path {
                            spec = spec.path(p);
                        }
                        if let Some(t) = template {
                            spec = spec.path_template(t);
                        }
                        if let Some(n) = name {
                            spec = spec.name(n);
                        }
                        b.page(spec);
                        let registry = b.build().unwrap();
                        let page = registry.page("pages.weekly_report").unwrap();
                        let want_name = name.unwrap_or("Weekly report");
                        let want_title = if title == "Dash" { want_name } else { "App" };
                        let want_relative = format!("{}{want_path}", prefix.trim_end_matches('/'));
                        let case = format!("{path:?} {template:?} {name:?} {title} {prefix}");
                        assert_eq!(page.module(), "pages.weekly_report", "{case}");
                        assert_eq!(page.path(), want_path, "{case}");
                        assert_eq!(page.supplied_path(), path, "{case}");
                        assert_eq!(page.path_template(), template, "{case}");
                        assert_eq!(page.name(), want_name, "{case}");
                        assert_eq!(page.supplied_name(), name, "{case}");
                        assert_eq!(page.title().render(&[]), want_title, "{case}");
                        assert_eq!(page.relative_path(), want_relative, "{case}");
                    }
                }
            }
        }
    }
}

//! Pages: `st.Page` construction (G-1..G-8) with folio's URL-safe url paths (S5).

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use super::error::PageError;
use super::icons::{icon_wire, validate_icon};
use super::naming::{check_url_path, file_icon_and_name, function_name, sanitize_title};
use super::text::{basename, dedent, is_blank, normalize_path, strip_ws};

/// The files of an app, as paths relative to the app directory (POLICY Clarification 5). A
/// file page must name one of them. The core does no IO: the adapter lists the files.
pub trait AppFiles {
    /// Whether `path` (lexically normalised, relative to the app directory) is a file of the
    /// app.
    fn contains_file(&self, path: &str) -> bool;
}

impl<S: AsRef<str>> AppFiles for [S] {
    fn contains_file(&self, path: &str) -> bool {
        self.iter().any(|f| f.as_ref() == path)
    }
}

impl<S: AsRef<str>> AppFiles for Vec<S> {
    fn contains_file(&self, path: &str) -> bool {
        self.as_slice().contains_file(path)
    }
}

impl<S: AsRef<str>, const N: usize> AppFiles for [S; N] {
    fn contains_file(&self, path: &str) -> bool {
        self.as_slice().contains_file(path)
    }
}

impl AppFiles for BTreeSet<String> {
    fn contains_file(&self, path: &str) -> bool {
        self.contains(path)
    }
}

/// Whether a page is listed in the navigation menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Visibility {
    /// Listed in the menu (the default).
    #[default]
    Visible,
    /// Not listed, but reachable by URL, link and `switch_page`.
    Hidden,
}

impl Visibility {
    /// Parses Streamlit's `visibility` argument: `"visible"` or `"hidden"`.
    pub fn parse(s: &str) -> Result<Visibility, PageError> {
        match s {
            "visible" => Ok(Visibility::Visible),
            "hidden" => Ok(Visibility::Hidden),
            _ => Err(PageError::InvalidVisibility),
        }
    }
}

/// What a page runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A script file of the app.
    File,
    /// A Rust function, named by its path (S5).
    Function,
    /// An external `http(s)` URL, shown in the menu but never run.
    External,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum SpecSource {
    /// A string: an external page when [`is_url`], otherwise a file path.
    Str(String),
    /// A Rust function path as [`core::any::type_name`] writes it.
    Function(String),
}

/// The arguments of `st.Page`: a source plus optional title, icon, url path, default flag,
/// visibility and help. [`build`](PageSpec::build) checks them and gives a [`Page`].
///
/// ```
/// use folio_core::streamlit::PageSpec;
/// let files = ["pages/1_📈_Charts.py"];
/// let page = PageSpec::new("pages/1_📈_Charts.py").build(&files).unwrap();
/// assert_eq!((page.title(), page.icon(), page.url_path()), ("Charts", "📈", "Charts"));
///
/// mod pages { pub fn sales_report() {} }
/// let page = PageSpec::for_fn(&pages::sales_report).build(&files).unwrap();
/// assert_eq!((page.title(), page.url_path()), ("sales report", "sales_report"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSpec {
    source: SpecSource,
    title: Option<String>,
    icon: Option<String>,
    url_path: Option<String>,
    default: bool,
    visibility: Visibility,
    help: Option<String>,
}

impl PageSpec {
    fn with_source(source: SpecSource) -> PageSpec {
        PageSpec {
            source,
            title: None,
            icon: None,
            url_path: None,
            default: false,
            visibility: Visibility::Visible,
            help: None,
        }
    }

    /// A page from a string source: an external page when it is an `http(s)` URL with a host
    /// ([`is_url`]), otherwise a file path relative to the app directory.
    pub fn new(source: impl Into<String>) -> PageSpec {
        Self::with_source(SpecSource::Str(source.into()))
    }

    /// A function page from the function's Rust path (`crate::pages::analytics`), named by
    /// its last component (S5).
    pub fn function(path: impl Into<String>) -> PageSpec {
        Self::with_source(SpecSource::Function(path.into()))
    }

    /// A function page for `f`, named from its type name: a function item gives its path, a
    /// closure gives no name (a title is then required).
    pub fn for_fn<F>(_f: &F) -> PageSpec {
        Self::function(core::any::type_name::<F>())
    }

    /// The title shown in the menu (default: inferred from the source).
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> PageSpec {
        self.title = Some(title.into());
        self
    }

    /// An explicit icon (G-6); `""` means no icon, even when one could be inferred.
    #[must_use]
    pub fn icon(mut self, icon: impl Into<String>) -> PageSpec {
        self.icon = Some(icon.into());
        self
    }

    /// An explicit url path (G-7); surrounding whitespace and slashes are stripped.
    #[must_use]
    pub fn url_path(mut self, url_path: impl Into<String>) -> PageSpec {
        self.url_path = Some(url_path.into());
        self
    }

    /// Marks the page as the navigation's default page.
    #[must_use]
    pub fn default_page(mut self, default: bool) -> PageSpec {
        self.default = default;
        self
    }

    /// Whether the page is listed in the menu.
    #[must_use]
    pub fn visibility(mut self, visibility: Visibility) -> PageSpec {
        self.visibility = visibility;
        self
    }

    /// Help text (dedented; whitespace-only help is no help).
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> PageSpec {
        self.help = Some(help.into());
        self
    }

    /// Builds the page, checking the rules in Streamlit's order (G-1): external branch
    /// (G-5), file existence (G-2), title and icon inference, icon validation (G-6), title,
    /// url path (G-7, S5).
    pub fn build<F: AppFiles + ?Sized>(&self, files: &F) -> Result<Page, PageError> {
        let help = self.help.as_deref().map(normalize_help).unwrap_or_default();
        let title = self.title.as_deref();
        if let SpecSource::Str(source) = &self.source {
            if is_url(source) {
                return self.build_external(source, help);
            }
        }
        let (kind, source, inferred_icon, inferred_name) = match &self.source {
            SpecSource::Str(source) => {
                let path = normalize_path(source);
                if !files.contains_file(&path) {
                    return Err(PageError::PageFileNotFound);
                }
                let (icon, name) = file_icon_and_name(basename(&path));
                (PageKind::File, path, icon, name)
            }
            SpecSource::Function(path) => {
                let name = function_name(path);
                if name.is_none() && title.is_none() {
                    return Err(PageError::MissingTitle);
                }
                let name = String::from(name.unwrap_or(""));
                (PageKind::Function, path.clone(), String::new(), name)
            }
        };
        let title = match title {
            Some(t) if !t.is_empty() => String::from(t),
            _ => inferred_name.replace('_', " "),
        };
        let icon = validate_icon(self.icon.as_deref().unwrap_or(&inferred_icon))?;
        if is_blank(&title) {
            return Err(PageError::MissingTitle);
        }
        let url_path = match &self.url_path {
            None => inferred_name,
            Some(u) => {
                let u = strip_ws(u).trim_matches('/');
                if is_blank(u) && !self.default {
                    return Err(PageError::EmptyUrlPath);
                }
                String::from(u)
            }
        };
        check_url_path(&url_path)?;
        Ok(Page {
            kind,
            source,
            title,
            icon,
            help,
            hidden: self.visibility == Visibility::Hidden,
            url_path,
            default: self.default,
        })
    }

    fn build_external(&self, url: &str, help: String) -> Result<Page, PageError> {
        let title = match self.title.as_deref() {
            Some(t) if !is_blank(t) => t,
            _ => return Err(PageError::MissingTitle),
        };
        if self.default {
            return Err(PageError::ExternalDefault);
        }
        let icon = validate_icon(self.icon.as_deref().unwrap_or(""))?;
        let raw = match &self.url_path {
            Some(u) => u.clone(),
            None => sanitize_title(title),
        };
        let url_path = strip_ws(&raw).trim_matches('/');
        if url_path.is_empty() {
            return Err(PageError::EmptyUrlPath);
        }
        check_url_path(url_path)?;
        Ok(Page {
            kind: PageKind::External,
            source: String::from(url),
            title: String::from(title),
            icon,
            help,
            hidden: self.visibility == Visibility::Hidden,
            url_path: String::from(url_path),
            default: false,
        })
    }
}

/// G-1: dedented help; whitespace-only help is no help.
fn normalize_help(help: &str) -> String {
    let d = dedent(help);
    if is_blank(&d) { String::new() } else { d }
}

/// G-5 / L-2: whether `s` is an external URL: scheme `http` or `https` (any case) followed by
/// `//` and a non-empty host part.
///
/// ```
/// use folio_core::streamlit::is_url;
/// assert!(is_url("HTTPS://example.com/x"));
/// assert!(!is_url("ftp://x.example"));
/// assert!(!is_url("https:/nohost"));
/// ```
pub fn is_url(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    let valid_scheme = scheme
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'));
    if !valid_scheme
        || !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
    {
        return false;
    }
    let Some(rest) = s[colon + 1..].strip_prefix("//") else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host_end > 0
}

/// A built page: its kind, source, title, icon, help, visibility and reserved url path (its
/// identity, N-9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    kind: PageKind,
    source: String,
    title: String,
    icon: String,
    help: String,
    hidden: bool,
    url_path: String,
    default: bool,
}

impl Page {
    /// What the page runs.
    pub fn kind(&self) -> PageKind {
        self.kind
    }

    /// The normalised file path, the function path, or the external URL.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The title shown in the menu.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The normalised icon (`""`: none).
    pub fn icon(&self) -> &str {
        &self.icon
    }

    /// The icon as sent to the navigation menu (`emoji:<e>`, Material names verbatim).
    pub fn icon_wire(&self) -> String {
        icon_wire(&self.icon)
    }

    /// The help text (`""`: none).
    pub fn help(&self) -> &str {
        &self.help
    }

    /// Whether the page is hidden from the menu.
    pub fn is_hidden(&self) -> bool {
        self.hidden
    }

    /// Whether this is the default page (explicitly, or chosen by the navigation).
    pub fn is_default(&self) -> bool {
        self.default
    }

    pub(crate) fn set_default(&mut self) {
        self.default = true;
    }

    /// Whether this is an external page.
    pub fn is_external(&self) -> bool {
        self.kind == PageKind::External
    }

    /// The external URL of an external page.
    pub fn external_url(&self) -> Option<&str> {
        self.is_external().then_some(self.source.as_str())
    }

    /// The reserved url path: the page's identity and id (N-9, Clarification 2).
    pub fn url_path(&self) -> &str {
        &self.url_path
    }

    /// The public url path shown in the browser: `""` for the default page (G-8).
    pub fn public_url_path(&self) -> &str {
        if self.default { "" } else { &self.url_path }
    }
}

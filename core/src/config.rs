//! App configuration: title, pages folder, prefixes and assets (SEMANTICS §1.3, POLICY D7).

use alloc::string::String;

use crate::error::ConfigError;
use crate::limits::Limits;

/// The app-wide settings a registry is built with, named as Dash names them.
///
/// ```
/// use folio_core::Config;
/// let config = Config::new().title("Gallery").requests_pathname_prefix("/app/");
/// assert_eq!(config.app_title(), "Gallery");
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) pages_folder: Option<String>,
    pub(crate) url_base_pathname: Option<String>,
    pub(crate) requests_pathname_prefix: Option<String>,
    pub(crate) routes_pathname_prefix: Option<String>,
    pub(crate) assets_url_path: String,
    pub(crate) assets_external_path: Option<String>,
    pub(crate) include_pages_meta: bool,
    pub(crate) limits: Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: String::from("Dash"),
            description: None,
            pages_folder: Some(String::from("pages")),
            url_base_pathname: None,
            requests_pathname_prefix: None,
            routes_pathname_prefix: None,
            assets_url_path: String::from("assets"),
            assets_external_path: None,
            include_pages_meta: true,
            limits: Limits::default(),
        }
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| String::from(s))
}

impl Config {
    /// Dash's defaults: title `Dash`, pages folder `pages`, prefixes `/`, assets at
    /// `assets`, page meta tags on.
    pub fn new() -> Self {
        Config::default()
    }

    /// The app title. As in Dash, pages without a title of their own take it, unless it
    /// is the default `Dash`, in which case they take their name.
    pub fn title(mut self, title: &str) -> Self {
        self.title = String::from(title);
        self
    }

    /// The app description, the default for pages without one.
    pub fn description(mut self, description: &str) -> Self {
        self.description = non_empty(description);
        self
    }

    /// The pages folder (only its last path component matters, POLICY D8); `""` for none.
    pub fn pages_folder(mut self, folder: &str) -> Self {
        self.pages_folder = non_empty(folder);
        self
    }

    /// Dash's `url_base_pathname`: both prefixes at once.
    pub fn url_base_pathname(mut self, prefix: &str) -> Self {
        self.url_base_pathname = non_empty(prefix);
        self
    }

    /// The prefix the browser sees (links, redirect locations, client-side routing).
    pub fn requests_pathname_prefix(mut self, prefix: &str) -> Self {
        self.requests_pathname_prefix = non_empty(prefix);
        self
    }

    /// The prefix the server receives (behind a proxy that strips the requests prefix).
    pub fn routes_pathname_prefix(mut self, prefix: &str) -> Self {
        self.routes_pathname_prefix = non_empty(prefix);
        self
    }

    /// Where assets are served under the assets base (`assets` when empty; `/` for the
    /// base itself).
    pub fn assets_url_path(mut self, path: &str) -> Self {
        self.assets_url_path = if path.is_empty() {
            String::from("assets")
        } else {
            String::from(path)
        };
        self
    }

    /// An absolute base URL for assets (a CDN), used instead of the request origin.
    pub fn assets_external_path(mut self, url: &str) -> Self {
        self.assets_external_path = non_empty(url);
        self
    }

    /// Whether the ten description/twitter/og tags are emitted (the `<title>` always is).
    pub fn include_pages_meta(mut self, on: bool) -> Self {
        self.include_pages_meta = on;
        self
    }

    /// Bounds on the path and query of a request (see [`Limits`]).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The app title as configured.
    pub fn app_title(&self) -> &str {
        &self.title
    }

    /// The effective `(requests, routes)` prefixes, checked as Dash checks them.
    pub(crate) fn prefixes(&self) -> Result<Prefixes, ConfigError> {
        if self.url_base_pathname.is_some()
            && (self.requests_pathname_prefix.is_some() || self.routes_pathname_prefix.is_some())
        {
            return Err(ConfigError::UrlBaseWithPrefix);
        }
        let routes = self
            .url_base_pathname
            .clone()
            .or_else(|| self.routes_pathname_prefix.clone())
            .unwrap_or_else(|| String::from("/"));
        if !routes.starts_with('/') || !routes.ends_with('/') {
            return Err(ConfigError::RoutesPrefix);
        }
        let requests = self
            .requests_pathname_prefix
            .clone()
            .unwrap_or_else(|| routes.clone());
        if !requests.starts_with('/') {
            return Err(ConfigError::RequestsPrefix);
        }
        Ok(Prefixes { requests, routes })
    }
}

/// The checked prefixes of a built registry.
#[derive(Debug, Clone)]
pub(crate) struct Prefixes {
    pub(crate) requests: String,
    pub(crate) routes: String,
}

/// POLICY D7 + C4: the part of `path` inside `prefix`, or `None` outside the app. Inside
/// means equal to the prefix without its trailing slash, or starting with that plus `/`.
pub(crate) fn strip_prefix<'p>(path: &'p str, prefix: &str) -> Option<&'p str> {
    let base = prefix.trim_end_matches('/');
    let rest = path.strip_prefix(base)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

/// SEMANTICS §5.1 (kept): the requests prefix once, then the path without its leading
/// slashes.
pub(crate) fn relative_path(requests_prefix: &str, path: &str) -> String {
    if path.is_empty() {
        return String::from(requests_prefix);
    }
    let mut out = String::from(requests_prefix.trim_end_matches('/'));
    out.push('/');
    out.push_str(path.trim_start_matches('/'));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_on_segment_boundary() {
        assert_eq!(strip_prefix("/app", "/app/"), Some(""));
        assert_eq!(strip_prefix("/app/x", "/app/"), Some("/x"));
        assert_eq!(strip_prefix("/application/x", "/app/"), None);
        assert_eq!(strip_prefix("", "/"), Some(""));
        assert_eq!(strip_prefix("x", "/"), None);
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path("/app/", "//x//"), "/app/x//");
        assert_eq!(relative_path("/app", ""), "/app");
        assert_eq!(relative_path("/", ""), "/");
    }
}

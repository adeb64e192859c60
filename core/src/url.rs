//! Building URLs for pages (reverse routing): the inverse of resolution.

use alloc::string::String;
use core::fmt;

use crate::config::relative_path;
use crate::decode::encode_into;
use crate::registry::Registry;
use crate::template::Template;

/// Why a URL could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlError {
    /// No page is registered under this module.
    UnknownPage {
        /// The module asked for.
        module: String,
    },
    /// The page's template has a variable that was not given.
    MissingVariable {
        /// The variable.
        name: String,
    },
    /// A variable was given that the page's template does not have.
    UnknownVariable {
        /// The variable.
        name: String,
    },
    /// A variable was given an empty value (a variable matches one or more characters).
    EmptyValue {
        /// The variable.
        name: String,
    },
    /// A typed value could not be turned into URL fields (feature `serde`).
    Value {
        /// Why.
        message: String,
    },
    /// The values cannot be told apart again when the URL is resolved (`/<a>-<b>` with
    /// `a = "x"`, `b = "y-z"` reads back as `a = "x-y"`, `b = "z"`).
    Ambiguous {
        /// The first variable that would read back differently.
        name: String,
    },
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::UnknownPage { module } => write!(f, "no page `{module}`"),
            UrlError::MissingVariable { name } => write!(f, "missing variable `{name}`"),
            UrlError::UnknownVariable { name } => write!(f, "the page has no variable `{name}`"),
            UrlError::EmptyValue { name } => write!(f, "variable `{name}` is empty"),
            UrlError::Value { message } => write!(f, "{message}"),
            UrlError::Ambiguous { name } => {
                write!(f, "variable `{name}` would not read back the same")
            }
        }
    }
}

impl core::error::Error for UrlError {}

impl<T> Registry<T> {
    /// The address of a page as the browser should request it: the requests prefix, the
    /// page's path (a template filled with `variables`, each value percent-encoded per
    /// segment, so `/`, `%`, spaces and non-ASCII survive), then `query` form-encoded.
    /// Resolving the result gives back this page (unless a more specific route claims the
    /// same address), these variables and this query.
    ///
    /// ```
    /// use folio_core::{Config, PageSpec, RegistryBuilder, Resolution};
    /// let mut b = RegistryBuilder::new(Config::new().url_base_pathname("/app/"));
    /// b.page(PageSpec::new("pages.asset").path_template("/asset/<asset_id>/hello-<dept>").layout(()));
    /// let registry = b.build().unwrap();
    /// let url = registry
    ///     .url_for("pages.asset", &[("asset_id", "a/b c"), ("dept", "été")], &[("tab", "map & more")])
    ///     .unwrap();
    /// assert_eq!(url, "/app/asset/a%2Fb%20c/hello-%C3%A9t%C3%A9?tab=map+%26+more");
    ///
    /// let (path, query) = url.split_once('?').unwrap();
    /// let Resolution::Page(m) = registry.resolve(path, query) else { panic!() };
    /// assert_eq!(m.variable("asset_id"), Some("a/b c"));
    /// assert_eq!(m.query().get("tab").as_deref(), Some("map & more"));
    /// assert!(registry.url_for("pages.asset", &[("asset_id", "1")], &[]).is_err());
    /// ```
    pub fn url_for(
        &self,
        module: &str,
        variables: &[(&str, &str)],
        query: &[(&str, &str)],
    ) -> Result<String, UrlError> {
        let page = self.page(module).ok_or_else(|| UrlError::UnknownPage {
            module: String::from(module),
        })?;
        let template = page.template().filter(|t| !t.is_static());
        if let Some((name, _)) = variables
            .iter()
            .find(|(n, _)| !template.is_some_and(|t| t.variables().any(|v| v == *n)))
        {
            return Err(UrlError::UnknownVariable {
                name: String::from(*name),
            });
        }
        let path = match template {
            None => encode_static(page.path()),
            Some(t) => fill(t, variables)?,
        };
        let mut url = relative_path(self.requests_prefix(), &path);
        let mut first = true;
        for (k, v) in query {
            url.push(if first { '?' } else { '&' });
            first = false;
            encode_form(&mut url, k);
            url.push('=');
            encode_form(&mut url, v);
        }
        Ok(url)
    }
}

impl<T> Registry<T> {
    /// Dash's `get_relative_path`: `path` (which starts with `/`) under the requests prefix,
    /// for links to addresses that are not pages (`/assets/x.png`, a download).
    ///
    /// ```
    /// use folio_core::{Config, RegistryBuilder};
    /// let registry = RegistryBuilder::<()>::new(Config::new().requests_pathname_prefix("/app/")).build().unwrap();
    /// assert_eq!(registry.relative_path("/assets/app.css"), "/app/assets/app.css");
    /// ```
    pub fn relative_path(&self, path: &str) -> String {
        relative_path(self.requests_prefix(), path)
    }

    /// Whether a browser pathname is inside the app (under the requests prefix, on a segment
    /// boundary, POLICY D7): a client-side router follows links only to such addresses.
    ///
    /// ```
    /// use folio_core::{Config, RegistryBuilder};
    /// let registry = RegistryBuilder::<()>::new(Config::new().requests_pathname_prefix("/app/")).build().unwrap();
    /// assert!(registry.is_inside_browser("/app") && registry.is_inside_browser("/app/x"));
    /// assert!(!registry.is_inside_browser("/application/x"));
    /// ```
    pub fn is_inside_browser(&self, pathname: &str) -> bool {
        crate::config::strip_prefix(pathname, self.requests_prefix()).is_some()
    }

    /// Whether a request path is inside the app (under the routes prefix).
    pub fn is_inside(&self, path: &str) -> bool {
        crate::config::strip_prefix(path, self.routes_prefix()).is_some()
    }

    /// Where a server mounts the assets folder: the routes prefix, then `assets_url_path`
    /// (`/assets` by default; `/app/static` for prefix `/app/` and path `static`).
    pub fn assets_mount(&self) -> String {
        let mut out = String::from(self.routes_prefix().trim_end_matches('/'));
        let middle = self.config().assets_url_path.trim_matches('/');
        if !middle.is_empty() {
            out.push('/');
            out.push_str(middle);
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }
}

/// A template filled with values, checked to read back the same values.
fn fill(template: &Template, variables: &[(&str, &str)]) -> Result<String, UrlError> {
    for name in template.variables() {
        match variables.iter().rev().find(|(n, _)| *n == name) {
            None => {
                return Err(UrlError::MissingVariable {
                    name: String::from(name),
                });
            }
            Some((_, "")) => {
                return Err(UrlError::EmptyValue {
                    name: String::from(name),
                });
            }
            Some(_) => {}
        }
    }
    let value = |name: &str| {
        variables
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| String::from(*v))
    };
    let mut path = String::new();
    template.write_url(&mut path, &value);
    let read_back = template.match_path(&path).unwrap_or_default();
    for (name, got) in &read_back {
        if value(name).as_deref() != Some(&**got) {
            return Err(UrlError::Ambiguous {
                name: String::from(*name),
            });
        }
    }
    if read_back.len() != template.variables().len() {
        let name = template.variables().next().unwrap_or_default();
        return Err(UrlError::Ambiguous {
            name: String::from(name),
        });
    }
    Ok(path)
}

/// A registered static path as a URL: normalised and each segment percent-encoded.
fn encode_static(path: &str) -> String {
    let template = Template::from_path(path);
    let mut out = String::new();
    template.write_url(&mut out, &|_| None);
    out
}

/// `application/x-www-form-urlencoded`: space is `+`, unreserved kept, the rest `%XX`.
fn encode_form(out: &mut String, text: &str) {
    for part in text.split(' ').enumerate() {
        if part.0 > 0 {
            out.push('+');
        }
        encode_into(out, part.1, b"");
    }
}

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
    /// A value makes a whole segment `.` or `..`: a browser removes such dot segments before
    /// it asks (and reads `%2E` as a dot, so no escape helps), so `/<slug>` with `..` would
    /// land on `/`. Folio itself routes them as ordinary segments (POLICY D4).
    DotSegment {
        /// The variable in that segment.
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
            UrlError::DotSegment { name } => {
                write!(
                    f,
                    "variable `{name}` makes a `.` or `..` segment, which a browser removes"
                )
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
    /// same address), these variables and this query. Values that cannot do that are an
    /// error: [`UrlError::Ambiguous`], and [`UrlError::DotSegment`] for a segment that comes
    /// out `.` or `..`, an address no browser can request.
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
    // The written segments are the template's, in order; a value alone or with literal dots
    // (`/.<x>`, x = `.`) can make a dot segment. A literal one has no value to blame.
    let mut first_var = 0;
    for (segment, written) in template.segments().zip(path.split('/').skip(1)) {
        let count = segment.parts().filter(Result::is_err).count();
        if count > 0 && dots(written) > 0 {
            let name = template.variables().nth(first_var).unwrap_or_default();
            return Err(UrlError::DotSegment {
                name: String::from(name),
            });
        }
        first_var += count;
    }
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

/// 1 for a `.` segment, 2 for `..` (each dot written `.` or `%2E`, any case), else 0.
fn dots(segment: &str) -> usize {
    let mut rest = segment.as_bytes();
    let mut n = 0;
    while !rest.is_empty() && n < 3 {
        rest = match rest {
            [b'.', tail @ ..] => tail,
            [b'%', b'2', b'e' | b'E', tail @ ..] => tail,
            _ => return 0,
        };
        n += 1;
    }
    if n < 3 { n } else { 0 }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, PageSpec, RegistryBuilder, Resolution};
    use alloc::format;

    /// `/r/<slug>` to `/<slug>` with a dot segment for `slug`: POLICY D4 keeps `.` and `..`
    /// as ordinary segments, in a redirect's target as in a request, so `Location` names the
    /// target as the template fills it (a browser then resolves it on this host) and the
    /// page is the target's, with the value as given.
    #[test]
    fn redirect_to_a_dot_segment_keeps_it() {
        for prefix in ["/", "/app/"] {
            let mut b = RegistryBuilder::new(Config::new().url_base_pathname(prefix));
            b.page(PageSpec::new("pages.home").path("/").layout(()));
            b.page(
                PageSpec::new("pages.slug")
                    .path_template("/<slug>")
                    .redirect_from("/r/<slug>")
                    .layout(()),
            );
            let registry = b.build().unwrap();
            let base = prefix.trim_end_matches('/');
            for (value, dots) in [
                (".", "."),
                ("..", ".."),
                ("%2E", "."),
                ("%2e%2E", ".."),
                (".%2E", ".."),
                ("...", "..."),
            ] {
                let path = format!("{base}/r/{value}");
                let Resolution::Redirect(r) = registry.resolve(&path, "a=1") else {
                    panic!("{path}: not a redirect");
                };
                assert_eq!(r.location(), format!("{base}/{dots}?a=1"), "{path}");
                assert_eq!(r.page().page().module(), "pages.slug", "{path}");
                assert_eq!(r.page().variable("slug"), Some(dots), "{path}");
            }
        }
    }

    /// `/<slug>` with `slug = ".."` built `/..`, which a browser requests as `/`: an error
    /// now, as is a value that completes a dot segment with the template's literal dots.
    /// Dots that are not a whole segment, and `%2E` in a value (sent as `%252E`), read back.
    #[test]
    fn a_value_that_makes_a_dot_segment_is_an_error() {
        for prefix in ["/", "/app/"] {
            let mut b = RegistryBuilder::new(Config::new().url_base_pathname(prefix));
            b.page(
                PageSpec::new("pages.slug")
                    .path_template("/<slug>")
                    .layout(()),
            );
            b.page(
                PageSpec::new("pages.dot")
                    .path_template("/d/.<x>/<y>")
                    .layout(()),
            );
            let registry = b.build().unwrap();
            for (module, vars, name) in [
                ("pages.slug", [("slug", ".."), ("", "")], "slug"),
                ("pages.slug", [("slug", "."), ("", "")], "slug"),
                ("pages.dot", [("x", "."), ("y", "1")], "x"),
                ("pages.dot", [("x", "1"), ("y", "..")], "y"),
            ] {
                let vars: alloc::vec::Vec<_> =
                    vars.into_iter().filter(|v| !v.0.is_empty()).collect();
                let got = registry.url_for(module, &vars, &[]);
                let want = Err(UrlError::DotSegment {
                    name: String::from(name),
                });
                assert_eq!(got, want, "{prefix} {module} {vars:?}");
            }
            for value in ["...", "%2E", "%2e%2E", ".a", "a.."] {
                let url = registry
                    .url_for("pages.slug", &[("slug", value)], &[])
                    .unwrap();
                assert!(!url.ends_with("/.") && !url.ends_with("/.."), "{url}");
                let Resolution::Page(m) = registry.resolve(&url, "") else {
                    panic!("{url}: not a page");
                };
                assert_eq!(m.variable("slug"), Some(value), "{url}");
            }
            let url = registry
                .url_for("pages.dot", &[("x", ".."), ("y", ".b")], &[])
                .unwrap();
            let Resolution::Page(m) = registry.resolve(&url, "") else {
                panic!("{url}: not a page");
            };
            assert_eq!(m.variable("x"), Some(".."), "{url}");
        }
    }
}

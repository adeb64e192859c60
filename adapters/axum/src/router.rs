//! [`Folio`]: a frozen registry served as an `axum::Router`. Every decision (page,
//! redirect, not found, inside or outside the prefix) is the core's; this file only turns
//! the decision into a response.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::{OriginalUri, Request, State};
use axum::http::header::{ALLOW, CONTENT_TYPE, HOST, LOCATION};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use folio_core::{Registry, Resolution};
use tower_http::services::ServeDir;

use crate::assets::AssetsDir;
use crate::context::{self, PageContext};
use crate::layout::Layout;
use crate::shell::{self, Shell, View};

type LayoutOf<T, S> = dyn Fn(&T) -> Layout<S> + Send + Sync;
type InputFn = dyn Fn(&Parts) -> Option<String> + Send + Sync;

/// A frozen registry, an app shell and routing inputs, ready to become an
/// [`axum::Router`] (see [`into_router`](Folio::into_router) and the crate example).
pub struct Folio<T, S = ()> {
    inner: Inner<T, S>,
    assets: Option<(String, PathBuf)>,
}

struct Inner<T, S> {
    registry: Arc<Registry<T>>,
    layout_of: Box<LayoutOf<T, S>>,
    shell: Box<dyn Shell<T>>,
    inputs: Vec<(String, Box<InputFn>)>,
    origin: Option<String>,
    default_not_found: Layout<S>,
}

impl<T: fmt::Debug, S> fmt::Debug for Folio<T, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inputs: Vec<&str> = self.inner.inputs.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Folio")
            .field("registry", &self.inner.registry)
            .field("inputs", &inputs)
            .field("origin", &self.inner.origin)
            .field("assets", &self.assets)
            .finish_non_exhaustive()
    }
}

impl<S: Clone + Send + Sync + 'static> Folio<Layout<S>, S> {
    /// Serves a registry whose payloads are [`Layout`]s.
    pub fn new(registry: Registry<Layout<S>>) -> Self {
        Folio::with_layouts(registry, Layout::clone)
    }
}

impl<T: Send + Sync + 'static, S: Clone + Send + Sync + 'static> Folio<T, S> {
    /// Serves a registry of any payload: `layout_of` gives the layout that renders a
    /// payload (called once per request).
    pub fn with_layouts(
        registry: Registry<T>,
        layout_of: impl Fn(&T) -> Layout<S> + Send + Sync + 'static,
    ) -> Self {
        Folio {
            inner: Inner {
                registry: Arc::new(registry),
                layout_of: Box::new(layout_of),
                shell: Box::new(shell::bare::<T>),
                inputs: Vec::new(),
                origin: None,
                default_not_found: Layout::fixed("<h1>404 - Page not found</h1>"),
            },
            assets: None,
        }
    }

    /// The app shell (Dash's `app.layout`); the default is a bare HTML document.
    pub fn shell(mut self, shell: impl Shell<T>) -> Self {
        self.inner.shell = Box::new(shell);
        self
    }

    /// A routing input (Dash's `routing_callback_inputs`): a value read from every request
    /// (a cookie, a header) and passed to every page as [`PageContext::input`] and to the
    /// shell.
    pub fn routing_input(
        mut self,
        name: &str,
        read: impl Fn(&Parts) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.inner.inputs.push((name.to_owned(), Box::new(read)));
        self
    }

    /// Serves the assets folder with `ServeDir` under the routes prefix and the assets
    /// URL path (`assets` unless `url_path` says otherwise; it must match the registry's
    /// `Config::assets_url_path`). Pass the same [`AssetsDir`] to
    /// `RegistryBuilder::assets` for image inference. An empty `url_path` (assets at the
    /// app's root) is not mounted.
    pub fn assets(mut self, dir: &AssetsDir, url_path: &str) -> Self {
        let middle = url_path.trim_matches('/');
        let base = self.inner.registry.routes_prefix().trim_end_matches('/');
        let safe = !middle.is_empty() && !middle.contains(['{', '}', '*', '?', '#']);
        self.assets = safe.then(|| (format!("{base}/{middle}"), dir.path().to_path_buf()));
        self
    }

    /// The scheme and host used in `twitter:url` and image URLs (`https://example.com`).
    /// Without it, `http://` and the request's `Host` header are used.
    pub fn origin(mut self, origin: &str) -> Self {
        self.inner.origin = Some(origin.trim_end_matches('/').to_owned());
        self
    }

    /// The layout of the 404 page when the registry has no `not_found_404` page.
    pub fn default_not_found(mut self, layout: Layout<S>) -> Self {
        self.inner.default_not_found = layout;
        self
    }

    /// The registry being served.
    pub fn registry(&self) -> &Registry<T> {
        &self.inner.registry
    }

    /// The router: assets under their path, every other request through the registry.
    /// Add the app's own routes to it (they take precedence), then `with_state`.
    pub fn into_router(self) -> Router<S> {
        let inner = Arc::new(self.inner);
        let mut router = Router::new();
        if let Some((mount, dir)) = self.assets {
            router = router.nest_service(&mount, ServeDir::new(dir));
        }
        router.fallback(move |State(state): State<S>, request: Request| {
            let inner = Arc::clone(&inner);
            async move { inner.serve(request, state).await }
        })
    }
}

impl<T: Send + Sync + 'static, S: Clone + Send + Sync + 'static> Inner<T, S> {
    async fn serve(&self, request: Request, state: S) -> Response {
        let (mut parts, _body) = request.into_parts();
        let uri = match parts.extensions.get::<OriginalUri>() {
            Some(OriginalUri(uri)) => uri.clone(),
            None => parts.uri.clone(),
        };
        let target = uri.path_and_query().map_or("/", |pq| pq.as_str());
        let inputs = self
            .inputs
            .iter()
            .map(|(name, read)| (name.clone(), read(&parts)))
            .collect();
        let request = context::Request {
            inputs,
            target,
            prefix: self.registry.requests_prefix(),
        };

        let (page, status, layout, context, head) = {
            let resolution = self.registry.resolve(uri.path(), uri.query().unwrap_or(""));
            let (page, status, layout, context) = match &resolution {
                Resolution::Redirect(r) => return redirect(r.location()),
                Resolution::NotFound(nf) if !nf.is_inside() => {
                    return (StatusCode::NOT_FOUND, "Not Found").into_response();
                }
                _ if parts.method != Method::GET && parts.method != Method::HEAD => {
                    return (StatusCode::METHOD_NOT_ALLOWED, [(ALLOW, "GET, HEAD")])
                        .into_response();
                }
                Resolution::Page(m) => {
                    let layout = (self.layout_of)(m.page().layout());
                    (
                        Some(m.page()),
                        StatusCode::OK,
                        layout,
                        PageContext::for_page(m, request),
                    )
                }
                Resolution::NotFound(nf) => {
                    let layout = match nf.page() {
                        Some(p) => (self.layout_of)(p.layout()),
                        None => self.default_not_found.clone(),
                    };
                    (
                        nf.page(),
                        StatusCode::NOT_FOUND,
                        layout,
                        PageContext::for_not_found(nf, request),
                    )
                }
                // Any other decision (a request over the core's limits: 414) is answered with
                // the status the core gives it, without the shell.
                #[allow(unreachable_patterns)]
                _ => return bare_status(resolution.status()),
            };
            let origin = self.origin(&parts);
            let mut head = String::with_capacity(1024);
            // Writing to a String cannot fail.
            let _ = self
                .registry
                .head(&resolution, &origin, target)
                .write_html(&mut head);
            (page, status, layout, context, head)
        };

        parts.extensions.insert(context.clone());
        let content = match layout.render(parts, state).await {
            Ok(html) => html,
            Err(response) => return response,
        };
        let view = View {
            registry: &self.registry,
            page,
            status,
            head: &head,
            content: &content,
            context: &context,
        };
        let body = self.shell.render(&view);
        (
            status,
            [(
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            )],
            body,
        )
            .into_response()
    }

    fn origin(&self, parts: &Parts) -> String {
        if let Some(origin) = &self.origin {
            return origin.clone();
        }
        let host = parts
            .headers
            .get(HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| parts.uri.authority().map(|a| a.as_str()))
            .unwrap_or("localhost");
        format!("http://{host}")
    }
}

/// A status without the app shell.
fn bare_status(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    (status, status.canonical_reason().unwrap_or("Bad Request")).into_response()
}

/// 301 to a location the core built (always a local path: the prefix, then an encoded
/// path, then the query with controls encoded).
fn redirect(location: &str) -> Response {
    let Ok(value) = HeaderValue::from_str(location) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let mut body = String::from("<!DOCTYPE html>\n<p>Moved to <a href=\"");
    // Writing to a String cannot fail.
    let _ = folio_core::write_escaped(&mut body, location);
    body.push_str("\">here</a>.</p>\n");
    (
        StatusCode::MOVED_PERMANENTLY,
        [
            (LOCATION, value),
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
        ],
        body,
    )
        .into_response()
}

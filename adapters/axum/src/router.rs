//! [`Folio`]: a frozen registry served as an `axum::Router`. Every decision (page,
//! redirect, not found, inside or outside the prefix) is the core's; this file only turns
//! the decision into a response.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::{OriginalUri, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HOST};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use folio_core::Registry;
use folio_server_common::{AssetsDir, Decision, HTML, Incoming, Reply, Shell, WidgetRun, decide};
use tower_http::services::ServeDir;

use crate::context::PageContext;
use crate::layout::Layout;
use crate::state::StoredRun;

type InputFn = dyn Fn(&Parts) -> Option<String> + Send + Sync;

/// A frozen registry, an app shell and routing inputs, ready to become an
/// [`axum::Router`] (see [`into_router`](Folio::into_router) and the crate example).
pub struct Folio<T, S = ()> {
    inner: Inner<T, S>,
    assets: Option<(String, PathBuf)>,
}

struct Inner<T, S> {
    registry: Arc<Registry<T>>,
    /// Each page's layout, by registration index (made once: see `with_layouts`).
    layouts: Vec<Layout<S>>,
    shell: Box<dyn Shell<T>>,
    inputs: Vec<(String, Box<InputFn>)>,
    origin: Option<String>,
    default_not_found: Layout<S>,
    widget_state: bool,
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
    /// payload (called once per page, here, not on every request).
    pub fn with_layouts(registry: Registry<T>, layout_of: impl Fn(&T) -> Layout<S>) -> Self {
        let layouts = registry
            .pages_by_registration()
            .map(|p| layout_of(p.layout()))
            .collect();
        Folio {
            inner: Inner {
                registry: Arc::new(registry),
                layouts,
                shell: Box::new(folio_server_common::bare::<T>),
                inputs: Vec::new(),
                origin: None,
                default_not_found: Layout::fixed("<h1>404 - Page not found</h1>"),
                widget_state: false,
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
    /// (a cookie, a header) and passed to every page as
    /// [`PageContext::input`](folio_server_common::RequestContext::input) and to the
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

    /// Keeps widget state: every page request (not the 404 page) is one run of the core's
    /// state lifecycle on the browser session's state, which lives in `tower-sessions`
    /// (add a `SessionManagerLayer` with any store: memory, or Redis for several
    /// instances). Layouts and the shell reach it through `PageContext::widgets()` /
    /// `View::context().widgets()` or the [`WidgetState`](crate::WidgetState) extractor.
    pub fn widget_state(mut self) -> Self {
        self.inner.widget_state = true;
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
        // The decision keeps nothing borrowed from the request: no copy of the URI.
        let mut render = {
            let uri = match parts.extensions.get::<OriginalUri>() {
                Some(OriginalUri(uri)) => uri,
                None => &parts.uri,
            };
            let target = uri.path_and_query().map_or("/", |pq| pq.as_str());
            let host = parts
                .headers
                .get(HOST)
                .and_then(|h| h.to_str().ok())
                .or_else(|| parts.uri.authority().map(|a| a.as_str()));
            let incoming = (self.inputs.iter()).fold(
                Incoming::get(target)
                    .method(parts.method.as_str())
                    .host(host),
                |incoming, (name, read)| incoming.input(name, read(&parts)),
            );
            match decide(&self.registry, self.origin.as_deref(), incoming) {
                Decision::Reply(reply) => return reply_response(reply),
                Decision::Render(render) => render,
            }
        };
        let run = if self.widget_state && WidgetRun::runs(&render) {
            match StoredRun::begin(&parts, &mut render).await {
                Ok(run) => Some(run),
                Err(response) => return response,
            }
        } else {
            None
        };
        let layout = render
            .page()
            .and_then(|page| self.layouts.get(page.registration_index()))
            // No page: an unknown address in an app without a `not_found_404` page.
            .unwrap_or(&self.default_not_found);
        parts
            .extensions
            .insert(PageContext(render.context().clone()));
        // The run is the layout, then the shell; a layout's own response interrupts it.
        let page = layout
            .render(parts, state)
            .await
            .map(|content| render.document(&*self.shell, &content));
        let ran = run.is_some();
        if let Some(run) = run {
            if let Err(response) = run.finish(page.is_ok()).await {
                return response;
            }
        }
        let body = match page {
            Ok(body) => body,
            Err(response) => return response,
        };
        let status = StatusCode::from_u16(render.status()).unwrap_or(StatusCode::OK);
        let mut response = (
            status,
            [(CONTENT_TYPE, HeaderValue::from_static(HTML))],
            body,
        )
            .into_response();
        if ran {
            let no_store = HeaderValue::from_static(WidgetRun::CACHE_CONTROL);
            response.headers_mut().insert(CACHE_CONTROL, no_store);
        }
        response
    }
}

/// A finished answer as an axum response.
fn reply_response(reply: Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = (status, reply.body).into_response();
    let headers = response.headers_mut();
    headers.remove(CONTENT_TYPE);
    for (name, value) in reply.headers {
        // A value the `http` crate refuses (the core never builds one) is a bad request.
        let Ok(value) = HeaderValue::from_str(&value) else {
            return StatusCode::BAD_REQUEST.into_response();
        };
        headers.insert(HeaderName::from_static(name), value);
    }
    response
}

//! [`Folio`]: a frozen registry served as an `axum::Router`. Every decision (page,
//! redirect, not found, inside or outside the prefix) is the core's; this file only turns
//! the decision into a response.

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{OriginalUri, Request};
use axum::handler::Handler;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HOST};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use folio_core::Registry;
use folio_server_common::{
    AssetsDir, Decision, HTML, Heads, Incoming, Reply, Shell, WidgetRun, decide_with,
};
use tower_http::services::ServeDir;

use crate::context::PageContext;
use crate::layout::Layout;
use crate::state::{Finished, StoredRun};

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
    /// Each page's head, prepared once (of the registry in its `Arc`: pages do not move).
    heads: Heads,
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
        let registry = Arc::new(registry);
        Folio {
            inner: Inner {
                heads: Heads::new(&registry),
                registry,
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
    /// Every page a run draws is sent `Cache-Control: no-store`, so that the browser's Back
    /// asks again rather than showing fields the server has dropped since
    /// ([`WidgetRun::CACHE_CONTROL`](folio_server_common::WidgetRun::CACHE_CONTROL)).
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
        router.fallback(Fallback(inner))
    }
}

/// Every request the app's own routes do not take. A handler of its own rather than a
/// closure: axum boxes a closure handler's future together with its extractors' state and
/// a copy of the request, where this boxes only [`serve`]'s future (every page request
/// allocates, writes and moves that future, so its size is data touched per request).
struct Fallback<T, S>(Arc<Inner<T, S>>);

impl<T, S> Clone for Fallback<T, S> {
    fn clone(&self) -> Self {
        Fallback(Arc::clone(&self.0))
    }
}

impl<T: Send + Sync + 'static, S: Clone + Send + Sync + 'static> Handler<(), S> for Fallback<T, S> {
    type Future = Pin<Box<dyn Future<Output = Response> + Send>>;

    fn call(self, request: Request, state: S) -> Self::Future {
        // The body is not read: pages answer GET and HEAD.
        let (parts, _body) = request.into_parts();
        Box::pin(serve(self.0, parts, state))
    }
}

/// One request through the registry. What lives across its awaits is kept small (see
/// [`Fallback`]): the request's parts, the render and the widget run; the rare write of a
/// changed widget state is boxed (see [`StoredRun::finish`]). Not an `async fn`: one keeps
/// a second copy of its arguments (rust-lang/rust#62958, 224 bytes of `Parts`), where an
/// async block uses what it captured in place.
#[allow(clippy::manual_async_fn)]
fn serve<T, S>(
    inner: Arc<Inner<T, S>>,
    mut parts: Parts,
    state: S,
) -> impl Future<Output = Response> + Send
where
    T: Send + Sync + 'static,
    S: Clone + Send + Sync + 'static,
{
    async move {
        let mut render = match inner.decide(&parts) {
            Decision::Reply(reply) => return reply_response(reply),
            Decision::Render(render) => render,
        };
        let run = if inner.widget_state && WidgetRun::runs(&render) {
            match StoredRun::begin(&parts, &mut render).await {
                Ok(run) => Some(run),
                Err(response) => return response,
            }
        } else {
            None
        };
        let layout = render
            .page()
            .and_then(|page| inner.layouts.get(page.registration_index()))
            // No page: an unknown address in an app without a `not_found_404` page.
            .unwrap_or(&inner.default_not_found);
        parts
            .extensions
            .insert(PageContext(render.context().clone()));
        // The run is the layout, then the shell; a layout's own response interrupts it.
        let page = layout
            .render(parts, state)
            .await
            .map(|content| render.document(&*inner.shell, &content));
        // Bound first: the value a match keeps (136 bytes) would live across the await.
        let write = match respond(run, page, render.status()) {
            Finished::Done(response) => return response,
            Finished::Write(write) => write,
        };
        write.await
    }
}

/// The page as a response, after the end of its widget run (if any): a run's document is
/// not to be kept ([`WidgetRun::CACHE_CONTROL`]).
fn respond(run: Option<StoredRun>, page: Result<String, Response>, status: u16) -> Finished {
    let completed = page.is_ok();
    let response = match page {
        Ok(body) => {
            // Made by hand, not as `(status, headers, body).into_response()`: that writes a
            // text/plain `Content-Type` and then replaces it, through generic header code
            // of its own (code and work on every page request for the same headers).
            let mut response = Response::new(Body::from(body));
            *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let headers = response.headers_mut();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(HTML));
            if run.is_some() {
                let no_store = HeaderValue::from_static(WidgetRun::CACHE_CONTROL);
                headers.insert(CACHE_CONTROL, no_store);
            }
            response
        }
        Err(response) => response,
    };
    match run {
        Some(run) => run.finish(completed, response),
        None => Finished::Done(response),
    }
}

impl<T, S> Inner<T, S> {
    /// The core's answer; it keeps nothing borrowed from the request (no copy of the URI).
    fn decide(&self, parts: &Parts) -> Decision<'_, T> {
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
            |incoming, (name, read)| incoming.input(name, read(parts)),
        );
        decide_with(
            &self.registry,
            &self.heads,
            self.origin.as_deref(),
            incoming,
        )
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

#[cfg(test)]
mod tests {
    use folio_core::{Config, PageSpec, RegistryBuilder};

    use super::*;

    /// Every page request allocates, writes and moves the fallback's future, so its size is
    /// data touched per request: 688 bytes (1,568 inside axum's closure-handler future
    /// with a second copy of the request, before the write of a changed state was boxed).
    #[test]
    fn the_request_future_stays_small() {
        let mut builder = RegistryBuilder::new(Config::new());
        builder.page(
            PageSpec::new("pages.home")
                .path("/")
                .layout(Layout::fixed("<p>Home</p>")),
        );
        let folio = Folio::new(builder.build().unwrap()).widget_state();
        let future = Fallback(Arc::new(folio.inner)).call(Request::new(Body::empty()), ());
        let size = std::mem::size_of_val(&*future);
        assert!(size <= 768, "the fallback's future is {size} bytes");
    }
}

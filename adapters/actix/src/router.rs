//! [`Folio`]: a frozen registry served by actix-web. Every decision (page, redirect, not
//! found, inside or outside the prefix) is the core's, turned into an answer by
//! `folio_server_common::decide_with` (each page's head prepared once, at start-up);
//! this file only reads the request and writes the response.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, HOST, HeaderName, HeaderValue};
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use folio_core::Registry;
use folio_server_common::{
    AssetsDir, Decision, HTML, Heads, Incoming, Reply, Shell, WidgetRun, decide_with,
};

use crate::context::PageContext;
use crate::layout::Layout;
use crate::state::StoredRun;

type InputFn = dyn Fn(&HttpRequest) -> Option<String> + Send + Sync;

/// A frozen registry, an app shell and routing inputs, ready to serve: register it on an
/// `App` with [`configure`](Folio::configure) (see the crate example). Cheap to clone, so
/// that `HttpServer::new`'s factory can configure every worker's `App`.
pub struct Folio<T> {
    registry: Arc<Registry<T>>,
    /// Each page's layout, by registration index (made once: see `with_layouts`).
    layouts: Arc<[Layout]>,
    /// Each page's head, prepared once (of the registry in its `Arc`: pages do not move).
    heads: Arc<Heads>,
    shell: Arc<dyn Shell<T>>,
    inputs: Vec<(String, Arc<InputFn>)>,
    origin: Option<String>,
    default_not_found: Layout,
    assets: Option<(String, PathBuf)>,
    widget_state: bool,
    widget_state_limit: usize,
}

impl<T> Clone for Folio<T> {
    fn clone(&self) -> Self {
        Folio {
            registry: Arc::clone(&self.registry),
            layouts: Arc::clone(&self.layouts),
            heads: Arc::clone(&self.heads),
            shell: Arc::clone(&self.shell),
            inputs: self.inputs.clone(),
            origin: self.origin.clone(),
            default_not_found: self.default_not_found.clone(),
            assets: self.assets.clone(),
            widget_state: self.widget_state,
            widget_state_limit: self.widget_state_limit,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Folio<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inputs: Vec<&str> = self.inputs.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Folio")
            .field("registry", &self.registry)
            .field("inputs", &inputs)
            .field("origin", &self.origin)
            .field("assets", &self.assets)
            .finish_non_exhaustive()
    }
}

impl Folio<Layout> {
    /// Serves a registry whose payloads are [`Layout`]s.
    pub fn new(registry: Registry<Layout>) -> Self {
        Folio::with_layouts(registry, Layout::clone)
    }
}

impl<T: Send + Sync + 'static> Folio<T> {
    /// Serves a registry of any payload: `layout_of` gives the layout that renders a
    /// payload (called once per page, here, not on every request).
    pub fn with_layouts(registry: Registry<T>, layout_of: impl Fn(&T) -> Layout) -> Self {
        let layouts = registry
            .pages_by_registration()
            .map(|p| layout_of(p.layout()))
            .collect();
        let registry = Arc::new(registry);
        Folio {
            heads: Arc::new(Heads::new(&registry)),
            registry,
            layouts,
            shell: Arc::new(folio_server_common::bare::<T>),
            inputs: Vec::new(),
            origin: None,
            default_not_found: Layout::fixed("<h1>404 - Page not found</h1>"),
            assets: None,
            widget_state: false,
            widget_state_limit: Self::DEFAULT_WIDGET_STATE_LIMIT,
        }
    }

    /// The app shell (Dash's `app.layout`); the default is a bare HTML document.
    pub fn shell(mut self, shell: impl Shell<T>) -> Self {
        self.shell = Arc::new(shell);
        self
    }

    /// A routing input (Dash's `routing_callback_inputs`): a value read from every request
    /// (a cookie, a header) and passed to every page as
    /// [`PageContext::input`](folio_server_common::RequestContext::input) and to the shell.
    pub fn routing_input(
        mut self,
        name: &str,
        read: impl Fn(&HttpRequest) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.inputs.push((name.to_owned(), Arc::new(read)));
        self
    }

    /// Serves the assets folder with `actix-files` under the routes prefix and the assets
    /// URL path (`assets` unless `url_path` says otherwise; it must match the registry's
    /// `Config::assets_url_path`, and the mount is `registry.assets_mount()`). Pass the
    /// same [`AssetsDir`] to `RegistryBuilder::assets` for image inference. An empty
    /// `url_path` (assets at the app's root) is not mounted.
    pub fn assets(mut self, dir: &AssetsDir, url_path: &str) -> Self {
        let middle = url_path.trim_matches('/');
        let base = self.registry.routes_prefix().trim_end_matches('/');
        let safe = !middle.is_empty() && !middle.contains(['{', '}', '*', '?', '#']);
        self.assets = safe.then(|| (format!("{base}/{middle}"), dir.path().to_path_buf()));
        self
    }

    /// The scheme and host used in `twitter:url` and image URLs (`https://example.com`).
    /// Without it, `http://` and the request's `Host` header are used.
    pub fn origin(mut self, origin: &str) -> Self {
        self.origin = Some(origin.trim_end_matches('/').to_owned());
        self
    }

    /// The layout of the 404 page when the registry has no `not_found_404` page.
    pub fn default_not_found(mut self, layout: Layout) -> Self {
        self.default_not_found = layout;
        self
    }

    /// Keeps widget state: every page request (not the 404 page) is one run of the core's
    /// state lifecycle on the browser session's state, which lives in `actix-session` (wrap
    /// the `App` in a `SessionMiddleware` with any store: a cookie, or Redis for several
    /// instances). Layouts and the shell reach it through `PageContext::widgets()` /
    /// `View::context().widgets()` or the [`WidgetState`](crate::WidgetState) extractor.
    /// The session's size is capped: see [`widget_state_limit`](Folio::widget_state_limit).
    /// Every page a run draws is sent `Cache-Control: no-store`, so that the browser's Back
    /// asks again rather than showing fields the server has dropped since
    /// ([`WidgetRun::CACHE_CONTROL`](folio_server_common::WidgetRun::CACHE_CONTROL)).
    pub fn widget_state(mut self) -> Self {
        self.widget_state = true;
        self
    }

    /// The default of [`widget_state_limit`](Folio::widget_state_limit): small enough
    /// that `CookieSessionStore`'s cookie, with actix-session's default (private) cookies,
    /// stays within the 4096 bytes a browser keeps for a cookie.
    pub const DEFAULT_WIDGET_STATE_LIMIT: usize = 2800;

    /// The most bytes the browser session may take once a page request has changed its
    /// widget state, measured as a session store is handed it: the JSON of all the
    /// session's entries (the app's own and folio's). A request that would store more
    /// answers **413** with a plain-text reason, and the session is left as it was: the
    /// user's previous values stay, and the edit that did not fit is not kept. Requests
    /// that change nothing are never refused, whatever the size.
    ///
    /// Why a limit: a store cannot always keep what it is given. `CookieSessionStore`
    /// refuses a session over 4064 bytes, and only after the page is built, so the
    /// middleware answers an empty 500; below that, its cookie (encrypted, base64 and
    /// percent-encoded: about 1.4 times the JSON) can pass the 4096 bytes browsers keep,
    /// and the browser drops it without a word. The default,
    /// [`DEFAULT_WIDGET_STATE_LIMIT`](Folio::DEFAULT_WIDGET_STATE_LIMIT), avoids both with
    /// the default private cookies. With `CookieContentSecurity::Signed` the JSON is sent
    /// percent-encoded, up to three times its size (every `"` of the nested JSON is
    /// `%22`): set a lower limit, or keep state server-side. A server-side store (Redis)
    /// keeps only a key in the cookie: raise the limit to what you are willing to store
    /// per browser. folio-axum has no such limit (its stores here, memory and Redis, keep
    /// state server-side): a state over the limit is the one request the two adapters
    /// answer differently.
    ///
    /// ```
    /// use folio_actix::{Folio, Layout};
    /// use folio_core::{Config, RegistryBuilder};
    ///
    /// let registry = RegistryBuilder::<Layout>::new(Config::new()).build().unwrap();
    /// // Sessions in Redis: up to 64 KiB of widget state per browser.
    /// let folio = Folio::new(registry).widget_state().widget_state_limit(64 * 1024);
    /// # let _ = folio;
    /// ```
    pub fn widget_state_limit(mut self, bytes: usize) -> Self {
        self.widget_state_limit = bytes;
        self
    }

    /// The registry being served.
    pub fn registry(&self) -> &Registry<T> {
        &self.registry
    }

    /// Registers the app on an `App` (or a `web::scope`) as
    /// `App::new().configure(|cfg| folio.configure(cfg))`: the assets under their path,
    /// and every other request through the registry as the default service. The app's own
    /// routes and services, registered on the same `App`, take precedence.
    pub fn configure(&self, cfg: &mut ServiceConfig) {
        if let Some((mount, dir)) = &self.assets {
            cfg.service(actix_files::Files::new(mount, dir));
        }
        let folio = Arc::new(self.clone());
        cfg.default_service(web::to(move |request: HttpRequest| {
            let folio = Arc::clone(&folio);
            async move { folio.serve(request).await }
        }));
    }

    async fn serve(&self, request: HttpRequest) -> HttpResponse {
        let mut render = {
            let uri = request.uri();
            let target = uri.path_and_query().map_or("/", |pq| pq.as_str());
            let host = request
                .headers()
                .get(HOST)
                .and_then(|h| h.to_str().ok())
                .or_else(|| uri.authority().map(|a| a.as_str()));
            let incoming = (self.inputs.iter()).fold(
                Incoming::get(target)
                    .method(request.method().as_str())
                    .host(host),
                |incoming, (name, read)| incoming.input(name, read(&request)),
            );
            let origin = self.origin.as_deref();
            match decide_with(&self.registry, &self.heads, origin, incoming) {
                Decision::Reply(reply) => return reply_response(reply),
                Decision::Render(render) => render,
            }
        };
        let run = (self.widget_state && WidgetRun::runs(&render))
            .then(|| StoredRun::begin(&request, &mut render));
        let layout = render
            .page()
            .and_then(|page| self.layouts.get(page.registration_index()))
            // No page: an unknown address in an app without a `not_found_404` page.
            .unwrap_or(&self.default_not_found);
        request
            .extensions_mut()
            .insert(PageContext(render.context().clone()));
        // The run is the layout, then the shell; a layout's own response interrupts it.
        let page = layout
            .render(request)
            .await
            .map(|content| render.document(&*self.shell, &content));
        let ran = run.is_some();
        if let Some(run) = run {
            if let Err(response) = run.finish(page.is_ok(), self.widget_state_limit) {
                return response;
            }
        }
        let body = match page {
            Ok(body) => body,
            Err(response) => return response,
        };
        let mut response =
            HttpResponse::build(StatusCode::from_u16(render.status()).unwrap_or(StatusCode::OK));
        response.content_type(HTML);
        if ran {
            response.insert_header((CACHE_CONTROL, WidgetRun::CACHE_CONTROL));
        }
        response.body(body)
    }
}

/// A finished answer as an actix response.
fn reply_response(reply: Reply) -> HttpResponse {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = HttpResponse::build(status);
    for (name, value) in reply.headers {
        // A value the `http` crate refuses (the core never builds one) is a bad request.
        let Ok(value) = HeaderValue::from_str(&value) else {
            return HttpResponse::BadRequest().finish();
        };
        response.insert_header((HeaderName::from_static(name), value));
    }
    response.body(reply.body)
}

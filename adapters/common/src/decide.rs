//! [`decide`]: a request's answer, computed once for every adapter. The core resolves;
//! this turns the resolution into either a finished [`Reply`] (redirect, outside the app,
//! method not allowed, over the limits) or a [`Render`] (a page or the 404 page: run its
//! layout, then wrap the fragment in the shell). An adapter only reads the request and
//! writes the response.

use folio_core::{Page, Registry, Resolution};
use smallvec::SmallVec;

use crate::context::{self, RequestContext};
use crate::heads::Heads;
use crate::shell::{Shell, View};

/// The `Content-Type` of every HTML answer.
pub const HTML: &str = "text/html; charset=utf-8";
/// The `Content-Type` of the plain-text answers.
pub const TEXT: &str = "text/plain; charset=utf-8";

/// What an adapter read from one request.
#[derive(Debug, Clone)]
pub struct Incoming<'a> {
    target: &'a str,
    method: &'a str,
    host: Option<&'a str>,
    /// Names borrowed from the adapter, values read from the request: nothing allocated
    /// for an app's first two inputs (the context copies them into its one buffer).
    inputs: Inputs<'a>,
}

/// The routing inputs of a request: `(name, value)` in declaration order.
pub(crate) type Inputs<'a> = SmallVec<[(&'a str, Option<String>); 2]>;

impl<'a> Incoming<'a> {
    /// A `GET` of `target`: the request target in origin form (path, then `?` and the
    /// query), exactly as received, not decoded.
    pub fn get(target: &'a str) -> Self {
        Incoming {
            target,
            method: "GET",
            host: None,
            inputs: SmallVec::new(),
        }
    }

    /// The request method (pages answer `GET` and `HEAD`; others get 405).
    pub fn method(mut self, method: &'a str) -> Self {
        self.method = method;
        self
    }

    /// The `Host` header (or the target's authority), the origin of `twitter:url` and
    /// image URLs when no origin is configured.
    pub fn host(mut self, host: Option<&'a str>) -> Self {
        self.host = host;
        self
    }

    /// A routing input read from the request (`None`: the request does not carry it);
    /// call it for each input, in declaration order.
    pub fn input(mut self, name: &'a str, value: Option<String>) -> Self {
        self.inputs.push((name, value));
        self
    }
}

/// The answer to a request.
#[derive(Debug)]
pub enum Decision<'r, T> {
    /// A finished response, sent as it is (no layout, no shell).
    Reply(Reply),
    /// A page to render: its layout's fragment goes into the shell.
    Render(Render<'r, T>),
}

/// A finished response: status, headers (`Content-Type`, `Location`, `Allow`), body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: String,
}

impl Reply {
    /// A status with its reason phrase as a plain-text body.
    pub fn status(status: u16) -> Self {
        Reply {
            status,
            headers: vec![("content-type", TEXT.to_owned())],
            body: reason(status).to_owned(),
        }
    }

    /// 301 to a location the core built (always a local path: the prefix, then an
    /// encoded path, then the query with controls encoded), with a small HTML body.
    pub fn redirect(location: &str) -> Self {
        let mut body = String::from("<!DOCTYPE html>\n<p>Moved to <a href=\"");
        // Writing to a String cannot fail.
        let _ = folio_core::write_escaped(&mut body, location);
        body.push_str("\">here</a>.</p>\n");
        Reply {
            status: 301,
            headers: vec![
                ("location", location.to_owned()),
                ("content-type", HTML.to_owned()),
            ],
            body,
        }
    }

    /// 405 for a method other than `GET` and `HEAD`.
    pub fn method_not_allowed() -> Self {
        Reply {
            status: 405,
            headers: vec![("allow", "GET, HEAD".to_owned())],
            body: String::new(),
        }
    }
}

/// The reason phrase of the statuses a decision can carry.
pub fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "Error",
    }
}

/// A page to render (200) or the 404 page (404).
#[derive(Debug)]
pub struct Render<'r, T> {
    registry: &'r Registry<T>,
    page: Option<&'r Page<T>>,
    status: u16,
    context: RequestContext,
    head: String,
}

impl<'r, T> Render<'r, T> {
    /// The page's payload (its layout); `None` for an unknown address in an app without a
    /// `not_found_404` page (render the adapter's default 404 layout).
    pub fn payload(&self) -> Option<&'r T> {
        self.page.map(Page::layout)
    }

    /// The page: the matched page, or the custom 404 page.
    pub fn page(&self) -> Option<&'r Page<T>> {
        self.page
    }

    /// 200, or 404 for the 404 page.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// What the layout receives.
    pub fn context(&self) -> &RequestContext {
        &self.context
    }

    pub(crate) fn attach_widgets(&mut self, widgets: crate::state::Widgets) {
        self.context.attach_widgets(widgets);
    }

    /// The escaped `<title>` and meta tags.
    pub fn head(&self) -> &str {
        &self.head
    }

    /// The document: `content` (the layout's fragment) inside the shell.
    pub fn document<S: Shell<T> + ?Sized>(&self, shell: &S, content: &str) -> String {
        shell.render(&View {
            registry: self.registry,
            page: self.page,
            status: self.status,
            head: &self.head,
            content,
            context: &self.context,
        })
    }
}

/// Decides the answer to `incoming`. `origin` (`https://example.com`) is the scheme and
/// host of `twitter:url` and image URLs; without it, `http://` and the request's host
/// (`localhost` when it has none).
///
/// ```
/// use folio_core::{Config, PageSpec, RegistryBuilder};
/// use folio_server_common::{Decision, Incoming, decide};
///
/// let mut b = RegistryBuilder::new(Config::new().url_base_pathname("/app/"));
/// b.page(PageSpec::new("pages.archive").redirect_from("/archive-2021").layout(()));
/// let registry = b.build().unwrap();
///
/// let Decision::Reply(r) = decide(&registry, None, Incoming::get("/app/archive-2021?x=1")) else { panic!() };
/// assert_eq!((r.status, r.headers[0].1.as_str()), (301, "/app/archive?x=1"));
/// let Decision::Reply(r) = decide(&registry, None, Incoming::get("/elsewhere")) else { panic!() };
/// assert_eq!((r.status, r.body.as_str()), (404, "Not Found"));
/// let post = Incoming::get("/app/archive").method("POST");
/// let Decision::Reply(r) = decide(&registry, None, post) else { panic!() };
/// assert_eq!(r.status, 405);
///
/// let get = Incoming::get("/app/archive").host(Some("example.com"));
/// let Decision::Render(page) = decide(&registry, None, get) else { panic!() };
/// assert_eq!(page.status(), 200);
/// assert!(page.head().contains("content=\"http://example.com/app/archive\""));
/// let html = page.document(&folio_server_common::bare, "<p>Archive</p>");
/// assert!(html.contains("<div id=\"page-content\"><p>Archive</p></div>"));
/// ```
pub fn decide<'r, T>(
    registry: &'r Registry<T>,
    origin: Option<&str>,
    incoming: Incoming<'_>,
) -> Decision<'r, T> {
    decide_with(registry, &Heads::default(), origin, incoming)
}

/// [`decide`], writing the head of a page from `heads` (made once from `registry`, see
/// [`Heads`]) when it has one there: the same bytes, written as a few copies instead of
/// from the page's texts on every request.
pub fn decide_with<'r, T>(
    registry: &'r Registry<T>,
    heads: &Heads,
    origin: Option<&str>,
    incoming: Incoming<'_>,
) -> Decision<'r, T> {
    let target = incoming.target;
    // A byte loop, not `split_once('?')`: a char searcher is more code on every request
    // (each line of code a request runs is an L1 instruction miss; the head's writer
    // splits at `#` the same way).
    let (path, query) = match target.bytes().position(|b| b == b'?') {
        Some(at) => (
            target.get(..at).unwrap_or(target),
            target.get(at + 1..).unwrap_or(""),
        ),
        None => (target, ""),
    };
    let resolution = registry.resolve(path, query);
    let request = context::Request {
        inputs: incoming.inputs,
        target,
        path_len: path.len(),
        prefix: registry.requests_prefix(),
    };
    let (page, status, context) = match &resolution {
        Resolution::Redirect(r) => return Decision::Reply(Reply::redirect(r.location())),
        Resolution::NotFound(nf) if !nf.is_inside() => return Decision::Reply(Reply::status(404)),
        _ if incoming.method != "GET" && incoming.method != "HEAD" => {
            return Decision::Reply(Reply::method_not_allowed());
        }
        Resolution::Page(m) => (Some(m.page()), 200, RequestContext::for_page(m, request)),
        Resolution::NotFound(nf) => (nf.page(), 404, RequestContext::for_not_found(nf, request)),
        // Any other decision (a request over the core's limits: 414) is answered with the
        // status the core gives it, without the shell.
        #[allow(unreachable_patterns)]
        _ => return Decision::Reply(Reply::status(resolution.status())),
    };
    // At most 1,032 bytes, the largest request glibc's allocator serves from its per-thread
    // cache (a head is about 700 bytes for a short title and description).
    let mut head = String::with_capacity(1024);
    let host = incoming.host.unwrap_or("localhost");
    // The origin made on the stack when it fits (a host is rarely longer): the head is
    // written from its parts, and nothing else is allocated for it.
    let mut buffer = [0; 128];
    let made = match origin {
        Some(_) => None,
        None => join_into(&mut buffer, "http://", host),
    };
    let owned;
    let origin = match (origin, made) {
        (Some(origin), _) => origin,
        (None, Some(made)) => made,
        (None, None) => {
            owned = format!("http://{host}");
            &owned
        }
    };
    let prepared = match &resolution {
        Resolution::Page(m) => heads.get(m.page()).map(|p| (p, m)),
        _ => None,
    };
    // Writing to a String cannot fail. A prepared head declines an origin it cannot write
    // (empty, or ending with `/`), and writes nothing then.
    if prepared
        .and_then(|(p, m)| p.write_match(m, origin, target, &mut head))
        .is_none()
    {
        let _ = registry.write_head(&resolution, origin, target, &mut head);
    }
    Decision::Render(Render {
        registry,
        page,
        status,
        context,
        head,
    })
}

/// `a` then `b` in `buffer`, when they fit.
fn join_into<'b>(buffer: &'b mut [u8], a: &str, b: &str) -> Option<&'b str> {
    let joined = buffer.get_mut(..a.len() + b.len())?;
    joined[..a.len()].copy_from_slice(a.as_bytes());
    joined[a.len()..].copy_from_slice(b.as_bytes());
    std::str::from_utf8(joined).ok()
}

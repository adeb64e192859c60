//! Page layouts: actix-style async handlers, type-erased so a registry can hold them.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse};

/// What a layout renders: the page's HTML fragment, or a response that replaces the whole
/// page (an error, a redirect of the page's own making).
pub(crate) type Rendered = Result<String, HttpResponse>;

/// actix-web runs each request on one worker thread: layout futures need not be `Send`.
type LocalFuture = Pin<Box<dyn Future<Output = Rendered> + 'static>>;

/// A page's layout: Dash's `layout` function as an actix-style async handler.
///
/// Any async function whose arguments all implement
/// [`FromRequest`](actix_web::FromRequest) (up to eight of them:
/// [`PageContext`](crate::PageContext), [`Args<T>`](crate::Args), `web::Data<S>`,
/// `HttpRequest`, ...) and whose output implements [`IntoPage`] is a layout. The fragment
/// it returns is placed in the app shell where Dash puts `dash.page_container`. Layouts
/// do not read the request body (pages answer `GET` and `HEAD`).
///
/// ```
/// use folio_actix::{Layout, PageContext};
///
/// async fn report(ctx: PageContext) -> String {
///     format!("<p>Report {}</p>", ctx.variable("report_id").unwrap_or("?"))
/// }
/// let layout = Layout::new(report);
/// # let _ = layout;
/// ```
#[derive(Clone)]
pub struct Layout {
    call: Arc<dyn Fn(HttpRequest) -> LocalFuture + Send + Sync>,
}

impl fmt::Debug for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Layout(<handler>)")
    }
}

impl Layout {
    /// Wraps an async handler.
    pub fn new<H, X>(handler: H) -> Self
    where
        H: PageHandler<X>,
    {
        Layout {
            call: Arc::new(move |request| handler.clone().call(request)),
        }
    }

    /// A layout that always renders the same fragment (Dash's `layout = html.Div(...)`).
    pub fn fixed(html: impl Into<String>) -> Self {
        let html: Arc<str> = Arc::from(html.into());
        Layout {
            call: Arc::new(move |_| Box::pin(std::future::ready(Ok(String::from(&*html))))),
        }
    }

    pub(crate) fn render(&self, request: HttpRequest) -> LocalFuture {
        (self.call)(request)
    }
}

/// An async function usable as a page layout (see [`Layout`]). Implemented for functions
/// of up to eight [`FromRequest`] arguments; `X` is the tuple of their types.
pub trait PageHandler<X>: Clone + Send + Sync + Sized + 'static {
    /// Runs the extractors against the request, then the function.
    fn call(self, request: HttpRequest) -> Pin<Box<dyn Future<Output = Rendered> + 'static>>;
}

macro_rules! impl_page_handler {
    ($($ty:ident),*) => {
        #[allow(non_snake_case, unused_mut)]
        impl<F, Fut, P, $($ty,)*> PageHandler<($($ty,)*)> for F
        where
            F: FnOnce($($ty,)*) -> Fut + Clone + Send + Sync + 'static,
            Fut: Future<Output = P> + 'static,
            P: IntoPage,
            $($ty: FromRequest + 'static,)*
        {
            fn call(self, request: HttpRequest) -> LocalFuture {
                Box::pin(async move {
                    let mut payload: Payload = Payload::None;
                    let _ = (&request, &mut payload);
                    $(
                        let $ty = match $ty::from_request(&request, &mut payload).await {
                            Ok(value) => value,
                            Err(e) => return Err(e.into().error_response()),
                        };
                    )*
                    self($($ty,)*).await.into_page()
                })
            }
        }
    };
}

impl_page_handler!();
impl_page_handler!(T1);
impl_page_handler!(T1, T2);
impl_page_handler!(T1, T2, T3);
impl_page_handler!(T1, T2, T3, T4);
impl_page_handler!(T1, T2, T3, T4, T5);
impl_page_handler!(T1, T2, T3, T4, T5, T6);
impl_page_handler!(T1, T2, T3, T4, T5, T6, T7);
impl_page_handler!(T1, T2, T3, T4, T5, T6, T7, T8);

/// The output of a layout: an HTML fragment for the app shell, or (`Err`, or a whole
/// [`HttpResponse`]) a response sent as it is, without the shell.
///
/// ```
/// use actix_web::http::StatusCode;
/// use folio_actix::IntoPage;
/// assert_eq!("<p>hi</p>".into_page().ok().as_deref(), Some("<p>hi</p>"));
/// let failed: Result<String, actix_web::Error> =
///     Err(actix_web::error::ErrorBadRequest("no"));
/// assert_eq!(failed.into_page().unwrap_err().status(), StatusCode::BAD_REQUEST);
/// ```
// `HttpResponse` is actix's own currency; boxing it would only add an allocation.
#[allow(clippy::result_large_err)]
pub trait IntoPage {
    /// The fragment, or the response that replaces the page.
    fn into_page(self) -> Result<String, HttpResponse>;
}

impl IntoPage for String {
    fn into_page(self) -> Result<String, HttpResponse> {
        Ok(self)
    }
}

impl IntoPage for &'static str {
    fn into_page(self) -> Result<String, HttpResponse> {
        Ok(String::from(self))
    }
}

impl IntoPage for HttpResponse {
    fn into_page(self) -> Result<String, HttpResponse> {
        Err(self)
    }
}

impl<P: IntoPage, E: Into<actix_web::Error>> IntoPage for Result<P, E> {
    fn into_page(self) -> Result<String, HttpResponse> {
        match self {
            Ok(page) => page.into_page(),
            Err(e) => Err(e.into().error_response()),
        }
    }
}

//! Page layouts: axum-style async handlers, type-erased so a registry can hold them.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};

/// What a layout renders: the page's HTML fragment, or a response that replaces the whole
/// page (an error, a redirect of the page's own making).
pub(crate) type Rendered = Result<String, Response>;

type BoxFuture = Pin<Box<dyn Future<Output = Rendered> + Send + 'static>>;

/// A page's layout: Dash's `layout` function as an axum-style async handler.
///
/// Any async function whose arguments all implement
/// [`FromRequestParts`](axum::extract::FromRequestParts) (up to eight of them:
/// [`PageContext`](crate::PageContext), [`Args<T>`](crate::Args), `State<S>`, `HeaderMap`,
/// ...) and whose output implements [`IntoPage`] is a layout. The fragment it returns is
/// placed in the app shell where Dash puts `dash.page_container`.
///
/// ```
/// use folio_axum::{Layout, PageContext};
///
/// async fn report(ctx: PageContext) -> String {
///     format!("<p>Report {}</p>", ctx.variable("report_id").unwrap_or("?"))
/// }
/// let layout: Layout = Layout::new(report);
/// # let _ = layout;
/// ```
pub struct Layout<S = ()> {
    call: Arc<dyn Fn(Parts, S) -> BoxFuture + Send + Sync>,
}

impl<S> Clone for Layout<S> {
    fn clone(&self) -> Self {
        Layout {
            call: Arc::clone(&self.call),
        }
    }
}

impl<S> fmt::Debug for Layout<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Layout(<handler>)")
    }
}

impl<S: Send + Sync + 'static> Layout<S> {
    /// Wraps an async handler.
    pub fn new<H, X>(handler: H) -> Self
    where
        H: PageHandler<X, S>,
    {
        Layout {
            call: Arc::new(move |parts, state| handler.clone().call(parts, state)),
        }
    }

    /// A layout that always renders the same fragment (Dash's `layout = html.Div(...)`).
    pub fn fixed(html: impl Into<String>) -> Self {
        let html: Arc<str> = Arc::from(html.into());
        Layout {
            call: Arc::new(move |_, _| Box::pin(std::future::ready(Ok(String::from(&*html))))),
        }
    }

    pub(crate) fn render(&self, parts: Parts, state: S) -> BoxFuture {
        (self.call)(parts, state)
    }
}

/// An async function usable as a page layout (see [`Layout`]). Implemented for functions
/// of up to eight [`FromRequestParts`] arguments; `X` is the tuple of their types.
#[allow(clippy::result_large_err)]
pub trait PageHandler<X, S>: Clone + Send + Sync + Sized + 'static {
    /// Runs the extractors against the request, then the function.
    fn call(
        self,
        parts: Parts,
        state: S,
    ) -> Pin<Box<dyn Future<Output = Result<String, Response>> + Send>>;
}

macro_rules! impl_page_handler {
    ($($ty:ident),*) => {
        #[allow(non_snake_case, unused_mut)]
        impl<F, Fut, S, P, $($ty,)*> PageHandler<($($ty,)*), S> for F
        where
            F: FnOnce($($ty,)*) -> Fut + Clone + Send + Sync + 'static,
            Fut: Future<Output = P> + Send,
            P: IntoPage,
            S: Send + Sync + 'static,
            $($ty: FromRequestParts<S> + Send,)*
        {
            fn call(self, mut parts: Parts, state: S) -> BoxFuture {
                Box::pin(async move {
                    let _ = (&mut parts, &state);
                    $(
                        let $ty = match $ty::from_request_parts(&mut parts, &state).await {
                            Ok(value) => value,
                            Err(rejection) => return Err(rejection.into_response()),
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
/// [`Response`]) a response sent as it is, without the shell.
///
/// ```
/// use axum::http::StatusCode;
/// use folio_axum::IntoPage;
/// assert_eq!("<p>hi</p>".into_page().ok().as_deref(), Some("<p>hi</p>"));
/// let failed: Result<String, StatusCode> = Err(StatusCode::BAD_REQUEST);
/// assert_eq!(failed.into_page().unwrap_err().status(), StatusCode::BAD_REQUEST);
/// ```
// `Response` is axum's own currency; boxing it would only add an allocation.
#[allow(clippy::result_large_err)]
pub trait IntoPage {
    /// The fragment, or the response that replaces the page.
    fn into_page(self) -> Result<String, Response>;
}

impl IntoPage for String {
    fn into_page(self) -> Result<String, Response> {
        Ok(self)
    }
}

impl IntoPage for &'static str {
    fn into_page(self) -> Result<String, Response> {
        Ok(String::from(self))
    }
}

impl<T: Into<String>> IntoPage for Html<T> {
    fn into_page(self) -> Result<String, Response> {
        Ok(self.0.into())
    }
}

impl IntoPage for Response {
    fn into_page(self) -> Result<String, Response> {
        Err(self)
    }
}

impl<P: IntoPage, E: IntoResponse> IntoPage for Result<P, E> {
    fn into_page(self) -> Result<String, Response> {
        match self {
            Ok(page) => page.into_page(),
            Err(e) => Err(e.into_response()),
        }
    }
}

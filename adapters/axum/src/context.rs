//! What a layout receives: [`PageContext`] (path variables, query, merged arguments,
//! routing inputs) and the typed [`Args<T>`] extractor.

use std::ops::Deref;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use folio_server_common::{RequestContext, TEXT};
use serde::de::DeserializeOwned;

/// Everything the router decided about a request, as a layout sees it: Dash's layout
/// keyword arguments, split by origin, plus the page. It derefs to
/// [`RequestContext`](folio_server_common::RequestContext), which has the accessors.
///
/// It is an extractor: take it as an argument of a layout function.
///
/// ```
/// use folio_axum::PageContext;
/// async fn archive(ctx: PageContext) -> String {
///     let report = ctx.argument("report_id").unwrap_or("none");
///     let lang = ctx.input("language").unwrap_or("en");
///     format!("<p lang=\"{lang}\">This is report: {report}.</p>")
/// }
/// # let _ = folio_axum::Layout::<()>::new(archive);
/// ```
#[derive(Debug, Clone)]
pub struct PageContext(pub(crate) RequestContext);

impl Deref for PageContext {
    type Target = RequestContext;
    fn deref(&self) -> &RequestContext {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageContext {
    type Rejection = MissingContext;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<PageContext>()
            .cloned()
            .ok_or(MissingContext)
    }
}

/// The rejection of [`PageContext`] outside a folio router (a programming error): 500.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct MissingContext;

impl IntoResponse for MissingContext {
    fn into_response(self) -> Response {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            "page context missing: handler not served by folio",
        )
            .into_response()
    }
}

/// The page's arguments as a serde type (see
/// [`RequestContext::args`](folio_server_common::RequestContext::args)). A value that does
/// not parse answers 400 Bad Request with the error's text.
///
/// ```
/// use folio_axum::{Args, Layout};
/// #[derive(serde::Deserialize)]
/// struct Report { report_id: u32 }
/// async fn report(Args(r): Args<Report>) -> String {
///     format!("<p>Report {}</p>", r.report_id)
/// }
/// # let _ = Layout::<()>::new(report);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Args<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Args<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ctx = parts
            .extensions
            .get::<PageContext>()
            .ok_or_else(|| MissingContext.into_response())?;
        ctx.args().map(Args).map_err(|e| {
            (
                StatusCode::BAD_REQUEST,
                [(axum::http::header::CONTENT_TYPE, TEXT)],
                e.to_string(),
            )
                .into_response()
        })
    }
}

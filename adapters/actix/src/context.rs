//! What a layout receives: [`PageContext`] (path variables, query, merged arguments,
//! routing inputs) and the typed [`Args<T>`] extractor.

use std::fmt;
use std::future::{Ready, ready};
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::error::InternalError;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError};
use folio_server_common::{RequestContext, TEXT};
use serde::de::DeserializeOwned;

/// Everything the router decided about a request, as a layout sees it: Dash's layout
/// keyword arguments, split by origin, plus the page. It derefs to
/// [`RequestContext`](folio_server_common::RequestContext), which has the accessors.
///
/// It is an extractor: take it as an argument of a layout function.
///
/// ```
/// use folio_actix::PageContext;
/// async fn archive(ctx: PageContext) -> String {
///     let report = ctx.argument("report_id").unwrap_or("none");
///     let lang = ctx.input("language").unwrap_or("en");
///     format!("<p lang=\"{lang}\">This is report: {report}.</p>")
/// }
/// # let _ = folio_actix::Layout::new(archive);
/// ```
#[derive(Debug, Clone)]
pub struct PageContext(pub(crate) RequestContext);

impl Deref for PageContext {
    type Target = RequestContext;
    fn deref(&self) -> &RequestContext {
        &self.0
    }
}

impl FromRequest for PageContext {
    type Error = MissingContext;
    type Future = Ready<Result<Self, MissingContext>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.extensions()
                .get::<PageContext>()
                .cloned()
                .ok_or(MissingContext),
        )
    }
}

/// The rejection of [`PageContext`] outside a folio service (a programming error): 500.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct MissingContext;

impl fmt::Display for MissingContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("page context missing: handler not served by folio")
    }
}

impl ResponseError for MissingContext {
    fn status_code(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

/// The page's arguments as a serde type (see
/// [`RequestContext::args`](folio_server_common::RequestContext::args)). A value that does
/// not parse answers 400 Bad Request with the error's text.
///
/// ```
/// use folio_actix::{Args, Layout};
/// #[derive(serde::Deserialize)]
/// struct Report { report_id: u32 }
/// async fn report(Args(r): Args<Report>) -> String {
///     format!("<p>Report {}</p>", r.report_id)
/// }
/// # let _ = Layout::new(report);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Args<T>(pub T);

impl<T: DeserializeOwned> FromRequest for Args<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let extensions = req.extensions();
        let Some(ctx) = extensions.get::<PageContext>() else {
            return ready(Err(MissingContext.into()));
        };
        ready(ctx.args().map(Args).map_err(|e| {
            let text = e.to_string();
            let response = HttpResponse::BadRequest().content_type(TEXT).body(text);
            InternalError::from_response(e, response).into()
        }))
    }
}

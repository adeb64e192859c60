//! Widget state kept in `actix-session`: each page request is one run of the core's
//! lifecycle ([`WidgetRun`]); this file only loads the browser session's state from the
//! session the `SessionMiddleware` attached to the request, and writes it back, unless
//! the session would grow past the app's limit (see `Folio::widget_state_limit`).

use std::collections::HashMap;
use std::fmt;
use std::future::{Ready, ready};
use std::io;
use std::ops::Deref;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError};
use folio_server_common::{Render, SESSION_KEY, TEXT, WidgetRun, Widgets};
use serde_json::Value;

use crate::context::PageContext;

/// A run in progress and the session it came from.
pub(crate) struct StoredRun {
    run: WidgetRun,
    session: Session,
}

impl StoredRun {
    /// Loads the state of the request's browser session and begins the run of `render`.
    /// Without a `SessionMiddleware` the session is empty and never saved: state lives for
    /// one request.
    pub(crate) fn begin<T>(request: &HttpRequest, render: &mut Render<'_, T>) -> Self {
        let session = request.get_session();
        // A stored value that does not parse is a fresh session.
        let stored = session.get::<Value>(SESSION_KEY).ok().flatten();
        StoredRun {
            run: WidgetRun::begin(render, stored),
            session,
        }
    }

    /// Ends the run and writes the state back when it changed (the middleware saves the
    /// session after the response). A session that would take more than `limit` bytes is
    /// left as it was, and the request answers 413 instead of its page.
    // `HttpResponse` is actix's own currency; boxing it would only add an allocation.
    #[allow(clippy::result_large_err)]
    pub(crate) fn finish(self, completed: bool, limit: usize) -> Result<(), HttpResponse> {
        let Some(json) = self.run.finish(completed) else {
            return Ok(());
        };
        // `Session::insert` stores the value as its JSON text, and a store saves the JSON of
        // every entry: measured the same way, the size is what the store would be handed.
        // Checked here because a store refuses an oversize session only after the response
        // is built (the cookie store's limit), and then the middleware answers an empty 500.
        let value = json.to_string();
        let size = stored_size(&self.session.entries(), &value);
        if size > limit {
            return Err(HttpResponse::PayloadTooLarge()
                .content_type(TEXT)
                .body(format!(
                    "widget state too large to keep: {size} bytes, over this app's limit of \
                     {limit}; nothing was changed"
                )));
        }
        self.session.insert(SESSION_KEY, json).map_err(|_| {
            HttpResponse::InternalServerError()
                .content_type(TEXT)
                .body("session state not saved")
        })
    }
}

/// The length of the JSON a session store saves for `entries` once folio's entry holds
/// `value` (the JSON text of the widget state): `{"key":"value",...}`, each string escaped.
fn stored_size(entries: &HashMap<String, String>, value: &str) -> usize {
    let others = entries.iter().filter(|(k, _)| k.as_str() != SESSION_KEY);
    let state = others
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain([(SESSION_KEY, value)])
        .collect::<HashMap<&str, &str>>();
    let mut counted = ByteCount(0);
    // Writing into a counter cannot fail, nor can serializing a map of strings.
    let _ = serde_json::to_writer(&mut counted, &state);
    counted.0
}

/// An `io::Write` that only counts the bytes written to it.
struct ByteCount(usize);

impl io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The widget state of the page's run, as an extractor (the same handle as
/// `PageContext::widgets()`). Needs [`Folio::widget_state`](crate::Folio::widget_state)
/// and an `actix_session::SessionMiddleware`; otherwise (or on the 404 page) it answers
/// 500.
///
/// ```
/// use folio_actix::{Layout, WidgetState};
/// use folio_core::streamlit::Persist;
///
/// async fn form(WidgetState(w): WidgetState) -> String {
///     let id = w.on_page("name");
///     let mut name = String::new();
///     let _ = folio_core::write_escaped(&mut name, &w.text(id.clone(), "", Persist::None).unwrap_or_default());
///     format!(
///         "<form><input name=\"{}\" value=\"{name}\"><button>Save</button></form>",
///         folio_actix::Widgets::field(&id),
///     )
/// }
/// # let _ = Layout::new(form);
/// ```
#[derive(Debug, Clone)]
pub struct WidgetState(pub Widgets);

impl Deref for WidgetState {
    type Target = Widgets;
    fn deref(&self) -> &Widgets {
        &self.0
    }
}

impl FromRequest for WidgetState {
    type Error = NoWidgetState;
    type Future = Ready<Result<Self, NoWidgetState>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.extensions()
                .get::<PageContext>()
                .and_then(|ctx| ctx.widgets().cloned())
                .map(WidgetState)
                .ok_or(NoWidgetState),
        )
    }
}

/// The rejection of [`WidgetState`] when the app keeps no widget state (a programming
/// error), or on the 404 page: 500.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct NoWidgetState;

impl fmt::Display for NoWidgetState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no widget state: Folio::widget_state is not enabled")
    }
}

impl ResponseError for NoWidgetState {
    fn status_code(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

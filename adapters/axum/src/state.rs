//! Widget state kept in `tower-sessions`: each page request is one run of the core's
//! lifecycle ([`WidgetRun`]); this file only loads the browser session's state from the
//! session the `SessionManagerLayer` put in the request, and writes it back.

use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use folio_server_common::{Render, SESSION_KEY, TEXT, WidgetRun, Widgets};
use tower_sessions::Session;

use crate::context::PageContext;

/// A run in progress and the session store it came from.
pub(crate) struct StoredRun {
    run: WidgetRun,
    session: Session,
}

impl StoredRun {
    /// Loads the state of the request's browser session and begins the run of `render`.
    pub(crate) async fn begin<T>(
        parts: &Parts,
        render: &mut Render<'_, T>,
    ) -> Result<Self, Response> {
        let Some(session) = parts.extensions.get::<Session>().cloned() else {
            return Err(error(
                "folio widget state needs a tower-sessions SessionManagerLayer",
            ));
        };
        let stored = session
            .get_value(SESSION_KEY)
            .await
            .map_err(|_| error("session store unavailable"))?;
        Ok(StoredRun {
            run: WidgetRun::begin(render, stored),
            session,
        })
    }

    /// Ends the run whose answer is `response`, writing its state back when it changed
    /// (the layer saves the session after the response). Most runs change nothing and
    /// are done here; a write is boxed, with the response, so that the store's future
    /// (hundreds of bytes) is not part of every request's future.
    pub(crate) fn finish(self, completed: bool, response: Response) -> Finished {
        let Some(json) = self.run.finish(completed) else {
            return Finished::Done(response);
        };
        let session = self.session;
        Finished::Write(Box::pin(async move {
            match session.insert_value(SESSION_KEY, json).await {
                Ok(_) => response,
                Err(_) => error("session store unavailable"),
            }
        }))
    }
}

/// A run ended: its response, or the write of its state that then gives the response.
pub(crate) enum Finished {
    Done(Response),
    Write(Pin<Box<dyn Future<Output = Response> + Send>>),
}

fn error(message: &'static str) -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(axum::http::header::CONTENT_TYPE, TEXT)],
        message,
    )
        .into_response()
}

/// The widget state of the page's run, as an extractor (the same handle as
/// `PageContext::widgets()`). Needs [`Folio::widget_state`](crate::Folio::widget_state)
/// and a `tower_sessions::SessionManagerLayer`; otherwise (or on the 404 page) it answers
/// 500.
///
/// ```
/// use folio_axum::{Layout, WidgetState};
/// use folio_core::streamlit::Persist;
///
/// async fn form(WidgetState(w): WidgetState) -> String {
///     let id = w.on_page("name");
///     let mut name = String::new();
///     let _ = folio_core::write_escaped(&mut name, &w.text(id.clone(), "", Persist::None).unwrap_or_default());
///     format!(
///         "<form><input name=\"{}\" value=\"{name}\"><button>Save</button></form>",
///         folio_axum::Widgets::field(&id),
///     )
/// }
/// # let _ = Layout::<()>::new(form);
/// ```
#[derive(Debug, Clone)]
pub struct WidgetState(pub Widgets);

impl Deref for WidgetState {
    type Target = Widgets;
    fn deref(&self) -> &Widgets {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for WidgetState {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<PageContext>()
            .and_then(|ctx| ctx.widgets().cloned())
            .map(WidgetState)
            .ok_or_else(|| error("no widget state: Folio::widget_state is not enabled"))
    }
}

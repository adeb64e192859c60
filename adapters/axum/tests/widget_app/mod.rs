//! The widget-state test app on axum (see `adapters/common/tests/support/widget_browser.rs`),
//! served on an ephemeral port with any `tower-sessions` store.

use std::net::SocketAddr;

use folio_axum::{Folio, Layout, PageContext, View, WidgetState};
use folio_core::streamlit::Persist;
use folio_core::{Config, PageSpec, RegistryBuilder};
use tower_sessions::{SessionManagerLayer, SessionStore};

async fn home() -> &'static str {
    "<p>home</p>"
}

async fn form(WidgetState(w): WidgetState, ctx: PageContext) -> String {
    assert!(ctx.widgets().is_some());
    let draft = w.text(w.on_page("draft"), "", Persist::None).unwrap();
    let note = w.text(w.on_page("note"), "", Persist::Session).unwrap();
    format!("<p>draft=[{draft}] note=[{note}]</p>")
}

fn shell(view: &View<'_, Layout>) -> String {
    let group = match view.context().widgets() {
        Some(w) => w.text(w.on_app("group"), "A", Persist::None).unwrap(),
        None => "-".to_owned(),
    };
    format!(
        "<html><body><p>group=[{group}]</p>{}</body></html>",
        view.content()
    )
}

/// The app (without a session layer).
pub fn router() -> axum::Router {
    let mut b = RegistryBuilder::new(Config::new());
    b.page(
        PageSpec::new("pages.home")
            .path("/")
            .layout(Layout::new(home)),
    );
    b.page(
        PageSpec::new("pages.form")
            .path("/form")
            .layout(Layout::new(form)),
    );
    Folio::new(b.build().unwrap())
        .shell(shell)
        .widget_state()
        .into_router()
}

/// One app instance on `runtime`, its sessions in `store`.
pub fn serve<S: SessionStore + Clone>(runtime: &tokio::runtime::Runtime, store: S) -> SocketAddr {
    let app = router().layer(SessionManagerLayer::new(store).with_secure(false));
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        addr
    })
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

//! The widget-state test app on actix-web (see
//! `adapters/common/tests/support/widget_browser.rs`), served on an ephemeral port with any
//! `actix-session` store, in its own thread and actix system; stopped when dropped.

use std::future::Future;
use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc;
use std::thread::JoinHandle;

use actix_session::SessionMiddleware;
use actix_session::storage::SessionStore;
use actix_web::cookie::Key;
use actix_web::dev::ServerHandle;
use actix_web::{App, HttpServer};
use folio_actix::{Folio, Layout, PageContext, View, WidgetState};
use folio_core::streamlit::Persist;
use folio_core::{Config, PageSpec, RegistryBuilder};

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

fn folio() -> Folio<Layout> {
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
    Folio::new(b.build().unwrap()).shell(shell).widget_state()
}

/// A running instance.
pub struct Running {
    pub addr: SocketAddr,
    handle: ServerHandle,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One app instance whose sessions live in the stores `build` makes (run on the server's
/// actix system; it returns a store factory, called once per worker). Every instance signs
/// its cookies with the same key, as the instances of one deployment do.
pub fn serve<F, Fut, M, S>(build: F) -> Running
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = M>,
    M: Fn() -> S + Clone + Send + 'static,
    S: SessionStore + 'static,
{
    serve_with(|folio| folio, build)
}

/// [`serve`], with the app's `Folio` set up further by `configure`.
pub fn serve_with<F, Fut, M, S>(configure: fn(Folio<Layout>) -> Folio<Layout>, build: F) -> Running
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = M>,
    M: Fn() -> S + Clone + Send + 'static,
    S: SessionStore + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        let system = actix_web::rt::System::new();
        let make = system.block_on(build());
        let folio = configure(folio());
        let server = HttpServer::new(move || {
            let folio = folio.clone();
            App::new()
                .wrap(
                    SessionMiddleware::builder(make(), Key::from(&[7; 64]))
                        .cookie_secure(false)
                        .build(),
                )
                .configure(move |cfg| folio.configure(cfg))
        })
        .workers(1)
        .disable_signals()
        .shutdown_timeout(0)
        .listen(listener)
        .unwrap()
        .run();
        tx.send(server.handle()).unwrap();
        let _ = system.block_on(server);
    });
    Running {
        addr,
        handle: rx.recv().unwrap(),
        thread: Some(thread),
    }
}

//! Widget state through a real axum server, kept in `tower-sessions`' memory store: the
//! three behaviours (App control everywhere, page field reset on leaving, persisted field),
//! and a misconfiguration answered loudly.

#![allow(unreachable_pub)] // shared test modules

mod widget_app;
#[path = "../../common/tests/support/widget_browser.rs"]
mod widget_browser;

use folio_conformance::http;
use tower_sessions::MemoryStore;

#[test]
fn widgets_keep_their_values_as_their_scope_and_policy_say() {
    let runtime = widget_app::runtime();
    let addr = widget_app::serve(&runtime, MemoryStore::default());
    widget_browser::scenario(&[addr]);
}

#[test]
fn every_page_a_run_draws_is_not_kept_by_the_browser() {
    let runtime = widget_app::runtime();
    let addr = widget_app::serve(&runtime, MemoryStore::default());
    widget_browser::back_asks_the_server(addr);
}

#[test]
fn two_instances_with_separate_memory_stores_do_not_share_state() {
    let runtime = widget_app::runtime();
    let a = widget_app::serve(&runtime, MemoryStore::default());
    let b = widget_app::serve(&runtime, MemoryStore::default());
    let mut browser = widget_browser::Browser::default();
    browser.get(a, "/form");
    let r = browser.get(a, "/form?w%3Aapp%3Agroup=B");
    assert_eq!(widget_browser::shown(&r, "group").as_deref(), Some("B"));
    // Instance b does not know the cookie: a fresh session (the case Redis is for).
    let r = browser.get(b, "/form");
    assert_eq!(widget_browser::shown(&r, "group").as_deref(), Some("A"));
}

#[test]
fn widget_state_without_a_session_layer_is_a_server_error() {
    let runtime = widget_app::runtime();
    let app = widget_app::router();
    let addr = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        addr
    });
    let r = http::get(addr, "/form").unwrap();
    assert_eq!(r.status, 500);
    assert!(r.body.contains("SessionManagerLayer"), "{}", r.body);
    // The 404 page does not run, so it needs no session.
    assert_eq!(http::get(addr, "/nope").unwrap().status, 404);
}

//! Widget state through a real actix-web server, kept by `actix-session` (here in the
//! cookie store, with actix-session's default private cookies): the three behaviours, as
//! folio-axum's test checks them, and the size limit that keeps a large state from
//! breaking the cookie store.

#![allow(unreachable_pub)] // shared test modules

mod widget_app;
#[path = "../../common/tests/support/widget_browser.rs"]
mod widget_browser;

use actix_session::storage::CookieSessionStore;
use folio_actix::{Folio, Layout};
use folio_conformance::http::Response;
use widget_browser::{Browser, shown};

#[test]
fn widgets_keep_their_values_as_their_scope_and_policy_say() {
    let app = widget_app::serve(|| async { CookieSessionStore::default });
    widget_browser::scenario(&[app.addr]);
}

#[test]
fn every_page_a_run_draws_is_not_kept_by_the_browser() {
    let app = widget_app::serve(|| async { CookieSessionStore::default });
    widget_browser::back_asks_the_server(app.addr);
}

/// The query that sets the persisted `note` field of `/form` to `value`.
fn set_note(value: &str) -> String {
    let mut target = String::from("/form?w%3Apage%3Anote=");
    for b in value.bytes() {
        target.push_str(&format!("%{b:02X}"));
    }
    target
}

/// The bytes a browser counts against its 4096-byte cookie limit: `name=value` of the
/// `Set-Cookie` header.
fn cookie_bytes(r: &Response) -> usize {
    let set = r.header("set-cookie").expect("a session cookie");
    set.split(';').next().unwrap_or_default().len()
}

/// A note made of `units` copies of a piece with a quote, a non-ASCII letter and markup, so
/// that JSON escaping, UTF-8 and percent-encoding all add to the size.
fn note(units: usize) -> String {
    "aé\"<".repeat(units)
}

#[test]
fn a_state_over_the_limit_answers_413_and_keeps_the_session_as_it_was() {
    let app = widget_app::serve(|| async { CookieSessionStore::default });
    let mut browser = Browser::default();
    let r = browser.get(app.addr, &set_note("kept"));
    assert_eq!(r.status, 200, "{}", r.body);
    let cookie = browser.cookie().expect("a session").to_owned();

    let r = browser.get(app.addr, &set_note(&note(2000)));
    assert_eq!(r.status, 413, "{}", r.body);
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    let limit = Folio::<Layout>::DEFAULT_WIDGET_STATE_LIMIT;
    assert!(
        r.body.starts_with("widget state too large to keep: ")
            && r.body
                .contains(&format!("over this app's limit of {limit}"))
            && r.body.ends_with("nothing was changed"),
        "{}",
        r.body
    );
    assert_eq!(r.header("set-cookie"), None, "the session is not rewritten");
    assert_eq!(browser.cookie(), Some(cookie.as_str()));
    let r = browser.get(app.addr, "/form");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(shown(&r, "note").as_deref(), Some("kept"));
}

#[test]
fn every_state_the_default_limit_keeps_fits_in_a_browser_cookie() {
    let app = widget_app::serve(|| async { CookieSessionStore::default });
    // The longest note the app keeps, found by bisection: each probe a new browser session.
    let status = |units: usize| Browser::default().get(app.addr, &set_note(&note(units)));
    let (mut kept, mut refused) = (1, 2000);
    assert_eq!(status(kept).status, 200);
    assert_eq!(status(refused).status, 413);
    while refused - kept > 1 {
        let mid = (kept + refused) / 2;
        match status(mid).status {
            200 => kept = mid,
            413 => refused = mid,
            other => panic!("{mid} units: status {other}"),
        }
    }
    // Private cookies are random (nonce, base64 `/` percent-encoded): look at a few.
    let largest = (0..8)
        .map(|_| cookie_bytes(&status(kept)))
        .max()
        .unwrap_or_default();
    println!("longest kept note: {kept} units; its cookie: {largest} bytes (name=value)");
    assert!(largest <= 4096, "{largest} bytes: a browser would drop it");
    // The limit is not needlessly tight: the largest state kept comes near the limit.
    assert!(largest > 3500, "only {largest} bytes");
}

#[test]
fn without_the_limit_the_cookie_store_answers_an_empty_500() {
    // Why the limit exists: what actix-session's cookie store does with a large session.
    fn no_limit(folio: Folio<Layout>) -> Folio<Layout> {
        folio.widget_state_limit(usize::MAX)
    }
    let app = widget_app::serve_with(no_limit, || async { CookieSessionStore::default });
    let r = Browser::default().get(app.addr, &set_note(&note(2000)));
    assert_eq!((r.status, r.body.as_str()), (500, ""));
    let r = Browser::default().get(app.addr, &set_note(&note(10)));
    assert_eq!(r.status, 200, "{}", r.body);
}

//! The widget-state scenario shared by the adapters' state tests (included with `#[path]`):
//! one browser (a cookie jar of one session cookie) against one or several app instances,
//! each serving the same small app: an App-scope `group` in the shell (default `A`), and on
//! `/form` a page field `draft` (persist None) and a page field `note` (persist Session).
//! Every page prints `group=[…]`, `/form` also `draft=[…] note=[…]`.

use std::net::SocketAddr;

use folio_conformance::http::{self, Response};

/// A browser: sends its session cookie and keeps the one the server sets.
#[derive(Debug, Default)]
pub struct Browser {
    cookie: Option<String>,
}

impl Browser {
    pub fn get(&mut self, addr: SocketAddr, target: &str) -> Response {
        let cookie = self
            .cookie
            .as_ref()
            .map(|c| format!("Cookie: {c}\r\n"))
            .unwrap_or_default();
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: localhost\r\n{cookie}Connection: close\r\n\r\n"
        );
        let response = http::send(addr, request.as_bytes()).unwrap();
        if let Some(set) = response.header("set-cookie") {
            self.cookie = set.split(';').next().map(str::to_owned);
        }
        response
    }

    pub fn cookie(&self) -> Option<&str> {
        self.cookie.as_deref()
    }
}

/// `name=[value]` as the test app prints it.
pub fn shown(r: &Response, name: &str) -> Option<String> {
    let start = r.body.find(&format!("{name}=["))? + name.len() + 2;
    let end = start + r.body[start..].find(']')?;
    Some(r.body[start..end].to_owned())
}

fn check(r: &Response, expect: &[(&str, &str)]) {
    assert_eq!(r.status, 200, "{}", r.body);
    for (name, value) in expect {
        assert_eq!(
            shown(r, name).as_deref(),
            Some(*value),
            "{name} in\n{}",
            r.body
        );
    }
}

/// The three behaviours, each request sent to the next instance in turn (so with two
/// instances, every value written through one is read through the other).
pub fn scenario(instances: &[SocketAddr]) {
    let mut turn = 0;
    let mut next = || {
        turn += 1;
        instances[turn % instances.len()]
    };
    let mut b = Browser::default();
    let r = b.get(next(), "/form");
    check(&r, &[("group", "A"), ("draft", ""), ("note", "")]);
    // Nothing but defaults: no session yet (no store entry, no cookie).
    assert_eq!(b.cookie(), None, "no session cookie: {:?}", r.headers);
    check(&b.get(next(), "/"), &[("group", "A")]);
    assert_eq!(b.cookie(), None);
    b.get(next(), "/form");
    // The user edits all three (a GET form: the fields are `w:app:…` / `w:page:…`); the
    // first edit starts the session.
    let edit = "/form?w%3Aapp%3Agroup=B&w%3Apage%3Adraft=d1&w%3Apage%3Anote=n1";
    let r = b.get(next(), edit);
    check(&r, &[("group", "B"), ("draft", "d1"), ("note", "n1")]);
    assert!(b.cookie().is_some(), "a session cookie: {:?}", r.headers);
    // Reloading keeps everything.
    check(
        &b.get(next(), "/form"),
        &[("group", "B"), ("draft", "d1"), ("note", "n1")],
    );
    // Another page: the App control keeps its value.
    check(&b.get(next(), "/"), &[("group", "B")]);
    // Back: the page field reset, the persisted one did not.
    check(
        &b.get(next(), "/form"),
        &[("group", "B"), ("draft", ""), ("note", "n1")],
    );
    // A 404 (a stray /favicon.ico) is not leaving the page.
    check(
        &b.get(next(), "/form?w%3Apage%3Adraft=d2"),
        &[("draft", "d2")],
    );
    assert_eq!(b.get(next(), "/favicon.ico").status, 404);
    check(
        &b.get(next(), "/form"),
        &[("group", "B"), ("draft", "d2"), ("note", "n1")],
    );
    // Another browser has its own state.
    let mut other = Browser::default();
    check(
        &other.get(next(), "/form"),
        &[("group", "A"), ("draft", ""), ("note", "")],
    );
    check(&b.get(next(), "/"), &[("group", "B")]);
}

/// The browser's Back after leaving a form, and why every page a run draws is sent
/// `Cache-Control: no-store` (`WidgetRun::CACHE_CONTROL`): a kept copy of the form would
/// send fields the server no longer owns, and they would be ignored.
pub fn back_asks_the_server(addr: SocketAddr) {
    let no_store = |r: &Response, target: &str| {
        assert_eq!(r.status, 200, "{target}: {}", r.body);
        assert_eq!(
            r.header("cache-control"),
            Some("no-store"),
            "{target}: {:?}",
            r.headers
        );
    };
    let mut b = Browser::default();
    // Every page that runs: the form, and a page without page widgets (its shell has one,
    // and a copy shown from the cache would be a page change the server never sees).
    let r = b.get(addr, "/form");
    no_store(&r, "/form");
    no_store(&b.get(addr, "/"), "/");
    // The 404 page does not run: nothing to say about caching it.
    let r = b.get(addr, "/favicon.ico");
    assert_eq!((r.status, r.header("cache-control")), (404, None));

    let submitted = "/form?w%3Apage%3Adraft=d1";
    // A browser that shows its kept copy of the form after the user left it (`draft` still
    // reads d1) and sends an edit from it: ignored, the field owns nothing (R1). What
    // no-store prevents.
    let mut stale = Browser::default();
    check(&stale.get(addr, submitted), &[("draft", "d1")]);
    stale.get(addr, "/");
    check(
        &stale.get(addr, "/form?w%3Apage%3Adraft=d2"),
        &[("draft", "")],
    );
    // With no-store: the user leaves the form, its page field is dropped (R6)...
    check(&b.get(addr, submitted), &[("draft", "d1")]);
    no_store(&b.get(addr, "/"), "/");
    // ...Back asks for the entry's address again (the form's last submission); the page
    // runs and shows what the server holds (the draft was dropped, so the field is empty,
    // not d1)...
    let r = b.get(addr, submitted);
    no_store(&r, submitted);
    check(&r, &[("draft", "")]);
    // ...and the next edit sent from that page is applied.
    check(
        &b.get(addr, "/form?w%3Apage%3Adraft=d2"),
        &[("draft", "d2")],
    );
}

//! Two actix-web app instances, one browser session, state carried from one to the other
//! through a real Redis server (`actix-session`'s Redis store). Runs when
//! `FOLIO_REDIS_URL` names a Redis server: `adapters/common/redis-ci.sh` installs and
//! starts one, then runs this. Without the variable the test says so and passes.

#![allow(unreachable_pub)] // shared test modules

mod widget_app;
#[path = "../../common/tests/support/widget_browser.rs"]
mod widget_browser;

use actix_session::storage::RedisSessionStore;

#[test]
fn state_written_through_one_instance_is_read_through_the_other() {
    let Ok(url) = std::env::var("FOLIO_REDIS_URL") else {
        eprintln!("FOLIO_REDIS_URL is not set: skipped (adapters/common/redis-ci.sh runs it)");
        return;
    };
    let instance = || {
        let url = url.clone();
        widget_app::serve(move || async move {
            let store = RedisSessionStore::new(url).await.unwrap();
            move || store.clone()
        })
    };
    let (a, b) = (instance(), instance());
    assert_ne!(a.addr.port(), b.addr.port());
    widget_browser::scenario(&[a.addr, b.addr]);
    widget_browser::back_asks_the_server(b.addr);

    let mut browser = widget_browser::Browser::default();
    browser.get(a.addr, "/form");
    browser.get(a.addr, "/form?w%3Aapp%3Agroup=from-a&w%3Apage%3Anote=kept");
    let r = browser.get(b.addr, "/form");
    assert_eq!(
        widget_browser::shown(&r, "group").as_deref(),
        Some("from-a")
    );
    assert_eq!(widget_browser::shown(&r, "note").as_deref(), Some("kept"));
    println!(
        "actix-web + redis: written through {}, read through {}",
        a.addr, b.addr
    );
}

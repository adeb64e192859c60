//! Two app instances, one browser session, state carried from one to the other through a
//! real Redis server (`tower-sessions-redis-store`). Runs when `FOLIO_REDIS_URL` names a
//! Redis server (`redis://127.0.0.1:PORT`): `adapters/common/redis-ci.sh` installs and
//! starts one, then runs this. Without the variable the test says so and passes.

#![allow(unreachable_pub)] // shared test modules

mod widget_app;
#[path = "../../common/tests/support/widget_browser.rs"]
mod widget_browser;

use tower_sessions_redis_store::RedisStore;
use tower_sessions_redis_store::fred::prelude::{ClientLike, Config, Pool};

#[test]
fn state_written_through_one_instance_is_read_through_the_other() {
    let Ok(url) = std::env::var("FOLIO_REDIS_URL") else {
        eprintln!("FOLIO_REDIS_URL is not set: skipped (adapters/common/redis-ci.sh runs it)");
        return;
    };
    let runtime = widget_app::runtime();
    // Each instance has its own connection pool to the one Redis server.
    let store = |runtime: &tokio::runtime::Runtime| {
        runtime.block_on(async {
            let pool = Pool::new(Config::from_url(&url).unwrap(), None, None, None, 2).unwrap();
            let _connection = pool.connect();
            pool.wait_for_connect().await.unwrap();
            RedisStore::new(pool)
        })
    };
    let a = widget_app::serve(&runtime, store(&runtime));
    let b = widget_app::serve(&runtime, store(&runtime));
    assert_ne!(a.port(), b.port());
    widget_browser::scenario(&[a, b]);
    widget_browser::back_asks_the_server(b);

    // And explicitly: written through A, read through B.
    let mut browser = widget_browser::Browser::default();
    browser.get(a, "/form");
    browser.get(a, "/form?w%3Aapp%3Agroup=from-a&w%3Apage%3Anote=kept");
    let r = browser.get(b, "/form");
    assert_eq!(
        widget_browser::shown(&r, "group").as_deref(),
        Some("from-a")
    );
    assert_eq!(widget_browser::shown(&r, "note").as_deref(), Some("kept"));
    println!("axum + redis: written through {a}, read through {b}");
}

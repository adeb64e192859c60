//! Widget state through a real actix-web server, kept by `actix-session` (here in the
//! signed cookie store): the three behaviours, as folio-axum's test checks them.

#![allow(unreachable_pub)] // shared test modules

mod widget_app;
#[path = "../../common/tests/support/widget_browser.rs"]
mod widget_browser;

use actix_session::storage::CookieSessionStore;

#[test]
fn widgets_keep_their_values_as_their_scope_and_policy_say() {
    let app = widget_app::serve(|| async { CookieSessionStore::default });
    widget_browser::scenario(&[app.addr]);
}

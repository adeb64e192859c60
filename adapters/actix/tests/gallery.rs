//! The gallery example through a real actix-web server and a real socket: the shared
//! gallery checks (`examples/gallery/checks.rs`, `widget_checks.rs`), the same as folio-axum's.

#![allow(unreachable_pub)] // the example's modules, compiled into this test

#[path = "../examples/actix_gallery/app/mod.rs"]
mod app;
#[path = "../../../examples/gallery/checks.rs"]
mod checks;
mod support;
#[path = "../../../examples/gallery/widget_checks.rs"]
mod widget_checks;

use folio_conformance::http::{self, Response};

/// A gallery server on an ephemeral port; stopped when dropped.
struct Gallery(support::Running);

fn start(prefix: &str) -> Gallery {
    Gallery(support::serve(app::gallery(prefix).unwrap()).unwrap())
}

impl Gallery {
    fn get(&self, target: &str) -> Response {
        http::get(self.0.addr, target).unwrap()
    }

    fn get_with(&self, target: &str, headers: &str) -> Response {
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n"
        );
        http::send(self.0.addr, request.as_bytes()).unwrap()
    }
}

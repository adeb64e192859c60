//! The gallery example through a real axum server and a real socket: the shared gallery
//! checks (`examples/gallery/checks.rs`, `widget_checks.rs`).

#![allow(unreachable_pub)] // the example's modules, compiled into this test

#[path = "../examples/gallery/app/mod.rs"]
mod app;
#[path = "../../../examples/gallery/checks.rs"]
mod checks;
#[path = "../../../examples/gallery/widget_checks.rs"]
mod widget_checks;

use std::net::SocketAddr;

use folio_conformance::http::{self, Response};

/// A gallery server on an ephemeral port; stopped with its runtime.
struct Gallery {
    addr: SocketAddr,
    _runtime: tokio::runtime::Runtime,
}

fn start(prefix: &str) -> Gallery {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let router = app::router(prefix, None).unwrap();
    let addr = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        addr
    });
    Gallery {
        addr,
        _runtime: runtime,
    }
}

impl Gallery {
    fn get(&self, target: &str) -> Response {
        http::get(self.addr, target).unwrap()
    }

    fn get_with(&self, target: &str, headers: &str) -> Response {
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n"
        );
        http::send(self.addr, request.as_bytes()).unwrap()
    }
}

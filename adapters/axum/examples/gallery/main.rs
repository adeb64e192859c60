//! The folio gallery: Dash's multi-page tutorial rebuilt in Rust, served by axum.
//!
//! `cargo run -p folio-axum --example gallery`, then open the printed URL. With the
//! browser bundle built (`bash adapters/wasm/ci.sh bundle`, into `examples/gallery/pkg`)
//! following a link swaps the page in place (folio-wasm); without it every link is a
//! server-rendered page load, which the log and the browser console say.
//!
//! `FOLIO_ADDR` overrides the address (default `127.0.0.1:8050`), `FOLIO_PREFIX` mounts
//! the app under a prefix (default `/`, e.g. `/app/`), `FOLIO_CLIENT_DIR` points at another
//! bundle folder, `FOLIO_ACCESS_LOG=1` prints one `access:` line per request (with its
//! `Sec-Fetch-Dest`, so document loads can be counted). `--print-registry` prints the
//! registry as JSON (Dash's `page_registry`) and exits.

// A binary: `pub` marks what its modules share, nothing is exported.
#![allow(unreachable_pub)]

mod app;

use std::path::PathBuf;

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;

#[tokio::main]
async fn main() {
    let addr = std::env::var("FOLIO_ADDR").unwrap_or_else(|_| "127.0.0.1:8050".to_owned());
    let prefix = std::env::var("FOLIO_PREFIX").unwrap_or_else(|_| "/".to_owned());
    if std::env::args().any(|a| a == "--print-registry") {
        match app::registry(&prefix).map(|r| serde_json::to_string_pretty(&r)) {
            Ok(Ok(json)) => println!("{json}"),
            Ok(Err(e)) => fail(&e.to_string()),
            Err(e) => fail(&e),
        }
        return;
    }
    let client = client_dir();
    let has_client = client.join("gallery.js").is_file();
    let mut router = match app::router(&prefix, Some(&client)) {
        Ok(r) => r,
        Err(e) => fail(&e),
    };
    if std::env::var_os("FOLIO_ACCESS_LOG").is_some_and(|v| v != "0") {
        router = router.layer(middleware::from_fn(access_log));
    }
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => fail(&format!("cannot listen on {addr}: {e}")),
    };
    if has_client {
        println!(
            "folio gallery: browser bundle from {} (client-side navigation)",
            client.display()
        );
    } else {
        println!(
            "folio gallery: no browser bundle in {} (build it with `bash adapters/wasm/ci.sh bundle`): server-rendered navigation",
            client.display()
        );
    }
    match listener.local_addr() {
        Ok(local) => println!("folio gallery listening on http://{local}{prefix}"),
        Err(e) => println!("folio gallery listening ({e})"),
    }
    if let Err(e) = axum::serve(listener, router).await {
        fail(&e.to_string());
    }
}

/// Where `adapters/wasm/ci.sh bundle` puts the browser bundle (`gallery.js` and
/// `gallery_bg.wasm`); `FOLIO_CLIENT_DIR` overrides it.
fn client_dir() -> PathBuf {
    std::env::var_os("FOLIO_CLIENT_DIR").map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../examples/gallery/pkg"
            ))
        },
        PathBuf::from,
    )
}

fn fail(message: &str) -> ! {
    eprintln!("gallery: {message}");
    std::process::exit(1);
}

/// `access: GET /analytics dest=document 200`.
async fn access_log(request: Request, next: Next) -> Response {
    let line = format!(
        "{} {} dest={}",
        request.method(),
        request.uri(),
        request
            .headers()
            .get("sec-fetch-dest")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-")
    );
    let response = next.run(request).await;
    println!("access: {line} {}", response.status().as_u16());
    response
}

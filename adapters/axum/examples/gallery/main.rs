//! The folio gallery: Dash's multi-page tutorial rebuilt in Rust, served by axum.
//!
//! `cargo run -p folio-axum --example gallery`, then open the printed URL.
//! `FOLIO_ADDR` overrides the address (default `127.0.0.1:8050`), `FOLIO_PREFIX` mounts
//! the app under a prefix (default `/`, e.g. `/app/`).

// A binary: `pub` marks what its modules share, nothing is exported.
#![allow(unreachable_pub)]

mod app;

#[tokio::main]
async fn main() {
    let addr = std::env::var("FOLIO_ADDR").unwrap_or_else(|_| "127.0.0.1:8050".to_owned());
    let prefix = std::env::var("FOLIO_PREFIX").unwrap_or_else(|_| "/".to_owned());
    let router = match app::router(&prefix) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("gallery: {e}");
            std::process::exit(1);
        }
    };
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("gallery: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    match listener.local_addr() {
        Ok(local) => println!("folio gallery listening on http://{local}{prefix}"),
        Err(e) => println!("folio gallery listening ({e})"),
    }
    if let Err(e) = axum::serve(listener, router).await {
        eprintln!("gallery: {e}");
        std::process::exit(1);
    }
}

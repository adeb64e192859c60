//! The folio gallery: Dash's multi-page tutorial rebuilt in Rust, served by actix-web
//! (the same pages, look and behaviour as folio-axum's gallery).
//!
//! `cargo run -p folio-actix --example actix_gallery`, then open the printed URL.
//! `FOLIO_ADDR` overrides the address (default `127.0.0.1:8050`), `FOLIO_PREFIX` mounts
//! the app under a prefix (default `/`, e.g. `/app/`), `FOLIO_WORKERS` sets the number of
//! worker threads (default: one per core). `--print-registry` prints the registry as JSON
//! (Dash's `page_registry`) and exits.

// A binary: `pub` marks what its modules share, nothing is exported.
#![allow(unreachable_pub)]

mod app;

use actix_web::{App, HttpServer};

#[actix_web::main]
async fn main() {
    let addr = std::env::var("FOLIO_ADDR").unwrap_or_else(|_| "127.0.0.1:8050".to_owned());
    let prefix = std::env::var("FOLIO_PREFIX").unwrap_or_else(|_| "/".to_owned());
    if std::env::args().any(|a| a == "--print-registry") {
        match app::registry(&prefix).map(|r| serde_json::to_string_pretty(&r)) {
            Ok(Ok(json)) => println!("{json}"),
            Ok(Err(e)) => eprintln!("gallery: {e}"),
            Err(e) => eprintln!("gallery: {e}"),
        }
        return;
    }
    let gallery = match app::gallery(&prefix) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("gallery: {e}");
            std::process::exit(1);
        }
    };
    let mut server = HttpServer::new(move || App::new().configure(gallery.clone()));
    if let Some(n) = std::env::var("FOLIO_WORKERS")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        server = server.workers(n);
    }
    let server = match server.bind(&addr) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gallery: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    for local in server.addrs() {
        println!("folio gallery (actix-web) listening on http://{local}{prefix}");
    }
    if let Err(e) = server.run().await {
        eprintln!("gallery: {e}");
        std::process::exit(1);
    }
}

//! folio-actix and folio-axum answer alike: every request of the shared HTTP suite is sent
//! to an actix server and an axum server of the same registry, and their status,
//! `Location`, `<title>`, meta tags (and, for pages, whole documents) are compared byte
//! for byte.

mod support;

use std::path::PathBuf;

use folio_conformance::dash;
use folio_conformance::http::{self, Server};
use folio_core::Registry;

const MARKER: &str = "<div id=\"page-content\">";

async fn echo_actix(ctx: folio_actix::PageContext) -> String {
    ctx.arguments()
        .map(|(k, v)| format!("{k}={v:?};"))
        .collect()
}

async fn echo_axum(ctx: folio_axum::PageContext) -> String {
    ctx.arguments()
        .map(|(k, v)| format!("{k}={v:?};"))
        .collect()
}

fn actix(registry: Registry<dash::Layout>) -> Result<Server, String> {
    let layout = folio_actix::Layout::new(echo_actix);
    let folio = folio_actix::Folio::with_layouts(registry, move |_| layout.clone());
    let running = support::serve(move |cfg| folio.configure(cfg))?;
    Ok(Server::new(running.addr, running))
}

fn axum(registry: Registry<dash::Layout>) -> Result<Server, String> {
    let layout: folio_axum::Layout = folio_axum::Layout::new(echo_axum);
    let router = folio_axum::Folio::with_layouts(registry, move |_| layout.clone()).into_router();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let addr = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| e.to_string())?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        tokio::spawn(async move { axum::serve(listener, router).await });
        Ok::<_, String>(addr)
    })?;
    // Stopped with its runtime.
    Ok(Server::new(addr, runtime))
}

fn vector_dirs() -> Vec<PathBuf> {
    match std::env::var("FOLIO_VECTORS") {
        Ok(v) if !v.is_empty() => std::env::split_paths(&v).collect(),
        _ => vec![
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/conformance/dash/spec/public"),
        ],
    }
}

#[test]
fn actix_and_axum_answer_every_case_byte_for_byte_alike() {
    let cmp = http::compare(&vector_dirs(), MARKER, actix, axum).unwrap();
    println!(
        "actix vs axum: {} requests compared, {} differences; {} app-shell documents identical; {} build-error cases",
        cmp.requests,
        cmp.differences.len(),
        cmp.shell_pages,
        cmp.build_errors
    );
    assert!(
        cmp.requests > 0,
        "no case: are the vectors at {:?}?",
        vector_dirs()
    );
    assert!(cmp.differences.is_empty(), "{}", cmp.differences.join("\n"));
}

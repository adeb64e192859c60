//! The shared HTTP conformance suite (`folio_conformance::http`) through a real actix-web
//! server on 127.0.0.1: every http-kind `resolve` case and every `meta` case.

mod support;

use std::path::PathBuf;

use folio_actix::{Folio, Layout, PageContext};
use folio_conformance::http::{self, Server};

/// Marks the app shell: present on every index page, absent elsewhere.
const MARKER: &str = "<div id=\"page-content\">";

/// The vectors' `echo` and `static` layouts, rendered as text (the suite reads only the
/// head and the marker).
async fn echo(ctx: PageContext) -> String {
    ctx.arguments()
        .map(|(k, v)| format!("{k}={v:?};"))
        .collect()
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
fn every_http_and_meta_case_through_actix() {
    let layout = Layout::new(echo);
    let report = http::run(&vector_dirs(), MARKER, |registry| {
        let layout = layout.clone();
        let folio = Folio::with_layouts(registry, move |_| layout.clone());
        let running = support::serve(move |cfg| folio.configure(cfg))?;
        Ok(Server::new(running.addr, running))
    })
    .unwrap();
    let (passed, failed, unsupported) = report.counts();
    println!("{}", report.summary());
    println!(
        "http suite: {passed} passed, {failed} failed, {unsupported} unsupported; {} through the server \
         ({} of them also in browser form after a 4xx on the raw target), {} build errors",
        report.replayed, report.browser_form, report.build_errors
    );
    assert!(
        report.replayed > 0,
        "no case reached the server: are the vectors at {:?}?",
        vector_dirs()
    );
    assert_eq!(failed, 0, "{}", report.summary());
}

//! The shared malformed-request checks (`folio_conformance::malformed`) through a real
//! axum server: a 4xx or the right page, never a 5xx, a panic or a redirect off this host.

use folio_axum::{Folio, Layout, PageContext};
use folio_conformance::dash;
use folio_conformance::http::Server;
use folio_core::Registry;

/// The layout the checks expect: the path variables (escaped), then the argument count.
async fn show(ctx: PageContext) -> String {
    let vars: String = ctx.variables().map(|(k, v)| format!("{k}={v};")).collect();
    let mut out = String::new();
    folio_core::write_escaped(&mut out, &vars).unwrap();
    format!("<p>{out}</p><p>{} args</p>", ctx.arguments().count())
}

fn serve(registry: Registry<dash::Layout>) -> Result<Server, String> {
    let layout: Layout = Layout::new(show);
    let router = Folio::with_layouts(registry, move |_| layout.clone()).into_router();
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

folio_conformance::malformed_tests!(serve);

//! The shared malformed-request checks (`folio_conformance::malformed`) through a real
//! actix-web server: a 4xx or the right page, never a 5xx, a panic or a redirect off this
//! host.

mod support;

use folio_actix::{Folio, Layout, PageContext};
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
    let layout = Layout::new(show);
    let folio = Folio::with_layouts(registry, move |_| layout.clone());
    let running = support::serve(move |cfg| folio.configure(cfg))?;
    Ok(Server::new(running.addr, running))
}

folio_conformance::malformed_tests!(serve);

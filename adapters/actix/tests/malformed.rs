//! The shared malformed-request checks (`folio_conformance::malformed`) through a real
//! actix-web server: a 4xx or the right page, never a 5xx, a panic or a redirect off this
//! host.

mod support;

use folio_actix::{Folio, Layout, PageContext};
use folio_conformance::dash;
use folio_conformance::http::{self, Server};
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

/// actix-http refuses a raw (unescaped) non-ASCII byte in a request target, valid UTF-8
/// included, with an empty 400 before any app sees the request (its `http` 0.2 `Uri` takes
/// only ASCII in a path and a query), where folio-axum serves the address the escapes spell:
/// folio-actix answers as a bare actix-web app does. Should actix-web start to accept such
/// targets, this fails, and the shared check (`raw_bytes_and_request_forms`) then holds
/// folio-actix to the escaped target's answer, as it holds folio-axum.
#[test]
fn raw_utf8_targets_are_refused_by_actix_web_itself() {
    let bare = support::serve(|cfg| {
        cfg.default_service(actix_web::web::to(|| async { "bare" }));
    })
    .unwrap();
    let folio = serve(folio_conformance::malformed::registry("/")).unwrap();
    let ascii = "GET /report/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    assert_eq!(http::send(bare.addr, ascii.as_bytes()).unwrap().status, 200);
    assert_eq!(
        http::send(folio.addr(), ascii.as_bytes()).unwrap().status,
        200
    );
    for target in ["/report/é", "/old-report/é?x=1", "/café", "/report/x?q=é"] {
        let request =
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        let plain = http::send(bare.addr, request.as_bytes()).unwrap();
        let ours = http::send(folio.addr(), request.as_bytes()).unwrap();
        assert_eq!((plain.status, plain.body.as_str()), (400, ""), "{target}");
        assert_eq!((ours.status, ours.body.as_str()), (400, ""), "{target}");
    }
}

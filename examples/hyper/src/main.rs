//! A multi-page app on plain hyper 1.x, no web framework: the core decides, this file acts.
//! `cargo run -p folio-example-hyper` then open the printed URL (`FOLIO_ADDR` overrides
//! 127.0.0.1:8050).

use std::convert::Infallible;
use std::fmt::Write;
use std::sync::Arc;

use folio_core::{Config, PageMatch, PageSpec, Registry, RegistryBuilder, Resolution, Text};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use tokio::net::TcpListener;

/// A page renders its body from the match (variables, query, arguments).
struct Render(fn(&PageMatch<'_, '_, Render>) -> String);

fn registry() -> Result<Registry<Render>, folio_core::BuildError> {
    let mut pages = RegistryBuilder::new(Config::new().title("folio on hyper"));
    pages.page(
        PageSpec::new("pages::home")
            .path("/")
            .layout(Render(|_| "<p>Welcome. Pick a page above.</p>".into())),
    );
    pages.page(PageSpec::new("pages::weekly_analytics").layout(Render(|m| {
        let city = m
            .query()
            .get("city")
            .unwrap_or("Montréal".into())
            .into_owned();
        format!(
            "<p>Sales in {}</p><form><input name=city><button>Show</button></form>",
            escape(&city)
        )
    })));
    pages.page(
        PageSpec::new("pages::report")
            .path_template("/report/<year>/<month>")
            .title(Text::computed(|v| format!("Report {}-{}", v[0].1, v[1].1)))
            .redirect_from("/archive/<year>/<month>/<day>")
            .layout(Render(|m| {
                format!("<p>Report for {}</p>", escape(&m.title()))
            })),
    );
    pages.page(
        PageSpec::new("pages::not_found_404")
            .title("Not found")
            .layout(Render(|_| "<p>No such page.</p>".into())),
    );
    pages.build()
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    let _ = folio_core::write_escaped(&mut out, text);
    out
}

fn respond(registry: &Registry<Render>, req: &Request<Incoming>) -> Response<Full<Bytes>> {
    let target = req.uri().path_and_query().map_or("/", |pq| pq.as_str());
    let resolution = registry.resolve(req.uri().path(), req.uri().query().unwrap_or(""));
    let status =
        StatusCode::from_u16(resolution.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = match &resolution {
        Resolution::Redirect(r) => {
            return Response::builder()
                .status(status)
                .header("location", r.location())
                .body(Full::new(Bytes::new()))
                .unwrap_or_default();
        }
        Resolution::NotFound(nf) if !nf.is_inside() => "not found".to_string(),
        Resolution::Rejected(e) => escape(&e.to_string()),
        Resolution::Page(m) => (m.page().layout().0)(m),
        Resolution::NotFound(nf) => nf
            .page_match()
            .map_or("<h1>404 - Page not found</h1>".into(), |m| {
                (m.page().layout().0)(&m)
            }),
    };
    let mut html = String::from("<!doctype html><html><head><meta charset=utf-8>");
    let _ = registry
        .head(&resolution, "http://localhost", target)
        .write_html(&mut html);
    html.push_str("</head><body><nav>");
    let not_found = registry.not_found_page().map(|p| p.module());
    for page in registry
        .pages()
        .filter(|p| p.template().is_none() && Some(p.module()) != not_found)
    {
        let _ = write!(
            html,
            "<a href=\"{}\">{}</a> ",
            escape(page.relative_path()),
            escape(page.name())
        );
    }
    let _ = write!(
        html,
        "<a href=\"/report/2024/05\">Report</a></nav><main>{body}</main></body></html>"
    );
    Response::builder()
        .status(status)
        .header("content-type", "text/html; charset=utf-8")
        .body(Full::new(Bytes::from(html)))
        .unwrap_or_default()
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = Arc::new(registry()?);
    let addr = std::env::var("FOLIO_ADDR").unwrap_or_else(|_| "127.0.0.1:8050".into());
    let listener = TcpListener::bind(&addr).await?;
    println!("folio demo on hyper: http://{}/", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        let registry = Arc::clone(&registry);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let response = respond(&registry, &req);
                async move { Ok::<_, Infallible>(response) }
            });
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(io, service)
                .await;
        });
    }
}

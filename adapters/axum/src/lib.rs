//! folio-axum: a frozen folio page registry served by axum.
//!
//! Each page's layout is an axum-style async handler ([`Layout`]) taking extractors such
//! as [`PageContext`] (path variables, decoded query, merged arguments, routing inputs)
//! and [`Args<T>`] (the same, typed through serde). [`Folio`] turns the registry into an
//! [`axum::Router`]: pages answer 200 inside the app shell, redirects 301 with
//! `Location`, unknown addresses 404 with the custom `not_found_404` page (or a default),
//! and addresses outside the app's prefix a bare 404. The head (`<title>` and the ten
//! description/twitter/og tags) comes from the core. Every routing decision is the
//! core's: this crate only turns decisions into responses.
//!
//! ```
//! use axum::body::Body;
//! use axum::http::{Request, StatusCode};
//! use folio_axum::{Args, Folio, Layout, PageContext, View};
//! use folio_core::{Config, PageSpec, RegistryBuilder};
//! use tower::ServiceExt;
//!
//! async fn home() -> &'static str {
//!     "<h1>Home</h1>"
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct Report {
//!     report_id: u32,
//! }
//!
//! async fn report(Args(r): Args<Report>, ctx: PageContext) -> String {
//!     format!("<h1>Report {}</h1><p>{}</p>", r.report_id, ctx.input("language").unwrap_or("en"))
//! }
//!
//! fn shell(view: &View<'_, Layout>) -> String {
//!     format!("<html><head>{}</head><body>{}</body></html>", view.head(), view.content())
//! }
//!
//! # fn main() {
//! let mut builder = RegistryBuilder::new(Config::new().title("Demo"));
//! builder.page(PageSpec::new("pages.home").path("/").layout(Layout::new(home)));
//! builder.page(
//!     PageSpec::new("pages.report")
//!         .path_template("/report/<report_id>")
//!         .redirect_from("/old-report/<report_id>")
//!         .layout(Layout::new(report)),
//! );
//! let registry = builder.build().expect("valid pages");
//!
//! let app: axum::Router = Folio::new(registry)
//!     .shell(shell)
//!     .routing_input("language", |parts| {
//!         parts.headers.get("accept-language")?.to_str().ok().map(|v| v.get(..2).unwrap_or(v).to_owned())
//!     })
//!     .into_router();
//!
//! let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! rt.block_on(async {
//!     let get = |uri: &str| Request::get(uri).header("host", "localhost").body(Body::empty()).unwrap();
//!
//!     let res = app.clone().oneshot(get("/report/7")).await.unwrap();
//!     assert_eq!(res.status(), StatusCode::OK);
//!     let body = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
//!     let html = String::from_utf8(body.to_vec()).unwrap();
//!     assert!(html.contains("<title>Demo</title>") && html.contains("<h1>Report 7</h1>"));
//!
//!     let res = app.clone().oneshot(get("/old-report/7?x=1")).await.unwrap();
//!     assert_eq!(res.status(), StatusCode::MOVED_PERMANENTLY);
//!     assert_eq!(res.headers()["location"], "/report/7?x=1");
//!
//!     let res = app.clone().oneshot(get("/report/seven")).await.unwrap();
//!     assert_eq!(res.status(), StatusCode::BAD_REQUEST); // Args<Report> did not parse
//!
//!     let res = app.oneshot(get("/nope")).await.unwrap();
//!     assert_eq!(res.status(), StatusCode::NOT_FOUND);
//! });
//! # }
//! ```
//!
//! To serve it: `axum::serve(tokio::net::TcpListener::bind(addr).await?, app).await`.
//! The gallery example (`cargo run -p folio-axum --example gallery`) is a complete app.

mod context;
mod layout;
mod router;
mod state;

pub use context::{Args, MissingContext, PageContext};
pub use folio_server_common::{ArgsError, AssetsDir, RequestContext, Shell, View, Widgets};
pub use layout::{IntoPage, Layout, PageHandler};
pub use router::Folio;
pub use state::WidgetState;

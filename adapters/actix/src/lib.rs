//! folio-actix: a frozen folio page registry served by actix-web.
//!
//! Each page's layout is an actix-style async handler ([`Layout`]) taking extractors such
//! as [`PageContext`] (path variables, decoded query, merged arguments, routing inputs)
//! and [`Args<T>`] (the same, typed through serde). [`Folio::configure`] registers the
//! registry on an actix-web `App`: pages answer 200 inside the app shell, redirects 301
//! with `Location`, unknown addresses 404 with the custom `not_found_404` page (or a
//! default), addresses outside the app's prefix a bare 404, and requests over the core's
//! limits their status (414). The head (`<title>` and the ten description/twitter/og
//! tags) comes from the core. Every routing decision is the core's, and the answer is
//! built by `folio-server-common`, shared with `folio-axum`: the two adapters answer
//! byte for byte alike.
//!
//! Except for what actix-web answers before folio sees a request. A request target holding
//! raw (unescaped) non-ASCII bytes, even valid UTF-8 (`/café`, which browsers send as
//! `/caf%C3%A9`), is refused with an empty 400 by actix-http's request parser (its `http`
//! 0.2 `Uri` takes only ASCII in a path and a query), whatever the app; folio-axum, on
//! hyper and `http` 1, serves `/café` as `/caf%C3%A9`. The malformed-request tests check
//! both.
//!
//! ```
//! use actix_web::http::StatusCode;
//! use actix_web::{App, test};
//! use folio_actix::{Args, Folio, Layout, PageContext, View};
//! use folio_core::{Config, PageSpec, RegistryBuilder};
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
//! let folio = Folio::new(registry)
//!     .shell(shell)
//!     .routing_input("language", |req| {
//!         let v = req.headers().get("accept-language")?.to_str().ok()?;
//!         Some(v.get(..2).unwrap_or(v).to_owned())
//!     });
//!
//! actix_web::rt::System::new().block_on(async {
//!     let app = test::init_service(App::new().configure(|cfg| folio.configure(cfg))).await;
//!     let get = |uri: &str| test::TestRequest::get().uri(uri).to_request();
//!
//!     let res = test::call_service(&app, get("/report/7")).await;
//!     assert_eq!(res.status(), StatusCode::OK);
//!     let html = String::from_utf8(test::read_body(res).await.to_vec()).unwrap();
//!     assert!(html.contains("<title>Demo</title>") && html.contains("<h1>Report 7</h1>"));
//!
//!     let res = test::call_service(&app, get("/old-report/7?x=1")).await;
//!     assert_eq!(res.status(), StatusCode::MOVED_PERMANENTLY);
//!     assert_eq!(res.headers().get("location").unwrap(), "/report/7?x=1");
//!
//!     let res = test::call_service(&app, get("/report/seven")).await;
//!     assert_eq!(res.status(), StatusCode::BAD_REQUEST); // Args<Report> did not parse
//!
//!     let res = test::call_service(&app, get("/nope")).await;
//!     assert_eq!(res.status(), StatusCode::NOT_FOUND);
//! });
//! # }
//! ```
//!
//! To serve it: `HttpServer::new(move || App::new().configure(|cfg| folio.configure(cfg)))`
//! (with `let folio = folio.clone();` in the closure's scope as needed), then
//! `.bind(addr)?.run().await`. The gallery example
//! (`cargo run -p folio-actix --example actix_gallery`) is a complete app.

mod context;
mod layout;
mod router;
mod state;

pub use context::{Args, MissingContext, PageContext};
pub use folio_server_common::{ArgsError, AssetsDir, RequestContext, Shell, View, Widgets};
pub use layout::{IntoPage, Layout, PageHandler};
pub use router::Folio;
pub use state::{NoWidgetState, WidgetState};

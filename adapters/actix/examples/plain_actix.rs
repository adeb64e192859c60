//! The baseline of the "Server overhead (actix-web)" figure in BENCHMARKS.md: the
//! gallery's pages served by a plain actix-web app written by hand, with no folio at all. Same page
//! bodies, same document, same head tags; routes, redirects, titles and meta tags are
//! typed out per page.
//!
//! `FOLIO_ADDR=127.0.0.1:8051 cargo run --release -p folio-actix --example plain_actix`

// A binary: `pub` marks what its modules share, nothing is exported.
#![allow(unreachable_pub)]

#[path = "actix_gallery/app/memory_store.rs"]
mod memory_store;

use actix_session::{SessionExt, SessionMiddleware};
use actix_web::cookie::Key;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, COOKIE, HOST, LOCATION};
use actix_web::web::{self, Path, Query};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer};
use document::{Client, Frame, Link, Menus};
use folio_gallery::content::{self, Field, Lang, esc};
use folio_gallery::document;
use memory_store::MemoryStore;
use serde::Deserialize;

#[actix_web::main]
async fn main() {
    let addr = std::env::var("FOLIO_ADDR").unwrap_or_else(|_| "127.0.0.1:8051".to_owned());
    let assets = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/gallery/assets");
    // The gallery's session middleware and store (see `region`).
    let (store, key) = (MemoryStore::default(), Key::generate());
    let mut server = HttpServer::new(move || {
        let sessions = SessionMiddleware::builder(store.clone(), key.clone())
            .cookie_secure(false)
            .build();
        App::new()
            .wrap(sessions)
            .route("/", web::get().to(home))
            .route("/analytics", web::get().to(analytics))
            .route("/archive", web::get().to(archive))
            .route("/archive-2021", web::get().to(to_archive))
            .route("/archive-2020", web::get().to(to_archive))
            .route(
                "/reports/summary-2020",
                web::get().to(|r: HttpRequest| summary(r, 2020)),
            )
            .route(
                "/reports/summary-2021",
                web::get().to(|r: HttpRequest| summary(r, 2021)),
            )
            .route("/report/{report_id}", web::get().to(report))
            .route("/asset/{asset_id}/department/{dept}", web::get().to(asset))
            .service(actix_files::Files::new("/assets", assets))
            .default_service(web::to(not_found))
    });
    if let Some(n) = std::env::var("FOLIO_WORKERS")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        server = server.workers(n);
    }
    let server = match server.bind(&addr) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("plain_actix: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    for local in server.addrs() {
        println!("plain actix-web baseline listening on http://{local}/");
    }
    if let Err(e) = server.run().await {
        eprintln!("plain_actix: {e}");
        std::process::exit(1);
    }
}

/// The navigation, typed out.
const NAV: [(&str, &str); 4] = [
    ("/", "Home"),
    ("/analytics", "Analytics"),
    ("/archive", "Archive"),
    ("/widgets", "Widgets"),
];
/// The one page only the server draws (its links are full page loads).
const SERVER_ONLY: &str = "/widgets";
const SIDEBAR: [(&str, &str); 2] = [
    ("/reports/summary-2020", "Summary 2020"),
    ("/reports/summary-2021", "Summary 2021"),
];

struct Meta<'a> {
    title: &'a str,
    description: &'a str,
    image: &'a str,
}

fn lang(r: &HttpRequest) -> Lang {
    let cookies = r.headers().get_all(COOKIE).filter_map(|v| v.to_str().ok());
    Lang::from_code(
        cookies
            .flat_map(|c| c.split(';'))
            .find_map(|c| c.trim().strip_prefix("lang=")),
    )
}

/// The app-wide region control's value, kept in the browser session as the gallery keeps it
/// (the same session middleware and store on every request, one read per page); a request
/// without a session gets the default. The widgets page itself is not served here: it is
/// not benchmarked.
fn region(r: &HttpRequest) -> String {
    match r.get_session().get::<String>(REGION_KEY) {
        Ok(Some(region)) => region,
        _ => "all".to_owned(),
    }
}

/// Where [`region`] keeps its value.
const REGION_KEY: &str = "region";

fn render(
    status: StatusCode,
    r: &HttpRequest,
    current: &str,
    name: &str,
    meta: Meta<'_>,
    body: &str,
) -> HttpResponse {
    let host = r
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let target = r.uri().path_and_query().map_or("/", |pq| pq.as_str());
    let origin = format!("http://{host}");
    let image = if meta.image.is_empty() {
        String::new()
    } else {
        format!("{origin}/assets/{}", meta.image)
    };
    let url = format!("{origin}{target}");
    let region = (status != StatusCode::NOT_FOUND).then(|| region(r));
    let (title, description) = (esc(meta.title), esc(meta.description));
    let head = format!(
        "<title>{title}</title>\n<meta name=\"description\" content=\"{description}\">\n\
         <meta property=\"twitter:card\" content=\"summary_large_image\">\n\
         <meta property=\"twitter:url\" content=\"{url}\">\n<meta property=\"twitter:title\" content=\"{title}\">\n\
         <meta property=\"twitter:description\" content=\"{description}\">\n\
         <meta property=\"twitter:image\" content=\"{image}\">\n<meta property=\"og:title\" content=\"{title}\">\n\
         <meta property=\"og:type\" content=\"website\">\n<meta property=\"og:description\" content=\"{description}\">\n\
         <meta property=\"og:image\" content=\"{image}\">",
        url = esc(&url),
        image = esc(&image),
    );
    let links = |list: &'static [(&'static str, &'static str)]| -> Vec<Link<'static>> {
        list.iter()
            .map(|&(href, label)| Link {
                href,
                label,
                current: href == current,
                external: href == SERVER_ONLY,
            })
            .collect()
    };
    let home = Link {
        href: "/",
        label: "Home",
        current: false,
        external: false,
    };
    let here = Link {
        href: current,
        label: name,
        current: true,
        external: false,
    };
    let menus = Menus {
        nav: links(&NAV),
        sidebar: vec![(Some("reports"), links(&SIDEBAR))],
        crumbs: match (current, name) {
            (_, "") | ("/", _) => Vec::new(),
            _ => vec![home, here],
        },
    };
    let frame = Frame {
        lang: lang(r),
        prefix: "/",
        target,
        server: "actix-web",
        // The gallery's app-wide control; not on the 404 page, which keeps no state.
        region: region.as_deref().map(|value| Field {
            name: "w:app:region",
            value,
        }),
    };
    let html = document::document(&frame, &head, Client::Missing, &menus, body);
    let mut response = HttpResponse::build(status);
    response.content_type("text/html; charset=utf-8");
    // As folio sends every page drawn from widget state (not the 404 page): Back must ask
    // the server again.
    if region.is_some() {
        response.insert_header((CACHE_CONTROL, "no-store"));
    }
    response.body(html)
}

async fn home(r: HttpRequest) -> HttpResponse {
    let meta = Meta {
        title: "Folio Gallery",
        description: "A small multi-page app: Dash Pages rebuilt in Rust with folio.",
        image: "logo.svg",
    };
    render(
        StatusCode::OK,
        &r,
        "/",
        "Home",
        meta,
        &content::home(lang(&r)),
    )
}

#[derive(Deserialize)]
struct City {
    city: Option<String>,
}

async fn analytics(r: HttpRequest, q: Query<City>) -> HttpResponse {
    let meta = Meta {
        title: "Analytics · Folio Gallery",
        description: "Pick a city and see it selected.",
        image: "analytics.png",
    };
    let body = content::analytics(lang(&r), r.path(), q.city.as_deref());
    render(StatusCode::OK, &r, "/analytics", "Analytics", meta, &body)
}

#[derive(Deserialize)]
struct ArchiveQuery {
    report_id: Option<String>,
    department_id: Option<String>,
}

async fn archive(r: HttpRequest, q: Query<ArchiveQuery>) -> HttpResponse {
    let meta = Meta {
        title: "Archive · Folio Gallery",
        description: "The archive page shows previously generated reports.",
        image: "logo.svg",
    };
    let body = content::archive(lang(&r), q.report_id.as_deref(), q.department_id.as_deref());
    render(StatusCode::OK, &r, "/archive", "Archive", meta, &body)
}

async fn to_archive(r: HttpRequest) -> HttpResponse {
    let location = match r.query_string() {
        "" => "/archive".to_owned(),
        q => format!("/archive?{q}"),
    };
    HttpResponse::MovedPermanently()
        .insert_header((LOCATION, location))
        .finish()
}

async fn summary(r: HttpRequest, year: u16) -> HttpResponse {
    let title = format!("{year} Summary · Folio Gallery");
    let meta = Meta {
        title: &title,
        description: "",
        image: "logo.svg",
    };
    let current = if year == 2020 {
        "/reports/summary-2020"
    } else {
        "/reports/summary-2021"
    };
    render(
        StatusCode::OK,
        &r,
        current,
        if year == 2020 {
            "Summary 2020"
        } else {
            "Summary 2021"
        },
        meta,
        &content::summary(lang(&r), year),
    )
}

async fn report(r: HttpRequest, report_id: Path<String>) -> HttpResponse {
    let meta = Meta {
        title: "Report · Folio Gallery",
        description: "",
        image: "logo.svg",
    };
    render(
        StatusCode::OK,
        &r,
        "",
        "Report",
        meta,
        &content::report(lang(&r), &report_id),
    )
}

async fn asset(r: HttpRequest, path: Path<(String, String)>) -> HttpResponse {
    let (asset_id, dept) = path.into_inner();
    let Some(dept_id) = dept.strip_prefix("hello-").filter(|d| !d.is_empty()) else {
        return not_found(r).await;
    };
    let title = content::asset_title(&asset_id, dept_id);
    let description = content::asset_description(&asset_id, dept_id);
    let meta = Meta {
        title: &title,
        description: &description,
        image: "logo.svg",
    };
    render(
        StatusCode::OK,
        &r,
        "",
        "Asset",
        meta,
        &content::asset(lang(&r), &asset_id, dept_id),
    )
}

async fn not_found(r: HttpRequest) -> HttpResponse {
    let meta = Meta {
        title: "Folio Gallery",
        description: "",
        image: "",
    };
    let body = content::not_found(lang(&r), r.path(), "/");
    render(StatusCode::NOT_FOUND, &r, "", "", meta, &body)
}

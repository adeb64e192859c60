//! The baseline of the "Server overhead (axum)" figure in BENCHMARKS.md: the gallery's
//! pages served by a plain axum router written by hand, with no folio at all. Same page
//! bodies, same document, same head tags; routes, redirects, titles and meta tags are
//! typed out per page.
//!
//! `FOLIO_ADDR=127.0.0.1:8051 cargo run --release -p folio-axum --example plain_axum`

// A binary: `pub` marks what its modules share, nothing is exported.
#![allow(unreachable_pub)]

use axum::extract::{Path, Query, RawQuery};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, COOKIE, HOST, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use document::{Client, Frame, Link, Menus};
use folio_gallery::content::{self, Field, Lang, esc};
use folio_gallery::document;
use serde::Deserialize;
use tower_http::services::ServeDir;
use tower_sessions::{MemoryStore, Session, SessionManagerLayer};

#[tokio::main]
async fn main() {
    let addr = std::env::var("FOLIO_ADDR").unwrap_or_else(|_| "127.0.0.1:8051".to_owned());
    let assets = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/gallery/assets");
    let router = Router::new()
        .route("/", get(home))
        .route("/analytics", get(analytics))
        .route("/archive", get(archive))
        .route("/archive-2021", get(to_archive))
        .route("/archive-2020", get(to_archive))
        .route(
            "/reports/summary-2020",
            get(|h: HeaderMap, u: Uri, Extension(s): Extension<Session>| {
                summary(h, u, Extension(s), 2020)
            }),
        )
        .route(
            "/reports/summary-2021",
            get(|h: HeaderMap, u: Uri, Extension(s): Extension<Session>| {
                summary(h, u, Extension(s), 2021)
            }),
        )
        .route("/report/{report_id}", get(report))
        .route("/asset/{asset_id}/department/{dept}", get(asset))
        .nest_service("/assets", ServeDir::new(assets))
        .fallback(not_found)
        // The gallery's session layer, as the gallery sets it up (see `region`).
        .layer(SessionManagerLayer::new(MemoryStore::default()).with_secure(false));
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("plain_axum: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    if let Ok(local) = listener.local_addr() {
        println!("plain axum baseline listening on http://{local}/");
    }
    if let Err(e) = axum::serve(listener, router).await {
        eprintln!("plain_axum: {e}");
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

fn lang(headers: &HeaderMap) -> Lang {
    let cookies = headers
        .get_all(COOKIE)
        .into_iter()
        .filter_map(|v| v.to_str().ok());
    Lang::from_code(
        cookies
            .flat_map(|c| c.split(';'))
            .find_map(|c| c.trim().strip_prefix("lang=")),
    )
}

/// The app-wide region control's value, kept in the browser session as the gallery keeps it
/// (a session layer on every request, one read per page); a request without a session gets
/// the default. The widgets page itself is not served here: it is not benchmarked.
async fn region(session: &Session) -> String {
    match session.get::<String>(REGION_KEY).await {
        Ok(Some(region)) => region,
        _ => "all".to_owned(),
    }
}

/// Where [`region`] keeps its value.
const REGION_KEY: &str = "region";

#[allow(clippy::too_many_arguments)]
fn render(
    region: Option<&str>,
    status: StatusCode,
    headers: &HeaderMap,
    uri: &Uri,
    current: &str,
    name: &str,
    meta: Meta<'_>,
    body: &str,
) -> Response {
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let target = uri.path_and_query().map_or("/", |pq| pq.as_str());
    let origin = format!("http://{host}");
    let image = if meta.image.is_empty() {
        String::new()
    } else {
        format!("{origin}/assets/{}", meta.image)
    };
    let url = format!("{origin}{target}");
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
        lang: lang(headers),
        prefix: "/",
        target,
        server: "axum",
        // The gallery's app-wide control; not on the 404 page, which keeps no state.
        region: region.map(|value| Field {
            name: "w:app:region",
            value,
        }),
    };
    let html = document::document(&frame, &head, Client::Missing, &menus, body);
    let mut response = (
        status,
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        html,
    )
        .into_response();
    // As folio sends every page drawn from widget state (not the 404 page): Back must ask
    // the server again.
    if region.is_some() {
        let no_store = HeaderValue::from_static("no-store");
        response.headers_mut().insert(CACHE_CONTROL, no_store);
    }
    response
}

async fn home(h: HeaderMap, u: Uri, Extension(s): Extension<Session>) -> Response {
    let meta = Meta {
        title: "Folio Gallery",
        description: "A small multi-page app: Dash Pages rebuilt in Rust with folio.",
        image: "logo.svg",
    };
    let region = region(&s).await;
    render(
        Some(&region),
        StatusCode::OK,
        &h,
        &u,
        "/",
        "Home",
        meta,
        &content::home(lang(&h)),
    )
}

#[derive(Deserialize)]
struct City {
    city: Option<String>,
}

async fn analytics(
    h: HeaderMap,
    u: Uri,
    Extension(s): Extension<Session>,
    Query(q): Query<City>,
) -> Response {
    let meta = Meta {
        title: "Analytics · Folio Gallery",
        description: "Pick a city and see it selected.",
        image: "analytics.png",
    };
    let body = content::analytics(lang(&h), u.path(), q.city.as_deref());
    let region = region(&s).await;
    render(
        Some(&region),
        StatusCode::OK,
        &h,
        &u,
        "/analytics",
        "Analytics",
        meta,
        &body,
    )
}

#[derive(Deserialize)]
struct ArchiveQuery {
    report_id: Option<String>,
    department_id: Option<String>,
}

async fn archive(
    h: HeaderMap,
    u: Uri,
    Extension(s): Extension<Session>,
    Query(q): Query<ArchiveQuery>,
) -> Response {
    let meta = Meta {
        title: "Archive · Folio Gallery",
        description: "The archive page shows previously generated reports.",
        image: "logo.svg",
    };
    let body = content::archive(lang(&h), q.report_id.as_deref(), q.department_id.as_deref());
    let region = region(&s).await;
    render(
        Some(&region),
        StatusCode::OK,
        &h,
        &u,
        "/archive",
        "Archive",
        meta,
        &body,
    )
}

async fn to_archive(RawQuery(q): RawQuery) -> Response {
    let location = match q.filter(|q| !q.is_empty()) {
        Some(q) => format!("/archive?{q}"),
        None => "/archive".to_owned(),
    };
    match HeaderValue::from_str(&location) {
        Ok(v) => (StatusCode::MOVED_PERMANENTLY, [(LOCATION, v)]).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

async fn summary(h: HeaderMap, u: Uri, Extension(s): Extension<Session>, year: u16) -> Response {
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
    let region = region(&s).await;
    render(
        Some(&region),
        StatusCode::OK,
        &h,
        &u,
        current,
        if year == 2020 {
            "Summary 2020"
        } else {
            "Summary 2021"
        },
        meta,
        &content::summary(lang(&h), year),
    )
}

async fn report(
    h: HeaderMap,
    u: Uri,
    Extension(s): Extension<Session>,
    Path(report_id): Path<String>,
) -> Response {
    let meta = Meta {
        title: "Report · Folio Gallery",
        description: "",
        image: "logo.svg",
    };
    let region = region(&s).await;
    render(
        Some(&region),
        StatusCode::OK,
        &h,
        &u,
        "",
        "Report",
        meta,
        &content::report(lang(&h), &report_id),
    )
}

async fn asset(
    h: HeaderMap,
    u: Uri,
    Extension(s): Extension<Session>,
    Path((asset_id, dept)): Path<(String, String)>,
) -> Response {
    let Some(dept_id) = dept.strip_prefix("hello-").filter(|d| !d.is_empty()) else {
        return not_found(h, u).await;
    };
    let title = content::asset_title(&asset_id, dept_id);
    let description = content::asset_description(&asset_id, dept_id);
    let meta = Meta {
        title: &title,
        description: &description,
        image: "logo.svg",
    };
    let region = region(&s).await;
    render(
        Some(&region),
        StatusCode::OK,
        &h,
        &u,
        "",
        "Asset",
        meta,
        &content::asset(lang(&h), &asset_id, dept_id),
    )
}

async fn not_found(h: HeaderMap, u: Uri) -> Response {
    let meta = Meta {
        title: "Folio Gallery",
        description: "",
        image: "",
    };
    let body = content::not_found(lang(&h), u.path(), "/");
    render(None, StatusCode::NOT_FOUND, &h, &u, "", "", meta, &body)
}

//! Hostile and malformed requests through a real server: a 4xx or the right page, never a
//! 5xx, a panic or a redirect off this host.

use std::net::SocketAddr;

use folio_axum::{Folio, Layout, PageContext};
use folio_conformance::http::{self, Response};
use folio_core::{Config, PageSpec, RegistryBuilder};

async fn show(ctx: PageContext) -> String {
    let vars: String = ctx.variables().map(|(k, v)| format!("{k}={v};")).collect();
    let mut out = String::new();
    folio_core::write_escaped(&mut out, &vars).unwrap();
    format!("<p>{out}</p><p>{} args</p>", ctx.arguments().count())
}

struct Server {
    addr: SocketAddr,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    fn start(prefix: &str) -> Server {
        let mut b = RegistryBuilder::new(Config::new().url_base_pathname(prefix));
        b.page(
            PageSpec::new("pages.home")
                .path("/")
                .layout(Layout::new(show)),
        );
        b.page(
            PageSpec::new("pages.archive")
                .redirect_from("/archive-2021")
                .layout(Layout::new(show)),
        );
        b.page(
            PageSpec::new("pages.report")
                .path_template("/report/<id>")
                .redirect_from("/old-report/<id>")
                .layout(Layout::new(show)),
        );
        b.page(
            PageSpec::new("pages.new")
                .path("/new")
                .redirect_from("/old/<anything>")
                .layout(Layout::new(show)),
        );
        let router = Folio::new(b.build().unwrap()).into_router();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let addr = runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(async move { axum::serve(listener, router).await });
            addr
        });
        Server {
            addr,
            _runtime: runtime,
        }
    }

    fn get(&self, target: &str) -> Response {
        http::get(self.addr, target).unwrap_or_else(|e| panic!("{target:.80}: {e}"))
    }

    fn raw(&self, bytes: &[u8]) -> Response {
        http::send(self.addr, bytes).unwrap()
    }
}

/// A 4xx, or one of the statuses a page can answer with.
fn sane(r: &Response, what: &str) {
    assert!(
        (200..500).contains(&r.status),
        "{what}: {} {}",
        r.status,
        r.body
    );
    if let Some(location) = r.header("location") {
        assert!(
            location.starts_with('/') && !location.starts_with("//"),
            "{what}: off-site {location}"
        );
        assert!(!location.starts_with("/\\"), "{what}: {location}");
    }
}

#[test]
fn invalid_utf8_escapes() {
    let s = Server::start("/");
    for target in [
        "/%FF",
        "/report/%FF%FE",
        "/report/%C3",
        "/report/%",
        "/report/%zz",
        "/%C0%AF",
        "/?%FF=%FE",
    ] {
        let r = s.get(target);
        sane(&r, target);
    }
    let r = s.get("/report/%FF");
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("id=\u{FFFD}"),
        "invalid bytes decode to U+FFFD: {}",
        r.body
    );
    let r = s.get("/old-report/%FF");
    assert_eq!(r.header("location"), Some("/report/%EF%BF%BD"));
}

#[test]
fn double_slashes_stay_on_this_host() {
    let s = Server::start("/");
    for target in [
        "//",
        "//evil.example",
        "//evil.example/",
        "///evil.example",
        "//archive-2021",
        "//old/x",
        "/\\evil.example",
    ] {
        let r = s.get(target);
        sane(&r, target);
    }
    assert_eq!(s.get("//archive-2021").header("location"), Some("/archive"));
    assert_eq!(s.get("//evil.example").status, 404);
    // A template redirect never turns a value into a host: `/` is encoded.
    let r = s.get("/old-report/%2F%2Fevil.example");
    assert_eq!(r.header("location"), Some("/report/%2F%2Fevil.example"));
    // Absolute-form targets are answered with local paths only.
    let r = s.raw(b"GET http://evil.example/archive-2021 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    sane(&r, "absolute-form");
    assert_eq!(r.header("location"), Some("/archive"));
}

/// Over the core's request limits (when it has them) the answer is 414; under them, the
/// page or the 404 the address deserves.
const TOO_LONG: u16 = 414;

#[test]
fn long_paths_and_huge_queries() {
    let s = Server::start("/");
    let status = |target: &str| {
        let r = s.get(target);
        sane(&r, &target[..target.len().min(40)]);
        r.status
    };
    assert!(
        [404, TOO_LONG].contains(&status(&format!("/{}", "a".repeat(8 * 1024)))),
        "8 KiB path"
    );
    assert!(
        [200, TOO_LONG].contains(&status(&format!("/report/{}", "b".repeat(8 * 1024)))),
        "8 KiB variable"
    );
    assert_eq!(
        status(&format!("/report/{}", "b".repeat(4 * 1024))),
        200,
        "4 KiB variable"
    );
    assert!(
        [404, TOO_LONG].contains(&status(&"/x".repeat(4096))),
        "4096 segments"
    );
    assert!(
        [200, TOO_LONG].contains(&status(&"/".repeat(8 * 1024))),
        "8 KiB of slashes"
    );
    assert!(
        [200, TOO_LONG].contains(&status(&format!("/?{}", "k=v&".repeat(10_000)))),
        "10,000 fields"
    );

    let distinct: String = (0..500).map(|i| format!("k{i}={i}&")).collect();
    let r = s.get(&format!("/report/1?{distinct}"));
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("501 args"),
        "500 query keys and a path variable"
    );
    let r = s.get(&format!("/?q={}", "x".repeat(1 << 20)));
    assert!((400..500).contains(&r.status), "1 MiB target: {}", r.status);
}

#[test]
fn cr_lf_never_reaches_a_header() {
    let s = Server::start("/");
    let r = s.get("/archive-2021?x=%0D%0ASet-Cookie:%20a=b");
    assert_eq!(r.status, 301);
    assert_eq!(
        r.header("location"),
        Some("/archive?x=%0D%0ASet-Cookie:%20a=b")
    );
    assert!(r.header("set-cookie").is_none());
    let r = s.get("/old-report/a%0D%0AX-Evil:%201");
    assert_eq!(r.header("location"), Some("/report/a%0D%0AX-Evil:%201"));
    assert!(r.header("x-evil").is_none());
    let r = s.get("/old/%0D%0A");
    assert_eq!(r.header("location"), Some("/new"));
    // Raw CR/LF in the request line is refused by the HTTP parser.
    let r = s.raw(b"GET /archive-2021?x=\r\nX-Evil: 1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    sane(&r, "raw CR/LF");
    assert!(r.header("x-evil").is_none());
    let r =
        s.raw(b"GET /archive-2021?x=\ra HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert!((400..500).contains(&r.status));
}

#[test]
fn odd_methods_and_targets() {
    let s = Server::start("/");
    let r = s.raw(
        b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!((r.status, r.header("allow")), (405, Some("GET, HEAD")));
    let r = s.raw(b"HEAD /report/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    let r = s.raw(b"OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    sane(&r, "OPTIONS *");
    let r = s.raw(b"GET /report/1 HTTP/1.1\r\nHost: \"><script>\r\nConnection: close\r\n\r\n");
    sane(&r, "hostile Host");
    assert!(
        !r.body.contains("\"><script>"),
        "the Host header is escaped in the meta tags"
    );
    let r = s.raw(b"GET /report/1 HTTP/1.0\r\n\r\n");
    assert_eq!(r.status, 200, "HTTP/1.0 without Host");
    let r = s.raw(b"\x00\x01garbage\r\n\r\n");
    sane(&r, "garbage");
}

#[test]
fn prefix_mount_keeps_outside_requests_bare() {
    let s = Server::start("/app/");
    let r = s.get("/app/old-report/%2F%2Fevil.example");
    assert_eq!(r.header("location"), Some("/app/report/%2F%2Fevil.example"));
    let r = s.get("//app/archive-2021");
    sane(&r, "//app");
    for target in ["/", "/application", "/ap", "/%61pp/"] {
        let r = s.get(target);
        assert_eq!(r.status, 404, "{target}");
        assert!(
            !r.body.contains("<html"),
            "{target}: no shell outside the prefix"
        );
    }
}

//! Hostile and malformed requests through a real server, shared by the server adapters:
//! a 4xx or the right page, never a 5xx, a panic or a redirect off this host.
//!
//! An adapter serves [`registry`] (every page's payload [`Layout::Echo`]) with a layout
//! that renders the page's path variables as `name=value;` (HTML-escaped) and then
//! `<p>N args</p>`, N the number of merged arguments, in its default shell; then it runs
//! every check with [`malformed_tests!`](crate::malformed_tests), one `#[test]` each:
//!
//! ```ignore
//! fn serve(registry: Registry<Layout>) -> Result<http::Server, String> { /* start it */ }
//! folio_conformance::malformed_tests!(serve);
//! ```

use folio_core::{Config, PageSpec, Registry, RegistryBuilder};

use crate::dash::Layout;
use crate::http::{self, Response, Server};

/// Starts a server for a registry (the adapter's part).
pub type Serve<'a> = &'a mut dyn FnMut(Registry<Layout>) -> Result<Server, String>;

/// The app the checks run against, mounted under `prefix`: `/` (home), `/archive`
/// (redirected from `/archive-2021`), `/report/<id>` (from `/old-report/<id>`), `/new`
/// (from `/old/<anything>`).
pub fn registry(prefix: &str) -> Registry<Layout> {
    let mut b = RegistryBuilder::new(Config::new().url_base_pathname(prefix));
    b.page(PageSpec::new("pages.home").path("/").layout(Layout::Echo));
    b.page(
        PageSpec::new("pages.archive")
            .redirect_from("/archive-2021")
            .layout(Layout::Echo),
    );
    b.page(
        PageSpec::new("pages.report")
            .path_template("/report/<id>")
            .redirect_from("/old-report/<id>")
            .layout(Layout::Echo),
    );
    b.page(
        PageSpec::new("pages.new")
            .path("/new")
            .redirect_from("/old/<anything>")
            .layout(Layout::Echo),
    );
    match b.build() {
        Ok(registry) => registry,
        Err(e) => panic!("the malformed-request app does not build: {e}"),
    }
}

/// A started server and the client calls the checks make.
#[derive(Debug)]
pub struct Target {
    server: Server,
}

impl Target {
    /// Starts [`registry`]`(prefix)` with `serve`.
    pub fn start(serve: Serve<'_>, prefix: &str) -> Target {
        let server = serve(registry(prefix)).unwrap_or_else(|e| panic!("server: {e}"));
        Target { server }
    }

    /// `GET target`.
    pub fn get(&self, target: &str) -> Response {
        http::get(self.server.addr(), target).unwrap_or_else(|e| panic!("{target:.80}: {e}"))
    }

    /// Raw bytes on a new connection.
    pub fn raw(&self, bytes: &[u8]) -> Response {
        http::send(self.server.addr(), bytes).unwrap_or_else(|e| panic!("raw request: {e}"))
    }
}

/// One `#[test]` per malformed-request check, each starting its server with `$serve`
/// (a `fn(Registry<Layout>) -> Result<Server, String>`).
#[macro_export]
macro_rules! malformed_tests {
    ($serve:path) => {
        $crate::malformed_tests!(@each $serve;
            invalid_utf8_escapes double_slashes_stay_on_this_host long_paths_and_huge_queries
            cr_lf_never_reaches_a_header odd_methods_and_targets prefix_mount_keeps_outside_requests_bare
            hostile_inputs);
    };
    (@each $serve:path; $($check:ident)*) => {
        $(
            #[test]
            fn $check() {
                $crate::malformed::$check(&mut $serve);
            }
        )*
    };
}

/// The hostile-input suite (`tests/hostile/hostile.json`, issue 8) through the server: every
/// case sent byte for byte; open redirects, header injection, markup in the head, invalid
/// escapes, limits and pathological templates, with the same checks as through the core.
pub fn hostile_inputs(serve: Serve<'_>) {
    let server = serve(crate::hostile::registry()).unwrap_or_else(|e| panic!("server: {e}"));
    let report = crate::hostile::run(crate::hostile::Via::Server, |case| {
        let request = format!(
            "GET {} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            case.target
        );
        let r = http::send(server.addr(), request.as_bytes()).map_err(|e| e.to_string())?;
        Ok(crate::hostile::Observed {
            status: r.status,
            headers: r.headers,
            body: r.body,
        })
    });
    println!("{}", report.summary());
    assert!(report.failures.is_empty(), "{}", report.summary());
    assert!(report.passed > 0, "no hostile case ran");
}

/// A 4xx, or one of the statuses a page can answer with.
pub fn sane(r: &Response, what: &str) {
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

/// Invalid UTF-8 in escapes: a sane answer; in a variable, U+FFFD (and re-encoded in a
/// redirect).
pub fn invalid_utf8_escapes(serve: Serve<'_>) {
    let s = Target::start(serve, "/");
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

/// `//host`, `/\\host` and absolute-form targets never redirect off this host.
pub fn double_slashes_stay_on_this_host(serve: Serve<'_>) {
    let s = Target::start(serve, "/");
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

/// Long paths, many segments, huge queries: the page, its 404, or 414; never a 5xx.
pub fn long_paths_and_huge_queries(serve: Serve<'_>) {
    let s = Target::start(serve, "/");
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

/// Encoded CR/LF stays encoded in `Location`; raw CR/LF is refused by the parser.
pub fn cr_lf_never_reaches_a_header(serve: Serve<'_>) {
    let s = Target::start(serve, "/");
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

/// `POST` (405 with `Allow`), `HEAD` (no body), `OPTIONS *`, a hostile `Host`, HTTP/1.0,
/// garbage.
pub fn odd_methods_and_targets(serve: Serve<'_>) {
    let s = Target::start(serve, "/");
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

/// Under a prefix: redirects keep it, addresses outside it get a bare 404.
pub fn prefix_mount_keeps_outside_requests_bare(serve: Serve<'_>) {
    let s = Target::start(serve, "/app/");
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

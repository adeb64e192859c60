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
            hostile_inputs leading_variable_redirects_stay_on_this_host raw_bytes_and_request_forms
            lengths_at_and_over_the_limits);
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

/// [`sane`], and a `Location` a browser resolves to this host: [`location_is_safe`]
/// (one `/`, then neither `/` nor `\\`, visible ASCII only: no tab or newline that a
/// browser would drop to make `//`).
///
/// [`location_is_safe`]: crate::hostile::location_is_safe
pub fn on_site(r: &Response, what: &str) {
    sane(r, what);
    if let Some(location) = r.header("location") {
        if let Err(e) = crate::hostile::location_is_safe(location) {
            panic!("{what}: {e}");
        }
    }
}

/// A 4xx from the HTTP parser (bytes HTTP forbids), or else [`on_site`].
fn refused_or_on_site(r: &Response, what: &str) {
    if !(400..500).contains(&r.status) {
        on_site(r, what);
    }
}

/// `GET target HTTP/1.1` as raw bytes (any bytes, valid UTF-8 or not).
fn raw_get(s: &Target, target: &[u8]) -> Response {
    let mut request = b"GET ".to_vec();
    request.extend_from_slice(target);
    request.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    s.raw(&request)
}

/// A redirect whose target starts with a variable (`/<slug>` from `/r/<slug>`) writes the
/// request's value first in `Location`, the one place a value could make `//host` or
/// `/\\host`: every encoded slash, backslash, control, dot segment, double encoding and
/// look-alike stays inside the first segment, at the root and under a prefix (where
/// `Location` keeps the prefix). Raw bytes HTTP forbids are refused or stay on the site.
pub fn leading_variable_redirects_stay_on_this_host(serve: Serve<'_>) {
    for prefix in ["/", "/app/"] {
        let mut b = RegistryBuilder::new(Config::new().url_base_pathname(prefix));
        b.page(PageSpec::new("pages.home").path("/").layout(Layout::Echo));
        b.page(
            PageSpec::new("pages.slug")
                .path_template("/<slug>")
                .redirect_from("/r/<slug>")
                .layout(Layout::Echo),
        );
        let registry = b.build().unwrap_or_else(|e| panic!("{e}"));
        let s = Target {
            server: serve(registry).unwrap_or_else(|e| panic!("server: {e}")),
        };
        let base = prefix.trim_end_matches('/');
        // (value sent, value as `Location` writes it)
        for (value, written) in [
            ("%2F%2Fevil.example", "%2F%2Fevil.example"),
            ("%5C%5Cevil.example", "%5C%5Cevil.example"),
            ("%2F%5Cevil.example", "%2F%5Cevil.example"),
            ("%5C%2Fevil.example", "%5C%2Fevil.example"),
            ("%09%2F%2Fevil.example", "%09%2F%2Fevil.example"),
            ("%0D%0A%2F%2Fevil.example", "%0D%0A%2F%2Fevil.example"),
            ("%00%2F%2Fevil.example", "%00%2F%2Fevil.example"),
            ("%20%2F%2Fevil.example", "%20%2F%2Fevil.example"),
            ("%252F%252Fevil.example", "%252F%252Fevil.example"),
            (
                "%EF%BC%8F%EF%BC%8Fevil.example",
                "%EF%BC%8F%EF%BC%8Fevil.example",
            ),
            ("http:%2F%2Fevil.example", "http:%2F%2Fevil.example"),
            (".%2F%2Fevil.example", ".%2F%2Fevil.example"),
        ] {
            let target = format!("{base}/r/{value}");
            let r = s.get(&target);
            on_site(&r, &target);
            let want = format!("{base}/{written}");
            assert_eq!(r.header("location"), Some(want.as_str()), "{target}");
        }
        // Dot segments are ordinary segments (POLICY D4), in a redirect's target too:
        // `Location` keeps them, on this host (a browser resolves them there).
        for (value, dots) in [
            (".", "."),
            ("..", ".."),
            ("%2E", "."),
            ("%2E%2E", ".."),
            (".%2E", ".."),
            ("%2e.", ".."),
        ] {
            let target = format!("{base}/r/{value}");
            let r = s.get(&target);
            on_site(&r, &target);
            let want = format!("{base}/{dots}");
            assert_eq!(
                (r.status, r.header("location")),
                (301, Some(want.as_str())),
                "{target}"
            );
        }
        // Raw bytes HTTP forbids in a target: refused, or answered on this host.
        for target in [
            &b"/r/\\evil.example"[..],
            b"/r/\\\\evil.example",
            b"/r/\t/evil.example",
            b"/r/\t\\evil.example",
            b"/r/ //evil.example",
            b"/r/\x7F//evil.example",
        ] {
            let mut prefixed = base.as_bytes().to_vec();
            prefixed.extend_from_slice(target);
            let r = raw_get(&s, &prefixed);
            refused_or_on_site(&r, &String::from_utf8_lossy(&prefixed));
        }
        // Inside the prefix, doubled and encoded slashes are addresses of this app.
        for target in ["//evil.example", "/%2F%2Fevil.example", "/.//evil.example"] {
            let target = format!("{base}{target}");
            on_site(&s.get(&target), &target);
        }
    }
}

/// Request bytes a browser never sends: raw invalid UTF-8 and raw non-ASCII in the path
/// and the query, absolute-form and authority-form targets, a bare LF or a tab in the
/// request line. A 4xx, or the right page with a `Location` on this host.
pub fn raw_bytes_and_request_forms(serve: Serve<'_>) {
    let s = Target::start(serve, "/");
    for target in [
        &b"/\xFF"[..],
        b"/report/\xFF\xFE",
        b"/report/\xC3\xA9",
        b"/old-report/\xFF\xFE",
        b"/old-report/\xC0\xAF\xC0\xAFevil.example",
        b"/archive-2021?\xFF=\xFE",
        b"/archive-2021?a=\xC3\xA9",
        b"/old/\xFF",
    ] {
        let r = raw_get(&s, target);
        refused_or_on_site(&r, &String::from_utf8_lossy(target));
    }
    // Raw UTF-8 in a path is the address its escapes spell, where the HTTP layer lets it
    // through (hyper); actix-http refuses any raw non-ASCII byte in a path with 400 before
    // the app sees it (folio-actix's tests check that a bare actix-web app does too).
    for (target, variables) in [
        ("/report/é", "id=é;"),
        ("/old-report/é?x=1", ""),
        ("/nowhere/é", ""),
    ] {
        let r = raw_get(&s, target.as_bytes());
        if r.status != 400 {
            let escaped = s.get(&target.replace('é', "%C3%A9"));
            assert_eq!(
                (r.status, r.header("location")),
                (escaped.status, escaped.header("location")),
                "{target}"
            );
            assert!(r.body.contains(variables), "{target}: {}", r.body);
        }
    }
    // Absolute-form: the authority is not this app's to redirect to; `Location` is a path.
    for (target, location) in [
        ("http://evil.example/archive-2021", Some("/archive")),
        ("https://evil.example/archive-2021", Some("/archive")),
        (
            "http://localhost:80/archive-2021?x=%0d%0a",
            Some("/archive?x=%0d%0a"),
        ),
        (
            "http://evil.example/old-report/%2F%2Fevil.example",
            Some("/report/%2F%2Fevil.example"),
        ),
        ("http://evil.example//evil.example", None),
        ("http://evil.example", None),
        ("http://evil.example?next=//evil.example", None),
        ("http://user@evil.example/archive-2021", None),
    ] {
        let r = raw_get(&s, target.as_bytes());
        refused_or_on_site(&r, target);
        if let (Some(want), 301) = (location, r.status) {
            assert_eq!(r.header("location"), Some(want), "{target}");
        }
    }
    for request in [
        &b"CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\nConnection: close\r\n\r\n"[..],
        b"GET /archive-2021?x=\nX-Evil: 1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        b"GET /archive-2021?x=\tX-Evil: 1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        b"GET\t/archive-2021 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        b"GET /archive-2021 HTTP/1.1\nHost: localhost\nConnection: close\n\n",
    ] {
        let what = String::from_utf8_lossy(request);
        let r = s.raw(request);
        refused_or_on_site(&r, &what);
        assert!(r.header("x-evil").is_none(), "{what}");
    }
}

/// The core's limits (8 KiB path, 64 KiB query: `folio_core::Limits`) at, just under and
/// just over, with no header but `Host` and with none at all (HTTP/1.0), and past the HTTP
/// parser's own limits: the page, its 404, a 4xx; never a 5xx.
pub fn lengths_at_and_over_the_limits(serve: Serve<'_>) {
    let s = Target::start(serve, "/");
    let path = |n: usize| format!("/report/{}", "b".repeat(n - "/report/".len()));
    let query = |n: usize| format!("/?q={}", "x".repeat(n - 2));
    let send = |target: &str, http10: bool| {
        let request = if http10 {
            format!("GET {target} HTTP/1.0\r\n\r\n")
        } else {
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        };
        let r = s.raw(request.as_bytes());
        on_site(&r, &target[..target.len().min(40)]);
        r.status
    };
    for http10 in [false, true] {
        assert_eq!(send(&path(8 * 1024 - 1), http10), 200, "path 8 KiB - 1");
        assert_eq!(send(&path(8 * 1024), http10), 200, "path at 8 KiB");
        assert_eq!(
            send(&path(8 * 1024 + 1), http10),
            TOO_LONG,
            "path 8 KiB + 1"
        );
        // The `http` crate takes request targets up to 65,534 bytes: a query just under the
        // core's limit is answered, one at the limit may be refused before folio sees it
        // (hyper answers 414, actix-web 400).
        assert_eq!(send(&query(60 * 1024), http10), 200, "query of 60 KiB");
        let at = send(&query(64 * 1024), http10);
        assert!(
            at == 200 || (400..500).contains(&at),
            "query at 64 KiB: {at}"
        );
        assert!(
            (400..500).contains(&send(&query(64 * 1024 + 1), http10)),
            "query 64 KiB + 1"
        );
        for n in [
            16 * 1024,
            64 * 1024 - 1,
            64 * 1024,
            64 * 1024 + 1,
            128 * 1024,
        ] {
            let status = send(&path(n), http10);
            assert!((400..500).contains(&status), "path of {n} bytes: {status}");
        }
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
    // Doubled, encoded and dotted slashes right after the prefix: inside the app, on this
    // host (an empty first segment is no address of it: D4).
    for target in [
        "/app//evil.example",
        "/app///evil.example",
        "/app/%2F%2Fevil.example",
        "/app/%5C%5Cevil.example",
        "/app/./evil.example",
        "/app/.//evil.example",
        "/app//archive-2021",
        "/app//old/x",
        "/app/old/%2F%2Fevil.example",
    ] {
        on_site(&s.get(target), target);
    }
    assert_eq!(s.get("/app//evil.example").status, 404);
    assert_eq!(
        s.get("/app/old/%2F%2Fevil.example").header("location"),
        Some("/app/new")
    );
    for target in ["/", "/application", "/ap", "/%61pp/"] {
        let r = s.get(target);
        assert_eq!(r.status, 404, "{target}");
        assert!(
            !r.body.contains("<html"),
            "{target}: no shell outside the prefix"
        );
    }
}

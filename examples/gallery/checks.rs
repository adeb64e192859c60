//! The gallery's checks, shared by the adapters' `tests/gallery.rs`: every page, the
//! redirects, the 404 page, meta images, assets, the language switch and the prefix,
//! through a real server and a real socket. The including test defines
//! `start(prefix) -> Gallery`, `Gallery::get(target)` and
//! `Gallery::get_with(target, extra_header_lines)`.

use folio_conformance::http::{self, Response};

use super::start;

fn meta(r: &Response, key: &str) -> String {
    http::metas(&r.body)
        .into_iter()
        .find(|m| m[0][1] == key)
        .and_then(|m| m[1][1].as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn assert_page(r: &Response, status: u16, title: &str, needles: &[&str]) {
    assert_eq!(r.status, status, "{}", r.body);
    assert_eq!(http::title(&r.body).as_deref(), Some(title));
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    for needle in needles {
        assert!(r.body.contains(needle), "missing {needle:?} in\n{}", r.body);
    }
}

#[test]
fn home_has_the_registry_nav_in_order_and_the_sidebar() {
    let g = start("/");
    let r = g.get("/");
    assert_page(
        &r,
        200,
        "Folio Gallery",
        &["<h1>Hello world</h1>", "This is the home page."],
    );
    let nav = &r.body[r.body.find("<nav class=\"menu\">").unwrap()..r.body.find("</nav>").unwrap()];
    let links: Vec<&str> = nav
        .split("href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(links, ["/", "/analytics", "/archive", "/widgets"]);
    assert!(nav.contains("<a class=\"current\" aria-current=\"page\" href=\"/\">Home</a>"));
    assert!(
        r.body
            .contains("<a href=\"/reports/summary-2020\">Summary 2020</a>")
    );
    assert!(
        r.body
            .contains("<a href=\"/reports/summary-2021\">Summary 2021</a>")
    );
    assert!(
        !nav.contains("not-found"),
        "the 404 page is not in the menu"
    );
}

#[test]
fn analytics_form_query_rerenders_the_page() {
    let g = start("/");
    let r = g.get("/analytics");
    assert_page(
        &r,
        200,
        "Analytics · Folio Gallery",
        &["<form class=\"card\" method=\"get\" action=\"/analytics\">"],
    );
    assert!(
        r.body.contains("value=\"Montreal\" checked"),
        "Montreal is the default"
    );
    assert!(r.body.contains("You selected: <strong>Montreal</strong>"));

    let r = g.get("/analytics?city=San+Francisco");
    assert!(r.body.contains("value=\"San Francisco\" checked"));
    assert!(
        r.body
            .contains("You selected: <strong>San Francisco</strong>")
    );
    assert!(
        r.body
            .contains("class=\"current\" aria-current=\"page\" href=\"/analytics\"")
    );

    let r = g.get("/analytics?city=%3Cscript%3Ealert(1)%3C/script%3E");
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("Unknown city: <strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>")
    );
    assert!(!r.body.contains("<script>"));
}

#[test]
fn archive_shows_its_query_arguments() {
    let g = start("/");
    let r = g.get("/archive?report_id=9&department_id=55");
    assert_page(
        &r,
        200,
        "Archive · Folio Gallery",
        &[
            "<dd id=\"report-id\">9</dd>",
            "<dd id=\"department-id\">55</dd>",
        ],
    );
    assert_eq!(
        meta(&r, "description"),
        "The archive page shows previously generated reports."
    );
    let r = g.get("/archive");
    assert!(r.body.contains("<dd id=\"report-id\">none</dd>"));
}

#[test]
fn nested_report_pages_have_paths_inferred_from_their_modules() {
    let g = start("/");
    for year in ["2020", "2021"] {
        let r = g.get(&format!("/reports/summary-{year}"));
        assert_page(
            &r,
            200,
            &format!("{year} Summary · Folio Gallery"),
            &[&format!("<h1>{year} Summary</h1>")],
        );
        let current = format!(
            "<a class=\"current\" aria-current=\"page\" href=\"/reports/summary-{year}\">Summary {year}</a>"
        );
        assert!(r.body.contains(&current), "the sidebar marks the page");
    }
}

#[test]
fn report_and_asset_templates_pass_their_variables() {
    let g = start("/");
    let r = g.get("/report/7");
    assert_page(
        &r,
        200,
        "Report · Folio Gallery",
        &["<strong id=\"report-id\">7</strong>"],
    );
    let r = g.get("/report/caf%C3%A9%20%3Cb%3E");
    assert!(
        r.body
            .contains("<strong id=\"report-id\">café &lt;b&gt;</strong>"),
        "decoded and escaped"
    );

    let r = g.get("/asset/a100/department/hello-sales");
    assert_page(
        &r,
        200,
        "Asset Analysis: a100 sales",
        &["asset_id: <code>a100</code> dept_id: <code>sales</code>"],
    );
    assert_eq!(
        meta(&r, "description"),
        "This is the AVN Industries Asset Analysis: a100 in sales"
    );
    assert_eq!(meta(&r, "og:title"), "Asset Analysis: a100 sales");
    assert_eq!(
        meta(&r, "twitter:url"),
        "http://localhost/asset/a100/department/hello-sales"
    );
    assert_eq!(
        g.get("/asset/a100/department/sales").status,
        404,
        "the hello- prefix is part of the template"
    );
}

#[test]
fn old_archive_addresses_redirect_with_301() {
    let g = start("/");
    for old in ["/archive-2021", "/archive-2020", "/archive-2020/"] {
        let r = g.get(old);
        assert_eq!(
            (r.status, r.header("location")),
            (301, Some("/archive")),
            "{old}"
        );
    }
    let r = g.get("/archive-2021?report_id=3");
    assert_eq!(r.header("location"), Some("/archive?report_id=3"));
}

#[test]
fn unknown_addresses_get_the_custom_404_page() {
    let g = start("/");
    let r = g.get("/no/such/page?x=1");
    assert_page(
        &r,
        404,
        "Folio Gallery",
        &[
            "This is our custom 404 content",
            "<code>/no/such/page</code>",
        ],
    );
    assert!(
        r.body.contains("<nav class=\"menu\">"),
        "inside the app shell"
    );
    assert!(!r.body.contains("aria-current"), "no menu entry is current");
}

#[test]
fn meta_images_come_from_the_assets_folder_and_are_served() {
    let g = start("/");
    assert_eq!(
        meta(&g.get("/analytics"), "og:image"),
        "http://localhost/assets/analytics.png"
    );
    assert_eq!(
        meta(&g.get("/archive"), "og:image"),
        "http://localhost/assets/logo.svg"
    );
    assert_eq!(
        meta(&g.get("/"), "twitter:image"),
        "http://localhost/assets/logo.svg"
    );
    let png = g.get("/assets/analytics.png");
    assert_eq!(
        (png.status, png.header("content-type")),
        (200, Some("image/png"))
    );
    let css = g.get("/assets/style.css");
    assert_eq!(css.status, 200);
    assert!(
        css.header("content-type")
            .unwrap_or_default()
            .starts_with("text/css")
    );
    assert_eq!(g.get("/assets/missing.png").status, 404);
    for escape in [
        "/assets/../../../Cargo.toml",
        "/assets/%2e%2e/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/..%2f..%2f..%2fCargo.toml",
    ] {
        let r = g.get(escape);
        assert!(
            (400..500).contains(&r.status) && !r.body.contains("[workspace]"),
            "no way out of the folder: {escape} {}",
            r.status
        );
    }
}

#[test]
fn the_language_switch_reaches_every_page() {
    let g = start("/");
    let r = g.get("/set-language?lang=fr&next=/archive%3Freport_id%3D9");
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/archive?report_id=9"));
    assert!(
        r.header("set-cookie")
            .unwrap_or_default()
            .starts_with("lang=fr;")
    );

    let fr = "Cookie: lang=fr\r\n";
    let pages = [
        ("/", "Bonjour le monde"),
        ("/analytics", "Choisissez une ville"),
        ("/archive?report_id=9", "Voici le rapport"),
        ("/reports/summary-2020", "Voici le contenu"),
        ("/report/7", "L'utilisateur a demandé"),
        ("/asset/a/department/hello-b", "Variables du chemin"),
        ("/nowhere", "Voici notre page 404"),
        ("/widgets", "Trois champs, trois durées de vie"),
    ];
    for (target, text) in pages {
        let r = g.get_with(target, fr);
        assert!(r.body.contains(text), "{target}: {}", r.body);
        assert!(r.body.contains("<html lang=\"fr\">"));
        assert!(
            r.body.contains("Galerie Folio"),
            "the shell gets the input too"
        );
    }
    assert!(
        g.get("/").body.contains("<html lang=\"en\">"),
        "English without the cookie"
    );

    for evil in [
        "//evil.example",
        "/%2Fevil.example",
        "https://evil.example",
        "/\\evil.example",
    ] {
        let r = g.get(&format!(
            "/set-language?lang=en&next={}",
            evil.replace('\\', "%5C")
        ));
        assert_eq!(r.header("location"), Some("/"), "{evil}");
    }
}

#[test]
fn the_gallery_mounts_under_a_prefix() {
    let g = start("/app/");
    let r = g.get("/app/");
    assert_page(
        &r,
        200,
        "Folio Gallery",
        &["href=\"/app/analytics\"", "href=\"/app/assets/style.css\""],
    );
    assert_eq!(meta(&r, "og:image"), "http://localhost/app/assets/logo.svg");
    assert_eq!(
        g.get("/app/archive-2021").header("location"),
        Some("/app/archive")
    );
    assert_eq!(g.get("/app/assets/style.css").status, 200);
    assert_eq!(g.get("/app/report/7").status, 200);
    let outside = g.get("/archive");
    assert_eq!(outside.status, 404);
    assert!(
        !outside.body.contains("<html"),
        "outside the prefix: no app shell"
    );
    let inside = g.get("/app/nope");
    assert_page(
        &inside,
        404,
        "Folio Gallery",
        &["This is our custom 404 content"],
    );
}

#[test]
fn every_page_file_is_served_with_its_menus() {
    let g = start("/");
    let registry = folio_gallery::registry("/", folio_gallery::ASSET_FILES).unwrap();
    let nav = registry.navigation();
    let mut served = 0;
    for entry in nav.entries() {
        let r = g.get(entry.href());
        assert_eq!(r.status, 200, "{}", entry.href());
        // A page only the server draws is a full page load from the browser bundle.
        let external = if entry.key("client") == Some("server") {
            " data-external"
        } else {
            ""
        };
        let current = format!(
            "<a class=\"current\" aria-current=\"page\"{external} href=\"{}\">{}</a>",
            entry.href(),
            entry.name()
        );
        assert!(
            r.body.contains(&current),
            "{}: the menus mark it",
            entry.href()
        );
        served += 1;
    }
    assert!(served >= 5);
    let r = g.get("/reports/summary-2020");
    assert!(
        r.body.contains(
            "<nav class=\"crumbs\" aria-label=\"breadcrumbs\"><a href=\"/\">Home</a> › <span aria-current=\"page\">Summary 2020</span></nav>"
        ),
        "breadcrumbs: {}",
        r.body
    );
}

#[test]
fn the_registry_prints_as_dash_page_registry() {
    // What `--print-registry` prints.
    let registry = folio_gallery::registry("/", folio_gallery::ASSET_FILES).unwrap();
    let json = serde_json::to_value(&registry).unwrap();
    let summary = &json["folio_gallery::pages::reports::summary_2020"];
    assert_eq!(summary["path"], "/reports/summary-2020");
    assert_eq!(
        summary["location"], "sidebar",
        "custom keys kept: {summary}"
    );
    assert_eq!(
        json.as_object().map(|o| o.len()),
        Some(registry.pages().len())
    );
}

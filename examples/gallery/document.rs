//! The gallery's HTML document (Dash's `app.layout`): header with the top navigation and
//! the language switch, a sidebar, and the page in the middle. Shared by both adapters' galleries and the baselines.

use super::content::{Lang, esc};

/// One navigation entry.
pub struct Link<'a> {
    pub href: &'a str,
    pub label: &'a str,
    pub current: bool,
}

/// Everything around the page.
pub struct Frame<'a> {
    pub lang: Lang,
    /// Escaped `<title>` and meta tags.
    pub head: &'a str,
    /// The app's requests prefix (`/` or `/app/`).
    pub prefix: &'a str,
    pub nav: &'a [Link<'a>],
    pub sidebar: &'a [Link<'a>],
    /// The current request target, where the language switch comes back to.
    pub target: &'a str,
    /// The web framework, named in the footer (`axum`, `actix-web`).
    pub server: &'a str,
}

/// Addresses worth a click, relative to the prefix.
const EXAMPLES: [(&str, &str); 5] = [
    ("report/7", "/report/7"),
    (
        "asset/a100/department/hello-sales",
        "/asset/a100/department/hello-sales",
    ),
    (
        "archive?report_id=9&department_id=55",
        "/archive?report_id=9&amp;department_id=55",
    ),
    ("archive-2021", "/archive-2021 → /archive"),
    ("no/such/page", "/no/such/page"),
];

pub fn document(frame: &Frame<'_>, content: &str) -> String {
    let p = frame.prefix.trim_end_matches('/');
    let lang = frame.lang;
    let mut out = String::with_capacity(4096 + content.len());
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{}\n\
         <link rel=\"icon\" href=\"{p}/assets/logo.svg\">\n<link rel=\"stylesheet\" href=\"{p}/assets/style.css\">\n</head>\n<body>\n",
        lang.code(),
        frame.head
    ));
    out.push_str(&format!(
        "<header class=\"top\">\n<a class=\"brand\" href=\"{p}/\"><img src=\"{p}/assets/logo.svg\" alt=\"\" width=\"28\" height=\"28\"><span>{}</span></a>\n<nav class=\"menu\">\n",
        lang.t("app")
    ));
    for link in frame.nav {
        push_link(&mut out, link);
    }
    let next = query_encode(frame.target);
    out.push_str("</nav>\n<div class=\"lang\">\n");
    for other in [Lang::En, Lang::Fr] {
        let class = if other == lang {
            " class=\"current\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<a{class} href=\"{p}/set-language?lang={code}&amp;next={next}\">{label}</a>\n",
            code = other.code(),
            label = other.code().to_uppercase()
        ));
    }
    out.push_str(&format!(
        "</div>\n</header>\n<div class=\"layout\">\n<aside class=\"side\">\n<h3>{}</h3>\n<nav>\n",
        lang.t("reports")
    ));
    for link in frame.sidebar {
        push_link(&mut out, link);
    }
    out.push_str(&format!(
        "</nav>\n<h3>{}</h3>\n<nav class=\"examples\">\n",
        lang.t("try")
    ));
    for (href, label) in EXAMPLES {
        out.push_str(&format!(
            "<a href=\"{p}/{href}\">{label}</a>\n",
            href = href.replace('&', "&amp;")
        ));
    }
    out.push_str("</nav>\n</aside>\n<main id=\"page-content\">\n");
    out.push_str(content);
    out.push_str(&format!(
        "</main>\n</div>\n<footer>{} · folio + {}</footer>\n</body>\n</html>\n",
        lang.t("tagline"),
        frame.server
    ));
    out
}

fn push_link(out: &mut String, link: &Link<'_>) {
    let current = if link.current {
        " class=\"current\" aria-current=\"page\""
    } else {
        ""
    };
    out.push_str(&format!(
        "<a{current} href=\"{}\">{}</a>\n",
        esc(link.href),
        esc(link.label)
    ));
}

/// Percent-encodes a value for a query string (everything but unreserved characters and
/// `/`).
pub fn query_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

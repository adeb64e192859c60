//! The widgets corner through a real server, shared by the adapters' `tests/gallery.rs`
//! (beside `checks.rs`): one visitor with one session cookie, moving between pages as the
//! gallery's forms and links make a browser do. The three behaviours: the sidebar's region
//! (App scope) keeps its value on every page, the widgets page's search (persist None)
//! resets once the visitor has been on another page, and its name (persist Session)
//! survives leaving and coming back.

use folio_conformance::http::{self, Response};

use super::{Gallery, start};

/// A browser: sends the session cookie the server last set.
struct Visitor<'g> {
    gallery: &'g Gallery,
    cookie: Option<String>,
}

impl<'g> Visitor<'g> {
    fn new(gallery: &'g Gallery) -> Self {
        Visitor {
            gallery,
            cookie: None,
        }
    }

    fn get(&mut self, target: &str) -> Response {
        let header = self
            .cookie
            .as_ref()
            .map(|c| format!("Cookie: {c}\r\n"))
            .unwrap_or_default();
        let r = self.gallery.get_with(target, &header);
        if let Some(set) = r.header("set-cookie") {
            self.cookie = set.split(';').next().map(str::to_owned);
        }
        r
    }
}

/// The sidebar's region control: `None` when not drawn, `Some("")` when no option is
/// selected.
fn region(r: &Response) -> Option<String> {
    let start = r.body.find("<select id=\"app-region\"")?;
    let select = &r.body[start..start + r.body[start..].find("</select>")?];
    let selected = select
        .split("<option value=\"")
        .skip(1)
        .find(|o| {
            o.split('>')
                .next()
                .is_some_and(|tag| tag.ends_with(" selected"))
        })
        .map(|o| o[..o.find('"').unwrap_or(0)].to_owned());
    Some(selected.unwrap_or_default())
}

/// The value attribute (still escaped) of the widgets page's input `widgets-{id}`.
fn field(r: &Response, id: &str) -> Option<String> {
    let start = r.body.find(&format!("<input id=\"widgets-{id}\""))?;
    let tag = &r.body[start..start + r.body[start..].find('>')?];
    let value = &tag[tag.find(" value=\"")? + 8..];
    Some(value[..value.find('"')?].to_owned())
}

/// The report titles listed on the widgets page.
fn reports(r: &Response) -> Vec<String> {
    r.body
        .split("<li>")
        .skip(1)
        .map(|li| li[..li.find(" <span>").unwrap_or(0)].to_owned())
        .collect()
}

fn page(r: &Response, region_shown: &str, search: &str, name: &str) {
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        http::title(&r.body).as_deref(),
        Some("Widgets · Folio Gallery")
    );
    assert_eq!(
        region(r).as_deref(),
        Some(region_shown),
        "region in\n{}",
        r.body
    );
    assert_eq!(
        field(r, "search").as_deref(),
        Some(search),
        "search in\n{}",
        r.body
    );
    assert_eq!(
        field(r, "name").as_deref(),
        Some(name),
        "name in\n{}",
        r.body
    );
}

#[test]
fn widgets_keep_their_values_as_their_scope_and_policy_say() {
    let g = start("/");
    let mut v = Visitor::new(&g);
    let r = v.get("/widgets");
    page(&r, "all", "", "");
    assert_eq!(reports(&r).len(), 6, "every region, no search");
    for form_field in [
        "name=\"w:app:region\"",
        "name=\"w:page:search\"",
        "name=\"w:page:name\"",
    ] {
        assert!(r.body.contains(form_field), "{form_field} in\n{}", r.body);
    }
    assert!(
        r.body.contains(
            "<a class=\"current\" aria-current=\"page\" data-external href=\"/widgets\">Widgets</a>"
        ),
        "in the top menu, a full page load from the browser bundle"
    );
    assert_eq!(v.cookie, None, "nothing changed: no session");

    // The page's form (GET, as a browser sends it).
    let r = v.get("/widgets?w%3Apage%3Asearch=sales&w%3Apage%3Aname=Ann+%3Cb%3E");
    page(&r, "all", "sales", "Ann &lt;b&gt;");
    assert_eq!(reports(&r), ["Quarterly sales"]);
    assert!(v.cookie.is_some(), "the first change starts the session");
    // The sidebar's form, on the same page: the page's fields stay (it was not left).
    let r = v.get("/widgets?w%3Aapp%3Aregion=europe");
    page(&r, "europe", "sales", "Ann &lt;b&gt;");
    assert!(
        r.body
            .contains("Reports · Europe · prepared for <strong>Ann &lt;b&gt;</strong>")
    );

    // 1. The App-scope control keeps its value on another page, whose own query arguments
    //    its form carries along.
    let r = v.get("/archive?report_id=9");
    assert_eq!(region(&r).as_deref(), Some("europe"));
    assert!(r.body.contains(
        "<form class=\"app-control\" autocomplete=\"off\" method=\"get\" action=\"/archive\">"
    ));
    assert!(
        r.body
            .contains("<input type=\"hidden\" name=\"report_id\" value=\"9\">")
    );
    // 2. The page field reset; 3. the persisted one did not.
    let r = v.get("/widgets");
    page(&r, "europe", "", "Ann &lt;b&gt;");
    assert_eq!(reports(&r), ["Quarterly sales", "Energy costs"]);

    // The region changed from another page, with that page's arguments kept.
    let r = v.get("/archive?report_id=9&w%3Aapp%3Aregion=asia");
    assert_eq!(region(&r).as_deref(), Some("asia"));
    assert!(r.body.contains("<dd id=\"report-id\">9</dd>"));
    assert_eq!(region(&v.get("/analytics")).as_deref(), Some("asia"));
    assert_eq!(
        region(&v.get("/reports/summary-2020")).as_deref(),
        Some("asia")
    );

    // A form sent from a page the visitor has left since is stale: its page field is gone
    // and the value is ignored (POLICY R1); sent from the page, it applies.
    let fleet = "/widgets?w%3Apage%3Asearch=fleet";
    page(&v.get(fleet), "asia", "", "Ann &lt;b&gt;");
    page(&v.get(fleet), "asia", "fleet", "Ann &lt;b&gt;");
    // Staying on the page (a reload) keeps the search; so does a stray 404, which is not a
    // page (no run, no region control).
    page(&v.get("/widgets"), "asia", "fleet", "Ann &lt;b&gt;");
    let r = v.get("/no/such/page");
    assert_eq!((r.status, region(&r)), (404, None));
    let r = v.get("/widgets");
    page(&r, "asia", "fleet", "Ann &lt;b&gt;");
    assert_eq!(reports(&r), Vec::<String>::new());
    assert!(r.body.contains("No report matches."));
    // Leaving for any page resets it.
    v.get("/");
    page(&v.get("/widgets"), "asia", "", "Ann &lt;b&gt;");

    // So no page drawn from widget state is kept by the browser (Back asks again), and its
    // forms say `autocomplete="off"` (Back puts no typed text back over what the server
    // drew); the 404 page keeps no state.
    for target in ["/widgets", "/archive?report_id=9", "/"] {
        let r = v.get(target);
        assert_eq!(r.header("cache-control"), Some("no-store"), "{target}");
    }
    assert!((v.get("/widgets").body).contains("<form class=\"card fields\" autocomplete=\"off\""));
    let r = v.get("/no/such/page");
    assert_eq!((r.status, r.header("cache-control")), (404, None));

    // Another visitor has a session of their own.
    let mut other = Visitor::new(&g);
    page(&other.get("/widgets"), "all", "", "");
    assert_eq!(region(&other.get("/archive")).as_deref(), Some("all"));
}

#[test]
fn a_region_that_is_no_choice_selects_nothing_and_is_escaped() {
    let g = start("/");
    let mut v = Visitor::new(&g);
    let r = v.get("/?w%3Aapp%3Aregion=%22%3E%3Cscript%3Ex%3C%2Fscript%3E");
    assert_eq!(r.status, 200);
    assert_eq!(region(&r).as_deref(), Some(""));
    assert!(!r.body.contains("<script>x"), "{}", r.body);
    // The widgets page lists every region's reports for it.
    let r = v.get("/widgets");
    assert_eq!(reports(&r).len(), 6);
}

#[test]
fn the_widgets_page_under_a_prefix_sends_its_forms_there() {
    let g = start("/app/");
    let mut v = Visitor::new(&g);
    let r = v.get("/app/widgets?w%3Apage%3Aname=Bo");
    assert!(r.body.contains(
        "<form class=\"card fields\" autocomplete=\"off\" method=\"get\" action=\"/app/widgets\">"
    ));
    assert!(r.body.contains(
        "<form class=\"app-control\" autocomplete=\"off\" method=\"get\" action=\"/app/widgets\">"
    ));
    v.get("/app/");
    page(&v.get("/app/widgets"), "all", "", "Bo");
}

//! folio-wasm in a real browser (headless Chromium through `wasm-bindgen-test-runner` and
//! chromedriver; `adapters/wasm/ci.sh`): every `callback` case of the `resolve` vectors
//! replayed through the router, then link interception, Back/Forward, redirects, 404s,
//! head tags, scrolling, URL state and listener removal.
//!
//! All tests share one page and one session history, in an order they don't choose: each
//! starts from its own address and drops its router (and its listeners) at the end.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use folio_conformance::dash::{Layout, build};
use folio_core::{Argument, Config, PageMatch, PageSpec, Registry, RegistryBuilder, Resolution};
use folio_core::{percent_decode, write_escaped};
use folio_wasm::{Content, DEFAULT_NOT_FOUND, HistoryMode, Outcome, Router};
use serde_json::{Map, Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, MouseEvent, MouseEventInit};

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/vectors.rs"));

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

fn document() -> web_sys::Document {
    window().document().expect("a document")
}

fn origin() -> String {
    window().location().origin().expect("location.origin")
}

/// `pathname + search + hash` of the address bar.
fn address() -> String {
    let l = window().location();
    format!(
        "{}{}{}",
        l.pathname().unwrap(),
        l.search().unwrap(),
        l.hash().unwrap()
    )
}

fn history_length() -> u32 {
    window().history().unwrap().length().unwrap()
}

/// Puts the session on `url` (a new entry) before a test starts its router.
fn start_at(url: &str) {
    window()
        .history()
        .unwrap()
        .push_state_with_url(&JsValue::NULL, "", Some(url))
        .unwrap();
}

/// A fresh element in `<body>`, removed on drop.
struct Fixture(Element);

impl Fixture {
    fn new(html: &str) -> Self {
        let el = document().create_element("div").unwrap();
        el.set_inner_html(html);
        document().body().unwrap().append_child(&el).unwrap();
        Fixture(el)
    }

    fn find(&self, selector: &str) -> Element {
        self.0
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector}"))
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.0.remove();
    }
}

fn title() -> String {
    document()
        .query_selector("title")
        .unwrap()
        .and_then(|t| t.text_content())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// The conformance vectors.

/// Renders a vector page as the Dash harness does: an echo layout shows its keyword
/// arguments (as JSON), a static one nothing. Markup for echo, a DOM node for static, so
/// both `Content` kinds are exercised.
fn render_case(m: &PageMatch<'_, '_, Layout>, states: &[(String, Value)]) -> Content {
    let module = m.page().module();
    match m.page().layout() {
        Layout::Echo => {
            let mut kwargs = Map::new();
            for (k, arg) in m.arguments() {
                let v = match arg {
                    Argument::One(v) => json!(v),
                    Argument::Many(vs) => json!(vs),
                };
                kwargs.insert(k.into_owned(), v);
            }
            kwargs.extend(states.iter().cloned());
            let mut html = String::from("<pre data-layout=\"echo\" data-module=\"");
            write_escaped(&mut html, module).unwrap();
            html.push_str("\">");
            write_escaped(&mut html, &Value::Object(kwargs).to_string()).unwrap();
            html.push_str("</pre>");
            Content::Html(html)
        }
        Layout::Static => {
            let el = document().create_element("div").unwrap();
            el.set_attribute("data-layout", "static").unwrap();
            el.set_attribute("data-module", module).unwrap();
            el.set_text_content(Some("static"));
            Content::Node(el.into())
        }
    }
}

/// `routing_callback_inputs` with this request's values (`null` when absent).
fn routing_states(input: &Value) -> Vec<(String, Value)> {
    let inputs = input["app"]["routing_callback_inputs"].as_object();
    inputs
        .into_iter()
        .flatten()
        .map(|(kwarg, spec)| {
            let id = format!(
                "{}.{}",
                spec[1].as_str().unwrap_or(""),
                spec[2].as_str().unwrap_or("")
            );
            let value = input["request"]["extra_inputs"]
                .get(&id)
                .cloned()
                .unwrap_or(Value::Null);
            (kwarg.clone(), value)
        })
        .collect()
}

/// How a case reached the router.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    /// `router.navigate(url)`: `pushState`, then the router reads `location` back.
    AddressBar,
    /// `router.render_location(pathname, search)`: the browser would rewrite the pathname
    /// (`/./a`, `''`, a newline) or it is outside the prefix (a link there is a full load).
    Parts,
}

/// Whether the browser's URL parser keeps `pathname` and `search` as the request gave
/// them (up to percent-encoding, which the core decodes anyway).
fn browser_keeps(pathname: &str, search: &str) -> bool {
    let url = format!("{}{pathname}{search}", origin());
    let Ok(u) = web_sys::Url::new(&url) else {
        return false;
    };
    percent_decode(&u.pathname()) == percent_decode(pathname)
        && percent_decode(&u.search()) == percent_decode(search)
        && u.origin() == origin()
}

fn run_case(input: &Value, container: &Element) -> Result<(Value, Route), JsValue> {
    let registry = match build(input) {
        Ok(r) => r,
        Err(e) => return Ok((json!({ "error": { "kind": e.kind() } }), Route::Parts)),
    };
    let request = &input["request"];
    let pathname = request["pathname"].as_str().unwrap_or_default();
    let search = request["search"].as_str().unwrap_or_default();
    let resolution = registry.resolve_browser(pathname, search);
    let redirect = matches!(resolution, Resolution::Redirect(_));
    let inside = !matches!(&resolution, Resolution::NotFound(nf) if !nf.is_inside());
    drop(resolution);
    let states = routing_states(input);
    let router = Router::new(registry, container.clone(), move |m| {
        render_case(m, &states)
    })?;
    let route = if inside && browser_keeps(pathname, search) {
        let handled = router.navigate(&format!("{}{pathname}{search}", origin()))?;
        assert!(handled, "an in-app address must be handled in place");
        Route::AddressBar
    } else {
        router.render_location(pathname, search)?;
        Route::Parts
    };
    let mut out = match router.outcome() {
        Outcome::NotFoundDefault => {
            assert_eq!(container.inner_html(), DEFAULT_NOT_FOUND);
            json!({ "outcome": "not_found_default", "module": null, "layout": "default_404",
                "layout_kwargs": null })
        }
        outcome => {
            let el = container.first_element_child().ok_or("nothing rendered")?;
            let layout = el.get_attribute("data-layout").unwrap_or_default();
            let kwargs = match layout.as_str() {
                "echo" => serde_json::from_str(&el.text_content().unwrap_or_default())
                    .map_err(|e| e.to_string())?,
                _ => Value::Null,
            };
            let outcome = match outcome {
                Outcome::Page => "page",
                _ => "not_found_custom",
            };
            json!({ "outcome": outcome, "module": el.get_attribute("data-module"),
                "layout": layout, "layout_kwargs": kwargs })
        }
    };
    out["title"] = json!(title());
    if redirect {
        out["location"] = json!(address());
    }
    drop(router);
    Ok((out, route))
}

#[wasm_bindgen_test]
fn callback_cases_replay_through_the_browser_router() {
    assert!(
        !VECTOR_FILES.is_empty(),
        "no resolve vectors found (FOLIO_VECTORS)"
    );
    let user_agent = window().navigator().user_agent().unwrap();
    assert!(user_agent.contains("Chrome"), "{user_agent}");
    start_at("/conformance");
    let fixture = Fixture::new("");
    let (mut passed, mut failed, mut skipped, mut by_address) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for (path, text) in VECTOR_FILES {
        let file: Value = serde_json::from_str(text).expect("vector JSON");
        for case in file["cases"].as_array().into_iter().flatten() {
            let input = &case["input"];
            if input["request"]["kind"] != "callback" {
                continue;
            }
            if case
                .get("unsupported")
                .is_some_and(|u| u != &Value::Bool(false))
            {
                skipped += 1;
                continue;
            }
            let id = case["id"].as_str().unwrap_or("?");
            match run_case(input, &fixture.0) {
                Ok((actual, route)) if actual == case["expected"] => {
                    passed += 1;
                    by_address += usize::from(route == Route::AddressBar);
                }
                Ok((actual, route)) => {
                    failed += 1;
                    failures.push(format!(
                        "{id} ({route:?}): expected {} got {actual}",
                        case["expected"]
                    ));
                }
                Err(e) => {
                    failed += 1;
                    failures.push(format!("{id}: error {e:?}"));
                }
            }
        }
        web_sys::console::log_1(&format!("vectors: {path}").into());
    }
    let summary = format!(
        "browser callback cases: {passed} passed, {failed} failed, {skipped} unsupported \
         ({by_address} of the passes through the address bar)"
    );
    web_sys::console::log_1(&summary.clone().into());
    assert!(failures.is_empty(), "{summary}\n{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------
// The router's own behaviour, on a small app.

fn app(prefix: &str, with_404: bool) -> Registry<&'static str> {
    let config = Config::new().url_base_pathname(prefix).title("Test app");
    let mut b = RegistryBuilder::new(config);
    b.page(
        PageSpec::new("pages.home")
            .path("/")
            .title("Home")
            .layout("home"),
    );
    b.page(
        PageSpec::new("pages.a")
            .title("Page A")
            .description("About A")
            .layout("a"),
    );
    b.page(
        PageSpec::new("pages.b")
            .title("Page B")
            .redirect_from("/legacy")
            .layout("b"),
    );
    b.page(
        PageSpec::new("pages.item")
            .path_template("/item/<id>")
            .title("Item")
            .layout("item"),
    );
    b.page(PageSpec::new("pages.long").title("Long").layout("long"));
    if with_404 {
        b.page(
            PageSpec::new("pages.not_found_404")
                .title("Lost")
                .layout("lost"),
        );
    }
    b.build().expect("valid pages")
}

/// `<div class="page" data-page="…">` with the arguments as text; the `long` page is
/// taller than the viewport, with `#deep` at the bottom.
fn render_app(m: &PageMatch<'_, '_, &'static str>) -> Content {
    let page = *m.page().layout();
    let args: Vec<String> = m
        .arguments()
        .into_iter()
        .map(|(k, v)| match v {
            Argument::One(v) => format!("{k}={v}"),
            Argument::Many(vs) => format!("{k}={}", vs.join("|")),
        })
        .collect();
    let mut html = format!("<div class=\"page\" data-page=\"{page}\">");
    write_escaped(&mut html, &args.join("&")).unwrap();
    html.push_str("</div>");
    if page == "long" {
        html.push_str("<div style=\"height:5000px\"></div><h2 id=\"deep\">deep</h2>");
        html.push_str("<div style=\"height:5000px\"></div>");
    }
    Content::Html(html)
}

fn shown(router: &Router<&'static str>) -> (String, String) {
    let el = router
        .container()
        .query_selector(".page")
        .unwrap()
        .expect("a rendered page");
    (
        el.get_attribute("data-page").unwrap_or_default(),
        el.text_content().unwrap_or_default(),
    )
}

/// Records whether the router took a click (it calls `preventDefault`) and then cancels
/// the click itself, so a link the router leaves alone never navigates the test page away.
/// Listens on `window`, after the router's listener on `document`.
struct ClickGuard {
    taken: Rc<Cell<Option<bool>>>,
    listener: Closure<dyn FnMut(MouseEvent)>,
}

impl ClickGuard {
    fn new() -> Self {
        let taken = Rc::new(Cell::new(None));
        let seen = taken.clone();
        let listener = Closure::<dyn FnMut(MouseEvent)>::new(move |e: MouseEvent| {
            seen.set(Some(e.default_prevented()));
            e.prevent_default();
        });
        window()
            .add_event_listener_with_callback("click", listener.as_ref().unchecked_ref())
            .unwrap();
        ClickGuard { taken, listener }
    }

    /// Dispatches a click on `el`; returns whether it was cancelled before the guard.
    fn click(&self, el: &Element, init: &MouseEventInit) -> bool {
        self.taken.set(None);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = MouseEvent::new_with_mouse_event_init_dict("click", init).unwrap();
        el.dispatch_event(&event).unwrap();
        self.taken.get().expect("the click reached window")
    }
}

impl Drop for ClickGuard {
    fn drop(&mut self) {
        window()
            .remove_event_listener_with_callback("click", self.listener.as_ref().unchecked_ref())
            .unwrap();
    }
}

fn plain() -> MouseEventInit {
    let init = MouseEventInit::new();
    init.set_button(0);
    init
}

#[wasm_bindgen_test]
fn plain_clicks_on_in_app_links_push_and_render() {
    start_at("/");
    let page = Fixture::new("");
    let links = Fixture::new(
        r#"<a id="a" href="/a">A</a>
           <a id="item" href="/item/caf%C3%A9?x=1&x=2"><span id="inner">item</span></a>
           <a id="self" href="/b" target="_self">B</a>
           <a id="old" href="/legacy?k=v">old</a>"#,
    );
    let router = Router::new(app("/", false), page.0.clone(), render_app).unwrap();
    let guard = ClickGuard::new();
    assert_eq!(shown(&router).0, "home");

    let before = history_length();
    assert!(guard.click(&links.find("#a"), &plain()));
    assert_eq!(
        (address(), shown(&router).0, title()),
        ("/a".into(), "a".into(), "Page A".into())
    );
    assert_eq!(history_length(), before + 1);

    // A click on an element inside the link counts; the core decodes the variable.
    assert!(guard.click(&links.find("#inner"), &plain()));
    assert_eq!(address(), "/item/caf%C3%A9?x=1&x=2");
    assert_eq!(shown(&router), ("item".into(), "id=café&x=1|2".into()));

    assert!(guard.click(&links.find("#self"), &plain()));
    assert_eq!(shown(&router).0, "b");

    // A link to a redirect source pushes the target address, query kept.
    let before = history_length();
    assert!(guard.click(&links.find("#old"), &plain()));
    assert_eq!((address(), shown(&router).0), ("/b?k=v".into(), "b".into()));
    assert_eq!(history_length(), before + 1);
}

#[wasm_bindgen_test]
fn clicks_meant_elsewhere_are_left_to_the_browser() {
    start_at("/app/");
    let page = Fixture::new("");
    let links = Fixture::new(
        r#"<a id="blank" href="/app/a" target="_blank">new tab</a>
           <a id="download" href="/app/a" download>download</a>
           <a id="external" href="/app/a" data-external>external</a>
           <a id="origin" href="http://example.invalid/app/a">other origin</a>
           <a id="outside" href="/docs/a">outside the prefix</a>
           <a id="handled" href="/app/a">handled by the app</a>
           <a id="plain" href="/app/a">plain</a>"#,
    );
    let handled = Closure::<dyn FnMut(MouseEvent)>::new(|e: MouseEvent| e.prevent_default());
    links
        .find("#handled")
        .add_event_listener_with_callback("click", handled.as_ref().unchecked_ref())
        .unwrap();
    let router = Router::new(app("/app/", false), page.0.clone(), render_app).unwrap();
    let guard = ClickGuard::new();
    assert_eq!(shown(&router).0, "home");

    for id in ["#blank", "#download", "#external", "#origin", "#outside"] {
        assert!(!guard.click(&links.find(id), &plain()), "{id} was taken");
    }
    let modifiers: [fn(&MouseEventInit); 4] = [
        |i| i.set_ctrl_key(true),
        |i| i.set_meta_key(true),
        |i| i.set_shift_key(true),
        |i| i.set_alt_key(true),
    ];
    for (n, set) in modifiers.iter().enumerate() {
        let init = plain();
        set(&init);
        assert!(
            !guard.click(&links.find("#plain"), &init),
            "modifier {n} was taken"
        );
    }
    let middle = MouseEventInit::new();
    middle.set_button(1);
    assert!(
        !guard.click(&links.find("#plain"), &middle),
        "middle button was taken"
    );
    // Already handled by the page: the router leaves it (the guard sees it cancelled).
    assert!(guard.click(&links.find("#handled"), &plain()));
    assert_eq!(
        (address(), shown(&router).0),
        ("/app/".into(), "home".into())
    );

    // And the plain one is taken.
    assert!(guard.click(&links.find("#plain"), &plain()));
    assert_eq!((address(), shown(&router).0), ("/app/a".into(), "a".into()));
}

/// Runs `go` (a history traversal) and waits for its `popstate`.
async fn traverse(go: impl FnOnce(&web_sys::History)) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let w = window();
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        w.add_event_listener_with_callback_and_add_event_listener_options(
            "popstate", &resolve, &options,
        )
        .unwrap();
    });
    go(&window().history().unwrap());
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn back_and_forward_render_the_address() {
    start_at("/");
    let page = Fixture::new("");
    let router = Router::new(app("/", false), page.0.clone(), render_app).unwrap();
    router.navigate("/a").unwrap();
    router.navigate("/item/7?tab=x").unwrap();
    assert_eq!(shown(&router), ("item".into(), "id=7&tab=x".into()));

    traverse(|h| h.back().unwrap()).await;
    assert_eq!(
        (address(), shown(&router).0, title()),
        ("/a".into(), "a".into(), "Page A".into())
    );
    traverse(|h| h.back().unwrap()).await;
    assert_eq!((address(), shown(&router).0), ("/".into(), "home".into()));
    traverse(|h| h.forward().unwrap()).await;
    assert_eq!(shown(&router).0, "a");
    traverse(|h| h.forward().unwrap()).await;
    assert_eq!(
        (shown(&router), title()),
        (("item".into(), "id=7&tab=x".into()), "Item".into())
    );
}

#[wasm_bindgen_test]
async fn a_redirect_replaces_the_address_on_load_and_back_skips_it() {
    start_at("/a");
    start_at("/legacy?x=1#top");
    let page = Fixture::new("");
    let before = history_length();
    let router = Router::new(app("/", false), page.0.clone(), render_app).unwrap();
    assert_eq!(
        (address(), shown(&router).0),
        ("/b?x=1#top".into(), "b".into())
    );
    assert_eq!(history_length(), before, "replaceState, not pushState");
    traverse(|h| h.back().unwrap()).await;
    assert_eq!((address(), shown(&router).0), ("/a".into(), "a".into()));
}

#[wasm_bindgen_test]
fn not_found_renders_the_custom_or_the_default_404() {
    start_at("/nowhere/at/all?q=1");
    let page = Fixture::new("");
    let router = Router::new(app("/", true), page.0.clone(), render_app).unwrap();
    assert_eq!(router.outcome(), Outcome::NotFoundCustom);
    assert_eq!(
        (shown(&router), title()),
        (("lost".into(), "q=1".into()), "Lost".into())
    );
    drop(router);

    let router = Router::new(app("/", false), page.0.clone(), render_app).unwrap();
    assert_eq!(router.outcome(), Outcome::NotFoundDefault);
    assert_eq!(page.0.inner_html(), DEFAULT_NOT_FOUND);
    assert_eq!(title(), "Test app");
    router.navigate("/a").unwrap();
    assert_eq!(router.outcome(), Outcome::Page);
}

#[wasm_bindgen_test]
fn title_and_head_tags_follow_the_page() {
    start_at("/");
    let page = Fixture::new("");
    let router = Router::new(app("/", false), page.0.clone(), render_app).unwrap();
    router.navigate("/a?x=1").unwrap();
    let meta = |sel: &str| {
        document()
            .query_selector(sel)
            .unwrap()
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_default()
    };
    assert_eq!(title(), "Page A");
    assert_eq!(meta(r#"meta[name="description"]"#), "About A");
    assert_eq!(meta(r#"meta[property="og:title"]"#), "Page A");
    assert_eq!(
        meta(r#"meta[property="twitter:url"]"#),
        format!("{}/a?x=1", origin())
    );
    router.navigate("/b").unwrap();
    assert_eq!(meta(r#"meta[name="description"]"#), "");
    assert_eq!(meta(r#"meta[property="og:title"]"#), "Page B");
    let count = document()
        .query_selector_all(r#"meta[property="og:title"]"#)
        .unwrap()
        .length();
    assert_eq!(count, 1, "tags are updated, not added again");
}

#[wasm_bindgen_test]
fn a_visit_render_sees_the_core_decision() {
    start_at("/");
    let page = Fixture::new("");
    let router = Router::with_visits(app("/", true), page.0.clone(), |visit, m| {
        let kind = match visit.resolution() {
            Resolution::Page(_) => "page",
            Resolution::Redirect(_) => "redirect",
            _ => "not-found",
        };
        let pages = visit.registry().pages().count();
        let title = visit.title();
        let mut html = format!("<p class=\"visit\">{kind} {pages} {title} ");
        write_escaped(&mut html, visit.address()).unwrap();
        html.push(' ');
        write_escaped(&mut html, m.page().layout()).unwrap();
        html.push_str("</p>");
        Content::Html(html)
    })
    .unwrap();
    let visit = || page.find(".visit").text_content().unwrap_or_default();
    router.navigate("/item/7?x=1#top").unwrap();
    assert_eq!(visit(), "page 6 Item /item/7?x=1#top item");
    router.navigate("/legacy").unwrap();
    assert_eq!(visit(), "redirect 6 Page B /b b");
    router.navigate("/nowhere").unwrap();
    assert_eq!(visit(), "not-found 6 Lost /nowhere lost");
}

#[wasm_bindgen_test]
fn head_tags_are_found_once_and_set_when_they_change() {
    start_at("/");
    let page = Fixture::new("");
    let router = Router::new(app("/", false), page.0.clone(), render_app).unwrap();
    let description = || {
        document()
            .query_selector(r#"meta[name="description"]"#)
            .unwrap()
            .expect("the router made the tag")
    };
    router.navigate("/a").unwrap();
    assert_eq!(
        description().get_attribute("content").as_deref(),
        Some("About A")
    );
    // Another page with the same description leaves the tag alone; a page with another
    // description sets it, even after someone else changed it.
    description().set_attribute("content", "changed").unwrap();
    router.navigate("/a?x=2").unwrap();
    assert_eq!(
        description().get_attribute("content").as_deref(),
        Some("changed")
    );
    router.navigate("/b").unwrap();
    assert_eq!(description().get_attribute("content").as_deref(), Some(""));
    router.navigate("/a").unwrap();
    assert_eq!(
        description().get_attribute("content").as_deref(),
        Some("About A")
    );
    let count = document()
        .query_selector_all(r#"meta[name="description"]"#)
        .unwrap()
        .length();
    assert_eq!(count, 1);
}

#[wasm_bindgen_test]
fn scrolls_to_the_fragment_or_the_top() {
    start_at("/");
    let page = Fixture::new("");
    let router = Router::new(app("/", false), page.0.clone(), render_app).unwrap();
    router.navigate("/long#deep").unwrap();
    let y = window().scroll_y().unwrap();
    assert!(y > 1000.0, "scrolled to #deep: {y}");
    router.navigate("/a").unwrap();
    assert_eq!(window().scroll_y().unwrap(), 0.0);
    router.navigate("/long").unwrap();
    assert_eq!(window().scroll_y().unwrap(), 0.0);
    // A fragment link on the same page scrolls and keeps the content.
    let links = Fixture::new(r##"<a id="frag" href="#deep">down</a>"##);
    let marker = page.find(".page");
    let guard = ClickGuard::new();
    assert!(guard.click(&links.find("#frag"), &plain()));
    assert_eq!(address(), "/long#deep");
    assert!(window().scroll_y().unwrap() > 1000.0);
    assert!(
        page.find(".page").is_same_node(Some(&marker)),
        "not re-rendered"
    );
    router.navigate("/a").unwrap();
}

#[wasm_bindgen_test]
async fn query_and_hash_change_without_a_render() {
    start_at("/item/1");
    let page = Fixture::new("");
    let router = Router::new(app("/", false), page.0.clone(), render_app).unwrap();
    let first = page.find(".page");
    let before = history_length();
    router.set_query("tab=2", HistoryMode::Push).unwrap();
    assert_eq!(address(), "/item/1?tab=2");
    assert_eq!(history_length(), before + 1);
    router.set_hash("sec", HistoryMode::Replace).unwrap();
    assert_eq!(address(), "/item/1?tab=2#sec");
    assert!(
        page.find(".page").is_same_node(Some(&first)),
        "content kept"
    );
    assert_eq!(history_length(), before + 1);
    // Back to the old query is another document: rendered again.
    traverse(|h| h.back().unwrap()).await;
    assert_eq!(address(), "/item/1");
    assert!(!page.find(".page").is_same_node(Some(&first)));
    assert_eq!(shown(&router), ("item".into(), "id=1".into()));
}

#[wasm_bindgen_test]
fn dropping_the_router_removes_its_listeners() {
    start_at("/");
    let page = Fixture::new("");
    let links = Fixture::new(r#"<a id="a" href="/a">A</a>"#);
    let router = Router::new(app("/", false), page.0.clone(), render_app).unwrap();
    drop(router);
    let guard = ClickGuard::new();
    assert!(
        !guard.click(&links.find("#a"), &plain()),
        "a dropped router took a click"
    );
    assert_eq!(address(), "/");
    let before = page.0.inner_html();
    window()
        .dispatch_event(&web_sys::PopStateEvent::new("popstate").unwrap())
        .unwrap();
    assert_eq!(page.0.inner_html(), before);
}

#[wasm_bindgen_test]
fn content_in_place_leaves_the_container_to_the_render_function() {
    start_at("/");
    let page = Fixture::new(r#"<p id="kept">kept</p><div id="slot"></div>"#);
    let container = page.0.clone();
    // The render function changes only the slot, as a DOM diff would.
    let router = Router::new(app("/", false), page.0.clone(), move |m| {
        let slot = container
            .query_selector("#slot")
            .unwrap()
            .expect("the slot");
        slot.set_text_content(Some(m.page().layout()));
        Content::InPlace
    })
    .unwrap();
    let kept = page.find("#kept");
    assert_eq!(page.find("#slot").text_content().as_deref(), Some("home"));
    assert!(router.navigate("/a").unwrap());
    assert_eq!((address(), title()), ("/a".into(), "Page A".into()));
    assert_eq!(page.find("#slot").text_content().as_deref(), Some("a"));
    assert!(page.find("#kept").is_same_node(Some(&kept)));
}

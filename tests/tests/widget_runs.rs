//! The server adapters' widget-state runs (`folio_server_common::WidgetRun`) against a
//! model of what a user sees, over arbitrary sequences of requests: form fields holding any
//! text, and now and then a stored session replaced by arbitrary JSON (a store is outside
//! folio's control). Each request is what an adapter does: decide, begin the run on the
//! stored JSON, render the page then the shell, finish, store what `finish` returns.
//!
//! The app: an App-scope `group` in the shell (default `A`, persist None, rendered on every
//! page), and on `/form` a page field `draft` (persist None) and a page field `note`
//! (persist Session); `/other` renders only the shell. The model (POLICY "State
//! lifecycle"): `group` and `note` keep the last value sent; `draft` keeps its value while
//! the user stays on `/form` and is back to `""` once a run of `/other` completes; a stored
//! session that is not a session is a fresh one, every widget at its default.
//!
//! Page fields are sent only from the form the last response showed. A stale form (the
//! page left, then shown again by the browser's Back without a request, and submitted)
//! sends fields of widgets the stored session no longer has, and the run ignores them,
//! while on a session never stored the same request applies them: reported, not modelled.

use folio_core::streamlit::{Persist, Session};
use folio_core::{Config, PageSpec, Registry, RegistryBuilder};
use folio_server_common::{Decision, Incoming, WidgetRun, decide};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::Value;

fn registry() -> Registry<()> {
    let mut b = RegistryBuilder::new(Config::new());
    b.page(PageSpec::new("pages.form").path("/form").layout(()));
    b.page(PageSpec::new("pages.other").path("/other").layout(()));
    b.build().expect("valid pages")
}

/// What one page view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    group: String,
    /// `(draft, note)` on `/form`.
    form: Option<(String, String)>,
}

#[derive(Debug, Clone)]
enum Step {
    /// A request to `/form` (else `/other`) with these fields (`None`: not sent).
    Request {
        form: bool,
        group: Option<String>,
        draft: Option<String>,
        note: Option<String>,
    },
    /// The store hands back this JSON instead of what was stored.
    Corrupt(Value),
}

/// Every byte percent-encoded: the field survives whatever it holds.
fn encode(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// One request, as an adapter serves it. Returns what the page showed.
fn serve(registry: &Registry<()>, stored: &mut Option<Value>, step: &Step) -> Shown {
    let Step::Request {
        form,
        group,
        draft,
        note,
    } = step
    else {
        unreachable!("only requests are served")
    };
    let mut target = String::from(if *form { "/form?" } else { "/other?" });
    for (field, value) in [
        ("w:app:group", group),
        ("w:page:draft", draft),
        ("w:page:note", note),
    ] {
        if let Some(value) = value {
            target.push_str(&format!("{}={}&", encode(field), encode(value)));
        }
    }
    let Decision::Render(mut render) = decide(registry, None, Incoming::get(&target)) else {
        panic!("{target} is a page")
    };
    assert!(WidgetRun::runs(&render));
    let run = WidgetRun::begin(&mut render, stored.clone());
    let w = render.context().widgets().expect("attached").clone();
    // The layout, then the shell.
    let fields = form.then(|| {
        let draft = w.text(w.on_page("draft"), "", Persist::None);
        let note = w.text(w.on_page("note"), "", Persist::Session);
        (draft.expect("draft"), note.expect("note"))
    });
    let group = w
        .text(w.on_app("group"), "A", Persist::None)
        .expect("group");
    let after = run.finish(true);
    if let Some(json) = &after {
        assert!(
            Session::<Value>::deserialize(json).is_ok(),
            "stored JSON that is not a session: {json}"
        );
    }
    // What `finish` returns replaces the store's entry; `None` leaves it as it was.
    if after.is_some() {
        *stored = after;
    }
    Shown {
        group,
        form: fields,
    }
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-c]{0,3}", "[&=+%#?/ é\"<]{0,4}", "\\PC{0,6}"]
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    prop_oneof![
                        Just("values".to_owned()),
                        Just("widgets".to_owned()),
                        any_text()
                    ],
                    inner
                ),
                0..4
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn step() -> impl Strategy<Value = Step> {
    let request = (
        any::<bool>(),
        proptest::option::weighted(0.3, any_text()),
        proptest::option::weighted(0.3, any_text()),
        proptest::option::weighted(0.3, any_text()),
    )
        .prop_map(|(form, group, draft, note)| Step::Request {
            form,
            // A page field is sent only to the page that renders it.
            draft: draft.filter(|_| form),
            note: note.filter(|_| form),
            group,
        });
    prop_oneof![9 => request, 1 => any_json().prop_map(Step::Corrupt)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_request_shows_what_the_lifecycle_says(steps in proptest::collection::vec(step(), 1..16)) {
        let registry = registry();
        let mut stored: Option<Value> = None;
        let (mut group, mut draft, mut note) = ("A".to_owned(), String::new(), String::new());
        // Whether the last page served was `/form`: its fields are sent only from its form
        // as the user sees it (see the module note on a stale form).
        let mut on_form = false;
        for (i, step) in steps.iter().enumerate() {
            if let Step::Corrupt(json) = step {
                let fresh = Session::<Value>::deserialize(json).is_err();
                stored = Some(json.clone());
                if fresh {
                    (group, draft, note) = ("A".to_owned(), String::new(), String::new());
                } else {
                    // A JSON that happens to be a session: the model cannot say what it
                    // holds; start the model from what the next view shows.
                    let probe = Step::Request { form: true, group: None, draft: None, note: None };
                    let shown = serve(&registry, &mut stored, &probe);
                    on_form = true;
                    let (d, n) = shown.form.unwrap_or_default();
                    (group, draft, note) = (shown.group, d, n);
                }
                continue;
            }
            let Step::Request { form, group: g, draft: d, note: n } = step else { unreachable!() };
            let (d, n) = if on_form { (d.clone(), n.clone()) } else { (None, None) };
            let step = &Step::Request { form: *form, group: g.clone(), draft: d.clone(), note: n.clone() };
            on_form = *form;
            if let Some(g) = g { group = g.clone(); }
            if let Some(d) = d { draft = d.clone(); }
            if let Some(n) = n { note = n.clone(); }
            let shown = serve(&registry, &mut stored, step);
            let want = Shown {
                group: group.clone(),
                form: form.then(|| (draft.clone(), note.clone())),
            };
            prop_assert_eq!(&shown, &want, "step {} of {:?}", i, steps);
            if !form {
                // Leaving the page: its persist-None field is dropped.
                draft.clear();
            }
        }
    }
}

//! Tab state in a real browser (`adapters/wasm/ci.sh`): a [`TabState`] mirrored to the
//! tab's `sessionStorage` survives a "reload" (a new state on the same key), and a tab
//! state without a mirror writes nothing there.
#![cfg(target_arch = "wasm32")]

use folio_core::streamlit::{Persist, RequestKind, Scope, Widget, WidgetId};
use folio_wasm::{Mirror, SessionStorage, TabState};
use serde_json::Value;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

fn note(page: &str) -> Widget<Value> {
    Widget::new(
        WidgetId::user(Scope::Page(page.into()), "note"),
        Value::from(""),
    )
    .persist(Persist::Session)
}

#[wasm_bindgen_test]
fn mirrored_state_survives_a_reload_of_the_tab() {
    let key = "folio.test.mirrored";
    storage().remove_item(key).unwrap();
    let mut tab: TabState<Value> = TabState::mirrored(SessionStorage::new(key));
    tab.run("p1", RequestKind::NavClick, &[], |s| {
        s.widget(note("p1")).map(drop)
    })
    .unwrap();
    let edit = [(
        WidgetId::user(Scope::Page("p1".into()), "note"),
        Value::from("kept"),
    )];
    let changed = tab
        .run("p1", RequestKind::WidgetChange, &edit, |s| {
            s.widget(note("p1")).map(drop)
        })
        .unwrap();
    assert_eq!(changed.len(), 1);
    tab.run("p2", RequestKind::NavClick, &[], |_| Ok(()))
        .unwrap();
    let text = storage().get_item(key).unwrap().expect("mirrored");
    assert!(text.contains("kept"), "{text}");
    assert_eq!(
        SessionStorage::new(key).load().as_deref(),
        Some(text.as_str())
    );

    let reloaded: TabState<Value> = TabState::mirrored(SessionStorage::new(key));
    assert_eq!(reloaded.session().get("note"), Some(&Value::from("kept")));
    storage().remove_item(key).unwrap();
}

#[wasm_bindgen_test]
fn unmirrored_state_stays_in_memory() {
    let before = storage().length().unwrap();
    let mut tab: TabState<Value> = TabState::new();
    tab.run("p1", RequestKind::NavClick, &[], |s| {
        s.widget(note("p1")).map(drop)
    })
    .unwrap();
    assert_eq!(storage().length().unwrap(), before);
    assert_eq!(tab.session().get("note"), Some(&Value::from("")));
}

//! Widget state per browser tab: the core's [`Session`] lifecycle (POLICY "State
//! lifecycle", R1–R6) held by the page's wasm instance, optionally mirrored to the tab's
//! `sessionStorage` so that it survives a reload (and, as `sessionStorage` does, stays
//! with that tab: another tab starts empty).
//!
//! The rules are the core's; [`TabState`] only brackets each render with `begin_run` and
//! `end_run` and writes the session to its [`Mirror`] after every run. The router does not
//! know about it: an app calls [`TabState::run`] from its render function.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use folio_core::streamlit::{RequestKind, Session, StateError, WidgetId};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Where a tab's state is mirrored between page loads: `sessionStorage` in a browser
/// ([`SessionStorage`]), anything else in tests.
pub trait Mirror {
    /// The stored text, if any.
    fn load(&self) -> Option<String>;
    /// Replaces the stored text (failures, such as a full storage, are ignored: the state
    /// in memory stays right).
    fn save(&self, text: &str);
}

/// One tab's widget state: a [`Session`] and, optionally, its mirror.
///
/// ```
/// use folio_core::streamlit::{Persist, RequestKind, Scope, Widget, WidgetId};
/// use folio_wasm::TabState;
///
/// let mut tab: TabState<String> = TabState::new();
/// let note = |p: &str| Widget::new(WidgetId::user(Scope::Page(p.into()), "note"), String::new());
/// // The user types into p1's field and the page re-renders.
/// tab.run("p1", RequestKind::NavClick, &[], |s| s.widget(note("p1")).map(drop)).unwrap();
/// let edit = [(WidgetId::user(Scope::Page("p1".into()), "note"), "hi".to_owned())];
/// tab.run("p1", RequestKind::WidgetChange, &edit, |s| {
///     assert_eq!(s.widget(note("p1"))?, "hi");
///     Ok(())
/// })
/// .unwrap();
/// // Leaving p1 drops the field's value at the end of the first run on p2 (persist None).
/// tab.run("p2", RequestKind::NavClick, &[], |_| Ok(())).unwrap();
/// assert_eq!(tab.session().get("note"), None);
/// # let _ = Persist::None;
/// ```
pub struct TabState<V> {
    session: Session<V>,
    mirror: Option<Box<dyn Mirror>>,
}

impl<V: Clone + PartialEq> fmt::Debug for TabState<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TabState")
            .field("page", &self.session.page())
            .field("mirrored", &self.mirror.is_some())
            .finish_non_exhaustive()
    }
}

impl<V: Clone + PartialEq> Default for TabState<V> {
    fn default() -> Self {
        TabState::new()
    }
}

impl<V: Clone + PartialEq> TabState<V> {
    /// State kept in memory only: it lasts as long as the page (a reload starts empty).
    pub fn new() -> Self {
        TabState {
            session: Session::new(),
            mirror: None,
        }
    }

    /// The session, for reading between runs (`get`, `state`).
    pub fn session(&self) -> &Session<V> {
        &self.session
    }

    /// One run of `page`: `begin_run` with the request kind and the values the user
    /// changed, then `body` (the page's render: `widget`, `set`, `get`, `remove` on the
    /// session), then `end_run` — completed when `body` returns `Ok`, interrupted
    /// otherwise, so that an error drops nothing. The session is then mirrored. Returns
    /// `body`'s error, or a lifecycle error of `begin_run` (`unexpected_values` for values
    /// on a rerun or switch).
    pub fn run(
        &mut self,
        page: &str,
        kind: RequestKind,
        values: &[(WidgetId, V)],
        body: impl FnOnce(&mut Session<V>) -> Result<(), StateError>,
    ) -> Result<Vec<WidgetId>, StateError>
    where
        V: Serialize,
    {
        if self.session.in_run() {
            // A run left open by a panic in an earlier `body`: it was interrupted.
            let _ = self.session.end_run(false);
        }
        let changed = self.session.begin_run(page, kind, values, &[])?;
        let outcome = body(&mut self.session);
        // `NoRun` only if `body` ended the run itself.
        let _ = self.session.end_run(outcome.is_ok());
        self.store();
        outcome.map(|()| changed)
    }

    fn store(&self)
    where
        V: Serialize,
    {
        if let Some(mirror) = &self.mirror {
            if let Ok(text) = serde_json::to_string(&self.session) {
                mirror.save(&text);
            }
        }
    }
}

impl<V: Clone + PartialEq + Serialize + DeserializeOwned> TabState<V> {
    /// State mirrored to `mirror`: restored from it now (a missing or unreadable text is a
    /// fresh session) and written to it after every run.
    pub fn mirrored(mirror: impl Mirror + 'static) -> Self {
        let session = mirror
            .load()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        TabState {
            session,
            mirror: Some(Box::new(mirror)),
        }
    }
}

/// The tab's `window.sessionStorage` under one key.
#[derive(Debug, Clone)]
pub struct SessionStorage {
    key: String,
}

impl SessionStorage {
    /// The item `key` of the tab's `sessionStorage`.
    pub fn new(key: impl Into<String>) -> Self {
        SessionStorage { key: key.into() }
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok().flatten()
    }
}

impl Mirror for SessionStorage {
    fn load(&self) -> Option<String> {
        SessionStorage::storage()?
            .get_item(&self.key)
            .ok()
            .flatten()
    }

    fn save(&self, text: &str) {
        if let Some(storage) = SessionStorage::storage() {
            let _ = storage.set_item(&self.key, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::rc::Rc;
    use core::cell::RefCell;

    use folio_core::streamlit::{Persist, Scope, Widget};

    use super::*;

    #[derive(Clone, Default)]
    struct Memory(Rc<RefCell<Option<String>>>);

    impl Mirror for Memory {
        fn load(&self) -> Option<String> {
            self.0.borrow().clone()
        }
        fn save(&self, text: &str) {
            *self.0.borrow_mut() = Some(text.into());
        }
    }

    fn note(page: &str, persist: Persist) -> Widget<String> {
        Widget::new(
            WidgetId::user(Scope::Page(page.into()), "note"),
            String::new(),
        )
        .persist(persist)
    }

    #[test]
    fn a_reload_restores_the_mirrored_state() {
        let storage = Memory::default();
        let mut tab = TabState::mirrored(storage.clone());
        tab.run("p1", RequestKind::NavClick, &[], |s| {
            s.widget(note("p1", Persist::Session)).map(drop)
        })
        .unwrap();
        let edit = [(
            WidgetId::user(Scope::Page("p1".into()), "note"),
            String::from("kept"),
        )];
        tab.run("p1", RequestKind::WidgetChange, &edit, |s| {
            s.widget(note("p1", Persist::Session)).map(drop)
        })
        .unwrap();
        tab.run("p2", RequestKind::NavClick, &[], |_| Ok(()))
            .unwrap();
        // A reload: a new instance on the same storage.
        let reloaded: TabState<String> = TabState::mirrored(storage.clone());
        assert_eq!(
            reloaded.session().get("note").map(String::as_str),
            Some("kept")
        );
        // Without a mirror, or with garbage in it, a tab starts empty.
        *storage.0.borrow_mut() = Some("{".into());
        assert_eq!(
            TabState::<String>::mirrored(storage).session().get("note"),
            None
        );
    }

    #[test]
    fn a_failing_render_is_an_interrupted_run() {
        let mut tab = TabState::new();
        tab.run("p1", RequestKind::NavClick, &[], |s| {
            s.widget(note("p1", Persist::None)).map(drop)
        })
        .unwrap();
        let failed = tab.run("p2", RequestKind::NavClick, &[], |s| {
            s.widget(note("p1", Persist::None)).map(drop) // p1's widget while running p2
        });
        assert_eq!(failed, Err(StateError::ScopeMismatch));
        assert_eq!(tab.session().get("note").map(String::as_str), Some(""));
        tab.run("p2", RequestKind::NavClick, &[], |_| Ok(()))
            .unwrap();
        assert_eq!(tab.session().get("note"), None);
        let values = [(WidgetId::user(Scope::App, "x"), String::new())];
        assert_eq!(
            tab.run("p2", RequestKind::Rerun, &values, |_| Ok(())),
            Err(StateError::UnexpectedValues)
        );
    }
}

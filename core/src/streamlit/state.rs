//! The session-state lifecycle of POLICY "State lifecycle" (R1..R6, S1..S3): page-scoped
//! widgets that behave across pages, with explicit persist policies.
//!
//! Each user key holds at most one value, in a slot owned by the widget that last registered
//! the key or by nobody (a *plain* key). Values are dropped only by [`Session::remove`], by a
//! widget taking over another widget's key with its default, by a trigger returning to its
//! default, and at the end of a completed run for unrendered widgets whose policy does not
//! keep them ([`Session::end_run`]).

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;

use super::error::StateError;

/// Where a widget is declared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Scope {
    /// The entrypoint: code before and after the page runs, on every page.
    App,
    /// The page script of the current run, identified by its page id.
    Page(String),
}

/// How a widget is named: a user key (visible in the state) or an auto id chosen by the
/// framework for a keyless widget (invisible).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum WidgetKey {
    /// A user key, unique among the widgets of one run.
    User(String),
    /// An auto id, unique per scope within one run.
    Auto(String),
}

/// A widget's identity: its scope and its key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WidgetId {
    /// Where the widget is declared.
    pub scope: Scope,
    /// Its user key or auto id.
    pub key: WidgetKey,
}

impl WidgetId {
    /// A widget with a user key.
    pub fn user(scope: Scope, key: impl Into<String>) -> WidgetId {
        WidgetId {
            scope,
            key: WidgetKey::User(key.into()),
        }
    }

    /// A keyless widget with a framework-chosen auto id.
    pub fn auto(scope: Scope, id: impl Into<String>) -> WidgetId {
        WidgetId {
            scope,
            key: WidgetKey::Auto(id.into()),
        }
    }
}

/// What keeps a widget's value when the widget is not rendered (R6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Persist {
    /// Dropped at the end of the first completed run that does not render it.
    #[default]
    None,
    /// Kept while the runs stay on the page where the widget last rendered.
    Page,
    /// Always kept, and handed over to a same-key widget of another scope.
    Session,
}

/// What started a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// A navigation-menu or page-link click, or a first load; may carry App-scope values.
    NavClick,
    /// `st.switch_page`; carries no values.
    SwitchPage,
    /// `st.rerun`; carries no values.
    Rerun,
    /// A widget edit or a button click: carries the browser's values and triggers.
    WidgetChange,
}

/// A widget registration: identity, default value, persist policy, trigger flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Widget<V> {
    id: WidgetId,
    default: V,
    persist: Persist,
    trigger: Option<V>,
}

impl<V> Widget<V> {
    /// A value widget with no persist policy.
    pub fn new(id: WidgetId, default: V) -> Widget<V> {
        Widget {
            id,
            default,
            persist: Persist::None,
            trigger: None,
        }
    }

    /// Sets the persist policy (needs a user key).
    #[must_use]
    pub fn persist(mut self, persist: Persist) -> Widget<V> {
        self.persist = persist;
        self
    }

    /// Makes this a trigger (a button) whose value is `clicked` in the run in which it was
    /// clicked and its default otherwise; its key cannot be set.
    #[must_use]
    pub fn trigger(mut self, clicked: V) -> Widget<V> {
        self.trigger = Some(clicked);
        self
    }
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Owner<V> {
    id: WidgetId,
    persist: Persist,
    /// Page of the run in which the widget last rendered (C10).
    home: String,
    default: V,
    /// The clicked value of a trigger widget.
    trigger: Option<V>,
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Slot<V> {
    value: V,
    owner: Option<Owner<V>>,
    /// Order in which the key was first set or registered (for `state()`).
    seq: u64,
}

#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct AutoSlot<V> {
    value: V,
    default: V,
    trigger: Option<V>,
}

#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct Run {
    page: String,
    rendered_keys: BTreeSet<String>,
    rendered_autos: BTreeSet<(Scope, String)>,
}

/// One browser session's widget and key state. `V` is the value type (the core picks no JSON
/// type); equality is `V`'s. With the `serde` feature a session (between runs or inside one)
/// serializes and deserializes whole, so adapters can keep it in a session store.
///
/// ```
/// use folio_core::streamlit::{Persist, RequestKind, Scope, Session, Widget, WidgetId};
/// let mut s: Session<&str> = Session::new();
/// let page = |p: &str| Scope::Page(p.into());
/// // Run 1 on p1: an App-scope control and a page field.
/// s.begin_run("p1", RequestKind::NavClick, &[], &[]).unwrap();
/// s.widget(Widget::new(WidgetId::user(Scope::App, "group"), "A")).unwrap();
/// s.widget(Widget::new(WidgetId::user(page("p1"), "name"), "")).unwrap();
/// s.end_run(true).unwrap();
/// // The user edits both.
/// let edits = [(WidgetId::user(Scope::App, "group"), "B"), (WidgetId::user(page("p1"), "name"), "Ann")];
/// let changed = s.begin_run("p1", RequestKind::WidgetChange, &edits, &[]).unwrap();
/// assert_eq!(changed.len(), 2);
/// s.widget(Widget::new(WidgetId::user(Scope::App, "group"), "A")).unwrap();
/// s.widget(Widget::new(WidgetId::user(page("p1"), "name"), "")).unwrap();
/// s.end_run(true).unwrap();
/// // Moving to p2: the page field is still readable during the run and goes at its end.
/// s.begin_run("p2", RequestKind::NavClick, &[], &[]).unwrap();
/// assert_eq!(s.widget(Widget::new(WidgetId::user(Scope::App, "group"), "A")), Ok("B"));
/// assert_eq!(s.get("name"), Some(&"Ann"));
/// s.end_run(true).unwrap();
/// assert_eq!(s.state(), [("group", &"B")]);
/// # let _ = Persist::Session;
/// ```
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Session<V> {
    page: Option<String>,
    keys: BTreeMap<String, Slot<V>>,
    // A map keyed by a tuple: a sequence of pairs on the wire (JSON keys are strings).
    #[cfg_attr(feature = "serde", serde(with = "pairs"))]
    autos: BTreeMap<(Scope, String), AutoSlot<V>>,
    run: Option<Run>,
    next_seq: u64,
}

impl<V> Default for Session<V> {
    fn default() -> Self {
        Session {
            page: None,
            keys: BTreeMap::new(),
            autos: BTreeMap::new(),
            run: None,
            next_seq: 0,
        }
    }
}

impl<V: Clone + PartialEq> Session<V> {
    /// A fresh session: no values, no run.
    pub fn new() -> Session<V> {
        Session::default()
    }

    /// The page of the current run, or of the last one.
    pub fn page(&self) -> Option<&str> {
        self.page.as_deref()
    }

    /// Whether a run is in progress.
    pub fn in_run(&self) -> bool {
        self.run.is_some()
    }

    /// The value and clicked value of a widget that still owns a value (a browser value
    /// applies only there, C8).
    fn alive_mut(&mut self, id: &WidgetId) -> Option<(&mut V, Option<&V>)> {
        match &id.key {
            WidgetKey::User(key) => {
                let slot = self.keys.get_mut(key)?;
                let owner = slot.owner.as_ref().filter(|o| o.id == *id)?;
                Some((&mut slot.value, owner.trigger.as_ref()))
            }
            WidgetKey::Auto(auto) => {
                let slot = self.autos.get_mut(&(id.scope.clone(), auto.clone()))?;
                Some((&mut slot.value, slot.trigger.as_ref()))
            }
        }
    }

    /// R1: starts a run of `page`. Browser `values` are applied, in order, to widgets that
    /// still own a value and are not triggers (the last value of a widget wins); then
    /// `triggers` set trigger widgets to their clicked value. Returns the widgets whose value
    /// changed, each once, in order of first edit: their callbacks run next, before the
    /// script body. Nothing is dropped, whatever the request kind and page (S1).
    ///
    /// Errors: `run_in_progress`; `unexpected_values` when a rerun or switch_page request
    /// carries values or triggers.
    pub fn begin_run(
        &mut self,
        page: impl Into<String>,
        kind: RequestKind,
        values: &[(WidgetId, V)],
        triggers: &[WidgetId],
    ) -> Result<Vec<WidgetId>, StateError> {
        if self.run.is_some() {
            return Err(StateError::RunInProgress);
        }
        let carries = !values.is_empty() || !triggers.is_empty();
        if carries && matches!(kind, RequestKind::Rerun | RequestKind::SwitchPage) {
            return Err(StateError::UnexpectedValues);
        }
        let page = page.into();
        self.page = Some(page.clone());
        self.run = Some(Run {
            page,
            ..Run::default()
        });
        let mut changed: Vec<WidgetId> = Vec::new();
        for (id, value) in values {
            if let Some((slot, None)) = self.alive_mut(id) {
                if *slot != *value {
                    *slot = value.clone();
                    if !changed.contains(id) {
                        changed.push(id.clone());
                    }
                }
            }
        }
        for id in triggers {
            if let Some((slot, Some(clicked))) = self.alive_mut(id) {
                *slot = clicked.clone();
                if !changed.contains(id) {
                    changed.push(id.clone());
                }
            }
        }
        Ok(changed)
    }

    fn current_run(&self) -> Result<&Run, StateError> {
        self.run.as_ref().ok_or(StateError::NoRun)
    }

    /// R2: registers a widget for this run and returns its value: the value it owns; else a
    /// plain value of its key (adopted); else a Session-persisted value of a same-key widget
    /// of another scope (handed over; value widgets only); else its default. The widget takes
    /// the call's persist policy and the run's page as its home. Checks, first failure wins:
    /// `no_run`, `scope_mismatch`, `persist_needs_key`, `duplicate_key`, `readonly_widget`.
    pub fn widget(&mut self, widget: Widget<V>) -> Result<V, StateError> {
        let run = self.current_run()?;
        if let Scope::Page(p) = &widget.id.scope {
            if *p != run.page {
                return Err(StateError::ScopeMismatch);
            }
        }
        let Widget {
            id,
            default,
            persist,
            trigger,
        } = widget;
        match &id.key {
            WidgetKey::Auto(auto) => {
                if persist != Persist::None {
                    return Err(StateError::PersistNeedsKey);
                }
                let slot_key = (id.scope.clone(), auto.clone());
                if run.rendered_autos.contains(&slot_key) {
                    return Err(StateError::DuplicateKey);
                }
                let slot = self
                    .autos
                    .entry(slot_key.clone())
                    .or_insert_with(|| AutoSlot {
                        value: default.clone(),
                        default: default.clone(),
                        trigger: None,
                    });
                slot.default = default;
                slot.trigger = trigger;
                let value = slot.value.clone();
                if let Some(run) = self.run.as_mut() {
                    run.rendered_autos.insert(slot_key);
                }
                Ok(value)
            }
            WidgetKey::User(key) => {
                if run.rendered_keys.contains(key) {
                    return Err(StateError::DuplicateKey);
                }
                let existing = self.keys.get(key);
                let is_trigger = trigger.is_some();
                if is_trigger && existing.is_some_and(|s| s.owner.is_none()) {
                    return Err(StateError::ReadonlyWidget);
                }
                let adopt = existing.is_some_and(|s| match &s.owner {
                    Some(o) if o.id == id => true,
                    None => !is_trigger,
                    Some(o) => !is_trigger && o.persist == Persist::Session,
                });
                let home = run.page.clone();
                let key = key.clone();
                let owner = Owner {
                    id,
                    persist,
                    home,
                    default: default.clone(),
                    trigger,
                };
                let value = match self.keys.get_mut(&key) {
                    Some(slot) => {
                        if !adopt {
                            slot.value = default;
                        }
                        slot.owner = Some(owner);
                        slot.value.clone()
                    }
                    None => {
                        let seq = self.bump_seq();
                        self.keys.insert(
                            key.clone(),
                            Slot {
                                value: default.clone(),
                                owner: Some(owner),
                                seq,
                            },
                        );
                        default
                    }
                };
                if let Some(run) = self.run.as_mut() {
                    run.rendered_keys.insert(key);
                }
                Ok(value)
            }
        }
    }

    fn bump_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq = self.next_seq.wrapping_add(1);
        seq
    }

    /// R3: `st.session_state[key] = value`. Fails with `widget_already_rendered` on the key of
    /// a widget registered in this run and with `readonly_widget` on a trigger's key.
    /// Otherwise the key becomes a plain key holding `value`, detached from its widget until
    /// a widget registers the key again (S3: a re-save `ss.k = ss.k` keeps a value alive).
    pub fn set(&mut self, key: &str, value: V) -> Result<(), StateError> {
        let run = self.current_run()?;
        if let Some(owner) = self.keys.get(key).and_then(|s| s.owner.as_ref()) {
            if run.rendered_keys.contains(key) {
                return Err(StateError::WidgetAlreadyRendered);
            }
            if owner.trigger.is_some() {
                return Err(StateError::ReadonlyWidget);
            }
        }
        match self.keys.get_mut(key) {
            Some(slot) => {
                slot.value = value;
                slot.owner = None;
            }
            None => {
                let seq = self.bump_seq();
                self.keys.insert(
                    String::from(key),
                    Slot {
                        value,
                        owner: None,
                        seq,
                    },
                );
            }
        }
        Ok(())
    }

    /// R4: the value of `key`, if any. Keyless widgets are never visible. Works at any time.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.keys.get(key).map(|s| &s.value)
    }

    /// R5: `del st.session_state[key]`: deletes the value and its widget association and
    /// returns the value (`key_not_found` when absent).
    pub fn remove(&mut self, key: &str) -> Result<V, StateError> {
        self.current_run()?;
        self.keys
            .remove(key)
            .map(|s| s.value)
            .ok_or(StateError::KeyNotFound)
    }

    /// R6: ends the run. Every trigger returns to its default. If `completed`, every value
    /// owned by a widget not registered in this run is dropped unless its policy keeps it:
    /// `Session` always, `Page` while this run's page is the widget's home. Plain keys are
    /// never dropped; an interrupted run (`completed == false`) drops nothing.
    pub fn end_run(&mut self, completed: bool) -> Result<(), StateError> {
        let run = self.run.take().ok_or(StateError::NoRun)?;
        for slot in self.keys.values_mut() {
            if let Some(owner) = slot.owner.as_ref().filter(|o| o.trigger.is_some()) {
                slot.value = owner.default.clone();
            }
        }
        for slot in self.autos.values_mut().filter(|s| s.trigger.is_some()) {
            slot.value = slot.default.clone();
        }
        if completed {
            self.keys.retain(|key, slot| match &slot.owner {
                None => true,
                Some(_) if run.rendered_keys.contains(key) => true,
                Some(owner) => match owner.persist {
                    Persist::None => false,
                    Persist::Page => owner.home == run.page,
                    Persist::Session => true,
                },
            });
            self.autos.retain(|id, _| run.rendered_autos.contains(id));
        }
        Ok(())
    }

    /// The visible state: plain keys and keyed widgets with their values, in the order the
    /// keys were first set or registered.
    pub fn state(&self) -> Vec<(&str, &V)> {
        let mut out: Vec<(u64, &str, &V)> = self
            .keys
            .iter()
            .map(|(k, s)| (s.seq, k.as_str(), &s.value))
            .collect();
        out.sort_unstable_by_key(|(seq, _, _)| *seq);
        out.into_iter().map(|(_, k, v)| (k, v)).collect()
    }
}

/// `serde(with)` for a map whose keys are not strings: a sequence of `(key, value)` pairs.
#[cfg(feature = "serde")]
mod pairs {
    use alloc::collections::BTreeMap;
    use alloc::vec::Vec;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<K, V, S>(map: &BTreeMap<K, V>, serializer: S) -> Result<S::Ok, S::Error>
    where
        K: Serialize,
        V: Serialize,
        S: Serializer,
    {
        serializer.collect_seq(map)
    }

    pub(super) fn deserialize<'de, K, V, D>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Vec::<(K, V)>::deserialize(deserializer).map(|pairs| pairs.into_iter().collect())
    }
}

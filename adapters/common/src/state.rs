//! Widget state for the server adapters: one run of the core's
//! [`Session`](folio_core::streamlit::Session) lifecycle per page request (POLICY "State
//! lifecycle", R1–R6). The rules are the core's; this file only carries a request's form
//! fields into `begin_run`, hands layouts and the shell a [`Widgets`] handle, and tells the
//! adapter what to write back to its session store.
//!
//! An adapter, for a request that renders a page ([`WidgetRun::runs`]):
//! 1. loads the JSON it stored under [`SESSION_KEY`] in the browser session's store;
//! 2. calls [`WidgetRun::begin`]: the run's page is the page's module, the request kind is
//!    `widget_change` when the query carries widget fields ([`Widgets::field`]) and
//!    `nav_click` otherwise, and the [`Widgets`] handle is attached to the
//!    [`RequestContext`] the layout and the shell see;
//! 3. runs the layout, then the shell;
//! 4. calls [`WidgetRun::finish`] (`completed` unless the layout answered with its own
//!    response) and stores what it returns, if anything;
//! 5. sends the document with `Cache-Control: no-store` ([`WidgetRun::CACHE_CONTROL`]).
//!
//! A browser session is stored only once it holds something: a visitor who changes nothing
//! gets no session (no store entry, no cookie), whatever the page renders. A session that
//! was never stored is exactly "every widget at its default", so when a request on such a
//! session sends widget fields, those widgets are first registered for it (as if the page
//! the form came from had been stored), and the fields then apply as edits (R1).
//!
//! The 404 page does not run: a browser's stray request (`/favicon.ico`) must not count as
//! leaving the page the user is on.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use folio_core::Query;
use folio_core::streamlit::{
    Persist, RequestKind, Scope, Session, StateError, Widget, WidgetId, WidgetKey,
};
use serde::Deserialize;
use serde_json::Value;
use smallvec::SmallVec;

use crate::context::ModuleName;
use crate::decide::Render;

/// The key under which an adapter keeps the widget state in a browser session's store.
pub const SESSION_KEY: &str = "folio.widgets";

/// A page request's run, from [`begin`](WidgetRun::begin) to [`finish`](WidgetRun::finish).
///
/// ```
/// use folio_core::streamlit::Persist;
/// use folio_core::{Config, PageSpec, RegistryBuilder};
/// use folio_server_common::{Decision, Incoming, WidgetRun, Widgets, decide};
///
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(PageSpec::new("pages.form").path("/form").layout(()));
/// let registry = b.build().unwrap();
/// // One request: decide, begin, render, finish. Returns what to store and what it showed.
/// let request = |target: &str, stored: Option<serde_json::Value>| {
///     let Decision::Render(mut render) = decide(&registry, None, Incoming::get(target)) else {
///         panic!()
///     };
///     let run = WidgetRun::begin(&mut render, stored);
///     let widgets = render.context().widgets().unwrap();
///     let name = widgets.text(widgets.on_page("name"), "", Persist::None).unwrap();
///     (run.finish(true), name)
/// };
/// // Every widget at its default: nothing to store.
/// assert_eq!(request("/form", None), (None, String::new()));
/// // The form field of the page widget, as the browser sends it.
/// let field = Widgets::field(&folio_core::streamlit::WidgetId::user(
///     folio_core::streamlit::Scope::Page("pages.form".into()),
///     "name",
/// ));
/// assert_eq!(field, "w:page:name");
/// let (stored, name) = request("/form?w%3Apage%3Aname=Ann", None);
/// assert_eq!(name, "Ann");
/// assert_eq!(request("/form", stored).1, "Ann");
/// ```
#[derive(Debug)]
pub struct WidgetRun {
    widgets: Widgets,
    /// The stored JSON, written back only when it changed; `None` for a browser session
    /// that had none (or none that deserializes): written only when the run put something
    /// in it other than widget defaults.
    before: Option<Value>,
}

impl WidgetRun {
    /// The `Cache-Control` of a document drawn by a run: `no-store`, so that the browser's
    /// Back asks the server again instead of showing its copy.
    ///
    /// A kept copy shows what the server held when it was drawn. Leave a page and its
    /// page widgets are dropped (R6); come back with Back and a kept copy still shows
    /// their fields, but a form sent from it names widgets that own nothing, and its
    /// values are ignored (R1, Clarification 8): the page would lie. Asked again, the
    /// server runs the page (a navigation, as Streamlit reruns a page and Dash's router
    /// renders it again on Back) and draws what it holds. Every run's document, with
    /// widgets or not: a page served from a copy is a page change the server never sees,
    /// so the next page would keep widgets a real visit would have dropped. The 404 page
    /// does not run and is not concerned; a layout's own response is the app's to mark.
    ///
    /// The app's part: a form drawn from widget state should say `autocomplete="off"`.
    /// Otherwise the browser, on Back, puts what the user had typed back into the page it
    /// asked for again, over the values the server drew.
    pub const CACHE_CONTROL: &'static str = "no-store";

    /// Whether `render` starts a run: a matched page, not the 404 page.
    pub fn runs<T>(render: &Render<'_, T>) -> bool {
        !render.context().is_not_found() && render.page().is_some()
    }

    /// Starts the run of `render`'s page on the session stored as `stored` (a fresh session
    /// when there is none, or when it does not deserialize), applying the request's widget
    /// fields, and attaches the [`Widgets`] handle to the render's context.
    pub fn begin<T>(render: &mut Render<'_, T>, stored: Option<Value>) -> WidgetRun {
        let page = render.context().module_name();
        let restored = stored
            .as_ref()
            .and_then(|v| Session::<Value>::deserialize(v).ok());
        let (values, triggers) = fields(render.context().query().raw(), page.as_str());
        let sent = !values.is_empty() || !triggers.is_empty();
        let (session, before, changed, primed) = match restored {
            // The most common request of all: nothing stored, nothing sent. The run starts
            // on a fresh session with nothing to apply; see `Inner::session`.
            None if !sent => (None, None, Vec::new(), false),
            restored => {
                let (mut session, before) = match restored {
                    Some(session) => (session, stored),
                    None => (Session::new(), None),
                };
                // A session never stored is every widget at its default: the widgets the
                // form sends were rendered when it was drawn.
                let primed = before.is_none() && sent;
                if primed {
                    register_sent(&mut session, page.as_str(), &values, &triggers);
                }
                let kind = if sent {
                    RequestKind::WidgetChange
                } else {
                    RequestKind::NavClick
                };
                let changed = start(&mut session, page.as_str(), kind, &values, &triggers);
                (Some(Box::new(session)), before, changed, primed)
            }
        };
        let widgets = Widgets {
            inner: Arc::new(Mutex::new(Inner {
                session,
                defaults: SmallVec::new(),
                page,
                changed,
                wrote: primed,
            })),
        };
        render.attach_widgets(widgets.clone());
        WidgetRun { widgets, before }
    }

    /// The handle layouts and the shell use.
    pub fn widgets(&self) -> &Widgets {
        &self.widgets
    }

    /// Ends the run (`completed`: the layout and the shell ran to the end; an interrupted
    /// run drops nothing) and returns the session's JSON when the store must be written.
    pub fn finish(self, completed: bool) -> Option<Value> {
        let mut guard = self.widgets.lock();
        let inner = &mut *guard;
        // A run that never needed the core's session only registered widgets at their
        // defaults on a session never stored: ended, it is still all defaults, which is
        // what a session never stored is (nothing to store, as below).
        let session = inner.session.as_mut()?;
        // `NoRun` only if the run already ended; nothing to do then.
        let _ = session.end_run(completed);
        match self.before {
            // Never stored and still nothing but defaults: a fresh session next time is
            // the same session.
            None if !inner.wrote => None,
            None => Some(to_json(session)),
            Some(before) => {
                let after = to_json(session);
                (after != before).then_some(after)
            }
        }
    }
}

/// Registers, in a completed run of `page`, the widgets that a request's fields name on a
/// session that was never stored, so that the fields then apply to them as edits (R1). The
/// placeholder value (`null`) is never shown: the field's value replaces it. A trigger is
/// registered as a button (`false`, clicked `true`) until the page registers it again.
fn register_sent(
    session: &mut Session<Value>,
    page: &str,
    values: &[(WidgetId, Value)],
    triggers: &[WidgetId],
) {
    start(session, page, RequestKind::NavClick, &[], &[]);
    // A field sent twice, or as both a value and a trigger, registers once.
    for (id, _) in values {
        let _ = session.widget(Widget::new(id.clone(), Value::Null));
    }
    for id in triggers {
        let button = Widget::new(id.clone(), Value::Bool(false)).trigger(Value::Bool(true));
        let _ = session.widget(button);
    }
    let _ = session.end_run(true);
}

/// Begins a run; a session stored in the middle of a run (never by this module) is ended
/// as interrupted first.
fn start(
    session: &mut Session<Value>,
    page: &str,
    kind: RequestKind,
    values: &[(WidgetId, Value)],
    triggers: &[WidgetId],
) -> Vec<WidgetId> {
    if session.in_run() {
        let _ = session.end_run(false);
    }
    // A nav_click or widget_change run that is not in progress cannot fail.
    session
        .begin_run(page, kind, values, triggers)
        .unwrap_or_default()
}

fn to_json(session: &Session<Value>) -> Value {
    // Keys are strings and values are JSON already: serializing cannot fail.
    serde_json::to_value(session).unwrap_or(Value::Null)
}

/// The widget values (`w:…`) and clicked triggers (`t:…`) among the query's fields.
fn fields(query: &str, page: &str) -> (Vec<(WidgetId, Value)>, Vec<WidgetId>) {
    let mut values = Vec::new();
    let mut triggers = Vec::new();
    for (key, value) in Query::parse(query).pairs() {
        if let Some(rest) = key.strip_prefix("w:") {
            if let Some(id) = parse_id(rest, page) {
                values.push((id, Value::String(value.into_owned())));
            }
        } else if let Some(rest) = key.strip_prefix("t:") {
            if let Some(id) = parse_id(rest, page) {
                triggers.push(id);
            }
        }
    }
    (values, triggers)
}

/// `app:KEY`, `page:KEY` (user keys), `app#ID`, `page#ID` (auto ids).
fn parse_id(rest: &str, page: &str) -> Option<WidgetId> {
    let at = rest.find([':', '#'])?;
    let scope = match &rest[..at] {
        "app" => Scope::App,
        "page" => Scope::Page(page.to_owned()),
        _ => return None,
    };
    let name = &rest[at + 1..];
    Some(if rest.as_bytes()[at] == b':' {
        WidgetId::user(scope, name)
    } else {
        WidgetId::auto(scope, name)
    })
}

/// The widget state of one run, as layouts and the shell see it: the core's
/// [`Session`](folio_core::streamlit::Session) calls for the run in progress. Cheap to clone
/// (shared). Values are JSON; the browser's form fields arrive as strings.
///
/// ```
/// use folio_core::streamlit::{Persist, Scope, WidgetId};
/// use folio_server_common::Widgets;
/// // Form field names: `w:` + scope + `:` + key for values, `t:` for buttons.
/// assert_eq!(Widgets::field(&WidgetId::user(Scope::App, "group")), "w:app:group");
/// assert_eq!(Widgets::trigger_field(&WidgetId::user(Scope::App, "go")), "t:app:go");
/// # let _ = Persist::None;
/// ```
#[derive(Clone)]
pub struct Widgets {
    inner: Arc<Mutex<Inner>>,
}

struct Inner {
    /// The core's session for this run; `None` while the run is on a session never stored
    /// that received no fields and has only registered text widgets with keys new to the
    /// run (listed in `defaults`): each then has its default, as the core would say, and
    /// none of it needs keeping. Anything else makes the session (see `session`). Boxed:
    /// a run is made on every page request, usually without the session, and this struct
    /// is written whole into its shared allocation.
    session: Option<Box<Session<Value>>>,
    /// The text widgets registered while `session` is `None`: id, default, persist policy
    /// (inline: a page registers a few, and this is made on every page request).
    defaults: SmallVec<[(WidgetId, String, Persist); 2]>,
    page: ModuleName,
    changed: Vec<WidgetId>,
    /// Something other than widget defaults went into the session (fields applied, `set`,
    /// `remove`): a session never stored must be stored.
    wrote: bool,
}

impl fmt::Debug for Widgets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut inner = self.lock();
        // Made (if it was not), so that the state shown is the core's.
        inner.session();
        let state = inner.session.as_deref().map(Session::state);
        f.debug_struct("Widgets")
            .field("page", &inner.page.as_str())
            .field("state", &state.unwrap_or_default())
            .finish_non_exhaustive()
    }
}

impl Widgets {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // No call below panics while holding the lock; a poisoned lock still holds a
        // consistent session.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The page of this run: the page's module (the id of its `Scope::Page`).
    pub fn page(&self) -> String {
        self.lock().page.as_str().to_owned()
    }

    /// A user-keyed widget of the app (the shell, on every page).
    pub fn on_app(&self, key: &str) -> WidgetId {
        WidgetId::user(Scope::App, key)
    }

    /// A user-keyed widget of this run's page.
    pub fn on_page(&self, key: &str) -> WidgetId {
        WidgetId::user(Scope::Page(self.page()), key)
    }

    /// R2: registers a widget for this run and returns its value.
    pub fn widget(&self, widget: Widget<Value>) -> Result<Value, StateError> {
        self.lock().session().widget(widget)
    }

    /// A text widget: registers `id` with a string default and `persist`, and returns its
    /// value as text (a JSON string's contents, any other JSON value written out).
    pub fn text(
        &self,
        id: WidgetId,
        default: &str,
        persist: Persist,
    ) -> Result<String, StateError> {
        let mut inner = self.lock();
        if inner.session.is_none() && inner.is_new(&id) {
            // A key new to the run, on a session never stored: the core would register it
            // at its default (R2).
            inner.defaults.push((id, default.to_owned(), persist));
            return Ok(default.to_owned());
        }
        let widget = Widget::new(id, Value::String(default.to_owned())).persist(persist);
        Ok(match inner.session().widget(widget)? {
            Value::String(s) => s,
            other => other.to_string(),
        })
    }

    /// R3: `st.session_state[key] = value`.
    pub fn set(&self, key: &str, value: Value) -> Result<(), StateError> {
        let mut inner = self.lock();
        inner.session().set(key, value)?;
        inner.wrote = true;
        Ok(())
    }

    /// R4: the value of `key`.
    pub fn get(&self, key: &str) -> Option<Value> {
        self.lock().session().get(key).cloned()
    }

    /// R5: deletes `key` and returns its value.
    pub fn remove(&self, key: &str) -> Result<Value, StateError> {
        let mut inner = self.lock();
        let value = inner.session().remove(key)?;
        inner.wrote = true;
        Ok(value)
    }

    /// The visible state, in the order the keys were first set or registered.
    pub fn state(&self) -> Vec<(String, Value)> {
        self.lock()
            .session()
            .state()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.clone()))
            .collect()
    }

    /// The widgets this request changed, in order of first edit (run their callbacks
    /// first).
    pub fn changed(&self) -> Vec<WidgetId> {
        self.lock().changed.clone()
    }

    /// The form field that carries a widget's value (`w:app:KEY`, `w:page:KEY`, `w:app#ID`,
    /// `w:page#ID`); a page widget's field applies to the page the form is sent to.
    pub fn field(id: &WidgetId) -> String {
        field_name("w:", id)
    }

    /// The form field of a trigger (a submit button's `name`): `t:` then as
    /// [`field`](Self::field); its value is ignored.
    pub fn trigger_field(id: &WidgetId) -> String {
        field_name("t:", id)
    }
}

impl Inner {
    /// The core's session of this run, made on first need: a fresh session with this
    /// run begun, then the text widgets registered so far, in order. The same calls the
    /// core would have seen, so it is the same session.
    fn session(&mut self) -> &mut Session<Value> {
        let (page, defaults) = (&self.page, &mut self.defaults);
        self.session.get_or_insert_with(|| {
            let mut session = Box::new(Session::new());
            start(&mut session, page.as_str(), RequestKind::NavClick, &[], &[]);
            for (id, default, persist) in defaults.drain(..) {
                let widget = Widget::new(id, Value::String(default)).persist(persist);
                // Registered once each, in this run's scopes (see `is_new`): cannot fail.
                let _ = session.widget(widget);
            }
            session
        })
    }

    /// Whether the core, on a fresh session in which only `defaults` were registered,
    /// registers `id` at its default without an error: a user key of the app or of this
    /// run's page, not registered yet in this run.
    fn is_new(&self, id: &WidgetId) -> bool {
        let WidgetKey::User(key) = &id.key else {
            return false;
        };
        let in_run = match &id.scope {
            Scope::App => true,
            Scope::Page(page) => page == self.page.as_str(),
        };
        in_run
            && !self
                .defaults
                .iter()
                .any(|(d, _, _)| matches!(&d.key, WidgetKey::User(k) if k == key))
    }
}

fn field_name(prefix: &str, id: &WidgetId) -> String {
    let (scope, key, sep) = match (&id.scope, &id.key) {
        (Scope::App, WidgetKey::User(key)) => ("app", key, ":"),
        (Scope::App, WidgetKey::Auto(auto)) => ("app", auto, "#"),
        (Scope::Page(_), WidgetKey::User(key)) => ("page", key, ":"),
        (Scope::Page(_), WidgetKey::Auto(auto)) => ("page", auto, "#"),
    };
    // Without `format!`: one allocation of the right size (every page asks for one).
    let mut name = String::with_capacity(prefix.len() + scope.len() + 1 + key.len());
    for part in [prefix, scope, sep, key] {
        name.push_str(part);
    }
    name
}

#[cfg(test)]
mod tests {
    use folio_core::{Config, PageSpec, Registry, RegistryBuilder};

    use super::*;
    use crate::{Decision, Incoming, decide};

    fn registry() -> Registry<()> {
        let mut b = RegistryBuilder::new(Config::new());
        b.page(PageSpec::new("pages.home").path("/").layout(()));
        b.page(PageSpec::new("pages.form").path("/form").layout(()));
        b.build().unwrap()
    }

    /// One request to `target` on the stored session: the app widget `group`, the page
    /// widgets of `/form` (`draft`: None, `note`: Session); returns the new stored JSON and
    /// what the page showed.
    fn request(
        registry: &Registry<()>,
        target: &str,
        stored: &mut Option<Value>,
    ) -> (String, Option<String>, Option<String>) {
        let Decision::Render(mut render) = decide(registry, None, Incoming::get(target)) else {
            panic!("{target} is a page")
        };
        assert!(WidgetRun::runs(&render));
        let run = WidgetRun::begin(&mut render, stored.clone());
        let w = render.context().widgets().unwrap().clone();
        let mut page = (None, None);
        if w.page() == "pages.form" {
            page.0 = Some(w.text(w.on_page("draft"), "", Persist::None).unwrap());
            page.1 = Some(w.text(w.on_page("note"), "", Persist::Session).unwrap());
        }
        let group = w.text(w.on_app("group"), "A", Persist::None).unwrap();
        if let Some(json) = run.finish(true) {
            *stored = Some(json);
        }
        (group, page.0, page.1)
    }

    #[test]
    fn the_three_behaviours_through_stored_json() {
        let r = registry();
        let mut stored = None;
        // A page without widgets stores nothing.
        let Decision::Render(mut render) = decide(&r, None, Incoming::get("/")) else {
            panic!()
        };
        assert_eq!(WidgetRun::begin(&mut render, None).finish(true), None);
        // Nor does a page whose widgets are all at their defaults.
        assert_eq!(request(&r, "/", &mut stored).0, "A");
        request(&r, "/form", &mut stored);
        assert_eq!(stored, None);
        // The first edit applies all the same: the fields name widgets the form showed.
        let set = "/form?w%3Aapp%3Agroup=B&w%3Apage%3Adraft=d1&w%3Apage%3Anote=n1";
        assert_eq!(
            request(&r, set, &mut stored),
            ("B".into(), Some("d1".into()), Some("n1".into()))
        );
        // Reload: same values.
        assert_eq!(request(&r, "/form", &mut stored).1.as_deref(), Some("d1"));
        // Leave the page and come back: the draft resets, the note and the group stay.
        assert_eq!(request(&r, "/", &mut stored).0, "B");
        assert_eq!(
            request(&r, "/form", &mut stored),
            ("B".into(), Some(String::new()), Some("n1".into()))
        );
    }

    #[test]
    fn an_interrupted_run_drops_nothing_and_unknown_fields_are_ignored() {
        let r = registry();
        let mut stored = None;
        request(&r, "/form", &mut stored);
        request(
            &r,
            "/form?w%3Apage%3Adraft=kept&w%3Anope%3Ax=1&w%3Aapp",
            &mut stored,
        );
        let Decision::Render(mut render) = decide(&r, None, Incoming::get("/")) else {
            panic!()
        };
        let run = WidgetRun::begin(&mut render, stored.clone());
        assert_eq!(run.widgets().get("draft"), Some(Value::from("kept")));
        stored = run.finish(false).or(stored);
        assert_eq!(request(&r, "/form", &mut stored).1.as_deref(), Some("kept"));
    }

    #[test]
    fn a_session_never_stored_is_stored_once_it_holds_something() {
        let r = registry();
        let begin = |target: &str| {
            let Decision::Render(mut render) = decide(&r, None, Incoming::get(target)) else {
                panic!("{target} is a page")
            };
            WidgetRun::begin(&mut render, None)
        };
        // A plain key.
        let run = begin("/");
        run.widgets().set("seen", Value::from(true)).unwrap();
        let stored = run.finish(true).expect("a plain key is stored");
        assert_eq!(
            Session::<Value>::deserialize(&stored).unwrap().get("seen"),
            Some(&Value::from(true))
        );
        // A sent field names a widget the page does not render: the edit is applied and
        // the widget dropped at the end of the run (R6), so nothing of it is kept.
        let run = begin("/?w%3Apage%3Agone=x");
        assert_eq!(run.widgets().changed().len(), 1);
        let stored = run.finish(true).expect("an applied field is stored");
        assert_eq!(
            Session::<Value>::deserialize(&stored).unwrap().get("gone"),
            None
        );
        // A clicked button on a fresh session reads as clicked in that run.
        let run = begin("/?t%3Aapp%3Ago=");
        let go = Widget::new(WidgetId::user(Scope::App, "go"), Value::Bool(false))
            .trigger(Value::Bool(true));
        assert_eq!(run.widgets().widget(go), Ok(Value::Bool(true)));
        assert!(run.finish(true).is_some());
        // Reading and registering at defaults, on a page with fields sent for nobody but
        // unparsable ones, stores nothing.
        let run = begin("/form?w%3Anope%3Ax=1&other=2");
        let w = run.widgets().clone();
        assert_eq!(
            w.text(w.on_page("draft"), "", Persist::Page),
            Ok(String::new())
        );
        assert_eq!(w.get("draft"), Some(Value::from("")));
        assert_eq!(run.finish(true), None);
    }

    /// A run on a session never stored keeps the core's session unmade while it only
    /// registers new text widgets; made early or late, every call answers the same.
    #[test]
    fn the_unmade_session_answers_as_the_core() {
        let r = registry();
        let run = |target: &str, made_first: bool| {
            let Decision::Render(mut render) = decide(&r, None, Incoming::get(target)) else {
                panic!("{target} is a page")
            };
            let run = WidgetRun::begin(&mut render, None);
            if made_first {
                run.widgets().lock().session();
            }
            run
        };
        let other = WidgetId::user(Scope::Page("pages.home".into()), "x");
        for end in ["new keys only", "finish", "set", "get", "widget", "state"] {
            let mut seen = Vec::new();
            for made_first in [true, false] {
                let run = run("/form", made_first);
                let w = run.widgets().clone();
                let mut out = vec![
                    format!("{:?}", w.text(w.on_app("group"), "A", Persist::None)),
                    format!("{:?}", w.text(w.on_page("note"), "n", Persist::Session)),
                ];
                // Two new keys: the fast path, unless the session was made first.
                assert_eq!(w.lock().session.is_some(), made_first);
                if end == "new keys only" {
                    out.push(format!("{:?}", run.finish(true)));
                    seen.push(out);
                    continue;
                }
                out.extend([
                    // Twice in one run, the same key in another scope, another page.
                    format!("{:?}", w.text(w.on_app("group"), "B", Persist::None)),
                    format!("{:?}", w.text(w.on_page("group"), "C", Persist::Page)),
                    format!("{:?}", w.text(other.clone(), "", Persist::None)),
                    format!(
                        "{:?}",
                        w.text(WidgetId::auto(Scope::App, "a1"), "", Persist::None)
                    ),
                ]);
                out.push(match end {
                    "set" => format!(
                        "{:?} {:?}",
                        w.set("group", "Z".into()),
                        w.set("k", 1.into())
                    ),
                    "get" => format!("{:?} {:?}", w.get("group"), w.get("nope")),
                    "widget" => format!(
                        "{:?}",
                        w.widget(Widget::new(w.on_app("go"), false.into()).trigger(true.into()))
                    ),
                    "state" => format!("{:?} {:?}", w.state(), w.changed()),
                    _ => String::new(),
                });
                out.push(format!("{:?}", run.finish(true)));
                seen.push(out);
            }
            assert_eq!(seen[0], seen[1], "{end}");
            if end == "finish" {
                let errors = &seen[1][2..6];
                assert_eq!(
                    errors[..3],
                    [
                        "Err(DuplicateKey)",
                        "Err(DuplicateKey)",
                        "Err(ScopeMismatch)"
                    ]
                );
            }
        }
    }

    #[test]
    fn a_stored_value_that_does_not_deserialize_is_a_fresh_session() {
        let r = registry();
        let mut stored = Some(Value::from("garbage"));
        assert_eq!(request(&r, "/", &mut stored).0, "A");
    }

    #[test]
    fn triggers_and_auto_ids_from_fields() {
        let (values, triggers) = fields("w%3Apage%23a1=x&t%3Aapp%3Ago=&w%3Aapp%3Ak=v&other=1", "p");
        assert_eq!(
            values,
            [
                (
                    WidgetId::auto(Scope::Page("p".into()), "a1"),
                    Value::from("x")
                ),
                (WidgetId::user(Scope::App, "k"), Value::from("v")),
            ]
        );
        assert_eq!(triggers, [WidgetId::user(Scope::App, "go")]);
        let auto = WidgetId::auto(Scope::Page("p".into()), "a1");
        assert_eq!(Widgets::field(&auto), "w:page#a1");
    }
}

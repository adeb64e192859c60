//! Property test: random sequences of lifecycle calls replayed on [`Session`] and on a
//! deliberately naive model of R1–R6 (linear lists, written from POLICY's prose) give the
//! same results, the same state after every call, and never panic.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use proptest::prelude::*;

use super::{Persist, RequestKind, Scope, Session, StateError, Widget, WidgetId, WidgetKey};

const CLICKED: u8 = 100;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Wid {
    page: Option<u8>,
    user: bool,
    name: u8,
}

impl Wid {
    fn scope(&self) -> Scope {
        match self.page {
            None => Scope::App,
            Some(p) => Scope::Page(format!("p{p}")),
        }
    }

    fn id(&self) -> WidgetId {
        if self.user {
            WidgetId::user(self.scope(), format!("k{}", self.name))
        } else {
            WidgetId::auto(self.scope(), format!("a{}", self.name))
        }
    }
}

#[derive(Debug, Clone)]
enum Op {
    Begin {
        page: u8,
        kind: u8,
        values: Vec<(Wid, u8)>,
        triggers: Vec<Wid>,
    },
    Widget {
        wid: Wid,
        default: u8,
        persist: u8,
        trigger: bool,
    },
    Set {
        key: u8,
        value: u8,
    },
    Get {
        key: u8,
    },
    Remove {
        key: u8,
    },
    End {
        completed: bool,
    },
}

fn kind_of(k: u8) -> RequestKind {
    match k % 4 {
        0 => RequestKind::NavClick,
        1 => RequestKind::SwitchPage,
        2 => RequestKind::Rerun,
        _ => RequestKind::WidgetChange,
    }
}

fn persist_of(p: u8) -> Persist {
    match p % 3 {
        0 => Persist::None,
        1 => Persist::Page,
        _ => Persist::Session,
    }
}

fn wid() -> impl Strategy<Value = Wid> {
    (prop::option::of(0u8..2), any::<bool>(), 0u8..3).prop_map(|(page, user, name)| Wid {
        page,
        user,
        name,
    })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..2, 0u8..4, prop::collection::vec((wid(), 0u8..3), 0..3), prop::collection::vec(wid(), 0..2))
            .prop_map(|(page, kind, values, triggers)| Op::Begin { page, kind, values, triggers }),
        6 => (wid(), 0u8..3, prop_oneof![4 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)], prop::bool::weighted(0.2))
            .prop_map(|(wid, default, persist, trigger)| Op::Widget { wid, default, persist, trigger }),
        2 => (0u8..3, 0u8..3).prop_map(|(key, value)| Op::Set { key, value }),
        1 => (0u8..3).prop_map(|key| Op::Get { key }),
        1 => (0u8..3).prop_map(|key| Op::Remove { key }),
        3 => any::<bool>().prop_map(|completed| Op::End { completed }),
    ]
}

// ---------------------------------------------------------------------------------------
// The model.
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct MOwner {
    wid: Wid,
    persist: Persist,
    home: u8,
    default: u8,
    trigger: bool,
}

#[derive(Debug, Clone)]
struct MKey {
    key: u8,
    value: u8,
    owner: Option<MOwner>,
}

#[derive(Debug, Clone)]
struct MAuto {
    wid: Wid,
    value: u8,
    default: u8,
    trigger: bool,
}

#[derive(Debug, Default)]
struct Model {
    keys: Vec<MKey>,
    autos: Vec<MAuto>,
    /// (page, user keys rendered, auto widgets rendered)
    run: Option<(u8, Vec<u8>, Vec<Wid>)>,
}

type R = Result<Option<u8>, StateError>;

impl Model {
    fn key_pos(&self, key: u8) -> Option<usize> {
        self.keys.iter().position(|k| k.key == key)
    }

    fn apply(&mut self, op: &Op) -> Result<Vec<Wid>, StateError> {
        match op {
            Op::Begin {
                page,
                kind,
                values,
                triggers,
            } => {
                if self.run.is_some() {
                    return Err(StateError::RunInProgress);
                }
                let kind = kind_of(*kind);
                let quiet = matches!(kind, RequestKind::Rerun | RequestKind::SwitchPage);
                if quiet && !(values.is_empty() && triggers.is_empty()) {
                    return Err(StateError::UnexpectedValues);
                }
                self.run = Some((*page, Vec::new(), Vec::new()));
                let mut changed: Vec<Wid> = Vec::new();
                // R1: values first (non-triggers that still own a value), then triggers.
                for pass in [false, true] {
                    let items: Vec<(Wid, u8)> = if pass {
                        triggers.iter().map(|w| (*w, CLICKED)).collect()
                    } else {
                        values.clone()
                    };
                    for (w, v) in items {
                        let slot = if w.user {
                            self.keys
                                .iter_mut()
                                .find(|k| {
                                    k.key == w.name && k.owner.as_ref().is_some_and(|o| o.wid == w)
                                })
                                .map(|k| {
                                    (&mut k.value, k.owner.as_ref().is_some_and(|o| o.trigger))
                                })
                        } else {
                            self.autos
                                .iter_mut()
                                .find(|a| a.wid == w)
                                .map(|a| (&mut a.value, a.trigger))
                        };
                        if let Some((value, is_trigger)) = slot {
                            if is_trigger == pass && *value != v {
                                *value = v;
                                if !changed.contains(&w) {
                                    changed.push(w);
                                }
                            }
                        }
                    }
                }
                Ok(changed)
            }
            Op::End { completed } => {
                let (page, rendered_keys, rendered_autos) =
                    self.run.take().ok_or(StateError::NoRun)?;
                for k in &mut self.keys {
                    if let Some(o) = k.owner.as_ref().filter(|o| o.trigger) {
                        k.value = o.default;
                    }
                }
                for a in self.autos.iter_mut().filter(|a| a.trigger) {
                    a.value = a.default;
                }
                if *completed {
                    self.keys.retain(|k| match &k.owner {
                        None => true,
                        Some(_) if rendered_keys.contains(&k.key) => true,
                        Some(o) => {
                            o.persist == Persist::Session
                                || (o.persist == Persist::Page && o.home == page)
                        }
                    });
                    self.autos.retain(|a| rendered_autos.contains(&a.wid));
                }
                Ok(Vec::new())
            }
            _ => unreachable!("begin and end only"),
        }
    }

    fn call(&mut self, op: &Op) -> R {
        match op {
            Op::Widget {
                wid,
                default,
                persist,
                trigger,
            } => {
                let Some((page, rendered_keys, rendered_autos)) = &self.run else {
                    return Err(StateError::NoRun);
                };
                if wid.page.is_some_and(|p| p != *page) {
                    return Err(StateError::ScopeMismatch);
                }
                let persist = persist_of(*persist);
                if !wid.user && persist != Persist::None {
                    return Err(StateError::PersistNeedsKey);
                }
                let duplicate = if wid.user {
                    rendered_keys.contains(&wid.name)
                } else {
                    rendered_autos.contains(wid)
                };
                if duplicate {
                    return Err(StateError::DuplicateKey);
                }
                let page = *page;
                if !wid.user {
                    let v = match self.autos.iter_mut().find(|a| a.wid == *wid) {
                        Some(a) => {
                            a.default = *default;
                            a.trigger = *trigger;
                            a.value
                        }
                        None => {
                            self.autos.push(MAuto {
                                wid: *wid,
                                value: *default,
                                default: *default,
                                trigger: *trigger,
                            });
                            *default
                        }
                    };
                    if let Some(run) = self.run.as_mut() {
                        run.2.push(*wid);
                    }
                    return Ok(Some(v));
                }
                let pos = self.key_pos(wid.name);
                if *trigger && pos.is_some_and(|i| self.keys[i].owner.is_none()) {
                    return Err(StateError::ReadonlyWidget);
                }
                let owner = MOwner {
                    wid: *wid,
                    persist,
                    home: page,
                    default: *default,
                    trigger: *trigger,
                };
                let v = match pos {
                    Some(i) => {
                        let k = &mut self.keys[i];
                        let keep = match &k.owner {
                            Some(o) if o.wid == *wid => true,
                            None => !*trigger,
                            Some(o) => !*trigger && o.persist == Persist::Session,
                        };
                        if !keep {
                            k.value = *default;
                        }
                        k.owner = Some(owner);
                        k.value
                    }
                    None => {
                        self.keys.push(MKey {
                            key: wid.name,
                            value: *default,
                            owner: Some(owner),
                        });
                        *default
                    }
                };
                if let Some(run) = self.run.as_mut() {
                    run.1.push(wid.name);
                }
                Ok(Some(v))
            }
            Op::Set { key, value } => {
                let Some((_, rendered_keys, _)) = &self.run else {
                    return Err(StateError::NoRun);
                };
                match self.key_pos(*key) {
                    Some(i) => {
                        if let Some(o) = &self.keys[i].owner {
                            if rendered_keys.contains(key) {
                                return Err(StateError::WidgetAlreadyRendered);
                            }
                            if o.trigger {
                                return Err(StateError::ReadonlyWidget);
                            }
                        }
                        self.keys[i] = MKey {
                            key: *key,
                            value: *value,
                            owner: None,
                        };
                    }
                    None => self.keys.push(MKey {
                        key: *key,
                        value: *value,
                        owner: None,
                    }),
                }
                Ok(None)
            }
            Op::Get { key } => Ok(self.key_pos(*key).map(|i| self.keys[i].value)),
            Op::Remove { key } => {
                if self.run.is_none() {
                    return Err(StateError::NoRun);
                }
                let i = self.key_pos(*key).ok_or(StateError::KeyNotFound)?;
                Ok(Some(self.keys.remove(i).value))
            }
            Op::Begin { .. } | Op::End { .. } => unreachable!("calls only"),
        }
    }

    fn state(&self) -> Vec<(String, u8)> {
        self.keys
            .iter()
            .map(|k| (format!("k{}", k.key), k.value))
            .collect()
    }
}

fn wid_of(id: &WidgetId) -> Wid {
    let page = match &id.scope {
        Scope::App => None,
        Scope::Page(p) => p[1..].parse().ok(),
    };
    let (user, name) = match &id.key {
        WidgetKey::User(k) => (true, &k[1..]),
        WidgetKey::Auto(a) => (false, &a[1..]),
    };
    Wid {
        page,
        user,
        name: name.parse().unwrap_or(u8::MAX),
    }
}

fn replay(ops: &[Op]) -> Result<(), TestCaseError> {
    let mut session: Session<u8> = Session::new();
    let mut model = Model::default();
    for (step, op) in ops.iter().enumerate() {
        match op {
            Op::Begin {
                page,
                kind,
                values,
                triggers,
            } => {
                let values: Vec<(WidgetId, u8)> =
                    values.iter().map(|(w, v)| (w.id(), *v)).collect();
                let triggers: Vec<WidgetId> = triggers.iter().map(Wid::id).collect();
                let got = session
                    .begin_run(format!("p{page}"), kind_of(*kind), &values, &triggers)
                    .map(|c| c.iter().map(wid_of).collect::<Vec<_>>());
                prop_assert_eq!(got, model.apply(op), "step {}: {:?}", step, op);
            }
            Op::End { completed } => {
                let got = session.end_run(*completed).map(|()| Vec::new());
                prop_assert_eq!(got, model.apply(op), "step {}: {:?}", step, op);
            }
            Op::Widget {
                wid,
                default,
                persist,
                trigger,
            } => {
                let mut w = Widget::new(wid.id(), *default).persist(persist_of(*persist));
                if *trigger {
                    w = w.trigger(CLICKED);
                }
                prop_assert_eq!(
                    session.widget(w).map(Some),
                    model.call(op),
                    "step {}: {:?}",
                    step,
                    op
                );
            }
            Op::Set { key, value } => {
                let got = session.set(&format!("k{key}"), *value).map(|()| None);
                prop_assert_eq!(got, model.call(op), "step {}: {:?}", step, op);
            }
            Op::Get { key } => {
                let got = Ok(session.get(&format!("k{key}")).copied());
                prop_assert_eq!(got, model.call(op), "step {}: {:?}", step, op);
            }
            Op::Remove { key } => {
                let got = session.remove(&format!("k{key}")).map(Some);
                prop_assert_eq!(got, model.call(op), "step {}: {:?}", step, op);
            }
        }
        let state: Vec<(String, u8)> = session
            .state()
            .into_iter()
            .map(|(k, v)| (String::from(k), *v))
            .collect();
        prop_assert_eq!(state, model.state(), "state after step {}: {:?}", step, op);
        prop_assert_eq!(session.in_run(), model.run.is_some());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn lifecycle_matches_model(ops in prop::collection::vec(op(), 0..60)) {
        replay(&ops)?;
    }
}

#[test]
fn option_three_resave_keeps_a_page_value() {
    // ss.k = ss.k once keeps the value through any number of later runs (S3).
    let mut s: Session<u8> = Session::new();
    let k = || WidgetId::user(Scope::Page("p1".into()), "k");
    s.begin_run("p1", RequestKind::NavClick, &[], &[]).unwrap();
    s.widget(Widget::new(k(), 0)).unwrap();
    s.end_run(true).unwrap();
    s.begin_run("p1", RequestKind::WidgetChange, &[(k(), 7)], &[])
        .unwrap();
    s.widget(Widget::new(k(), 0)).unwrap();
    s.end_run(true).unwrap();
    s.begin_run("p2", RequestKind::NavClick, &[], &[]).unwrap();
    let v = *s.get("k").unwrap();
    s.set("k", v).unwrap();
    s.end_run(true).unwrap();
    for _ in 0..3 {
        s.begin_run("p2", RequestKind::Rerun, &[], &[]).unwrap();
        s.end_run(true).unwrap();
    }
    s.begin_run("p1", RequestKind::NavClick, &[], &[]).unwrap();
    assert_eq!(s.widget(Widget::new(k(), 0)), Ok(7));
    s.end_run(true).unwrap();
}

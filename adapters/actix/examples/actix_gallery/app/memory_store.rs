//! An in-process `actix-session` store for the gallery (the counterpart of tower-sessions'
//! `MemoryStore` in the axum gallery; actix-session ships only the cookie and Redis stores).
//! The cookie store would do for small state, but it fails a response whose state passes
//! ~4 KB with an empty 500, and the widgets page's fields are whatever a request sends.
//! State lasts as long as the process and is shared by its workers; expired sessions are
//! swept when a new one is saved.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::Key;
use actix_web::cookie::time::Duration;

type State = HashMap<String, String>;

/// Sessions in memory; clones share them.
#[derive(Clone, Default)]
pub struct MemoryStore {
    sessions: Arc<Mutex<HashMap<String, (State, Instant)>>>,
}

impl MemoryStore {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, (State, Instant)>> {
        // Every critical section below is a map operation: a poisoned map is consistent.
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn expiry(ttl: &Duration) -> Instant {
    let ttl = std::time::Duration::try_from(*ttl).unwrap_or_default();
    Instant::now().checked_add(ttl).unwrap_or_else(Instant::now)
}

/// A new session key: 32 random bytes (the cookie crate's key generator, a CSPRNG) in hex.
fn new_key() -> Result<SessionKey, SaveError> {
    let key = Key::generate();
    let hex: String = key.master()[..32]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    SessionKey::try_from(hex).map_err(|e| SaveError::Other(e.into()))
}

impl SessionStore for MemoryStore {
    async fn load(&self, key: &SessionKey) -> Result<Option<State>, LoadError> {
        let sessions = self.lock();
        Ok(sessions
            .get(key.as_ref())
            .filter(|(_, until)| *until > Instant::now())
            .map(|(state, _)| state.clone()))
    }

    async fn save(&self, state: State, ttl: &Duration) -> Result<SessionKey, SaveError> {
        let key = new_key()?;
        let mut sessions = self.lock();
        let now = Instant::now();
        sessions.retain(|_, (_, until)| *until > now);
        sessions.insert(key.as_ref().to_owned(), (state, expiry(ttl)));
        Ok(key)
    }

    async fn update(
        &self,
        key: SessionKey,
        state: State,
        ttl: &Duration,
    ) -> Result<SessionKey, UpdateError> {
        if let Some(entry) = self.lock().get_mut(key.as_ref()) {
            *entry = (state, expiry(ttl));
            return Ok(key);
        }
        // Expired and swept: a new session.
        self.save(state, ttl).await.map_err(|e| match e {
            SaveError::Serialization(e) => UpdateError::Serialization(e),
            SaveError::Other(e) => UpdateError::Other(e),
        })
    }

    async fn update_ttl(&self, key: &SessionKey, ttl: &Duration) -> Result<(), anyhow::Error> {
        if let Some((_, until)) = self.lock().get_mut(key.as_ref()) {
            *until = expiry(ttl);
        }
        Ok(())
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), anyhow::Error> {
        self.lock().remove(key.as_ref());
        Ok(())
    }
}

//! `st.query_params` (Q-1..Q-5) with folio's size limits (S6) and all-or-nothing writes (S7).

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::error::QueryError;

/// A stored query-parameter value: one string, or a list (possibly empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamValue {
    /// A single value.
    One(String),
    /// Several values, in order (an empty list reads as `""` and is not written to the URL).
    Many(Vec<String>),
}

impl ParamValue {
    /// All values, in order.
    pub fn as_slice(&self) -> &[String] {
        match self {
            ParamValue::One(v) => core::slice::from_ref(v),
            ParamValue::Many(vs) => vs,
        }
    }

    /// The value a read returns: the last one (`""` for an empty list, Q-3).
    pub fn last(&self) -> &str {
        self.as_slice().last().map_or("", String::as_str)
    }
}

impl From<String> for ParamValue {
    fn from(v: String) -> Self {
        ParamValue::One(v)
    }
}

impl From<&str> for ParamValue {
    fn from(v: &str) -> Self {
        ParamValue::One(String::from(v))
    }
}

impl From<Vec<String>> for ParamValue {
    fn from(vs: Vec<String>) -> Self {
        ParamValue::Many(vs)
    }
}

/// Limits on a raw query string (S6). Over a limit, parsing fails with `query_too_large`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryLimits {
    /// Most fields, counted as Streamlit does: number of `&` plus one (an empty string has
    /// none). Default 1000.
    pub max_fields: usize,
    /// Most bytes of the raw query string (UTF-8). Default 524288.
    pub max_bytes: usize,
}

impl Default for QueryLimits {
    fn default() -> Self {
        QueryLimits {
            max_fields: 1000,
            max_bytes: 512 * 1024,
        }
    }
}

/// Whether `key` is `embed` or `embed_options` in any case: stored and written back to the
/// URL, but invisible to reads and read-only (Q-3, Q-4).
pub fn is_embed_key(key: &str) -> bool {
    key.eq_ignore_ascii_case("embed") || key.eq_ignore_ascii_case("embed_options")
}

/// The query parameters of a session, in insertion order (embed keys included).
///
/// ```
/// use folio_core::streamlit::{QueryLimits, QueryParams};
/// let mut qp = QueryParams::parse("a=1&a=2&embed=true&b=x+y", &QueryLimits::default()).unwrap();
/// assert_eq!(qp.get("a").unwrap(), "2");
/// assert_eq!(qp.get_all("a"), ["1", "2"]);
/// assert_eq!(qp.len(), 2);
/// assert!(!qp.contains("embed"));
/// assert!(qp.set("embed", "false").is_err());
/// qp.set("b", "z").unwrap();
/// assert_eq!(qp.to_query_string(), "a=1&a=2&embed=true&b=z");
/// let small = QueryLimits { max_fields: 2, ..QueryLimits::default() };
/// assert_eq!(QueryParams::parse("a&b&c", &small).unwrap_err().kind(), "query_too_large");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryParams {
    entries: Vec<(String, ParamValue)>,
    index: BTreeMap<String, usize>,
}

impl QueryParams {
    /// No parameters.
    pub fn new() -> QueryParams {
        QueryParams::default()
    }

    /// Parses a raw query string (without `?`) as Python's `parse_qs(keep_blank_values=True)`
    /// (Q-2), after checking `limits` (S6).
    pub fn parse(query: &str, limits: &QueryLimits) -> Result<QueryParams, QueryError> {
        if !query.is_empty() {
            let fields = query
                .bytes()
                .filter(|&b| b == b'&')
                .count()
                .saturating_add(1);
            if query.len() > limits.max_bytes || fields > limits.max_fields {
                return Err(QueryError::QueryTooLarge);
            }
        }
        let mut qp = QueryParams::new();
        for field in query.split('&').filter(|f| !f.is_empty()) {
            let (k, v) = field.split_once('=').unwrap_or((field, ""));
            let (k, v) = (percent_decode(k), percent_decode(v));
            match qp.index.get(&k) {
                Some(&i) => {
                    let slot = &mut qp.entries[i].1;
                    match slot {
                        ParamValue::Many(vs) => vs.push(v),
                        ParamValue::One(first) => {
                            let first = core::mem::take(first);
                            *slot = ParamValue::Many(alloc::vec![first, v]);
                        }
                    }
                }
                None => qp.insert(k, ParamValue::One(v)),
            }
        }
        Ok(qp)
    }

    fn insert(&mut self, key: String, value: ParamValue) {
        match self.index.get(&key) {
            Some(&i) => self.entries[i].1 = value,
            None => {
                self.index.insert(key.clone(), self.entries.len());
                self.entries.push((key, value));
            }
        }
    }

    fn lookup(&self, key: &str) -> Option<&ParamValue> {
        if is_embed_key(key) {
            return None;
        }
        self.index.get(key).map(|&i| &self.entries[i].1)
    }

    /// The last value of `key` (Q-3); `key_not_found` for a missing or embed key.
    pub fn get(&self, key: &str) -> Result<&str, QueryError> {
        self.lookup(key)
            .map(ParamValue::last)
            .ok_or(QueryError::KeyNotFound)
    }

    /// Every value of `key` (empty for a missing or embed key).
    pub fn get_all(&self, key: &str) -> &[String] {
        self.lookup(key).map_or(&[], ParamValue::as_slice)
    }

    /// Whether `key` is readable (present and not an embed key).
    pub fn contains(&self, key: &str) -> bool {
        self.lookup(key).is_some()
    }

    /// The readable keys, in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !is_embed_key(k))
    }

    /// The number of readable keys.
    pub fn len(&self) -> usize {
        self.keys().count()
    }

    /// Whether no key is readable.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The readable keys with their last values (`to_dict`).
    pub fn to_dict(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.entries
            .iter()
            .filter(|(k, _)| !is_embed_key(k))
            .map(|(k, v)| (k.as_str(), v.last()))
    }

    /// Everything stored, embed keys included, in insertion order.
    pub fn stored(&self) -> impl Iterator<Item = (&str, &ParamValue)> + '_ {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The query string written back to the URL (Q-5): `urlencode(doseq=True)` with
    /// `quote_plus`, embed keys included, empty lists omitted.
    pub fn to_query_string(&self) -> String {
        urlencode(self.entries.iter().map(|(k, v)| (k.as_str(), v)))
    }

    /// Sets one key (Q-4); embed keys are read-only.
    pub fn set(
        &mut self,
        key: impl Into<String>,
        value: impl Into<ParamValue>,
    ) -> Result<(), QueryError> {
        self.update([(key.into(), value.into())])
    }

    /// Deletes `key`, returning its value; `key_not_found` for a missing or embed key.
    pub fn remove(&mut self, key: &str) -> Result<ParamValue, QueryError> {
        if is_embed_key(key) {
            return Err(QueryError::KeyNotFound);
        }
        let i = self.index.remove(key).ok_or(QueryError::KeyNotFound)?;
        let (_, value) = self.entries.remove(i);
        for slot in self.index.values_mut() {
            if *slot > i {
                *slot -= 1;
            }
        }
        Ok(value)
    }

    /// Writes every item in order (a repeated key keeps its first position and its last
    /// value). All-or-nothing (S7): an embed key fails the whole update before any write.
    pub fn update<I>(&mut self, items: I) -> Result<(), QueryError>
    where
        I: IntoIterator<Item = (String, ParamValue)>,
    {
        let items = checked(items)?;
        for (k, v) in items {
            self.insert(k, v);
        }
        Ok(())
    }

    /// Removes every readable key; embed keys stay.
    pub fn clear(&mut self) {
        let entries = core::mem::take(&mut self.entries);
        self.index.clear();
        for (k, v) in entries.into_iter().filter(|(k, _)| is_embed_key(k)) {
            self.insert(k, v);
        }
    }

    /// `from_dict`: clears (keeping embed keys), then updates; atomic.
    pub fn replace_all<I>(&mut self, items: I) -> Result<(), QueryError>
    where
        I: IntoIterator<Item = (String, ParamValue)>,
    {
        let items = checked(items)?;
        self.clear();
        for (k, v) in items {
            self.insert(k, v);
        }
        Ok(())
    }

    /// The parameters `st.switch_page(query_params=...)` leaves (L-1): `None` clears them;
    /// items replace them ([`replace_all`](Self::replace_all): a repeated key keeps its last
    /// value).
    pub fn switch_page_params<I>(&mut self, params: Option<I>) -> Result<(), QueryError>
    where
        I: IntoIterator<Item = (String, ParamValue)>,
    {
        match params {
            None => {
                self.clear();
                Ok(())
            }
            Some(items) => self.replace_all(items),
        }
    }
}

fn checked<I>(items: I) -> Result<Vec<(String, ParamValue)>, QueryError>
where
    I: IntoIterator<Item = (String, ParamValue)>,
{
    let items: Vec<_> = items.into_iter().collect();
    if items.iter().any(|(k, _)| is_embed_key(k)) {
        return Err(QueryError::EmbedParamReadonly);
    }
    Ok(items)
}

/// The query string of a `page_link` (L-2, `process_query_params`): lists are flattened;
/// with `accumulate` (pairs given as a list), the values of a repeated key add up
/// (`k=1&k=2`), otherwise a later item replaces an earlier one. Embed keys are errors.
///
/// ```
/// use folio_core::streamlit::{ParamValue, encode_link_params};
/// let pairs = [("k".into(), ParamValue::from("1")), ("k".into(), ParamValue::from("2"))];
/// assert_eq!(encode_link_params(pairs, true).unwrap(), "k=1&k=2");
/// ```
pub fn encode_link_params<I>(items: I, accumulate: bool) -> Result<String, QueryError>
where
    I: IntoIterator<Item = (String, ParamValue)>,
{
    let mut out = QueryParams::new();
    for (k, v) in items {
        match out.index.get(&k) {
            Some(&i) if accumulate => {
                let slot = &mut out.entries[i].1;
                let mut all: Vec<String> = slot.as_slice().to_vec();
                all.extend_from_slice(v.as_slice());
                *slot = ParamValue::Many(all);
            }
            _ if is_embed_key(&k) => return Err(QueryError::EmbedParamReadonly),
            _ => out.insert(k, v),
        }
    }
    Ok(out.to_query_string())
}

fn urlencode<'a>(items: impl Iterator<Item = (&'a str, &'a ParamValue)>) -> String {
    let mut out = String::new();
    for (k, v) in items {
        for item in v.as_slice() {
            if !out.is_empty() {
                out.push('&');
            }
            quote_plus(k, &mut out);
            out.push('=');
            quote_plus(item, &mut out);
        }
    }
    out
}

/// Python's `quote_plus(s, safe="")`: ASCII letters, digits and `_.-~` kept, space as `+`,
/// every other byte of the UTF-8 encoding as `%XX`.
fn quote_plus(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
    }
}

/// Q-2: `+` is a space; `%XX` escapes are UTF-8 bytes (invalid sequences become U+FFFD); a
/// `%` not followed by two hex digits stays literal — the same form decoding as Dash's
/// `parse_qs`, so the core's decoder serves both.
fn percent_decode(s: &str) -> String {
    crate::decode_form(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%20b"), "a b");
        assert_eq!(percent_decode("%ZZ"), "%ZZ");
        assert_eq!(percent_decode("%2526"), "%26");
        assert_eq!(percent_decode("%E2%9C"), "\u{fffd}");
        assert_eq!(percent_decode("%E2%9Cx"), "\u{fffd}x");
        assert_eq!(percent_decode("%F0%9F%93%88"), "📈");
        assert_eq!(percent_decode("%"), "%");
    }

    #[test]
    fn empty_query_has_no_fields() {
        let none = QueryLimits {
            max_fields: 0,
            max_bytes: 0,
        };
        assert!(QueryParams::parse("", &none).unwrap().is_empty());
    }
}

//! Query strings, decoded exactly as Dash does (SEMANTICS §10): Python 3.11's
//! `parse_qs(keep_blank_values=True)`.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;

use crate::decode::decode_form;

/// A query string, parsed lazily: nothing is decoded or allocated until a pair is read.
///
/// Fields are split at `&` only (`;` is ordinary text), empty fields are dropped, each field
/// is split at its first `=` (a field without `=` has the value `""`), `+` is a space and
/// `%XX` escapes are UTF-8 with U+FFFD for invalid bytes.
///
/// ```
/// use folio_core::Query;
/// let q = Query::parse("city=Montr%C3%A9al&tag=a&tag=b&flag");
/// assert_eq!(q.get("city").as_deref(), Some("Montréal"));
/// assert_eq!(q.get_all("tag").collect::<Vec<_>>(), ["a", "b"]);
/// assert_eq!(q.get("flag").as_deref(), Some(""));
/// assert_eq!(q.pairs().count(), 4);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Query<'a> {
    raw: &'a str,
}

impl<'a> Query<'a> {
    /// A query string as it follows the `?` of a URL (without the `?`).
    pub fn parse(raw: &'a str) -> Self {
        Query { raw }
    }

    /// A browser `location.search`: empty unless it starts with `?` (as Dash: `a=1` with
    /// no `?` is no query at all).
    ///
    /// ```
    /// use folio_core::Query;
    /// assert_eq!(Query::from_search("?a=1").raw(), "a=1");
    /// assert!(Query::from_search("a=1").is_empty());
    /// ```
    pub fn from_search(search: &'a str) -> Self {
        Query {
            raw: search.strip_prefix('?').unwrap_or(""),
        }
    }

    /// The raw text, exactly as given (used verbatim in redirect locations).
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// True when there is no non-empty field.
    pub fn is_empty(&self) -> bool {
        self.raw.split('&').all(str::is_empty)
    }

    /// Every field in order, decoded.
    pub fn pairs(&self) -> Pairs<'a> {
        Pairs {
            fields: self.raw.split('&'),
        }
    }

    /// The first value of `key`, decoded.
    pub fn get(&self, key: &str) -> Option<Cow<'a, str>> {
        self.get_all(key).next()
    }

    /// Every value of `key`, in order.
    pub fn get_all<'k>(&self, key: &'k str) -> impl Iterator<Item = Cow<'a, str>> + 'k
    where
        'a: 'k,
    {
        self.pairs().filter(move |(k, _)| k == key).map(|(_, v)| v)
    }

    /// The keys and their values grouped in first-appearance order: Dash's keyword
    /// arguments, where a key seen once is a string and a key seen several times a list.
    ///
    /// ```
    /// use folio_core::Query;
    /// let groups = Query::parse("a=1&b=2&a=3").grouped();
    /// assert_eq!(groups[0].0, "a");
    /// assert_eq!(groups[0].1, ["1", "3"]);
    /// assert_eq!(groups[1].1, ["2"]);
    /// ```
    pub fn grouped(&self) -> Vec<(Cow<'a, str>, Vec<Cow<'a, str>>)> {
        let mut groups: Vec<(Cow<'a, str>, Vec<Cow<'a, str>>)> = Vec::new();
        // A map only pays off for long queries; short ones are scanned.
        let mut index: Option<hashbrown::HashMap<Cow<'a, str>, usize>> = None;
        for (key, value) in self.pairs() {
            if index.is_none() && groups.len() > 16 {
                let map = groups
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (k.clone(), i))
                    .collect();
                index = Some(map);
            }
            let found = match &index {
                Some(map) => map.get(&key).copied(),
                None => groups.iter().position(|(k, _)| *k == key),
            };
            match found {
                Some(i) => groups[i].1.push(value),
                None => {
                    if let Some(map) = &mut index {
                        map.insert(key.clone(), groups.len());
                    }
                    groups.push((key, alloc::vec![value]));
                }
            }
        }
        groups
    }
}

impl fmt::Debug for Query<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.pairs()).finish()
    }
}

/// The decoded fields of a [`Query`], in order.
#[derive(Debug, Clone)]
pub struct Pairs<'a> {
    fields: core::str::Split<'a, char>,
}

impl<'a> Iterator for Pairs<'a> {
    type Item = (Cow<'a, str>, Cow<'a, str>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let field = self.fields.next()?;
            if field.is_empty() {
                continue;
            }
            let (key, value) = field.split_once('=').unwrap_or((field, ""));
            return Some((decode_form(key), decode_form(value)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn pairs(raw: &str) -> Vec<(alloc::string::String, alloc::string::String)> {
        Query::parse(raw)
            .pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    #[test]
    fn python_parse_qs_rules() {
        assert_eq!(pairs("a=1;b=2"), vec![("a".into(), "1;b=2".into())]);
        assert_eq!(pairs("&&a&"), vec![("a".into(), "".into())]);
        assert_eq!(pairs("?a=1"), vec![("?a".into(), "1".into())]);
        assert_eq!(pairs("a=b=c"), vec![("a".into(), "b=c".into())]);
        assert_eq!(pairs("a+b=%2B"), vec![("a b".into(), "+".into())]);
    }

    #[test]
    fn grouping_switches_to_a_map_without_changing_order() {
        let mut raw = alloc::string::String::new();
        for i in 0..40 {
            raw.push_str(&alloc::format!("k{}=v&", i % 20));
        }
        let g = Query::parse(&raw).grouped();
        assert_eq!(g.len(), 20);
        assert_eq!(g[19].0, "k19");
        assert!(g.iter().all(|(_, v)| v.len() == 2));
    }
}

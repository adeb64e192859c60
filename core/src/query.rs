//! Query strings, decoded exactly as Dash does (SEMANTICS §10): Python 3.11's
//! `parse_qs(keep_blank_values=True)`.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;

#[cfg(test)]
use crate::decode::decode_form;
use crate::decode::decode_form_marked;

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
        self.raw.bytes().all(|b| b == b'&')
    }

    /// Every field in order, decoded.
    pub fn pairs(&self) -> Pairs<'a> {
        Pairs { rest: self.raw }
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
    /// The fields not read yet.
    rest: &'a str,
}

impl<'a> Iterator for Pairs<'a> {
    type Item = (Cow<'a, str>, Cow<'a, str>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        // One pass over each field finds its end, its first `=` and whether key or value holds
        // a `%` or `+`, so a field with nothing to decode is borrowed without a second look.
        loop {
            let rest = self.rest;
            if rest.is_empty() {
                return None;
            }
            let bytes = rest.as_bytes();
            let (key_end, key_marks) = scan(bytes, 0, AMP | EQ);
            let (field_end, value_marks) = match bytes.get(key_end) {
                Some(b'=') => scan(bytes, key_end + 1, AMP),
                _ => (key_end, 0),
            };
            self.rest = rest.get(field_end + 1..).unwrap_or("");
            if field_end == 0 {
                continue;
            }
            let key = rest.get(..key_end).unwrap_or("");
            let value = rest.get(key_end + 1..field_end).unwrap_or("");
            return Some((
                decode_form_marked(key, key_marks & ESCAPE != 0),
                decode_form_marked(value, value_marks & ESCAPE != 0),
            ));
        }
    }
}

/// Byte classes for [`scan`]: the field separator, the key/value separator, and the bytes
/// that make a key or value need decoding.
const AMP: u8 = 1;
const EQ: u8 = 2;
const ESCAPE: u8 = 4;

const CLASS: [u8; 256] = {
    let mut class = [0; 256];
    class[b'&' as usize] = AMP;
    class[b'=' as usize] = EQ;
    class[b'%' as usize] = ESCAPE;
    class[b'+' as usize] = ESCAPE;
    class
};

/// From `from`, the index of the first byte whose class is in `stop` (`AMP`, or `AMP | EQ`),
/// or the length, and the union of the classes of the bytes before it.
#[inline(always)]
fn scan(bytes: &[u8], from: usize, stop: u8) -> (usize, u8) {
    let mut marks = 0;
    let mut i = from;
    // Eight bytes at a time while they last (SWAR: a byte equal to one of the four is found
    // by subtracting 1 from each byte of the word XORed with it).
    while let Some(Ok(chunk)) = bytes.get(i..i + 8).map(<[u8; 8]>::try_from) {
        let word = u64::from_le_bytes(chunk);
        let mut stops = bytes_equal(word, b'&');
        if stop & EQ != 0 {
            stops |= bytes_equal(word, b'=');
        }
        let escapes = bytes_equal(word, b'%') | bytes_equal(word, b'+');
        if stops != 0 {
            // Only the lowest flag of `bytes_equal` is exact, but a false flag always sits
            // above a true one, so "an escape below the first stop" is still exact.
            let below_stop = (stops & stops.wrapping_neg()) - 1;
            if escapes & below_stop != 0 {
                marks |= ESCAPE;
            }
            return (i + (stops.trailing_zeros() / 8) as usize, marks);
        }
        if escapes != 0 {
            marks |= ESCAPE;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        let class = CLASS[usize::from(b)];
        if class & stop != 0 {
            break;
        }
        marks |= class;
        i += 1;
    }
    (i, marks)
}

/// Flags (high bit set) the bytes of `word` equal to `byte`: the lowest flag is exact, a flag
/// above it may be false (the borrow of the subtraction runs on from a true match).
#[inline(always)]
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
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
    fn separators_and_escapes_at_every_offset_of_a_long_field() {
        for len in 1..20 {
            for at in 0..len {
                for special in ["=", "&", "+", "%41", "%", "=+", "&%41"] {
                    let mut raw = alloc::string::String::from("k");
                    raw.push_str(&"x".repeat(at));
                    raw.push_str(special);
                    raw.push_str(&"y".repeat(len - at));
                    raw.push_str("=v&z");
                    let want: Vec<_> = raw
                        .split('&')
                        .filter(|f| !f.is_empty())
                        .map(|f| {
                            let (k, v) = f.split_once('=').unwrap_or((f, ""));
                            (decode_form(k).into_owned(), decode_form(v).into_owned())
                        })
                        .collect();
                    assert_eq!(pairs(&raw), want, "{raw}");
                    // Borrowed exactly when the raw text holds nothing to decode.
                    let fields = raw.split('&').filter(|f| !f.is_empty());
                    for ((key, value), field) in Query::parse(&raw).pairs().zip(fields) {
                        let (k, v) = field.split_once('=').unwrap_or((field, ""));
                        assert_eq!(matches!(key, Cow::Owned(_)), k.contains(['+', '%']));
                        assert_eq!(matches!(value, Cow::Owned(_)), v.contains(['+', '%']));
                    }
                }
            }
        }
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

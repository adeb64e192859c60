//! Query-string decoding: inputs, a reference decoder and the decoder peers.
//!
//! "One decode" = iterate every decoded `(key, value)` pair of the raw query (without `?`) and
//! touch both (their lengths are summed into `black_box`).

/// The query inputs: `(scenario id, raw query)`.
pub const INPUTS: [(&str, &str); 3] = [
    ("query_short", "a=1&b=2"),
    (
        "query_10_params",
        "page=2&per_page=50&sort=updated&direction=desc&state=open&labels=bug\
         &since=2024-01-01&assignee=octocat&creator=hubot&milestone=3",
    ),
    (
        "query_percent_heavy",
        "q=caf%C3%A9+cr%C3%A8me+br%C3%BBl%C3%A9e&name=J%C3%BCrgen%20M%C3%BCller\
         &path=%2Fhome%2Fuser%2Fdocs%2Freport%202024.pdf&emoji=%F0%9F%A6%80%F0%9F%9A%80\
         &redirect=https%3A%2F%2Fexample.com%2Fcallback%3Fa%3D1%26b%3D2&sig=a%2Bb%3Dc%2Fd%3D%3D",
    ),
];

/// Reference decoder (application/x-www-form-urlencoded as the WHATWG URL standard parses it):
/// split on `&`, drop empty pieces, split at the first `=`, `+` is a space, `%XX` with two hex
/// digits is a byte, any other `%` is literal, then UTF-8 with replacement characters.
pub fn reference_decode(raw: &str) -> Vec<(String, String)> {
    fn unescape(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < b.len()
                    && b[i + 1].is_ascii_hexdigit()
                    && b[i + 2].is_ascii_hexdigit() =>
                {
                    let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("00");
                    out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                    i += 2;
                }
                c => out.push(c),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

/// A query decoder under test.
pub trait QueryDecoder {
    /// Column name in reports.
    const NAME: &'static str;

    /// Decodes `raw`, calling `visit(key, value)` per pair; `Err` if the decoder rejects it.
    fn decode_with<F: FnMut(&str, &str)>(raw: &str, visit: F) -> Result<(), String>;

    /// "One decode": touch every key and value; returns the sum of their lengths.
    #[inline]
    fn decode(raw: &str) -> usize {
        let mut n = 0;
        let _ = Self::decode_with(raw, |k, v| n += k.len() + v.len());
        n
    }
}

/// `form_urlencoded::parse`, yielding `Cow<str>` pairs (borrowed unless decoding was needed).
#[derive(Debug)]
pub struct FormUrlencoded;

impl QueryDecoder for FormUrlencoded {
    const NAME: &'static str = "form_urlencoded";

    #[inline]
    fn decode_with<F: FnMut(&str, &str)>(raw: &str, mut visit: F) -> Result<(), String> {
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            visit(&k, &v);
        }
        Ok(())
    }
}

/// `serde_urlencoded::from_str::<Vec<(&str, &str)>>`: zero-copy, fails on any input that needs
/// decoding (`%` or `+`), so it only takes part where that is not the case.
#[derive(Debug)]
pub struct SerdeBorrowed;

impl QueryDecoder for SerdeBorrowed {
    const NAME: &'static str = "serde_urlencoded (&str)";

    #[inline]
    fn decode_with<F: FnMut(&str, &str)>(raw: &str, mut visit: F) -> Result<(), String> {
        let pairs: Vec<(&str, &str)> =
            serde_urlencoded::from_str(raw).map_err(|e| e.to_string())?;
        for (k, v) in pairs {
            visit(k, v);
        }
        Ok(())
    }
}

/// `serde_urlencoded::from_str::<Vec<(String, String)>>`: the usual owned form.
#[derive(Debug)]
pub struct SerdeOwned;

impl QueryDecoder for SerdeOwned {
    const NAME: &'static str = "serde_urlencoded (String)";

    #[inline]
    fn decode_with<F: FnMut(&str, &str)>(raw: &str, mut visit: F) -> Result<(), String> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw).map_err(|e| e.to_string())?;
        for (k, v) in &pairs {
            visit(k, v);
        }
        Ok(())
    }
}

// folio — `--features folio`: `folio_core::Query::parse(raw).pairs()`, decoded `(key, value)`.
#[cfg(feature = "folio")]
/// folio-core's query parser.
#[derive(Debug)]
pub struct FolioQuery;

#[cfg(feature = "folio")]
impl QueryDecoder for FolioQuery {
    const NAME: &'static str = "folio";

    #[inline]
    fn decode_with<F: FnMut(&str, &str)>(raw: &str, mut visit: F) -> Result<(), String> {
        for (k, v) in folio_core::Query::parse(raw).pairs() {
            visit(&k, &v);
        }
        Ok(())
    }
}

/// Checks `D` against the reference decoder on `raw`: `Ok(())` if it agrees.
pub fn check<D: QueryDecoder>(raw: &str) -> Result<(), String> {
    let mut got: Vec<(String, String)> = Vec::new();
    D::decode_with(raw, |k, v| got.push((k.to_owned(), v.to_owned())))?;
    let want = reference_decode(raw);
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "{}: {raw:?} decoded to {got:?}, expected {want:?}",
            D::NAME
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_decoder() {
        assert_eq!(
            reference_decode("a=1&&b=%41+%zz&c"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "A %zz".into()),
                ("c".into(), String::new())
            ]
        );
        assert_eq!(reference_decode("e=%F0%9F%A6%80")[0].1, "🦀");
    }
}

//! Typed page arguments: Dash's merged arguments plus the routing inputs, deserialized by
//! the core's rules (`folio_core::from_arguments`: text parsed on demand, a repeated key a
//! sequence, and an error in a single-value field).

use std::fmt;

use folio_core::Argument;
use serde::de::DeserializeOwned;

/// Why the arguments did not deserialize (the adapters' `Args` extractors answer it with
/// 400 Bad Request and this text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgsError {
    message: String,
}

impl fmt::Display for ArgsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid page arguments: {}", self.message)
    }
}

impl std::error::Error for ArgsError {}

pub(crate) fn deserialize<'a, T: DeserializeOwned>(
    arguments: impl Iterator<Item = (&'a str, Argument<'a>)>,
    inputs: impl Iterator<Item = (&'a str, Option<&'a str>)> + Clone,
) -> Result<T, ArgsError> {
    // Routing inputs override arguments of the same name (Dash); the rules for turning text
    // into fields are the core's, so the adapters and `PageMatch::arguments_as` agree.
    let overriding = inputs.clone();
    let merged: Vec<(&str, Argument<'_>)> = arguments
        .filter(|(k, _)| !overriding.clone().any(|(i, v)| i == *k && v.is_some()))
        .chain(inputs.filter_map(|(k, v)| v.map(|v| (k, Argument::One(v.into())))))
        .collect();
    folio_core::from_arguments(&merged).map_err(|e| ArgsError {
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Lang {
        En,
        Fr,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Typed {
        id: u32,
        ratio: Option<f64>,
        tags: Vec<String>,
        one_tag: Vec<String>,
        missing: Option<String>,
        lang: Lang,
        flag: bool,
    }

    fn pairs<'a>(
        args: &'a [(String, Argument<'static>)],
    ) -> impl Iterator<Item = (&'a str, Argument<'a>)> {
        args.iter().map(|(k, v)| (k.as_str(), v.clone()))
    }

    fn one(s: &str) -> Argument<'static> {
        Argument::One(Cow::Owned(s.to_owned()))
    }

    #[test]
    fn parses_strings_into_fields() {
        let args = vec![
            ("id".to_owned(), one("42")),
            ("ratio".to_owned(), one("0.5")),
            (
                "tags".to_owned(),
                Argument::Many(vec![Cow::Borrowed("a"), Cow::Borrowed("b")]),
            ),
            ("one_tag".to_owned(), one("x")),
            ("flag".to_owned(), one("true")),
            ("unknown".to_owned(), one("ignored")),
        ];
        let inputs = [("lang", Some("fr")), ("absent", None)];
        let t: Typed = deserialize(pairs(&args), inputs.into_iter()).unwrap();
        assert_eq!(
            t,
            Typed {
                id: 42,
                ratio: Some(0.5),
                tags: vec!["a".into(), "b".into()],
                one_tag: vec!["x".into()],
                missing: None,
                lang: Lang::Fr,
                flag: true
            }
        );
    }

    const NO_INPUTS: std::iter::Empty<(&str, Option<&str>)> = std::iter::empty();

    #[test]
    fn bad_values_are_errors_not_panics() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct N {
            id: u8,
        }
        let err = deserialize::<N>(pairs(&[("id".to_owned(), one("300"))]), NO_INPUTS).unwrap_err();
        assert!(err.to_string().contains("300"), "{err}");
        let err = deserialize::<N>(
            pairs(&[(
                "id".to_owned(),
                Argument::Many(vec![Cow::Borrowed("1"), Cow::Borrowed("2")]),
            )]),
            NO_INPUTS,
        )
        .unwrap_err();
        assert!(err.to_string().contains("several"), "{err}");
        assert!(deserialize::<N>(pairs(&[]), NO_INPUTS).is_err());
    }

    #[test]
    fn an_input_overrides_an_argument_of_the_same_name() {
        #[derive(Deserialize)]
        struct L {
            language: String,
        }
        let l: L = deserialize(
            pairs(&[("language".to_owned(), one("xx"))]),
            [("language", Some("fr"))].into_iter(),
        )
        .unwrap();
        assert_eq!(l.language, "fr");
    }
}

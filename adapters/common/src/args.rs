//! A small serde deserializer over a page's keyword arguments: string values, parsed on
//! demand into numbers, booleans and unit enum variants (the rules of
//! `serde_urlencoded`, applied to Dash's merged arguments instead of a raw query).

use std::fmt;

use folio_core::Argument;
use serde::de::value::{MapDeserializer, SeqDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

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

impl de::Error for ArgsError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        ArgsError {
            message: msg.to_string(),
        }
    }
}

pub(crate) fn deserialize<T: DeserializeOwned>(
    arguments: &[(String, Argument<'static>)],
    inputs: &[(String, Option<String>)],
) -> Result<T, ArgsError> {
    let merged = arguments
        .iter()
        .filter(|(k, _)| !inputs.iter().any(|(i, v)| i == k && v.is_some()))
        .map(|(k, v)| {
            let value = match v {
                Argument::One(s) => Value::One(s),
                Argument::Many(list) => Value::Many(list),
            };
            (k.as_str(), value)
        })
        .chain(
            inputs
                .iter()
                .filter_map(|(k, v)| v.as_deref().map(|v| (k.as_str(), Value::One(v)))),
        );
    T::deserialize(MapDeserializer::<_, ArgsError>::new(merged))
}

/// One argument: a string, or the strings of a repeated query key.
#[derive(Clone, Copy)]
enum Value<'de> {
    One(&'de str),
    Many(&'de [std::borrow::Cow<'static, str>]),
}

impl<'de> IntoDeserializer<'de, ArgsError> for Value<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Value<'de> {
    fn single(self) -> Result<&'de str, ArgsError> {
        match self {
            Value::One(s) => Ok(s),
            Value::Many(_) => Err(de::Error::custom("expected one value, found several")),
        }
    }

    fn seq(self) -> SeqDeserializer<impl Iterator<Item = Value<'de>>, ArgsError> {
        let items: Vec<Value<'de>> = match self {
            Value::One(s) => vec![Value::One(s)],
            Value::Many(list) => list.iter().map(|s| Value::One(s)).collect(),
        };
        SeqDeserializer::new(items.into_iter())
    }
}

macro_rules! parse_as {
    ($($method:ident => $visit:ident : $ty:ty),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgsError> {
                let s = self.single()?;
                match s.trim().parse::<$ty>() {
                    Ok(v) => visitor.$visit(v),
                    Err(e) => Err(de::Error::custom(format_args!("{s:?}: {e}"))),
                }
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for Value<'de> {
    type Error = ArgsError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgsError> {
        match self {
            Value::One(s) => visitor.visit_borrowed_str(s),
            Value::Many(_) => visitor.visit_seq(self.seq()),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgsError> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgsError> {
        visitor.visit_seq(self.seq())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, ArgsError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ArgsError> {
        let s: StrDeserializer<'_, ArgsError> = self.single()?.into_deserializer();
        de::Deserializer::deserialize_enum(s, name, variants, visitor)
    }

    parse_as! {
        deserialize_bool => visit_bool: bool,
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128,
        deserialize_f32 => visit_f32: f32,
        deserialize_f64 => visit_f64: f64,
        deserialize_char => visit_char: char,
    }

    serde::forward_to_deserialize_any! {
        str string bytes byte_buf unit unit_struct tuple tuple_struct map struct identifier ignored_any
    }
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
        let inputs = vec![
            ("lang".to_owned(), Some("fr".to_owned())),
            ("absent".to_owned(), None),
        ];
        let t: Typed = deserialize(&args, &inputs).unwrap();
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

    #[test]
    fn bad_values_are_errors_not_panics() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct N {
            id: u8,
        }
        let err = deserialize::<N>(&[("id".to_owned(), one("300"))], &[]).unwrap_err();
        assert!(err.to_string().contains("300"), "{err}");
        let err = deserialize::<N>(
            &[("id".to_owned(), Argument::Many(vec![Cow::Borrowed("1")]))],
            &[],
        )
        .unwrap_err();
        assert!(err.to_string().contains("several"), "{err}");
        assert!(deserialize::<N>(&[], &[]).is_err());
    }

    #[test]
    fn an_input_overrides_an_argument_of_the_same_name() {
        #[derive(Deserialize)]
        struct L {
            language: String,
        }
        let l: L = deserialize(
            &[("language".to_owned(), one("xx"))],
            &[("language".to_owned(), Some("fr".to_owned()))],
        )
        .unwrap();
        assert_eq!(l.language, "fr");
    }
}

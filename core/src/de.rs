//! Typed extraction (feature `serde`): path variables, query parameters or the merged page
//! arguments deserialize into a user's struct, borrowing where no decoding was needed.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

use crate::resolve::{Argument, PageMatch};

/// Scalar requests on a field go to its one value.
macro_rules! to_single {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.single()?.$method(visitor)
        }
    )*};
}

/// Why the values could not become the requested type; says which field and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    message: String,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl core::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        DeError {
            message: msg.to_string(),
        }
    }
}

impl<'r, 'p, T> PageMatch<'r, 'p, T> {
    /// The path variables as `D`.
    ///
    /// ```
    /// use folio_core::{Config, PageSpec, RegistryBuilder, Resolution};
    /// #[derive(serde::Deserialize, Debug, PartialEq)]
    /// struct Report<'a> { year: u16, month: u8, tab: Option<&'a str> }
    ///
    /// let mut b = RegistryBuilder::new(Config::new());
    /// b.page(PageSpec::new("pages.report").path_template("/report/<year>/<month>").layout(()));
    /// let registry = b.build().unwrap();
    /// let Resolution::Page(m) = registry.resolve("/report/2024/05", "tab=map") else { panic!() };
    /// let r: Report = m.arguments_as().unwrap();
    /// assert_eq!(r, Report { year: 2024, month: 5, tab: Some("map") });
    ///
    /// let Resolution::Page(bad) = registry.resolve("/report/twenty/05", "") else { panic!() };
    /// let err = bad.variables_as::<Report>().unwrap_err();
    /// assert_eq!(err.to_string(), "year: invalid number `twenty`");
    /// ```
    pub fn variables_as<'a, D: de::Deserialize<'a>>(&'a self) -> Result<D, DeError> {
        let fields = self
            .variables()
            .map(|(k, v)| (Cow::Borrowed(k), alloc::vec![Cow::Borrowed(v)]))
            .collect();
        D::deserialize(Fields { fields })
    }

    /// The query parameters as `D` (a repeated key fills a sequence; read into a single-value
    /// field it is an error). A value with nothing to decode is borrowed from the request,
    /// so it can fill a `&str` field; a decoded one needs a `String` or `Cow<str>` field.
    ///
    /// ```
    /// use folio_core::{Config, PageSpec, RegistryBuilder, Resolution};
    /// #[derive(serde::Deserialize, Debug, PartialEq)]
    /// struct Search<'a> { q: &'a str, page: u32, tag: Vec<&'a str>, city: Option<String> }
    ///
    /// let mut b = RegistryBuilder::new(Config::new());
    /// b.page(PageSpec::new("pages.search").layout(()));
    /// let registry = b.build().unwrap();
    /// let query = "q=rust&page=2&tag=a&tag=b&city=Montr%C3%A9al";
    /// let Resolution::Page(m) = registry.resolve("/search", query) else { panic!() };
    /// let s: Search = m.query_as().unwrap();
    /// assert_eq!(s, Search { q: "rust", page: 2, tag: vec!["a", "b"], city: Some("Montréal".into()) });
    ///
    /// let Resolution::Page(m) = registry.resolve("/search", "q=a+b&page=1") else { panic!() };
    /// assert!(m.query_as::<Search>().is_err()); // "a b" was decoded: no `&str` to lend
    /// ```
    pub fn query_as<'a, D: de::Deserialize<'a>>(&'a self) -> Result<D, DeError>
    where
        'p: 'a,
    {
        D::deserialize(Fields {
            fields: self.query().grouped(),
        })
    }

    /// The page's merged arguments (path variables win over query keys, POLICY D13) as `D`.
    pub fn arguments_as<'a, D: de::Deserialize<'a>>(&'a self) -> Result<D, DeError> {
        let fields = self
            .arguments()
            .into_iter()
            .map(|(k, v)| match v {
                Argument::One(v) => (k, alloc::vec![v]),
                Argument::Many(vs) => (k, vs),
            })
            .collect();
        D::deserialize(Fields { fields })
    }
}

/// Deserializes `D` from named arguments that outlive any request — what an async handler
/// holds after the [`PageMatch`] is gone. Same rules as [`PageMatch::arguments_as`]: text
/// parsed on demand, a repeated key fills a sequence and is an error in a single-value field.
///
/// ```
/// use folio_core::{from_arguments, Argument};
/// #[derive(serde::Deserialize)]
/// struct Filter { city: String, page: u32, tags: Vec<String> }
///
/// let args = vec![
///     ("city".to_string(), Argument::One("Paris".into())),
///     ("page".to_string(), Argument::One("2".into())),
///     ("tags".to_string(), Argument::Many(vec!["a".into(), "b".into()])),
/// ];
/// let f: Filter = from_arguments(&args).unwrap();
/// assert_eq!((f.city.as_str(), f.page, f.tags.len()), ("Paris", 2, 2));
///
/// #[derive(serde::Deserialize, Debug)]
/// struct One { tags: String }
/// let err = from_arguments::<One, _>(&args).unwrap_err();
/// assert_eq!(err.to_string(), "tags: expected one value, found several");
/// ```
pub fn from_arguments<'a, D, K>(arguments: &'a [(K, Argument<'a>)]) -> Result<D, DeError>
where
    D: de::Deserialize<'a>,
    K: AsRef<str>,
{
    let fields = arguments
        .iter()
        .map(|(k, v)| {
            let values = match v {
                Argument::One(v) => alloc::vec![Cow::Borrowed(&**v)],
                Argument::Many(vs) => vs.iter().map(|v| Cow::Borrowed(&**v)).collect(),
            };
            (Cow::Borrowed(k.as_ref()), values)
        })
        .collect();
    D::deserialize(Fields { fields })
}

/// A map of field names to one or more text values.
struct Fields<'a> {
    fields: Vec<(Cow<'a, str>, Vec<Cow<'a, str>>)>,
}

impl<'de> de::Deserializer<'de> for Fields<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_map(FieldsAccess {
            fields: self.fields.into_iter(),
            value: None,
        })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

struct FieldsAccess<'a> {
    fields: alloc::vec::IntoIter<(Cow<'a, str>, Vec<Cow<'a, str>>)>,
    value: Option<(Cow<'a, str>, Vec<Cow<'a, str>>)>,
}

impl<'de> MapAccess<'de> for FieldsAccess<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, values)) = self.fields.next() else {
            return Ok(None);
        };
        let k = seed.deserialize(Text {
            text: key.clone(),
            field: &key,
        })?;
        self.value = Some((key, values));
        Ok(Some(k))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (key, values) = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("value without a key"))?;
        seed.deserialize(Values {
            field: &key,
            values,
        })
    }
}

/// The values of one field: a sequence when asked for one, else its one value (several
/// values for a single-value field are an error: which one was meant is not ours to guess).
struct Values<'f, 'a> {
    field: &'f str,
    values: Vec<Cow<'a, str>>,
}

impl<'de> de::Deserializer<'de> for Values<'_, 'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.values.len() > 1 {
            return self.deserialize_seq(visitor);
        }
        self.single()?.deserialize_any(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let field = self.field;
        visitor.visit_seq(ValuesSeq {
            field,
            values: self.values.into_iter(),
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.single()?.deserialize_enum(name, variants, visitor)
    }

    to_single! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8
        deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string
    }

    forward_to_deserialize_any! {
        i128 u128 bytes byte_buf unit unit_struct tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'f, 'a> Values<'f, 'a> {
    /// A single value is asked for: the field must have at most one.
    fn single(mut self) -> Result<Text<'f, 'a>, DeError> {
        if self.values.len() > 1 {
            return Err(DeError {
                message: alloc::format!("{}: expected one value, found several", self.field),
            });
        }
        Ok(Text {
            text: self.values.pop().unwrap_or(Cow::Borrowed("")),
            field: self.field,
        })
    }
}

struct ValuesSeq<'f, 'a> {
    field: &'f str,
    values: alloc::vec::IntoIter<Cow<'a, str>>,
}

impl<'de> SeqAccess<'de> for ValuesSeq<'_, 'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.values.next() {
            Some(text) => seed
                .deserialize(Text {
                    text,
                    field: self.field,
                })
                .map(Some),
            None => Ok(None),
        }
    }
}

/// One text value, parsed on demand into what the visitor asks for.
struct Text<'f, 'a> {
    text: Cow<'a, str>,
    field: &'f str,
}

impl Text<'_, '_> {
    fn parse<N: core::str::FromStr>(&self, what: &str) -> Result<N, DeError> {
        self.text.parse().map_err(|_| DeError {
            message: alloc::format!("{}: invalid {what} `{}`", self.field, self.text),
        })
    }
}

macro_rules! parse_as {
    ($($method:ident => $visit:ident, $ty:ty, $what:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            visitor.$visit(self.parse::<$ty>($what)?)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Text<'_, 'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.text {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    parse_as! {
        deserialize_bool => visit_bool, bool, "boolean";
        deserialize_i8 => visit_i8, i8, "number";
        deserialize_i16 => visit_i16, i16, "number";
        deserialize_i32 => visit_i32, i32, "number";
        deserialize_i64 => visit_i64, i64, "number";
        deserialize_u8 => visit_u8, u8, "number";
        deserialize_u16 => visit_u16, u16, "number";
        deserialize_u32 => visit_u32, u32, "number";
        deserialize_u64 => visit_u64, u64, "number";
        deserialize_f32 => visit_f32, f32, "number";
        deserialize_f64 => visit_f64, f64, "number";
        deserialize_char => visit_char, char, "character";
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let text: String = self.text.into_owned();
        visitor.visit_enum(text.into_deserializer())
    }

    forward_to_deserialize_any! {
        i128 u128 str string bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, DeError> for Text<'_, 'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

//! Typed URL building (feature `serde`): a struct in, a URL out. Fields named like the
//! page's path variables fill the template; the other fields become the query string.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};

use crate::registry::Registry;
use crate::url::UrlError;

impl<T> Registry<T> {
    /// [`url_for`](Registry::url_for) with the values taken from a struct: fields named like
    /// the page's variables fill the path, the rest go to the query (`None` fields are left
    /// out, a sequence field repeats its key).
    ///
    /// ```
    /// use folio_core::{Config, PageSpec, RegistryBuilder};
    /// #[derive(serde::Serialize)]
    /// struct Report { year: u16, month: u8, tab: Option<&'static str>, tags: Vec<&'static str> }
    ///
    /// let mut b = RegistryBuilder::new(Config::new());
    /// b.page(PageSpec::new("pages.report").path_template("/report/<year>/<month>").layout(()));
    /// let registry = b.build().unwrap();
    /// let url = registry.url_for_value("pages.report", &Report { year: 2024, month: 5, tab: None, tags: vec!["a", "b c"] });
    /// assert_eq!(url.unwrap(), "/report/2024/5?tags=a&tags=b+c");
    /// ```
    pub fn url_for_value(&self, module: &str, value: &impl Serialize) -> Result<String, UrlError> {
        let mut fields = Fields::default();
        value
            .serialize(&mut fields)
            .map_err(|e| UrlError::Value { message: e.0 })?;
        let page = self.page(module).ok_or_else(|| UrlError::UnknownPage {
            module: String::from(module),
        })?;
        let names: Vec<&str> = page
            .template()
            .map(|t| t.variables().collect())
            .unwrap_or_default();
        let (vars, query): (Vec<_>, Vec<_>) = fields
            .pairs
            .iter()
            .partition(|(k, _)| names.contains(&k.as_str()));
        let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let query: Vec<(&str, &str)> = query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.url_for(module, &vars, &query)
    }
}

#[derive(Debug)]
struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl core::error::Error for Error {}

impl ser::Error for Error {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Error(msg.to_string())
    }
}

/// Collects a flat struct (or map) of scalars and sequences of scalars.
#[derive(Default)]
struct Fields {
    pairs: Vec<(String, String)>,
}

fn only_structs() -> Error {
    Error(String::from(
        "URL values must be a struct or a map of scalars",
    ))
}

macro_rules! reject {
    ($($method:ident($($arg:ty),*);)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<Self::Ok, Error> {
            Err(only_structs())
        }
    )*};
}

impl<'a> Serializer for &'a mut Fields {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = MapFields<'a>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    reject! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_str(&str); serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<V: Serialize + ?Sized>(self, value: &V) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), Error> {
        Err(only_structs())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(only_structs())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(only_structs())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(only_structs())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(only_structs())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(MapFields {
            fields: self,
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(only_structs())
    }
}

impl SerializeStruct for &mut Fields {
    type Ok = ();
    type Error = Error;

    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), Error> {
        value.serialize(FieldValue {
            key,
            out: &mut self.pairs,
        })
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

struct MapFields<'a> {
    fields: &'a mut Fields,
    key: Option<String>,
}

impl ser::SerializeMap for MapFields<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), Error> {
        let mut text = Vec::new();
        key.serialize(FieldValue {
            key: "",
            out: &mut text,
        })?;
        self.key = text.pop().map(|(_, v)| v);
        Ok(())
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error(String::from("map value without a key")))?;
        let mut pairs = Vec::new();
        value.serialize(FieldValue {
            key: "",
            out: &mut pairs,
        })?;
        self.fields
            .pairs
            .extend(pairs.into_iter().map(|(_, v)| (key.clone(), v)));
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// One field's value: a scalar as text, `None` as nothing, a sequence as repeated keys.
struct FieldValue<'a> {
    key: &'a str,
    out: &'a mut Vec<(String, String)>,
}

impl FieldValue<'_> {
    fn push(self, value: impl ToString) -> Result<(), Error> {
        self.out.push((String::from(self.key), value.to_string()));
        Ok(())
    }
}

macro_rules! scalar {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.push(v)
        }
    )*};
}

impl<'a> Serializer for FieldValue<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = SeqValues<'a>;
    type SerializeTuple = SeqValues<'a>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    scalar! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_str(&str);
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error(alloc::format!(
            "{}: bytes cannot go in a URL",
            self.key
        )))
    }
    fn serialize_none(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_some<V: Serialize + ?Sized>(self, value: &V) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.push("")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.push("")
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.push(variant)
    }
    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), Error> {
        Err(self.nested())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<SeqValues<'a>, Error> {
        Ok(SeqValues {
            key: self.key,
            out: self.out,
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<SeqValues<'a>, Error> {
        Ok(SeqValues {
            key: self.key,
            out: self.out,
        })
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(self.nested())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(self.nested())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(self.nested())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(self.nested())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(self.nested())
    }
}

impl FieldValue<'_> {
    fn nested(&self) -> Error {
        Error(alloc::format!(
            "{}: nested values cannot go in a URL",
            self.key
        ))
    }
}

/// A sequence field: each element is one more value of the same key.
struct SeqValues<'a> {
    key: &'a str,
    out: &'a mut Vec<(String, String)>,
}

impl ser::SerializeSeq for SeqValues<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Error> {
        value.serialize(FieldValue {
            key: self.key,
            out: self.out,
        })
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTuple for SeqValues<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Error> {
        value.serialize(FieldValue {
            key: self.key,
            out: self.out,
        })
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

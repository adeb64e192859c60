//! Registry introspection (feature `serde`): the registry serializes to the shape of Dash's
//! `dash.page_registry` — an ordered map from module to record, with `supplied_*` values
//! beside the effective ones and custom keys kept.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::custom::CustomValue;
use crate::order::Order;
use crate::page::{Page, PageText};
use crate::registry::Registry;

/// Module → record, in registry order. Layouts are not serialized (they are code);
/// computed titles and descriptions appear as `"<callable>"`, as in the conformance vectors.
///
/// ```
/// use folio_core::{Config, Order, PageSpec, RegistryBuilder};
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(PageSpec::new("pages.weekly_analytics").order(Order::Int(2)).extra("location", "sidebar").layout(()));
/// let json = serde_json::to_value(b.build().unwrap()).unwrap();
/// let page = &json["pages.weekly_analytics"];
/// assert_eq!(page["path"], "/weekly-analytics");
/// assert_eq!(page["supplied_path"], serde_json::Value::Null);
/// assert_eq!(page["name"], "Weekly analytics");
/// assert_eq!(page["order"], 2);
/// assert_eq!(page["location"], "sidebar");
/// ```
impl<T> Serialize for Registry<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.pages.len()))?;
        for page in self.pages() {
            map.serialize_entry(page.module(), page)?;
        }
        map.end()
    }
}

impl<T> Serialize for Page<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("module", self.module())?;
        map.serialize_entry("supplied_path", &self.supplied_path())?;
        map.serialize_entry("path_template", &self.path_template())?;
        map.serialize_entry("path", self.path())?;
        map.serialize_entry("supplied_name", &self.supplied_name())?;
        map.serialize_entry("name", self.name())?;
        let title = TextValue(self.title());
        map.serialize_entry(
            "supplied_title",
            &self.has_supplied_title().then_some(&title),
        )?;
        map.serialize_entry("title", &title)?;
        map.serialize_entry("description", &TextValue(self.description()))?;
        map.serialize_entry("order", &self.order())?;
        map.serialize_entry("supplied_order", &self.supplied_order())?;
        for (key, value) in self.extra() {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("supplied_image", &self.supplied_image())?;
        map.serialize_entry("image", &self.image())?;
        map.serialize_entry("image_url", &self.image_url())?;
        map.serialize_entry("redirect_from", self.redirect_from())?;
        map.serialize_entry("relative_path", self.relative_path())?;
        map.end()
    }
}

struct TextValue<'a>(PageText<'a>);

impl Serialize for TextValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            PageText::Fixed(s) => serializer.serialize_str(s),
            PageText::Computed(_) => serializer.serialize_str("<callable>"),
        }
    }
}

/// Integers stay integers, floats floats, text text.
impl Serialize for Order {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Order::Int(i) => serializer.serialize_i64(*i),
            Order::Float(f) => serializer.serialize_f64(*f),
            Order::Text(t) => serializer.serialize_str(t),
        }
    }
}

/// As JSON would show it: `3` a number, `3.0` a float, `true` a boolean, `None` null.
impl Serialize for CustomValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CustomValue::Null => serializer.serialize_unit(),
            CustomValue::Bool(value) => serializer.serialize_bool(*value),
            CustomValue::Int(value) => serializer.serialize_i64(*value),
            CustomValue::Float(value) => serializer.serialize_f64(*value),
            CustomValue::Text(text) => serializer.serialize_str(text),
            CustomValue::List(values) => serializer.collect_seq(values),
            CustomValue::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

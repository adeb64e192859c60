//! The values of a page's custom keys (Dash's `**kwargs` to `register_page`).
//!
//! Dash keeps any Python value under a custom key and prints it in `page_registry` as given,
//! so `icon_size=3` stays a number and `hidden=True` a boolean. folio keeps the JSON-shaped
//! subset (what a record of the registry can show); text is by far the common case, so every
//! kind converts `Into` a value and `.extra("location", "sidebar")` reads as before.

use alloc::string::String;
use alloc::vec::Vec;

/// One custom value: text, a number, a boolean, nothing, or a list or map of values.
///
/// ```
/// use folio_core::{Config, CustomValue, PageSpec, RegistryBuilder};
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(
///     PageSpec::new("pages.sales")
///         .extra("location", "sidebar")
///         .extra("icon_size", 3)
///         .extra("hidden", false)
///         .layout(()),
/// );
/// let registry = b.build().unwrap();
/// let page = registry.page("pages.sales").unwrap();
/// assert_eq!(page.extra_text("location"), Some("sidebar"));
/// assert_eq!(page.extra_value("icon_size"), Some(&CustomValue::Int(3)));
/// assert_eq!(page.extra_text("icon_size"), None);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum CustomValue {
    /// Python's `None`, JSON's `null`.
    Null,
    /// `True` / `False`.
    Bool(bool),
    /// A Python `int` that fits 64 bits.
    Int(i64),
    /// Kept as a float even when whole (`2.0` prints as `2.0`, as in Python).
    Float(f64),
    /// The common case: `location="sidebar"`.
    Text(String),
    /// A list or tuple.
    List(Vec<CustomValue>),
    /// Keys in the order given.
    Map(Vec<(String, CustomValue)>),
}

impl CustomValue {
    /// The text, when the value is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            CustomValue::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl From<&str> for CustomValue {
    fn from(text: &str) -> Self {
        CustomValue::Text(String::from(text))
    }
}

impl From<String> for CustomValue {
    fn from(text: String) -> Self {
        CustomValue::Text(text)
    }
}

impl From<bool> for CustomValue {
    fn from(value: bool) -> Self {
        CustomValue::Bool(value)
    }
}

impl From<i64> for CustomValue {
    fn from(value: i64) -> Self {
        CustomValue::Int(value)
    }
}

impl From<i32> for CustomValue {
    fn from(value: i32) -> Self {
        CustomValue::Int(i64::from(value))
    }
}

impl From<f64> for CustomValue {
    fn from(value: f64) -> Self {
        CustomValue::Float(value)
    }
}

impl From<Vec<CustomValue>> for CustomValue {
    fn from(values: Vec<CustomValue>) -> Self {
        CustomValue::List(values)
    }
}

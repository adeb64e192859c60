//! folio-core: the page registry and URL routing of Dash Pages as a sans-IO, `no_std` core.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

pub mod streamlit;

mod decode;
mod error;
mod naming;
mod query;
mod template;
mod unicode;

pub use decode::{decode_form, percent_decode};
pub use error::{BuildError, ConfigError, ModuleError, TemplateError};
pub use naming::{last_component, module_components, DashNaming, Naming};
pub use query::{Pairs, Query};
pub use template::Template;
mod config;
mod image;
mod index;
mod order;
mod page;
mod registry;
mod resolve;

pub use config::Config;
pub use image::{infer_image, AssetFiles};
pub use order::Order;
pub use page::{Page, PageSpec, Text};
pub use registry::{Registry, RegistryBuilder};
pub use resolve::{Argument, NotFound, PageMatch, Redirect, Resolution};
mod head;

pub use head::{write_escaped, Head};

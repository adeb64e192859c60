//! folio-core: the page registry and URL routing of Dash Pages as a sans-IO, `no_std` core.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

pub mod streamlit;

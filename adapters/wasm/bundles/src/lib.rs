//! The browser bundles of folio-wasm, built by `adapters/wasm/ci.sh` as release `cdylib`
//! examples: `demo` (the router alone, core + adapter, the one whose size is measured) and
//! `gallery_client` (the gallery's pages in the browser). Nothing else lives here: the
//! package exists so that the bundles are built without folio-wasm's dev-dependencies,
//! whose folio-core features (`unicode-case`) a browser page does not need.
#![no_std]

//! Discovers the pages folder (one file = one page, no central list) and lists the assets
//! folder for meta-image inference in the browser, where no folder can be read.

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    if let Err(e) = folio_build::Pages::new("pages")
        .layout_type("crate::Layout")
        .generate()
    {
        panic!("folio-build: {e}");
    }
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let assets = manifest.join("assets");
    println!("cargo:rerun-if-changed={}", assets.display());
    let mut names: Vec<String> = fs::read_dir(&assets)
        .expect("examples/gallery/assets is readable")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo")).join("assets.rs");
    fs::write(out, format!("&{names:?}\n")).expect("OUT_DIR is writable");
}

//! Finds the `resolve` conformance vectors for the browser tests (`tests/browser.rs`
//! embeds them: a wasm test cannot read files). `FOLIO_VECTORS` is a `:`-separated list of
//! directories, as for `folio-conformance`; the default is the public Dash spec beside the
//! repository. Writes `vectors.rs` in `OUT_DIR`: `(file, contents)` pairs.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-env-changed=FOLIO_VECTORS");
    println!("cargo:rerun-if-changed=build.rs");
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dirs: Vec<PathBuf> = match env::var("FOLIO_VECTORS") {
        Ok(v) if !v.is_empty() => env::split_paths(&v).collect(),
        _ => vec![manifest.join("../../../shared/conformance/dash/spec/public")],
    };
    let mut entries = String::new();
    for dir in &dirs {
        for name in ["resolve.json", "extra_resolve.json"] {
            let path = dir.join(name);
            if path.is_file() {
                println!("cargo:rerun-if-changed={}", path.display());
                let path = fs::canonicalize(&path).unwrap_or(path);
                entries.push_str(&format!(
                    "    ({:?}, include_str!({:?})),\n",
                    path.display().to_string(),
                    path.display().to_string()
                ));
            } else {
                println!("cargo:rerun-if-changed={}", dir.display());
            }
        }
    }
    let out = Path::new(&env::var("OUT_DIR").expect("set by cargo")).join("vectors.rs");
    fs::write(
        out,
        format!("/// `(path, contents)` of every resolve vector file found.\npub const VECTOR_FILES: &[(&str, &str)] = &[\n{entries}];\n"),
    )
    .expect("OUT_DIR is writable");
}

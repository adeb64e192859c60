//! The app's assets folder: listed once at start-up for meta-image inference (the
//! adapters serve it with their framework's static-file service).

use std::io;
use std::path::{Path, PathBuf};

use folio_core::AssetFiles;

/// A snapshot of an assets folder's top-level entries (files by name, folders as
/// `name/`, which image inference ignores), read once.
///
/// ```
/// use folio_server_common::AssetsDir;
/// let dir = std::env::temp_dir().join(format!("folio-assets-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("logo.png"), b"").unwrap();
/// let assets = AssetsDir::read(&dir).unwrap();
/// assert_eq!(assets.files(), ["logo.png"]);
/// assert_eq!(folio_core::infer_image("pages.home", &assets).as_deref(), Some("logo.png"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug, Clone)]
pub struct AssetsDir {
    path: PathBuf,
    files: Vec<String>,
}

impl AssetsDir {
    /// Lists `path` (sorted; names that are not UTF-8 are skipped).
    pub fn read(path: impl AsRef<Path>) -> io::Result<Self> {
        let path = path.as_ref().to_path_buf();
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&path)? {
            let entry = entry?;
            let Ok(mut name) = entry.file_name().into_string() else {
                continue;
            };
            if entry.file_type()?.is_dir() {
                name.push('/');
            }
            files.push(name);
        }
        files.sort();
        Ok(AssetsDir { path, files })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The entries, sorted.
    pub fn files(&self) -> &[String] {
        &self.files
    }
}

impl AssetFiles for AssetsDir {
    fn for_each_file(&self, f: &mut dyn FnMut(&str)) {
        self.files.iter().for_each(|name| f(name));
    }
}

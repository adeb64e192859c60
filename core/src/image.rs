//! Meta images: inference from the assets folder (SEMANTICS §6, POLICY D15) and asset URLs
//! (POLICY D16).

use alloc::string::String;

use crate::decode::{SEGMENT_KEEP, encode_into};
use crate::naming::last_component;

/// The file names in an app's assets folder, supplied by the caller (the core does no IO).
/// An entry with a `/` (a file in a subfolder, or a directory written `name/`) is ignored by
/// image inference.
///
/// ```
/// use folio_core::AssetFiles;
/// let files = ["logo.png", "app.svg"];
/// let mut seen = Vec::new();
/// files.for_each_file(&mut |f| seen.push(f.to_string()));
/// assert_eq!(seen, ["logo.png", "app.svg"]);
/// ```
pub trait AssetFiles {
    /// Calls `f` with every file name.
    fn for_each_file(&self, f: &mut dyn FnMut(&str));
}

impl<S: AsRef<str>> AssetFiles for [S] {
    fn for_each_file(&self, f: &mut dyn FnMut(&str)) {
        self.iter().for_each(|s| f(s.as_ref()));
    }
}

impl<S: AsRef<str>, const N: usize> AssetFiles for [S; N] {
    fn for_each_file(&self, f: &mut dyn FnMut(&str)) {
        self.as_slice().for_each_file(f);
    }
}

impl<S: AsRef<str>> AssetFiles for alloc::vec::Vec<S> {
    fn for_each_file(&self, f: &mut dyn FnMut(&str)) {
        self.as_slice().for_each_file(f);
    }
}

const IMAGE_EXTENSIONS: [&str; 8] = ["apng", "avif", "gif", "jpeg", "jpg", "png", "svg", "webp"];

/// The image Dash would pick for a page: a file named after the page (its module's last
/// component, or that with `_` → `-`), else `app.*`, else `logo.*`, with an image
/// extension (case-insensitive; the stem is the text before the first `.`). Among files of
/// the same rank the smallest name in byte order wins (POLICY D15).
///
/// ```
/// use folio_core::infer_image;
/// let files = ["logo.png", "weekly-analytics.jpg", "app.png"];
/// assert_eq!(infer_image("pages.weekly_analytics", &files).as_deref(), Some("weekly-analytics.jpg"));
/// assert_eq!(infer_image("pages.other", &files).as_deref(), Some("app.png"));
/// ```
pub fn infer_image(module: &str, files: &(impl AssetFiles + ?Sized)) -> Option<String> {
    let page_id = last_component(module);
    let dashed = page_id.replace('_', "-");
    let mut best: [Option<String>; 3] = [None, None, None];
    files.for_each_file(&mut |name| {
        if name.contains('/') {
            return;
        }
        let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
        if !IMAGE_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)) {
            return;
        }
        let rank = if stem == page_id || stem == dashed {
            0
        } else if stem == "app" {
            1
        } else if stem == "logo" {
            2
        } else {
            return;
        };
        if best[rank]
            .as_deref()
            .is_none_or(|b| name.as_bytes() < b.as_bytes())
        {
            best[rank] = Some(String::from(name));
        }
    });
    best.into_iter().flatten().next()
}

/// POLICY D16: the assets base, then the assets URL path, then the file name with each
/// segment percent-encoded, joined with exactly one `/`.
#[cfg(test)]
fn asset_url(base: &str, assets_url_path: &str, file: &str) -> String {
    let mut out = String::with_capacity(base.len() + assets_url_path.len() + file.len() + 2);
    out.push_str(base);
    push_asset_path(&mut out, assets_url_path, file);
    out
}

/// Appends the assets URL path and the encoded file to `out`, which holds the base (a
/// trailing `/` of it is dropped). One buffer: a served page's head makes this URL on
/// every request.
pub(crate) fn push_asset_path(out: &mut String, assets_url_path: &str, file: &str) {
    let base_len = out.trim_end_matches('/').len();
    out.truncate(base_len);
    let middle = assets_url_path.trim_matches('/');
    if !middle.is_empty() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(middle);
    }
    let before_name = out.len();
    if !out.is_empty() {
        out.push('/');
    }
    let name_start = out.len();
    for (i, segment) in file.trim_start_matches('/').split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        encode_into(out, segment, SEGMENT_KEEP);
    }
    if out.len() == name_start {
        // An empty name: no separator for it either.
        out.truncate(before_name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_byte_order() {
        assert_eq!(
            infer_image("pages.a", &["app.png", "app.jpg"]).as_deref(),
            Some("app.jpg")
        );
        assert_eq!(infer_image("pages.a", &["logo.min.png", "x/"]), None);
        assert_eq!(
            infer_image("pages.a", &["Logo.png", "logo.PNG"]).as_deref(),
            Some("logo.PNG")
        );
        assert_eq!(infer_image("pages.a-b", &["a_b.png"]), None);
    }

    #[test]
    fn urls_join_with_one_slash() {
        assert_eq!(
            asset_url("http://h/app/", "/assets/", "/x y.png"),
            "http://h/app/assets/x%20y.png"
        );
        assert_eq!(
            asset_url("https://cdn/", "/", "a/b%.png"),
            "https://cdn/a/b%25.png"
        );
        // An empty name adds no separator; an empty base and middle add none before it.
        assert_eq!(asset_url("http://h/", "/assets/", ""), "http://h/assets");
        assert_eq!(asset_url("http://h//", "", "/"), "http://h");
        assert_eq!(asset_url("", "", "a b"), "a%20b");
        assert_eq!(asset_url("", "/x/", "a//b"), "x/a//b");
    }
}

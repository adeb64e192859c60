//! [`PreparedHead`]: a page's head written once, at start-up, but for the request's origin
//! and target, so that a server writes it on every request as a few copies.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write};

use super::Text;
use crate::page::Page;
use crate::registry::Registry;

/// The head of one page as [`Registry::write_head`] writes it for a request to that page,
/// made once: its fixed text (title, description, tags and image, escaped) with the places
/// of the request's origin and target. Writing it copies the fixed parts and escapes the
/// two request values; `write_head` scans and escapes the page's texts and makes the image
/// URL again on every request, reading each from its own place in the registry.
///
/// ```
/// use folio_core::{Config, PageSpec, RegistryBuilder, Resolution};
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(PageSpec::new("pages.home").path("/").title("Home & co").image("logo.svg").layout(()));
/// let registry = b.build().unwrap();
/// let page = registry.pages().next().unwrap();
/// let prepared = registry.prepare_head(page).unwrap();
/// let (mut fast, mut made) = (String::new(), String::new());
/// assert_eq!(prepared.write("http://h", "/?a=1&b=2", &mut fast), Some(Ok(())));
/// registry.write_head(&registry.resolve("/", "a=1&b=2"), "http://h", "/?a=1&b=2", &mut made).unwrap();
/// assert_eq!(fast, made);
/// ```
#[derive(Debug, Clone)]
pub struct PreparedHead {
    /// The fixed parts, one after another.
    text: String,
    /// Where each fixed part but the last ends in `text`, and which request value follows.
    holes: Vec<(usize, Hole)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hole {
    Origin,
    Target,
}

/// Two pairs of stand-ins for the origin and the target: each is non-empty, ends without
/// `/`, holds no `#` and nothing to escape, which is all `write_head` looks at in them. A
/// page text holding one pair would read as a hole in that pair's writing but not in the
/// other's: the two writings must agree (see `prepare_head`).
const STAND_INS: [(&str, &str); 2] = [("\u{0}o", "\u{0}t"), ("\u{1}p", "\u{1}u")];

impl<T> Registry<T> {
    /// `page`'s head prepared for [`PreparedHead::write`], or `None` when its title or
    /// description is computed from the path's variables (it differs by request: use
    /// [`write_head`](Self::write_head)).
    pub fn prepare_head(&self, page: &Page<T>) -> Option<PreparedHead> {
        let (title, description) = (page.title(), page.description());
        if title.is_computed() || description.is_computed() {
            return None;
        }
        let (title, description) = (title.render(&[]), description.render(&[]));
        let [first, second] = STAND_INS.map(|(origin, target)| {
            let mut text = String::new();
            let source = self.page_source(
                page,
                Cow::Borrowed(&*title),
                Cow::Borrowed(&*description),
                target,
            );
            // Writing to a String cannot fail.
            let _ = self.write_source(&source, origin, &mut text);
            split(&text, origin, target)
        });
        (first.text == second.text && first.holes == second.holes).then_some(first)
    }
}

/// `text` with every `origin` and `target` taken out and marked as a hole.
fn split(text: &str, origin: &str, target: &str) -> PreparedHead {
    let mut prepared = PreparedHead {
        text: String::with_capacity(text.len()),
        holes: Vec::new(),
    };
    let mut rest = text;
    loop {
        let next = [(origin, Hole::Origin), (target, Hole::Target)]
            .into_iter()
            .filter_map(|(stand_in, hole)| rest.find(stand_in).map(|at| (at, stand_in, hole)))
            .min_by_key(|&(at, _, _)| at);
        let Some((at, stand_in, hole)) = next else {
            prepared.text.push_str(rest);
            return prepared;
        };
        prepared.text.push_str(&rest[..at]);
        prepared.holes.push((prepared.text.len(), hole));
        rest = &rest[at + stand_in.len()..];
    }
}

impl PreparedHead {
    /// Writes what [`Registry::write_head`] writes for a request with this `origin` and
    /// `target` (the raw request target; a fragment is dropped) that resolves to the page
    /// this head was prepared for. `None`, and nothing written, for an empty origin or one
    /// ending with `/` (the image URL then joins its parts differently): use `write_head`.
    #[must_use]
    pub fn write(&self, origin: &str, target: &str, out: &mut impl Write) -> Option<fmt::Result> {
        if origin.is_empty() || origin.ends_with('/') {
            return None;
        }
        let target = target.split('#').next().unwrap_or("");
        Some(self.write_parts(Text::new(origin), Text::new(target), out))
    }

    fn write_parts(&self, origin: Text<'_>, target: Text<'_>, out: &mut impl Write) -> fmt::Result {
        let mut start = 0;
        for &(end, hole) in &self.holes {
            // Holes are positions `split` took in `text`, in order: in bounds, on char
            // boundaries (after whole strings).
            out.write_str(self.text.get(start..end).unwrap_or_default())?;
            match hole {
                Hole::Origin => origin.write(out)?,
                Hole::Target => target.write(out)?,
            }
            start = end;
        }
        out.write_str(self.text.get(start..).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use alloc::borrow::ToOwned;
    use alloc::string::String;

    use crate::{Config, PageSpec, RegistryBuilder, Text};

    /// The prepared head writes what `write_head` writes, for every page shape the image
    /// and escape rules tell apart, and for origins and targets with things to escape.
    #[test]
    fn a_prepared_head_is_the_head_written_per_request() {
        let configs = [
            Config::new(),
            Config::new().url_base_pathname("/app/"),
            Config::new().assets_url_path("/static/files/"),
            Config::new().assets_external_path("https://cdn.example/x/"),
            Config::new().include_pages_meta(false),
        ];
        let origins = ["http://h", "http://a&b", "https://example.com:8080", "x"];
        let targets = ["/p", "/p?a=1&b=<2>", "/p#frag", "/p?q=\"'\u{0}o"];
        for config in configs {
            let mut b = RegistryBuilder::new(config);
            b.page(
                PageSpec::new("pages.p")
                    .path("/p")
                    .title("A & <b>")
                    .image("logo.svg")
                    .layout(()),
            );
            b.page(
                PageSpec::new("pages.q")
                    .path("/q")
                    .image("a b&c.png")
                    .description("'d\"")
                    .layout(()),
            );
            b.page(
                PageSpec::new("pages.r")
                    .path("/r")
                    .image_url("http://i/x.png?a&b")
                    .layout(()),
            );
            b.page(
                PageSpec::new("pages.s")
                    .path("/s")
                    .title("x\u{0}oy\u{1}u")
                    .layout(()),
            );
            let computed = Text::computed(|v| alloc::format!("T {}", v[0].1));
            b.page(
                PageSpec::new("pages.t")
                    .path_template("/t/<id>")
                    .title(computed)
                    .layout(()),
            );
            let registry = b.build().unwrap();
            let prefix = registry.requests_prefix().to_owned();
            for page in registry.pages() {
                let path = page.path().to_owned();
                let Some(prepared) = registry.prepare_head(page) else {
                    // Computed (`/t/<id>`), or holding stand-ins (`/s`).
                    assert!(
                        path == "/s" || path.starts_with("/t"),
                        "{path} not prepared"
                    );
                    continue;
                };
                for origin in origins {
                    for target in targets {
                        let target =
                            target.replacen("/p", &alloc::format!("{prefix}{}", &path[1..]), 1);
                        let base = target.split('#').next().unwrap_or("");
                        let (path_part, query) = base.split_once('?').unwrap_or((base, ""));
                        let resolution = registry.resolve(path_part, query);
                        let (mut fast, mut made) = (String::new(), String::new());
                        assert_eq!(prepared.write(origin, &target, &mut fast), Some(Ok(())));
                        registry
                            .write_head(&resolution, origin, &target, &mut made)
                            .unwrap();
                        assert_eq!(fast, made, "{path} {origin} {target}");
                    }
                }
                let mut out = String::new();
                assert_eq!(prepared.write("", "/", &mut out), None);
                assert_eq!(prepared.write("http://h/", "/", &mut out), None);
                assert!(out.is_empty());
            }
        }
    }
}

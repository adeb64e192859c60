//! [`PreparedHead`]: a page's head written once, at start-up, but for the request's origin
//! and target, so that a server writes it on every request as a few copies.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write};

use super::{Text, texts};
use crate::page::{Page, PageText};
use crate::registry::Registry;
use crate::resolve::PageMatch;

/// The head of one page as [`Registry::write_head`] writes it for a request to that page,
/// made once: its fixed text (tags, image and the title and description when they are
/// fixed, escaped) with the places of the request's origin and target and of a computed
/// title or description. Writing it copies the fixed parts and escapes the request's
/// values; `write_head` scans and escapes the page's texts and makes the image URL again on
/// every request, reading each from its own place in the registry.
///
/// ```
/// use folio_core::{Config, PageSpec, RegistryBuilder, Resolution, Text};
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(PageSpec::new("pages.home").path("/").title("Home & co").image("logo.svg").layout(()));
/// let title = Text::computed(|v| format!("Report <{}>", v[0].1));
/// b.page(PageSpec::new("pages.report").path_template("/report/<id>").title(title).layout(()));
/// let registry = b.build().unwrap();
/// let page = registry.pages().next().unwrap();
/// let prepared = registry.prepare_head(page).unwrap();
/// let (mut fast, mut made) = (String::new(), String::new());
/// assert_eq!(prepared.write("http://h", "/?a=1&b=2", &mut fast), Some(Ok(())));
/// registry.write_head(&registry.resolve("/", "a=1&b=2"), "http://h", "/?a=1&b=2", &mut made).unwrap();
/// assert_eq!(fast, made);
///
/// // A computed title is written from the request's match.
/// let resolution = registry.resolve("/report/7", "");
/// let Resolution::Page(m) = &resolution else { panic!() };
/// let prepared = registry.prepare_head(m.page()).unwrap();
/// let (mut fast, mut made) = (String::new(), String::new());
/// assert_eq!(prepared.write("http://h", "/report/7", &mut fast), None);
/// assert_eq!(prepared.write_match(m, "http://h", "/report/7", &mut fast), Some(Ok(())));
/// registry.write_head(&resolution, "http://h", "/report/7", &mut made).unwrap();
/// assert_eq!(fast, made);
/// assert!(fast.starts_with("<title>Report &lt;7&gt;</title>"));
/// ```
#[derive(Debug, Clone)]
pub struct PreparedHead {
    /// The fixed parts, one after another.
    text: String,
    /// Where each fixed part but the last ends in `text`, and which value follows.
    holes: Vec<(usize, Hole)>,
    /// Whether a hole is the title or the description (computed per request).
    computed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hole {
    Origin,
    Target,
    Title,
    Description,
}

/// Two sets of stand-ins for the origin, the target, the title and the description: each
/// is non-empty, ends without `/`, holds no `#` and nothing to escape, which is all
/// `write_head` looks at in them. A fixed page text holding one set's stand-in would read
/// as a hole in that set's writing but not in the other's: the two writings must agree
/// (see `prepare_head`).
const STAND_INS: [[&str; 4]; 2] = [
    ["\u{0}o", "\u{0}t", "\u{0}T", "\u{0}D"],
    ["\u{1}p", "\u{1}u", "\u{1}U", "\u{1}E"],
];

/// The hole each stand-in of a set marks, in [`STAND_INS`]' order.
const HOLES: [Hole; 4] = [Hole::Origin, Hole::Target, Hole::Title, Hole::Description];

impl<T> Registry<T> {
    /// `page`'s head prepared for [`PreparedHead::write`] (or, when its title or
    /// description is computed from the path's variables,
    /// [`PreparedHead::write_match`]); `None` when a fixed title or description holds the
    /// characters the preparation marks its holes with (use
    /// [`write_head`](Self::write_head)).
    pub fn prepare_head(&self, page: &Page<T>) -> Option<PreparedHead> {
        let (title, description) = (page.title(), page.description());
        // A fixed text as it is, a computed one as its stand-in.
        fn text_or<'a>(text: PageText<'a>, stand_in: &'static str) -> Cow<'a, str> {
            match text.is_computed() {
                true => Cow::Borrowed(stand_in),
                false => text.render(&[]),
            }
        }
        let [first, second] = STAND_INS.map(|stand_ins| {
            let mut text = String::new();
            let source = self.page_source(
                page,
                text_or(title, stand_ins[2]),
                text_or(description, stand_ins[3]),
                stand_ins[1],
            );
            // Writing to a String cannot fail.
            let _ = self.write_source(&source, stand_ins[0], &mut text);
            split(&text, stand_ins)
        });
        (first.text == second.text && first.holes == second.holes).then_some(first)
    }
}

/// `text` with every stand-in taken out and marked as its hole.
fn split(text: &str, stand_ins: [&str; 4]) -> PreparedHead {
    let mut prepared = PreparedHead {
        text: String::with_capacity(text.len()),
        holes: Vec::new(),
        computed: false,
    };
    let mut rest = text;
    loop {
        let next = (stand_ins.into_iter().zip(HOLES))
            .filter_map(|(stand_in, hole)| rest.find(stand_in).map(|at| (at, stand_in, hole)))
            .min_by_key(|&(at, _, _)| at);
        let Some((at, stand_in, hole)) = next else {
            prepared.text.push_str(rest);
            return prepared;
        };
        prepared.text.push_str(&rest[..at]);
        prepared.holes.push((prepared.text.len(), hole));
        prepared.computed |= matches!(hole, Hole::Title | Hole::Description);
        rest = &rest[at + stand_in.len()..];
    }
}

impl PreparedHead {
    /// Writes what [`Registry::write_head`] writes for a request with this `origin` and
    /// `target` (the raw request target; a fragment is dropped) that resolves to the page
    /// this head was prepared for. `None`, and nothing written, for an empty origin or one
    /// ending with `/` (the image URL then joins its parts differently: use `write_head`),
    /// or when the page's title or description is computed (use
    /// [`write_match`](Self::write_match)).
    #[must_use]
    pub fn write(&self, origin: &str, target: &str, out: &mut impl Write) -> Option<fmt::Result> {
        if self.computed {
            return None;
        }
        self.write_texts(origin, target, ("", ""), out)
    }

    /// [`write`](Self::write) for the request `m`, a match of the page this head was
    /// prepared for: a computed title or description is rendered from `m`'s variables (read
    /// once for the two). `None`, and nothing written, for an empty origin or one ending
    /// with `/`.
    #[must_use]
    pub fn write_match<T>(
        &self,
        m: &PageMatch<'_, '_, T>,
        origin: &str,
        target: &str,
        out: &mut impl Write,
    ) -> Option<fmt::Result> {
        if !self.computed {
            return self.write_texts(origin, target, ("", ""), out);
        }
        let (title, description) = texts(m);
        self.write_texts(origin, target, (&title, &description), out)
    }

    fn write_texts(
        &self,
        origin: &str,
        target: &str,
        (title, description): (&str, &str),
        out: &mut impl Write,
    ) -> Option<fmt::Result> {
        if origin.is_empty() || origin.ends_with('/') {
            return None;
        }
        // A byte loop, not `split('#')`: a char searcher is more code on every request
        // (each line of code a request runs is an L1 instruction miss on a server).
        let end = target
            .bytes()
            .position(|b| b == b'#')
            .unwrap_or(target.len());
        let target = target.get(..end).unwrap_or(target);
        let values = [origin, target, title, description].map(Text::new);
        Some(self.write_parts(values, out))
    }

    /// The fixed parts with `values` (in [`HOLES`]' order) in their holes.
    fn write_parts(&self, values: [Text<'_>; 4], out: &mut impl Write) -> fmt::Result {
        let mut start = 0;
        for &(end, hole) in &self.holes {
            // Holes are positions `split` took in `text`, in order: in bounds, on char
            // boundaries (after whole strings).
            out.write_str(self.text.get(start..end).unwrap_or_default())?;
            values[hole as usize].write(out)?;
            start = end;
        }
        out.write_str(self.text.get(start..).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use alloc::borrow::ToOwned;
    use alloc::string::String;

    use crate::{Config, PageSpec, RegistryBuilder, Resolution, Text};

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
                    .image("logo.svg")
                    .layout(()),
            );
            let computed = Text::computed(|v| alloc::format!("D <{}>", v[0].1));
            b.page(
                PageSpec::new("pages.u")
                    .path_template("/u/<id>")
                    .title("U \u{0}T\u{1}E")
                    .description(computed)
                    .layout(()),
            );
            let both = Text::computed(|v| alloc::format!("{}\u{0}o", v[0].1));
            b.page(
                PageSpec::new("pages.v")
                    .path_template("/v/<id>")
                    .title(both)
                    .description(Text::computed(|v| alloc::format!("'{}'", v[0].1)))
                    .layout(()),
            );
            let registry = b.build().unwrap();
            let prefix = registry.requests_prefix().to_owned();
            for page in registry.pages() {
                // A request path to the page (a template page's path has `none` for its
                // variable): a variable with characters to escape.
                let path = page.path().replace("/none", "/a%26%3Cb%3E");
                let Some(prepared) = registry.prepare_head(page) else {
                    // Holding stand-ins in a fixed text.
                    assert!(
                        path == "/s" || path.starts_with("/u"),
                        "{path} not prepared"
                    );
                    continue;
                };
                let computed = page.title().is_computed() || page.description().is_computed();
                for origin in origins {
                    for target in targets {
                        let target =
                            target.replacen("/p", &alloc::format!("{prefix}{}", &path[1..]), 1);
                        let base = target.split('#').next().unwrap_or("");
                        let (path_part, query) = base.split_once('?').unwrap_or((base, ""));
                        let resolution = registry.resolve(path_part, query);
                        let Resolution::Page(m) = &resolution else {
                            panic!("{target} is not a page")
                        };
                        let (mut fast, mut by_match, mut made) =
                            (String::new(), String::new(), String::new());
                        let plain = prepared.write(origin, &target, &mut fast);
                        assert_eq!(plain, if computed { None } else { Some(Ok(())) });
                        let written = prepared.write_match(m, origin, &target, &mut by_match);
                        assert_eq!(written, Some(Ok(())));
                        registry
                            .write_head(&resolution, origin, &target, &mut made)
                            .unwrap();
                        assert_eq!(by_match, made, "{path} {origin} {target}");
                        if !computed {
                            assert_eq!(fast, made, "{path} {origin} {target}");
                        }
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

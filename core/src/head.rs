//! Head data for a served page: `<title>` and the ten description/twitter/og tags
//! (SEMANTICS §13.3–13.4, POLICY D14, D16, D17, C8).

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt::{self, Write};

use smallvec::SmallVec;

pub use prepared::PreparedHead;

mod prepared;

use crate::image::push_asset_path;
use crate::page::Page;
use crate::registry::Registry;
use crate::resolve::{PageMatch, Resolution};

/// What goes in a page's `<head>`: data, plus [`Head::write_html`] for escaped markup.
///
/// ```
/// use folio_core::{Config, PageSpec, RegistryBuilder};
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(PageSpec::new("pages.home").path("/").title("Home & <more>").layout(()));
/// let registry = b.build().unwrap();
/// let resolution = registry.resolve("/", "");
/// let head = registry.head(&resolution, "http://localhost", "/");
/// let mut html = String::new();
/// head.write_html(&mut html).unwrap();
/// assert!(html.starts_with("<title>Home &amp; &lt;more&gt;</title>"));
/// assert!(html.contains(r#"<meta property="twitter:url" content="http://localhost/">"#));
/// ```
#[derive(Debug, Clone)]
pub struct Head<'a> {
    /// The page title (unescaped).
    pub title: Cow<'a, str>,
    /// The page description (unescaped).
    pub description: Cow<'a, str>,
    /// The meta image URL, or `""`.
    pub image: Cow<'a, str>,
    /// The request URL as received (`twitter:url`).
    pub url: String,
    /// Whether the ten meta tags are emitted.
    pub include_meta: bool,
}

impl<'a> Head<'a> {
    /// The ten tags in Dash's order: `(attribute, key, value)`, values unescaped; empty
    /// when page meta tags are off.
    pub fn tags(&self) -> impl Iterator<Item = (&'static str, &'static str, &str)> {
        let values = TagValues {
            title: &*self.title,
            description: &*self.description,
            url: &*self.url,
            image: &*self.image,
            card: CARD,
            kind: KIND,
        };
        values
            .tags()
            .into_iter()
            .take(if self.include_meta { 10 } else { 0 })
    }

    /// Writes `<title>…</title>` and the meta tags, escaped as Python's
    /// `html.escape(quote=True)`, one tag per line.
    pub fn write_html(&self, out: &mut impl Write) -> fmt::Result {
        let url = Value::Text(Text::new(&self.url));
        let image = Value::Text(Text::new(&self.image));
        write_tags(
            out,
            &self.title,
            &self.description,
            url,
            image,
            self.include_meta,
        )
    }
}

/// `<title>` and, when `include_meta`, the ten tags. Title and description are written
/// three times each and the image twice: each is scanned once, and text without anything
/// to escape is written as it is; the two fixed values need no scan. Plain `write_str`s
/// throughout: a server writes this on every request, and `write!` costs a formatting pass
/// per tag.
fn write_tags(
    out: &mut impl Write,
    title: &str,
    description: &str,
    url: Value<'_>,
    image: Value<'_>,
    include_meta: bool,
) -> fmt::Result {
    let title = Text::new(title);
    out.write_str("<title>")?;
    title.write(out)?;
    out.write_str("</title>")?;
    if !include_meta {
        return Ok(());
    }
    let values = TagValues {
        title: Value::Text(title),
        description: Value::Text(Text::new(description)),
        url,
        image,
        card: Value::Text(Text::fixed(CARD)),
        kind: Value::Text(Text::fixed(KIND)),
    };
    for ((_, _, value), opening) in values.tags().into_iter().zip(OPENINGS) {
        out.write_str(opening)?;
        value.write(out)?;
        out.write_str("\">")?;
    }
    Ok(())
}

/// Each tag's markup up to its value, in [`TagValues::tags`]'s order (a test checks it):
/// one write per tag instead of five.
const OPENINGS: [&str; 10] = [
    "\n<meta name=\"description\" content=\"",
    "\n<meta property=\"twitter:card\" content=\"",
    "\n<meta property=\"twitter:url\" content=\"",
    "\n<meta property=\"twitter:title\" content=\"",
    "\n<meta property=\"twitter:description\" content=\"",
    "\n<meta property=\"twitter:image\" content=\"",
    "\n<meta property=\"og:title\" content=\"",
    "\n<meta property=\"og:type\" content=\"",
    "\n<meta property=\"og:description\" content=\"",
    "\n<meta property=\"og:image\" content=\"",
];

/// The fixed values of `twitter:card` and `og:type`.
const CARD: &str = "summary_large_image";
const KIND: &str = "website";

/// The six values the ten tags repeat, as text ([`Head::tags`]) or as scanned text
/// ([`Head::write_html`]): the tag list is written once, here.
struct TagValues<V> {
    title: V,
    description: V,
    url: V,
    image: V,
    card: V,
    kind: V,
}

impl<V: Copy> TagValues<V> {
    /// Dash's order: `(attribute, key, value)`.
    fn tags(&self) -> [(&'static str, &'static str, V); 10] {
        [
            ("name", "description", self.description),
            ("property", "twitter:card", self.card),
            ("property", "twitter:url", self.url),
            ("property", "twitter:title", self.title),
            ("property", "twitter:description", self.description),
            ("property", "twitter:image", self.image),
            ("property", "og:title", self.title),
            ("property", "og:type", self.kind),
            ("property", "og:description", self.description),
            ("property", "og:image", self.image),
        ]
    }
}

/// A value for the head, with whether it holds anything to escape (found once).
#[derive(Clone, Copy)]
struct Text<'t> {
    text: &'t str,
    escape: bool,
}

impl<'t> Text<'t> {
    fn new(text: &'t str) -> Self {
        Text {
            text,
            escape: needs_escape(text),
        }
    }

    /// One of the fixed values of [`Head::tags`], which hold nothing to escape.
    const fn fixed(text: &'t str) -> Self {
        Text {
            text,
            escape: false,
        }
    }

    fn write(self, out: &mut impl Write) -> fmt::Result {
        if self.escape {
            write_escaped(out, self.text)
        } else {
            out.write_str(self.text)
        }
    }
}

/// A tag value as written: text, or the request URL written in its two parts (no `String`
/// made for it on every request).
#[derive(Clone, Copy)]
enum Value<'t> {
    Text(Text<'t>),
    /// The origin, then the request target.
    Url(Text<'t>, Text<'t>),
}

impl Value<'_> {
    fn write(self, out: &mut impl Write) -> fmt::Result {
        match self {
            Value::Text(text) => text.write(out),
            Value::Url(origin, target) => {
                origin.write(out)?;
                target.write(out)
            }
        }
    }
}

/// [`AssetFile::url`] made on the stack, for a name that percent-encoding leaves as it is
/// (the usual `logo.svg`): the base (the external assets path, or the origin then the
/// requests prefix) without its trailing slashes, the assets URL path without slashes at its
/// ends, the name without leading slashes, each part after the first non-empty one behind
/// one `/`. `None` for another name or a URL longer than the buffer: make it with `url`.
fn plain_asset_url<'b>(
    file: &AssetFile<'_>,
    origin: &str,
    buffer: &'b mut [u8; 256],
) -> Option<&'b str> {
    let name = file.file.trim_start_matches('/');
    if !name.bytes().all(|b| PLAIN_NAME[usize::from(b)]) {
        return None;
    }
    let (base, prefix) = match file.external {
        Some(base) => (base.trim_end_matches('/'), ""),
        None => match file.requests_prefix.trim_end_matches('/') {
            "" => (origin.trim_end_matches('/'), ""),
            prefix => (origin, prefix),
        },
    };
    let middle = file.assets_url_path.trim_matches('/');
    let mut len = 0;
    let mut push = |text: &str| {
        let end = len + text.len();
        buffer.get_mut(len..end)?.copy_from_slice(text.as_bytes());
        len = end;
        Some(())
    };
    push(base)?;
    push(prefix)?;
    let mut written = !base.is_empty() || !prefix.is_empty();
    for part in [middle, name] {
        if part.is_empty() {
            continue;
        }
        if written {
            push("/")?;
        }
        push(part)?;
        written = true;
    }
    // Whole strings were copied: the bytes are UTF-8.
    core::str::from_utf8(buffer.get(..len)?).ok()
}

/// The bytes of a file name that percent-encoding keeps (unreserved characters, `/`, and
/// the path characters) minus `&` and `'`, so that such a name is written as it is.
const PLAIN_NAME: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let others = b"-._~/!$()*+,;=:@";
    let mut i = 0;
    while i < others.len() {
        table[others[i] as usize] = true;
        i += 1;
    }
    table
};

/// Escapes `& < > " '` as `&amp; &lt; &gt; &quot; &#x27;`.
///
/// ```
/// let mut s = String::new();
/// folio_core::write_escaped(&mut s, r#"<a href="x">'&'</a>"#).unwrap();
/// assert_eq!(s, "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;");
/// ```
pub fn write_escaped(out: &mut impl Write, text: &str) -> fmt::Result {
    // Bytes, not chars: the five are ASCII, so every index found is a char boundary, and
    // runs without them are written whole.
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if !ESCAPED[usize::from(b)] {
            continue;
        }
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#x27;",
        };
        out.write_str(&text[start..i])?;
        out.write_str(rep)?;
        start = i + 1;
    }
    out.write_str(&text[start..])
}

/// Whether `text` holds any of `& < > " '`. Eight bytes at a time as one `u64` (most head
/// text has none of them, and a byte-wise loop costs several instructions a byte): `<`
/// and `>` differ only in bit 1 and `&` and `'` only in bit 0, so three compares of every
/// byte find the five.
fn needs_escape(text: &str) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // Nonzero when some byte of `word` is `byte`: the high bit of a byte is set by the
    // subtraction only where it borrows through a zero byte, and a borrow starts only at a
    // zero byte, so "any" is exact (which byte is not needed here).
    let has = |word: u64, byte: u8| {
        let diff = word ^ (ONES * u64::from(byte));
        diff.wrapping_sub(ONES) & !diff & HIGHS
    };
    let special =
        |word: u64| (has(word | (ONES * 2), b'>') | has(word | ONES, b'\'') | has(word, b'"')) != 0;
    let mut chunks = text.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        if special(u64::from_le_bytes(word)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| ESCAPED[usize::from(b)])
}

/// The bytes [`write_escaped`] replaces: `& < > " '`.
const ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table
};

impl<T> Registry<T> {
    /// The head for a resolved request. `origin` is the scheme and host
    /// (`https://example.com`), `target` the raw request target as received (path and
    /// query; a fragment is dropped). A page gets its own title, description and image; a
    /// request that found no page gets the app title and an empty description (POLICY C8).
    pub fn head<'r>(
        &'r self,
        resolution: &Resolution<'r, '_, T>,
        origin: &str,
        target: &str,
    ) -> Head<'r> {
        let source = self.head_source(resolution, target);
        let mut url = String::with_capacity(origin.len() + source.target.len());
        url.push_str(origin);
        url.push_str(source.target);
        let image = match source.image {
            Image::None => Cow::Borrowed(""),
            Image::Url(u) => Cow::Borrowed(u),
            Image::Asset(file) => Cow::Owned(file.url(origin)),
        };
        Head {
            title: source.title,
            description: source.description,
            image,
            url,
            include_meta: self.config.include_pages_meta,
        }
    }

    /// Writes the head's HTML (what [`Head::write_html`] writes for
    /// [`head`](Self::head)`(resolution, origin, target)`) without making the head: the
    /// request URL is written from its parts, where `head` makes a `String` of it. A server
    /// writes a head on every page request.
    ///
    /// ```
    /// use folio_core::{Config, PageSpec, RegistryBuilder};
    /// let mut b = RegistryBuilder::new(Config::new());
    /// b.page(PageSpec::new("pages.home").path("/").image("a b.png").layout(()));
    /// let registry = b.build().unwrap();
    /// let resolution = registry.resolve("/", "x=1&y=2");
    /// let (mut direct, mut made) = (String::new(), String::new());
    /// registry.write_head(&resolution, "http://h", "/?x=1&y=2", &mut direct).unwrap();
    /// registry.head(&resolution, "http://h", "/?x=1&y=2").write_html(&mut made).unwrap();
    /// assert_eq!(direct, made);
    /// assert!(direct.contains(r#"content="http://h/assets/a%20b.png""#));
    /// assert!(direct.contains(r#"content="http://h/?x=1&amp;y=2""#));
    /// ```
    pub fn write_head(
        &self,
        resolution: &Resolution<'_, '_, T>,
        origin: &str,
        target: &str,
        out: &mut impl Write,
    ) -> fmt::Result {
        let source = self.head_source(resolution, target);
        self.write_source(&source, origin, out)
    }

    /// What [`write_head`](Self::write_head) writes for `source`.
    fn write_source(
        &self,
        source: &HeadSource<'_, '_>,
        origin: &str,
        out: &mut impl Write,
    ) -> fmt::Result {
        let url = Value::Url(Text::new(origin), Text::new(source.target));
        let (asset, mut buffer);
        let image = match source.image {
            Image::None => "",
            Image::Url(u) => u,
            Image::Asset(file) => {
                buffer = [0; 256];
                match plain_asset_url(&file, origin, &mut buffer) {
                    Some(url) => url,
                    None => {
                        asset = file.url(origin);
                        &asset
                    }
                }
            }
        };
        let image = Value::Text(Text::new(image));
        let include_meta = self.config.include_pages_meta;
        write_tags(
            out,
            &source.title,
            &source.description,
            url,
            image,
            include_meta,
        )
    }

    /// What [`head`](Self::head) and [`write_head`](Self::write_head) are made of.
    fn head_source<'r, 't>(
        &'r self,
        resolution: &Resolution<'r, '_, T>,
        target: &'t str,
    ) -> HeadSource<'r, 't> {
        let target = target.split('#').next().unwrap_or("");
        let matched = match resolution {
            Resolution::Page(m) => Some(m),
            Resolution::Redirect(r) => Some(r.page()),
            Resolution::NotFound(_) | Resolution::Rejected(_) => None,
        };
        let Some(m) = matched else {
            return HeadSource {
                title: Cow::Borrowed(self.config.app_title()),
                description: Cow::Borrowed(""),
                target,
                image: Image::None,
            };
        };
        let (title, description) = texts(m);
        self.page_source(m.page(), title, description, target)
    }

    /// The head source of `page` with these texts.
    fn page_source<'r, 't>(
        &'r self,
        page: &'r Page<T>,
        title: Cow<'r, str>,
        description: Cow<'r, str>,
        target: &'t str,
    ) -> HeadSource<'r, 't> {
        let image = match (page.image_url(), page.image()) {
            (Some(u), _) if !u.is_empty() => Image::Url(u),
            (_, Some(file)) if !file.is_empty() => Image::Asset(AssetFile {
                external: self.config.assets_external_path.as_deref(),
                requests_prefix: &self.prefixes.requests,
                assets_url_path: &self.config.assets_url_path,
                file,
            }),
            _ => Image::None,
        };
        HeadSource {
            title,
            description,
            target,
            image,
        }
    }
}

/// A match's title and description ([`PageMatch::title`], [`PageMatch::description`]), its
/// variables read once for the two: the head asks for both on every page request.
fn texts<'r, T>(m: &PageMatch<'r, '_, T>) -> (Cow<'r, str>, Cow<'r, str>) {
    let page = m.page();
    let (title, description) = (page.title(), page.description());
    if !title.is_computed() && !description.is_computed() {
        return (title.render(&[]), description.render(&[]));
    }
    let variables: SmallVec<[(&str, &str); 4]> = m.variables().collect();
    (title.render(&variables), description.render(&variables))
}

/// A head before its URLs are made: the request URL is the origin then `target`.
struct HeadSource<'r, 't> {
    title: Cow<'r, str>,
    description: Cow<'r, str>,
    /// The request target without its fragment.
    target: &'t str,
    image: Image<'r>,
}

/// Where the meta image comes from (POLICY D16).
#[derive(Clone, Copy)]
enum Image<'r> {
    None,
    /// The page's own image URL.
    Url(&'r str),
    Asset(AssetFile<'r>),
}

/// A file of the assets folder, served under the external assets path when there is one,
/// or under the origin and the requests prefix.
#[derive(Clone, Copy)]
struct AssetFile<'r> {
    external: Option<&'r str>,
    requests_prefix: &'r str,
    assets_url_path: &'r str,
    file: &'r str,
}

impl AssetFile<'_> {
    /// The file's URL, under `origin` unless the assets have an external path.
    fn url(self, origin: &str) -> String {
        let mut url = String::with_capacity(
            origin.len()
                + self.requests_prefix.len()
                + self.assets_url_path.len()
                + self.file.len()
                + 2,
        );
        match self.external {
            Some(base) => url.push_str(base),
            None => {
                url.push_str(origin);
                url.push_str(self.requests_prefix);
            }
        }
        push_asset_path(&mut url, self.assets_url_path, self.file);
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(head: &Head<'_>) -> String {
        let mut out = String::new();
        head.write_html(&mut out).unwrap();
        out
    }

    #[test]
    fn every_copy_of_title_and_description_is_escaped() {
        let head = Head {
            title: Cow::Borrowed("A & B"),
            description: Cow::Borrowed("x<\"y\">'"),
            image: Cow::Borrowed("http://h/a&b.png"),
            url: String::from("http://h/?a=1&b=2"),
            include_meta: true,
        };
        let out = html(&head);
        assert_eq!(out.matches("A &amp; B").count(), 3, "{out}");
        assert_eq!(
            out.matches("x&lt;&quot;y&quot;&gt;&#x27;").count(),
            3,
            "{out}"
        );
        assert_eq!(out.matches("http://h/a&amp;b.png").count(), 2, "{out}");
        assert!(out.contains("content=\"http://h/?a=1&amp;b=2\""), "{out}");
        assert!(!out.contains("A & B") && !out.contains("<\"y"), "{out}");
    }

    #[test]
    fn plain_text_is_written_as_it_is_and_meta_can_be_off() {
        let mut head = Head {
            title: Cow::Borrowed("Home"),
            description: Cow::Borrowed("plain"),
            image: Cow::Borrowed(""),
            url: String::from("http://h/"),
            include_meta: true,
        };
        let out = html(&head);
        assert!(
            out.starts_with("<title>Home</title>\n<meta name=\"description\" content=\"plain\">")
        );
        assert_eq!(out.lines().count(), 11);
        head.include_meta = false;
        assert_eq!(html(&head), "<title>Home</title>");
    }

    proptest::proptest! {
        /// The image URL written from its parts is the one made whole, for any base,
        /// prefix, assets path and file name (names that need encoding or escaping take
        /// the whole path).
        #[test]
        fn an_image_written_from_its_parts_is_the_url_made_whole(
            file in "[ab][ab/ &'%é.()<\"-]{0,4}",
            assets in "[ab/&]{0,4}",
            prefix in proptest::sample::select(alloc::vec!["/", "/app/", "/a/b/", "//x/"]),
            external in proptest::option::of("(https?://)?[a-z/&]{0,6}"),
            origin in "(http://)?[a-z:&\"/]{0,8}|/{0,2}",
        ) {
            use crate::{Config, PageSpec, RegistryBuilder};
            let mut config = Config::new()
                .requests_pathname_prefix(prefix)
                .routes_pathname_prefix(prefix)
                .assets_url_path(&assets);
            if let Some(external) = &external {
                config = config.assets_external_path(external);
            }
            let mut b = RegistryBuilder::new(config);
            b.page(PageSpec::new("pages.home").path("/").image(&file).layout(()));
            let registry = b.build().unwrap();
            let target = alloc::format!("{prefix}?a=1");
            let resolution = registry.resolve(prefix, "a=1");
            let (mut direct, mut made) = (String::new(), String::new());
            registry.write_head(&resolution, &origin, &target, &mut direct).unwrap();
            registry.head(&resolution, &origin, &target).write_html(&mut made).unwrap();
            // A page with its image (the page is found, the image is written).
            proptest::prop_assert!(matches!(resolution, Resolution::Page(_)));
            proptest::prop_assert!(!direct.contains("og:image\" content=\"\""), "{}", direct);
            proptest::prop_assert_eq!(direct, made);
        }
    }

    #[test]
    fn the_escape_check_sees_every_position() {
        let long = "a".repeat(40);
        assert!(!needs_escape(&long) && !needs_escape(""));
        for special in ['&', '<', '>', '"', '\''] {
            for at in [0, 15, 16, 31, 39] {
                let mut text = long.clone();
                text.replace_range(at..=at, special.encode_utf8(&mut [0; 4]));
                assert!(needs_escape(&text), "{special} at {at}");
            }
        }
        assert!(!needs_escape("é — ünïcode only, none of the five"));
    }

    #[test]
    fn the_openings_are_the_tags_markup() {
        let values = TagValues {
            title: "",
            description: "",
            url: "",
            image: "",
            card: CARD,
            kind: KIND,
        };
        for ((attr, key, _), opening) in values.tags().into_iter().zip(OPENINGS) {
            let mut expected = String::from("\n<meta ");
            for part in [attr, "=\"", key, "\" content=\""] {
                expected.push_str(part);
            }
            assert_eq!(opening, expected);
        }
    }

    #[test]
    fn the_word_scan_agrees_with_the_table_on_every_character() {
        // Every ASCII byte and a few multi-byte characters (bytes 0x80 and up, where a
        // borrow could carry), at every position of a word and of the tail.
        let mut chars: alloc::vec::Vec<char> = (0u8..0x80).map(char::from).collect();
        chars.extend(['é', '€', '\u{7ff}', '\u{ffff}', '\u{10ffff}']);
        for c in chars {
            for at in 0..20 {
                for filler in ["a", "\u{0}", "\u{ff}"] {
                    let text: String = (0..20)
                        .map(|i| {
                            if i == at {
                                String::from(c)
                            } else {
                                String::from(filler)
                            }
                        })
                        .collect();
                    let naive = text.bytes().any(|b| ESCAPED[usize::from(b)]);
                    assert_eq!(needs_escape(&text), naive, "{c:?} at {at} in {filler:?}");
                }
            }
        }
    }
}

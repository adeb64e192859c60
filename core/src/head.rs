//! Head data for a served page: `<title>` and the ten description/twitter/og tags
//! (SEMANTICS §13.3–13.4, POLICY D14, D16, D17, C8).

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt::{self, Write};

use crate::image::push_asset_path;
use crate::registry::Registry;
use crate::resolve::Resolution;

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
        let tags = [
            ("name", "description", &*self.description),
            ("property", "twitter:card", "summary_large_image"),
            ("property", "twitter:url", &*self.url),
            ("property", "twitter:title", &*self.title),
            ("property", "twitter:description", &*self.description),
            ("property", "twitter:image", &*self.image),
            ("property", "og:title", &*self.title),
            ("property", "og:type", "website"),
            ("property", "og:description", &*self.description),
            ("property", "og:image", &*self.image),
        ];
        tags.into_iter()
            .take(if self.include_meta { 10 } else { 0 })
    }

    /// Writes `<title>…</title>` and the meta tags, escaped as Python's
    /// `html.escape(quote=True)`, one tag per line.
    pub fn write_html(&self, out: &mut impl Write) -> fmt::Result {
        // Title and description are written three times each: scan them once, and write
        // text without anything to escape as it is. Plain `write_str`s throughout: a server
        // writes this on every request, and `write!` costs a formatting pass per tag.
        let title = Text::new(&self.title);
        let description = Text::new(&self.description);
        out.write_str("<title>")?;
        title.write(out)?;
        out.write_str("</title>")?;
        for (attr, key, value) in self.tags() {
            let value = if core::ptr::eq(value, &*self.title) {
                title
            } else if core::ptr::eq(value, &*self.description) {
                description
            } else {
                Text::new(value)
            };
            out.write_str("\n<meta ")?;
            out.write_str(attr)?;
            out.write_str("=\"")?;
            out.write_str(key)?;
            out.write_str("\" content=\"")?;
            value.write(out)?;
            out.write_str("\">")?;
        }
        Ok(())
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

    fn write(self, out: &mut impl Write) -> fmt::Result {
        if self.escape {
            write_escaped(out, self.text)
        } else {
            out.write_str(self.text)
        }
    }
}

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

/// Whether `text` holds any of `& < > " '`. Sixteen bytes at a time without an early exit,
/// which the compiler turns into vector compares: most head text has none of them.
fn needs_escape(text: &str) -> bool {
    let special = |b: u8| (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'');
    let mut chunks = text.as_bytes().chunks_exact(16);
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |any, &b| any | special(b)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| special(b))
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
        let target = target.split('#').next().unwrap_or("");
        let mut url = String::with_capacity(origin.len() + target.len());
        url.push_str(origin);
        url.push_str(target);
        let include_meta = self.config.include_pages_meta;
        let matched = match resolution {
            Resolution::Page(m) => Some(m),
            Resolution::Redirect(r) => Some(r.page()),
            Resolution::NotFound(_) | Resolution::Rejected(_) => None,
        };
        let Some(m) = matched else {
            return Head {
                title: Cow::Borrowed(self.config.app_title()),
                description: Cow::Borrowed(""),
                image: Cow::Borrowed(""),
                url,
                include_meta,
            };
        };
        let page = m.page();
        let image = match (page.image_url(), page.image()) {
            (Some(u), _) if !u.is_empty() => Cow::Borrowed(u),
            (_, Some(file)) if !file.is_empty() => {
                let assets = &self.config.assets_url_path;
                let mut url = String::with_capacity(
                    origin.len() + self.prefixes.requests.len() + assets.len() + file.len() + 2,
                );
                match &self.config.assets_external_path {
                    Some(b) => url.push_str(b),
                    None => {
                        url.push_str(origin);
                        url.push_str(&self.prefixes.requests);
                    }
                }
                push_asset_path(&mut url, assets, file);
                Cow::Owned(url)
            }
            _ => Cow::Borrowed(""),
        };
        Head {
            title: m.title(),
            description: m.description(),
            image,
            url,
            include_meta,
        }
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
}

//! Resolution: one pure function of (prefix, path, query) to a decision (POLICY D6, D7,
//! D11, D12, D13).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use smallvec::SmallVec;

use crate::config::{relative_path, strip_prefix};
use crate::decode::encode_into;
use crate::index::{
    Cursor, Ends, Escaped, EscapedPath, HasEscape, PackedEnds, Raw, RawPath, Route, Spanned,
    StaticHit, Target, Walked, matches_escaped, split_request,
};
use crate::limits::LimitError;
use crate::page::Page;
use crate::query::Query;
use crate::registry::{Registry, owned_template};
use crate::template::{Template, Values};

/// The request segments a match reads its variables from: none when it has no variables
/// to read (a static page, the usual hit; the custom 404 page; a page whose template the
/// path does not match); the raw path when it is plain (segments found again when
/// variables are read), with where its segments end when the trie walked it; else a path
/// holding `%` (the request's, or a redirect target's own) with the decoding of its
/// segments, kept from the walk that decoded them to find the route (see [`EscapedPath`]).
/// One variant owns memory, so that dropping a match (on every lookup's path) tests one
/// variant.
///
/// Nothing here is written after the match is made (no cache filled on first read),
/// read through a computed offset or lent to code out of line (on 64-bit targets the
/// ends are one integer; the decoded text is lent from its own allocation): a caller
/// that takes the match out of its [`Resolution`] then keeps it in registers instead of
/// copying it. Copying the 88-byte match of before was a quarter of a static lookup.
#[derive(Debug)]
enum Segments<'p> {
    None,
    Raw(&'p str),
    Walked(&'p str, PackedEnds),
    Escaped(EscapedPath<'p>),
}

/// A cursor over any kind of [`Segments`].
#[derive(Debug, Clone, Copy)]
enum AnyCursor<'t> {
    Raw(Raw<'t>),
    Spanned(Spanned<'t>),
    Escaped(Escaped<'t>),
}

impl<'t> Cursor<'t> for AnyCursor<'t> {
    #[inline]
    fn step(self) -> Result<Option<(&'t str, Self)>, HasEscape> {
        Ok(match self {
            AnyCursor::Raw(c) => c.step()?.map(|(s, c)| (s, AnyCursor::Raw(c))),
            AnyCursor::Spanned(c) => c.step()?.map(|(s, c)| (s, AnyCursor::Spanned(c))),
            AnyCursor::Escaped(c) => c.step()?.map(|(s, c)| (s, AnyCursor::Escaped(c))),
        })
    }

    #[inline]
    fn skip(self, len: usize) -> Self {
        match self {
            AnyCursor::Raw(c) => AnyCursor::Raw(c.skip(len)),
            AnyCursor::Spanned(c) => AnyCursor::Spanned(c.skip(len)),
            AnyCursor::Escaped(c) => AnyCursor::Escaped(c.skip(len)),
        }
    }

    #[inline]
    fn last(self) -> Option<&'t str> {
        match self {
            AnyCursor::Raw(c) => c.last(),
            AnyCursor::Spanned(c) => c.last(),
            AnyCursor::Escaped(c) => c.last(),
        }
    }

    #[inline]
    fn at(self, i: usize) -> Option<&'t str> {
        match self {
            AnyCursor::Spanned(c) => c.at(i),
            _ => None,
        }
    }
}

impl<'p> Segments<'p> {
    /// A cursor over the segments, for reading the variables of `template`, which
    /// matches them (so the request has as many segments).
    // Always inline: every lookup reads its variables through it, and the rare arms
    // made it too large for the compiler's own choice.
    #[inline(always)]
    fn cursor(&self, template: &Template) -> AnyCursor<'_> {
        match self {
            Segments::None => AnyCursor::Raw(Raw::new("")),
            Segments::Raw(inner) => AnyCursor::Raw(Raw::new(inner)),
            Segments::Walked(inner, ends) => match Spanned::new(inner, *ends, template.len()) {
                Some(c) => AnyCursor::Spanned(c),
                None => AnyCursor::Raw(Raw::new(inner)),
            },
            Segments::Escaped(path) => AnyCursor::Escaped(path.cursor()),
        }
    }

    /// The segments ready for reading values: a path holding `%` has its decoding (the
    /// walk's, or made here for a path no walk decoded into a buffer).
    fn decoded(self) -> Segments<'p> {
        match self {
            Segments::Escaped(path) => Segments::Escaped(path.decoded()),
            other => other,
        }
    }

    /// Whether `template` matches the segments (for a template that may not match):
    /// without allocating, a path holding `%` too.
    fn matched_by(&self, template: &Template) -> bool {
        match self {
            // Only made for a match that reads no variables.
            Segments::None => false,
            Segments::Raw(inner) | Segments::Walked(inner, _) => {
                template.matches_at(AnyCursor::Raw(Raw::new(inner)))
            }
            Segments::Escaped(path) => matches_escaped(template, path.inner()),
        }
    }
}

/// What to do with a request.
///
/// `Send` and `Sync` when `T: Sync`, so a resolution can be held across an `.await` or
/// shared between threads: a match holds text lent by the request and the registry and,
/// when the path holds `%` and the page has variables, the path's decoding, which the
/// walk made to find the route (reading the values allocates nothing).
///
/// ```
/// use folio_core::{Config, PageSpec, RegistryBuilder, Resolution};
/// fn shared<S: Send + Sync>(_: &S) {}
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(PageSpec::new("pages.city").path_template("/city/<name>").layout(()));
/// let registry = b.build().unwrap();
/// let resolution = registry.resolve("/city/Montr%C3%A9al", "");
/// shared(&resolution);
/// let Resolution::Page(m) = resolution else { panic!() };
/// assert_eq!(m.variable("name"), Some("Montréal"));
/// ```
#[derive(Debug)]
pub enum Resolution<'r, 'p, T> {
    /// Serve this page (HTTP 200).
    Page(PageMatch<'r, 'p, T>),
    /// Redirect (HTTP 301 to `location`); in the browser, render `page` and show
    /// `location`.
    Redirect(Redirect<'r, 'p, T>),
    /// No page (HTTP 404): render the custom 404 page, or a default one.
    NotFound(NotFound<'r, 'p, T>),
    /// The request is over a configured limit (HTTP 414); nothing was matched.
    Rejected(LimitError),
}

impl<T> Resolution<'_, '_, T> {
    /// The HTTP status: 200, 301 or 404.
    pub fn status(&self) -> u16 {
        match self {
            Resolution::Page(_) => 200,
            Resolution::Redirect(_) => 301,
            Resolution::NotFound(_) => 404,
            Resolution::Rejected(e) => e.status(),
        }
    }
}

/// A matched page with its path variables and query. `Send` and `Sync` when `T: Sync`
/// (see [`Resolution`]).
#[derive(Debug)]
pub struct PageMatch<'r, 'p, T> {
    page: &'r Page<T>,
    /// Where the variables of the page's template are read; [`Segments::None`] when
    /// there are none to read.
    segments: Segments<'p>,
    query: Query<'p>,
}

/// A redirect: where to, and the page found there.
#[derive(Debug)]
pub struct Redirect<'r, 'p, T> {
    location: String,
    page: PageMatch<'r, 'p, T>,
}

/// No page matched.
#[derive(Debug)]
pub struct NotFound<'r, 'p, T> {
    page: Option<&'r Page<T>>,
    query: Query<'p>,
    inside: bool,
}

/// A merged page argument (POLICY D13): one value, or a list for a repeated query key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Argument<'a> {
    /// A path variable or a query key given once.
    One(Cow<'a, str>),
    /// A query key given several times.
    Many(Vec<Cow<'a, str>>),
}

impl<'r, 'p, T> PageMatch<'r, 'p, T> {
    /// The page.
    pub fn page(&self) -> &'r Page<T> {
        self.page
    }

    /// The template the variables come from, when the match reads any.
    #[inline(always)]
    fn template(&self) -> Option<&'r Template> {
        match self.segments {
            Segments::None => None,
            _ => self.page.template.as_ref(),
        }
    }

    /// The path variables, `(name, decoded value)` in template order. Values borrow from
    /// the request; only values that contained `%` were decoded (as the request was
    /// resolved: reading them allocates nothing).
    pub fn variables(&self) -> impl Iterator<Item = (&str, &str)> {
        // No template (a static page, the usual hit): no cursor to set up.
        let template = self.template();
        let cursor = match template {
            Some(t) => self.segments.cursor(t),
            None => AnyCursor::Raw(Raw::new("")),
        };
        Values::new(template, cursor)
    }

    /// How many path variables the match has: [`variables`](Self::variables) yields that
    /// many, and they are the first entries of [`arguments`](Self::arguments), so a caller
    /// that needs both reads the path once (a server does, on every page request).
    ///
    /// ```
    /// use folio_core::{Config, PageSpec, RegistryBuilder, Resolution};
    /// let mut b = RegistryBuilder::new(Config::new());
    /// b.page(PageSpec::new("pages.report").path_template("/report/<year>-<n>").layout(()));
    /// let registry = b.build().unwrap();
    /// let Resolution::Page(m) = registry.resolve("/report/2024-7", "tab=a") else { panic!() };
    /// assert_eq!(m.variable_count(), 2);
    /// assert_eq!(m.arguments().len(), 3); // year, n, then the query's tab
    /// ```
    pub fn variable_count(&self) -> usize {
        self.template().map_or(0, |t| t.variables().len())
    }

    /// One path variable.
    pub fn variable(&self, name: &str) -> Option<&str> {
        self.variables().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The query string.
    pub fn query(&self) -> Query<'p> {
        self.query
    }

    /// The page's keyword arguments: path variables, then query keys that no variable
    /// shadows (POLICY D13), each query key once in first-appearance order.
    pub fn arguments(&self) -> Vec<(Cow<'_, str>, Argument<'_>)> {
        let mut out: Vec<(Cow<'_, str>, Argument<'_>)> = self
            .variables()
            .map(|(k, v)| (Cow::Borrowed(k), Argument::One(Cow::Borrowed(v))))
            .collect();
        let vars = out.len();
        for (key, mut values) in self.query.grouped() {
            if out[..vars].iter().any(|(k, _)| *k == key) {
                continue;
            }
            let arg = if values.len() == 1 {
                Argument::One(values.remove(0))
            } else {
                Argument::Many(values)
            };
            out.push((key, arg));
        }
        out
    }

    /// The page title for these variables.
    pub fn title(&self) -> Cow<'r, str> {
        self.render(self.page.title())
    }

    /// The page description for these variables.
    pub fn description(&self) -> Cow<'r, str> {
        self.render(self.page.description())
    }

    fn render(&self, text: crate::page::PageText<'r>) -> Cow<'r, str> {
        // A fixed text reads no variables: the head asks for the title and the description
        // on every page request, and most are fixed.
        if !text.is_computed() {
            return text.render(&[]);
        }
        let vars: SmallVec<[(&str, &str); 8]> = self.variables().collect();
        text.render(&vars)
    }
}

impl<'r, 'p, T> Redirect<'r, 'p, T> {
    /// The `Location`: the requests prefix once, the target path percent-encoded, the
    /// query string kept (POLICY D7, D11, C10).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The page the redirect lands on (for a client-side navigation).
    pub fn page(&self) -> &PageMatch<'r, 'p, T> {
        &self.page
    }
}

impl<'r, 'p, T> NotFound<'r, 'p, T> {
    /// The custom 404 page, if the app has one.
    pub fn page(&self) -> Option<&'r Page<T>> {
        self.page
    }

    /// The custom 404 page as a match with no path variables and the request's query, so
    /// it renders like any page (Dash passes the 404 layout the query arguments).
    pub fn page_match(&self) -> Option<PageMatch<'r, 'p, T>> {
        self.page.map(|page| PageMatch {
            page,
            segments: Segments::None,
            query: self.query,
        })
    }

    /// The query string (the 404 layout receives it).
    pub fn query(&self) -> Query<'p> {
        self.query
    }

    /// False when the request is outside the app's prefix: a server then answers 404
    /// without the app shell.
    pub fn is_inside(&self) -> bool {
        self.inside
    }

    /// The title: the custom 404 page's title (computed with no variables), else the app
    /// title.
    pub fn title(&self, registry: &'r Registry<T>) -> Cow<'r, str> {
        match self.page {
            Some(p) => p.title().render(&[]),
            None => Cow::Borrowed(registry.config.app_title()),
        }
    }
}

impl<T> Registry<T> {
    /// Resolves an HTTP request: `path` as the server received it (matched under the
    /// routes prefix), `query` the raw text after `?`.
    ///
    /// ```
    /// use folio_core::{Config, PageSpec, RegistryBuilder, Resolution};
    /// let mut b = RegistryBuilder::new(Config::new());
    /// b.page(PageSpec::new("pages.report").path_template("/report/<year>").layout(1)
    ///     .redirect_from("/old-report/<year>"));
    /// let registry = b.build().unwrap();
    ///
    /// let Resolution::Page(m) = registry.resolve("/report/2024", "tab=a") else { panic!() };
    /// assert_eq!(m.variable("year"), Some("2024"));
    ///
    /// let Resolution::Redirect(r) = registry.resolve("/old-report/2023", "x=1") else { panic!() };
    /// assert_eq!(r.location(), "/report/2023?x=1");
    /// assert_eq!(registry.resolve("/nope", "").status(), 404);
    /// ```
    #[inline]
    pub fn resolve<'r, 'p>(&'r self, path: &'p str, query: &'p str) -> Resolution<'r, 'p, T> {
        self.resolve_under(&self.quick.routes_prefix, path, Query::parse(query))
    }

    /// Resolves a browser location: `pathname` (matched under the requests prefix) and
    /// `search` (`location.search`, with its `?`).
    pub fn resolve_browser<'r, 'p>(
        &'r self,
        pathname: &'p str,
        search: &'p str,
    ) -> Resolution<'r, 'p, T> {
        self.resolve_under(
            &self.quick.requests_prefix,
            pathname,
            Query::from_search(search),
        )
    }

    /// `prefix`: the routes or requests prefix without its trailing slashes. The common
    /// answer to a static page is built here; a template page matched on a plain path in
    /// [`resolve_walk`](Self::resolve_walk); everything else goes through
    /// [`finish`](Self::finish).
    #[inline(always)]
    fn resolve_under<'r, 'p>(
        &'r self,
        prefix: &str,
        path: &'p str,
        query: Query<'p>,
    ) -> Resolution<'r, 'p, T> {
        // One comparison per part for every request under the smallest limit.
        if path.len() >= self.quick.path_bytes || query.raw().len() >= self.quick.query_bytes {
            if let Err(e) = self.config.limits.check(path, query.raw()) {
                return Resolution::Rejected(e);
            }
        }
        let rest = if prefix.is_empty() {
            path
        } else {
            match path.strip_prefix(prefix) {
                Some(rest) => rest,
                None => return self.not_found(query, false),
            }
        };
        // The usual request is `/` and then a static route's key, which never starts or
        // ends with a slash: probed before any trimming, so a static hit costs the probe.
        let Some(tail) = rest.strip_prefix('/') else {
            return match rest.is_empty() {
                true => self.resolve_inner("", query),
                false => self.not_found(query, false),
            };
        };
        if let Some(hit) = self.index.find_static(tail) {
            return self.static_answer(hit, tail, query);
        }
        // Without a slash at either end, `tail` is the inner path, which no static route
        // spells: straight to the walk.
        match tail.as_bytes() {
            [b'/', ..] | [.., b'/'] => self.resolve_inner(trim_slashes(tail), query),
            _ => self.resolve_walk(tail, query),
        }
    }

    /// `inner`: the request path under the prefix, without slashes at its ends.
    #[inline(never)]
    fn resolve_inner<'r, 'p>(&'r self, inner: &'p str, query: Query<'p>) -> Resolution<'r, 'p, T> {
        match self.index.find_static(inner) {
            Some(hit) => self.static_answer(hit, inner, query),
            None => self.resolve_walk(inner, query),
        }
    }

    /// The answer for a static route spelled exactly as the request (map keys hold no `%`,
    /// so a hit is a plain request); most hits are pages served as is.
    #[inline(always)]
    fn static_answer<'r, 'p>(
        &'r self,
        hit: StaticHit<'r>,
        inner: &'p str,
        query: Query<'p>,
    ) -> Resolution<'r, 'p, T> {
        match hit {
            StaticHit::Page(i) => Resolution::Page(PageMatch {
                page: &self.pages[i],
                segments: Segments::None,
                query,
            }),
            StaticHit::Route(route) => self.finish(Some(route), Segments::Raw(inner), query),
        }
    }

    /// A request no static route spells: the trie walk. Kept out of line so that the
    /// static answer above stays small enough to inline.
    #[inline(never)]
    fn resolve_walk<'r, 'p>(&'r self, inner: &'p str, query: Query<'p>) -> Resolution<'r, 'p, T> {
        let mut ends = Ends::default();
        match self.index.walk(RawPath(inner), &mut ends) {
            Ok(Walked::PageTemplate(i)) => {
                let page = &self.pages[i];
                Resolution::Page(PageMatch {
                    page,
                    segments: Segments::Walked(inner, ends.packed()),
                    query,
                })
            }
            Ok(Walked::Route(route)) => {
                self.finish(Some(route), Segments::Walked(inner, ends.packed()), query)
            }
            // Built here: most misses end here, and a call costs them the arguments' moves.
            Ok(Walked::None) => Resolution::NotFound(NotFound {
                page: self.not_found_page(),
                query,
                inside: true,
            }),
            Err(HasEscape) => self.resolve_decoded(inner, query),
        }
    }

    /// A request holding `%` in a segment the raw walk visited: walk again, its segments
    /// decoded on the stack; the match reads its values from that decoding, kept when
    /// the page may have variables.
    #[inline(never)]
    fn resolve_decoded<'r, 'p>(
        &'r self,
        inner: &'p str,
        query: Query<'p>,
    ) -> Resolution<'r, 'p, T> {
        let found = self
            .index
            .find_escaped(inner, |r| owned_template(&self.pages, r));
        let segments = Segments::Escaped(EscapedPath::new(Cow::Borrowed(inner), found.text));
        self.finish(found.route.as_ref(), segments, query)
    }

    #[cold]
    fn not_found<'r, 'p>(&'r self, query: Query<'p>, inside: bool) -> Resolution<'r, 'p, T> {
        Resolution::NotFound(NotFound {
            page: self.not_found_page(),
            query,
            inside,
        })
    }

    /// The answer for `route`, matched on `segments`.
    #[inline(never)]
    fn finish<'r, 'p>(
        &'r self,
        route: Option<&Route>,
        segments: Segments<'p>,
        query: Query<'p>,
    ) -> Resolution<'r, 'p, T> {
        let not_found = |inside| self.not_found(query, inside);
        let Some(route) = route else {
            return not_found(true);
        };
        match route.target() {
            Target::Page(i) => {
                Resolution::Page(self.page_match(i, segments, query, route.is_page_template))
            }
            Target::Redirect { page, index } => {
                let page = &self.pages[page];
                let target =
                    self.redirect_target(page, &page.redirect_templates()[index], segments);
                let mut location = relative_path(&self.prefixes.requests, &target);
                location = encode_location(&location);
                push_query(&mut location, query.raw());
                // The target's segments are its path's, decoded, dot segments included
                // (POLICY D4: `.` and `..` are ordinary segments, here as in requests). POLICY
                // C13 guarantees the target is a page route that no source catches.
                let inner = String::from(trim_slashes(&target));
                let owned = |r: &Route| owned_template(&self.pages, r);
                let found = self.index.find_escaped(&inner, owned);
                match found.route {
                    Some(route) => match route.target() {
                        Target::Page(i) => Resolution::Redirect(Redirect {
                            location,
                            page: self.page_match(
                                i,
                                Segments::Escaped(EscapedPath::new(Cow::Owned(inner), found.text)),
                                query,
                                false,
                            ),
                        }),
                        Target::Redirect { .. } => not_found(true),
                    },
                    None => not_found(true),
                }
            }
        }
    }

    /// The route the compiled index picks for `path` (under the routes prefix) and the one
    /// a naive scan of every route in rank order picks, as `(registry position, redirect
    /// index)`. They must always agree; differential tests and fuzzing call this.
    #[doc(hidden)]
    pub fn differential_route(&self, path: &str) -> [Option<(usize, Option<usize>)>; 2] {
        let Some(rest) = strip_prefix(path, &self.prefixes.routes) else {
            return [None, None];
        };
        let inner = rest.trim_matches('/');
        let decoded = split_request(inner);
        let id = |r: &Route| match r.target() {
            Target::Page(p) => (self.position(p), None),
            Target::Redirect { page, index } => (self.position(page), Some(index)),
        };
        let fast = match self.index.find_static(inner) {
            Some(StaticHit::Page(p)) => Some((self.position(p), None)),
            Some(StaticHit::Route(r)) => Some(id(r)),
            None => match self.index.find(RawPath(inner), &mut Ends::default()) {
                Ok(found) => found.map(id),
                Err(HasEscape) => self
                    .index
                    .find_escaped(inner, |r| owned_template(&self.pages, r))
                    .route
                    .as_ref()
                    .map(id),
            },
        };
        let owned = |r: &Route| owned_template(&self.pages, r);
        [fast, self.index.find_reference(&decoded, owned).map(id)]
    }

    /// The match of page `i` on `segments`: its variables are read when its template
    /// matches them (known when the route is the page's own template, `matched`).
    fn page_match<'r, 'p>(
        &'r self,
        i: usize,
        segments: Segments<'p>,
        query: Query<'p>,
        matched: bool,
    ) -> PageMatch<'r, 'p, T> {
        let page = &self.pages[i];
        let segments = match &page.template {
            Some(t) if !t.is_static() && (matched || segments.matched_by(t)) => segments.decoded(),
            _ => Segments::None,
        };
        PageMatch {
            page,
            segments,
            query,
        }
    }

    /// The target of a redirect: the page's path, or its template filled with the values
    /// the source bound (percent-encoded).
    fn redirect_target(&self, page: &Page<T>, source: &Template, request: Segments<'_>) -> String {
        match &page.template {
            Some(t) if !t.is_static() => {
                let request = request.decoded();
                let bound: Vec<(&str, &str)> = source.values(request.cursor(source)).collect();
                let value = |name: &str| {
                    bound
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| String::from(*v))
                };
                let mut path = String::new();
                t.write_url(&mut path, &value);
                path
            }
            _ => String::from(page.path()),
        }
    }
}

/// `path` without slashes at its ends. `str::strip_prefix` with a `char` cuts without the
/// character-boundary checks that indexing by position needs.
fn trim_slashes(path: &str) -> &str {
    let mut rest = path;
    while let Some(tail) = rest.strip_prefix('/') {
        rest = tail;
    }
    while let Some(head) = rest.strip_suffix('/') {
        rest = head;
    }
    rest
}

/// POLICY C10: a `%` that does not start a valid escape becomes `%25`; everything outside
/// RFC 3986 `pchar` and `/` is percent-encoded (so `?` and `#` cannot start a query or a
/// fragment, and a backslash cannot make `//host`).
fn encode_location(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let bytes = path.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%' {
            encode_into(&mut out, &path[start..i], b"/!$&'()*+,;=:@");
            let valid = bytes.len() > i + 2
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit();
            out.push_str(if valid { "%" } else { "%25" });
            start = i + 1;
        }
    }
    encode_into(&mut out, &path[start..], b"/!$&'()*+,;=:@");
    out
}

/// The query string, kept as sent; only bytes that cannot appear in a header or a URI
/// (controls, space, non-ASCII) are percent-encoded, so a `Location` never carries CR/LF.
fn push_query(out: &mut String, query: &str) {
    if query.is_empty() {
        return;
    }
    out.push('?');
    for c in query.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            encode_into(out, c.encode_utf8(&mut buf), &[]);
        }
    }
}

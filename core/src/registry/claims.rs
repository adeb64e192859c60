//! The registration conflicts a build rejects (POLICY D9, C7, C13): pages whose paths or
//! templates claim the same addresses, redirect sources that are pages' paths or claimed
//! twice, and redirects that could land on a redirect source.

use alloc::string::String;
use alloc::vec::Vec;

use smallvec::SmallVec;

use crate::error::BuildError;
use crate::page::{Page, Where};
use crate::template::{Segment, Shape, Template};

mod table;
use table::ClaimTable;
#[cfg(not(target_arch = "wasm32"))]
use table::Tags;

/// Which pages claim which shapes, for POLICY D9 and C7 (conflicts against earlier pages).
/// A claim is kept as where its shape is (the pages are in registration order while claims
/// are checked), so no key text is built.
pub(super) struct Claims {
    /// The tags of every claim so far while no two meet and no page has a redirect source
    /// (most builds, to their end); the tables stay empty until then.
    #[cfg(not(target_arch = "wasm32"))]
    tags: Option<Tags>,
    /// The pages the build registers (the identities' table is sized for them).
    #[cfg(not(target_arch = "wasm32"))]
    pages: usize,
    /// Shape of a page's path or template → the first page (registration index) claiming it.
    identities: ClaimTable,
    /// Shape of a redirect source → the page claiming it.
    sources: ClaimTable,
}

#[derive(Clone, Copy)]
struct Claim {
    /// The claiming page's registration index (its position among the pages).
    page: u32,
    what: Claimed,
}

#[derive(Clone, Copy)]
enum Claimed {
    Path,
    Template,
    Redirect(u32),
}

impl Claim {
    /// Whether this claim is on `shape`.
    fn holds<T>(&self, shape: &Shape<'_>, pages: &[Page<T>], current: &Page<T>) -> bool {
        let page = pages.get(self.page as usize).unwrap_or(current);
        let is = |mine: Option<Shape<'_>>| mine.is_some_and(|mine| mine.same(shape));
        let template = || page.template.as_ref().map(Shape::Template);
        match self.what {
            Claimed::Path => is(Some(Shape::Path(page.path()))),
            Claimed::Template => is(template()),
            Claimed::Redirect(i) => is(page
                .redirect_templates()
                .get(i as usize)
                .map(Shape::Template)),
        }
    }
}

impl Claims {
    pub(super) fn with_capacity(pages: usize) -> Claims {
        // A page claims its path and its template at most (its tags, the same).
        #[cfg(not(target_arch = "wasm32"))]
        return Claims {
            tags: Some(Tags::with_capacity(pages, pages.saturating_mul(2))),
            pages,
            identities: ClaimTable::with_capacity(0),
            sources: ClaimTable::with_capacity(0),
        };
        #[cfg(target_arch = "wasm32")]
        Claims {
            identities: ClaimTable::with_capacity(pages.saturating_mul(2)),
            sources: ClaimTable::with_capacity(0),
        }
    }

    /// Checks a page's shapes against the earlier pages' claims (the errors in the order
    /// POLICY C6 gives), then claims them.
    pub(super) fn check_and_add<T>(
        &mut self,
        page: &Page<T>,
        earlier: &[Page<T>],
    ) -> Result<(), BuildError> {
        // (Left out of browser bundles, which count bytes and build few pages.)
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(tags) = &mut self.tags {
            // A tag not seen before is a shape not claimed before: no conflict, as long as
            // no page has a redirect source (whose conflicts the tables find).
            if page.redirect_templates().is_empty() && add_tags(tags, page) {
                return Ok(());
            }
            self.compare_from_here(earlier)?;
        }
        self.check_and_add_compared(page, earlier)
    }

    /// Leaves the tags for the tables, which compare the shapes whose tags meet: the earlier
    /// pages' claims are checked and made in registration order, as if the tables had
    /// been used from the first page (so every claim names its page; none of them fails,
    /// their tags being all different, and no earlier page has a redirect source).
    #[cfg(not(target_arch = "wasm32"))]
    #[cold]
    #[inline(never)]
    fn compare_from_here<T>(&mut self, earlier: &[Page<T>]) -> Result<(), BuildError> {
        let buffer = self.tags.take().map(Tags::into_buffer).unwrap_or_default();
        self.identities = ClaimTable::in_buffer(self.pages.saturating_mul(2), buffer);
        for (at, page) in earlier.iter().enumerate() {
            self.check_and_add_compared(page, &earlier[..at])?;
        }
        Ok(())
    }

    /// [`check_and_add`](Self::check_and_add) by the tables: the page's shapes are compared
    /// with the earlier claims' whose tags they meet, and claimed.
    #[inline(never)]
    fn check_and_add_compared<T>(
        &mut self,
        page: &Page<T>,
        earlier: &[Page<T>],
    ) -> Result<(), BuildError> {
        // (shape, its hash, its text, what it is)
        let mut mine: SmallVec<[(Shape<'_>, u64, &str, Claimed); 2]> = SmallVec::new();
        let (path, template) = identities(page);
        if let Some(Hashed { shape, hash }) = path {
            mine.push((shape, hash, page.path(), Claimed::Path));
        }
        if let (Some(Hashed { shape, hash }), Some(t)) = (template, &page.template) {
            mine.push((shape, hash, t.given(), Claimed::Template));
        }
        let mut sources: SmallVec<[(Shape<'_>, u64, &str, Claimed); 2]> = SmallVec::new();
        let redirects = page.redirect_templates();
        if !redirects.is_empty() {
            sources.extend(redirects.iter().zip(page.redirect_from()).enumerate().map(
                |(i, (t, s))| {
                    let shape = Shape::Template(t);
                    (shape, shape.hash(), s.as_str(), Claimed::Redirect(i as u32))
                },
            ));
        }
        let find = |table: &ClaimTable, shape: &Shape<'_>, hash: u64| {
            table
                .find(hash, |c| c.holds(shape, earlier, page))
                .ok()
                .map(|c| c.page as usize)
        };

        if let Some((other, path)) = mine
            .iter()
            .find_map(|(shape, hash, p, _)| find(&self.identities, shape, *hash).map(|o| (o, p)))
        {
            return Err(BuildError::DuplicatePath {
                module: String::from(page.module()),
                other: String::from(earlier[other].module()),
                path: String::from(*path),
            });
        }
        if let Some((_, _, source, _)) = sources.iter().find(|(shape, hash, _, _)| {
            mine.iter().any(|(m, mh, _, _)| mh == hash && m.same(shape))
        }) {
            return Err(BuildError::RedirectConflict {
                module: String::from(page.module()),
                source: String::from(*source),
                other: String::from(page.module()),
            });
        }
        // The earliest page that a source or path of this page collides with.
        let source_hits = sources.iter().filter_map(|(shape, hash, source, _)| {
            find(&self.identities, shape, *hash)
                .or_else(|| find(&self.sources, shape, *hash))
                .map(|o| (o, *source))
        });
        let no_sources = self.sources.is_empty();
        let path_hits = mine.iter().filter_map(|(shape, hash, path, _)| {
            let hit = (!no_sources).then(|| find(&self.sources, shape, *hash));
            hit.flatten().map(|o| (o, *path))
        });
        let hit = source_hits.chain(path_hits).min_by_key(|(o, _)| *o);
        if let Some((other, source)) = hit {
            return Err(BuildError::RedirectConflict {
                module: String::from(page.module()),
                source: String::from(source),
                other: String::from(earlier[other].module()),
            });
        }
        // None of these shapes is claimed yet (or this page would have failed above), but
        // a page may claim one shape twice (a static template and its equal path).
        let at = earlier.len() as u32;
        for (table, claims) in [(&mut self.identities, &mine), (&mut self.sources, &sources)] {
            for (k, (shape, hash, _, what)) in claims.iter().enumerate() {
                let repeated = claims[..k]
                    .iter()
                    .any(|(other, h, _, _)| h == hash && other.same(shape));
                if !repeated {
                    let claim = Claim {
                        page: at,
                        what: *what,
                    };
                    table.insert(*hash, claim);
                }
            }
        }
        Ok(())
    }
}

/// Adds the tags of a page's own claims (a path and template that hash alike: one tag);
/// `false` if one was in already.
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn add_tags<T>(tags: &mut Tags, page: &Page<T>) -> bool {
    if let Some(hash) = own_hash(page) {
        return tags.add(hash);
    }
    add_tags_of(tags, page)
}

/// [`add_tags`] for the pages [`own_hash`] does not hash.
#[cfg(not(target_arch = "wasm32"))]
#[inline(never)]
fn add_tags_of<T>(tags: &mut Tags, page: &Page<T>) -> bool {
    match identities(page) {
        (Some(path), Some(template)) if path.hash != template.hash => {
            tags.add(path.hash) && tags.add(template.hash)
        }
        (Some(one), _) | (None, Some(one)) => tags.add(one.hash),
        (None, None) => true,
    }
}

/// The one hash of the two usual pages' claims, hashed from their bytes as [`identities`]
/// hashes them: a static template without `%` that is its own path (its template), and a
/// template without `%` whose path is inferred (its path and template, which hash alike);
/// `None` for the others.
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn own_hash<T>(page: &Page<T>) -> Option<u64> {
    let t = page.template.as_ref().filter(|t| !t.has_escapes())?;
    match page.path_at() {
        Where::Template => Some(Shape::plain_static_hash(t)),
        Where::Texts { start, len } if !page.path_given() => {
            let (start, end) = (start as usize, start as usize + len as usize);
            let text = page.texts.bytes().get(start..end).unwrap_or_default();
            Some(Shape::unescaped_path_hash(text))
        }
        _ => None,
    }
}

/// A shape with its hash.
#[derive(Clone, Copy)]
struct Hashed<'a> {
    shape: Shape<'a>,
    hash: u64,
}

impl<'a> Hashed<'a> {
    fn of(shape: Shape<'a>) -> Hashed<'a> {
        Hashed {
            shape,
            hash: shape.hash(),
        }
    }
}

/// The shapes a page claims for itself (POLICY C11), with their hashes: its path (unless
/// its static template is its path: one shape under one text), then its template.
#[inline(always)]
fn identities<T>(page: &Page<T>) -> (Option<Hashed<'_>>, Option<Hashed<'_>>) {
    let Some(t) = &page.template else {
        return (Some(Hashed::of(Shape::Path(page.path()))), None);
    };
    let shape = Shape::Template(t);
    let plain = !t.has_escapes();
    match page.path_at() {
        Where::Template if plain => {
            let hash = Shape::plain_static_hash(t);
            (None, Some(Hashed { shape, hash }))
        }
        Where::Template => (None, Some(Hashed::of(shape))),
        // A path inferred from a template (in the page's texts, not given) holds `%` only
        // where the template does, and its hash gives the template's in one step.
        Where::Texts { .. } if plain && !page.path_given() => {
            let text = page.path();
            let hash = Shape::unescaped_path_hash(text.as_bytes());
            let path = Hashed {
                shape: Shape::Path(text),
                hash,
            };
            // (A template hashes as the path it infers.)
            let template = Hashed { shape, hash };
            (Some(path), Some(template))
        }
        _ => (
            Some(Hashed::of(Shape::Path(page.path()))),
            Some(Hashed::of(shape)),
        ),
    }
}

impl Claims {
    /// POLICY C13: no redirect may land on an address that a redirect source catches, so
    /// every redirect is one hop (no chains, no cycles). Checked once every page is in (the
    /// claims are dropped here, before the index is built: a build that claimed no redirect
    /// source has none, and nothing to check).
    pub(super) fn check_redirect_landings<T>(self, pages: &[Page<T>]) -> Result<(), BuildError> {
        if self.sources.is_empty() {
            return Ok(());
        }
        drop(self);
        check_redirect_landings(pages)
    }
}

/// [`Claims::check_redirect_landings`] over pages some of which have redirect sources.
fn check_redirect_landings<T>(pages: &[Page<T>]) -> Result<(), BuildError> {
    // The pages are in registration order.
    let sources: Vec<(&Page<T>, &Template, &String)> = pages
        .iter()
        .flat_map(|p| {
            p.redirect_templates()
                .iter()
                .zip(p.redirect_from())
                .map(move |(t, s)| (p, t, s))
        })
        .collect();
    if sources.is_empty() {
        return Ok(());
    }
    for target in pages.iter().filter(|p| !p.redirect_templates().is_empty()) {
        // What a request can match (POLICY C11): a template page by its template, plus its
        // path when one was given explicitly; any other page by its path.
        let path = match &target.template {
            None => Some(target.path()),
            Some(_) => target.supplied_path(),
        };
        let path = path.map(Template::from_path);
        for route in target.template.iter().chain(path.as_ref()) {
            for (owner, source, text) in &sources {
                if patterns_overlap(route, source) {
                    return Err(BuildError::RedirectConflict {
                        module: String::from(owner.module()),
                        source: (*text).clone(),
                        other: String::from(target.module()),
                    });
                }
            }
        }
    }
    Ok(())
}

/// Is there a path both templates match? Same segment count and every pair overlaps.
fn patterns_overlap(a: &Template, b: &Template) -> bool {
    a.len() == b.len()
        && a.segments()
            .zip(b.segments())
            .all(|(x, y)| segments_overlap(&x, &y))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Atom {
    Char(char),
    /// One character of a variable; `star` = the variable's further characters.
    Any,
    Star,
}

fn atoms(seg: &Segment<'_>) -> Vec<Atom> {
    let mut out = Vec::new();
    let lit = |s: &str, out: &mut Vec<Atom>| out.extend(s.chars().map(Atom::Char));
    match seg {
        Segment::Static(s) => lit(s, &mut out),
        Segment::Pattern(_) => {
            for part in seg.parts() {
                match part {
                    Ok(s) => lit(s, &mut out),
                    Err(()) => out.extend([Atom::Any, Atom::Star]),
                }
            }
        }
    }
    out
}

/// Do two segment patterns share a matching string? A search over the product of their
/// two small automata (a variable is one character followed by any number more).
fn segments_overlap(a: &Segment<'_>, b: &Segment<'_>) -> bool {
    let (x, y) = (atoms(a), atoms(b));
    let width = y.len() + 1;
    let mut seen = alloc::vec![false; (x.len() + 1) * width];
    let mut todo = alloc::vec![(0usize, 0usize)];
    while let Some((i, j)) = todo.pop() {
        if core::mem::replace(&mut seen[i * width + j], true) {
            continue;
        }
        if i == x.len() && j == y.len() {
            return true;
        }
        let ax = x.get(i).copied();
        let by = y.get(j).copied();
        if ax == Some(Atom::Star) {
            todo.push((i + 1, j));
        }
        if by == Some(Atom::Star) {
            todo.push((i, j + 1));
        }
        let (Some(ax), Some(by)) = (ax, by) else {
            continue;
        };
        if let (Atom::Char(c), Atom::Char(d)) = (ax, by) {
            if c == d {
                todo.push((i + 1, j + 1));
            }
            continue;
        }
        let ni = if ax == Atom::Star { i } else { i + 1 };
        let nj = if by == Atom::Star { j } else { j + 1 };
        if (ni, nj) != (i, j) {
            todo.push((ni, nj));
        }
    }
    false
}

#[cfg(test)]
mod tests;

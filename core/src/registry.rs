//! Build, then freeze: `RegistryBuilder` checks every registration at once (POLICY D9) and
//! yields an immutable `Registry`.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::config::{Config, Prefixes, relative_path};
use crate::error::{BuildError, ModuleError};
use crate::image::{AssetFiles, infer_image};
use crate::index::{Index, Route, Routes, Target};
use crate::naming::{
    DashNaming, Naming, check_dash, folder_basename, last_component, write_dash_name,
};
use crate::order::Order;
use crate::page::{
    Ends, HOME_ORDER, NAME_SUPPLIED, NOT_FOUND_PAGE, PATH_GIVEN, PATH_TEMPLATE, Page, PageMore,
    PageSpec, RELATIVE_OWN, TITLE_OWN, Text, Texts,
};
use crate::template::{Parts, Shape, Template};
use registrations::Registrations;

mod claims;
mod registrations;

use claims::Claims;

/// Collects page registrations; [`build`](RegistryBuilder::build) checks them all and
/// freezes them into a [`Registry`]. The specs' modules and templates stay borrowed until
/// then (`'a`, see [`PageSpec`]).
///
/// ```
/// use folio_core::{Config, PageSpec, RegistryBuilder};
/// let mut builder = RegistryBuilder::new(Config::new());
/// builder.page(PageSpec::new("pages.home").path("/").layout("home"));
/// builder.page(PageSpec::new("pages.home").layout("again"));
/// let err = builder.build().unwrap_err();
/// assert_eq!(err.kind(), "duplicate_module");
/// ```
pub struct RegistryBuilder<'a, T> {
    config: Config,
    naming: Box<dyn Naming>,
    /// `naming` is Dash's (the default, not replaced): the build then checks each module and
    /// finds its name in one pass, with no dynamic call.
    dash_naming: bool,
    specs: Registrations<'a, T>,
    assets: Vec<String>,
}

impl<T: core::fmt::Debug> core::fmt::Debug for RegistryBuilder<'_, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RegistryBuilder")
            .field("config", &self.config)
            .field("pages", &self.specs.iter().collect::<Vec<_>>())
            .finish()
    }
}

impl<'a, T> RegistryBuilder<'a, T> {
    /// An empty registry with Dash's naming.
    pub fn new(config: Config) -> Self {
        RegistryBuilder {
            config,
            naming: Box::new(DashNaming),
            dash_naming: true,
            specs: Registrations::new(),
            assets: Vec::new(),
        }
    }

    /// Replaces the naming scheme (how module paths become URL paths and names).
    pub fn naming(&mut self, naming: impl Naming + 'static) -> &mut Self {
        self.naming = Box::new(naming);
        self.dash_naming = false;
        self
    }

    /// The files of the assets folder, for meta-image inference (read once, at start-up).
    pub fn assets(&mut self, files: &(impl AssetFiles + ?Sized)) -> &mut Self {
        self.assets.clear();
        files.for_each_file(&mut |f| self.assets.push(String::from(f)));
        self
    }

    /// Registers a page. Nothing is checked until [`build`](Self::build).
    pub fn page(&mut self, spec: PageSpec<'a, T>) -> &mut Self {
        self.specs.push(spec);
        self
    }

    /// Checks every registration (pages in registration order, each completely before the
    /// next; redirect landings last) and freezes the registry. The first error is returned
    /// and nothing is registered.
    pub fn build(self) -> Result<Registry<T>, BuildError> {
        let prefixes = self.config.prefixes()?;
        let folder = self
            .config
            .pages_folder
            .as_deref()
            .and_then(folder_basename);
        let count = self.specs.len();
        let mut pages: Vec<Page<T>> = Vec::with_capacity(count);
        // The pages by module (registration index): the registry's module table. Made
        // with room for every page, so it never grows and never hashes a module again.
        let mut modules: HashTable<u32> = HashTable::with_capacity(count);
        let mut claims = Claims::with_capacity(count);
        let mut any_order = false;
        // Scratch room for parsing the templates, and for a page's texts.
        let mut parts = Parts::default();
        let mut texts = String::new();
        let context = Context {
            config: &self.config,
            naming: &*self.naming,
            // (Browser bundles, which count bytes and build few pages, call the naming.)
            dash_naming: self.dash_naming && cfg!(not(target_arch = "wasm32")),
            folder,
            assets: &self.assets,
            requests_prefix: &prefixes.requests,
            root_prefix: prefixes.requests.trim_end_matches('/').is_empty(),
            dash_title: self.config.title == "Dash",
        };
        for (index, spec) in self.specs.into_iter().enumerate() {
            let module: &str = &spec.module;
            // (With Dash's naming, `last` is where the module's last component starts.)
            let last = match context.dash_naming {
                true => check_dash(module),
                false => context.naming.check(module).map(|()| 0),
            }
            .map_err(module_error(module))?;
            // The module is entered in one probe; a build that fails returns the error
            // and drops the table.
            let module_of = |i: u32| pages.get(i as usize).map(Page::module_bytes);
            let entry = modules.entry(
                module_hash(module),
                |&i| module_of(i) == Some(module.as_bytes()),
                // (Never called: the table holds room for every page.)
                |&i| pages.get(i as usize).map_or(0, |p| module_hash(p.module())),
            );
            match entry {
                Entry::Occupied(_) => {
                    return Err(BuildError::DuplicateModule {
                        module: String::from(module),
                    });
                }
                Entry::Vacant(slot) => {
                    slot.insert(index as u32);
                }
            }
            // The page is made in place (a page is large: no move through a `Result`),
            // then checked against the earlier pages.
            let scratch = Scratch {
                parts: &mut parts,
                texts: &mut texts,
            };
            make_page(&context, scratch, spec, last, index, &mut pages)?;
            if let Some((page, earlier)) = pages.split_last() {
                claims.check_and_add(page, earlier)?;
            }
            // (Read while the page is in cache: no pass over the pages for it.)
            if let Some(page) = pages.last() {
                any_order |= page.supplied_order().is_some();
            }
        }

        // SEMANTICS 2.12 + POLICY C1: the home page gets order 0 while no page gives one
        // (`make_page` marks every home page, whose path it reads anyway).
        if any_order {
            for page in &mut pages {
                page.flags &= !HOME_ORDER;
            }
        }
        // The claims' tables go first, so that the order's and the index's scratch
        // reuse their memory.
        claims.check_redirect_landings(&pages)?;
        // The pages stay in registration order; `order` lists them in registry order.
        let order = crate::order::registry_order(&pages);

        // Routes refer to the templates the pages own; the index owns only the
        // templates of static paths (POLICY C11: see `check_redirect_landings`). They are made in
        // registry order, as the index ranks them, each page read once (its flags, its
        // template) for its routes and their ranks.
        let stand_in = Template::from_path("");
        let mut routes = Routes::with_capacity(pages.len(), &stand_in);
        let mut not_found = None;
        for &at in order.iter() {
            let position = at as usize;
            let Some(page) = pages.get(position) else {
                continue;
            };
            if page.has(NOT_FOUND_PAGE) {
                not_found = not_found.or(Some(position));
            }
            let plain = match &page.template {
                Some(template) => {
                    routes.page_template(position, template);
                    template.is_static()
                }
                None => true,
            };
            // A page without a template has its path (given or inferred) as its route.
            if page.template.is_none() || page.path_given() {
                routes.page_path(position, page.path(), plain);
            }
            for (index, template) in page.redirect_templates().iter().enumerate() {
                routes.redirect(position, index, template);
            }
        }
        let index = Index::new(routes);
        let quick = Quick::new(&self.config, &prefixes);
        Ok(Registry {
            index,
            quick,
            pages,
            order,
            by_module: modules,
            config: self.config,
            prefixes,
            not_found,
        })
    }
}

/// A browser bundle's module hash (it counts bytes and builds few pages): FxHash's
/// rounds, a byte at a time.
#[cfg(target_arch = "wasm32")]
fn module_hash(module: &str) -> u64 {
    module.bytes().fold(module.len() as u64, |h, b| {
        (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x5175_2b4f_c4d8_a2b5)
    })
}

/// A hash of a module path, for the module table (modules come from the app, not from
/// requests): the build's one hash of a text.
#[cfg(not(target_arch = "wasm32"))]
fn module_hash(module: &str) -> u64 {
    crate::hash::fold_hash(module.as_bytes())
}

/// A frozen page registry: immutable, `Send + Sync` when `T` is, cheap to share behind a
/// reference. Pages iterate in Dash's registry order (for navigation menus).
pub struct Registry<T> {
    /// The pages in registration order (targets and `not_found` index them).
    pub(crate) pages: Vec<Page<T>>,
    /// Registry order: indices into `pages`.
    order: Box<[u32]>,
    /// Indices into `pages` by module hash ([`module_hash`]).
    by_module: HashTable<u32>,
    pub(crate) config: Config,
    pub(crate) prefixes: Prefixes,
    pub(crate) index: Index,
    pub(crate) not_found: Option<usize>,
    pub(crate) quick: Quick,
}

/// What every request needs from the configuration, worked out once.
#[derive(Debug)]
pub(crate) struct Quick {
    /// The prefixes without their trailing slashes.
    pub(crate) routes_prefix: Box<str>,
    pub(crate) requests_prefix: Box<str>,
    /// A path shorter than this and a query shorter than this are within every limit
    /// (longer ones get the full check).
    pub(crate) path_bytes: usize,
    pub(crate) query_bytes: usize,
}

impl Quick {
    fn new(config: &Config, prefixes: &Prefixes) -> Quick {
        let limits = &config.limits;
        Quick {
            routes_prefix: prefixes.routes.trim_end_matches('/').into(),
            requests_prefix: prefixes.requests.trim_end_matches('/').into(),
            // The segment count is only checked on paths longer than `max_segments`.
            path_bytes: limits
                .max_path_bytes
                .min(limits.max_segments)
                .saturating_add(1),
            // The field count is only checked on queries of `max_query_pairs` bytes or
            // more (so always when it is 0).
            query_bytes: limits
                .max_query_bytes
                .saturating_add(1)
                .min(limits.max_query_pairs),
        }
    }
}

impl<T: core::fmt::Debug> core::fmt::Debug for Registry<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let pages: Vec<&Page<T>> = self.pages().collect();
        f.debug_struct("Registry")
            .field("config", &self.config)
            .field("pages", &pages)
            .finish()
    }
}

impl<T> Registry<T> {
    /// The pages in registry order.
    pub fn pages(&self) -> impl ExactSizeIterator<Item = &Page<T>> {
        self.order.iter().map(|&i| &self.pages[i as usize])
    }

    /// The pages in the order they were registered: the n-th has
    /// [`Page::registration_index`] n. Data an adapter keeps per page (a compiled handler, a
    /// rendered menu) can live in a `Vec` in this order and be found for a matched page in
    /// O(1), without searching the registry order.
    pub fn pages_by_registration(&self) -> impl ExactSizeIterator<Item = &Page<T>> {
        self.pages.iter()
    }

    /// The registry position of the page stored at `index` (for answers that name pages
    /// by position).
    pub(crate) fn position(&self, index: usize) -> usize {
        self.order
            .iter()
            .position(|&i| i as usize == index)
            .unwrap_or(index)
    }

    /// The page registered under `module`.
    pub fn page(&self, module: &str) -> Option<&Page<T>> {
        let pages = &self.pages;
        self.by_module
            .find(module_hash(module), |&i| {
                pages[i as usize].module() == module
            })
            .map(|&i| &pages[i as usize])
    }

    /// The custom 404 page: the first page in registry order whose module's last component
    /// is `not_found_404`.
    pub fn not_found_page(&self) -> Option<&Page<T>> {
        self.not_found.map(|i| &self.pages[i])
    }

    /// The configuration the registry was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The effective requests prefix (what the browser sees).
    pub fn requests_prefix(&self) -> &str {
        &self.prefixes.requests
    }

    /// The effective routes prefix (what the server receives).
    pub fn routes_prefix(&self) -> &str {
        &self.prefixes.routes
    }
}

/// The template of a route that a page owns: its own template, or a redirect source.
pub(crate) fn owned_template<'p, T>(pages: &'p [Page<T>], route: &Route) -> Option<&'p Template> {
    match route.target() {
        Target::Page(p) if route.is_page_template => pages.get(p)?.template.as_ref(),
        Target::Page(_) => None,
        Target::Redirect { page, index } => pages.get(page)?.redirect_templates().get(index),
    }
}

/// What every page of a build is made with.
struct Context<'a> {
    config: &'a Config,
    naming: &'a dyn Naming,
    /// `naming` is Dash's ([`RegistryBuilder::dash_naming`]).
    dash_naming: bool,
    folder: Option<&'a str>,
    assets: &'a [String],
    requests_prefix: &'a str,
    /// The requests prefix is `/` (or empty): most pages' address is their path.
    root_prefix: bool,
    /// The app's title is Dash's default: a page without a title has its name as title.
    dash_title: bool,
}

/// Room a build reuses from page to page: for parsing templates, and for making a page's
/// texts before they are boxed.
struct Scratch<'a> {
    parts: &'a mut Parts,
    texts: &'a mut String,
}

/// Checks one registration (its module is checked and unique; with Dash's naming its last
/// component starts at `last`) and pushes its page onto `pages` (the earlier pages).
fn make_page<T>(
    cx: &Context<'_>,
    scratch: Scratch<'_>,
    spec: PageSpec<'_, T>,
    last: usize,
    registered: usize,
    pages: &mut Vec<Page<T>>,
) -> Result<(), BuildError> {
    let Scratch { parts, texts } = scratch;
    // The page's texts are made here, then boxed once.
    texts.clear();
    let PageSpec {
        module: given_module,
        path,
        path_template,
        layout,
        more,
    } = spec;
    // The less common arguments are taken out of their box one by one: most pages give
    // none of them, and then no value is made, moved or dropped for them.
    let mut given = more;
    let (name, order, title) = match given.as_deref_mut() {
        Some(m) => (m.name.take(), m.order.take(), m.title.take()),
        None => (None, None, None),
    };
    // (Errors copy the module: one way to make them, whether it was lent or given.)
    let module: &str = &given_module;
    if let Some(path) = &path {
        if !path.is_empty() && !path.starts_with('/') {
            return Err(BuildError::PathNotAbsolute {
                module: String::from(module),
                path: String::from(&**path),
            });
        }
    }
    // The template keeps its own copy of the text (the spec's `String`, if it gave one).
    let template = match path_template {
        Some(text) => Some(Template::parse_owned(text.into_owned(), parts).map_err(
            |(error, template)| BuildError::Template {
                module: String::from(module),
                template,
                error,
            },
        )?),
        None => None,
    };
    let Some(layout) = layout else {
        return Err(BuildError::NoLayout {
            module: String::from(module),
        });
    };
    if order.as_ref().is_some_and(Order::is_nan) {
        return Err(BuildError::InvalidOrder {
            module: String::from(module),
        });
    }
    let mut redirect_from: Vec<String> = Vec::new();
    let mut redirect_templates: Vec<Template> = Vec::new();
    let sources = match given.as_deref_mut() {
        Some(m) if !m.redirect_from.is_empty() => core::mem::take(&mut m.redirect_from),
        _ => Vec::new(),
    };
    for source in sources {
        if !source.starts_with('/') {
            return Err(BuildError::PathNotAbsolute {
                module: String::from(module),
                path: source,
            });
        }
        let parsed = Template::parse(&source).map_err(|error| BuildError::Template {
            module: String::from(module),
            template: source.clone(),
            error,
        })?;
        if let Some(missing) = template
            .iter()
            .flat_map(Template::variables)
            .find(|v| !parsed.variables().any(|n| n == *v))
        {
            return Err(BuildError::UnboundRedirectVariable {
                variable: String::from(missing),
                module: String::from(module),
                source,
            });
        }
        let shape = Shape::Template(&parsed);
        if redirect_templates
            .iter()
            .all(|t| !Shape::Template(t).same(&shape))
        {
            redirect_from.push(source);
            redirect_templates.push(parsed);
        }
    }

    // The module and the worked-out texts go into one text; `too_long` refuses a page
    // whose texts cannot be addressed with 32-bit offsets.
    let too_long = |module: &str, text: &str| BuildError::Template {
        module: String::from(module),
        template: String::from(text),
        error: crate::error::TemplateError::TooLong,
    };
    texts.push_str(module);
    let module_len = u32::try_from(module.len()).map_err(|_| too_long(module, ""))?;
    // Each text pushed ends where the next starts ([`Ends`]); one not pushed (`flags`
    // say where it is) ends where the one before does.
    let mut flags = 0;
    if path.is_some() {
        flags |= PATH_GIVEN;
    }
    // (The path is copied and dropped here: a lent one costs nothing to drop.)
    let path_end = match (path, &template) {
        (Some(p), _) => push_text(texts, &p).ok_or_else(|| too_long(module, &p))?,
        // SEMANTICS 3.1: a parsed static template has no `<`, so it is its own path.
        (None, Some(t)) if t.is_static() && t.given().starts_with('/') => {
            flags |= PATH_TEMPLATE;
            module_len
        }
        (None, Some(t)) => {
            path_from_template(t, texts);
            end_of(texts).ok_or_else(|| too_long(module, t.given()))?
        }
        (None, None) => {
            let inferred = cx
                .naming
                .path(module, cx.folder)
                .map_err(module_error(module))?;
            push_text(texts, &inferred).ok_or_else(|| too_long(module, &inferred))?
        }
    };
    let name_end = match &name {
        Some(_) => {
            flags |= NAME_SUPPLIED;
            path_end
        }
        None => {
            match cx.dash_naming {
                true => write_dash_name(module, last, texts),
                false => cx.naming.write_name(module, texts),
            }
            .map_err(module_error(module))?;
            end_of(texts).ok_or_else(|| too_long(module, ""))?
        }
    };
    // A page without a title of its own has its name as title (Dash's default app
    // title), else the app's title: either way a text kept once.
    let title_end = match (&title, cx.dash_title) {
        (Some(_), _) | (None, true) => name_end,
        (None, false) => {
            flags |= TITLE_OWN;
            push_text(texts, &cx.config.title).ok_or_else(|| too_long(module, &cx.config.title))?
        }
    };
    let (description, image, image_url) = match given.as_deref_mut() {
        Some(m) => (m.description.take(), m.image.take(), m.image_url.take()),
        None => (None, None, None),
    };
    let description = match description {
        Some(text) if text.is_truthy() => Some(text),
        falsy => {
            // (Only a text that was given is dropped: no call for none.)
            if let Some(text) = falsy {
                drop(text);
            }
            cx.config.description.clone().map(Text::Fixed)
        }
    };
    let inferred_image = match (&image, cx.assets) {
        (Some(_), _) | (None, []) => None,
        (None, assets) => infer_image(module, assets),
    };
    // Most pages have none of these: no box, and no large value made to find that out.
    // (A spec that gave any of them has its `SpecMore` box: only a falsy description
    // alone then makes a `PageMore` of nothing, which reads as none.)
    let needs_more = given.is_some() || description.is_some() || inferred_image.is_some();
    // (An `if`, not `bool::then`: a closure that is not called still drops every field
    // it took, out of line.)
    let more = if needs_more {
        Some(Box::new(PageMore {
            supplied_name: name,
            supplied_title: title,
            description,
            supplied_order: order,
            supplied_image: image,
            inferred_image,
            image_url,
            redirect_from,
            redirect_templates,
            extra: given
                .as_deref_mut()
                .map(|m| core::mem::take(&mut m.extra))
                .unwrap_or_default(),
        }))
    } else {
        // No less common argument and no redirect source (else `needs_more`): the two
        // lists were never pushed to, so they hold no allocation, and the arguments and
        // what follows from them are none; forgetting them saves their out-of-line drop
        // calls.
        debug_assert!(redirect_from.capacity() == 0 && redirect_templates.capacity() == 0);
        debug_assert!(name.is_none() && title.is_none() && order.is_none());
        debug_assert!(description.is_none() && image.is_none() && image_url.is_none());
        debug_assert!(inferred_image.is_none());
        core::mem::forget((redirect_from, redirect_templates));
        core::mem::forget((name, title, order, description));
        core::mem::forget((image, inferred_image, image_url));
        None
    };
    // (Only a box that was given is dropped: no call for the others.)
    if let Some(given) = given {
        drop(given);
    }
    // The address under the requests prefix: the path itself when the prefix is `/` and
    // the path starts with exactly one `/`.
    let path = match (flags & PATH_TEMPLATE, &template) {
        (0, _) => texts.get(module_len as usize..path_end as usize),
        (_, Some(t)) => Some(t.given()),
        _ => None,
    }
    .unwrap_or("");
    // (Tested as bytes: the tests are on ASCII bytes, with no character boundary to
    // check and no slice that can panic.)
    let bytes = path.as_bytes();
    // A home page, which gets order 0 if no page gives one (see `build`).
    if bytes.iter().all(|&b| b == b'/') {
        flags |= HOME_ORDER;
    }
    // A custom 404 page (see `build`), marked while its module is in cache.
    if module.ends_with("not_found_404") && last_component(module) == "not_found_404" {
        flags |= NOT_FOUND_PAGE;
    }
    let plain = cx.root_prefix && bytes.first() == Some(&b'/') && bytes.get(1) != Some(&b'/');
    if !plain {
        flags |= RELATIVE_OWN;
        let relative = relative_path(cx.requests_prefix, path);
        push_text(texts, &relative).ok_or_else(|| too_long(module, &relative))?;
    }
    pages.push(Page {
        texts: Texts::new(texts),
        template,
        ends: Ends {
            module: module_len,
            path: path_end,
            name: name_end,
            title: title_end,
        },
        flags,
        layout,
        registered: registered as u32,
        more,
    });
    Ok(())
}

/// A naming error as a build error on `module`.
fn module_error(module: &str) -> impl FnOnce(ModuleError) -> BuildError + '_ {
    move |error| BuildError::Module {
        module: String::from(module),
        error,
    }
}

/// Pushes `text` onto the texts: where the texts end, or `None` past 4 GiB.
fn push_text(texts: &mut String, text: &str) -> Option<u32> {
    texts.push_str(text);
    end_of(texts)
}

/// Where the texts end, or `None` past 4 GiB (texts are addressed with 32-bit offsets).
fn end_of(texts: &str) -> Option<u32> {
    u32::try_from(texts.len()).ok()
}

/// SEMANTICS 3.1 (kept): every `<…>` becomes `none`; a leading `/` is added. Written into
/// `out`, the build's scratch text, whose room stays from page to page (no reserving:
/// working out the exact length would read the variables once more).
fn path_from_template(template: &Template, out: &mut String) {
    if !template.given().starts_with('/') {
        out.push('/');
    }
    template.write_filled("none", out);
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    use super::module_hash;
    use crate::{Config, PageSpec, RegistryBuilder};

    /// Modules of every length up to 40 bytes are found by `Registry::page`, and a module
    /// registered twice is refused, whatever its length.
    #[test]
    fn modules_of_every_length_are_found() {
        let modules: Vec<String> = (1..=40).map(|n| "m".repeat(n)).collect();
        let mut b = RegistryBuilder::new(Config::new());
        for (i, m) in modules.iter().enumerate() {
            b.page(PageSpec::new(m).layout(i));
        }
        let registry = b.build().unwrap();
        for (i, m) in modules.iter().enumerate() {
            assert_eq!(registry.page(m).map(|p| *p.layout()), Some(i), "{m}");
        }
        assert!(registry.page("").is_none() && registry.page(&"m".repeat(41)).is_none());
        for m in &modules {
            let mut b = RegistryBuilder::new(Config::new());
            b.page(PageSpec::new(m).layout(0));
            b.page(PageSpec::new(m).layout(1));
            assert_eq!(b.build().unwrap_err().kind(), "duplicate_module", "{m}");
        }
    }

    /// A page's address is its path unless the requests prefix or a second leading `/`
    /// needs one of its own, and a path of slashes alone makes a home page: read from the
    /// path's bytes (given, a static template's own, or inferred from a template), against
    /// the rule spelled on the text.
    #[test]
    fn addresses_and_home_pages_follow_the_path() {
        let paths = [
            "", "/", "//", "///", "/a", "//a", "/a/", "/é", "//é", "/<x>", "<x>",
        ];
        let mut built = 0;
        for prefix in ["/", "/app/"] {
            for path in paths {
                for template in [false, true] {
                    let spec = PageSpec::new("pages.p").layout(0);
                    let spec = match template {
                        true => spec.path_template(path),
                        false => spec.path(path),
                    };
                    let mut b =
                        RegistryBuilder::new(Config::new().requests_pathname_prefix(prefix));
                    b.page(spec);
                    let Ok(registry) = b.build() else { continue };
                    built += 1;
                    let page = registry.page("pages.p").unwrap();
                    let path = page.path();
                    let plain =
                        prefix == "/" && path.starts_with('/') && !path[1..].starts_with('/');
                    let address = match plain {
                        true => String::from(path),
                        false => crate::config::relative_path(prefix, path),
                    };
                    assert_eq!(page.relative_path(), address, "{prefix:?} {path:?}");
                    let home = path.bytes().all(|b| b == b'/');
                    assert_eq!(page.order().is_some(), home, "{prefix:?} {path:?}");
                }
            }
        }
        assert_eq!(built, 42);
    }

    /// The custom 404 page is the first in registry order whose module's last component is
    /// `not_found_404` (marked as each page is made), whatever the registration order; a
    /// module that only ends with those bytes is not one.
    #[test]
    fn the_custom_404_page_is_the_first_in_registry_order() {
        let modules = [
            "pages.my_not_found_404",
            "z.not_found_404",
            "b::not_found_404",
            "not_found_404x",
            "a.not_found_404",
            "a:not_found_404",
        ];
        let mut b = RegistryBuilder::new(Config::new());
        for (i, m) in modules.iter().enumerate() {
            b.page(PageSpec::new(*m).path(format!("/p{i}")).layout(i));
        }
        let registry = b.build().unwrap();
        assert_eq!(
            registry.not_found_page().map(|p| p.module()),
            Some("a.not_found_404")
        );
        let mut b = RegistryBuilder::new(Config::new());
        for m in [
            "pages.my_not_found_404",
            "not_found_404x",
            "a:not_found_404",
        ] {
            b.page(PageSpec::new(m).layout(0));
        }
        assert!(b.build().unwrap().not_found_page().is_none());
    }

    /// Modules that differ only in their middle bytes, or only in their length, hash
    /// apart: every byte of a module is read.
    #[test]
    fn module_hashes_read_every_byte() {
        let mut hashes: Vec<u64> = (0..1000)
            .map(|i| module_hash(&format!("pages.reports_{i:04}_summary")))
            .chain((0..1000).map(|i| module_hash(&format!("app::{i:04}.deep.deep.deep.x"))))
            .chain((0..64).map(|n| module_hash(&"a".repeat(n))))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), 2064);
    }
}

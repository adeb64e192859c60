//! [`Heads`]: every page's head prepared once ([`folio_core::PreparedHead`]), so that a
//! page request's head is a few copies (see [`decide_with`](crate::decide_with)).

use folio_core::{Page, PreparedHead, Registry};

/// The prepared head of every page of one registry, by registration index (a computed
/// title or description is rendered per request into its prepared head); a page the core
/// cannot prepare has none (its head is written per request, as [`decide`](crate::decide)
/// writes every head).
///
/// ```
/// use folio_core::{Config, PageSpec, RegistryBuilder};
/// use folio_server_common::{Decision, Heads, Incoming, decide, decide_with};
///
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(PageSpec::new("pages.home").path("/").title("Home & co").image("logo.svg").layout(()));
/// let registry = b.build().unwrap();
/// let heads = Heads::new(&registry);
/// let get = || Incoming::get("/?a=1").host(Some("example.com"));
/// let Decision::Render(fast) = decide_with(&registry, &heads, None, get()) else { panic!() };
/// let Decision::Render(made) = decide(&registry, None, get()) else { panic!() };
/// assert_eq!(fast.head(), made.head());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Heads {
    /// The page's address (to tell a page of another registry) and its prepared head.
    pages: Vec<(usize, Option<PreparedHead>)>,
}

impl Heads {
    /// The heads of every page of `registry`.
    pub fn new<T>(registry: &Registry<T>) -> Self {
        let pages = (registry.pages_by_registration())
            .map(|page| (address(page), registry.prepare_head(page)))
            .collect();
        Heads { pages }
    }

    /// `page`'s prepared head, when it has one and belongs to the registry this table was
    /// made from.
    pub(crate) fn get<T>(&self, page: &Page<T>) -> Option<&PreparedHead> {
        match self.pages.get(page.registration_index()) {
            Some((at, head)) if *at == address(page) => head.as_ref(),
            _ => None,
        }
    }
}

/// Where `page` lives: pages do not move once a registry is built.
fn address<T>(page: &Page<T>) -> usize {
    std::ptr::from_ref(page).addr()
}

//! Resolution allocates nothing for a request whose query needs no decoding (issue 3's
//! bar; a path holding `%` too when its page has no variables, issue 4; one with
//! variables keeps the walk's decoding, one allocation), shown with a counting global allocator. The
//! escaped paths of the bench tables: `benches/tests/escaped_alloc.rs`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use folio_core::{Config, PageSpec, RegistryBuilder, Resolution};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; we only count.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    f();
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

#[test]
fn plain_requests_resolve_without_allocating() {
    let mut b = RegistryBuilder::new(Config::new());
    b.page(PageSpec::new("pages.home").path("/").layout(0usize));
    b.page(PageSpec::new("pages.analytics").layout(1));
    b.page(
        PageSpec::new("pages.asset")
            .path_template("/asset/<asset_id>/department/hello-<dept_id>")
            .layout(2),
    );
    b.page(
        PageSpec::new("pages.many")
            .path_template("/m/<a>-<b>-<c>-<d>-<e>-<f>-<g>-<h>-<i>-<j>/<k>/<l>/<m>")
            .layout(3),
    );
    b.page(
        PageSpec::new("pages.archive")
            .layout(4)
            .redirect_from("/archive-2021"),
    );
    let registry = b.build().unwrap();

    let requests = [
        ("/", ""),
        ("/analytics", "city=Paris&x=1"),
        ("/asset/7/department/hello-sales", "a=b&a=c"),
        ("/m/1-2-3-4-5-6-7-8-9-10/k/l/m", ""),
        ("/no/such/page", "q=1"),
    ];
    for (path, query) in requests {
        let n = allocations_during(|| {
            let resolution = registry.resolve(path, query);
            let mut touched = 0;
            match &resolution {
                Resolution::Page(m) => {
                    touched += *m.page().layout();
                    for (name, value) in m.variables() {
                        touched += name.len() + value.len();
                    }
                    for (k, v) in m.query().pairs() {
                        touched += k.len() + v.len();
                    }
                }
                Resolution::NotFound(nf) => touched += nf.query().pairs().count(),
                Resolution::Redirect(_) | Resolution::Rejected(_) => {
                    unreachable!("no redirect or limit here")
                }
            }
            std::hint::black_box(touched);
        });
        assert_eq!(n, 0, "{path}?{query} allocated {n} times");
    }
    // A `%` in the path of a page without variables decodes nothing.
    let n = allocations_during(|| {
        let resolution = registry.resolve("/an%61lytics", "");
        let Resolution::Page(m) = &resolution else {
            panic!("the escaped request matches")
        };
        assert_eq!((*m.page().layout(), m.variable_count()), (1, 0));
    });
    assert_eq!(n, 0);
    // A path holding `%` whose page has variables is decoded once, by the walk that finds
    // its route; the match keeps that decoding (so that nothing is written into a match
    // after it is made: see `Segments` in resolve.rs); reading the values, any number of
    // times, allocates nothing more.
    let mut resolved = None;
    let n = allocations_during(|| {
        resolved = Some(registry.resolve("/asset/a%20b/department/hello-x", ""));
    });
    // The walk's decoded text, copied once; without the walk's buffers, decoded for the
    // match (and shrunk to size).
    #[cfg(feature = "indexed-escapes")]
    assert_eq!(n, 1);
    #[cfg(not(feature = "indexed-escapes"))]
    assert!((1..=2).contains(&n), "{n}");
    let Some(Resolution::Page(m)) = &resolved else {
        panic!("the escaped request matches")
    };
    let n = allocations_during(|| {
        assert_eq!(m.variable("asset_id"), Some("a b"));
        assert_eq!(m.variable("asset_id"), Some("a b"));
    });
    assert_eq!(n, 0);
}

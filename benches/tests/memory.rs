//! Bytes per route of folio's frozen registry (issue 4 asks for it in BENCHMARKS.md),
//! measured with a counting global allocator: heap bytes still live after `build`, minus
//! those live before (the translated templates are made beforehand). Run with
//! `cargo test -p folio-benches --release --test memory -- --nocapture` to see the numbers.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use folio_benches::data::{self, Table};
use folio_benches::routers::{BenchRouter, Folio};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; we only count bytes.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap bytes per route held by folio's registry built from `table`.
fn bytes_per_route(table: &Table) -> f64 {
    let input = Folio::prepare(&table.routes).expect("folio takes every table");
    let before = LIVE.load(Ordering::SeqCst);
    let router = Folio::build(&input).expect("the table builds");
    let held = LIVE.load(Ordering::SeqCst) - before;
    drop(router);
    held as f64 / table.routes.len() as f64
}

#[test]
fn registry_bytes_per_route() {
    // Tests in this file run one at a time on purpose: the counter is global.
    for table in [data::github(), data::inline()] {
        let per_route = bytes_per_route(&table);
        println!(
            "{}: {} routes, {per_route:.0} bytes/route",
            table.name,
            table.routes.len()
        );
        // A loose ceiling so a regression that bloats the registry fails loudly.
        assert!(
            per_route < 4096.0,
            "{}: {per_route} bytes/route",
            table.name
        );
    }
}

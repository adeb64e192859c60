//! The browser bundles of folio-wasm, built by `adapters/wasm/ci.sh` as release `cdylib`
//! examples: `demo` (the router alone, core + adapter, the one whose size is measured) and
//! `gallery_client` (the gallery's pages in the browser). The package exists so that the
//! bundles are built without folio-wasm's dev-dependencies, whose folio-core features
//! (`unicode-case`) and `std` a browser page does not need.
//!
//! What both bundles share lives here (each example links it with `use folio_wasm_bundles
//! as _;`): on wasm, the allocator and the panic handler of a `no_std` bundle. Build the
//! bundles on their own (`cargo build -p folio-wasm-bundles`, as `ci.sh` does): in one build
//! with a package that links `std` for wasm32 (folio-wasm's tests do, through
//! folio-conformance), std's panic handler meets this one (error E0152).
#![no_std]

// talc rather than std's dlmalloc: the same job in less of the bundle (single-threaded wasm).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// A panic traps. Nothing in the dependency graph links `std` (wasm-bindgen, js-sys and
/// web-sys without their `std` feature, folio-wasm and folio-gallery `no_std`), so this is
/// the bundles' handler; std's would format the message, then drop it (wasm32-unknown-unknown
/// has no stderr), and that formatting (`Debug` impls, Unicode printable tables) was ≈ 5 KB
/// of every bundle. The trap shows in the console as `RuntimeError: unreachable`.
#[cfg(all(target_family = "wasm", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

//! The adversarial requests of issue 8 and the registry they are sent to, shared by the
//! `adversarial` bench (wall clock) and `lookup_count` (instructions), so both measure the
//! same shapes.

use folio_core::{Config, PageSpec, Registry, RegistryBuilder};

/// Templates with many variables per segment and many partial siblings, and the normal
/// lookup's one-variable page under another parent.
pub fn registry() -> Registry<()> {
    let mut b = RegistryBuilder::new(Config::new());
    let mut add = |module: String, template: String| {
        b.page(PageSpec::new(module).path_template(template).layout(()));
    };
    add("pages.many".into(), "/m/<a>-<b>-<c>-<d>-<e>".into());
    add(
        "pages.dots".into(),
        "/m/<a>.<b>.<c>.<d>.<e>.<f>.<g>.<h>".into(),
    );
    add("pages.overlap".into(), "/m/<a>ab<b>ab<c>ab<d>".into());
    // Many partial children of the same parent: each must be tried before the variables.
    for i in 0..50 {
        add(format!("pages.p{i}"), format!("/m/p{i}-<x>"));
        add(format!("pages.s{i}"), format!("/m/<x>-s{i}"));
    }
    // The normal lookup: one variable, the same parent shape.
    add("pages.normal".into(), "/n/<id>".into());
    b.build().expect("the adversarial registry builds")
}

/// `(name, request of about `n` bytes after the parent)`; `n` is at least 16.
pub fn requests(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("dashes_then_x", format!("/m/{}x", "-".repeat(n - 1))),
        ("only_dashes", format!("/m/{}", "-".repeat(n))),
        ("no_literal", format!("/m/{}", "a".repeat(n))),
        (
            "overlapping_literal",
            format!("/m/{}a", "ab".repeat((n - 1) / 2)),
        ),
        ("dots", format!("/m/{}", ".".repeat(n))),
        ("dash_dot_mix", format!("/m/{}", "-.".repeat(n / 2))),
        (
            "near_miss_siblings",
            format!("/m/p1{}-s", "-".repeat(n - 4)),
        ),
        ("encoded_dashes", format!("/m/{}", "%2D".repeat(n / 3))),
        // Literals far from the end: every reverse search scans the whole tail, once per
        // variable to match and again per variable to extract.
        (
            "dashes_far_tail",
            format!("/m/a-b-c-d-{}", "x".repeat(n - 8)),
        ),
        (
            "dots_far_tail",
            format!("/m/a.b.c.d.e.f.g.{}", "x".repeat(n - 14)),
        ),
        (
            "overlap_far_tail",
            format!("/m/aabaabaab{}", "x".repeat(n - 9)),
        ),
    ]
}

/// The normal lookup of the same length.
pub fn normal(n: usize) -> String {
    format!("/n/{}", "a".repeat(n))
}

//! Every crash the fuzz targets (`fuzz/`) ever found, replayed as a plain test and named
//! after what broke. Add one here for each new finding, with the minimized input.

use folio_core::{Config, PageSpec, RegistryBuilder, Resolution};

/// Found by `differential`, `registry` and `template_round_trip` within seconds on a
/// work-in-progress matcher (before 26423e6): the word-at-a-time `/`/`%` scan of a raw
/// path computed `n - 8 + k` for a rest of 4 to 7 bytes with a match in its last four,
/// which underflows (a panic with overflow checks). Every short rest, every position.
#[test]
fn short_path_tail_scan_does_not_underflow() {
    let mut b = RegistryBuilder::new(Config::new());
    b.page(PageSpec::new("pages.home").path("/").layout(0));
    b.page(PageSpec::new("pages.a").path("/aaaa").layout(1));
    b.page(PageSpec::new("pages.x").path_template("/<x>").layout(2));
    b.page(
        PageSpec::new("pages.y")
            .path_template("/a<y>/<z>")
            .layout(3),
    );
    let registry = b.build().unwrap();
    for len in 1..=17 {
        for at in 0..len {
            for sep in ['/', '%'] {
                let mut path: Vec<char> = "a".repeat(len).chars().collect();
                path[at] = sep;
                let path = format!("/{}", path.iter().collect::<String>());
                let [fast, naive] = registry.differential_route(&path);
                assert_eq!(fast, naive, "{path}");
                let resolution = registry.resolve(&path, "");
                assert!(!matches!(resolution, Resolution::Rejected(_)), "{path}");
            }
        }
    }
}

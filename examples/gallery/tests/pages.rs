//! Adding a page is one file: the registry holds exactly the files of the pages folder
//! (folio-build's rules: nested folders are nested modules, `_` files and `mod.rs` are
//! skipped), and the menus come from the core's navigation model.

use std::path::Path;

use folio_core::Resolution;
use folio_gallery::document::Menus;

/// Module paths under `pages::` of every page file, found by walking the folder here
/// (independently of folio-build).
fn page_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("pages folder readable") {
        let entry = entry.expect("entry readable");
        let name = entry.file_name().into_string().expect("UTF-8 names");
        if name.starts_with(['_', '.']) {
            continue;
        }
        if entry.file_type().expect("file type").is_dir() {
            page_files(&entry.path(), &format!("{prefix}{name}::"), out);
        } else if let Some(stem) = name.strip_suffix(".rs").filter(|s| *s != "mod") {
            out.push(format!("{prefix}{stem}"));
        }
    }
}

#[test]
fn the_registry_is_the_pages_folder() {
    let mut files = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pages");
    page_files(&dir, "folio_gallery::pages::", &mut files);
    files.sort();
    let registry = folio_gallery::registry("/", folio_gallery::ASSET_FILES).expect("builds");
    let mut modules: Vec<String> = registry.pages().map(|p| p.module().to_owned()).collect();
    modules.sort();
    assert_eq!(modules, files, "one file = one page, and no other page");
    assert!(files.len() >= 8, "the gallery's pages: {files:?}");
    let summary = registry
        .page("folio_gallery::pages::reports::summary_2020")
        .expect("nested page");
    assert_eq!(summary.path(), "/reports/summary-2020");
}

#[test]
fn menus_come_from_the_navigation_model() {
    let registry = folio_gallery::registry("/app/", folio_gallery::ASSET_FILES).expect("builds");
    let here = registry.resolve("/app/reports/summary-2021", "");
    assert!(matches!(here, Resolution::Page(_)));
    let menus = Menus::from_registry(&registry, &here);
    let nav: Vec<&str> = menus.nav.iter().map(|l| l.href).collect();
    assert_eq!(
        nav,
        ["/app/", "/app/analytics", "/app/archive", "/app/widgets"]
    );
    let external: Vec<&str> = menus
        .nav
        .iter()
        .filter(|l| l.external)
        .map(|l| l.label)
        .collect();
    assert_eq!(
        external,
        ["Widgets"],
        "only the server draws the widgets page"
    );
    let [(Some("reports"), side)] = &menus.sidebar[..] else {
        panic!("one sidebar section: {:?}", menus.sidebar)
    };
    let side: Vec<(&str, bool)> = side.iter().map(|l| (l.label, l.current)).collect();
    assert_eq!(side, [("Summary 2020", false), ("Summary 2021", true)]);
    let crumbs: Vec<&str> = menus.crumbs.iter().map(|l| l.label).collect();
    assert_eq!(crumbs, ["Home", "Summary 2021"]);
    let nowhere = registry.resolve("/app/nowhere", "");
    let menus = Menus::from_registry(&registry, &nowhere);
    assert!(menus.nav.iter().all(|l| !l.current) && menus.crumbs.is_empty());
}

/// The servers draw the menus from a table made at start-up: on every page (each reached by
/// a real address) and on the 404 page it holds what the navigation model gives for that
/// address.
#[test]
fn the_menu_table_matches_the_navigation_model_on_every_page() {
    use folio_gallery::document::MenuTable;
    for prefix in ["/", "/app/"] {
        let registry = folio_gallery::registry(prefix, folio_gallery::ASSET_FILES).expect("builds");
        let table = MenuTable::new(&registry);
        let p = prefix.trim_end_matches('/');
        let mut addresses: Vec<String> = registry
            .pages()
            .filter(|page| page.template().is_none_or(|t| t.is_static()))
            .map(|page| page.relative_path().to_owned())
            .collect();
        addresses.extend(
            [
                "/report/7",
                "/asset/a100/department/hello-sales",
                "/no/such/page",
            ]
            .map(|a| format!("{p}{a}")),
        );
        let mut shown = Vec::new();
        for address in &addresses {
            let here = registry.resolve(address, "");
            let page = match &here {
                Resolution::Page(m) => Some(m.page()),
                Resolution::NotFound(_) => None,
                other => panic!("{address}: {other:?}"),
            };
            assert_eq!(
                table.menus(&registry, page),
                Menus::from_registry(&registry, &here),
                "{address}"
            );
            shown.extend(page.map(|p| p.module().to_owned()));
        }
        let not_found = registry.not_found_page().map(|p| p.module().to_owned());
        for page in registry.pages() {
            assert!(
                shown.iter().any(|m| m == page.module())
                    || Some(page.module()) == not_found.as_deref(),
                "{} reached by no address",
                page.module()
            );
        }
        let address = format!("{p}/reports/summary-2020");
        let summary = registry.resolve(&address, "");
        let crumbs = Menus::from_registry(&registry, &summary).crumbs.len();
        assert_eq!(crumbs, 2, "a page below home has a trail");
    }
}

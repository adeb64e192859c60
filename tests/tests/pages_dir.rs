//! Streamlit's legacy `pages/` folder (`Navigation::from_pages_dir`) on arbitrary file
//! names: it builds or fails with an error, never panics, and a built navigation keeps its
//! promises: the pages after the main one come in P-2 order, every page is found again by
//! its id, by the name in its URL and by its file, and the root runs the main page.

use folio_core::streamlit::{Navigation, PageRequest, SortKey, Target};
use proptest::prelude::*;

/// File names made of the pieces the naming rules care about: numeric prefixes, the
/// separators they strip, a leading emoji (the icon), non-ASCII, `.py` (also twice, or
/// missing), hidden and package files, URL-unsafe characters, line breaks.
fn file_name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("1"),
        Just("10"),
        Just("02"),
        Just("_"),
        Just(" "),
        Just("-"),
        Just("📈"),
        Just("a"),
        Just("B"),
        Just("é"),
        Just("%"),
        Just("?"),
        Just(".py"),
        Just("."),
        Just("\n"),
    ];
    prop_oneof![
        4 => proptest::collection::vec(piece.clone(), 0..6).prop_map(|p| p.concat() + ".py"),
        1 => proptest::collection::vec(piece, 0..6).prop_map(|p| p.concat()),
        1 => Just("__init__.py".to_owned()),
        1 => Just(".hidden.py".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_pages_folder_builds_or_errors_and_every_page_is_found_again(
        files in proptest::collection::vec(file_name(), 0..6),
    ) {
        let Ok(nav) = Navigation::from_pages_dir("streamlit_app.py", &files) else {
            return Ok(());
        };
        let pages = nav.pages();
        prop_assert_eq!(pages[nav.default_index()].source(), "streamlit_app.py");
        prop_assert_eq!(nav.resolve(PageRequest::Root).index, nav.default_index());
        let kept = files
            .iter()
            .filter(|f| f.ends_with(".py") && !f.starts_with('.') && *f != "__init__.py")
            .count();
        prop_assert_eq!(pages.len(), kept + 1, "{:?}", files);
        // After the main page, the files in P-2 order.
        let keys: Vec<SortKey> = pages[1..]
            .iter()
            .map(|p| SortKey::of(p.source().trim_start_matches("pages/")))
            .collect();
        for pair in keys.windows(2) {
            prop_assert!(pair[0] <= pair[1], "{:?} before {:?}", pair[0], pair[1]);
        }
        for (i, page) in pages.iter().enumerate() {
            let by_id = nav.resolve(PageRequest::Id(page.url_path()));
            prop_assert_eq!((by_id.index, by_id.not_found), (i, false), "{}", page.url_path());
            let by_name = nav.resolve(PageRequest::Name(page.public_url_path()));
            prop_assert_eq!((by_name.index, by_name.not_found), (i, false));
            prop_assert_eq!(nav.switch_page(Target::Path(page.source())), Ok(i));
            prop_assert_eq!(nav.switch_page(Target::Page(page)), Ok(i));
        }
    }
}

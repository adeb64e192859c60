//! Any page texts and app settings: `Registry::prepare_head` never panics, declines a page
//! only when a fixed text holds its marks, and a prepared head writes what `write_head`
//! writes for every request to the page, origin and target
//! (checks::prepared_head_agrees).
#![no_main]

use arbitrary::Unstructured;
use folio_fuzz::checks::{self, HeadCase};
use folio_fuzz::{Request, Text, bounded};
use libfuzzer_sys::fuzz_target;

/// Text of [`Text`]'s pieces, now and then with a `{}` (a computed text) or a mark.
fn head_text(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    let mut text = u.arbitrary::<Text>()?.0;
    match u.int_in_range(0..=5u8)? {
        0 => text.push_str("{}"),
        1 => text.insert_str(0, "{} & "),
        2 => text.push_str(
            ["\u{0}o", "\u{1}u", "\u{0}T", "\u{1}E"][usize::from(u.arbitrary::<u8>()? % 4)],
        ),
        _ => {}
    }
    Ok(text)
}

fn case(u: &mut Unstructured<'_>) -> arbitrary::Result<(HeadCase, Vec<String>, Vec<String>)> {
    let optional = |u: &mut Unstructured<'_>| -> arbitrary::Result<Option<String>> {
        if u.arbitrary()? {
            Ok(Some(head_text(u)?))
        } else {
            Ok(None)
        }
    };
    let case = HeadCase {
        prefix: u.ratio(1u8, 3)?.then(|| "/app/".to_owned()),
        assets_external: if u.ratio(1u8, 4)? {
            Some(u.arbitrary::<Text>()?.0)
        } else {
            None
        },
        meta: !u.ratio(1u8, 5)?,
        app_title: head_text(u)?,
        title: optional(u)?,
        description: optional(u)?,
        image: if u.arbitrary()? {
            Some(u.arbitrary::<Text>()?.0)
        } else {
            None
        },
    };
    let mut requests: Vec<String> = bounded::<Request>(u, 4)?.into_iter().map(|r| r.0).collect();
    requests.push(format!("/p/{}", u.arbitrary::<Text>()?.0));
    requests.push(format!("/s?{}", u.arbitrary::<Text>()?.0));
    let mut origins: Vec<String> = bounded::<Text>(u, 2)?.into_iter().map(|t| t.0).collect();
    origins.push("http://h".to_owned());
    Ok((case, requests, origins))
}

fuzz_target!(|data: &[u8]| {
    let Ok((case, requests, origins)) = case(&mut Unstructured::new(data)) else {
        return;
    };
    if let Err(e) = checks::prepared_head_agrees(&case, &requests, &origins) {
        panic!("{e}\ncase {case:#?}\nrequests {requests:?}\norigins {origins:?}");
    }
});

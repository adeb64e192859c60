//! Any sequence of registrations builds or fails with a described error; every page of a
//! built registry is reachable at its own address unless POLICY D6 ranks another route
//! higher (checks::registry_reachability).
#![no_main]

use arbitrary::Unstructured;
use folio_fuzz::checks::Registration;
use folio_fuzz::{Request, TemplateText, Text, bounded, checks};
use libfuzzer_sys::fuzz_target;

fn registration(u: &mut Unstructured<'_>) -> arbitrary::Result<Registration> {
    let module = match u.int_in_range(0..=9u8)? {
        0 => u.arbitrary::<Text>()?.0,
        n => format!(
            "pages.{}",
            ["a", "b", "c", "a.b", "not_found_404", "x"][usize::from(n) % 6]
        ),
    };
    let path = if u.ratio(1u8, 3)? {
        Some(match u.arbitrary::<bool>()? {
            true => format!("/{}", u.arbitrary::<Text>()?.0.trim_start_matches('/')),
            false => u.arbitrary::<Text>()?.0,
        })
    } else {
        None
    };
    let template = if u.ratio(1u8, 2)? {
        Some(u.arbitrary::<TemplateText>()?.0)
    } else {
        None
    };
    let redirects: Vec<TemplateText> = bounded(u, 3)?;
    let order = if u.arbitrary()? {
        Some(i64::from(u.int_in_range(-2i8..=2)?))
    } else {
        None
    };
    Ok(Registration {
        module,
        path,
        template,
        redirects: redirects.into_iter().map(|r| r.0).collect(),
        order,
        layout: !u.ratio(1u8, 20)?,
    })
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let run = |u: &mut Unstructured<'_>| -> arbitrary::Result<_> {
        let n = u.int_in_range(0..=8usize)?;
        let regs = (0..n)
            .map(|_| registration(u))
            .collect::<arbitrary::Result<Vec<_>>>()?;
        let prefixed: bool = u.arbitrary()?;
        let requests: Vec<Request> = bounded(u, 6)?;
        Ok((
            regs,
            prefixed,
            requests.into_iter().map(|r| r.0).collect::<Vec<_>>(),
        ))
    };
    let Ok((regs, prefixed, requests)) = run(&mut u) else {
        return;
    };
    let prefix = prefixed.then_some("/app/");
    if let Err(e) = checks::registry_reachability(&regs, prefix, &requests) {
        panic!("{e}\nregistrations {regs:#?}\nprefix {prefix:?}\nrequests {requests:?}");
    }
});

//! The compiled index, the core's naive reference and an independent POLICY D6 reference
//! router agree on arbitrary tables and paths (checks::differential).
#![no_main]

use arbitrary::Unstructured;
use folio_fuzz::{Request, TemplateText, Text, bounded, checks};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let run = |u: &mut Unstructured<'_>| -> arbitrary::Result<_> {
        let n = u.int_in_range(1..=8usize)?;
        let mut table = Vec::with_capacity(n);
        for _ in 0..n {
            let TemplateText(t) = u.arbitrary()?;
            let as_path: bool = u.arbitrary()?;
            let redirects: Vec<TemplateText> = bounded(u, 2)?;
            table.push((
                t,
                as_path,
                redirects.into_iter().map(|r| r.0).collect::<Vec<_>>(),
            ));
        }
        let requests: Vec<Request> = bounded(u, 8)?;
        let fills: Vec<Text> = bounded(u, 4)?;
        Ok((
            table,
            requests.into_iter().map(|r| r.0).collect::<Vec<_>>(),
            fills.into_iter().map(|f| f.0).collect::<Vec<_>>(),
        ))
    };
    let Ok((table, requests, fills)) = run(&mut u) else {
        return;
    };
    if let Err(e) = checks::differential(&table, &requests, &fills) {
        panic!("{e}\ntable {table:?}\nrequests {requests:?}\nfills {fills:?}");
    }
});

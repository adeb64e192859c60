//! Every accepted template matches the paths it generates, giving back the same values
//! (checks::template_round_trip).
#![no_main]

use arbitrary::Unstructured;
use folio_fuzz::{TemplateText, Text, bounded, checks};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(TemplateText(template)) = u.arbitrary() else {
        return;
    };
    let Ok(values) = bounded::<Text>(&mut u, 6) else {
        return;
    };
    let values: Vec<String> = values.into_iter().map(|t| t.0).collect();
    if let Err(e) = checks::template_round_trip(&template, &values) {
        panic!("{e}\ntemplate {template:?}, values {values:?}");
    }
});

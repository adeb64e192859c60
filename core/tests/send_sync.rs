//! The frozen registry is immutable and shareable across threads (issue 3): `Send + Sync`
//! whenever its layouts are, so one `Arc<Registry<_>>` serves every worker.

use folio_core::{Config, PageSpec, Registry, RegistryBuilder, Resolution, Text};

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn registry_is_send_and_sync() {
    assert_send_sync::<Registry<fn() -> String>>();
    assert_send_sync::<Registry<String>>();
    assert_send_sync::<RegistryBuilder<'static, String>>();
}

fn assert_send<T: Send>() {}

/// A resolution moves to another thread (or across an `.await` by value); it is not
/// `Sync`, since the decoded values of a `%` path are made on first read.
#[test]
fn resolution_is_send() {
    assert_send::<Resolution<'static, 'static, String>>();
    assert_send::<folio_core::PageMatch<'static, 'static, fn() -> String>>();
}

#[test]
fn one_registry_answers_from_many_threads() {
    let mut b = RegistryBuilder::new(Config::new());
    b.page(
        PageSpec::new("pages.report")
            .path_template("/report/<year>")
            .title(Text::computed(|v| format!("Report {}", v[0].1)))
            .layout(1u8),
    );
    let registry: std::sync::Arc<Registry<u8>> = std::sync::Arc::new(b.build().expect("builds"));
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let r = std::sync::Arc::clone(&registry);
            std::thread::spawn(move || {
                let path = format!("/report/{}", 2020 + i);
                match r.resolve(&path, "") {
                    Resolution::Page(m) => m.title().into_owned(),
                    other => panic!("{other:?}"),
                }
            })
        })
        .collect();
    let titles: Vec<String> = handles
        .into_iter()
        .map(|h| h.join().expect("no panic"))
        .collect();
    assert_eq!(
        titles,
        ["Report 2020", "Report 2021", "Report 2022", "Report 2023"]
    );
}

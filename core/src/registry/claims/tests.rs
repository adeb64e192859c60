use alloc::format;
use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;

use super::table::{ClaimTable, Tags};
use super::*;
use crate::{Config, PageSpec, Registry, RegistryBuilder};

fn build(specs: Vec<PageSpec<'_, ()>>) -> Result<Registry<()>, BuildError> {
    let mut pages = RegistryBuilder::new(Config::new());
    for spec in specs {
        pages.page(spec.layout(()));
    }
    pages.build()
}

/// Texts made of `pieces`: each of `rounds` rounds adds every text so far followed by each
/// piece (the shorter texts come again, as in earlier rounds).
fn joined(pieces: &[&str], rounds: usize) -> Vec<String> {
    let mut texts = vec![String::new()];
    for _ in 0..rounds {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
        texts.extend(longer);
    }
    texts
}

#[test]
fn a_pages_claims_hash_as_their_shapes() {
    // The claims take a template's hash from its inferred path's (one step, no pass over
    // the template): on every template over a small alphabet, with and without a path
    // given, it must be the template's own shape hash.
    let texts = joined(&["a", "/", "%61", "<x>", "<y>", "-", "none", "%2F"], 3);
    let (mut checked, mut owned) = (0, 0);
    for text in &texts {
        for path in [None, Some("/given"), Some("/a%61/none")] {
            let mut spec = PageSpec::new("app::p").path_template(text);
            if let Some(path) = path {
                spec = spec.path(path);
            }
            let Ok(registry) = build(vec![spec]) else {
                continue;
            };
            let page = registry.pages().next().unwrap();
            let (claimed_path, template) = identities(page);
            if let Some(Hashed { shape, hash }) = claimed_path {
                assert_eq!(hash, Shape::Path(page.path()).hash(), "{text}");
                assert!(shape.same(&Shape::Path(page.path())), "{text}");
            }
            let Hashed { shape, hash } = template.unwrap();
            let t = page.template().unwrap();
            assert_eq!(hash, Shape::Template(t).hash(), "{text} {path:?}");
            assert!(shape.same(&Shape::Template(t)), "{text}");
            // The usual pages' one hash, from their bytes: the template's, and the path's
            // when the path is claimed.
            if let Some(own) = own_hash(page) {
                assert_eq!(own, hash, "{text} {path:?}");
                assert!(
                    claimed_path.is_none_or(|p| p.hash == own),
                    "{text} {path:?}"
                );
                owned += 1;
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
    assert!(owned > 100, "{owned}");
}

#[test]
fn the_usual_pages_meet_the_others_claims() {
    // A page whose claims are hashed from its bytes (a template without `%`, its path
    // inferred or the template itself) and a page with the same path given, either one
    // first: a conflict on the path, whichever way each was hashed.
    let texts = joined(&["a", "/", "<x>", "-", "none", "é"], 4);
    let mut checked = 0;
    for text in &texts {
        let Ok(registry) = build(vec![PageSpec::new("app::t").path_template(text)]) else {
            continue;
        };
        let page = registry.pages().next().unwrap();
        assert!(own_hash(page).is_some(), "{text}");
        let path = page.path().to_string();
        for escaped in [false, true] {
            // (`%61` spells `a`: the other page's path takes the general path's hash.)
            let given = match escaped {
                true => path.replacen('a', "%61", 1),
                false => path.clone(),
            };
            let template = || PageSpec::new("app::t").path_template(text);
            let given_page = || PageSpec::new("app::p").path(given.clone());
            let first = build(vec![given_page(), template()]).err();
            let second = build(vec![template(), given_page()]).err();
            for err in [first, second] {
                assert!(
                    matches!(err, Some(BuildError::DuplicatePath { .. })),
                    "{text} {given}: {err:?}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn templates_that_infer_one_path_are_different_shapes() {
    // `/a/<x>none` and `/a/none<y>` hash alike (both infer `/a/nonenone`); with paths of
    // their own they do not conflict, and a third template of the first shape does.
    let specs = || {
        vec![
            PageSpec::new("app::one")
                .path_template("/a/<x>none")
                .path("/one"),
            PageSpec::new("app::two")
                .path_template("/a/none<y>")
                .path("/two"),
        ]
    };
    assert!(build(specs()).is_ok());
    let mut more = specs();
    more.push(
        PageSpec::new("app::three")
            .path_template("/a/<z>none")
            .path("/three"),
    );
    assert_eq!(
        build(more).err(),
        Some(BuildError::DuplicatePath {
            module: "app::three".to_string(),
            other: "app::one".to_string(),
            path: "/a/<z>none".to_string(),
        })
    );
    // Inferred, their paths are one path: the second page's path is the conflict.
    let inferred = vec![
        PageSpec::new("app::one").path_template("/a/<x>none"),
        PageSpec::new("app::two").path_template("/a/none<y>"),
    ];
    assert_eq!(
        build(inferred).err(),
        Some(BuildError::DuplicatePath {
            module: "app::two".to_string(),
            other: "app::one".to_string(),
            path: "/a/nonenone".to_string(),
        })
    );
}

#[test]
fn conflicts_are_found_after_the_tables_grow() {
    // The sources' table starts empty and grows many times; the identities' table is
    // sized up front. The earliest claimant is still the one named.
    let sources = || -> Vec<PageSpec<'_, ()>> {
        (0..300)
            .map(|i| {
                let template = format!("/p/{i}/<v>");
                let mut spec = PageSpec::new(format!("app::p{i}")).path_template(template);
                for k in 0..3 {
                    spec = spec.redirect_from(format!("/old/{i}/{k}/<v>"));
                }
                spec
            })
            .collect()
    };
    assert!(build(sources()).is_ok());
    let mut specs = sources();
    specs.push(PageSpec::new("app::late").path_template("/old/7/2/<w>"));
    assert_eq!(
        build(specs).err(),
        Some(BuildError::RedirectConflict {
            module: "app::late".to_string(),
            source: "/old/7/2/<w>".to_string(),
            other: "app::p7".to_string(),
        })
    );
    // The page's inferred path is claimed, and checked, before its template.
    let mut specs = sources();
    specs.push(PageSpec::new("app::late").path_template("/p/250/<w>"));
    assert_eq!(
        build(specs).err(),
        Some(BuildError::DuplicatePath {
            module: "app::late".to_string(),
            other: "app::p250".to_string(),
            path: "/p/250/none".to_string(),
        })
    );
    let mut specs = sources();
    specs.push(
        PageSpec::new("app::late")
            .path_template("/p/250/<w>")
            .path("/late"),
    );
    assert_eq!(
        build(specs).err(),
        Some(BuildError::DuplicatePath {
            module: "app::late".to_string(),
            other: "app::p250".to_string(),
            path: "/p/250/<w>".to_string(),
        })
    );
}

#[test]
fn the_table_finds_claims_whose_hashes_share_their_high_half() {
    // Every hash below places its claim at one slot and passes the tag filter, so only
    // the comparison tells them apart; the table grows from nothing on the way.
    let mut table = ClaimTable::with_capacity(0);
    let hash = |page: u32| 0x1234_5678_0000_0000 | u64::from(page);
    for page in 0..100 {
        let what = match page % 4 {
            0 => Claimed::Path,
            2 => Claimed::Template,
            _ => Claimed::Redirect(page),
        };
        let found = table.find(hash(page), |c| c.page == page);
        let Err(free) = found else {
            panic!("{page} found before it was added");
        };
        table.insert_at(free, hash(page), Claim { page, what });
    }
    for page in 0..100 {
        let claim = table.find(hash(page), |c| c.page == page).ok().unwrap();
        assert_eq!(claim.page, page);
        match claim.what {
            Claimed::Path => assert_eq!(page % 4, 0),
            Claimed::Template => assert_eq!(page % 4, 2),
            Claimed::Redirect(i) => assert_eq!(i, page),
        }
    }
    assert!(table.find(hash(100), |c| c.page == 100).is_err());
}

#[test]
fn a_given_path_beside_a_template_is_claimed_as_given() {
    // A page's given path is its own claim, decoded, whether or not the page also has a
    // template (round 11 briefly hashed a given path beside a template as if it were the
    // template's inferred path, which holds no `%`, so `/a%61` missed `/aa`).
    for template in [None, Some("/t/<x>")] {
        let mut first = PageSpec::new("app::one").path("/a%61");
        if let Some(template) = template {
            first = first.path_template(template);
        }
        let specs = vec![first, PageSpec::new("app::two").path("/aa")];
        assert_eq!(
            build(specs).err(),
            Some(BuildError::DuplicatePath {
                module: "app::two".to_string(),
                other: "app::one".to_string(),
                path: "/aa".to_string(),
            }),
            "{template:?}"
        );
    }
}

#[test]
fn a_path_and_template_in_one_slot_report_the_path_first() {
    // `/a/<x>` infers `/a/none`: its path and template hash alike and share one slot. An
    // earlier page at `/a/none` is the conflict reported, whether or not an earlier
    // template of the same shape was claimed before it (each order of the two).
    let at_path = || PageSpec::new("app::at_path").path("/a/none");
    let same_shape = || {
        PageSpec::new("app::same_shape")
            .path_template("/a/<y>")
            .path("/b")
    };
    let late = || PageSpec::new("app::late").path_template("/a/<x>");
    let path_conflict = BuildError::DuplicatePath {
        module: "app::late".into(),
        other: "app::at_path".into(),
        path: "/a/none".into(),
    };
    for specs in [
        vec![at_path(), same_shape(), late()],
        vec![same_shape(), at_path(), late()],
    ] {
        assert_eq!(build(specs).unwrap_err(), path_conflict);
    }
    // Only the template's shape taken: that conflict, named by the template.
    let template_conflict = BuildError::DuplicatePath {
        module: "app::late".into(),
        other: "app::same_shape".into(),
        path: "/a/<x>".into(),
    };
    assert_eq!(
        build(vec![same_shape(), late()]).unwrap_err(),
        template_conflict
    );
    // A later page meets the one slot by either shape.
    assert_eq!(
        build(vec![late(), at_path()]).unwrap_err(),
        BuildError::DuplicatePath {
            module: "app::at_path".into(),
            other: "app::late".into(),
            path: "/a/none".into(),
        }
    );
    let by_template = build(vec![late(), same_shape()]).unwrap_err();
    assert_eq!(
        by_template,
        BuildError::DuplicatePath {
            module: "app::same_shape".into(),
            other: "app::late".into(),
            path: "/a/<y>".into(),
        }
    );
}

#[test]
fn an_escaped_template_and_its_path_report_the_path_first() {
    // `/a%62/<x>` infers `/a%62/none`: its path and template hash alike. An earlier page's
    // claim on the path is the conflict reported, else one on the template.
    let template = || PageSpec::new("app::t").path_template("/a%62/<x>");
    let conflict = |first: PageSpec<'static, ()>| match build(vec![first, template()]) {
        Err(BuildError::DuplicatePath { other, path, .. }) => (other, path),
        other => panic!("{other:?}"),
    };
    let path = PageSpec::new("app::p").path("/a%62/none");
    assert_eq!(conflict(path), ("app::p".into(), "/a%62/none".into()));
    let same_shape = PageSpec::new("app::u")
        .path_template("/a%62/<y>")
        .path("/u");
    assert_eq!(conflict(same_shape), ("app::u".into(), "/a%62/<x>".into()));
}

#[test]
fn tags_meet_only_their_own_high_half() {
    // Hashes that differ only in their low half are one tag: the second is refused (the
    // claims must be compared). Different tags at one place are all added; the table grows
    // from nothing on the way and keeps every tag.
    let mut tags = Tags::with_capacity(0, 0);
    let hash = |tag: u64| (tag << 32) | 0x9abc;
    for tag in 2..300 {
        assert!(tags.add(hash(tag << 20)), "{tag}");
    }
    for tag in 2..300 {
        assert!(!tags.add(hash(tag << 20) ^ 1), "{tag}");
    }
    assert!(tags.add(hash(300 << 20)));
    // The free slots' mark is never a claim's tag.
    assert!(!tags.add(hash(u64::from(super::table::NO_TAG))));
}

#[test]
fn the_table_takes_over_the_tags_buffer() {
    // The tags' buffer holds the table sized for twice as many claims, in place.
    let mut tags = Tags::with_capacity(1000, 2000);
    assert!(tags.add(7 << 32));
    let buffer = tags.into_buffer();
    let (at, room) = (buffer.as_ptr(), buffer.capacity());
    let table = ClaimTable::in_buffer(2000, buffer);
    assert!(table.is_empty());
    assert!(table.find(7 << 32, |_| true).is_err());
    let words = table.into_words();
    assert_eq!((words.as_ptr(), words.capacity()), (at, room));
}

/// A page for every `i` below `count`: `/p/{i}/<v>`, whose path `/p/{i}/none` is inferred.
fn many(count: usize) -> Vec<PageSpec<'static, ()>> {
    (0..count)
        .map(|i| PageSpec::new(format!("app::p{i}")).path_template(format!("/p/{i}/<v>")))
        .collect()
}

#[test]
fn conflicts_after_the_tags_give_way_name_the_earliest_page() {
    // The tags stand in for the table until two meet or a page has a redirect source;
    // then the earlier pages are claimed in the table, and later conflicts name them.
    let conflict = |module: &str, other: &str, path: &str| BuildError::DuplicatePath {
        module: module.to_string(),
        other: other.to_string(),
        path: path.to_string(),
    };
    // A redirect source halfway: the earlier pages' claims are in the table.
    let mut specs = many(400);
    specs[200] = PageSpec::new("app::p200")
        .path_template("/p/200/<v>")
        .redirect_from("/old/<v>");
    specs.push(PageSpec::new("app::late").path("/p/7/none"));
    assert_eq!(
        build(specs).unwrap_err(),
        conflict("app::late", "app::p7", "/p/7/none")
    );
    // Two different shapes of one hash halfway (their tags meet): no conflict there, and
    // the later one found as before.
    let meeting = || {
        let mut specs = many(400);
        specs[100] = PageSpec::new("app::one")
            .path_template("/a/<x>none")
            .path("/one");
        specs[300] = PageSpec::new("app::two")
            .path_template("/a/none<y>")
            .path("/two");
        specs
    };
    assert!(build(meeting()).is_ok());
    let mut specs = meeting();
    specs.push(PageSpec::new("app::late").path_template("/p/<w>/<v>"));
    specs.push(PageSpec::new("app::later").path_template("/p/250/<w>"));
    assert_eq!(
        build(specs).unwrap_err(),
        conflict("app::later", "app::p250", "/p/250/none")
    );
    // A redirect source on an earlier page's path, after the tags gave way.
    let mut specs = many(400);
    specs.push(
        PageSpec::new("app::late")
            .path_template("/q")
            .redirect_from("/p/9/none"),
    );
    assert_eq!(
        build(specs).unwrap_err(),
        BuildError::RedirectConflict {
            module: "app::late".to_string(),
            source: "/p/9/none".to_string(),
            other: "app::p9".to_string(),
        }
    );
}

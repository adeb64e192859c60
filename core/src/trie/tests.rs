use super::*;
use alloc::string::String;
use alloc::vec;

/// Every string over `ab` up to `n` bytes.
fn strings(n: usize) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::new()];
    let mut last = vec![Vec::new()];
    for _ in 0..n {
        let mut next = Vec::new();
        for s in &last {
            for b in [b'a', b'b'] {
                let mut t = s.clone();
                t.push(b);
                next.push(t);
            }
        }
        out.extend(next.iter().cloned());
        last = next;
    }
    out
}

#[test]
fn find_is_the_first_place() {
    let needles = strings(4);
    for hay in strings(12).into_iter().filter(|h| h.len() >= 9) {
        for needle in needles.iter().filter(|n| !n.is_empty()) {
            let naive = hay.windows(needle.len()).position(|w| w == &needle[..]);
            assert_eq!(find(&hay, needle), naive, "{hay:?} {needle:?}");
        }
    }
    // Past the word loop, and longer than a word.
    let hay = b"xxxxxxxxxxxxxxxxxxxxyabcdefghijk";
    assert_eq!(find(hay, b"abcdefghij"), Some(21));
    assert_eq!(find(hay, b"k"), Some(31));
    assert_eq!(find(hay, b"abcdefghijkl"), None);
}

/// `(page module, variables)` of a plain request.
fn answer(registry: &crate::Registry<()>, path: &str) -> Option<(String, Vec<String>)> {
    match registry.resolve(path, "") {
        crate::Resolution::Page(m) => Some((
            String::from(m.page().module()),
            m.variables().map(|(_, v)| String::from(v)).collect(),
        )),
        _ => None,
    }
}

/// The compiled index and the reference matcher give the same answer for every path.
fn same_as_reference(registry: &crate::Registry<()>, paths: &[&str]) {
    for path in paths {
        let [fast, reference] = registry.differential_route(path);
        assert_eq!(fast, reference, "{path}");
    }
}

fn registry(templates: &[&str]) -> crate::Registry<()> {
    let mut b = crate::RegistryBuilder::new(crate::Config::new());
    for (i, t) in templates.iter().enumerate() {
        b.page(
            crate::PageSpec::new(alloc::format!("p{i}"))
                .path_template(*t)
                .layout(()),
        );
    }
    b.build().unwrap()
}

#[test]
fn a_literal_that_leads_nowhere_falls_back_to_partials_and_variables() {
    let r = registry(&["/a/foo/x", "/a/f<v>o/y", "/a/<w>/z"]);
    assert_eq!(answer(&r, "/a/foo/x"), Some(("p0".into(), vec![])));
    assert_eq!(
        answer(&r, "/a/foo/y"),
        Some(("p1".into(), vec!["o".into()]))
    );
    assert_eq!(
        answer(&r, "/a/foo/z"),
        Some(("p2".into(), vec!["foo".into()]))
    );
    assert_eq!(answer(&r, "/a/foo/w"), None);
    // No variable sibling: literal, then partials.
    let r = registry(&["/a/foo/x", "/a/f<v>o/y"]);
    assert_eq!(
        answer(&r, "/a/foo/y"),
        Some(("p1".into(), vec!["o".into()]))
    );
}

#[test]
fn among_matching_partials_the_best_rank_wins_whatever_the_class() {
    // Longer literal text ranks first (POLICY D6): `img-<id>.png` over `<f>.png` over
    // `img-<g>`, each in its own class of head and tail lengths.
    let r = registry(&[
        "/i/img-<g>/x",
        "/i/<f>.png/x",
        "/i/img-<id>.png/x",
        "/i/<h>/x",
    ]);
    assert_eq!(
        answer(&r, "/i/img-1.png/x"),
        Some(("p2".into(), vec!["1".into()]))
    );
    assert_eq!(
        answer(&r, "/i/a.png/x"),
        Some(("p1".into(), vec!["a".into()]))
    );
    assert_eq!(
        answer(&r, "/i/img-a/x"),
        Some(("p0".into(), vec!["a".into()]))
    );
    assert_eq!(
        answer(&r, "/i/png/x"),
        Some(("p3".into(), vec!["png".into()]))
    );
    // The best partial leads nowhere: the next one is tried.
    let r = registry(&["/i/img-<id>.png/x", "/i/<f>.png/y"]);
    assert_eq!(
        answer(&r, "/i/img-1.png/y"),
        Some(("p1".into(), vec!["img-1".into()]))
    );
}

#[test]
fn the_first_segment_is_found_by_its_first_byte_escaped_or_not() {
    // Only literals at the root: the first segment is compared where it lies with the
    // literals that start with its first byte.
    let r = registry(&[
        "/repos/<o>",
        "/rate/<r>",
        "/100%25/<p>",
        "/a%2Fb/<q>",
        "/a/<s>",
        "/xxxxxxxxxxxxxxxxxxxxlong/<t>",
    ]);
    let page = |p: &str, v: &str| Some((String::from(p), vec![String::from(v)]));
    assert_eq!(answer(&r, "/repos/x"), page("p0", "x"));
    // Escaped after the first byte, and the first byte itself.
    assert_eq!(answer(&r, "/r%65pos/x"), page("p0", "x"));
    assert_eq!(answer(&r, "/%72epos/x"), page("p0", "x"));
    assert_eq!(answer(&r, "/rate/1"), page("p1", "1"));
    // Spelled by no literal as it lies, but escaped: decoded, it is one.
    assert_eq!(answer(&r, "/rat%65/1"), page("p1", "1"));
    // Literals start with `r`, none spelled; no literal starts with `z`.
    assert_eq!(answer(&r, "/repo/x"), None);
    assert_eq!(answer(&r, "/reposx/x"), None);
    assert_eq!(answer(&r, "/zzz/x"), None);
    assert_eq!(answer(&r, "/%7Azz/x"), None);
    // Literals a raw segment cannot spell as they are: decoded `%` and `/`, over 16 bytes.
    assert_eq!(answer(&r, "/100%25/x"), page("p2", "x"));
    assert_eq!(answer(&r, "/a%2Fb/x"), page("p3", "x"));
    assert_eq!(answer(&r, "/a/b"), page("p4", "b"));
    assert_eq!(answer(&r, "/a/b/x"), None);
    assert_eq!(answer(&r, "/xxxxxxxxxxxxxxxxxxxxlong/1"), page("p5", "1"));
    assert_eq!(answer(&r, "/xxxxxxxxxxxxxxxxxxxxlonG/1"), None);
    same_as_reference(
        &r,
        &[
            "/repos/x",
            "/r%65pos/x",
            "/%72epos/x",
            "/repo/x",
            "/rat%65/1",
            "/rat%66/1",
            "/zzz/x",
            "/100%25/x",
            "/100%/x",
            "/a%2Fb/x",
            "/a/b",
            "/a//b",
            "//a/b",
            "/xxxxxxxxxxxxxxxxxxxxlong/1",
            "/",
            "",
        ],
    );
    // A variable at the root: no first-byte index, the walk decides.
    let r = registry(&["/repos/<o>", "/<any>/x"]);
    assert_eq!(answer(&r, "/repos/x"), page("p0", "x"));
    assert_eq!(answer(&r, "/zzz/x"), page("p1", "zzz"));
}

#[test]
fn zero_bytes_is_exact() {
    for x in [
        0u64,
        1,
        0x0100,
        0x8000,
        0xFF00_0001_0000_0100,
        u64::MAX,
        0x0101_0101_0101_0100,
    ] {
        let expected = (0..8).fold(0u64, |m, i| {
            if (x >> (8 * i)) & 0xFF == 0 {
                m | 0x80 << (8 * i)
            } else {
                m
            }
        });
        assert_eq!(zero_bytes(x), expected, "{x:#x}");
    }
}

/// Routes of literal segments, each with a variable after them (a static route would be
/// left out of the trie, see [`TrieBuilder`]); the node each route's literals end on.
fn literal_trie(routes: &[Vec<Vec<u8>>]) -> Trie {
    let templates: Vec<crate::template::Template> = routes
        .iter()
        .map(|r| {
            let mut text = String::new();
            for s in r {
                text.push('/');
                text.push_str(core::str::from_utf8(s).unwrap());
            }
            crate::template::Template::parse(&(text + "/<v>")).unwrap()
        })
        .collect();
    let refs: Vec<&crate::template::Template> = templates.iter().collect();
    let segments = refs.iter().map(|t| t.len()).sum();
    let mut b = super::TrieBuilder::with_room(segments);
    for (rank, t) in refs.iter().enumerate() {
        b.add(t, rank as u32);
    }
    b.finish()
}

#[test]
fn literal_tables_grow_and_take_the_regions_others_left() {
    // Node `p{i}` gets `i + 1` children, made in turns (child `j` of every node, then
    // `j + 1`), so tables grow while other tables are made and take the regions that
    // grown tables left. Some children are over 16 bytes (their text is kept), and every
    // route comes twice (the second finds the first's node and keeps its rank).
    let mut routes: Vec<Vec<Vec<u8>>> = Vec::new();
    for j in 0..40 {
        for i in j..40 {
            let child = match j % 3 {
                0 => alloc::format!("c{j}"),
                _ => alloc::format!("a-child-longer-than-sixteen-bytes-{j}"),
            };
            routes.push(vec![
                alloc::format!("p{i}").into_bytes(),
                child.into_bytes(),
            ]);
        }
    }
    let once = routes.len();
    routes.extend(routes.clone());
    let trie = literal_trie(&routes);
    let mut used = vec![false; trie.slots.len()];
    for (n, node) in trie.nodes.iter().enumerate() {
        if node.table == 0 {
            assert_eq!(node.mask, 0, "node {n}");
            continue;
        }
        let table = node.table as usize..=(node.table + node.mask) as usize;
        let children = trie.slots[table.clone()]
            .iter()
            .filter(|s| s.child != NONE)
            .count();
        // Exactly as a table laid out at once: at most half full, the smallest such.
        assert_eq!(
            node.mask as usize + 1,
            (children * 2).next_power_of_two(),
            "node {n}"
        );
        for at in table {
            assert!(!used[at], "slot {at} in two tables");
            used[at] = true;
        }
    }
    for (rank, route) in routes.iter().enumerate() {
        let mut node = 0;
        for segment in route {
            let n = &trie.nodes[node];
            assert_ne!(n.literals & literal_bit(&Key::of(segment)), 0);
            let child = trie.literal(n, segment);
            assert_ne!(child, NONE, "route {rank}");
            node = child as usize;
        }
        let end = trie.nodes[node].var;
        assert_eq!(trie.rank(end) as usize, rank % once, "route {rank}");
    }
    // The root: 40 children, nothing else; a child of `p39`: 40 children.
    assert_eq!(trie.nodes[0].mask, 127);
    let p39 = trie.literal(&trie.nodes[0], b"p39") as usize;
    assert_eq!(trie.nodes[p39].mask, 127);
    assert_ne!(trie.literal(&trie.nodes[p39], b"c39"), NONE);
    assert_eq!(trie.literal(&trie.nodes[p39], b"c40"), NONE);
    assert_ne!(
        trie.literal(&trie.nodes[p39], b"a-child-longer-than-sixteen-bytes-38"),
        NONE
    );
    assert_eq!(
        trie.literal(&trie.nodes[p39], b"a-child-longer-than-sixteen-bytes-39"),
        NONE
    );
}

#[test]
fn a_slot_is_24_bytes_and_an_empty_one_shows_nothing_stale() {
    assert_eq!(core::mem::size_of::<Slot>(), 24);
    assert_eq!(core::mem::size_of::<Node>(), 32);
    // One node's table grows from 2 to 64 slots: each region it leaves keeps the keys
    // that moved out, which `Debug` must not show as the table's.
    let routes: Vec<Vec<Vec<u8>>> = (0..20)
        .map(|j| {
            let child = match j % 2 {
                0 => alloc::format!("c{j}"),
                _ => alloc::format!("a-child-longer-than-sixteen-bytes-{j}"),
            };
            vec![b"p".to_vec(), child.into_bytes()]
        })
        .collect();
    let trie = literal_trie(&routes);
    let (mut full, mut empty) = (0, 0);
    for slot in &trie.slots {
        let shown = alloc::format!("{slot:?}");
        if slot.child == NONE {
            assert_eq!(shown, "Empty");
            empty += 1;
        } else {
            assert!(
                shown.ends_with(&alloc::format!("child: {} }}", slot.child)),
                "{shown}"
            );
            full += 1;
        }
    }
    // The root's `p`, the 20 children of `p`; a grown table's regions are empty.
    assert_eq!(full, 21);
    assert!(empty > 2 + 4 + 8 + 16, "{empty}");
    let shown = alloc::format!("{trie:?}");
    assert_eq!(shown.matches("Empty").count(), empty);
    assert!(shown.contains("Slot { len: 35, text: 35, child"), "{shown}");
}

#[test]
fn a_static_route_left_out_of_the_trie_is_found_spelled_with_escapes() {
    // `/a/b/c`, `/x/y`, `/e/f` and `/n/t` are in the static map only: where each leaves
    // the trie (`a`'s literal `b`, the root's `x` and `e`; `/n/t` ends on a node the
    // template made), a raw walk goes on reading, so an escape after it is decoded.
    let r = registry(&["/a/<v>", "/a/b/c", "/x/y", "/e/f", "/n/t/<id>", "/n/t"]);
    let page = |p: &str, v: &[&str]| {
        Some((
            String::from(p),
            v.iter().map(|v| String::from(*v)).collect(),
        ))
    };
    assert_eq!(answer(&r, "/a/b/c"), page("p1", &[]));
    assert_eq!(answer(&r, "/a/b/%63"), page("p1", &[]));
    assert_eq!(answer(&r, "/a/%62/c"), page("p1", &[]));
    assert_eq!(answer(&r, "/a/b"), page("p0", &["b"]));
    assert_eq!(answer(&r, "/a/%62"), page("p0", &["b"]));
    assert_eq!(answer(&r, "/a/b/%64"), None);
    assert_eq!(answer(&r, "/x/%79"), page("p2", &[]));
    assert_eq!(answer(&r, "/x%2Fy"), None);
    assert_eq!(answer(&r, "/x/y%2F"), None);
    assert_eq!(answer(&r, "/e/%66"), page("p3", &[]));
    assert_eq!(answer(&r, "/n/%74"), page("p5", &[]));
    assert_eq!(answer(&r, "/n/t/%31"), page("p4", &["1"]));
    same_as_reference(
        &r,
        &[
            "/a/b/c",
            "/a/b/%63",
            "/a/%62/c",
            "/a/b",
            "/a/%62",
            "/a/b/%64",
            "/a/b/c/%64",
            "/a/b/%63/d",
            "/x/%79",
            "/x/y/%7A",
            "/x%2Fy",
            "/x/y%2F",
            "/x/%2579",
            "/e//%66",
            "/e/%66",
            "/e///%66",
            "/n/%74",
            "/n/t/%31",
            "/n/t/1/%32",
            "/%61/b/c",
            "/%78/y",
        ],
    );
}

#[test]
fn a_redirect_from_a_left_out_static_route_is_found_spelled_with_escapes() {
    let mut b = crate::RegistryBuilder::new(crate::Config::new());
    b.page(
        crate::PageSpec::new("p0")
            .path("/new/page")
            .redirect_from("/old/path")
            .layout(()),
    );
    b.page(crate::PageSpec::new("p1").path("/plain/page").layout(()));
    let r = b.build().unwrap();
    // A redirect source is a route (not a page served as is) in the static map.
    for path in ["/old/pat%68", "/old/path"] {
        match r.resolve(path, "") {
            crate::Resolution::Redirect(to) => assert_eq!(to.location(), "/new/page", "{path}"),
            other => panic!("{path}: {other:?}"),
        }
    }
    assert_eq!(answer(&r, "/plain/pag%65"), Some(("p1".into(), vec![])));
    same_as_reference(
        &r,
        &[
            "/old/pat%68",
            "/plain/pag%65",
            "/plain/pag%66",
            "/%6Fld/path",
        ],
    );
}

#[test]
fn a_node_where_several_routes_end_answers_the_best_rank_whatever_the_order() {
    // Three shapes, each twice (up to variable names), their ranks out of order (the index
    // adds the routes in registry order): the best of each pair comes second, first, second.
    let texts = ["/a/<v>", "/a/<w>", "/b/c<v>d", "/b/c<w>d", "/<v>", "/<w>"];
    let ranks = [5, 2, 0, 9, 4, 1];
    let templates: Vec<crate::template::Template> = texts
        .iter()
        .map(|t| crate::template::Template::parse(t).unwrap())
        .collect();
    let mut b = super::TrieBuilder::with_room(10);
    for (t, &rank) in templates.iter().zip(&ranks) {
        b.add(t, rank);
    }
    let trie = b.finish();
    let mut answered: Vec<u32> = trie.ranks.iter().copied().filter(|&r| r != NONE).collect();
    answered.sort_unstable();
    assert_eq!(answered, [0, 1, 2]);
}

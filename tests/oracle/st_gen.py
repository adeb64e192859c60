"""Streamlit families for gen.py: mutate the public Streamlit vectors' inputs and take
`expected` from sane_state.py (through st_model.py).  Unsupported inputs (Streamlit
spec/README.md) are never generated: Path sources, lambdas, partials, callable objects,
`expanded` as a float or string, dict or non-string query-param values."""
from __future__ import annotations

import os

import st_model

HERE = os.path.dirname(os.path.abspath(__file__))
PUBLIC = os.path.join(HERE, "..", "..", "..", "shared", "conformance", "streamlit", "spec",
                      "public")
FAMILIES = ("page_names", "navigation", "query_params", "widget_state")

NAME_BITS = ["a", "b", "Z", "page", "Home", "_", "__", " ", "-", "1", "01", "10", "007", "📈",
             "🏠", "❤️", "🇺🇸", "👨\u200d👩\u200d👧", "ü", "ß", "İ", "Σ", "σ", "日本", ".", "..",
             "#", "%41", "\t", "\x85", "\u00a0", "ǅ", "ﬁ", "A", "x y", "9" * 20]


EMOJIS = sorted(st_model.st.EMOJIS)                # the model's catalog, in a fixed order
MATERIAL = sorted(st_model.st.MATERIAL_ICONS)


def catalog_icon(rng) -> str:
    """An icon drawn from the model's catalogs, sometimes bent: VS16 added or removed, two
    emoji, text after it, ":material/" names with a changed case, spaces or an unknown name."""
    roll = rng.random()
    if roll < 0.35:
        icon = rng.choice(EMOJIS)
        bend = rng.random()
        if bend < 0.15:
            icon = icon.replace("\ufe0f", "")
        elif bend < 0.3:
            icon += "\ufe0f"
        elif bend < 0.4:
            icon += rng.choice(EMOJIS)
        elif bend < 0.45:
            icon += "x"
        return icon
    name = rng.choice(MATERIAL)
    bend = rng.random()
    if bend < 0.1:
        name = name.upper()
    elif bend < 0.2:
        name += "_x"
    icon = f":material/{name}:"
    if rng.random() < 0.1:
        icon = rng.choice([" ", "\t"]) + icon + " "
    elif rng.random() < 0.05:
        icon = icon.replace(":material/", ":Material/")
    return icon


def pick(rng, pool, lo=1, hi=3) -> str:
    return "".join(rng.choice(pool) for _ in range(rng.randint(lo, hi)))


def filename(rng) -> str:
    name = pick(rng, NAME_BITS, 0, 4)
    if rng.random() < 0.15:                          # a leading catalog emoji (P-3)
        name = rng.choice(EMOJIS) + rng.choice(["", "_", " ", "-", "__"]) + name
    roll = rng.random()
    if roll < 0.05:
        return name + ".py.py"
    if roll < 0.08:
        return rng.choice(["__init__.py", ".hidden.py", name + ".txt"])
    return name + ".py"


def long_number(rng) -> str:
    """16 to 30 digits: parsed to the nearest f64, written back by Python's shortest repr.
    The first one's repr `1.1e+24` is parsed one ulp low by serde_json without
    `float_roundtrip` (tests/tests/json_numbers.rs)."""
    if rng.random() < 0.2:
        return "1099999999999999999999007"
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789")
                                            for _ in range(rng.randint(15, 29)))


def gen_page_names(rng, public):
    base = rng.choice(public)
    if base["kind"] == "file":
        fn = base["input"]["filename"] if rng.random() < 0.2 else filename(rng)
        if rng.random() < 0.2:
            fn = rng.choice(["1_", "2 - ", "03__", "-", ""]) + fn
        if rng.random() < 0.1:                      # P-2 numbers past f64's exact integers
            fn = long_number(rng) + rng.choice(["_", ""]) + fn
        if not fn.endswith(".py"):                      # P-1 names only *.py files
            fn += ".py"
        return "file", {"filename": fn}
    inp = base["input"]
    pages_dir = list(inp["pages_dir"])
    for _ in range(rng.randint(0, 4)):
        name = filename(rng)
        if rng.random() < 0.2:
            name = long_number(rng) + "_" + name
        pages_dir.insert(rng.randint(0, len(pages_dir)), name)
    pages_dir = list(dict.fromkeys(pages_dir))             # a directory lists a name once
    if rng.random() < 0.3 and pages_dir:
        pages_dir.pop(rng.randrange(len(pages_dir)))
    main = inp["main"] if rng.random() < 0.7 else filename(rng)
    if main.startswith("pages/"):
        main = "app.py"
    other = list(inp["other_files"])
    if rng.random() < 0.2:
        other.append(rng.choice(["pages/notes.txt", "pages/sub/y.py", "util.py"]))
    return "directory", {"main": main, "pages_dir": pages_dir, "other_files": other}


FUNCTIONS = ["home", "page_1", "My_Func__x", "crate::pages::analytics", "my_app::pages::r#type",
             "crate::main::{{closure}}", "", "f<T>", "a::b::c<Vec<u8>>", "x::", "über",
             "Page", "page", "a__b", "_", "r#fn"]
ICONS = [None, None, None, "🔥", ":material/home:", ":material/not_a_real_icon_xyz:", "abc",
         "", "spinner", "🇺🇸", "❤️", ":smile:", "https://x/y.png", "🔥🔥", " 🔥 ", "é"]
URL_PATHS = [None, None, None, "x", "X", "a/b", "", "/", "/ /", " x ", "a?b", "a#b", ".", "..",
             "...", "a.b", "a%2Fb", "with space", "tab\there", "ü", "\\a", "/lead", "trail/",
             "nel\x85", "start"]
TITLES = [None, None, "T", "Ext", "   ", "A & B / C?", "__Under__ Score", "bell\x07", "日本"]
EXTERNAL = ["https://x.example", "http://a.example/p?q#f", "HTTPS://Y.example", "https:/nohost",
            "ftp://x.example", "https://"]


CLEAN_FUNCTIONS = ["home", "page_1", "page_2", "My_Func__x", "crate::pages::analytics",
                   "my_app::pages::r#type", "f<T>", "a::b::c<Vec<u8>>", "über", "Page", "a__b",
                   "other", "x"]
CLEAN_ICONS = ["🔥", ":material/home:", "🇺🇸", "❤️", ":material/thumb_up:"]
CLEAN_URL_PATHS = ["x", "X", " x ", "ü", "start", "a.b", "with space", "/lead", "trail/",
                   "a%2Fb", "..."]
CLEAN_TITLES = ["T", "Ext", "A & B / C?", "__Under__ Score", "日本"]


def page_spec(rng, files: list) -> dict:
    """Mostly valid pages (so that navigations build and resolve), sometimes an odd value
    from the full pools (each error path of G-1..G-8 and S5)."""
    odd = rng.random() < 0.12
    roll = rng.random()
    if roll < 0.45:
        spec: dict = {"callable": rng.choice(FUNCTIONS if odd else CLEAN_FUNCTIONS)}
    elif roll < 0.8:
        f = filename(rng) if rng.random() < 0.5 else rng.choice(["a.py", "b.py", "sub/c.py"])
        spec = {"file": f}
        if not odd or rng.random() < 0.5:
            files.append(f)
        if rng.random() < 0.1:
            spec = {"raw": f}
    else:
        spec = {"url": rng.choice(EXTERNAL if odd else EXTERNAL[:3])}
        if rng.random() < 0.1:
            spec = {"raw": spec["url"]}
    pools = {"title": TITLES if odd else CLEAN_TITLES, "icon": ICONS if odd else CLEAN_ICONS,
             "url_path": URL_PATHS if odd else CLEAN_URL_PATHS}
    for key, p in (("title", 0.3), ("icon", 0.25), ("url_path", 0.3)):
        if rng.random() < p:
            v = rng.choice(pools[key])
            if key == "icon" and rng.random() < 0.5:
                v = catalog_icon(rng)
            if v is not None:
                spec[key] = v
    if ("url" in spec or "raw" in spec) and (not odd or rng.random() < 0.5):
        spec.setdefault("title", rng.choice(["Ext", "A & B", "x"]))
    if rng.random() < 0.08:
        spec["default"] = True
    if rng.random() < 0.1:
        spec["visibility"] = rng.choice(["hidden", "visible", "Hidden"] if odd else
                                        ["hidden", "visible"])
    if rng.random() < 0.1:
        spec["help"] = rng.choice(["  a\n    b\n", "   ", "h"])
    return spec


def gen_navigation(rng, public):
    base = rng.choice(public)["input"]
    files = list(base.get("files_present") or [])
    if rng.random() < 0.4:
        inp = dict(base)
        pages = base["pages"]
        if isinstance(pages, list) and rng.random() < 0.7:
            pages = list(pages)
            at = len(pages) if any("same_as" in p for p in pages) else rng.randint(0, len(pages))
            pages.insert(at, page_spec(rng, files))             # same_as indices stay valid
        inp["pages"] = pages
    else:
        items = [page_spec(rng, files) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.1 and items:
            i = rng.randrange(len(items))
            if not blank_url_path(items[i], files):
                items.append({"same_as": i})
        if rng.random() < 0.2:
            cut = rng.randint(0, len(items))
            pages = {"": items[:cut], rng.choice(["Tools", "B", "é"]): items[cut:]}
        else:
            pages = items
        inp = {"pages": pages}
        if rng.random() < 0.15:
            inp["position"] = rng.choice(["top", "hidden", "sidebar", "left"])
        if rng.random() < 0.15:
            inp["expanded"] = rng.choice([True, False, 0, 1, 3, -1])
    inp["files_present"] = sorted(set(files))
    names = ["", "a", "b", "home", "x", "X", "start", "ext", "page_1", "type", " x ", "a%2Fb"]
    requests = []
    for _ in range(rng.randint(0, 4)):
        r = rng.random()
        if r < 0.7:
            requests.append({"page_name": rng.choice(names)})
        elif r < 0.9:
            requests.append({"page_script_hash_of": rng.choice(names)})
        else:
            requests.append({"page_script_hash": "ffffffffffffffffffffffffffffffff"})
    if requests:
        inp["requests"] = requests
    n = len(inp["pages"]) if isinstance(inp["pages"], list) else \
        sum(len(v) for v in inp["pages"].values())
    if rng.random() < 0.3 and n:
        inp["links"] = [target(rng, n, link=True) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.3 and n:
        inp["switches"] = [target(rng, n, link=False) for _ in range(rng.randint(1, 3))]
    return None, inp


def blank_url_path(spec: dict, files: list) -> bool:
    """A page whose url path is blank may become the implicit default page.  Python marks
    that page object as default, so a second reference to the same object (`same_as`) is
    default too; Rust pages are values, and the Rust API cannot say "the same object"
    (README.md, "Known disagreements").  Such a `same_as` is not generated."""
    try:
        page = st_model.st.make_page(spec, set(files))
    except st_model.st.FolioError:
        return False
    return st_model.st.strip_ws(page.url_path) == ""


def target(rng, n: int, link: bool) -> dict:
    r = rng.random()
    if r < 0.4:
        t: dict = {"page_index": rng.randrange(n)}
    elif r < 0.7:
        t = {"path": rng.choice(["a.py", "./a.py", "b.py", "sub/../b.py", "missing.py",
                                 "sub/c.py"])}
    elif r < 0.85:
        t = {"new_page": rng.choice([{"callable": "home"}, {"callable": "other"},
                                     {"file": "a.py"}])}
    else:
        t = {"url": rng.choice(["https://x.example", "https:/nohost"])}
    if link and rng.random() < 0.3:
        t["label"] = rng.choice(["L", ""])
    if link and rng.random() < 0.2:
        t["icon"] = rng.choice(["🔥", ":material/home:", "bad"])
    if rng.random() < 0.3:
        t["query_params"] = query_pairs(rng)
    return t


QP_KEYS = ["a", "b", "A", "embed", "EMBED", "embed_options", "Embed_Options", "", "é", "a b",
           "k&", "=", "+"]
QP_VALUES = ["1", "2", "", "x y", "é", "&", "=", "+", "%", "%41", "😀"]


def query_pairs(rng):
    pairs = []
    for _ in range(rng.randint(0, 3)):
        v = rng.choice(QP_VALUES) if rng.random() < 0.8 else \
            [rng.choice(QP_VALUES) for _ in range(rng.randint(0, 2))]
        pairs.append([rng.choice(QP_KEYS), v])
    if rng.random() < 0.5:
        return {k: v for k, v in pairs}
    return pairs


Q_BITS = ["a", "b", "=", "&", "&&", "+", "%", "%2", "%41", "%C3%A9", "%FF", "%ED%A0%80", "é",
          "embed", "EMBED", "embed_options", " ", ";", "?", "#", "\n", "1", "x", "%26", "%3D"]


def gen_query_params(rng, public):
    base = rng.choice(public)
    kind, inp = base["kind"], dict(base["input"])
    if kind == "parse":
        qs = inp["query_string"] if rng.random() < 0.2 else pick(rng, Q_BITS, 0, 8)
        if rng.random() < 0.25:                     # escapes across word/block boundaries
            qs = pick(rng, ["a"] * 20 + Q_BITS + ["%F0%9F%98%80", "%E2%82%AC", "€"], 8, 200)
        inp = {"query_string": qs}
        if rng.random() < 0.2:
            inp["limits"] = {"max_fields": rng.randint(1, 4), "max_bytes": rng.randint(1, 30)}
    elif kind == "parse_summary":
        inp = {"query_string_parts": [[pick(rng, Q_BITS, 1, 3), rng.randint(1, 40)]
                                      for _ in range(rng.randint(1, 3))]}
        inp["query_string_length"] = sum(len(t) * n for t, n in inp["query_string_parts"])
        if rng.random() < 0.3:
            inp["limits"] = {"max_fields": rng.randint(1, 50), "max_bytes": rng.randint(1, 200)}
    elif kind == "ops":
        ops = []
        for _ in range(rng.randint(1, 5)):
            k = rng.choice(QP_KEYS)
            op = rng.choice(["set", "set_tuple", "del", "update_dict", "update_pairs",
                             "from_dict", "from_pairs", "clear", "get", "get_all",
                             "switch_page_params"])
            if op == "set":
                ops.append([op, k, rng.choice(QP_VALUES)])
            elif op == "set_tuple":
                ops.append([op, k, [rng.choice(QP_VALUES) for _ in range(rng.randint(0, 2))]])
            elif op in ("del", "get", "get_all"):
                ops.append([op, k])
            elif op == "update_dict":
                ops.append([op, dict_of(rng), dict_of(rng)])
            elif op in ("update_pairs", "from_pairs"):
                ops.append([op, [[rng.choice(QP_KEYS), rng.choice(QP_VALUES)]
                                 for _ in range(rng.randint(0, 3))]])
            elif op == "from_dict":
                ops.append([op, dict_of(rng)])
            elif op == "clear":
                ops.append([op])
            else:
                ops.append([op, rng.choice([None, dict_of(rng),
                                            [[rng.choice(QP_KEYS), rng.choice(QP_VALUES)]]])])
        qs = inp["query_string"] if rng.random() < 0.5 else pick(rng, Q_BITS, 0, 6)
        inp = {"query_string": qs, "ops": ops}
    else:
        inp = {"query_params": query_pairs(rng)}
    return kind, inp


def dict_of(rng) -> dict:
    return {rng.choice(QP_KEYS): rng.choice(QP_VALUES) for _ in range(rng.randint(0, 2))}


PAGES = ["p1", "p2", "p3"]
KEYS = ["k", "a", "b", "_k", "shared"]
VALUES = ["", "A", "B", 0, 1, 3, 9, 1.0, True, False, "x y", None, [1, "a"], {"a": 1}, -0.0]


def gen_widget_state(rng, public):
    """A random replay of lifecycle calls: runs of random pages with widgets, sets, gets,
    removes, browser values and triggers, completed or interrupted."""
    calls = []
    registered: list = []                      # (scope, key|auto) seen so far
    for _ in range(rng.randint(1, 6)):
        page = rng.choice(PAGES)
        kind = rng.choice(["nav_click", "rerun", "widget_change", "widget_change",
                           "switch_page"])
        values, triggers = [], []
        if kind in ("widget_change", "nav_click") and registered:
            for _ in range(rng.randint(0, 2)):
                scope, ident = rng.choice(registered)
                values.append({"scope": scope, **ident, "value": rng.choice(VALUES)})
            if rng.random() < 0.3:
                scope, ident = rng.choice(registered)
                triggers.append({"scope": scope, **ident})
        elif rng.random() < 0.03:
            values.append({"scope": "app", "key": "k", "value": "v"})     # unexpected_values
        calls.append({"call": "begin_run", "page": page, "kind": kind, "values": values,
                      "triggers": triggers})
        for _ in range(rng.randint(0, 5)):
            r = rng.random()
            scope = "app" if rng.random() < 0.3 else "page:" + (
                page if rng.random() < 0.95 else rng.choice(PAGES))
            if r < 0.5:
                call = {"call": "widget", "scope": scope, "default": rng.choice(VALUES),
                        "persist": None, "trigger": False}
                if rng.random() < 0.2:
                    ident = {"auto": rng.choice(["text_input:A", "checkbox:B"])}
                else:
                    ident = {"key": rng.choice(KEYS)}
                    if rng.random() < 0.3:
                        call["persist"] = rng.choice(["page", "session"])
                if rng.random() < 0.1:
                    call["trigger"], call["default"] = True, False
                if rng.random() < 0.03:
                    call["persist"] = "page"                     # maybe persist_needs_key
                call.update(ident)
                registered.append((scope, ident))
                calls.append(call)
            elif r < 0.7:
                calls.append({"call": "set", "key": rng.choice(KEYS),
                              "value": rng.choice(VALUES)})
            elif r < 0.85:
                calls.append({"call": "get", "key": rng.choice(KEYS)})
            else:
                calls.append({"call": "remove", "key": rng.choice(KEYS)})
        if rng.random() < 0.95:
            calls.append({"call": "end_run", "completed": rng.random() < 0.75})
    return None, {"scenario": None, "calls": calls}


GENERATORS = {"page_names": gen_page_names, "navigation": gen_navigation,
              "query_params": gen_query_params, "widget_state": gen_widget_state}


def supported(family: str, inp: dict) -> bool:
    """The generators above emit supported inputs only."""
    return True


def expected(family: str, case: dict) -> dict:
    return st_model.expected(family, case)

"""Dash families for gen.py: mutate the public Dash vectors' inputs and take `expected`
from sane.py (through dash_model.py).  Inputs that spec/README.md marks unsupported are
never emitted (see `supported`)."""
from __future__ import annotations

import os
from urllib.parse import quote

import dash_model

HERE = os.path.dirname(os.path.abspath(__file__))
PUBLIC = os.path.join(HERE, "..", "..", "..", "shared", "conformance", "dash", "spec", "public")
FAMILIES = ("infer_path", "templates", "query", "order", "resolve", "meta", "validation")


# ---- building blocks ----------------------------------------------------------------------

LITERAL_BITS = [
    "a", "b", "x", "id", "Z", "7", "42", "-", "_", ".", "~", " ", "+", "%20", "%2F", "%2f",
    "%25", "%", "%Z", "%ZZ", "%C3%A9", "%c3%a9", "%FF", "%C3", "%E2%82", "%C0%AF", "é", "ü",
    "É", "日本", "😀", "*", "?", "(", ")", "[", "]", "{", "}", "|", "^", "$", "\\", "@", ":",
    ";", "=", "&", "'", "!", ",", "\n", "\t", "..", "ß", "İ", "Σ", "%ED%A0%80", "%F0%9F%98",
    "%C3%28", "%E2%82%AC", "%F4%90%80%80", "%C0%80", "%80", "%e2%82", "%00", "\x7f", "\u00a0",
    "\u200b", "\ufeff",
]
VALUE_BITS = LITERAL_BITS + ["<", ">", "%3C", "%3E", "#"]
VAR_NAMES = ["x", "y", "id", "asset_id", "_", "_x", "class", "from", "None", "é", "日",
             "v2", "X", "ünï", "a_b", "℘", "x·", "ª", "x٣", "ǅ", "Ⅻ", "xー", "ﬁ"]
BAD_VAR_NAMES = ["", "1x", "a-b", "a b", "a.b", "😀", "-", "x!", "·x", "٣", "x\u200b",
                 "\u00a0", "x%41", "⁰"]
MODULE_BITS = ["pages", "home", "a", "b", "sub", "weekly_analytics", "my_pages", "Mixed_Case",
               "class", "import", "None", "not_found_404", "über", "ÜBER", "日本", "ß", "İx",
               "ΑΣ", "ǆemal", "x-y", "x y", "v1", "_", "__init__", "app", "logo", "pages2",
               "a1_b2", "ꟹ", "ﬁle"]
PAGES_FOLDERS = ["pages", "pages", "pages", "", "my_pages", "src/pages", "pages/", "./pages",
                 "sub", "über"]
ORDERS = [None, 0, 1, 2, -1, -3, 10, 2.0, 0.5, -2.5, 1e16, 1.5, "a", "10", "9", "", "-1",
          "B", "é", 3, 0.0, -0.0, 9007199254740993, 9007199254740992.0, 1e300, -1e-300,
          10000000000000000, 1.0, "1.0", "None", " ", "Z", "z", "😀", 2**63 - 1, -2**63, 0.1 + 0.2]
IMAGES = ["x.png", "a b.png", "sub/x.png", "/lead.png", "%41.png", "q?.png", "h#.png",
          "é.png", "a&b.png", "plus+.png", ""]
ASSET_NAMES = ["app.png", "app.jpg", "logo.svg", "logo.PNG", "Logo.png", "a.png", "b.gif",
               "home.webp", "weekly_analytics.png", "weekly-analytics.jpg", "x.min.png",
               "d/", "sub/a.png", "app.txt", "a.apng", "a.AVIF", "app", ".png", "über.png",
               "not_found_404.png", "a b.png"]


def pick_bits(rng, pool, lo=1, hi=3) -> str:
    return "".join(rng.choice(pool) for _ in range(rng.randint(lo, hi)))


def literal(rng) -> str:
    text = pick_bits(rng, LITERAL_BITS)
    return text.replace("/", "")


def random_template(rng) -> str:
    """Templates with variables anywhere in a segment; sometimes broken."""
    segments = []
    used: list = []
    for _ in range(rng.randint(0, 4)):
        shape = rng.random()
        if shape < 0.3:
            segments.append(literal(rng))
            continue
        parts = []
        for k in range(rng.randint(1, 3)):
            if k or rng.random() < 0.5:
                parts.append(literal(rng))
            name = rng.choice(VAR_NAMES)
            if rng.random() < 0.05:
                name = rng.choice(BAD_VAR_NAMES)
            elif name in used and rng.random() < 0.95:
                name = name + str(len(used))
            used.append(name)
            parts.append(f"<{name}>")
        if rng.random() < 0.5:
            parts.append(literal(rng))
        segments.append("".join(parts))
    text = "/".join(segments)
    roll = rng.random()
    if roll < 0.85:
        text = "/" + text
    if rng.random() < 0.15:
        text += "/"
    if rng.random() < 0.05:
        text = text.replace("/", "//", 1)
    if rng.random() < 0.04:
        text += rng.choice(["<", ">", "<a", "<a<b>>", "<x><y>"])
    return text


def fill_template(rng, template: str) -> str:
    """A pathname the template probably matches: variables replaced by raw values."""
    out = []
    i = 0
    while i < len(template):
        if template[i] == "<" and ">" in template[i:]:
            end = template.index(">", i)
            out.append(pick_bits(rng, VALUE_BITS).replace("/", "%2F"))
            i = end + 1
        else:
            out.append(template[i])
            i += 1
    return "".join(out)


def mutate_path(rng, path: str) -> str:
    roll = rng.random()
    if roll < 0.45:
        return path
    ops = [
        lambda p: p + "/",
        lambda p: p.rstrip("/"),
        lambda p: "/" + p,
        lambda p: p.replace("/", "//", 1),
        lambda p: p + "/" + literal(rng),
        lambda p: "/".join(p.split("/")[:-1]) or "/",
        lambda p: p.upper(),
        lambda p: p.lower(),
        lambda p: p.replace("a", "%61"),
        lambda p: p.replace("é", "%C3%A9").replace("ü", "%C3%BC"),
        lambda p: p.replace("%", "%25", 1),
        lambda p: p + rng.choice(["%", "%2", "%FF", "%2F", "+", ";x", " "]),
        lambda p: p.lstrip("/"),
        lambda p: p + "/.",
        lambda p: p + "/..",
    ]
    for _ in range(rng.randint(1, 2)):
        path = rng.choice(ops)(path)
    return path


QUERY_BITS = ["a", "b", "k", "é", "%C3%A9", "%FF", "%", "%2", "%2B", "+", "=", ";", "%3D",
              "%26", " ", "1", "x y", "\n", "日本", "%00", "?", "#", "%ED%A0%80", "%F0%9F%98",
              "%C3%28", "%e2%82%ac", "%C0%80", "%80", "%%", "%G0", "\r", "\u00a0", "😀"]


def random_query(rng) -> str:
    if rng.random() < 0.1:
        return "?" + long_text(rng, 8, 200).replace("#", "")
    fields = []
    for _ in range(rng.randint(0, 5)):
        key = pick_bits(rng, QUERY_BITS, 0, 2).replace("&", "").replace("#", "")
        if rng.random() < 0.3 and fields:
            key = fields[0].split("=")[0]                  # a repeated key
        if rng.random() < 0.8:
            value = pick_bits(rng, QUERY_BITS, 0, 3).replace("&", "").replace("#", "")
            fields.append(f"{key}={value}")
        else:
            fields.append(key)
    sep = "&" if rng.random() < 0.9 else "&&"
    text = sep.join(fields)
    roll = rng.random()
    return "" if roll < 0.1 else text if roll < 0.15 else "?" + text if roll < 0.95 else "??" + text


def random_module(rng, folder: str | None = "pages") -> str:
    comps = [rng.choice(MODULE_BITS) for _ in range(rng.randint(1, 3))]
    if folder and rng.random() < 0.7:
        comps.insert(0 if rng.random() < 0.8 else 1, folder)
    sep = "::" if rng.random() < 0.1 else "."
    module = sep.join(comps)
    roll = rng.random()
    if roll < 0.03:
        module = module.replace(sep, sep + sep, 1)        # an empty component
    elif roll < 0.05:
        module += "."
    elif roll < 0.06:
        module = "__main__"
    return module


def is_dash_route(path: str) -> bool:
    """Dash's own routes are unsupported inputs (spec/README.md)."""
    return "_dash-" in path or "/assets" in path


# ---- per-family generators ----------------------------------------------------------------

def gen_templates(rng, public):
    base = rng.choice(public)["input"]
    template = base["template"] if rng.random() < 0.3 else random_template(rng)
    if rng.random() < 0.15:
        template = rng.choice(["/<x>", "/a/<x>", "/<x>-<y>", "/p<x>/<y>q"])
        value = long_text(rng, 8, 120).replace("/", "%2F").replace("?", "%3F")
        pathname = template.replace("<x>", value).replace("<y>", long_text(rng, 1, 30)
                                                           .replace("/", ""))
        return {"template": template, "pathname": pathname}
    if rng.random() < 0.2:
        pathname = base["pathname"]
    else:
        pathname = mutate_path(rng, fill_template(rng, template))
        if pathname and not pathname.startswith("/") and rng.random() < 0.8:
            pathname = "/" + pathname
    return {"template": template, "pathname": pathname}


LONG_ATOMS = ["a"] * 12 + ["Z", "0", "-", ".", "_", "~"] * 2 + [
    "%41", "%e9", "%C3%A9", "%E2%82%AC", "%F0%9F%98%80", "%FF", "%C3", "%", "%4", "%G1", "+",
    "&", "=", "é", "€", "😀", ";", "/", "?", "%25", "%2B", "%26", "%3D", "\n"]


def long_text(rng, lo: int, hi: int) -> str:
    """Long runs of mostly plain bytes with escapes at every offset: decoders that work on
    whole words or blocks meet escapes and multi-byte characters across block boundaries."""
    return "".join(rng.choice(LONG_ATOMS) for _ in range(rng.randint(lo, hi)))


def gen_query(rng, public):
    if rng.random() < 0.03:
        return {"search": None}
    if rng.random() < 0.3:
        return {"search": "?" + long_text(rng, 8, 300)}
    if rng.random() < 0.2:
        search = rng.choice(public)["input"]["search"] or ""
        return {"search": search + random_query(rng).lstrip("?")}
    return {"search": random_query(rng)}


#: custom field values of every JSON type (Dash keeps the Python value)
CUSTOM_VALUES = ["v", "", "ü", "/p", 0, -7, 2**62, 1.5, -0.0, 1e300, True, False, None, [],
                 ["a", 1, None], {}, {"k": "v", "n": [1.5, {"x": False}]}]


def random_args(rng, module: str) -> dict:
    args: dict = {}
    roll = rng.random()
    if roll < 0.25:
        args["path"] = mutate_path(rng, "/" + literal(rng))
    elif roll < 0.3:
        args["path"] = rng.choice(["", "/", "//", "///", "no-slash", "/a//b"])
    elif roll < 0.45:
        args["path_template"] = random_template(rng)
        if rng.random() < 0.3:
            args["path"] = "/" + literal(rng)
    if rng.random() < 0.2:
        args["name"] = rng.choice(["", "N", "Ünï name", "a<b>"])
    if rng.random() < 0.2:
        args["title"] = rng.choice(["T", "", "A & B", {"callable": "T"}])
    if rng.random() < 0.2:
        args["description"] = rng.choice(["D", "", "x\"y", {"callable": "D"}])
    if rng.random() < 0.2:
        args["order"] = rng.choice(ORDERS)
    if rng.random() < 0.15:
        args["image"] = rng.choice(IMAGES)
    if rng.random() < 0.1:
        args["image_url"] = rng.choice(["https://x/y.png", "", "rel.png"])
    if rng.random() < 0.15:
        # Never a register_page parameter (path, name, ...): Python cannot pass those as
        # custom kwargs; supplied_* keys are unsupported (spec/README.md).
        keys = ["custom", "icon", "é", "relative_path", "x-y", "class", "entry", "Path"]
        args["extra"] = {rng.choice(keys): rng.choice(CUSTOM_VALUES)
                         for _ in range(rng.randint(1, 2))}
    return args


def random_app(rng) -> dict:
    app: dict = {}
    if rng.random() < 0.2:
        app["title"] = rng.choice(["My App", "Dash", "", "<A> & 'B'"])
    if rng.random() < 0.15:
        app["description"] = rng.choice(["AppD", ""])
    roll = rng.random()
    if roll < 0.1:
        app["requests_pathname_prefix"] = rng.choice(["/app/", "/app", "/x/y/", "/é/",
                                                      "/a%20b/", "/App/"])
    elif roll < 0.2:
        prefix = rng.choice(["/app/", "/p/q/", "/ü/"])
        app["requests_pathname_prefix"] = prefix
        app["routes_pathname_prefix"] = rng.choice([prefix, "/"])
    elif roll < 0.23:
        app["url_base_pathname"] = rng.choice(["/base/", "/base", "base/"])
    elif roll < 0.25:
        app["routes_pathname_prefix"] = rng.choice(["/r", "r/", "/r/"])
    return app


def gen_infer_path(rng, public):
    base = rng.choice(public)["input"]
    folder = base.get("pages_folder", "pages") if rng.random() < 0.5 else rng.choice(PAGES_FOLDERS)
    basename = dash_model.sane.pages_folder_basename(folder)
    module = base["module"] if rng.random() < 0.2 else random_module(rng, basename)
    args = dict(base.get("args") or {}) if rng.random() < 0.3 else random_args(rng, module)
    app = dict(base.get("app") or {}) if rng.random() < 0.5 else random_app(rng)
    return {"module": module, "pages_folder": folder, "pages_folder_basename": basename,
            "app": app, "args": args}


def redirect_source(rng, page: dict) -> str:
    """Mostly a source that binds the page template's variables (D11), under a new prefix."""
    template = page.get("path_template")
    if isinstance(template, str) and rng.random() < 0.8:
        return "/" + literal(rng).replace("<", "").replace(">", "") + "/" + template.lstrip("/")
    return mutate_path(rng, "/" + literal(rng))


def random_page(rng, taken: set) -> dict:
    module = random_module(rng)
    while module in taken and rng.random() < 0.9:
        module = random_module(rng)
    taken.add(module)
    page = {"module": module, **random_args(rng, module)}
    if rng.random() < 0.1:
        page["redirect_from"] = [redirect_source(rng, page) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.04:
        page["layout"] = "none"
    elif rng.random() < 0.15:
        page["layout"] = "static"
    return page


def gen_order(rng, public):
    base = rng.choice(public)["input"]["pages"]
    pages = [dict(p) for p in base]
    for p in pages:
        if rng.random() < 0.4:
            p["order"] = rng.choice(ORDERS)
    for _ in range(rng.randint(0, 3)):
        p = {"module": random_module(rng)}
        if rng.random() < 0.6:
            p["order"] = rng.choice(ORDERS)
        if rng.random() < 0.2:
            p["path"] = rng.choice(["/", "", "//", "/h", "/" + literal(rng)])
        pages.insert(rng.randint(0, len(pages)), p)
    for p in pages:
        if p.get("order") is None:
            p.pop("order", None)
    return {"pages": pages}


def mutate_pages(rng, pages: list) -> list:
    pages = [dict(p) for p in pages]
    taken = {p["module"] for p in pages}
    for _ in range(rng.randint(0, 2)):
        roll = rng.random()
        if roll < 0.5 or not pages:
            pages.insert(rng.randint(0, len(pages)), random_page(rng, taken))
        elif roll < 0.7:
            pages.pop(rng.randrange(len(pages)))
        else:
            p = rng.choice(pages)
            key = rng.choice(["path", "path_template", "redirect_from", "order", "title",
                              "image", "extra"])
            if key == "path":
                p["path"] = mutate_path(rng, p.get("path") or "/" + literal(rng))
            elif key == "path_template":
                p["path_template"] = random_template(rng)
            elif key == "redirect_from":
                p["redirect_from"] = list(p.get("redirect_from") or []) + [
                    redirect_source(rng, p)]
            elif key == "order":
                p["order"] = rng.choice(ORDERS)
            elif key == "title":
                p["title"] = rng.choice(["T<&>", {"callable": "C"}, ""])
            elif key == "image":
                p["image"] = rng.choice(IMAGES)
            else:
                p["extra"] = {"custom": rng.choice(CUSTOM_VALUES)}
    return pages


def page_addresses(page: dict) -> list:
    out = []
    for key in ("path", "path_template"):
        if isinstance(page.get(key), str):
            out.append(page[key])
    out += [r for r in page.get("redirect_from") or [] if isinstance(r, str)]
    if not out:
        out.append(dash_model.sane.infer_path_from_module(page["module"], "pages"))
    return out


def request_path(rng, pages: list, prefix: str) -> str:
    page = rng.choice(pages) if pages else {"module": "pages.x"}
    redirecting = [p for p in pages if p.get("redirect_from")]
    if redirecting and rng.random() < 0.35:                # aim at a redirect source
        page = rng.choice(redirecting)
        address = rng.choice(page["redirect_from"])
    else:
        address = rng.choice(page_addresses(page))
    path = mutate_path(rng, fill_template(rng, address))
    if not path.startswith("/") and rng.random() < 0.9:
        path = "/" + path
    roll = rng.random()
    if roll < 0.05:                                       # the prefix spelled differently
        prefix = rng.choice([prefix.upper(), quote(prefix, safe="/"), prefix + "/",
                             prefix.replace("/", "//", 1)])
    if roll < 0.85:
        path = prefix.rstrip("/") + path
    elif roll < 0.9:
        path = prefix.rstrip("/") + "x" + path            # not on a segment boundary
    return path


DENSE_LITERALS = ["a", "b", "ab", "%61", "A", "a-b", "-", "%2F", "é", "%C3%A9", "none", "aa"]
DENSE_SEGMENTS = ["a", "b", "ab", "aab", "abb", "A", "a-b", "-", "a%2Fb", "%2F", "é", "%C3%A9",
                  "none", "x", "%61b", "a-", "-b", "aa", "a%2F"]


# Long literals (over 16 bytes) that differ in one byte, in case, in escaping or in length:
# static lookups of long keys take another path through the index.
LONG_LITERALS = ["abcdefghijklmnopq", "abcdefghijklmnopr", "abcdefghijklmnopqr",
                 "%61bcdefghijklmnopq", "ABCDEFGHIJKLMNOPQ", "éééééééééé", "%C3%A9" * 10,
                 "abcdefghijklmnop", "abcdefghijklmnopq%2F", "a" * 40, "a" * 39]


def dense_template(rng, names=("x", "y", "z"), pool=DENSE_LITERALS) -> str:
    """Templates over a tiny alphabet, so that pages, templates and redirect sources overlap
    often (D6 ranking, D9 duplicates, C13 landings)."""
    segments = []
    names = list(names)
    for _ in range(rng.randint(1, 3)):
        shape = rng.choice(["lit", "lit", "var", "lit+var", "var+lit", "lit+var+lit",
                            "var+lit+var"])
        seg = ""
        for part in shape.split("+"):
            if part == "lit":
                seg += rng.choice(pool)
            elif names:
                seg += f"<{names.pop(0)}>"
            else:
                seg += rng.choice(pool)
        segments.append(seg)
    text = "/" + "/".join(segments)
    return text + "/" if rng.random() < 0.1 else text


def dense_source(rng, page: dict, pool) -> str:
    """A redirect source that mostly binds every variable of the page's template (D11)."""
    needed = [n for n in ("x", "y", "z") if f"<{n}>" in page.get("path_template", "")]
    if rng.random() < 0.1:
        needed = []
    source = dense_template(rng, names=needed, pool=pool)
    missing = [n for n in needed if f"<{n}>" not in source]
    return source.rstrip("/") + "".join(f"/<{n}>" for n in missing)


def dense_pages(rng) -> list:
    long_keys = rng.random() < 0.4
    pool = LONG_LITERALS if long_keys else DENSE_LITERALS
    pages = []
    for i in range(rng.randint(2, 12 if long_keys else 6)):
        page: dict = {"module": f"pages.p{i}"}
        roll = rng.random()
        if roll < (0.25 if long_keys else 0.5):
            page["path_template"] = dense_template(rng, pool=pool)
        elif roll < 0.9:
            page["path"] = dense_template(rng, names=(), pool=pool)
        if rng.random() < 0.3:
            page["redirect_from"] = [dense_source(rng, page, pool)
                                     for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.3:
            page["order"] = rng.choice([0, 1, 2, 1.5, "a"])
        if rng.random() < 0.3:
            page["title"] = {"callable": f"T{i}"}
        if rng.random() < 0.1 and all(p["module"] != "pages.not_found_404" for p in pages):
            page["module"] = "pages.not_found_404"
        if rng.random() < 0.2:
            page["layout"] = "static"
        pages.append(page)
    return pages


def dense_path(rng, pages: list) -> str:
    addresses = [a for p in pages for a in page_addresses(p)]
    if addresses and rng.random() < 0.5:
        address = rng.choice(addresses)
        out = []
        i = 0
        while i < len(address):                          # variables get dense values
            if address[i] == "<" and ">" in address[i:]:
                i = address.index(">", i) + 1
                out.append(rng.choice(DENSE_SEGMENTS + LONG_LITERALS))
            else:
                out.append(address[i])
                i += 1
        return "".join(out)
    pool = DENSE_SEGMENTS + LONG_LITERALS if rng.random() < 0.5 else DENSE_SEGMENTS
    return "/" + "/".join(rng.choice(pool)
                          for _ in range(rng.randint(0, 3))) + ("/" if rng.random() < 0.1 else "")


def scenario(rng, public) -> dict:
    if rng.random() < 0.35:
        app = random_app(rng) if rng.random() < 0.2 else {}
        return {"app": app, "pages": dense_pages(rng), "assets": None, "dense": True}
    base = rng.choice(public)["input"]
    app = dict(base.get("app") or {})
    if rng.random() < 0.3:
        app.update(random_app(rng))
    if rng.random() < 0.1:
        app["routing_callback_inputs"] = {rng.choice(["lang", "x", "asset_id", "id"]): [
            rng.choice(["State", "Input"]), rng.choice(["store", "lang-store"]), "data"]}
    pages = mutate_pages(rng, base["pages"]) if rng.random() < 0.5 else base["pages"]
    return {"app": app, "pages": pages, "assets": base.get("assets")}


def prefixes(app: dict) -> tuple:
    try:
        config = dash_model.sane.make_config(app)
    except dash_model.sane.FolioError:
        return "/", "/"
    return config.requests_prefix, config.routes_prefix


def gen_resolve(rng, public):
    sc = scenario(rng, public)
    requests_prefix, routes_prefix = prefixes(sc["app"])
    pick = request_path
    if sc.pop("dense", False) and rng.random() < 0.6:
        pick = lambda rng, pages, prefix: prefix.rstrip("/") + dense_path(rng, pages)  # noqa: E731
    if rng.random() < 0.5:
        pathname = pick(rng, sc["pages"], requests_prefix)
        search = random_query(rng) if rng.random() < 0.95 else None
        request = {"kind": "callback", "pathname": pathname, "search": search}
        inputs = sc["app"].get("routing_callback_inputs") or {}
        extra = {f"{v[1]}.{v[2]}": rng.choice(["en", "", "x y", None, 0, 1.5, True,
                                                 {"a": 1}, ["x", 2]])
                 for v in inputs.values() if rng.random() < 0.7}
        if extra:
            request["extra_inputs"] = extra
    else:
        url = pick(rng, sc["pages"], routes_prefix)
        query = random_query(rng).lstrip("?")
        if query or rng.random() < 0.1:
            url += "?" + query
        if rng.random() < 0.1:
            url += "#frag"
        request = {"kind": "http", "url": url}
    sc.pop("assets")
    return {**sc, "request": request}


def gen_meta(rng, public):
    case = rng.choice(public)
    if case["kind"] == "image_infer_orders":
        module = case["input"]["module"] if rng.random() < 0.5 else random_module(rng)
        assets = list(case["input"]["assets"])
        for _ in range(rng.randint(0, 3)):
            name = rng.choice(ASSET_NAMES)
            stem = dash_model.sane.last_component(module)
            if rng.random() < 0.4:
                name = stem.replace("_", rng.choice(["_", "-"])) + "." + rng.choice(
                    ["png", "JPG", "svg", "txt", "min.png", "webp"])
            assets.append(name)
        rng.shuffle(assets)
        return "image_infer_orders", {"module": module, "assets": assets}
    sc = scenario(rng, [case])
    sc.pop("dense", None)
    app = sc["app"]
    roll = rng.random()
    if roll < 0.15:
        app["include_pages_meta"] = False
    elif roll < 0.3:
        app["assets_url_path"] = rng.choice(["static", "/", "", "/a/b/", "assets"])
    elif roll < 0.45:
        app["assets_external_path"] = rng.choice(["https://cdn.example.com/", "https://c/x",
                                                  "/rel/"])
    assets = list(sc["assets"] or [])
    if rng.random() < 0.4:
        assets += rng.sample(ASSET_NAMES, rng.randint(1, 3))
    _, routes_prefix = prefixes(app)
    url = request_path(rng, sc["pages"], routes_prefix)
    query = random_query(rng).lstrip("?")
    if query or rng.random() < 0.1:
        url += "?" + query
    if rng.random() < 0.1:
        url += "#f"
    return case["kind"], {"app": app, "assets": assets, "pages": sc["pages"], "url": url}


FAULTS = {            # one fault per check of POLICY C6, in the order the build checks them
    "module": ("module", ["pages..x", "__main__", "pages.", ""]),
    "path": ("path", ["x", "rel/a"]),
    "path_template": ("path_template", ["/a/<x", "/a/<1>", "/<x>/<x>", "/a//<x>", "/<a><b>"]),
    "layout": ("layout", ["none"]),
    "redirect_from": ("redirect_from", [["old"], ["/old/<y>"], ["/o//p"], ["/<z"]]),
}


def faulty_pages(rng) -> list:
    """Pages with several faults at once, next to pages they may duplicate: the first error in
    check order (C6) is the one reported."""
    pages = [{"module": "pages.a", "path": "/a"}, {"module": "pages.t",
                                                   "path_template": "/t/<x>"}]
    page: dict = {"module": rng.choice(["pages.a", "pages.b"]),
                  "path": rng.choice(["/a", "/b", "/t/none"]),
                  "path_template": rng.choice([None, "/t/<y>", "/c/<x>"])}
    if rng.random() < 0.5:
        page["redirect_from"] = [rng.choice(["/a", "/t/<x>", "/old/<x>", "/b"])]
    for key, values in rng.sample(list(FAULTS.values()), rng.randint(1, 3)):
        page[key] = rng.choice(values)
    page = {k: v for k, v in page.items() if v is not None}
    pages.insert(rng.randint(0, 2), page)
    return pages


def gen_validation(rng, public):
    if rng.random() < 0.15:
        return {"app": {}, "pages": faulty_pages(rng)}
    if rng.random() < 0.35:
        return {"app": {}, "pages": dense_pages(rng)}
    base = rng.choice(public)["input"]
    app = dict(base.get("app") or {})
    if rng.random() < 0.2:
        app = random_app(rng)
    pages = mutate_pages(rng, base["pages"])
    if rng.random() < 0.3 and pages:                      # a near-duplicate of a page
        p = dict(rng.choice(pages))
        p["module"] = p["module"] + "_copy" if rng.random() < 0.8 else p["module"]
        for key in ("path", "path_template"):
            if isinstance(p.get(key), str) and rng.random() < 0.5:
                p[key] = mutate_path(rng, p[key])
        pages.insert(rng.randint(0, len(pages)), p)
    return {"app": app, "pages": pages}


# ---- supportedness (spec/README.md "Unsupported inputs") ----------------------------------

def supported(family: str, inp: dict) -> bool:
    pages = inp.get("pages") or ([{"module": inp["module"], **inp["args"]}]
                                 if family == "infer_path" else [])
    for p in pages:
        if not isinstance(p.get("module"), str):
            return False
        order = p.get("order")
        if isinstance(order, (bool, list)):
            return False
        if p.get("layout") not in (None, "echo", "static", "none"):
            return False
        extra = p.get("extra") or {}
        if any(k.startswith("supplied_") for k in extra):
            return False
        redirects = p.get("redirect_from")
        if redirects is not None and (not isinstance(redirects, list)
                                      or any(is_dash_route(r) for r in redirects)):
            return False
    app = inp.get("app") or {}
    if "use_pages" in app or "app_layout" in app:
        return False
    request = inp.get("request") or {}
    for target in (request.get("pathname"), request.get("url"), inp.get("url")):
        if isinstance(target, str) and is_dash_route(target):
            return False
    return "files" not in inp


def client_encode(query: str) -> str:
    """A query as an HTTP client or browser sends it: bytes outside visible ASCII escaped."""
    return "".join(c if c.isascii() and c.isprintable() and c != " " else
                   quote(c, safe="") for c in query)


def encode_client_query(inp: dict) -> bool:
    """folio escapes space, controls and non-ASCII in a redirect's query (so a Location never
    carries CR/LF); the model copies the query raw.  No client sends such a query, so a case
    that redirects gets its query escaped as a client would (README.md, "Known
    disagreements").  Returns whether anything changed."""
    request = inp.get("request") or {}
    if "search" in request:
        holder, key, head, sep, tail = request, "search", "", "", request["search"] or ""
    else:
        holder, key = (request, "url") if "url" in request else (inp, "url")
        head, sep, tail = holder[key].partition("?")
    frag = ""
    if "#" in tail and key == "url":
        tail, _, frag = tail.partition("#")
        frag = "#" + frag
    new = client_encode(tail)
    if new == tail:
        return False
    holder[key] = head + sep + new + frag
    return True


def _plain(gen):
    return lambda rng, public: ("generated", gen(rng, public))


#: family -> generator(rng, public cases) -> (kind, input)
GENERATORS = {
    "infer_path": _plain(gen_infer_path), "templates": _plain(gen_templates),
    "query": _plain(gen_query), "order": _plain(gen_order), "resolve": _plain(gen_resolve),
    "meta": gen_meta, "validation": _plain(gen_validation),
}


def expected(family: str, case: dict) -> dict:
    """The model's `expected`; a redirect's query is written as a client sends it (see
    encode_client_query), so the case is recomputed after re-encoding."""
    out = dash_model.expected(family, case)
    if isinstance(out.get("location"), str) and encode_client_query(case["input"]):
        out = dash_model.expected(family, case)
    return out

"""Driver: computes a Streamlit-family case's `expected` by calling the model sane_state.py.

sane_state.py is imported from the shared conformance directory (never copied).  The schemas
are those of the Streamlit spec/README.md ("Families and how a Rust harness replays them").
"""
from __future__ import annotations

import importlib
import os
import sys

DEFAULT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "..", "..", "..", "shared", "conformance", "streamlit")


def load_model(model_dir: str | None = None):
    path = os.path.abspath(model_dir or os.environ.get("FOLIO_STREAMLIT_MODEL", DEFAULT_DIR))
    if path not in sys.path:
        sys.path.insert(0, path)
    return importlib.import_module("sane_state")


st = load_model()


def _kind(e) -> dict:
    return {"kind": e.kind}


# ---- page_names ---------------------------------------------------------------------------

def _page_rows(nav) -> list:
    return [{"file": p.source, "title": p.title, "icon": p.icon,
             "url_pathname": p.public_url_path, "url_path_reserved": p.url_path,
             "is_default": p.default} for p in nav.pages]


def page_names(case: dict) -> dict:
    inp = case["input"]
    if case["kind"] == "file":
        filename = inp["filename"]
        icon, name = st.page_icon_and_name(filename)
        out = {"sort_key": st.page_sort_key(filename), "icon": icon, "name": name}
        try:
            page = st.make_page({"file": filename}, {st.normalize_file(filename)})
            if st.strip_ws(page.url_path) == "":             # a non-default page (S5)
                raise st.FolioError("empty_url_path")
            out["page"] = {"title": page.title, "icon": page.icon, "url_path": page.url_path}
            out["error"] = None
        except st.FolioError as e:
            out["page"], out["error"] = None, _kind(e)
        return out
    sort_keys = {f: st.page_sort_key(f) for f in inp["pages_dir"] if f.endswith(".py")}
    try:
        nav = st.pages_from_directory(inp["main"], inp["pages_dir"], inp["other_files"])
    except st.FolioError as e:
        return {"error": _kind(e), "pages": None, "sort_keys": sort_keys}
    return {"error": None, "pages": _page_rows(nav), "sort_keys": sort_keys}


# ---- query_params -------------------------------------------------------------------------

PROBES = ["", "A", "EMBED", "a", "b", "embed", "embed_options", "missing"]


def _snapshot(qp) -> dict:
    return {"stored": [[k, v] for k, v in qp.stored.items()], "keys": qp.keys(),
            "len": len(qp), "to_dict": qp.to_dict(), "url_query_string": qp.url_query_string()}


def _items(v) -> list:
    return list(v.items()) if isinstance(v, dict) else [tuple(p) for p in v]


def _apply(qp, op: list):
    name, args = op[0], op[1:]
    if name in ("set", "set_tuple"):
        qp.set(args[0], args[1])
    elif name == "del":
        qp.delete(args[0])
    elif name == "update_dict":
        qp.update(_items(args[0]) + (_items(args[1]) if len(args) > 1 else []))
    elif name == "update_pairs":
        qp.update(_items(args[0]))
    elif name in ("from_dict", "from_pairs"):
        qp.from_pairs(_items(args[0]))
    elif name == "clear":
        qp.clear()
    elif name == "get":
        return qp.get(args[0])
    elif name == "get_all":
        return qp.get_all(args[0])
    elif name == "switch_page_params":
        qp.switch_page_params(args[0])
    else:
        raise ValueError(f"unknown op {name}")
    return None


def query_params(case: dict, probes: list | None = None) -> dict:
    inp, kind = case["input"], case["kind"]
    if kind == "page_link":
        try:
            return {"query_string": st.encode_link_params(inp["query_params"]), "error": None}
        except st.FolioError as e:
            return {"query_string": None, "error": _kind(e)}
    if kind == "parse_summary":
        text = "".join(t * n for t, n in inp["query_string_parts"])
        try:
            qp = st.QueryParams(text, inp.get("limits"))
        except st.FolioError as e:
            return {"error": _kind(e)}
        summary = []
        for k in qp.keys():
            v = qp.stored[k]
            values = v if isinstance(v, list) else [v]
            summary.append({"key_length": len(k), "key_prefix": k[:8],
                            "stored_as_list": isinstance(v, list), "n_values": len(values),
                            "total_value_length": sum(len(x) for x in values)})
        return {"len": len(qp), "keys_summary": summary}
    if kind == "ops":
        qp = st.QueryParams(inp["query_string"], inp.get("limits"))
        out = {"initial": _snapshot(qp), "steps": []}
        for op in inp["ops"]:
            step = {"op": op, "error": None}
            try:
                step["result"] = _apply(qp, op)
            except st.FolioError as e:
                step["error"] = _kind(e)
            step.update(_snapshot(qp))
            out["steps"].append(step)
        return out
    try:
        qp = st.QueryParams(inp["query_string"], inp.get("limits"))
    except st.FolioError as e:
        return {"error": _kind(e)}
    out = _snapshot(qp)
    if probes is None:                            # the standard probes, then every stored key
        probes = PROBES + [k for k in qp.stored if k not in PROBES]
    getitem = {}
    for p in probes:
        try:
            getitem[p] = {"value": qp.get(p)}
        except st.FolioError as e:
            getitem[p] = {"error": _kind(e)}
    out["getitem"] = getitem
    out["get_all"] = {p: qp.get_all(p) for p in probes}
    out["contains"] = {p: qp.contains(p) for p in probes}
    return out


# ---- navigation ---------------------------------------------------------------------------

def _target_result(fn, *args):
    try:
        return {"result": fn(*args), "error": None}
    except st.FolioError as e:
        return {"result": None, "error": _kind(e)}


def navigation(case: dict) -> dict:
    inp = case["input"]
    files = set(inp.get("files_present") or [])
    try:
        nav = st.build_navigation(inp["pages"], files, inp.get("position", "sidebar"),
                                  inp.get("expanded", False))
    except st.FolioError as e:
        return {"error": {"phase": e.phase, "kind": e.kind}, "resolutions": []}
    resolutions = []
    for request in [{"initial": True}] + list(inp.get("requests") or []):
        if "page_script_hash_of" in request:
            i, nf = st.resolve(nav, page_id=request["page_script_hash_of"])
        elif "page_script_hash" in request:
            i, nf = st.resolve(nav, page_id="\0no such page\0")
        else:
            i, nf = st.resolve(nav, page_name=request.get("page_name", ""))
        resolutions.append({"request": request, "page_index": i,
                            "page_url_pathname": nav.pages[i].public_url_path,
                            "page_not_found": nf})
    out = {"error": None, "resolutions": resolutions, "sections": nav.sections,
           "position": nav.position, "expanded": nav.expanded,
           "visible_items": nav.visible_items, "pages": st.navigation_pages_json(nav),
           "default_index": nav.default_index}
    if "links" in inp or "switches" in inp:
        out["page_links"] = [{"target": t, **_target_result(st.page_link, nav, t, files)}
                             for t in inp.get("links") or []]
        out["switch_pages"] = [{"target": t, **_target_result(st.switch_page_target, nav, t,
                                                              files)}
                               for t in inp.get("switches") or []]
    return out


# ---- widget_state -------------------------------------------------------------------------

def _wid(v: dict) -> tuple:
    return (v["scope"], ("key", v["key"]) if "key" in v else ("auto", v["auto"]))


def _wid_json(wid: tuple) -> dict:
    scope, (tag, name) = wid
    return {"scope": scope, tag: name}


def widget_state(case: dict) -> dict:
    session = st.Session()
    results = []
    for call in case["input"]["calls"]:
        name = call["call"]
        try:
            if name == "begin_run":
                changed = session.begin_run(
                    call["page"], call["kind"],
                    [(_wid(v), v["value"]) for v in call.get("values") or []],
                    [_wid(t) for t in call.get("triggers") or []])
                results.append({"changed": [_wid_json(w) for w in changed]})
            elif name == "widget":
                value = session.widget(call.get("key"), call["scope"], call.get("default"),
                                       call.get("persist"), bool(call.get("trigger")),
                                       auto=call.get("auto"))
                results.append({"value": value})
            elif name == "set":
                session.set(call["key"], call["value"])
                results.append({})
            elif name == "get":
                present, value = session.get(call["key"])
                results.append({"present": True, "value": value} if present
                               else {"present": False})
            elif name == "remove":
                session.remove(call["key"])
                results.append({})
            elif name == "end_run":
                session.end_run(call["completed"])
                results.append({"state": session.state()})
            else:
                raise ValueError(f"unknown call {name}")
        except st.FolioError as e:
            results.append({"error": _kind(e)})
    return {"results": results}


def expected(family: str, case: dict) -> dict:
    if family == "page_names":
        return page_names(case)
    if family == "query_params":
        probes = None
        if case["kind"] == "parse" and isinstance(case.get("expected"), dict) \
                and "getitem" in case["expected"]:
            probes = list(case["expected"]["getitem"])
        return query_params(case, probes)
    if family == "navigation":
        return navigation(case)
    if family == "widget_state":
        return widget_state(case)
    raise ValueError(family)



"""Driver: computes a Dash-family case's `expected` by calling the executable model sane.py.

sane.py is imported from the shared conformance directory (never copied).  Each function
takes a case's `input` and returns `expected` in the schema of spec/README.md.
"""
from __future__ import annotations

import importlib
import os
import sys

DEFAULT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "..", "..", "..", "shared", "conformance", "dash")


def load_model(model_dir: str | None = None):
    """Imports sane.py from `model_dir` (default: the shared Dash conformance directory)."""
    path = os.path.abspath(model_dir or os.environ.get("FOLIO_DASH_MODEL", DEFAULT_DIR))
    if path not in sys.path:
        sys.path.insert(0, path)
    return importlib.import_module("sane")


sane = load_model()


def _error(e) -> dict:
    return {"error": {"kind": e.kind}}


def infer_path(inp: dict) -> dict:
    app = dict(inp.get("app") or {})
    app["pages_folder"] = inp.get("pages_folder", "pages")
    spec = dict(inp.get("args") or {})
    spec["module"] = inp["module"]
    try:
        config = sane.make_config(app)
        registry = sane.build_registry(config, [spec])
    except sane.FolioError as e:
        return _error(e)
    page = registry.pages[0]
    entry = sane.page_entry(page)
    out = {
        "path": page.path,
        "name": page.name,
        "title": sane.record_value(page.title),
        "description": sane.record_value(page.description),
        "relative_path": page.relative_path,
        "order": page.order,
    }
    out["entry"] = entry
    return out


def templates(inp: dict) -> dict:
    return sane.parse_and_match(inp["template"], inp["pathname"])


def query(inp: dict) -> dict:
    kwargs = sane.parse_query(inp.get("search"))
    return {"kwargs": kwargs, "keys_in_order": list(kwargs)}


def order(inp: dict) -> dict:
    try:
        registry = sane.build_registry(sane.make_config({}), inp["pages"])
    except sane.FolioError as e:
        return _error(e)
    return {"modules": [p.module for p in registry.pages],
            "effective_order": {p.module: p.order for p in registry.pages}}


def validation(inp: dict) -> dict:
    try:
        config = sane.make_config(inp.get("app"))
        registry = sane.build_registry(config, inp["pages"])
    except sane.FolioError as e:
        return {"ok": False, "error": {"kind": e.kind}}
    return {"ok": True, "registry": [p.module for p in registry.pages]}


def _registry(inp: dict):
    config = sane.make_config(inp.get("app"))
    return sane.build_registry(config, inp["pages"], inp.get("assets") or [])


def resolve(inp: dict) -> dict:
    try:
        registry = _registry(inp)
    except sane.FolioError as e:
        return _error(e)
    request = inp["request"]
    if request["kind"] == "http":
        return sane.resolve_http(registry, request["url"])
    extra = request.get("extra_inputs") or {}
    routing = (inp.get("app") or {}).get("routing_callback_inputs") or {}
    states = {kwarg: extra.get(f"{spec[1]}.{spec[2]}") for kwarg, spec in routing.items()}
    return sane.resolve_callback(registry, request["pathname"], request.get("search"), states)


def meta(inp: dict, kind: str) -> dict:
    if kind == "image_infer_orders":
        return {"image": sane.infer_image(inp["module"], inp.get("assets") or [])}
    try:
        registry = _registry(inp)
    except sane.FolioError as e:
        return _error(e)
    return sane.meta_response(registry, inp["url"])


def expected(family: str, case: dict) -> dict:
    """`expected` of one case of `family` (extra_* files use their base family)."""
    inp = case["input"]
    if family == "meta":
        return meta(inp, case.get("kind", ""))
    return {"infer_path": infer_path, "templates": templates, "query": query,
            "order": order, "validation": validation, "resolve": resolve}[family](inp)

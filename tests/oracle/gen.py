#!/usr/bin/env python3
"""Differential cases for folio: mutate the public Dash and Streamlit vectors' inputs, compute
`expected` with the executable models sane.py and sane_state.py (through dash_model.py and
st_model.py), write them in the spec format (README.md).

    python3 tests/oracle/gen.py --check-public            # drivers reproduce every public case
    python3 tests/oracle/gen.py --seed 1 --count 300 --out /tmp/oracle
    FOLIO_VECTORS=/tmp/oracle cargo run -q --release -p folio-conformance

Python 3.11, standard library only.  Deterministic for a given seed and model.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import random
import sys

sys.dont_write_bytecode = True                     # leave no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dash_gen  # noqa: E402  (needs the path above)
import st_gen  # noqa: E402

#: family -> the module that generates it (GENERATORS, supported, expected, PUBLIC)
SOURCES = {**{f: dash_gen for f in dash_gen.FAMILIES}, **{f: st_gen for f in st_gen.FAMILIES}}
FAMILIES = tuple(SOURCES)


def model_expected(family: str, case: dict) -> dict:
    return SOURCES[family].expected(family, case)


# ---- strict JSON equality (numbers by type and value, as the Rust runner compares) -------

def same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    return type(a) is type(b) and a == b


def load_public(directories: list) -> dict:
    """{family: [cases]} over the files of `directories`; extra_* join their family."""
    out: dict = {f: [] for f in FAMILIES}
    for directory in directories:
        for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
            data = json.load(open(path, encoding="utf-8"))
            if data.get("family") in out:
                out[data["family"]] += data["cases"]
    return out


def check_public(public: dict) -> int:
    """The drivers must reproduce every supported public case exactly."""
    total = mismatches = 0
    for family, cases in public.items():
        for case in cases:
            if case.get("unsupported"):
                continue
            total += 1
            got = json.loads(json.dumps(model_expected(family, case)))
            want = case["expected"]
            if family == "widget_state":               # `steps` is informational
                want = {"results": want["results"]}
            if not same(got, want):
                mismatches += 1
                print(f"MISMATCH {case['id']}\n  expected {json.dumps(case['expected'])}"
                      f"\n  model    {json.dumps(got)}")
    print(f"drivers: {total} supported public cases, {mismatches} mismatches")
    return mismatches


def generate(public: dict, family: str, count: int, seed: int) -> list:
    rng = random.Random(f"{seed}:{family}")
    pool = [c for c in public[family] if not c.get("unsupported")]
    if family in ("infer_path",):
        pool = [c for c in pool if c["kind"] != "file_discovery"]
    cases = []
    attempts = 0
    seen = set()
    while len(cases) < count and attempts < count * 20:
        attempts += 1
        source = SOURCES[family]
        kind, inp = source.GENERATORS[family](rng, pool)
        if not source.supported(family, inp):
            continue
        key = json.dumps([kind, inp], sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        case = {"id": f"oracle-{family}-{seed}-{len(cases):05d}", "input": inp}
        if kind is not None:
            case["kind"] = kind
        try:
            case["expected"] = model_expected(family, case)
        except Exception as e:                  # the model is not total: report, never hide
            raise SystemExit(f"model failed on {family} input {json.dumps(inp)}: {e!r}")
        cases.append(case)
    return cases


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--public", action="append",
                    help="a public vectors directory (default: the Dash and Streamlit ones)")
    ap.add_argument("--check-public", action="store_true",
                    help="reproduce every public case's expected; exit 1 on any mismatch")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=200, help="cases per family")
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--out", help="directory for the generated <family>.json files")
    args = ap.parse_args()

    public = load_public(args.public or [dash_gen.PUBLIC, st_gen.PUBLIC])
    if check_public(public):
        return 1
    if args.check_public or not args.out:
        return 0
    os.makedirs(args.out, exist_ok=True)
    for family in args.families.split(","):
        cases = json.loads(json.dumps(generate(public, family, args.count, args.seed)))
        doc = {"family": family, "split": "oracle", "origin": "tests/oracle/gen.py",
               "seed": args.seed, "count": len(cases), "cases": cases}
        with open(os.path.join(args.out, f"oracle_{family}.json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
        print(f"{family}: {len(cases)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())

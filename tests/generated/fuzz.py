"""``make fuzz``: N generated tables per form through the real pipeline; a per-form, per-class summary.

    python -m tests.generated.fuzz --n 10000 [--forms tab,cr,...] [--jobs 2] [--out fuzz-findings.md]

Classes are the generator's shapes (``budget_strategies.SHAPES``, ``staffing_strategies.SHAPES``); each failing
(form, class, kind) keeps its smallest failing input as the example (``--shrink`` asks Hypothesis for a minimal
one, at some cost). Exit status 1 when any property fails.
"""
from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from hypothesis import HealthCheck, Phase, find, given, seed, settings
from hypothesis import strategies as st

from tests.generated.families import FAMILIES, Family


@dataclass
class FormResult:
    form: str
    family: str
    runs: collections.Counter[str] = field(default_factory=collections.Counter)  # per class
    failing_docs: collections.Counter[str] = field(default_factory=collections.Counter)  # per class
    fails: collections.Counter[tuple[str, str]] = field(default_factory=collections.Counter)  # (class, kind)
    examples: dict[tuple[str, str], tuple[bytes, str, list[str]]] = field(default_factory=dict)
    seconds: float = 0.0  # render + read + extract + check (generation is shared by the forms)

    @property
    def total(self) -> int:
        return sum(self.runs.values())

    def merge(self, o: "FormResult") -> None:
        self.runs.update(o.runs)
        self.failing_docs.update(o.failing_docs)
        self.fails.update(o.fails)
        self.seconds += o.seconds
        for k, v in o.examples.items():
            if k not in self.examples or len(v[0]) < len(self.examples[k][0]):
                self.examples[k] = v


def _check(fam: Family, form: str, doc: Any, variant: int) -> tuple[bytes, str, list[Any]]:
    data, src = fam.render(doc, form, variant)
    try:
        fails = fam.judge(doc, data, src)
    except Exception as e:  # a crash is a failure of its own kind
        from tests.generated.properties import Failure
        fails = [Failure("crash", f"{type(e).__name__}: {e}"[:300])]
    return data, src, fails


def run_shape(fam_name: str, shape: str, forms: tuple[str, ...], n: int, rng_seed: int) -> list[FormResult]:
    """``n`` generated documents of one class, each rendered into every form (generation is shared)."""
    fam = FAMILIES[fam_name]
    results = {f: FormResult(f, fam_name) for f in forms}

    @seed(rng_seed)
    @settings(max_examples=n, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(fam.strategy(shape, ""), st.integers(0, 15))
    def one(doc: Any, variant: int) -> None:
        for form in forms:
            res = results[form]
            t0 = time.process_time()  # CPU seconds: the machine is shared, wall time says little
            data, src, fails = _check(fam, form, doc, variant)
            res.seconds += time.process_time() - t0
            res.runs[shape] += 1
            if fails:
                res.failing_docs[shape] += 1
            for kind in sorted({f.kind for f in fails}):
                res.fails[(shape, kind)] += 1
                old = res.examples.get((shape, kind))
                if old is None or len(data) < len(old[0]):
                    res.examples[(shape, kind)] = (data, src, [f.detail for f in fails if f.kind == kind][:3])
    one()
    return list(results.values())


def _shrink(fam: Family, form: str, shape: str, kind: str, res: FormResult) -> None:
    def bad(doc: Any) -> bool:
        return any(f.kind == kind for f in _check(fam, form, doc, 0)[2])
    try:
        doc = find(fam.strategy(shape, form), bad, settings=settings(
            max_examples=200, database=None, deadline=None, suppress_health_check=list(HealthCheck)))
    except Exception:
        return
    data, src, fails = _check(fam, form, doc, 0)
    res.examples[(shape, kind)] = (data, src, [f.detail for f in fails if f.kind == kind][:3])


def _job(args: tuple[str, str, tuple[str, ...], int, int]) -> list[FormResult]:
    return run_shape(*args)


def report(results: list[FormResult], n: int, wall: float) -> str:
    out = [f"# Fuzz findings ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})", "",
           f"`make fuzz FUZZ_N={n}`: each form runs N generated documents, split evenly over the classes "
           f"(shapes); each generated document is rendered into every form. Wall time {wall:.0f} s; "
           f"CPU s/table is render + read + extract + check per form, in CPU seconds of one core "
           f"(generation, shared by the forms, is not in it).", "",
           "| family | form | tables | failing | pass rate | CPU s/table |", "|---|---|---|---|---|---|"]
    for r in results:
        bad = sum(r.failing_docs.values())
        out.append(f"| {r.family} | {r.form} | {r.total} | {bad} | {100 * (r.total - bad) / max(1, r.total):.1f}% "
                   f"| {r.seconds / max(1, r.total):.4f} |")
    for r in results:
        out += ["", f"## {r.family} / {r.form}", "", "| class | tables | failing | kinds (count) |", "|---|---|---|---|"]
        for shape in FAMILIES[r.family].shapes:
            kinds = ", ".join(f"{k} ({c})" for (s, k), c in sorted(r.fails.items()) if s == shape)
            out.append(f"| {shape} | {r.runs[shape]} | {r.failing_docs[shape]} | {kinds or '-'} |")
        for (shape, kind), (data, src, details) in sorted(r.examples.items()):
            text = _pdf_text(data) if data.startswith(b"%PDF") else _decode(data)
            out += ["", f"### {r.form} / {shape} / {kind}", "", *(f"- {d}" for d in details), "", "```",
                    repr(text)[:1500] if r.form.startswith("cr") or r.form == "flat_table" else text[:1500], "```"]
    return "\n".join(out) + "\n"


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")  # the CR forms are Windows-1252, as the real conversions are


def _pdf_text(data: bytes) -> str:
    import pymupdf
    with pymupdf.open(stream=data, filetype="pdf") as d:
        return "\n".join(str(p.get_text()) for p in d)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=int(os.environ.get("FUZZ_N", "10000")))
    ap.add_argument("--forms", default=os.environ.get("FUZZ_FORMS", ""), help="comma list; default every form")
    ap.add_argument("--families", default=os.environ.get("FUZZ_FAMILIES", ",".join(FAMILIES)))
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("FUZZ_JOBS", "2")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "0")))
    ap.add_argument("--shrink", action="store_true")
    ap.add_argument("--out", default=os.environ.get("FUZZ_OUT", ""))
    a = ap.parse_args(argv)
    wanted = set(filter(None, a.forms.split(",")))
    jobs = []
    for fam in a.families.split(","):
        forms = tuple(f for f in FAMILIES[fam].forms if not wanted or f in wanted)
        per_shape = max(1, -(-a.n // len(FAMILIES[fam].shapes)))
        jobs += [(fam, shape, forms, per_shape, a.seed) for shape in FAMILIES[fam].shapes if forms]
    t0 = time.perf_counter()
    if a.jobs > 1:
        with multiprocessing.Pool(a.jobs) as pool:
            parts = pool.map(_job, jobs, chunksize=1)
    else:
        parts = [_job(j) for j in jobs]
    merged: dict[tuple[str, str], FormResult] = {}
    for part in parts:
        for r in part:
            merged.setdefault((r.family, r.form), FormResult(r.form, r.family)).merge(r)
    results = list(merged.values())
    if a.shrink:
        for r in results:
            for (shape, kind) in list(r.examples):
                _shrink(FAMILIES[r.family], r.form, shape, kind, r)
    text = report(results, a.n, time.perf_counter() - t0)
    if a.out:
        with open(a.out, "w") as fh:
            fh.write(text)
    print(text)
    return 1 if any(r.fails for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

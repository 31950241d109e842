"""Cell-level F1 of our PDF table reader beside plain pdfplumber and PyMuPDF ``find_tables``, whole page.

Uses the cases and the scorer in ``../shared/bench/tables`` (score.py: strict cell micro F1 over the multiset
of non-empty cell strings against the best-matching predicted table). All three extractors run in the same
process on the same pages with no table area given; the two baselines get the case's flavour hint (lines
vs text strategy), ours gets nothing but the page.
"""
from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path
from types import ModuleType
from typing import Any, Optional

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = Path(os.environ.get("YJ_TABLE_BENCH", ROOT.parent / "shared" / "bench" / "tables"))


def load_scorer(folder: Path = BENCH_DIR) -> ModuleType:
    spec = importlib.util.spec_from_file_location("table_bench_score", folder / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py in {folder}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def ours(pdf_path: str, page: int, bbox: Optional[tuple[float, ...]], flavor_hint: str) -> list[list[list[str]]]:
    """Our reader on one page: every table it finds, as rows of cell strings (hint and area ignored)."""
    import pymupdf

    from extractors.readers.pdf_grids import page_tables
    from extractors.readers.pdf_words import page_words

    data = Path(pdf_path).read_bytes()
    with pymupdf.open(stream=data, filetype="pdf") as doc:  # type: ignore[no-untyped-call]
        p = doc[page - 1]
        tables = page_tables(p, page, page_words(p), data)
    return [[[text for text, _ in row] for row in t.cells] for t in tables]


def run(only: Optional[list[str]] = None) -> dict[str, Any]:
    score = load_scorer()
    cases = score.load_cases(str(BENCH_DIR / "cases"), only)
    extractors = {"pdfplumber": score.resolve_extractor("pdfplumber"),
                  "pymupdf": score.resolve_extractor("pymupdf"), "ours": ours}
    rows = {name: score.run(fn, cases, use_bbox=False) for name, fn in extractors.items()}
    totals = {name: score.totals(r) for name, r in rows.items()}
    return {"cases": cases, "rows": rows, "totals": totals}


def report(res: dict[str, Any]) -> str:
    names = list(res["rows"])
    out = ["| case | hint | " + " | ".join(f"{n} F1" for n in names) + " | ours vs best |",
           "|---|---|" + "---|" * (len(names) + 1)]
    below = 0
    for i, case in enumerate(res["cases"]):
        f1 = {n: res["rows"][n][i]["strict"]["f1"] for n in names}
        best = max(f1["pdfplumber"], f1["pymupdf"])
        flag = "ok" if f1["ours"] >= best - 1e-9 else f"BELOW by {best - f1['ours']:.2f}"
        below += flag != "ok"
        out.append(f"| {case['id']} | {case['flavor_hint']} | " + " | ".join(f"{f1[n]:.2f}" for n in names)
                   + f" | {flag} |")
    t = res["totals"]
    out.append("| **micro F1 (strict), all** | | " + " | ".join(f"**{t[n]['strict']['micro_f1']:.3f}**"
                                                               for n in names) + " | |")
    out.append("")
    out.append("table cell F1, whole page, no area: " + ", ".join(
        f"{n} {t[n]['strict']['micro_f1']:.3f} ({t[n]['pages_per_second']:.1f} pages/s)" for n in names)
        + f"; cases where ours is below the better baseline: {below}")
    return "\n".join(out)

"""Recall and precision of the indicator extractor on the labelled set (``make bench``, ``--only indicators``).

The labels, per document, from the first source that has the document:

1. ``tests/labelled/indicators/<stem>.json``: every indicator statement read by hand (complete);
2. ``tests/gold/real-2/<stem>.json`` "indicators": the eight plans whose gold lists them all (complete);
3. ``tests/gold/{seeds,real}/<stem>.json`` "indicators": gold that lists what must be found (not complete):
   counted for recall only, and reported apart, until the labellers' file for the document arrives.

Documents: the seeds and real plans as text (``data/samples``) and the wild council PDFs (``YJ_WILD_PDF``,
default ``../shared/corpus/wild-pdf``), which state none of the three measures: every row emitted there is false.

A labelled statement is found by an emitted row with the same indicator, value and unit (one row per statement:
a multiset match; over the whole document the nearest label and row are paired first). An emitted row is true when it has a labelled statement's indicator,
value and unit (a plan repeats a figure in its summary; the real-2 gold lists each statement once). Among the matched pairs, scope, kind and period are scored apart
(agreement rates): scope exact; kind exact (``threshold`` and ``previous`` are kinds of their own); period
agrees when the printed or normalised texts are equal once spacing and case are tidied, or one holds the other.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "labelled" / "indicators"
GOLD = ROOT / "tests" / "gold"
SAMPLES = ROOT / "data" / "samples"
WILD = Path(os.environ.get("YJ_WILD_PDF", ROOT.parent / "shared" / "corpus" / "wild-pdf"))


@dataclass
class DocScore:
    name: str
    group: str  # "labelled", "real-2 gold", "gold (partial)", "wild"
    complete: bool
    want: int = 0
    got: int = 0
    found: int = 0
    true_rows: int = 0
    scope_ok: int = 0
    kind_ok: int = 0
    period_ok: int = 0
    period_labelled: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    false: list[Any] = field(default_factory=list)


def _labels_for(stem: str) -> Optional[tuple[str, bool, list[dict[str, Any]]]]:
    f = LABELLED / f"{stem}.json"
    if f.exists():
        return "labelled", True, list(json.loads(f.read_text())["statements"])
    f = GOLD / "real-2" / f"{stem}.json"
    if f.exists():
        return "real-2 gold", True, list(json.loads(f.read_text()).get("indicators", []))
    for folder in ("seeds", "real"):
        f = GOLD / folder / f"{stem}.json"
        if f.exists():
            return "gold (partial)", False, list(json.loads(f.read_text()).get("indicators", []))
    return None


def _documents() -> list[tuple[Path, str]]:
    docs = [(p, "text") for p in sorted((SAMPLES / "seeds").glob("*.txt")) + sorted((SAMPLES / "real").glob("*.txt"))]
    docs += [(p, "wild") for p in sorted(WILD.glob("*.pdf"))]
    return docs


def _tidy(text: Optional[str]) -> str:
    return re.sub(r"[\s\-–—]+", " ", (text or "").lower()).strip()


def period_agrees(label: dict[str, Any], emitted: Optional[str]) -> bool:
    from normalisers.periods import normalise_period
    printed = label.get("period_text") or label.get("period") or label.get("since")
    if not printed:
        return not emitted
    if not emitted:
        return False
    a, b = _tidy(emitted), {_tidy(str(printed)), _tidy(normalise_period(str(printed)))}
    return any(a == x or (a and x and (a in x or x in a)) for x in b)


def _kind(label: dict[str, Any]) -> str:
    return str(label.get("kind") or "actual")


def _line_of(label: dict[str, Any]) -> int:
    return int(label.get("line") or label.get("page") or 0)


def score_document(name: str, group: str, complete: bool, labels: list[dict[str, Any]], rows: tuple[Any, ...],
                   paged: bool) -> DocScore:
    s = DocScore(name, group, complete, want=len(labels), got=len(rows))
    def key(x: Any) -> tuple[str, Decimal, str]:
        return (x["indicator"], Decimal(str(x["value"])), x["unit"]) if isinstance(x, dict) else (x.indicator, x.value,
                                                                                                    x.unit)

    def where(r: Any) -> int:
        return int((r.prov.page or 0) if paged else (r.prov.line or 0))
    # the nearest label and row of the same statement are paired first, over the whole document
    pairs = sorted(((abs(where(r) - _line_of(w)), i, j) for i, w in enumerate(labels) for j, r in enumerate(rows)
                    if key(w) == key(r)))
    used_w: set[int] = set()
    used_r: set[int] = set()
    for _, i, j in pairs:
        if i in used_w or j in used_r:
            continue
        used_w.add(i)
        used_r.add(j)
        w, best = labels[i], rows[j]
        s.found += 1
        s.scope_ok += best.scope == w.get("scope", "local")
        s.kind_ok += best.kind == _kind(w)
        if w.get("period_text") or w.get("period") or w.get("since"):
            s.period_labelled += 1
            s.period_ok += period_agrees(w, best.period_label)
    s.missed = [w for i, w in enumerate(labels) if i not in used_w]
    free = [r for j, r in enumerate(rows) if j not in used_r]
    said = {(w["indicator"], Decimal(str(w["value"])), w["unit"]) for w in labels}
    s.false = [r for r in free if (r.indicator, r.value, r.unit) not in said]  # a repeat of a statement is true
    s.true_rows = s.got - len(s.false)
    return s


def run(names: Optional[list[str]] = None) -> list[DocScore]:
    from extractors.indicators.extract import extract_indicators
    from pipeline.errors import YJError
    from pipeline.settings import DEFAULT_SETTINGS
    from pipeline.stages import read_document

    out = []
    for path, kind in _documents():
        if names and not any(n in path.stem for n in names):
            continue
        found = _labels_for(path.stem)
        if found is None and kind == "wild":
            found = ("wild", True, [])
        if found is None:
            continue
        group, complete, labels = found
        if kind == "wild":
            group = "wild"
        try:
            doc = read_document(path.read_bytes(), str(path))
        except YJError:
            continue  # not a readable document (an HTML page saved as .pdf): nothing to read, nothing emitted
        rows = extract_indicators(doc, DEFAULT_SETTINGS)
        out.append(score_document(path.stem, group, complete, labels, rows, paged=kind == "wild"))
    return out


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "n/a"


def totals(scores: list[DocScore]) -> dict[str, int]:
    keys = ("want", "got", "found", "true_rows", "scope_ok", "kind_ok", "period_ok", "period_labelled")
    return {k: sum(getattr(s, k) for s in scores) for k in keys}


def report(scores: list[DocScore], detail: bool = False) -> str:
    out = ["| document | labels | statements | emitted | found | recall | precision | scope | kind | period |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for s in scores:
        if s.group == "wild" and not s.got:
            continue
        prec = _pct(s.true_rows, s.got) if s.complete else "(partial labels)"
        out.append(f"| {s.name[:40]} | {s.group} | {s.want} | {s.got} | {s.found} | {_pct(s.found, s.want)} | {prec} "
                   f"| {_pct(s.scope_ok, s.found)} | {_pct(s.kind_ok, s.found)} | "
                   f"{_pct(s.period_ok, s.period_labelled)} |")
    wild = [s for s in scores if s.group == "wild"]
    out.append(f"\nwild PDFs: {len(wild)} read, {sum(s.got for s in wild)} rows emitted (every one false)")
    plans = [s for s in scores if s.group != "wild"]
    for title, part in (("complete labels (labelled + real-2 gold)", [s for s in plans if s.complete]),
                        ("partial gold (seeds/real until labelled)", [s for s in plans if not s.complete]),
                        ("all plans", plans)):
        t = totals(part)
        out.append(f"{title}: recall {_pct(t['found'], t['want'])} ({t['found']}/{t['want']})")
    complete = [s for s in scores if s.complete]
    t = totals(complete)
    out.append(f"precision on complete labels and wild PDFs: {_pct(t['true_rows'], t['got'])} "
               f"({t['true_rows']}/{t['got']})")
    t = totals(scores)
    out.append(f"matched pairs: scope agrees {_pct(t['scope_ok'], t['found'])}, kind {_pct(t['kind_ok'], t['found'])}, "
               f"period {_pct(t['period_ok'], t['period_labelled'])} of those labelled with a period")
    if detail:
        for s in scores:
            for w in s.missed:
                out.append(f"MISSED {s.name[:25]} L{_line_of(w)} {w['indicator']} {w['value']} {w['unit']} "
                           f"{w.get('scope')} {w.get('kind')} | {str(w.get('quote', w.get('note', '')))[:90]}")
            for r in (s.false if s.complete else []):
                out.append(f"FALSE  {s.name[:25]} L{(r.prov.page if s.group == 'wild' else r.prov.line)} "
                           f"{r.indicator} {r.value} {r.unit} {r.scope} {r.kind} | {r.sentence[:90]}")
    return "\n".join(out)

"""Checks that say what the budget extractor did not read: a plan with no partner budget table ("nothing
found" is a finding with a place, not a silence), and a table headed in thousands whose figures are pounds.
"""
from __future__ import annotations

import re
from typing import Optional

from normalisers.agencies import agency_of
from pipeline.records import BudgetTable, Document, Extraction, Finding, Provenance, Side
from pipeline.wording import amount, place
from pipeline.settings import Settings

_MONEY = re.compile(r"£\s?\d|(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])")
_THOUSANDS = re.compile(r"£\s?['’]?000s?\b|£\s?k\b|\(£\s?k\)|in thousands|£\s?000['’]?s", re.I)
FUNDER_LINE_MAX_CHARS = 120  # a longer line is prose, not a table row naming a funder
CELL_REACH = 3  # the label's line and the next two (a conversion's cells one per line)
POUNDS_NOT_THOUSANDS = 100_000  # a figure this large under a £'000 heading would be over £100m: it is pounds


def check(x: Extraction, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    if x.meta.doc_type == "youth_justice_plan" and not x.budget_tables:
        out.append(_no_budget_table(x.document))
    for t in x.budget_tables:
        heading = " ".join((t.anchor, *t.columns_printed))
        largest = max((ln.total.value or 0 for ln in t.lines), default=0)
        unit = _THOUSANDS.search(heading)
        if unit and largest >= POUNDS_NOT_THOUSANDS:
            out.append(Finding(
                "unit_conflict", "warning",
                f"Budget table {t.index} is headed in thousands ({unit.group(0)!r}) but its "
                f"figures are pounds ({_figures(t)}); they are stored as printed, in pounds"
                + _where(t.prov) + ".",
                expected=Side(None, "pounds"), found=Side(None, raw=heading[:120]), prov=t.prov, evidence=(t.prov,)))
    return out


def _figures(t: BudgetTable) -> str:
    """The table's figures a reader checks the unit against: its first row, its largest row and its total."""
    first = t.lines[0] if t.lines else None
    largest = max(t.lines, key=lambda ln: ln.total.value or 0) if t.lines else None
    parts = [f"first row {r.label} {amount(r.total.value)}" for r in (first,) if r is not None]
    parts += [f"largest row {r.label} {amount(r.total.value)}" for r in (largest,) if r is not None and r is not first]
    if t.printed_total is not None and t.printed_total.total.value is not None:
        parts.append(f"total {amount(t.printed_total.total.value)}")
    return ", ".join(parts)


def _funder_lines(doc: Document) -> list[int]:
    """Short lines naming a funder with an amount on the same line or in the next cells (one cell per line)."""
    lines = doc.lines
    return [i for i, ln in enumerate(lines)
            if len(ln.text) <= FUNDER_LINE_MAX_CHARS and agency_of(ln.text)
            and any(_MONEY.search(lines[j].text) for j in range(i, min(i + CELL_REACH, len(lines))))]


def _no_budget_table(doc: Document) -> Finding:
    hits = _funder_lines(doc)
    if hits:
        first = doc.prov(hits[0], extractor="budget")
        lines = "1 short line names" if len(hits) == 1 else f"{len(hits)} short lines name"
        detail = (f"; {lines} a funder next to an amount (the first{_where(first)}), so a "
                  "table may be printed in a layout the extractor does not read")
        evidence = tuple(doc.prov(i, extractor="budget") for i in hits[:5])
    else:  # nothing points anywhere: the finding is about the whole document, anchored at its first line
        start = next((i for i, ln in enumerate(doc.lines) if ln.text.strip()), 0)
        first = doc.prov(start, extractor="budget")
        where = f"{doc.pages} pages" if doc.pages else f"{len(doc.lines)} lines"
        detail = (f" (all {where} searched); no line names a funder beside an amount, so it may be printed "
                  "as an image or left out")
        evidence = (first,)
    return Finding("no_budget_table", "warning", f"No partner budget table was read from this plan{detail}.",
                   expected=Side(None, "a partner budget table"), found=Side(None, "none read"), prov=first, evidence=evidence)


def _where(p: Optional[Provenance]) -> str:
    return f" at {place(p)}" if place(p) else ""

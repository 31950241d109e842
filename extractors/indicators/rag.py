"""RAG scales printed under a measure: '(G= <313, A= 314-400, R=>401)', 'Green: below 36%; Amber: 36-39%; Red: over
39%'.

The green boundary is what the plan aims for: it is recorded as a target, with its raw text ('G= <313'); amber and red
boundaries are not recorded, and no boundary is ever an actual. Only a whole scale (green, amber and red together in
one cell) is read. The measure is the one named by the cell right above it; the unit is '%' printed with the boundary,
else a unit those cells name, else, where they speak of a rate, the document's stated rate unit for the measure or its
national convention.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from extractors.indicators import vocabulary as vocab
from extractors.indicators.summary_cells import SCell, summary_cells
from extractors.indicators.grids import GridFigure
from pipeline.records import Document

_BOUND = r"\s*[=:]\s*(?:(?:less\s+than|below|under|up\s+to|<|≤|=<|<=)\s*)?"
_GREEN = re.compile(r"\b(?:G|Green)" + _BOUND + r"(?P<num>\d+(?:\.\d+)?)\s?(?P<pct>%)?", re.I)
_AMBER = re.compile(r"\b(?:A|Amber)\s*[=:]", re.I)
_RED = re.compile(r"\b(?:R|Red)\s*[=:]", re.I)
_BACK = 4  # cells above a scale where its measure may be named
_MAX_SCALE = 120  # a longer cell is prose, not a scale


def _scale(c: SCell) -> Optional[re.Match[str]]:
    if len(c.text) > _MAX_SCALE:
        return None
    green = _GREEN.search(c.text)
    if not green or not _AMBER.search(c.text) or not _RED.search(c.text):
        return None
    return green


def _subject(cells: list[SCell], k: int) -> tuple[Optional[str], list[str]]:
    """The measure the scale at ``k`` belongs to, named by the cell right above it ('Reduction in FTE'), and the cells
    from there up (a few, none naming another measure or printing another scale) where its unit may be named."""
    names = vocab.measures(cells[k - 1].text) if k else []
    if len(names) != 1:
        return None, []
    seen: list[str] = []
    for j in range(k - 1, max(-1, k - 1 - _BACK), -1):
        if vocab.measures(cells[j].text) not in ([], names) or _scale(cells[j]):
            break
        seen.append(cells[j].text)
    return names[0], seen


def _unit(indicator: str, pct: bool, seen: list[str], stated: dict[str, str]) -> Optional[str]:
    if pct:
        return "percent"
    said = next((u for t in seen if (u := vocab.unit(t))), None)
    if said:
        return said if said != "percent" else None  # a percentage boundary is printed with '%'
    if any(re.search(r"\brates?\b", t, re.I) for t in seen):
        return stated.get(indicator) or vocab.conventional_rate(indicator)
    return None


def rag_targets(doc: Document, stated: dict[str, str], cells: Optional[list[SCell]] = None) -> list[GridFigure]:
    cells = cells if cells is not None else summary_cells(doc)
    out = []
    for k, c in enumerate(cells):
        green = _scale(c)
        if green is None:
            continue
        indicator, seen = _subject(cells, k)
        if indicator is None or vocab.other_topic(seen[0]):
            continue
        unit = _unit(indicator, bool(green.group("pct")), seen, stated)
        if unit is None:
            continue
        raw = green.group(0).strip()
        out.append(GridFigure(indicator, Decimal(green.group("num")), raw, unit, "local", None, None, "target",
                              f"{seen[0] if seen else ''} {c.text}".strip(), c.line))
    return out


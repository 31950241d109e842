"""Tables of an indicator by period and area: a heading naming the indicator, period column headers
('Apr 17 - Mar 18'), and one row per area ('Southwark', 'London', 'England').

A figure is only read when its unit is known: printed with a '%', or the rate unit the document states for
that indicator elsewhere ("the rate per 1,000 of the 10-17 year old population"). Rows for areas the reader
cannot place (another borough) are left out rather than guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, Optional

from extractors.tables.cell_stream import parse_number
from extractors.indicators.cells import Cell, cells_of, regions
from extractors.indicators.rules import mentions
from normalisers.periods import find_periods, normalise_period
from normalisers.units import RATE_RX, rate_code
from pipeline.records import Document

_REGIONS = re.compile(r"^(?:North\s+East|North\s+West|Yorkshire(?:\s+and\s+the\s+Humber)?|East\s+Midlands|"
                      r"West\s+Midlands|East\s+of\s+England|London|South\s+East|South\s+West|Wales)$", re.I)
_HEADING_BACK = 4


@dataclass(frozen=True)
class TableFigure:
    indicator: str
    value: Decimal
    raw: str
    unit: str
    scope: str
    comparator: Optional[str]
    period: str
    statement: str
    line: int


def rate_units(doc: Document) -> dict[str, str]:
    """The rate unit each indicator is stated in, where the document states exactly one for it."""
    found: dict[str, set[str]] = {}
    for ln in doc.lines:
        names = {n for _, n in mentions(ln.text)}
        units = {c for m in RATE_RX.finditer(ln.text) if (c := rate_code(m.group(1)))}
        if len(names) == 1 and len(units) == 1:
            found.setdefault(names.pop(), set()).update(units)
    return {k: v.pop() for k, v in found.items() if len(v) == 1}


def _heading(doc: Document, first: int) -> Optional[tuple[str, str]]:
    """The indicator the lines just above a table name (exactly one), with that heading's text."""
    for k in range(first - 1, max(-1, first - 1 - _HEADING_BACK), -1):
        names = {n for _, n in mentions(doc.lines[k].text)}
        if len(names) == 1:
            return names.pop(), doc.lines[k].text.strip()
        if names:
            return None
    return None


def _periods(region: list[Cell]) -> tuple[list[str], int]:
    """The period column headers at the top of a region (empty corner cells skipped) and where rows start."""
    k = 0
    while k < len(region) and not region[k].text:
        k += 1
    heads = []
    while k < len(region):
        ps = find_periods(region[k].text)
        if len(ps) != 1 or ps[0].raw.strip() != region[k].text.strip():
            break
        heads.append(normalise_period(region[k].text))
        k += 1
    return heads, k


def _scope(label: str, council: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    if council and label.lower() in council.lower():
        return "local", None
    if re.fullmatch(r"England(?:\s+and\s+Wales)?|National", label, re.I):
        return "national", label
    if _REGIONS.match(label):
        return "regional", label
    if re.search(r"\bfamily\b", label, re.I):
        return "family_group", None
    return None


def _rows(region: list[Cell], start: int, width: int) -> Iterator[tuple[Cell, list[Cell]]]:
    k = start
    while k + width < len(region) + 0 and not re.search(r"\d", region[k].text):
        values = region[k + 1:k + 1 + width]
        if len(values) < width or not all(parse_number(v.text.rstrip("%")) is not None for v in values):
            return
        yield region[k], values
        k += 1 + width


def table_figures(doc: Document, council: Optional[str], units: Optional[dict[str, str]] = None) -> list[TableFigure]:
    units = rate_units(doc) if units is None else units
    out: list[TableFigure] = []
    for region in regions(cells_of(doc)):
        heads, start = _periods(region)
        heading = _heading(doc, region[0].first) if len(heads) >= 3 else None
        if heading is None:
            continue
        for label_cell, values in _rows(region, start, len(heads)):
            out += _row_figures(heading, label_cell, values, heads, units, council)
    return out


def _row_figures(heading: tuple[str, str], label_cell: Cell, values: list[Cell], heads: list[str], units: dict[str, str],
                 council: Optional[str]) -> list[TableFigure]:
    indicator, title = heading
    label = label_cell.text.strip()
    scope = _scope(label, council)
    if scope is None:
        return []
    out = []
    for head, cell in zip(heads, values):
        raw = cell.text.strip()
        unit = "percent" if raw.endswith("%") else units.get(indicator)
        value = parse_number(raw.rstrip("%"))
        if unit is None or value is None:
            continue
        statement = f"{title} — {label}, {head}: {raw}"
        out.append(TableFigure(indicator, value, raw, unit, scope[0], scope[1], head, statement, cell.last))
    return out

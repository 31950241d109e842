"""KPI dashboards: a table whose header names kind columns ('Quarterly Target', 'Quarterly Actual', beside 'Weekly',
'Monthly' ... 'RAG'), and rows of a measure's heading (with sub-lines '- FTE PNC rate per 100,000 of 10-17
population'), flag cells ('x', 'Yes') and one figure per kind column.

A row is read only when its figures stand together and are exactly as many as the header's kind columns (which stand
together too): the figures then fall on the kind columns in order, whatever flag cells are missing before them. The
measure is the one its heading names (the first line, or with its first sub-line when the first names none); the unit
is the heading's, else the one its sub-lines name, else '%' printed with the figures; a count is a whole number.
Otherwise the row gives nothing and an ambiguity says why. What a header or heading says is read by the vocabulary
(``vocabulary.json``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from extractors.indicators import vocabulary as vocab
from extractors.indicators.data_summary import Ambiguity
from extractors.indicators.summary_cells import SCell, summary_cells
from extractors.indicators.grids import GridFigure, figure_cell, number
from normalisers.periods import find_periods, normalise_period
from pipeline.records import Document

_FLAG = re.compile(r"^(?:x|✓|✔|✗|y|n|yes|no|r|a|g|red|amber|green|rag)$", re.I)
_KINDS = ("actual", "target", "threshold", "previous")
_MAX_COLUMN = 40  # a longer cell is no column header
_MAX_HEADING = 250  # a longer cell is prose: the dashboard ends
_TRAILING = 3  # short header cells after the kind columns ('RAG', 'Trend')
_PERIOD_BACK = 8  # cells above the header where the dashboard's reporting period may be printed
_MAX_ROWS = 30


@dataclass(frozen=True)
class Dashboard:
    figures: tuple[GridFigure, ...]
    ambiguities: tuple[Ambiguity, ...]


def _kind_column(c: SCell) -> Optional[str]:
    if len(c.text) > _MAX_COLUMN or figure_cell(c.text) or re.search(r"\d", c.text):
        return None
    kind = vocab.kind(c.text)
    return kind if kind in _KINDS and not vocab.measures(c.text) else None


def _value_cell(c: SCell) -> bool:
    return figure_cell(c.text) or bool(_FLAG.match(c.text))


def _headers(cells: list[SCell]) -> list[tuple[int, int, list[str]]]:
    """Every run of at least two kind columns: (its first cell, the first cell after the header, the kinds)."""
    out = []
    k = 0
    while k < len(cells):
        kinds = []
        j = k
        while j < len(cells) and (kind := _kind_column(cells[j])):
            kinds.append(kind)
            j += 1
        if len(kinds) >= 2:
            end = j
            while end < min(len(cells), j + _TRAILING) and len(cells[end].text) <= 12 and \
                    not _value_cell(cells[end]) and not vocab.measures(cells[end].text):
                end += 1
            out.append((k, end, kinds))
            k = j
        else:
            k += 1
    return out


def _period_above(cells: list[SCell], first: int) -> Optional[str]:
    for k in range(first - 1, max(-1, first - 1 - _PERIOD_BACK), -1):
        if figure_cell(cells[k].text):
            return None
        ps = find_periods(cells[k].text)
        if ps and len(cells[k].text) <= _MAX_COLUMN:
            return normalise_period(ps[-1].raw)
    return None


def _rows(cells: list[SCell], start: int, stop: int) -> list[tuple[list[SCell], list[SCell]]]:
    """(heading cells, value cells) from ``start`` to ``stop``, ending at a blank paragraph or prose."""
    rows: list[tuple[list[SCell], list[SCell]]] = []
    label: list[SCell] = []
    values: list[SCell] = []
    for c in cells[start:stop]:
        if len(c.text) > _MAX_HEADING or (c.gap and (rows or label or values)) or len(rows) >= _MAX_ROWS:
            break
        if _value_cell(c):
            values.append(c)
            continue
        if values:
            if label:  # figures before any heading belong to no row
                rows.append((label, values))
            label, values = [], []
        label.append(c)
    if label and values:
        rows.append((label, values))
    return rows


def read_dashboards(doc: Document, cells: Optional[list[SCell]] = None) -> Dashboard:
    cells = cells if cells is not None else summary_cells(doc)
    figures: list[GridFigure] = []
    ambiguities: list[Ambiguity] = []
    headers = _headers(cells)
    for h, (first, end, kinds) in enumerate(headers):
        stop = headers[h + 1][0] if h + 1 < len(headers) else len(cells)
        period = _period_above(cells, first)
        for label, values in _rows(cells, end, stop):
            got = _row(label, values, kinds, period)
            if isinstance(got, Ambiguity):
                ambiguities.append(got)
            else:
                figures += got
    return Dashboard(tuple(figures), tuple(ambiguities))


def _heading(label: list[SCell]) -> str:
    first = label[0].text
    return first if vocab.measures(first) or len(label) < 2 else f"{first} {label[1].text}"


def _row(label: list[SCell], values: list[SCell], kinds: list[str],
         period: Optional[str]) -> list[GridFigure] | Ambiguity:
    heading = _heading(label)
    names = vocab.measures(heading)
    if len(names) != 1 or vocab.other_topic(heading) or vocab.not_a_measure(heading) or vocab.is_change(heading):
        return []
    at = [k for k, c in enumerate(values) if figure_cell(c.text)]
    if len(at) != len(kinds) or at != list(range(at[0], at[0] + len(at))):
        return Ambiguity(values[0].line, f"dashboard row '{heading}'", f"{len(at)} figures for {len(kinds)} kind columns")
    out = []
    for kind, k in zip(kinds, at):
        parsed = number(values[k].text)
        if parsed is None:
            continue
        value, mark = parsed
        unit = vocab.unit(heading) or vocab.unit(" ".join(c.text for c in label)) or \
            ("percent" if mark == "%" else None)
        if unit == "count" and value != value.to_integral_value():
            return Ambiguity(values[k].line, f"dashboard row '{heading}'", f"a count printed as {values[k].raw}")
        if unit is None or mark == "pp" or (mark == "%") != (unit == "percent") and mark:
            continue
        statement = f"{heading} — {kind}: {values[k].raw}"
        out.append(GridFigure(names[0], value, values[k].raw, unit, "local", None, period, kind, statement,
                              values[k].line))
    return out

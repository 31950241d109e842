"""The rows of a grid as a cost table reads them, and their amounts placed in the table's columns.

A row keeps its label cell, its printed amount cells (blank cells and lone currency marks dropped, unless the row
kept its cells in place) and its raw text; an amount is kept as printed beside its exact value. Amounts printed
after a row's columns are a row whose label the conversion lost.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from extractors.expenditure import vocabulary as vocab
from extractors.tables.text_grids import TCell, TextTable, TRow, _spaced_row
from normalisers.money import parse_amount
from pipeline.records import Amount, Document, ExpenditureLine, Provenance

EXTRACTOR = "expenditure"
_PERCENT = re.compile(r"^\s*-?\d{1,3}(?:\.\d+)?\s?%\s*$")
_CURRENCY = re.compile(r"^\s*(?:£|£'?0{3}s?|£'?s|\(£\))\s*$")
_TOTAL_HEAD = re.compile(r"\btotal\b", re.I)
_LAST_TOTAL = re.compile(r"\b(total(?:\s*\(£\)|\s*£)?)\s*$", re.I)


@dataclass(frozen=True)
class Row:
    label: TCell
    cells: tuple[TCell, ...]  # printed amount cells (blanks and currency marks dropped unless positional)
    positional: bool
    raw: str


def grid_rows(grid: TextTable) -> tuple[tuple[TCell, ...], list[Row]]:
    """The grid's rows, with rows a conversion left in the header ('Employees     775,570' as one cell) first."""
    body = [_row(r.label, r.values, r.positional) for r in grid.rows]
    spaced = [(c, _spaced_row(c.line, c.text)) for c in grid.header]
    first = next((k for k, (_, r) in enumerate(spaced) if r is not None and vocab.is_cost_line(r.label.clean)), None)
    if first is None or sum(r is not None for _, r in spaced[first:]) < vocab.min_lines():
        return grid.header, body
    rows = [_row(TCell(r.label.text, c.line, prov=c.prov), r.values, False) if r is not None
            else _row(c, (), False) for c, r in spaced[first:]]  # a cell that is no row breaks the run
    return tuple(c for c, _ in spaced[:first]), rows + body


def _row(label: TCell, values: tuple[TCell, ...], positional: bool) -> Row:
    cells = values if positional else tuple(v for v in values if v.clean and not _CURRENCY.match(v.clean))
    raw = " | ".join(x for x in (label.clean, *(v.clean for v in values)) if x)
    box = TRow(label, values, positional).prov  # a reader row: its page and the box over its cells
    return Row(TCell(label.text, label.line, label.parts, box) if box else label, cells, positional, raw)


def has_amounts(r: Row) -> bool:
    return any(parse_amount(c.text) is not None and parse_amount(c.text).value is not None  # type: ignore[union-attr]
               for c in r.cells)


def percentages(r: Row) -> bool:
    cells = [c for c in r.cells if c.clean]
    return bool(cells) and all(_PERCENT.match(c.clean) for c in cells)


def width(section: list[Row], header: tuple[TCell, ...]) -> int:
    """Amount columns: when rows keep their positions, the header's (or as far as a row prints), else the count
    most rows print."""
    if all(r.positional for r in section):
        return max(1, len(header) - 1, *(_last_printed(r) for r in section))
    counts = Counter(len(r.cells) for r in section if r.cells)
    return counts.most_common(1)[0][0] if counts else 0


def columns(header: tuple[TCell, ...], n: int) -> tuple[str, ...]:
    names = [c.clean for c in header]
    if len(header) == 1 and n > 1:  # one header line over spaced rows: its columns are apart by 2+ spaces
        names = [p.strip() for p in re.split(r"\s{2,}|\t", header[0].text.strip()) if p.strip()]
    if len(names) == n + 1:
        names = names[1:]  # the label column's heading
    if len(names) == n:
        return tuple(names)
    if n == 1:
        return (" ".join(x for x in names if x),)
    last = _LAST_TOTAL.search(" ".join(names))  # headings run together: only a last 'Total' is known for sure
    return tuple(f"column {k + 1}" for k in range(n - 1)) + (last.group(1) if last else f"column {n}",)


def total_column(columns: tuple[str, ...]) -> Optional[int]:
    if len(columns) < 3 or not _TOTAL_HEAD.search(columns[-1]):
        return None
    return len(columns) - 1


def _amount(cell: TCell) -> Amount:
    """The cell as money; a figure with a fraction of a penny (a ratio, a rate) is kept as printed, not as pounds."""
    a = parse_amount(cell.text)
    if a is None:
        return Amount(cell.text, None, "not an amount")
    if a.value is not None and a.value != a.value.quantize(Decimal("0.01")):
        return Amount(cell.text, None, "a fraction of a penny: not an amount of money")
    return a


def _last_printed(r: Row) -> int:
    return max((k + 1 for k, c in enumerate(r.cells) if c.clean), default=0)


Placed = tuple[ExpenditureLine, Optional[ExpenditureLine]]


def place(doc: Document, r: Row, n: int, notes: list[str]) -> Optional[Placed]:
    """The row's amounts in ``n`` columns; amounts printed after them are a row whose label the conversion lost."""
    cells = list(r.cells)
    if r.positional:
        if _last_printed(r) > n:
            notes.append(f"cells printed beyond the table's columns in the {r.label.clean} row, not loaded")
        cells = (cells + [TCell("", r.label.line)] * n)[:n]
    if len(cells) < n:
        return None
    own = ExpenditureLine(r.label.clean, tuple(_amount(c) for c in cells[:n]),
                          prov(doc, r.label, r.label.prov, r.raw))
    extra = cells[n:]
    if not extra:
        return own, None
    values = [_amount(c) for c in extra]
    if len(extra) == n:
        raw = " | ".join(c.clean for c in extra)
        return own, ExpenditureLine("", tuple(values), prov(doc, extra[0], extra[0].prov, raw))
    printed = " ".join(c.clean for c in extra)
    notes.append(f"amounts printed after the {r.label.clean} row without a label, not loaded: {printed}")
    return own, None


def total_line(doc: Document, r: Optional[Row], n: int, notes: list[str]) -> Optional[ExpenditureLine]:
    if r is None:
        return None
    placed = place(doc, r, n, notes)
    if placed is None:
        notes.append(f"the {r.label.clean} row does not print one amount per column: not loaded")
        return None
    return placed[0]


def unlabelled_total(lines: list[ExpenditureLine]) -> bool:
    """A single column whose last line has no label and an amount at least as large as every other line's."""
    if len(lines) <= vocab.min_lines() or lines[-1].label or len(lines[-1].amounts) != 1:
        return False
    last = lines[-1].amounts[0].value
    values = [ln.amounts[0].value for ln in lines[:-1]]
    return last is not None and all(v is not None and v <= last for v in values)


def shares(before: list[Row], n: int) -> tuple[Amount, ...]:
    """A row of percentages printed above the cost lines, one per column (the split of the columns)."""
    for r in reversed(before):
        cells = [c for c in r.cells if c.clean]
        if len(cells) >= n > 1 and all(_PERCENT.match(c.clean) for c in cells[:n]):
            return tuple(_percent(c.clean) for c in cells[:n])
    return ()


def _percent(text: str) -> Amount:
    a = parse_amount(text.replace("%", ""))
    return Amount(text, a.value if a is not None else None)


def prov(doc: Document, cell: TCell, prov: Optional[Provenance], raw: str) -> Provenance:
    if prov is not None:
        return Provenance(prov.sha256, prov.line, prov.page, prov.bbox, raw, EXTRACTOR, prov.ocr_confidence)
    if 0 <= cell.line < len(doc.lines):
        return doc.prov(cell.line, raw, EXTRACTOR)
    return Provenance(doc.sha256, raw_text=raw, extractor=EXTRACTOR)

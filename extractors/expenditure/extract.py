"""Cost tables (how the money is spent) read from the table layer's grids, as :class:`ExpenditureTable` records.

A grid of :func:`extractors.tables.text_grids.find_tables` holds a cost table when a run of its rows name cost
groups (``vocabulary.json``: CIPFA subjective groups and similar cost words, at least ``min_lines`` rows). The
run ends at the first row that names no cost group; a Total row right after it is the table's printed total.
Only Youth Justice Plans are read (a council's budget papers are not ours to read), and a row the partner budget
extraction already read is never taken. Amounts are kept as printed beside their exact value; where a row's
amounts cannot be placed in the table's columns the table is left unread with nothing guessed.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from decimal import Decimal
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from extractors.budget.periods import period_of
from extractors.expenditure import vocabulary as vocab
from extractors.tables.text_grids import TCell, TextTable, TRow, _spaced_row, find_tables
from normalisers.money import parse_amount
from pipeline.records import (Amount, BudgetTable, Document, DocumentMeta, ExpenditureLine, ExpenditureTable,
                              Provenance)

log = logging.getLogger(__name__)

EXTRACTOR = "expenditure"
PLAN = "youth_justice_plan"
ANCHOR_LOOKBACK = 6  # non-blank lines searched back for the table's heading
ANCHOR_MAX_CHARS = 160
_PERCENT = re.compile(r"^\s*-?\d{1,3}(?:\.\d+)?\s?%\s*$")
_CURRENCY = re.compile(r"^\s*(?:£|£'?0{3}s?|£'?s|\(£\))\s*$")
_TOTAL_HEAD = re.compile(r"\btotal\b", re.I)


@dataclass(frozen=True)
class _Row:
    label: TCell
    cells: tuple[TCell, ...]  # printed amount cells (blanks and currency marks dropped unless positional)
    positional: bool
    raw: str


def extract_expenditure_tables(doc: Document, meta: DocumentMeta,
                               budget: Sequence[BudgetTable] = ()) -> tuple[ExpenditureTable, ...]:
    """Every cost table of a Youth Justice Plan, in reading order (none for other documents)."""
    if meta.doc_type != PLAN:
        return ()
    taken = {_where(ln.prov) for t in budget for ln in t.lines + ((t.printed_total,) if t.printed_total else ())}
    out: list[ExpenditureTable] = []
    for grid in find_tables(doc):
        for table in _tables_in(doc, grid, len(out) + 1):
            if any(_where(ln.prov) in taken for ln in table.lines):
                continue  # a partner budget row: the budget extraction's
            out.append(replace(table, index=len(out) + 1))
    log.debug("%s: %d expenditure tables", doc.source, len(out))
    return tuple(out)


def _where(p: Provenance) -> tuple[Optional[int], Optional[int], Optional[tuple[float, ...]]]:
    """A printed row's place: its line (text), or its page and box (PDF)."""
    return p.page, p.line, p.bbox


def _rows(grid: TextTable) -> tuple[tuple[TCell, ...], list[_Row]]:
    """The grid's rows, with rows a conversion left in the header ('Employees     775,570' as one cell) first."""
    body = [_row(r.label, r.values, r.positional) for r in grid.rows]
    spaced = [(c, _spaced_row(c.line, c.text)) for c in grid.header]
    first = next((k for k, (_, r) in enumerate(spaced) if r is not None and vocab.is_cost_line(r.label.clean)), None)
    if first is None or sum(r is not None for _, r in spaced[first:]) < vocab.min_lines():
        return grid.header, body
    rows = [_row(TCell(r.label.text, c.line, prov=c.prov), r.values, False) if r is not None
            else _row(c, (), False) for c, r in spaced[first:]]  # a cell that is no row breaks the run
    return tuple(c for c, _ in spaced[:first]), rows + body


def _row(label: TCell, values: tuple[TCell, ...], positional: bool) -> _Row:
    cells = values if positional else tuple(v for v in values if v.clean and not _CURRENCY.match(v.clean))
    raw = " | ".join(x for x in (label.clean, *(v.clean for v in values)) if x)
    box = TRow(label, values, positional).prov  # a reader row: its page and the box over its cells
    return _Row(TCell(label.text, label.line, label.parts, box) if box else label, cells, positional, raw)


@dataclass(frozen=True)
class _Block:
    """Rows a grid prints between a heading row (no amounts) or a Total row and the next Total row."""

    heading: str
    before: list[_Row]  # rows without amounts or with percentages only, printed since the previous block
    rows: list[_Row]
    total: Optional[_Row]


def _blocks(rows: list[_Row]) -> list[_Block]:
    out: list[_Block] = []
    heading, before, cur = "", [], []  # type: tuple[str, list[_Row], list[_Row]]
    for r in rows:
        if not _amounts(r):
            if cur:
                out.append(_Block(heading, before, cur, None))
                before, cur = [], []
            before.append(r)
            if not _percentages(r):
                heading = r.label.clean
        elif vocab.is_total(r.label.clean):
            out.append(_Block(heading, before, cur, r))
            heading, before, cur = "", [], []
        else:
            cur.append(r)
    if cur:
        out.append(_Block(heading, before, cur, None))
    return out


def _amounts(r: _Row) -> bool:
    return any(parse_amount(c.text) is not None and parse_amount(c.text).value is not None  # type: ignore[union-attr]
               for c in r.cells)


def _percentages(r: _Row) -> bool:
    cells = [c for c in r.cells if c.clean]
    return bool(cells) and all(_PERCENT.match(c.clean) for c in cells)


def _tables_in(doc: Document, grid: TextTable, index: int) -> list[ExpenditureTable]:
    header, rows = _rows(grid)
    out: list[ExpenditureTable] = []
    previous: Optional[_Block] = None
    for b in _blocks(rows):
        lines, cut = _cost_lines(b)
        if _is_cost(grid, header, b, lines, cut):
            table = _table(doc, grid, header, b.before, lines, None if cut else b.total, index + len(out))
            if table is not None:
                chained = previous is not None and previous.total is not None and not b.heading and not b.before
                out.append(_after_subtotal(doc, table, previous) if chained and previous else table)
        previous = b
    return out


def _cost_lines(b: _Block) -> tuple[list[_Row], bool]:
    """The block's rows up to the first that names income or a funder (True: the block was cut there)."""
    for k, r in enumerate(b.rows):
        if vocab.names_funder(r.label.clean) or vocab.names_income(r.label.clean):
            return b.rows[:k], True
    return b.rows, False


def _is_cost(grid: TextTable, header: tuple[TCell, ...], b: _Block, lines: list[_Row], cut: bool) -> bool:
    """Several rows name cost groups; or a spend list: its heading or Total row says spending, and a Total row
    closes it ('YJB YJ GRANT EXPENDITURE', 'TOTAL EXPENDITURE ON EFFECTIVE PRACTICE')."""
    if sum(vocab.is_cost_line(r.label.clean) for r in lines) >= vocab.min_lines():
        return True
    if cut or b.total is None or len(lines) < vocab.min_titled_lines():
        return False
    words = " ".join([*(c.clean for c in header), grid.caption, b.heading, b.total.label.clean])
    return vocab.names_spending(words)


def _main(ln: ExpenditureLine, t: ExpenditureTable) -> Optional[Decimal]:
    return ln.amounts[t.total_column if t.total_column is not None else 0].value


def _after_subtotal(doc: Document, t: ExpenditureTable, previous: _Block) -> ExpenditureTable:
    """A block printed right under another's Total row: its Total may be a running total that includes that
    sub-total. The arithmetic decides; when it cannot, the Total is left unchecked (said in a note)."""
    if t.total is None or previous.total is None:
        return t
    printed = _main(t.total, t)
    values = [_main(ln, t) for ln in t.lines]
    if printed is None or any(v is None for v in values):
        return t
    own = sum((v for v in values if v is not None), Decimal(0))
    if abs(printed - own) <= _slack(len(values)):
        return t
    sub = _place(doc, previous.total, len(t.columns), [])
    if sub is not None and (v := _main(sub[0], t)) is not None and abs(printed - own - v) <= _slack(len(values) + 1):
        note = f"the {sub[0].label or 'unlabelled'} sub-total above is part of this table's total"
        return replace(t, lines=(sub[0],) + t.lines, notes=t.notes + (note,))
    note = (f"the {t.total.label or 'total'} row may include the {previous.total.label.clean} sub-total above: "
            "not loaded as this table's total")
    return replace(t, total=None, notes=t.notes + (note,))


def _slack(figures: int) -> Decimal:
    return max(Decimal(1), Decimal("0.5") * (figures + 1))


def _width(section: list[_Row], header: tuple[TCell, ...]) -> int:
    """Amount columns: the header's when rows keep their positions, else the count most rows print."""
    if all(r.positional for r in section):
        return max(1, len(header) - 1)
    counts = Counter(len(r.cells) for r in section if r.cells)
    return counts.most_common(1)[0][0] if counts else 0


def _table(doc: Document, grid: TextTable, header: tuple[TCell, ...], before: list[_Row], section: list[_Row],
           total: Optional[_Row], index: int) -> Optional[ExpenditureTable]:
    n = _width(section, header)
    if n == 0:
        return None
    columns = _columns(header, n)
    notes: list[str] = []
    lines: list[ExpenditureLine] = []
    for r in section:
        placed = _place(doc, r, n, notes)
        if placed is None:
            log.debug("%s: cost table left unread: row %r does not fit %d columns", doc.source, r.label.clean, n)
            return None
        lines.append(placed[0])
        if placed[1] is not None:
            lines.append(placed[1])
    total_line = _total(doc, total, n, notes)
    if total_line is None and _unlabelled_total(lines):
        total_line = lines.pop()  # one amount under the last group, its label lost, larger than every line
        notes.append("the total row prints no label")
    anchor = _anchor(doc, grid)
    head_text = " ".join(c.clean for c in header)
    return ExpenditureTable(
        index=index, anchor=anchor, columns=columns, lines=tuple(lines), total=total_line,
        prov=_prov(doc, section[0].label, grid.prov, anchor or head_text), method=grid.method,
        period=period_of(anchor) or period_of(head_text), total_column=_total_column(columns),
        shares=_shares(before, n), notes=tuple(notes))


def _unlabelled_total(lines: list[ExpenditureLine]) -> bool:
    """A single column whose last line has no label and an amount at least as large as every other line's."""
    if len(lines) <= vocab.min_lines() or lines[-1].label or len(lines[-1].amounts) != 1:
        return False
    last = lines[-1].amounts[0].value
    values = [ln.amounts[0].value for ln in lines[:-1]]
    return last is not None and all(v is not None and v <= last for v in values)


def _columns(header: tuple[TCell, ...], n: int) -> tuple[str, ...]:
    names = [c.clean for c in header]
    if len(header) == 1 and n > 1:  # one header line over spaced rows: its columns are apart by 2+ spaces
        names = [p.strip() for p in re.split(r"\s{2,}|\t", header[0].text.strip()) if p.strip()]
    if len(names) == n + 1:
        names = names[1:]  # the label column's heading
    if len(names) == n:
        return tuple(names)
    if n == 1:
        return (" ".join(x for x in names if x),)
    return tuple(f"column {k + 1}" for k in range(n))


def _total_column(columns: tuple[str, ...]) -> Optional[int]:
    if len(columns) < 3 or not _TOTAL_HEAD.search(columns[-1]):
        return None
    return len(columns) - 1


def _amount(cell: TCell) -> Amount:
    a = parse_amount(cell.text)
    return a if a is not None else Amount(cell.text, None, "not an amount")


def _place(doc: Document, r: _Row, n: int, notes: list[str]) -> Optional[tuple[ExpenditureLine, Optional[ExpenditureLine]]]:
    """The row's amounts in ``n`` columns; amounts printed after them are a row whose label the conversion lost."""
    cells = list(r.cells)
    if r.positional:
        cells = (cells + [TCell("", r.label.line)] * n)[:n]
    if len(cells) < n:
        return None
    own = ExpenditureLine(r.label.clean, tuple(_amount(c) for c in cells[:n]), _prov(doc, r.label, r.label.prov, r.raw))
    extra = cells[n:]
    if not extra:
        return own, None
    values = [_amount(c) for c in extra]
    if len(extra) == n:
        return own, ExpenditureLine("", tuple(values), _prov(doc, extra[0], extra[0].prov, " | ".join(c.clean for c in extra)))
    printed = " ".join(c.clean for c in extra)
    notes.append(f"amounts printed after the {r.label.clean} row without a label, not loaded: {printed}")
    return own, None


def _total(doc: Document, r: Optional[_Row], n: int, notes: list[str]) -> Optional[ExpenditureLine]:
    if r is None:
        return None
    placed = _place(doc, r, n, notes)
    if placed is None:
        notes.append(f"the {r.label.clean} row does not print one amount per column: not loaded")
        return None
    return placed[0]


def _shares(before: list[_Row], n: int) -> tuple[Amount, ...]:
    """A row of percentages printed above the cost lines, one per column (the split of the columns)."""
    for r in reversed(before):
        cells = [c for c in r.cells if c.clean]
        if len(cells) >= n > 1 and all(_PERCENT.match(c.clean) for c in cells[:n]):
            return tuple(_percent(c.clean) for c in cells[:n])
    return ()


def _percent(text: str) -> Amount:
    a = parse_amount(text.replace("%", ""))
    return Amount(text, a.value if a is not None else None)


def _prov(doc: Document, cell: TCell, prov: Optional[Provenance], raw: str) -> Provenance:
    if prov is not None:
        return Provenance(prov.sha256, prov.line, prov.page, prov.bbox, raw, EXTRACTOR, prov.ocr_confidence)
    if 0 <= cell.line < len(doc.lines):
        return doc.prov(cell.line, raw, EXTRACTOR)
    return Provenance(doc.sha256, raw_text=raw, extractor=EXTRACTOR)


def _anchor(doc: Document, grid: TextTable) -> str:
    """A caption printed inside the grid, else the nearest short line before it."""
    if grid.caption:
        return grid.caption
    seen = 0
    for i in range(grid.first_line - 1, max(-1, grid.first_line - 40), -1):
        text = " ".join(doc.lines[i].text.split())
        if not text:
            continue
        seen += 1
        if seen > ANCHOR_LOOKBACK:
            break
        if len(text) <= ANCHOR_MAX_CHARS:
            return text
    return ""

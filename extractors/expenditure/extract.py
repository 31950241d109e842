"""Cost tables (how the money is spent) read from the table layer's grids, as :class:`ExpenditureTable` records.

A grid of :func:`extractors.tables.text_grids.find_tables` is read block by block: a block is the rows with amounts
between a heading row (no amounts) or a Total row and the next Total row, which is its printed total. A block is a
cost table when several of its rows name cost groups (``vocabulary.json``: CIPFA subjective groups and similar cost
words, at least ``min_lines``), or when its heading or Total row says it is spending and a Total row closes it. A
row naming income or a funder ends the cost lines (a Total after it is net, not theirs). A block printed right under
another's Total may total that sub-total too: the arithmetic decides, else its Total is left unchecked. Reading
rows and placing amounts is :mod:`extractors.expenditure.rows`. Only Youth Justice Plans are read (a council's
budget papers are not ours to read), and a row the partner budget extraction already read is never taken. Amounts are kept as printed beside their exact value; where a row's
amounts cannot be placed in the table's columns the table is left unread with nothing guessed.
"""
from __future__ import annotations

import logging
import re
from decimal import Decimal
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from extractors.budget.periods import period_of
from extractors.expenditure import vocabulary as vocab
from extractors.expenditure import rows as er
from extractors.expenditure.rows import Row
from extractors.tables.text_grids import TCell, TextTable, find_tables
from pipeline.records import BudgetTable, Document, DocumentMeta, ExpenditureLine, ExpenditureTable, Provenance

log = logging.getLogger(__name__)

PLAN = "youth_justice_plan"
ANCHOR_LOOKBACK = 6  # non-blank lines searched back for the table's heading
ANCHOR_MAX_CHARS = 160
MIN_LARGEST_AMOUNT = 1000  # a table of pounds prints an amount of at least this (else it names thousands or £)
_POUNDS = re.compile(r"£|\bpounds\b|\b000s?\b|£\s?k\b", re.I)


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


@dataclass(frozen=True)
class _Block:
    """Rows a grid prints between a heading row (no amounts) or a Total row and the next Total row."""

    heading: str
    before: list[Row]  # rows without amounts or with percentages only, printed since the previous block
    rows: list[Row]
    total: Optional[Row]


def _blocks(rows: list[Row]) -> list[_Block]:
    out: list[_Block] = []
    heading, before, cur = "", [], []  # type: tuple[str, list[Row], list[Row]]
    for r in rows:
        if not er.has_amounts(r):
            if cur:
                out.append(_Block(heading, before, cur, None))
                before, cur = [], []
            before.append(r)
            if not er.percentages(r):
                heading = r.label.clean
        elif vocab.is_total(r.label.clean):
            out.append(_Block(heading, before, cur, r))
            heading, before, cur = "", [], []
        else:
            cur.append(r)
    if cur:
        out.append(_Block(heading, before, cur, None))
    return out


def _tables_in(doc: Document, grid: TextTable, index: int) -> list[ExpenditureTable]:
    header, rows = er.grid_rows(grid)
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


def _cost_lines(b: _Block) -> tuple[list[Row], bool]:
    """The block's rows up to the first that names income or a funder (True: the block was cut there)."""
    for k, r in enumerate(b.rows):
        if vocab.names_funder(r.label.clean) or vocab.names_income(r.label.clean):
            return b.rows[:k], True
    return b.rows, False


def _is_cost(grid: TextTable, header: tuple[TCell, ...], b: _Block, lines: list[Row], cut: bool) -> bool:
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
    sub-total. A row printed as a 'Sub-total' is part of it; otherwise the arithmetic decides, and when it cannot,
    the Total is left unchecked (said in a note)."""
    if t.total is None or previous.total is None:
        return t
    printed = _main(t.total, t)
    values = [_main(ln, t) for ln in t.lines]
    if printed is None or any(v is None for v in values):
        return t
    own = sum((v for v in values if v is not None), Decimal(0))
    if abs(printed - own) <= _slack(len(values)):
        return t
    sub = er.place(doc, previous.total, len(t.columns), [])
    named = vocab.is_subtotal(previous.total.label.clean)  # a printed 'Sub-total' is part of the Total after it
    if sub is not None and (v := _main(sub[0], t)) is not None \
            and (named or abs(printed - own - v) <= _slack(len(values) + 1)):
        note = f"the {sub[0].label or 'unlabelled'} sub-total above is part of this table's total"
        return replace(t, lines=(sub[0],) + t.lines, notes=t.notes + (note,))
    note = (f"the {t.total.label or 'total'} row may include the {previous.total.label.clean} sub-total above: "
            "not loaded as this table's total")
    return replace(t, total=None, notes=t.notes + (note,))


def _slack(figures: int) -> Decimal:
    return max(Decimal(1), Decimal("0.5") * (figures + 1))


def _table(doc: Document, grid: TextTable, header: tuple[TCell, ...], before: list[Row], section: list[Row],
           total: Optional[Row], index: int) -> Optional[ExpenditureTable]:
    n = er.width(section, header)
    if n == 0:
        return None
    names = er.columns(header, n)
    notes: list[str] = []
    lines: list[ExpenditureLine] = []
    for r in section:
        placed = er.place(doc, r, n, notes)
        if placed is None:
            log.debug("%s: cost table left unread: row %r does not fit %d columns", doc.source, r.label.clean, n)
            return None
        lines.append(placed[0])
        if placed[1] is not None:
            lines.append(placed[1])
    closing = er.total_line(doc, total, n, notes)
    if closing is None and er.unlabelled_total(lines):
        closing = lines.pop()  # one amount under the last group, its label lost, larger than every line
        notes.append("the total row prints no label")
    anchor = _anchor(doc, grid)
    head_text = " ".join(c.clean for c in header)
    if not _money(lines, closing, f"{anchor} {head_text}"):
        log.debug("%s: a table of cost words without money amounts left unread", doc.source)
        return None
    return ExpenditureTable(
        index=index, anchor=anchor, columns=names, lines=tuple(lines), total=closing,
        prov=er.prov(doc, section[0].label, grid.prov, anchor or head_text), method=grid.method,
        period=period_of(anchor) or period_of(head_text), total_column=er.total_column(names),
        shares=er.shares(before, n), notes=tuple(notes))


def _money(lines: list[ExpenditureLine], total: Optional[ExpenditureLine], heading: str) -> bool:
    """Amounts of money: one prints '£', the heading names pounds, or the largest is at least MIN_LARGEST_AMOUNT
    (counts of young people, years or scores under cost words are no cost table)."""
    amounts = [a for ln in lines + ([total] if total else []) for a in ln.amounts]
    largest = max((abs(a.value) for a in amounts if a.value is not None), default=Decimal(0))
    return largest >= MIN_LARGEST_AMOUNT or any("£" in a.raw for a in amounts) or bool(_POUNDS.search(heading))


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

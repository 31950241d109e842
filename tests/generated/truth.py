"""Typed truth records of generated tables, and what a correct extraction of them is.

The expected output follows ``tests/gold/seeds/README.md`` and ``tests/gold/real/README.md``:

- a funder row is one budget line: ``agency`` in the gold vocabulary (or one of ``agency_alt``), its amounts in
  ``staffing``, ``payments_in_kind``, ``delegated``, ``total``. A blank cell is ``None``, a printed dash,
  ``£ -`` or ``£0`` is 0, and ``None`` and 0 compare equal. Text in a money cell (``TBC``) is no figure: the
  line's value there is ``None`` (or 0).
- a table printed without a Total column: the line's total may be absent or the sum of its parts (a true value).
- a single amount column per period (two years side by side, one table per year) fills ``total`` (and may fill
  ``delegated`` with the same figure); each period is its own table with its ``period``.
- transposed tables (funders as columns) read the same lines: ``Cash`` is ``delegated``, ``In kind`` is
  ``payments_in_kind``, ``Staffing`` is ``staffing``.
- the Total row is ``printed_total``, never a line. A sub-total row is optional: absent, or a line carrying only
  figures it prints. Section headings and lists printed under the table are never lines.
- a row that prints one figure under two columns and counts it once (``duplicated``) is not an error.
- each seeded slip (a row total, a column total or the grand total off by a typing slip) must be raised as a
  finding of its kind; a table without a slip raises no arithmetic error (no false alarm).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Optional

COLS = ("staffing", "payments_in_kind", "delegated", "total")
PARTS = COLS[:3]

CellKind = Literal["amount", "zero", "blank", "text"]
SlipKind = Literal["row", "column", "grand"]
SLIP_CHECKS: dict[str, tuple[str, ...]] = {
    "row": ("row_sum_mismatch",),
    "column": ("column_sum_mismatch",),
    "grand": ("grand_total_mismatch", "row_sum_mismatch", "column_sum_mismatch"),
}
ARITHMETIC = ("row_sum_mismatch", "column_sum_mismatch", "grand_total_mismatch", "tables_disagree")


@dataclass(frozen=True)
class TCell:
    """One printed money cell: its kind and the value a reader must take from it."""

    kind: CellKind
    value: Optional[Decimal]  # None for blank and text
    raw: str = ""  # rendered text (filled by the table's number style)

    @property
    def figure(self) -> Decimal:
        return self.value if self.value is not None else Decimal(0)


@dataclass(frozen=True)
class TRow:
    label: str
    agency: str  # gold vocabulary; "subtotal" / "total" for those rows
    cells: dict[str, TCell]  # by column code (only printed columns)
    agency_alt: tuple[str, ...] = ()
    duplicated: bool = False  # one figure printed in two columns, counted once
    section: str = ""


@dataclass(frozen=True)
class Slip:
    kind: SlipKind
    row: str  # the row label (Total row for column/grand slips)
    column: str
    printed: Decimal
    true: Decimal

    @property
    def difference(self) -> Decimal:
        return self.printed - self.true


@dataclass(frozen=True)
class TTable:
    """One partner budget table as printed (one period)."""

    anchor: str
    period: str
    columns: tuple[str, ...]  # printed column codes in order
    headers: tuple[str, ...]  # printed header text per column (first header cell is ``corner``)
    corner: str
    rows: tuple[TRow, ...]  # funder rows and sub-total rows in printed order
    total_row: Optional[TRow]
    slips: tuple[Slip, ...] = ()
    check_period: bool = False

    @property
    def funders(self) -> tuple[TRow, ...]:
        return tuple(r for r in self.rows if r.agency not in ("subtotal", "total"))


@dataclass(frozen=True)
class TList:
    """A list printed directly under a table that is not part of it (an expenditure or grant breakdown)."""

    heading: str
    items: tuple[tuple[str, str], ...]  # (label, printed amount)


@dataclass(frozen=True)
class BudgetDoc:
    """A generated document: its shape (the class a failure is counted under), tables and what surrounds them."""

    shape: str
    title: str
    tables: tuple[TTable, ...]
    layout: str = "rows"  # rows | transposed | periods_side | sections | per_year
    list_after: Optional[TList] = None
    prose: tuple[str, ...] = ()
    money: str = "plain"  # number style (see strategies.fmt_money)
    extra: dict[str, str] = field(default_factory=dict)

    def printed_figures(self) -> set[Decimal]:
        out: set[Decimal] = set()
        for t in self.tables:
            for r in t.rows + ((t.total_row,) if t.total_row else ()):
                out.update(c.value for c in r.cells.values() if c.value is not None)
        return out

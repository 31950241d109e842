"""The properties a generated budget document holds the pipeline to (see ``truth.py`` for the mapping).

``judge`` returns the failures, each with a kind: ``table_missing``, ``row_missing``, ``wrong_agency``,
``wrong_column`` (a figure of the row read under another column), ``wrong_value``, ``period_wrong``,
``total_row_wrong``, ``invented_table``, ``invented_row``, ``invented_figure``, ``slip_missed``, ``false_alarm``.
A line flagged ``ambiguous`` is held only to its agency and total: an ambiguity recorded is not a failure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Mapping, Optional

from pipeline.records import BudgetLine, BudgetTable, Extraction
from tests.generated.truth import ARITHMETIC, COLS, PARTS, SLIP_CHECKS, BudgetDoc, TRow, TTable


@dataclass(frozen=True)
class Failure:
    kind: str
    detail: str


def cell_failures(want: Mapping[tuple[Any, ...], Any], got: Mapping[tuple[Any, ...], Any],
                  skip: Callable[[tuple[Any, ...]], bool] = lambda key: False) -> list[Failure]:
    """A grid's cells read against those printed, keyed (row, column...): each printed cell missing or read with
    another value, and each cell read where none was printed (in a column of its row's: wrong_column; a value
    the row does not print: invented_cell). ``skip``: printed cells the reader may leave out (an ambiguity it
    recorded)."""
    out: list[Failure] = []
    for key, v in want.items():
        if skip(key):
            continue
        g = got.get(key)
        if g is None:
            out.append(Failure("cell_missing", f"{key} = {v} not read"))
        elif g != v:
            out.append(Failure("wrong_value", f"{key}: read {g}, printed {v}"))
    by_row: dict[Any, set[Any]] = {}
    for key, v in want.items():
        by_row.setdefault(key[0], set()).add(v)
    for key, v in got.items():
        if key not in want:
            kind = "wrong_column" if v in by_row.get(key[0], set()) else "invented_cell"
            out.append(Failure(kind, f"{key} = {v} read, not printed there"))
    return out


def norm(label: str) -> str:
    return re.sub(r"[^a-z0-9]", "", label.lower())


def _eq(a: Optional[Decimal], b: Optional[Decimal]) -> bool:
    return (a or Decimal(0)) == (b or Decimal(0))


def _label_match(lines: list[BudgetLine], rows: tuple[TRow, ...]) -> dict[int, int]:
    """Truth row index -> extracted line index: exact labels first, then one label the start of the other."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for i, r in enumerate(rows):
            if i in out:
                continue
            for j, ln in enumerate(lines):
                a, b = norm(r.label), norm(ln.label)
                if j in used or not a or not b:
                    continue
                if a == b or (not exact and min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))):
                    out[i] = j
                    used.add(j)
                    break
    return out


def _pick_table(t: TTable, tables: list[BudgetTable], taken: set[int]) -> Optional[int]:
    best, score = None, 0
    for k, et in enumerate(tables):
        if k in taken or (t.check_period and et.period != t.period):
            continue
        n = len(_label_match(list(et.lines), t.funders))
        if n > score:
            best, score = k, n
    return best


def _cell_expect(t: TTable, r: TRow, c: str) -> Optional[set[Optional[Decimal]]]:
    """The values a reader may give for row ``r`` column ``c`` (None: any value is a failure unless 0/blank)."""
    cell = r.cells.get(c)
    if cell is not None:
        if cell.kind == "text":
            return {None}
        if r.duplicated and c in PARTS[:2]:
            return {cell.value, None}
        return {cell.value}
    parts = sum((r.cells[p].figure for p in PARTS if p in r.cells), Decimal(0))
    if c == "total":
        return {None, parts}
    if t.columns == ("total",) and c == "delegated":
        return {None, r.cells["total"].value}
    return {None}


def _row_failures(t: TTable, r: TRow, ln: BudgetLine, figures: set[Decimal]) -> list[Failure]:
    out = []
    if ln.agency != r.agency and ln.agency not in r.agency_alt:
        out.append(Failure("wrong_agency", f"{r.label!r}: read as {ln.agency}, is {r.agency}"))
    for c in COLS:
        if ln.ambiguous and c != "total":
            continue
        got = ln.amount(c).value
        ok = _cell_expect(t, r, c)
        if ok is None or any(_eq(got, v) for v in ok):
            continue
        others = {cell.value for cc, cell in r.cells.items() if cc != c and cell.value}
        kind = ("wrong_column" if got in others else
                "invented_figure" if got and got not in figures else "wrong_value")
        out.append(Failure(kind, f"{r.label!r} {c}: read {got}, printed {r.cells[c].raw if c in r.cells else '(no column)'!r}"))
    return out


def _total_failures(t: TTable, et: BudgetTable) -> list[Failure]:
    pt = et.printed_total
    if t.total_row is None:
        if pt is None:
            return []
        return [Failure("invented_figure", f"printed total {c} {pt.amount(c).value} where no Total row is printed")
                for c in COLS if pt.amount(c).value and pt.amount(c).value not in _true_sums(t)]
    if pt is None:
        return [Failure("total_row_wrong", f"Total row {t.total_row.label!r} not read")]
    return [Failure("total_row_wrong", f"Total {c}: read {pt.amount(c).value}, printed {cell.raw!r}")
            for c, cell in t.total_row.cells.items()
            if not _eq(pt.amount(c).value, cell.value) and not (pt.ambiguous and c != "total")]


def _true_sums(t: TTable) -> set[Decimal]:
    return {sum((r.cells[c].figure for r in t.funders if c in r.cells), Decimal(0)) for c in t.columns}


def _extra_lines(t: TTable, et: BudgetTable, matched: set[int]) -> list[Failure]:
    out = []
    subs = {norm(r.label): r for r in t.rows if r.agency == "subtotal"}
    for j, ln in enumerate(et.lines):
        if j in matched:
            continue
        vals = {v for c in COLS if (v := ln.amount(c).value)}
        sub_figures = {cell.value for r in t.rows if r.agency == "subtotal" for cell in r.cells.values()}
        if not vals or (norm(ln.label) in subs and vals <= sub_figures):
            continue  # a printed row without figures (a section heading) is optional; so is a sub-total
        out.append(Failure("invented_row", f"line {ln.label!r} ({', '.join(str(v) for v in sorted(vals))}) is no printed funder row"))
    return out


def judge(doc: BudgetDoc, x: Extraction) -> list[Failure]:
    out: list[Failure] = []
    tables = list(x.budget_tables)
    taken: set[int] = set()
    figures = doc.printed_figures()
    for t in doc.tables:
        k = _pick_table(t, tables, taken)
        if k is None:
            why = f" for period {t.period}" if t.check_period else ""
            got = ", ".join(f"{bt.period}:{len(bt.lines)} lines" for bt in tables) or "no table"
            out.append(Failure("period_wrong" if t.check_period and tables else "table_missing",
                               f"table {t.anchor!r}{why} not read ({got})"))
            continue
        taken.add(k)
        et = tables[k]
        lines = list(et.lines)
        match = _label_match(lines, t.funders)
        for i, r in enumerate(t.funders):
            if i not in match:
                out.append(Failure("row_missing", f"{r.label!r} not read (lines: {[ln.label for ln in lines]})"))
            else:
                out.extend(_row_failures(t, r, lines[match[i]], figures))
        out.extend(_total_failures(t, et))
        out.extend(_extra_lines(t, et, set(match.values())))
    for k, et in enumerate(tables):
        if k not in taken:
            out.append(Failure("invented_table", f"table {et.anchor!r} with {[ln.label for ln in et.lines]} is not printed"))
    if x.staffing_fte:
        out.append(Failure("invented_table", f"{len(x.staffing_fte)} staffing FTE cells read from a budget document"))
    out.extend(_slip_failures(doc, x))
    return out


def _slip_failures(doc: BudgetDoc, x: Extraction) -> list[Failure]:
    slips = [s for t in doc.tables for s in t.slips]
    arith = [f for f in x.findings if f.check_name in ARITHMETIC]
    out = []
    for s in slips:
        ambiguous = any(ln.ambiguous for t in x.budget_tables for ln in t.lines)
        kinds = SLIP_CHECKS[s.kind] + (ARITHMETIC if ambiguous else ())  # an ambiguous row cannot be pinned
        if not any(f.check_name in kinds and (f.difference is None or abs(f.difference) == abs(s.difference))
                   for f in arith):
            out.append(Failure("slip_missed", f"{s.kind} slip in {s.row!r} {s.column}: printed {s.printed}, "
                                              f"true {s.true}; raised {[f.check_name for f in arith]}"))
    if not slips:
        out.extend(Failure("false_alarm", f"{f.check_name}: {f.message}") for f in x.findings
                   if (f.check_name in ARITHMETIC and f.severity == "error") or f.check_name == "malformed_number")
    return out

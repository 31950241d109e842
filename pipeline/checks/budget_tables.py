"""The arithmetic of one partner budget table: rows, columns, the Total row, and irregular numbers.

``difference`` is always printed minus computed.
"""
from __future__ import annotations

import logging
from decimal import Decimal
from dataclasses import replace
from typing import Optional

from pipeline.records import Amount, BudgetLine, BudgetTable, Diagnosis, Finding, Side
from pipeline.wording import amount as fmt, place

log = logging.getLogger(__name__)

PARTS = ("staffing", "payments_in_kind", "delegated")


def table_total(t: BudgetTable) -> Optional[Decimal]:
    """The table's printed grand total (None when the Total row prints none)."""
    return t.printed_total.total.value if t.printed_total else None


def table_findings(t: BudgetTable, tol: Decimal, per_figure: Decimal = Decimal("0.5")) -> list[Finding]:
    subtotals = _subtotals(t, tol)
    t = replace(t, lines=tuple(ln for ln in t.lines if not ln.subtotal_of))  # a sub-total is not counted again
    unloaded = bool(t.unloaded_columns)  # rows carry amounts not loaded: sums unknown
    out = [f for ln in t.lines if not unloaded and (f := _row_sum(t, ln, tol, per_figure)) is not None]
    if t.printed_total is not None:
        out.extend(_column_sums(t, tol, per_figure))
        total_row = None if unloaded else _row_sum(t, t.printed_total, tol, per_figure)
        if total_row is not None:
            out.append(total_row)
    out.extend(_malformed(t))
    return out + subtotals + _ambiguous(t)


def _subtotals(t: BudgetTable, tol: Decimal) -> list[Finding]:
    """A printed sub-total against the rows it closes."""
    out = []
    for ln in t.lines:
        printed = ln.total.value
        if not ln.subtotal_of or printed is None:
            continue
        rows = [t.lines[k] for k in ln.subtotal_of if k < len(t.lines)]
        computed = sum((v for r in rows if (v := r.total.value) is not None), Decimal(0))
        if abs(printed - computed) <= tol:
            continue
        diff = printed - computed
        out.append(Finding(
            check_name="column_sum_mismatch", severity="error",
            message=(f"In budget table {t.index} the {ln.label} row ({_where(ln)}) prints £{fmt(printed)} but the "
                     f"{len(rows)} rows above it that it closes add up to £{fmt(computed)}: £{fmt(abs(diff))} apart."),
            expected=Side(computed, "sum of the rows above"), found=Side(printed, "printed sub-total"),
            difference=diff, prov=ln.prov, evidence=(ln.prov,) + tuple(r.prov for r in rows)))
    return out


def _ambiguous(t: BudgetTable) -> list[Finding]:
    """Rows whose amounts fit more than one column equally well: loaded with their total only, and said so."""
    rows = [ln for ln in t.lines if ln.ambiguous]
    if not rows:
        return []
    names = ", ".join(ln.label for ln in rows)
    return [Finding(
        check_name="ambiguous_placement", severity="info",
        message=(f"In budget table {t.index} the empty cells were lost and the amounts of {len(rows)} row(s) "
                 f"({names}) fit more than one column arrangement that adds up; only their row totals are loaded."),
        expected=Side(None, "one column arrangement that adds up"),
        found=Side(Decimal(len(rows)), "row(s) with several", style="number"),
        prov=rows[0].prov, evidence=tuple(ln.prov for ln in rows))]


def _within_rounding(t: BudgetTable, diff: Decimal, figures: int, per_figure: Decimal) -> bool:
    """A miss that rounding each of ``figures`` whole-pound figures could explain (a warning, not an error)."""
    whole = all(v == v.to_integral_value() for ln in t.lines for c in PARTS + ("total",)
                if (v := ln.amount(c).value) is not None)
    return whole and abs(diff) <= per_figure * figures


def _graded(t: BudgetTable, f: Finding, figures: int, per_figure: Decimal) -> Finding:
    if f.difference is None or not _within_rounding(t, f.difference, figures, per_figure):
        return f
    return replace(f, severity="warning",
                   message=f.message[:-1] + ", within what rounding each figure to the pound could explain.")


def _parts(ln: BudgetLine) -> list[Decimal]:
    return [v for v in (ln.amount(c).value for c in PARTS) if v is not None]


def _name(ln: BudgetLine) -> str:
    return "Total row" if ln.agency == "total" else f"{ln.label} row"


def _row_sum(t: BudgetTable, ln: BudgetLine, tol: Decimal, per_figure: Decimal) -> Optional[Finding]:
    parts, printed = _parts(ln), ln.total.value
    if ln.ambiguous:  # columns unknown, but the amounts left of the total must still add up to it
        parts = [v for a in ln.unplaced if (v := a.value) is not None]
        if len(parts) != len(ln.unplaced):
            return None
    if printed is None or not parts or (ln.agency == "total" and (len(parts) < 2 or _partial(t))):
        return None
    computed = sum(parts, Decimal(0))
    if abs(printed - computed) <= tol:
        return None
    if ln.agency != "total" and _counted_once(parts, printed, tol):
        return None  # one figure printed in two columns and counted once in the row total
    if ln.agency == "total" and abs(computed - _printed_twice(t, tol) - printed) <= tol:
        return None  # the column totals carry those figures twice, the grand total once
    diff = printed - computed
    what = "printed column totals" if ln.agency == "total" else "amounts"
    return _graded(t, Finding(
        check_name="row_sum_mismatch", severity="error",
        message=(f"In budget table {t.index} the {_name(ln)} ({_where(ln)}) prints a total of £{fmt(printed)} but its "
                 f"{what} add up to £{fmt(computed)}: £{fmt(abs(diff))} apart."),
        expected=Side(computed, f"sum of {what}"), found=Side(printed, "printed total"), difference=diff,
        prov=ln.prov, evidence=(ln.prov,)), len(parts) + 1, per_figure)


def _partial(t: BudgetTable) -> bool:
    """A Total row that leaves out the total of a column whose rows print amounts: its sum cannot be checked."""
    assert t.printed_total is not None
    used = {c for ln in t.lines for c in PARTS if ln.amount(c).value}
    printed = {c for c in PARTS if t.printed_total.amount(c).value is not None}
    return bool(used - printed)


def _counted_once(parts: list[Decimal], printed: Decimal, tol: Decimal) -> bool:
    return _twice(parts, printed, tol) is not None


def _twice(parts: list[Decimal], printed: Optional[Decimal], tol: Decimal) -> Optional[Decimal]:
    """The figure a row prints in two columns but counts once in its total (None when there is none)."""
    if printed is None:
        return None
    dupes = {v for v in parts if parts.count(v) > 1 and v}
    return next((d for d in dupes if abs(sum(parts, Decimal(0)) - d - printed) <= tol), None)


def _printed_twice(t: BudgetTable, tol: Decimal) -> Decimal:
    return sum((d for ln in t.lines if (d := _twice(_row_parts(ln), ln.total.value, tol)) is not None), Decimal(0))


def _row_parts(ln: BudgetLine) -> list[Decimal]:
    """The amounts a row adds up to its total: placed ones, or an ambiguous row's unplaced ones."""
    return [v for a in ln.unplaced if (v := a.value) is not None] if ln.ambiguous else _parts(ln)


def _sub_rows(lines: tuple[BudgetLine, ...], tol: Decimal) -> set[int]:
    """Rows stacked under a row whose total is theirs (a subtotal): counted once, through the subtotal."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        end = _subtotal_end(lines, i, tol)
        if end is not None:
            out.update(range(i + 1, end + 1))
            i = end
        i += 1
    return out


def _subtotal_end(lines: tuple[BudgetLine, ...], i: int, tol: Decimal) -> Optional[int]:
    """The last of two or more rows after row ``i`` whose totals add up to row ``i``'s total."""
    top, running = lines[i].total.value, Decimal(0)
    for j in range(i + 1, len(lines)):
        v = lines[j].total.value
        if top is None or v is None:
            return None
        running += v
        if j > i + 1 and abs(running - top) <= tol:
            return j
        if running > top + tol:
            return None
    return None


def _column_sums(t: BudgetTable, tol: Decimal, per_figure: Decimal) -> list[Finding]:
    """Column sums against the Total row; rows stacked under a subtotal are left out only if that makes it add up."""
    out = _column_sums_of(t, t.lines, tol)
    subs = _sub_rows(t.lines, tol)
    if out and subs and not _column_sums_of(t, tuple(ln for k, ln in enumerate(t.lines) if k not in subs), tol):
        return []
    return [_graded(t, f, len(t.lines) + 1, per_figure) for f in out]


def _column_sums_of(t: BudgetTable, lines: tuple[BudgetLine, ...], tol: Decimal) -> list[Finding]:
    assert t.printed_total is not None
    single = len(t.columns_printed) <= 1
    out = []
    for c in (("total",) if single else PARTS + ("total",)):
        printed = t.printed_total.amount(c).value
        if printed is None or (c != "total" and any(ln.ambiguous for ln in lines)):
            continue
        values = [ln.amount(c).value for ln in lines]
        if c == "total" and any(v is None and (_parts(ln) or ln.ambiguous) for v, ln in zip(values, lines)):
            continue  # a row without its printed total: the grand total cannot be checked row by row
        computed = sum((v for v in values if v is not None), Decimal(0))
        if abs(printed - computed) > tol:
            out.append(_column_finding(t, lines, c, printed, computed))
    return out


def _column_finding(t: BudgetTable, lines: tuple[BudgetLine, ...], column: str, printed: Decimal,
                    computed: Decimal) -> Finding:
    assert t.printed_total is not None
    diff = printed - computed
    grand = column == "total"
    what = "grand total" if grand else f"{column.replace('_', ' ')} column total"
    summed = "row totals" if grand else "rows"
    culprit = _row_explaining(lines, column, -diff)
    diagnosis = None if culprit is None else (
        Diagnosis("row_left_out", f"the difference is the {culprit.label} row, which the total leaves out")
        if diff < 0 else Diagnosis("row_counted_twice", f"the difference is the {culprit.label} row, counted twice"))
    why = f"; {diagnosis.text}" if diagnosis else ""
    return Finding(
        check_name="grand_total_mismatch" if grand else "column_sum_mismatch", severity="error",
        message=(f"In budget table {t.index} the printed {what} is £{fmt(printed)} ({_where(t.printed_total)}) but the "
                 f"{summed} add up to £{fmt(computed)}: £{fmt(abs(diff))} apart{why}."),
        expected=Side(computed, f"sum of {summed}"), found=Side(printed, "printed"), difference=diff,
        prov=t.printed_total.prov, diagnosis=diagnosis,
        evidence=(t.printed_total.prov,) + tuple(ln.prov for ln in lines if culprit in (None, ln)))


def _row_explaining(lines: tuple[BudgetLine, ...], column: str, amount: Decimal) -> Optional[BudgetLine]:
    """The one row whose amount in ``column`` is the difference (left out of, or added twice to, the total)."""
    rows = [ln for ln in lines if ln.amount(column).value is not None and ln.amount(column).value == abs(amount)]
    return rows[0] if len(rows) == 1 and amount != 0 else None


def _malformed(t: BudgetTable) -> list[Finding]:
    out = []
    for ln in t.lines + ((t.printed_total,) if t.printed_total else ()):
        for c in PARTS + ("total",):
            a = ln.amount(c)
            if c == "total" and a is ln.delegated:
                continue  # one amount column: the same printed cell fills delegated and total
            f = _malformed_amount(t, ln, c, a)
            if f is not None:
                out.append(f)
    return out


def _malformed_amount(t: BudgetTable, ln: BudgetLine, column: str, a: Amount) -> Optional[Finding]:
    if ("stray space" in a.note or "thousands separator" in a.note) and a.value is not None:
        read = f"read as £{fmt(a.value)}"
    elif "glued" in a.note:
        read = "left unread because the arithmetic does not confirm a footnote digit"
    else:
        return None
    return Finding(
        check_name="malformed_number", severity="warning",
        message=(f"In budget table {t.index} the {_name(ln)} ({_where(ln)}) prints the {column.replace('_', ' ')} "
                 f"as '{a.raw.strip()}', an irregular number; {read}."),
        expected=Side(None, "a regularly grouped amount"), found=Side(a.value, raw=a.raw.strip()), prov=ln.prov,
        evidence=(ln.prov,))


def _where(ln: BudgetLine) -> str:
    return place(ln.prov)

"""The arithmetic of cost tables (how the money is spent): each row against its total column, each column against
the printed total row, and the lines against the printed total.

Any difference is a finding. It is a ``warning`` when rounding explains it: whole-pound amounts in a table that
prints percentage shares (each amount a rounded share) missing by at most 1, or a miss no larger than rounding
each figure added to the pound could make (``rounding_per_figure``, as for budget tables); otherwise ``error``.
``difference`` is always printed minus computed.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from normalisers.diagnosis import Figure, Row, diagnose_figures
from pipeline.records import Diagnosis, ExpenditureLine, ExpenditureTable, Extraction, Finding, Severity, Side
from pipeline.settings import Settings
from pipeline.wording import amount as fmt, grouped, place

SHARE_ROUNDING = Decimal(1)  # a rounded percentage share of a whole-pound amount is off by at most this in a sum


def check(x: Extraction, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    for t in x.expenditure_tables:
        out.extend(table_findings(t, settings.tolerances.rounding_per_figure))
    return out


def table_findings(t: ExpenditureTable, per_figure: Decimal) -> list[Finding]:
    out = [f for ln in _rows(t) if (f := _row_sum(t, ln, per_figure)) is not None]
    if t.total is not None:
        out.extend(f for c in range(len(t.columns)) if (f := _column_sum(t, c, per_figure)) is not None)
    return out


def _rows(t: ExpenditureTable) -> tuple[ExpenditureLine, ...]:
    return t.lines + ((t.total,) if t.total is not None else ())


def _name(t: ExpenditureTable) -> str:
    return f"expenditure table {t.index}" + (f" ('{t.anchor}')" if t.anchor else "")


def _row_name(t: ExpenditureTable, ln: ExpenditureLine) -> str:
    label = ln.label or "unlabelled"
    return f"{label} row" if ln is not t.total else f"total row ({label})" if ln.label else "total row"


def _whole(t: ExpenditureTable) -> bool:
    return all(v == v.to_integral_value() for ln in _rows(t) for a in ln.amounts if (v := a.value) is not None)


def _severity(t: ExpenditureTable, diff: Decimal, figures: int,
              per_figure: Decimal) -> tuple[Severity, str, Optional[Diagnosis]]:
    """('warning', why, the rounding diagnosis) when rounding explains the difference, else ('error', '', None)."""
    if not _whole(t):
        return "error", "", None
    if t.shares and abs(diff) <= SHARE_ROUNDING:
        return "warning", ", the rounding of the percentage shares the table prints", Diagnosis(
            "rounding", "Rounding: each amount is a percentage share rounded to the pound, so the shares can add "
                        f"up to £{fmt(abs(diff))} more or less than the figure they split.")
    if abs(diff) <= per_figure * figures:
        return "warning", ", within what rounding each figure to the pound could explain", Diagnosis(
            "rounding", f"Rounding: the {figures} figures rounded to the pound can be £{fmt(abs(diff))} apart.")
    return "error", "", None


def _row_sum(t: ExpenditureTable, ln: ExpenditureLine, per_figure: Decimal) -> Optional[Finding]:
    k = t.total_column
    if k is None or k >= len(ln.amounts):
        return None
    printed = ln.amounts[k].value
    parts = [v for j, a in enumerate(ln.amounts) if j != k and (v := a.value) is not None]
    if printed is None or len(parts) < 2:
        return None
    computed = sum(parts, Decimal(0))
    if printed == computed:
        return None
    diff = printed - computed
    severity, why, diagnosis = _severity(t, diff, len(parts) + 1, per_figure)
    terms = [(t.columns[j] if j < len(t.columns) else f"column {j + 1}", a.value)
             for j, a in enumerate(ln.amounts) if j != k]
    diagnosis = diagnosis or _diagnosis(t, ln.amounts[k].raw, printed, computed, terms)
    return Finding(
        check_name="row_sum_mismatch", severity=severity,
        message=(f"In {_name(t)} the {_row_name(t, ln)} ({place(ln.prov)}) prints a total of £{fmt(printed)} "
                 f"but its amounts add up to £{fmt(computed)}: £{fmt(abs(diff))} apart{why}."),
        expected=Side(computed, "sum of the row's amounts"), found=Side(printed, "printed row total",
                                                                        ln.amounts[k].raw.strip()),
        difference=diff, prov=ln.prov, diagnosis=diagnosis, evidence=(ln.prov,))


def _column_sum(t: ExpenditureTable, c: int, per_figure: Decimal) -> Optional[Finding]:
    assert t.total is not None
    if c >= len(t.total.amounts):
        return None
    printed = t.total.amounts[c].value
    values = [ln.amounts[c].value for ln in t.lines if c < len(ln.amounts)]
    parts = [v for v in values if v is not None]
    if printed is None or len(parts) < 2:
        return None
    computed = sum(parts, Decimal(0))
    if printed == computed or printed == computed - _subtotals(values):
        return None  # (a line that adds up the lines just above or below it is a sub-total, not counted again)
    diff = printed - computed
    severity, why, diagnosis = _severity(t, diff, len(parts) + 1, per_figure)
    terms = [(ln.label or "unlabelled", ln.amounts[c].value) for ln in t.lines if c < len(ln.amounts)]
    diagnosis = diagnosis or _diagnosis(t, t.total.amounts[c].raw, printed, computed, terms)
    grand = len(t.columns) == 1 or c == t.total_column
    column = "" if len(t.columns) == 1 else f" of the {t.columns[c] or f'column {c + 1}'} column"
    return Finding(
        check_name="expenditure_total_mismatch" if grand else "column_sum_mismatch",
        severity=severity, message=(f"In {_name(t)} the printed total{column} is £{fmt(printed)} ({place(t.total.prov)}) but the "
                 f"{len(parts)} lines add up to £{fmt(computed)}: £{fmt(abs(diff))} apart{why}."),
        expected=Side(computed, "sum of the lines"), found=Side(printed, "printed total", t.total.amounts[c].raw.strip()),
        difference=diff, prov=t.total.prov, diagnosis=diagnosis,
        evidence=(t.total.prov,) + tuple(ln.prov for ln in t.lines))


def _diagnosis(t: ExpenditureTable, raw: str, printed: Decimal, computed: Decimal,
               terms: list[tuple[str, Optional[Decimal]]]) -> Optional[Diagnosis]:
    """What probably happened, from this table's own figures (a line left out, a typing slip ...)."""
    rows = [Row(t.index, label, (v,)) for label, v in terms if v is not None]
    return diagnose_figures(Figure(raw.strip().lstrip("£").strip() or grouped(printed), printed),
                            Figure(grouped(computed), computed), rows=rows, terms=len(rows) + 1)


def _subtotals(values: list[Optional[Decimal]]) -> Decimal:
    """The sum of the lines that are sub-totals: equal to the two or more lines right above them (since the
    previous sub-total) or right below them."""
    found: set[int] = set()
    start = 0
    for i, v in enumerate(values):
        if v is not None and i - start >= 2 and _adds(values[start:i]) == v:
            found.add(i)
            start = i + 1
    for i, v in enumerate(values):
        if i in found or v is None:
            continue
        running = Decimal(0)
        for j in range(i + 1, len(values)):
            running += values[j] or Decimal(0)
            if j > i + 1 and running == v and not found & set(range(i, j + 1)):
                found.add(i)
                break
            if running > v:
                break
    return sum((values[i] or Decimal(0) for i in found), Decimal(0))


def _adds(values: list[Optional[Decimal]]) -> Optional[Decimal]:
    return None if any(v is None for v in values) else sum((v for v in values if v is not None), Decimal(0))

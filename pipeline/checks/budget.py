"""Checks on budget figures: the arithmetic of each partner budget table, the tables against each other,
and the figures stated in prose against the tables.

Severity ``error`` only where printed figures contradict each other; a number printed irregularly is a
``warning``. Rows whose column placement is ambiguous are left out of column sums (their total is kept).
"""
from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import Optional

from normalisers.money import stated_precision
from pipeline.records import (BUDGET_COLUMNS, AgencyStatement, BudgetLine, BudgetTable, Diagnosis, Extraction, Finding,
                              Provenance, Side)
from pipeline.wording import amount as fmt, place
from pipeline.settings import Settings

from .budget_tables import table_findings, table_total

log = logging.getLogger(__name__)

THOUSAND = Decimal(1000)
_OUTTURN = re.compile(r"out-?turn|\bactuals?\b", re.I)


def check(x: Extraction, settings: Settings) -> list[Finding]:
    tol = settings.tolerances.money
    out: list[Finding] = []
    for t in x.budget_tables:
        out.extend(table_findings(t, tol, settings.tolerances.rounding_per_figure))
    out.extend(_tables_disagree(x.budget_tables, tol))
    out.extend(_narrative_totals(x, tol, settings.tolerances.same_figure_ratio))
    out.extend(_agency_figures(x, settings))
    return out


# --------------------------------------------------------------------------- two tables of one document


def _comparable(a: BudgetTable, b: BudgetTable) -> bool:
    """Both print a grand total, cover the same year (or do not say) and mostly the same funders."""
    if table_total(a) is None or table_total(b) is None or a.printed_total is None or b.printed_total is None:
        return False
    if a.period and b.period and a.period != b.period:
        return False
    if _outturn(a) != _outturn(b):
        return False  # what was spent or received in a past year against what is planned
    ag_a, ag_b = {ln.agency for ln in a.lines}, {ln.agency for ln in b.lines}
    if len(ag_a & ag_b) * 2 < max(len(ag_a), len(ag_b)):
        return False
    # the same table printed twice: most funders it shares carry the same total in both
    totals_a = {ln.agency: ln.total.value for ln in a.lines}
    same = [g for g, v in ((ln.agency, ln.total.value) for ln in b.lines) if g in totals_a and totals_a[g] == v]
    return len(same) * 2 >= len(ag_a & ag_b)


def _outturn(t: BudgetTable) -> bool:
    return bool(_OUTTURN.search(" ".join((t.anchor, *t.columns_printed))))


def _tables_disagree(tables: tuple[BudgetTable, ...], tol: Decimal) -> list[Finding]:
    out = []
    for k, a in enumerate(tables):
        for b in tables[k + 1:]:
            if not _comparable(a, b):
                continue
            ta, tb = table_total(a), table_total(b)
            if ta is None or tb is None or abs(ta - tb) <= tol:
                continue
            out.append(_disagree_finding(a, b, ta, tb))
    return out


def _disagree_finding(a: BudgetTable, b: BudgetTable, ta: Decimal, tb: Decimal) -> Finding:
    diff = ta - tb
    explain, evidence = _explaining_rows(a, b, abs(diff))
    where = f"table {a.index} ({_where(a.prov)}) totals {fmt(ta)} and table {b.index} ({_where(b.prov)}) totals {fmt(tb)}"
    why = f"; {explain.text}" if explain else "; no single row explains the difference"
    cols = _column_differences(a, b)
    return Finding(
        check_name="tables_disagree", severity="error",
        message=f"The two partner budget tables of this document disagree: {where}, {fmt(abs(diff))} apart{why}{cols}.",
        expected=Side(ta, f"table {a.index} total"), found=Side(tb, f"table {b.index} total"), difference=diff,
        prov=b.printed_total.prov if b.printed_total else b.prov, diagnosis=explain,
        evidence=tuple(evidence) + tuple(t.printed_total.prov for t in (a, b) if t.printed_total))


def _explaining_rows(a: BudgetTable, b: BudgetTable, diff: Decimal) -> tuple[Optional[Diagnosis], list[Provenance]]:
    """A row present in one table and missing from the other whose total is the difference."""
    for one, other in ((a, b), (b, a)):
        present = {ln.agency for ln in other.lines if (ln.total.value or 0) != 0}
        for ln in one.lines:
            if ln.agency not in present and ln.total.value is not None and ln.total.value == diff:
                return (Diagnosis("row_left_out", f"the {ln.label} row ({fmt(ln.total.value)}) is in table "
                                  f"{one.index} and missing from table {other.index}, which explains the difference"),
                        [ln.prov])
    for la in a.lines:
        for lb in b.lines:
            if la.agency == lb.agency and la.total.value is not None and lb.total.value is not None \
                    and abs(la.total.value - lb.total.value) == diff:
                return (Diagnosis("row_differs", f"the {la.agency} row is {fmt(la.total.value)} in table {a.index} "
                                  f"and {fmt(lb.total.value)} in table {b.index}"), [la.prov, lb.prov])
    return None, []


def _column_differences(a: BudgetTable, b: BudgetTable) -> str:
    parts = []
    for c in BUDGET_COLUMNS[:-1]:
        va = a.printed_total.amount(c).value if a.printed_total else None
        vb = b.printed_total.amount(c).value if b.printed_total else None
        if va is not None and vb is not None and va != vb:
            parts.append(f"{c.replace('_', ' ')} {fmt(va)} against {fmt(vb)}")
    return ("; printed column totals differ: " + ", ".join(parts)) if parts else ""


# --------------------------------------------------------------------------- prose against the tables


def _narrative_totals(x: Extraction, tol: Decimal, ratio: Decimal) -> list[Finding]:
    """A budget total stated in prose against the table of that year. A figure far from the table (beyond
    ``ratio``) may describe another scope, so it is a warning; a near miss is a contradiction."""
    tables = [(t, v) for t in x.budget_tables if (v := table_total(t)) is not None and len(t.lines) >= 2]
    out = []
    for n in x.narrative_totals:
        period = n.period
        same_year = [(t, v) for t, v in tables if not (period and t.period and t.period != period)]
        near_enough = max(tol, stated_precision(n.raw))  # '£2.9 million' agrees with 2,908,000
        if not same_year or any(abs(v - n.amount) <= near_enough for _, v in tables) \
                or _partial_total(n.amount, tables, tol):
            continue
        t, v = same_year[0]
        diff = v - n.amount
        near = abs(diff) <= ratio * abs(v)
        scope = "" if near else "; so far apart that the text may describe another scope"
        out.append(Finding(
            check_name="narrative_total_mismatch", severity="error" if near else "warning",
            message=(f"The text states the budget as {n.raw} ({_where(n.prov)}) but the partner budget table "
                     f"{t.index} totals £{fmt(v)} ({_where(t.printed_total.prov if t.printed_total else t.prov)}): "
                     f"£{fmt(abs(diff))} apart{scope}."),
            expected=Side(v, "table total"), found=Side(n.amount, "narrative total"), difference=diff,
            prov=n.prov, evidence=(n.prov,) + ((t.printed_total.prov,) if t.printed_total else ())))
    return out


def _partial_total(amount: Decimal, tables: list[tuple[BudgetTable, Decimal]], tol: Decimal) -> bool:
    """The stated budget is the sum of some of a table's printed column totals (e.g. cash without in-kind)."""
    for t, _ in tables:
        cols = [v for c in BUDGET_COLUMNS[:-1] if t.printed_total and (v := t.printed_total.amount(c).value)]
        for mask in range(1, 2 ** len(cols)):
            if abs(sum((v for k, v in enumerate(cols) if mask >> k & 1), Decimal(0)) - amount) <= tol:
                return True
    return False


def _agency_figures(x: Extraction, settings: Settings) -> list[Finding]:
    """A funder's amount stated in prose that is close to, but not, its row of the table for that year."""
    out = []
    ratio = settings.tolerances.same_figure_ratio
    for s in x.agency_statements if x.budget_tables else ():
        for t in x.budget_tables:
            if s.period and t.period and s.period != t.period:
                continue
            rows = [ln for ln in t.lines if ln.agency == s.agency and not ln.subtotal_of]
            if len(rows) != 1 or _states_row(rows[0], s.amount, _stated_precision(s, settings.tolerances.money)):
                continue
            row_total = rows[0].total.value
            if row_total is None or abs(row_total - s.amount) > ratio * abs(row_total):
                continue
            rounding = _rounded_to_thousands(t) and abs(row_total - s.amount) < THOUSAND / 2
            out.append(_agency_finding(s, rows[0], t, row_total, rounding))
    return out


def _stated_precision(s: AgencyStatement, tol: Decimal) -> Decimal:
    """A figure stated in thousands (``£358K``) agrees with any amount that rounds to it."""
    return max(tol, stated_precision(s.raw))


def _rounded_to_thousands(t: BudgetTable) -> bool:
    values = [v for ln in t.lines for c in BUDGET_COLUMNS if (v := ln.amount(c).value)]
    return bool(values) and all(v % THOUSAND == 0 for v in values)


def _states_row(ln: BudgetLine, amount: Decimal, tol: Decimal) -> bool:
    return any(v is not None and abs(v - amount) <= tol for v in (ln.amount(c).value for c in BUDGET_COLUMNS))


def _agency_finding(s: AgencyStatement, ln: BudgetLine, t: BudgetTable, row_total: Decimal,
                   rounding: bool = False) -> Finding:
    diff = row_total - s.amount
    why = "; every amount of the table is a round thousand, so the table may be rounded to £000" if rounding else ""
    return Finding(
        check_name="narrative_value_mismatch", severity="warning" if rounding else "error",
        message=(f"The text states the {s.who} figure as {s.raw} (£{fmt(s.amount)}, {_where(s.prov)}) but the "
                 f"{ln.label} row of budget table {t.index} totals £{fmt(row_total)} ({_where(ln.prov)}): "
                 f"£{fmt(abs(diff))} apart{why}."),
        expected=Side(row_total, "table row"), found=Side(s.amount, "text"), difference=diff,
        prov=s.prov, evidence=(s.prov, ln.prov))


def _where(p: Optional[Provenance]) -> str:
    return place(p) or "position unknown"

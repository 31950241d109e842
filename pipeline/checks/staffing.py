"""Checks on staffing grids: printed row, column and grand totals, placement notes, and narrative staff claims.

The grids arrive whole on the Extraction (``Extraction.staffing_grids``, with their printed totals, which the
warehouse does not store as facts); the checks compare the totals with the cells.
"""
from __future__ import annotations


import re
from decimal import Decimal
from typing import Optional, Sequence

from pipeline.records import Extraction, Finding, GridRow, Provenance, Side, StaffingGrid
from pipeline.settings import Settings

from pipeline.wording import located as _located, number as _fmt, where as _where

_SEX = {"M": "male", "F": "female"}


def _what(g: StaffingGrid) -> str:
    return f"staffing {'FTE' if g.kind == 'fte' else 'headcount'} grid {g.index}"


def _col_name(g: StaffingGrid, i: int) -> str:
    role, q = g.columns[i]
    if role == "total":
        return "total" if q is None else f"{_SEX.get(q, q)} total"
    return role.replace("_", " ") + ("" if q is None else f" ({_SEX.get(q, q.replace('_', '-'))})")


def _total_cols(g: StaffingGrid) -> list[tuple[int, Optional[str]]]:
    return [(i, q) for i, (r, q) in enumerate(g.columns) if r == "total"]


def _members(g: StaffingGrid, q: Optional[str]) -> list[int]:
    return [i for i, (r, qq) in enumerate(g.columns) if r != "total" and (q is None or g.kind == "fte" or qq == q)]


def _sum(vals: Sequence[Optional[Decimal]]) -> Decimal:
    return sum((v for v in vals if v is not None), Decimal(0))


def _evidence(row: GridRow, idx: Sequence[int]) -> tuple[Provenance, ...]:
    return tuple(p for i, p in enumerate(row.provs) if i in idx and p is not None)


def _row_findings(g: StaffingGrid, row: GridRow, tol: Decimal) -> list[Finding]:
    out = []
    for ti, q in _total_cols(g):
        printed = row.values[ti]
        members = _members(g, q)
        if printed is None or not any(row.values[i] is not None for i in members):
            continue
        computed = _sum([row.values[i] for i in members])
        if abs(printed - computed) <= tol:
            continue
        side = "" if q is None else f"{_SEX.get(q, q)} "
        parts = " + ".join(_fmt(v) for i in members if (v := row.values[i]) is not None)
        out.append(Finding(
            "row_sum_mismatch", "error",
            f"In the {_what(g)}, the '{row.label}' row's {side}cells ({parts}) add up to {_fmt(computed)} but the "
            f"row prints a {side}total of {_fmt(printed)} (difference {_fmt(printed - computed)}).",
            expected=Side(computed, style="number"), found=Side(printed, style="number"), difference=printed - computed,
            prov=row.provs[ti] or row.prov, evidence=_evidence(row, members)))
    return out


def _unplaced_findings(g: StaffingGrid, tol: Decimal) -> list[Finding]:
    """A row whose cells could not be placed because no placement agrees with its printed totals, in a grid whose
    Total columns are its last (one Total, or a Total per sex): whatever columns its cells belong to, the last
    printed figures are its totals. With one Total column the last figure must be the sum of the others; with a
    Total per sex the last one or two (one when a sex's total is blank) must be. When none is, the arithmetic
    fails whatever the placement, so the slip is raised."""
    totals = _total_cols(g)
    k = len(totals)
    if not 1 <= k <= 2 or [i for i, _ in totals] != list(range(len(g.columns) - k, len(g.columns))):
        return []
    out = []
    for row in g.unplaced:
        if row.fits or not k + 1 <= len(row.values) <= len(g.columns):
            continue
        if any(abs(_sum(row.values[-j:]) - _sum(row.values[:-j])) <= tol for j in range(1, k + 1)):
            continue
        printed, computed = _sum(row.values[-k:]), _sum(row.values[:-k])
        parts = " + ".join(_fmt(v) for v in row.values[:-k])
        said = f"a total of {_fmt(printed)}" if k == 1 else \
            f"totals of {' and '.join(_fmt(v) for v in row.values[-k:])} ({_fmt(printed)} together)"
        out.append(Finding(
            "row_sum_mismatch", "error",
            f"In the {_what(g)}, the '{row.label}' row's cells ({parts}) add up to {_fmt(computed)} but the row "
            f"prints {said} (difference {_fmt(printed - computed)}); its blank cells were not "
            f"printed, so its cells could not be placed in their columns.",
            expected=Side(computed, style="number"), found=Side(printed, style="number"), difference=printed - computed,
            prov=row.provs[-1], evidence=row.provs[:-1]))
    return out


def _unplaced_total_findings(g: StaffingGrid, tol: Decimal) -> list[Finding]:
    """The Total row left unplaced (blanks lost) under body rows that were all placed: whatever columns its cells
    belong to, its non-zero cells in order must be the body's non-zero column sums in order. When they are not,
    some column does not add up; the first that differs is reported (its difference, when the counts agree)."""
    totals = [r for r in g.unplaced if re.match(r"\s*(grand\s+)?totals?\s*$", r.label, re.I)]
    if len(totals) != 1 or len(g.unplaced) != 1 or not g.rows:
        return []
    row = totals[0]
    sums = [_sum([r.values[i] for r in g.rows]) for i in range(len(g.columns))]
    want = [(i, v) for i, v in enumerate(sums) if abs(v) > tol]
    got = [v for v in row.values if abs(v) > tol]
    if len(want) == len(got) and all(abs(w - v) <= tol for (_, w), v in zip(want, got)):
        return []
    k = next((k for k, ((_, w), v) in enumerate(zip(want, got)) if abs(w - v) > tol), min(len(want), len(got)))
    same = len(want) == len(got)
    col = _col_name(g, want[k][0]) if k < len(want) else "last"
    printed = got[k] if k < len(got) else Decimal(0)
    computed = want[k][1] if k < len(want) else Decimal(0)
    return [Finding(
        "column_sum_mismatch", "error",
        f"In the {_what(g)}, the Total row prints {', '.join(_fmt(v) for v in got)} but the columns' cells add up "
        f"to {', '.join(_fmt(v) for _, v in want)}; its blank cells were not printed, so wherever its cells belong, "
        f"a column does not add up (first at the {col} column: {_fmt(computed)} against {_fmt(printed)}).",
        expected=Side(computed, style="number"), found=Side(printed, style="number"),
        difference=printed - computed if same else None, prov=row.prov, evidence=row.provs)]


def _column_findings(g: StaffingGrid, tol: Decimal) -> list[Finding]:
    total = g.total_row
    if total is None or not g.rows:
        return []
    out = []
    for i, (role, _) in enumerate(g.columns):
        printed = total.values[i]
        if role == "total" or printed is None:
            continue
        computed = _sum([r.values[i] for r in g.rows])
        if abs(printed - computed) > tol:
            out.append(Finding(
                "column_sum_mismatch", "error",
                f"In the {_what(g)}, the {_col_name(g, i)} column's cells add up to {_fmt(computed)} but its "
                f"Total row prints {_fmt(printed)} (difference {_fmt(printed - computed)}).",
                expected=Side(computed, style="number"), found=Side(printed, style="number"), difference=printed - computed,
                prov=total.provs[i] or total.prov,
                evidence=tuple(p for r in g.rows for p in (r.provs[i],) if p is not None)))
    return out


def _grand_findings(g: StaffingGrid, tol: Decimal) -> list[Finding]:
    total = g.total_row
    if total is None or not g.rows:
        return []
    out = []
    for ti, q in _total_cols(g):
        printed = total.values[ti]
        row_totals = [r.values[ti] for r in g.rows]
        if printed is None or not any(v is not None for v in row_totals):
            continue
        computed = _sum(row_totals)
        if abs(printed - computed) <= tol:
            continue
        side = "" if q is None else f"{_SEX.get(q, q)} "
        parts = " + ".join(_fmt(v) for v in row_totals if v is not None)
        out.append(Finding(
            "grand_total_mismatch", "error",
            f"In the {_what(g)}, the printed {side}grand total is {_fmt(printed)} but the rows' printed {side}"
            f"totals ({parts}) add up to {_fmt(computed)} (difference {_fmt(printed - computed)}).",
            expected=Side(computed, style="number"), found=Side(printed, style="number"), difference=printed - computed,
            prov=total.provs[ti] or total.prov,
            evidence=tuple(p for r in g.rows for p in (r.provs[ti],) if p is not None)))
    return out


def _partial(g: StaffingGrid, columns: list[Finding]) -> bool:
    """Only some contract rows are printed (e.g. a Total row then just 'Vacant'): columns cannot add up."""
    shortfalls = all(f.difference is not None and f.difference > 0 for f in columns)
    # one short column is a slip; rows left out leave several columns short
    return bool(columns) and (g.total_first or (shortfalls and len(g.rows) < 3 and len(columns) >= 2))


def check_grid(g: StaffingGrid, settings: Settings) -> list[Finding]:
    tol = settings.tolerances.fte if g.kind == "fte" else Decimal(0)
    out = [Finding("staffing_layout", i.severity, i.message, prov=i.prov) for i in g.issues]
    rows = list(g.rows) + ([g.total_row] if g.total_row else [])
    for row in rows:
        out += _row_findings(g, row, tol)
    out += _unplaced_findings(g, tol)
    if g.kind == "fte":
        out += _unplaced_total_findings(g, tol)
    if any(i.severity == "warning" for i in g.issues):
        return out  # some rows' cells were not loaded (said above): the columns cannot be added up
    columns = _column_findings(g, tol)
    if _partial(g, columns):
        out.append(Finding("partial_grid", "info",
                           f"The {_what(g)} prints its Total row with only {len(g.rows)} of the contract rows "
                           f"beneath it, so its column totals were not checked against the rows.", prov=g.prov))
        return out
    return out + columns + _grand_findings(g, tol)


# --------------------------------------------------------------------------- narrative staff claims

def _grid_sum(grids: Sequence[StaffingGrid], kind: str, roles: set[str]) -> Optional[Decimal]:
    found = [g for g in grids if g.kind == kind]
    if not found:
        return None
    g = found[0]
    cols = [i for i, (r, _) in enumerate(g.columns) if r in roles]
    return _sum([r.values[i] for r in g.rows for i in cols])


def _claim_findings(x: Extraction, grids: Sequence[StaffingGrid], tol: Decimal) -> list[Finding]:
    out = []
    for claim in x.staff_claims:
        roles = set(claim.roles)
        for kind, stated, unit in (("headcount", claim.headcount, "staff"), ("fte", claim.fte, "FTE")):
            computed = _grid_sum(grids, kind, roles)
            if computed is None or computed == 0 or abs(computed - stated) <= tol:
                continue
            out.append(Finding(
                "narrative_value_mismatch", "warning",
                f"The text says '{claim.quote}' but the {kind} grid's {', '.join(sorted(roles))} cells add up "
                f"to {_fmt(computed)} {unit} (difference {_fmt(stated - computed)}).",
                expected=Side(computed, style="number"), found=Side(stated, style="number"), difference=stated - computed,
                prov=claim.prov.with_extractor("checks.staffing")))
    return out


def check(x: Extraction, settings: Settings) -> list[Finding]:
    grids = x.staffing_grids
    out: list[Finding] = []
    for g in grids:
        out += check_grid(g, settings)
    return [_located(f) for f in out + _claim_findings(x, grids, settings.tolerances.fte)]

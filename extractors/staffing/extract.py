"""Staffing grids: FTE by contract type x role x part/full time, and headcount by ethnicity x role x sex.

:func:`read_staffing_grids` returns each grid whole (columns, body rows, the printed Total row and any placement
that could not be settled) so checks can test the printed totals; :func:`extract_staffing` flattens the
non-zero body cells into records. Finding the grids in the text is :mod:`extractors.staffing.grids`'s job.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Literal, Optional, Sequence

from extractors.staffing.placement import settle
from extractors.staffing.numbers import canon, number as parse_number
from extractors.tables.cell_stream import Fit, fit_row, is_blank
from extractors.staffing.grids import RawGrid, RawRow, find_raw_grids, is_total
from normalisers.staffing_vocab import (SPLIT_ROLES, TEMPLATE_FTE, TEMPLATE_HEADCOUNT_ROLES, basis_code,
                                        contract_code, ethnicity_group, role_mentions)
from pipeline.records import (Document, GridColumn, GridIssue, GridRow, Provenance, StaffingFTE, StaffingGrid,
                              StaffingHeadcount, UnplacedRow)
from pipeline.settings import Settings

log = logging.getLogger(__name__)
EXTRACTOR = "staffing"
Column = GridColumn


# --------------------------------------------------------------------------- columns from a header


def _basis_words(header: str, mentions_spans: list[tuple[int, int]]) -> list[str]:
    out = []
    for m in re.finditer(r"\b(?:part|full)[\s-]?time\b|\b[PF]T\b", header, re.I):
        if not any(a <= m.start() < b for a, b in mentions_spans):
            out.append(basis_code(m.group(0)) or "")
    return out


def fte_columns(header: str) -> list[Column]:
    mentions = role_mentions(header)
    bases = _basis_words(header, [(m.start, m.end) for m in mentions])
    cols: list[Column] = []
    for m in mentions:
        if m.basis:
            cols.append((m.role, m.basis))
        elif m.role in SPLIT_ROLES and len(bases) >= 2:
            cols += [(m.role, bases.pop(0)), (m.role, bases.pop(0))]
        else:
            cols.append((m.role, None))
    return cols


def headcount_columns(header: str, sex_order: tuple[str, str]) -> list[Column]:
    return [(m.role, s) for m in role_mentions(header) for s in sex_order]


def _one_per_column(by_column: str) -> bool:
    """Does every column's header, its rows' words joined, name one column ('Strategic' over 'Manager (PT)')?
    Then the header is read column by column, not row by row (which interleaves the wrapped words)."""
    heads = [h for h in by_column.split(" | ") if h.strip()]
    return bool(heads) and all(len(fte_columns(h)) == 1 for h in heads)


def _choose_columns(grid: RawGrid, widths: Sequence[int]) -> tuple[list[Column], str]:
    if grid.kind == "fte":
        cols, template = fte_columns(grid.header), list(TEMPLATE_FTE)
        alt = fte_columns(grid.alt_header) if grid.alt_header else []
        if widths and len(alt) == max(widths) and (len(cols) != len(alt) or _one_per_column(grid.alt_header)):
            cols = alt  # header cells wrapped over rows: read by column
    else:
        cols = headcount_columns(grid.header, grid.sex_order)
        template = [(r, s) for r in TEMPLATE_HEADCOUNT_ROLES for s in grid.sex_order]
    while cols and cols[0][0] == "total" and len(cols) > 2:
        cols = cols[1:]
    if cols and cols[-1][0] == "total" and any(w >= len(cols) for w in widths):
        return cols, "header"
    if widths and max(widths) >= len(template) and (not cols or len(cols) < 4):
        return template, "YJB template (header lost)"
    return cols, "header"


# --------------------------------------------------------------------------- rows


def _row_check(columns: Sequence[Column], tol: Decimal) -> Callable[[Sequence[Optional[Decimal]]], bool]:
    totals = {q: i for i, (r, q) in enumerate(columns) if r == "total"}

    def check(vals: Sequence[Optional[Decimal]]) -> bool:
        for q, ti in totals.items():
            printed = vals[ti]
            if printed is None:
                continue
            s = sum((v for i, v in enumerate(vals) if v is not None and i != ti
                     and columns[i][0] != "total" and (q is None or columns[i][1] == q)), Decimal(0))
            if abs(s - printed) > tol:
                return False
        return True
    return check


def _value_prov(doc: Document, raw: RawRow, k: int) -> Provenance:
    if raw.cell_provs:  # a reader's table: each cell knows its own page and box
        p = raw.cell_provs[k]
        return Provenance(p.sha256, p.line, p.page, p.bbox, raw.values[k].strip(), EXTRACTOR)
    return doc.prov(raw.lines[k], raw.values[k].strip(), EXTRACTOR)


def _materialise(doc: Document, raw: RawRow, placement: Sequence[int], inferred: bool) -> GridRow:
    vals = tuple(None if k < 0 else parse_number(raw.values[k]) for k in placement)
    raws = tuple("" if k < 0 else raw.values[k].strip() for k in placement)
    provs = tuple(None if k < 0 else _value_prov(doc, raw, k) for k in placement)
    code = None if is_total(raw.label) else (contract_code(raw.label) or ethnicity_group(raw.label))
    return GridRow(raw.label, code, vals, raws, provs, doc.prov(raw.label_line, raw.label, EXTRACTOR), inferred)


def _resolve(raws: list[RawRow], fits: list[Fit], columns: Sequence[Column],
             tol: Decimal) -> tuple[list[Optional[tuple[int, ...]]], list[str]]:
    """Settle rows with several candidate placements using the printed Total row, when it is itself settled."""
    chosen: list[Optional[tuple[int, ...]]] = [f.placements[0] if f.unique else None for f in fits]
    open_rows = [i for i, f in enumerate(fits) if not f.unique and f.placements]
    total_i = next((i for i, r in enumerate(raws) if is_total(r.label)), None)
    total_p = chosen[total_i] if total_i is not None else None
    if not open_rows or total_i is None or total_p is None:
        return chosen, [raws[i].label for i in open_rows]

    def vals(i: int, p: Sequence[int]) -> tuple[Optional[Decimal], ...]:
        return tuple(None if k < 0 else parse_number(raws[i].values[k]) for k in p)

    remaining: list[Optional[Decimal]] = list(vals(total_i, total_p))
    for i, p in enumerate(chosen):
        if p is None or i == total_i:
            continue
        for c, v in enumerate(vals(i, p)):
            rem = remaining[c]
            remaining[c] = None if rem is None else rem - (v or Decimal(0))
    checked = [c for c, (role, _) in enumerate(columns) if role != "total"]
    picks = settle([[vals(i, p) for p in fits[i].placements] for i in open_rows], remaining, checked, tol)
    for i, k in zip(open_rows, picks):
        if k is not None:
            chosen[i] = fits[i].placements[k]
    return chosen, [raws[i].label for i, k in zip(open_rows, picks) if k is None]


def _fit(raw: RawRow, n: int, check: Callable[[Sequence[Optional[Decimal]]], bool], n_totals: int,
         spaced: bool) -> Fit:
    """The row's placements. In a grid flattened with spaces, blank cells at the end of a row may be only trailing
    spaces: the placements with and without them are both candidates (the arithmetic or the Total row decides)."""
    cells = [canon(v) for v in raw.values]
    fit = fit_row(cells, n, check, n_totals)
    placements = fit.placements
    k = len(cells)
    while spaced and k and not cells[k - 1].strip():
        k -= 1
    if k < len(cells) and any(c.strip() for c in cells[:k]):
        placements += fit_row(cells[:k], n, check, n_totals).placements
    # placements that differ only by a blank where another has a zero load the same cells: one candidate
    seen: dict[tuple[Decimal, ...], tuple[int, ...]] = {}
    for p in placements:
        seen.setdefault(tuple(Decimal(0) if i < 0 else parse_number(cells[i]) or Decimal(0) for i in p), p)
    return Fit(tuple(seen.values()), fit.note)


def interpret(doc: Document, grid: RawGrid, index: int, settings: Settings) -> Optional[StaffingGrid]:
    widths = [len(r.values) for r in grid.rows]
    columns, how = _choose_columns(grid, widths)
    if len(columns) < 3 and grid.problems:  # a grid seen but not readable: say so
        prov = doc.prov(grid.first_line, None, EXTRACTOR)
        return StaffingGrid(grid.kind, index, (), (), None, grid.method, prov, tuple(
            GridIssue("warning", f"The staffing grid is printed with roles as rows; {p}, so its cells were not read.",
                      prov) for p in grid.problems))
    if len(columns) < 3 and not _narrow_but_named(grid, columns):
        return None
    tol = settings.tolerances.fte if grid.kind == "fte" else Decimal(0)
    check = _row_check(columns, tol)
    n_totals = sum(1 for c in columns if c[0] == "total")
    fits = [_fit(r, len(columns), check, n_totals, grid.method == "flat-line") for r in grid.rows]
    chosen, unsettled = _resolve(grid.rows, fits, columns, tol)
    prov = doc.prov(grid.first_line, None, EXTRACTOR)
    what = "FTE" if grid.kind == "fte" else "headcount"
    issues = [] if how == "header" else [GridIssue(
        "info", f"The staffing {what} grid's column headers were not printed, so its {len(columns)} columns were "
        f"read in the YJB template's order.", prov)]
    rows: list[GridRow] = []
    unplaced: list[UnplacedRow] = []
    total_row = None
    total_first = bool(grid.rows) and is_total(grid.rows[0].label)
    issues += [GridIssue("warning", f"The staffing {what} grid is printed with roles as rows; {p}, so that row's "
                                    f"cells were not read.", prov) for p in grid.problems]
    for raw, fit, placement in zip(grid.rows, fits, chosen):
        if raw.other_labels and any(not is_blank(v) for v in raw.values):
            issues.append(GridIssue("warning", _label_ambiguous(grid, raw), doc.prov(raw.label_line, raw.label,
                                                                                     EXTRACTOR)))
            continue
        if placement is None:
            issues.append(GridIssue("warning", _ambiguous(grid, raw, fit, len(columns)),
                                    doc.prov(raw.label_line, raw.label, EXTRACTOR)))
            unplaced.append(_unplaced(doc, raw, len(fit.placements)))
            continue
        row = _materialise(doc, raw, placement, inferred=len(raw.values) != len(columns))
        if is_total(raw.label):
            total_row = total_row or row
        elif row.code is not None or grid.kind == "headcount":
            rows.append(row)
    return StaffingGrid(grid.kind, index, tuple(columns), tuple(rows), total_row, grid.method, prov, tuple(issues),
                        total_first, tuple(unplaced))


def _unplaced(doc: Document, raw: RawRow, fits: int) -> UnplacedRow:
    cells = [(k, v) for k, text in enumerate(raw.values) if (v := parse_number(text)) is not None]
    return UnplacedRow(raw.label, tuple(v for _, v in cells), tuple(raw.values[k].strip() for k, _ in cells),
                       tuple(_value_prov(doc, raw, k) for k, _ in cells),
                       doc.prov(raw.label_line, raw.label, EXTRACTOR), fits)


def _label_ambiguous(grid: RawGrid, raw: RawRow) -> str:
    what = "staffing FTE" if grid.kind == "fte" else "staffing headcount"
    readings = " or ".join(f"'{lab}'" for lab in [raw.label] + raw.other_labels)
    return (f"The {what} row whose cells follow the labels of empty rows is labelled {readings}: the labels "
            f"run together cannot be told apart, so its cells were not loaded.")


def _narrow_but_named(grid: RawGrid, columns: Sequence[Column]) -> bool:
    """A grid that printed one role column and its Total (the columns nobody fills left out): read when its
    header names them and three rows or more are contract types."""
    return (grid.kind == "fte" and len(columns) == 2 and columns[-1][0] == "total" and columns[0][0] != "total"
            and sum(1 for r in grid.rows if contract_code(r.label)) >= 3)


def _ambiguous(grid: RawGrid, raw: RawRow, fit: Fit, n: int) -> str:
    what = "staffing FTE" if grid.kind == "fte" else "staffing headcount"
    printed = ", ".join(v.strip() for v in raw.values if v.strip()) or "no values"
    if not fit.placements:
        return (f"The {what} row '{raw.label}' prints {len(raw.values)} cells ({printed}) for {n} columns and no "
                f"placement agrees with its printed total, so its cells were not loaded.")
    return (f"The {what} row '{raw.label}' prints {len(raw.values)} cells ({printed}) for {n} columns; "
            f"{len(fit.placements)} placements fit its totals, so its cells were not loaded.")


def _dedupe(grids: list[RawGrid]) -> list[RawGrid]:
    """One grid per printed table: a reader's table (cells with page and box) wins over the same rows read
    again from the text lines it covers."""
    spans = [g.span for g in grids if g.span]
    seen: set[int] = set()
    out = []
    for g in sorted(grids, key=lambda g: g.span is None):
        lines = {r.label_line for r in g.rows}
        inside = g.span is None and any(a <= ln <= b for ln in lines for a, b in spans if a >= 0)
        if inside or (lines and len(lines & seen) * 2 > len(lines)):
            continue
        seen |= lines
        out.append(g)
    return sorted(out, key=lambda g: g.first_line)


# The last call's arguments and result: the checks stage re-reads the grids the extract stage has just read from
# the same document. Keyed by identity (documents and settings are immutable), so it is pure memoisation.
def read_staffing_grids(doc: Document, settings: Settings) -> tuple[StaffingGrid, ...]:
    out: list[StaffingGrid] = []
    counts = {"fte": 0, "headcount": 0}
    for raw in _dedupe(find_raw_grids(doc)):
        grid = interpret(doc, raw, counts[raw.kind] + 1, settings)
        if grid is None or not (grid.rows or grid.total_row or grid.issues):
            continue
        joined = join_continued(out[-1], grid) if out else None
        if joined is not None:
            out[-1] = joined
            continue
        counts[raw.kind] += 1
        out.append(grid)
    return tuple(out)


def join_continued(a: StaffingGrid, b: StaffingGrid) -> Optional[StaffingGrid]:
    """``b`` continues ``a`` (a grid broken over a page, its header printed again): ``a`` has no Total row, ``b``
    has one at its foot, their rows are different contract types, and one's columns include the other's (a
    reader leaves out a column that one part prints empty). One grid, its columns the wider header's; None
    otherwise."""
    if a.kind != b.kind or a.kind != "fte" or a.total_row is not None or b.total_row is None or b.total_first:
        return None
    codes_a, codes_b = {r.code for r in a.rows}, {r.code for r in b.rows}
    if not a.rows or codes_a & codes_b or None in codes_a | codes_b:
        return None
    cols = b.columns if set(a.columns) <= set(b.columns) else a.columns if set(b.columns) <= set(a.columns) else None
    if cols is None or len(set(cols)) != len(cols):
        return None
    rows = tuple(_recolumn(r, a.columns, cols) for r in a.rows) + tuple(_recolumn(r, b.columns, cols) for r in b.rows)
    return StaffingGrid(a.kind, a.index, cols, rows, _recolumn(b.total_row, b.columns, cols), a.method, a.prov,
                        a.issues + b.issues, False, a.unplaced + b.unplaced)


def _recolumn(row: GridRow, have: Sequence[Column], want: Sequence[Column]) -> GridRow:
    at = {c: i for i, c in enumerate(have)}
    pick = [at.get(c) for c in want]
    return GridRow(row.label, row.code, tuple(None if i is None else row.values[i] for i in pick),
                   tuple("" if i is None else row.raws[i] for i in pick),
                   tuple(None if i is None else row.provs[i] for i in pick), row.prov, row.placement_inferred)


# --------------------------------------------------------------------------- records


def _fte_records(g: StaffingGrid) -> list[StaffingFTE]:
    out = []
    for row in g.rows:
        for (role, basis), v, raw, p in zip(g.columns, row.values, row.raws, row.provs):
            if role != "total" and v and row.code and p is not None:
                out.append(StaffingFTE(row.code, role, basis, v, raw, p, g.index))
    return out


def _headcount_records(g: StaffingGrid) -> list[StaffingHeadcount]:
    out = []
    for row in g.rows:
        for (role, sex), v, raw, p in zip(g.columns, row.values, row.raws, row.provs):
            if role != "total" and v and p is not None and v == v.to_integral_value():
                out.append(StaffingHeadcount(row.label, role, sex, int(v), raw, p, g.index, row.code))
    return out


def extract_staffing(doc: Document, settings: Settings) -> tuple[tuple[StaffingFTE, ...], tuple[StaffingHeadcount, ...]]:
    return staffing_records(read_staffing_grids(doc, settings))


def staffing_records(grids: Sequence[StaffingGrid]) -> tuple[tuple[StaffingFTE, ...], tuple[StaffingHeadcount, ...]]:
    """The non-zero body cells of ``grids`` as FTE and headcount records."""
    fte: list[StaffingFTE] = []
    heads: list[StaffingHeadcount] = []
    for g in grids:
        if g.kind == "fte":
            fte += _fte_records(g)
        else:
            heads += _headcount_records(g)
    return tuple(fte), tuple(heads)

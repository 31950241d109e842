"""Placing a budget row's printed amounts in the template columns: by position where the cells kept it,
else by arithmetic (:mod:`extractors.budget.column_solver`) with the surviving spacing as a tie-breaker.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import combinations
from typing import Optional

from extractors.budget.column_solver import MAX_SOLUTIONS, agree, candidates, solve
from extractors.budget.rows import Row, amount_of
from normalisers.money import footnote_reading, is_blank
from pipeline.records import Amount, Provenance

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlacedRow:
    label: str
    line: int
    raw: str
    prov: Optional[Provenance]
    amounts: tuple[Amount, ...]
    columns: tuple[Optional[int], ...]
    inferred: bool = False
    ambiguous: bool = False
    total_only: Optional[Amount] = None
    unplaced: tuple[Amount, ...] = ()  # amounts of an ambiguous row whose column is not known


@dataclass(frozen=True)
class Placed:
    rows: tuple[PlacedRow, ...]
    total: Optional[PlacedRow]
    quality: float
    notes: tuple[str, ...]


# --------------------------------------------------------------------------- placing amounts


def _layout(r: Row, ncols: int) -> tuple[list[str], bool]:
    """The cells in column order and whether their positions are known."""
    cells = list(r.cells)
    if r.positional:
        extra = cells[ncols:]
        if all(is_blank(c) for c in extra):
            return cells[:ncols], True
    while len(cells) > ncols and is_blank(cells[-1]):
        cells.pop()
    while len(cells) > ncols and is_blank(cells[0]):
        cells.pop(0)
    if len(cells) == ncols:
        return cells, True
    return [c for c in r.cells if not is_blank(c)], False


def place_rows(rows: list[Row], total: Optional[Row], ncols: int, total_col: Optional[int],
               tol: Decimal) -> Placed:
    layouts = [_layout(r, ncols) for r in rows]
    amounts = [[amount_of(c) for c in cells] for cells, _ in layouts]
    amounts = [_footnotes(a, total_col, tol) if pos else a for a, (_, pos) in zip(amounts, layouts)]
    placed_total = _place_total(total, ncols, total_col, tol)
    col_totals = _column_totals(placed_total, ncols)
    fixed: list[list[Decimal]] = [[] for _ in range(ncols)]
    for a, (_, pos), r in zip(amounts, layouts, rows):
        if pos and r.kind != "subtotal":  # a printed sub-total is not counted again in the column sums
            for c, amt in enumerate(a):
                if amt.value is not None:
                    fixed[c].append(amt.value)
    loose_all = [k for k, (_, pos) in enumerate(layouts) if not pos]
    loose = [k for k in loose_all if rows[k].kind != "subtotal"]
    subs = [k for k in loose_all if rows[k].kind == "subtotal"]
    if placed_total is not None and placed_total.inferred and not loose:
        placed_total = _total_by_column_sums(placed_total, fixed, ncols, total_col, tol)
        col_totals = _column_totals(placed_total, ncols)
    hints = {k: h for k in loose if (h := _spacing_hint(rows[k].gaps, len(amounts[k]), ncols)) is not None}
    if placed_total is not None and placed_total.inferred and loose:
        placed_total, choice = _infer_with_total(loose, amounts, fixed, placed_total, ncols, total_col, tol, hints)
    else:
        choice = _infer(loose, amounts, fixed, col_totals, ncols, total_col, tol, hints)
    choice.update(_subtotals_by_blocks(subs, rows, amounts, layouts, choice, ncols, total_col, tol))
    loose = loose_all
    out = []
    for k, r in enumerate(rows):
        if layouts[k][1]:
            out.append(PlacedRow(r.label, r.line, r.raw, r.prov, tuple(amounts[k]), tuple(range(len(amounts[k])))))
        else:
            out.append(_inferred_row(r, amounts[k], choice.get(k), total_col, ncols))
    notes = _notes(rows, loose, choice)
    quality = 1.0 if not loose else (0.8 if all(choice.get(k) is not None for k in loose) else 0.5)
    return Placed(tuple(out), placed_total, quality, notes)


def _subtotals_by_blocks(subs: list[int], rows: list[Row], amounts: list[list[Amount]],
                         layouts: list[tuple[list[str], bool]], choice: dict[int, Optional[tuple[int, ...]]],
                         ncols: int, total_col: Optional[int], tol: Decimal) -> dict[int, Optional[tuple[int, ...]]]:
    """A sub-total row that lost its blanks: placed so that each of its amounts is the sum of its column over the
    rows it closes (those placed), when exactly one placement does."""
    out: dict[int, Optional[tuple[int, ...]]] = {}
    start = 0
    for k in range(len(rows)):
        if k not in subs:
            if rows[k].kind == "subtotal" or (k and rows[k].section != rows[k - 1].section):
                start = k + 1 if rows[k].kind == "subtotal" else k
            continue
        sums = [Decimal(0)] * ncols
        known = True
        for j in range(start, k):
            cols = tuple(range(len(amounts[j]))) if layouts[j][1] else choice.get(j)
            if cols is None:
                known = False
                break
            for a, c in zip(amounts[j], cols):
                if c != NIL_UNPLACED:
                    sums[c] += a.value or 0
        values = [a.value for a in amounts[k]]
        fits = [] if not known or any(v is None for v in values) else [
            cols for cols in candidates([v for v in values if v is not None], ncols, total_col, tol)
            if all(abs(sums[c] - (v or 0)) <= tol for v, c in zip(values, cols))
            and all(abs(sums[c]) <= tol for c in range(ncols) if c not in cols)]
        out[k] = fits[0] if len(fits) == 1 else None
        start = k + 1
    return out


def _place_total(total: Optional[Row], ncols: int, total_col: Optional[int], tol: Decimal) -> Optional[PlacedRow]:
    if total is None:
        return None
    cells, pos = _layout(total, ncols)
    amounts = [amount_of(c) for c in cells]
    if pos:
        return PlacedRow(total.label, total.line, total.raw, total.prov, tuple(amounts), tuple(range(len(amounts))))
    # positions lost: only the last amount (the grand total) is certain
    cols = tuple(None for _ in amounts[:-1]) + ((total_col,) if amounts else ())
    return PlacedRow(total.label, total.line, total.raw, total.prov, tuple(amounts), cols, inferred=True)


def _total_by_column_sums(total: PlacedRow, fixed: list[list[Decimal]], ncols: int, total_col: Optional[int],
                          tol: Decimal) -> PlacedRow:
    """A Total row that lost its blank cells: place each amount in the one column whose rows add up to it."""
    values = [v for a in total.amounts if (v := a.value) is not None]
    if len(values) != len(total.amounts):
        return total
    sums = [sum(col, Decimal(0)) for col in fixed]
    # a Total row printing only some column totals need not add up across: each amount must be its column's sum
    fits = [cols for cols in candidates(values, ncols, None, tol)
            if all(abs(sums[c] - v) <= tol for v, c in zip(values, cols))]
    if len(fits) != 1:
        return total
    return PlacedRow(total.label, total.line, total.raw, total.prov, total.amounts, fits[0], inferred=True)


def _column_totals(total: Optional[PlacedRow], ncols: int) -> list[Optional[Decimal]]:
    out: list[Optional[Decimal]] = [None] * ncols
    if total is not None:
        for amt, col in zip(total.amounts, total.columns):
            if col is not None:
                out[col] = amt.value
    return out


def _footnotes(amounts: list[Amount], total_col: Optional[int], tol: Decimal) -> list[Amount]:
    """A glued footnote digit (``82,4202``) is removed only when the row then adds up to its total."""
    total = amounts[total_col].value if total_col is not None and total_col < len(amounts) else None
    if total is None:
        return amounts
    out = list(amounts)
    for c, amt in enumerate(amounts):
        reading = footnote_reading(amt.raw) if amt.value is None and c != total_col else None
        if reading is None:
            continue
        others = sum((v for k, a in enumerate(out) if k not in (c, total_col) and (v := a.value) is not None), Decimal(0))
        if abs(others + reading[0] - total) <= tol:
            out[c] = Amount(amt.raw, reading[0], f"footnote digit {reading[1]} removed (the row then adds up)")
    return out


def _infer(loose: list[int], amounts: list[list[Amount]], fixed: list[list[Decimal]],
           col_totals: list[Optional[Decimal]], ncols: int, total_col: Optional[int], tol: Decimal,
           hints: dict[int, tuple[int, ...]], strict: bool = False) -> dict[int, Optional[tuple[int, ...]]]:
    """Per loose row, its placement (None where it is ambiguous). ``strict``: {} when nothing adds up."""
    if not loose:
        return {}
    nil = {k for k in loose if amounts[k] and all(a.value == 0 for a in amounts[k])}
    if nil:  # nil rows ('-', '£0') add nothing wherever they go: kept out of the search (their total is 0)
        rest = _infer([k for k in loose if k not in nil], amounts, fixed, col_totals, ncols, total_col, tol, hints,
                      strict)
        return {**rest, **{k: None for k in nil}} if rest or not strict else {}
    values = [[v for a in amounts[k] if (v := a.value) is not None] for k in loose]
    if any(len(v) != len(amounts[k]) for v, k in zip(values, loose)):
        return {} if strict else {k: None for k in loose}  # text where an amount should be: no inference
    cands = [candidates(v, ncols, total_col, tol) for v in values]
    solutions = solve(cands, fixed, values, col_totals, tol) if all(cands) else []
    if not solutions:
        return {} if strict else {k: (c[0] if len(c) == 1 else None) for k, c in zip(loose, cands)}
    kept = _spaced(solutions, loose, hints)
    agreed = agree(kept, len(loose))
    return {k: p if p is not None else _nonzero_agreed(kept, i, values[i])
            for i, (k, p) in enumerate(zip(loose, agreed))}


NIL_UNPLACED = -1  # a nil amount ('-', 0) whose column the arithmetic leaves open: kept unplaced, not loaded


def _nonzero_agreed(solutions: list[tuple[tuple[int, ...], ...]], i: int,
                    values: list[Decimal]) -> Optional[tuple[int, ...]]:
    """Placements that add up differ only in where row ``i`` prints its nil amounts: every amount that is not nil
    has its column; each nil amount is left unplaced (a dash adds nothing, and which column printed it is not
    known), never put in a column by guess."""
    if not solutions or len(solutions) >= MAX_SOLUTIONS:
        return None
    out = []
    for j, v in enumerate(values):
        cols = {s[i][j] for s in solutions}
        if len(cols) == 1:
            out.append(cols.pop())
        elif v == 0:
            out.append(NIL_UNPLACED)
        else:
            return None
    return tuple(out)


def _spaced(solutions: list[tuple[tuple[int, ...], ...]], loose: list[int],
            hints: dict[int, tuple[int, ...]]) -> list[tuple[tuple[int, ...], ...]]:
    """Among placements that add up, those the printed spacing agrees with (all of them when none does)."""
    if len(solutions) >= MAX_SOLUTIONS:
        return solutions
    kept = [s for s in solutions if all(hints.get(k, p) == p for k, p in zip(loose, s))]
    return kept or solutions


def _spacing_hint(gaps: tuple[int, ...], nvalues: int, ncols: int) -> Optional[tuple[int, ...]]:
    """Columns the spaces before each amount imply (one extra space per empty cell), if they fit the table."""
    if len(gaps) != nvalues or not gaps:
        return None
    cols, col = [], -1
    for gap in gaps:
        col += max(gap, 1)
        cols.append(col)
    return tuple(cols) if cols[-1] == ncols - 1 else None


def _infer_with_total(loose: list[int], amounts: list[list[Amount]], fixed: list[list[Decimal]], total: PlacedRow,
                      ncols: int, total_col: Optional[int], tol: Decimal,
                      hints: dict[int, tuple[int, ...]]) -> tuple[PlacedRow, dict[int, Optional[tuple[int, ...]]]]:
    """Rows and a Total row that all lost their blanks: try each placement of the Total row's amounts; the
    rows must then add up to it. One fitting placement places the Total row too."""
    found = []
    for option in _total_options(total, ncols, total_col):
        choice = _infer(loose, amounts, fixed, _column_totals(option, ncols), ncols, total_col, tol, hints, strict=True)
        if choice:
            found.append((option, choice))
    if len(found) == 1:
        return found[0]
    if not found:
        return total, _infer(loose, amounts, fixed, _column_totals(total, ncols), ncols, total_col, tol, hints)
    merged = {k: found[0][1][k] if all(c[k] == found[0][1][k] for _, c in found) else None for k in loose}
    same = all(o.columns == found[0][0].columns for o, _ in found)
    return (found[0][0] if same else replace(total, ambiguous=True)), merged


def _total_options(total: PlacedRow, ncols: int, total_col: Optional[int]) -> list[PlacedRow]:
    values = [a.value for a in total.amounts]
    if any(v is None for v in values) or total_col is None:
        return []
    return [PlacedRow(total.label, total.line, total.raw, total.prov, total.amounts, cols, inferred=True)
            for cols in combinations(range(ncols), len(values)) if cols[-1] == total_col]


def _inferred_row(r: Row, amounts: list[Amount], cols: Optional[tuple[int, ...]], total_col: Optional[int],
                  ncols: int) -> PlacedRow:
    """A row no single placement fits. Its last amount is still its total when the Total column is the last one
    (the amounts left of it are kept unplaced, so the row's own arithmetic can be checked)."""
    if cols is not None:
        return PlacedRow(r.label, r.line, r.raw, r.prov, tuple(amounts),
                         tuple(None if c == NIL_UNPLACED else c for c in cols), inferred=True)
    if amounts and all(a.value == 0 for a in amounts) and total_col is not None:
        nil = Amount(amounts[-1].raw, Decimal(0), "nil row: every amount is 0")
        return PlacedRow(r.label, r.line, r.raw, r.prov, tuple(amounts), tuple(None for _ in amounts),
                         inferred=True, total_only=nil)
    known = [(a, v) for a in amounts if (v := a.value) is not None]
    total_only = None
    unplaced = tuple(amounts)
    if total_col is not None and known and amounts[-1].value is not None:
        last, last_value = known[-1]
        parts = [v for _, v in known[:-1]]
        complete = len(known) == len(amounts)  # text cells ('TBC') leave the sum unknown, not the total
        if not parts or (complete and sum(parts, Decimal(0)) == last_value) \
                or (total_col == ncols - 1 and len(amounts) - 1 < ncols):
            total_only = Amount(last.raw, last_value, "row total; the column of each amount is ambiguous")
            unplaced = tuple(amounts[:-1])
    return PlacedRow(r.label, r.line, r.raw, r.prov, tuple(amounts), tuple(None for _ in amounts),
                     inferred=True, ambiguous=True, total_only=total_only, unplaced=unplaced)


def _notes(rows: list[Row], loose: list[int], choice: dict[int, Optional[tuple[int, ...]]]) -> tuple[str, ...]:
    notes = []
    if loose:
        notes.append(f"columns of {len(loose)} row(s) inferred from the printed totals (empty cells lost)")
    ambiguous = [rows[k].label for k in loose if choice.get(k) is None
                 and not (rows[k].cells and all(amount_of(c).value == 0 for c in rows[k].cells if not is_blank(c)))]
    if ambiguous:
        notes.append("placement ambiguous for: " + ", ".join(ambiguous))
    return tuple(notes)

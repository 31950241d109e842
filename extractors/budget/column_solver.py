"""Which column each printed amount of a budget row belongs to, when the text lost the empty cells.

A row whose cells kept their positions is placed directly. For the others every order-preserving
placement of its amounts into the columns is a candidate; a candidate must respect the row's own
arithmetic (the amounts before the Total column add up to it) and, together, the chosen candidates must
make every column add up to the printed Total row. When exactly one combination fits, it is used; when
several fit, a row whose placement differs between them is ambiguous and keeps only what is certain.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Optional, Sequence

log = logging.getLogger(__name__)

MAX_SOLUTIONS = 64
MAX_NODES = 200_000

Placement = tuple[int, ...]  # column index of each printed amount, in order


@dataclass(frozen=True)
class RowAmounts:
    """The printed amounts of one row in reading order (None = a blank kept as a cell)."""

    values: tuple[Optional[Decimal], ...]
    positional: bool


@dataclass(frozen=True)
class Layout:
    placements: tuple[Optional[Placement], ...]  # per row; None = ambiguous (only the total is certain)
    inferred: tuple[bool, ...]
    solutions: int


def candidates(values: Sequence[Decimal], ncols: int, total_col: Optional[int], tol: Decimal) -> list[Placement]:
    """Order-preserving placements of ``values`` into ``ncols`` columns that respect the row's arithmetic."""
    out = []
    for cols in combinations(range(ncols), len(values)):
        if total_col is not None and not _row_adds_up(values, cols, total_col, tol):
            continue
        out.append(cols)
    return out


def _row_adds_up(values: Sequence[Decimal], cols: Sequence[int], total_col: int, tol: Decimal) -> bool:
    """The amounts left of the Total column add up to it; a lone amount may be a row printed without total."""
    if total_col not in cols:
        return len(values) == 1
    parts = [v for v, c in zip(values, cols) if c != total_col]
    total = values[list(cols).index(total_col)]
    if not parts or abs(sum(parts, Decimal(0)) - total) <= tol:
        return True
    # one figure printed in two columns (staffing and in kind) and counted once in the total
    return any(parts.count(v) > 1 and abs(sum(parts, Decimal(0)) - v - total) <= tol for v in set(parts) if v)


def solve(rows: Sequence[list[Placement]], fixed: Sequence[Sequence[Decimal]], values: Sequence[Sequence[Decimal]],
          col_totals: Sequence[Optional[Decimal]], tol: Decimal) -> list[tuple[Placement, ...]]:
    """Combinations of one candidate per row under which every column with a printed total adds up.

    ``fixed[c]`` holds the amounts already known to be in column ``c`` (rows placed by position).
    """
    ncols = len(col_totals)
    base = [sum(fixed[c], Decimal(0)) for c in range(ncols)]
    # what the rows still to come can add to each column at most (amounts may be negative: then no pruning)
    can_prune = all(v >= 0 for vs in values for v in vs)
    out: list[tuple[Placement, ...]] = []
    nodes = 0

    def walk(i: int, sums: list[Decimal], chosen: list[Placement]) -> None:
        nonlocal nodes
        nodes += 1
        if len(out) >= MAX_SOLUTIONS or nodes > MAX_NODES:
            return
        if can_prune and any(t is not None and s > t + tol for s, t in zip(sums, col_totals)):
            return
        if i == len(rows):
            if all(t is None or abs(s - t) <= tol for s, t in zip(sums, col_totals)):
                out.append(tuple(chosen))
            return
        for cand in rows[i]:
            nxt = list(sums)
            for v, c in zip(values[i], cand):
                nxt[c] += v
            walk(i + 1, nxt, chosen + [cand])

    walk(0, base, [])
    if nodes > MAX_NODES:
        log.info("placement search stopped after %d nodes", nodes)
        return []
    return out


def agree(solutions: Sequence[tuple[Placement, ...]], nrows: int) -> tuple[Optional[Placement], ...]:
    """Per row: the placement every solution gives it, or None where solutions differ."""
    if not solutions or len(solutions) >= MAX_SOLUTIONS:  # none, or too many to have seen them all
        return tuple(None for _ in range(nrows))
    return tuple(solutions[0][i] if all(s[i] == solutions[0][i] for s in solutions) else None for i in range(nrows))

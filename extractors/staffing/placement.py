"""Settle where the cells of rows that lost their blanks belong, using the grid's printed Total row.

Each open row has candidate placements (from the shared row fitter, which already honours the row's own printed
total). A combination is kept only when every column the Total row prints adds up; the search prunes a branch as
soon as a column overshoots its total or can no longer reach it (staffing cells are never negative). A row is
settled when every combination that fits puts it in the same place; otherwise it stays open, and the caller
records an ambiguity instead of guessing. Bounded: past a node budget nothing is settled.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional, Sequence

Values = tuple[Optional[Decimal], ...]
MAX_NODES = 40_000  # candidate placements tried, over the whole search
MAX_SOLUTIONS = 200


def _as_vec(v: Values, cols: Sequence[int]) -> list[Decimal]:
    return [v[c] or Decimal(0) for c in cols]


def settle(candidates: Sequence[Sequence[Values]], remaining: Sequence[Optional[Decimal]],
           checked: Sequence[int], tol: Decimal) -> list[Optional[int]]:
    """For each open row, the index of its one placement consistent with the column totals, else None.

    ``remaining`` is, per column, the printed total minus the settled rows' cells (None: not printed);
    ``checked`` the columns whose totals are compared."""
    cols = [c for c in checked if remaining[c] is not None]
    if not cols or any(x is not None and x < 0 for cand in candidates for v in cand for x in v):
        return [None] * len(candidates)
    fixed, alive = _propagate(candidates, remaining, cols, tol)
    rem = list(remaining)
    for i, k in enumerate(fixed):
        if k is not None:
            for c in cols:
                rem[c] = (rem[c] or Decimal(0)) - (candidates[i][k][c] or Decimal(0))
    todo = [i for i, k in enumerate(fixed) if k is None]
    picks = _search([[candidates[i][k] for k in alive[i]] for i in todo], rem, cols, tol)
    if picks is None:  # no combination adds up, or too many to try: settle nothing
        return [None] * len(candidates)
    for i, k in zip(todo, picks):
        fixed[i] = None if k is None else alive[i][k]
    return fixed


def _propagate(candidates: Sequence[Sequence[Values]], remaining: Sequence[Optional[Decimal]], cols: list[int],
               tol: Decimal) -> tuple[list[Optional[int]], list[list[int]]]:
    """Drop placements that put more in a column than its total leaves room for; a row left with one is settled.
    Repeats until nothing changes. Returns (settled index or None, the live placements of each row)."""
    rem = {c: remaining[c] or Decimal(0) for c in cols}
    alive = [list(range(len(c))) for c in candidates]
    fixed: list[Optional[int]] = [None] * len(candidates)
    changed = True
    while changed:
        changed = False
        for i, cand in enumerate(candidates):
            if fixed[i] is not None:
                continue
            keep = [k for k in alive[i] if all((cand[k][c] or 0) <= rem[c] + tol for c in cols)]
            if len(keep) != len(alive[i]):
                alive[i], changed = keep, True
            if len(keep) == 1:
                fixed[i] = keep[0]
                for c in cols:
                    rem[c] -= cand[keep[0]][c] or Decimal(0)
                changed = True
            if not keep:
                return [None] * len(candidates), alive  # the totals contradict the rows: settle nothing
    return fixed, alive


def _search(candidates: Sequence[Sequence[Values]], remaining: Sequence[Optional[Decimal]], cols: list[int],
            tol: Decimal) -> Optional[list[Optional[int]]]:
    """Each open row's placement where every combination that makes the columns add up agrees (else None for that
    row); None when no combination does, or when the search ran out of budget."""
    if not candidates:
        return [] if all(abs(remaining[c] or Decimal(0)) <= tol for c in cols) else None
    vecs = [[_as_vec(v, cols) for v in cand] for cand in candidates]
    order = sorted(range(len(vecs)), key=lambda i: len(vecs[i]))
    # the most the rows still to place can add to each column, from each depth on
    reach = [[Decimal(0)] * len(cols) for _ in range(len(order) + 1)]
    for d in range(len(order) - 1, -1, -1):
        best = [max((v[j] for v in vecs[order[d]]), default=Decimal(0)) for j in range(len(cols))]
        reach[d] = [a + b for a, b in zip(reach[d + 1], best)]
    seen: list[set[int]] = [set() for _ in candidates]
    state = {"nodes": 0, "solutions": 0}
    pick = [0] * len(order)
    start = [remaining[c] or Decimal(0) for c in cols]

    def walk(d: int, rem: list[Decimal]) -> bool:
        state["nodes"] += 1
        if state["nodes"] > MAX_NODES or state["solutions"] > MAX_SOLUTIONS:
            return False
        if d == len(order):
            if all(abs(r) <= tol for r in rem):
                state["solutions"] += 1
                for k, i in enumerate(order):
                    seen[i].add(pick[k])
            return True
        for idx, v in enumerate(vecs[order[d]]):
            state["nodes"] += 1
            if state["nodes"] > MAX_NODES:
                return False
            nxt = [r - x for r, x in zip(rem, v)]
            if any(r < -tol for r in nxt) or any(r > h + tol for r, h in zip(nxt, reach[d + 1])):
                continue
            pick[d] = idx
            if not walk(d + 1, nxt):
                return False
        return True

    complete = walk(0, start)
    if not complete or state["solutions"] == 0:
        return None
    return [next(iter(s)) if len(s) == 1 else None for s in seen]

"""Placing amounts whose empty cells were lost: by each row's own sum and by the printed column totals."""
from __future__ import annotations

from decimal import Decimal as D

from extractors.budget.column_solver import MAX_SOLUTIONS, agree, candidates, solve

TOL = D("1")


def test_candidates_respect_the_row_sum() -> None:
    # columns: staffing, delegated, total; 32,185 + 31,502 = 63,687 can only be staffing, delegated, total
    assert candidates([D(32185), D(31502), D(63687)], 3, 2, TOL) == [(0, 1, 2)]
    # one amount and its total: the amount is staffing or delegated
    assert candidates([D(54015), D(54015)], 3, 2, TOL) == [(0, 2), (1, 2)]
    # amounts that do not add up to the last one: no placement with a total
    assert candidates([D(1), D(5)], 3, 2, TOL) == []


def test_solve_uses_the_column_totals() -> None:
    rows = [candidates([D(54015), D(54015)], 3, 2, TOL), candidates([D(116900), D(116900)], 3, 2, TOL)]
    values = [[D(54015), D(54015)], [D(116900), D(116900)]]
    solutions = solve(rows, [[], [], []], values, [D(54015), D(116900), D(170915)], TOL)
    assert solutions == [((0, 2), (1, 2))]
    assert agree(solutions, 2) == ((0, 2), (1, 2))


def test_two_fits_leave_the_rows_open() -> None:
    rows = [candidates([D(1000), D(1000)], 3, 2, TOL)] * 2
    values = [[D(1000), D(1000)]] * 2
    solutions = solve(rows, [[], [], []], values, [D(1000), D(1000), D(2000)], TOL)
    assert len(solutions) == 2 and agree(solutions, 2) == (None, None)


def test_a_capped_search_decides_nothing() -> None:
    assert agree([((0, 2),)] * MAX_SOLUTIONS, 1) == (None,)

"""Generated staffing grids (tests/staffing_gen.py) in every text-conversion form, a fixed number per form.

Properties: nothing is read that the grid does not print in that place; where the blanks are printed every cell is
read exactly; where they were lost, every cell is read or the grid says why not; the checks raise no error on a
grid that adds up and raise the seeded slip on one that does not.
"""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import assume, HealthCheck, given, settings, strategies as st

from extractors.readers.text import read_text
from extractors.staffing.extract import read_staffing_grids
from pipeline.checks.staffing import check_grid
from pipeline.settings import DEFAULT_SETTINGS

from tests.staffing_gen import FORMS, Grid, grids, render, score

KEPT = ("tab", "cells", "flat", "tab_transposed", "cells_transposed")
EXACT = ("tab", "cells", "tab_transposed", "cells_transposed")
# blanks at the end of a one-line grid are only trailing spaces: the last row may be left open, with a finding
OPEN = ("flat", "cells_lost", "flat_lost")
FAST = settings(max_examples=8, deadline=None, database=None, derandomize=True,  # the same examples every run
                suppress_health_check=list(HealthCheck))


def _errors(g: Grid) -> list:
    doc = read_text(render(g).encode(), "generated.txt")
    return [f for sg in read_staffing_grids(doc, DEFAULT_SETTINGS) for f in check_grid(sg, DEFAULT_SETTINGS)
            if f.severity == "error"]


@pytest.mark.parametrize("form", EXACT)
@FAST
@given(data=st.data())
def test_grid_with_its_blanks_is_read_exactly(form: str, data: st.DataObject) -> None:
    g = data.draw(grids(form))
    s = score(g)
    assert s.wrong == 0 and s.exact == s.cells, render(g)


@pytest.mark.parametrize("form", OPEN)
@FAST
@given(data=st.data())
def test_grid_that_lost_its_blanks_is_read_or_says_why(form: str, data: st.DataObject) -> None:
    g = data.draw(grids(form))
    s = score(g)
    assert s.wrong == 0 and s.missed_silent == 0, render(g)


@pytest.mark.parametrize("form", KEPT)
@FAST
@given(data=st.data())
def test_grid_that_adds_up_raises_no_error(form: str, data: st.DataObject) -> None:
    assert _errors(data.draw(grids(form))) == []


@pytest.mark.parametrize("form", ("tab", "cells", "flat"))
@FAST
@given(data=st.data())
def test_seeded_slip_is_raised(form: str, data: st.DataObject) -> None:
    g = data.draw(grids(form, "fte"))
    # a grid of one or two rows whose Total row prints more than them reads as a partial grid (rows left out,
    # an info finding), which a slip there cannot be told from: slips are seeded in grids of three rows or more
    assume(len(g.cells) >= 3)
    g = dataclasses.replace(g, total_col=True, total_row="last")
    if data.draw(st.booleans()):
        g.slip_row = data.draw(st.integers(0, len(g.cells) - 1))
    else:
        g.slip_col = data.draw(st.integers(0, len(g.cols) - 1))
    # a row that prints only its total is held to the grand total, not to its empty cells
    raised = {f.check_name for f in _errors(g)}
    assert raised & {"row_sum_mismatch", "column_sum_mismatch", "grand_total_mismatch"}, render(g)


def test_every_form_is_generated() -> None:
    assert set(EXACT + OPEN) == set(FORMS)


@pytest.mark.parametrize("form", ("cells_lost", "flat_lost"))
@FAST
@given(data=st.data())
def test_row_slip_is_raised_where_blanks_were_lost(form: str, data: st.DataObject) -> None:
    """A row whose blanks were lost and whose cells do not add up to its printed total cannot be placed; the
    arithmetic does not depend on the placement, so the slip is raised all the same (checks._unplaced_findings)."""
    g = data.draw(grids(form, "fte"))
    g = dataclasses.replace(g, total_col=True, total_row="last")
    rows = [i for i, r in enumerate(g.cells) if sum(1 for v in r if v) >= 1]
    assume(rows)
    g.slip_row = data.draw(st.sampled_from(rows))
    raised = {f.check_name for f in _errors(g)}
    assert raised & {"row_sum_mismatch", "column_sum_mismatch", "grand_total_mismatch"}, render(g)


_FLAT = ("Staffing \n \nType of Contract Strategic Manager (PT) Strategic Manager (FT) Operational Manager (PT) "
         "Operational Manager (FT) Practitioners (PT) Practitioners (FT) Administration (PT) Administration (FT) "
         "Sessional Students/ trainees Volunteer Total Permanent 0.2           0.2 Fixed-term             Vacant"
         "             Secondee Other             Total {}           0.2  \n \nThe plan was agreed.\n")


@pytest.mark.parametrize("printed, slip", [("1.2", True), ("0.2", False)])
def test_column_slip_in_a_total_row_that_cannot_be_placed(printed: str, slip: bool) -> None:
    """A grid flattened onto one line whose Total row cannot be placed (its trailing blanks are only spaces): the
    body rows placed, its non-zero cells must be their non-zero column sums in order, wherever they belong
    (checks._unplaced_total_findings); a Total row that matches raises nothing."""
    doc = read_text(_FLAT.format(printed).encode(), "flat.txt")
    raised = {f.check_name for sg in read_staffing_grids(doc, DEFAULT_SETTINGS)
              for f in check_grid(sg, DEFAULT_SETTINGS) if f.severity == "error"}
    assert bool(raised & {"row_sum_mismatch", "column_sum_mismatch", "grand_total_mismatch"}) == slip

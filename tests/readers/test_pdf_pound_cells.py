"""Unruled PDF tables with the currency sign printed apart in every amount cell (accounting format), generated
(readers/pdf_grids.py ``join_unit_columns``, readers/pdf_unruled.py ``_merge_complementary``):
- a text cell ('tbc', 'n/a') set at the left of an amount cell stands where the sign stands: the sign column is
  still the sign half of the amounts;
- items in one column and section sub-totals in the next: the second column's signs are not joined to the
  first column's amounts (a sign column is never a complementary continuation of its neighbour)."""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipeline.stages import process
from tests.generated.budget_strategies import budget_docs
from tests.generated.properties import judge
from tests.generated.render_pdf import render_pdf


@pytest.mark.parametrize("shape", ["text_cells", "subtotals_second_col"])
def test_pound_in_every_cell(shape: str) -> None:
    @settings(max_examples=8, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(budget_docs(shape), st.integers(0, 15))
    def check(doc: Any, variant: int) -> None:
        data, src = render_pdf(doc, "pdf_pound", variant)
        fails = judge(doc, process(data, src))
        assert not fails, "\n".join(f"{f.kind}: {f.detail}" for f in fails)
    check()

"""A column printed empty in every body row of an unruled PDF table (no Total row, or a Total row printing only
some columns), generated: its heading stands beside the heading of a column with amounts, in that column's room.
The heading nearest the amounts heads them and the other gets an empty column of its own
(readers/pdf_grids.py ``widen_for_headings``); before, both headings were one cell and the figures were read
under the wrong column. Also funder rows whose every figure is blank (a label alone on its line), several in a
row: the table runs on through them (readers/pdf_unruled.py ``_runs``, ``_label_only``)."""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipeline.stages import process
from tests.generated.budget_strategies import budget_docs
from tests.generated.properties import judge
from tests.generated.render_pdf import render_pdf


@pytest.mark.parametrize("form", ["pdf_borderless", "pdf_pound", "pdf_landscape"])
@pytest.mark.parametrize("shape", ["no_total_row", "partial_total_row", "no_total_col"])
def test_column_printed_empty(form: str, shape: str) -> None:
    @settings(max_examples=8, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(budget_docs(shape), st.integers(0, 15))
    def check(doc: Any, variant: int) -> None:
        data, src = render_pdf(doc, form, variant)
        fails = judge(doc, process(data, src))
        assert not fails, "\n".join(f"{f.kind}: {f.detail}" for f in fails)
    check()

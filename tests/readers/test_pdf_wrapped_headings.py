"""Column headings wrapped onto two or three lines inside their cells, in unruled PDF tables (readers/pdf_grids.py:
``_unwrapped``, ``_heading_cells``): a transposed budget table names its funders in narrow columns, so
'Police and Crime Commissioner' prints as 'Police and' / 'Crime' / 'Commissioner'. The heading must come back
whole and in reading order, over its own column, with and without a currency sign printed apart in every cell."""
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
def test_transposed_table_with_wrapped_funder_headings(form: str) -> None:
    @settings(max_examples=6, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(budget_docs("transposed"), st.integers(0, 15))
    def check(doc: Any, variant: int) -> None:
        data, src = render_pdf(doc, form, variant)
        fails = judge(doc, process(data, src))
        assert not fails, "\n".join(f"{f.kind}: {f.detail}" for f in fails)
    check()


@pytest.mark.parametrize("shape", ["zeros", "plain"])
def test_staffing_grid_headings_wrapped_part_above_the_grid(shape: str) -> None:
    """A landscape staffing grid's headings wrap onto three lines ('Strategic' / 'Managers' / '(PT)'): the first
    line is set apart from the grid (it crosses a column gap), the others are the grid's first row; the two
    are one heading row (readers/pdf_grids.py ``attach_header``, ``_wraps_into``)."""
    from tests.generated.staffing import judge_staff, staff_docs

    @settings(max_examples=4, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(staff_docs(shape), st.integers(0, 15))
    def check(doc: Any, variant: int) -> None:
        data, src = render_pdf(doc, "pdf_landscape", variant)
        fails = judge_staff(doc, process(data, src))
        assert not fails, "\n".join(f"{f.kind}: {f.detail}" for f in fails)
    check()

"""A budget table broken across a page, generated (readers/pdf.py ``_join_continued``, ``_leading_headings``;
readers/pdf_continued.py; readers/pdf_grids.py ``_heading_cells``):
- parts with as many columns, the second starting with rows or repeating the first's headings, keep each its
  own columns (a text cell set left, or a column printed empty in one part, moves the edges);
- the headings printed again as a line of text over the continuation are not content;
- a funder row with its label alone (every figure blank), or a section row, at the top of the continuation is a
  row, not a repeated heading;
- a row of currency signs alone ('£ £') is a heading row; '- revenue (£)' inside a heading is words, no figure."""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipeline.stages import process
from tests.generated.budget_strategies import budget_docs
from tests.generated.properties import judge
from tests.generated.render_pdf import render_pdf


@pytest.mark.parametrize("shape", ["text_cells", "subtotals_second_col", "funding_streams"])
def test_table_split_over_a_page(shape: str) -> None:
    @settings(max_examples=12, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(budget_docs(shape), st.integers(0, 15))
    def check(doc: Any, variant: int) -> None:
        data, src = render_pdf(doc, "pdf_pagesplit", variant)
        fails = judge(doc, process(data, src))
        assert not fails, "\n".join(f"{f.kind}: {f.detail}" for f in fails)
    check()


# KNOWN (not yet read; none of the 12 examples above): a text cell ('tbc', 'n/a') set at the left of an amount
# column in an unruled part makes the whitespace finder cut a column of its own there; the part on the other page
# has one column fewer and the Total row is read a column off or left ambiguous (pagesplit text_cells, about 1 table
# in 100). It was seen "failing only in larger runs" because the examples drawn then depended on which project
# modules were imported (tests/generated/reproducible.py); the reading of a given PDF never varied.

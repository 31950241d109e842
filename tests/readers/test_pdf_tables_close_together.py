"""Two budget tables printed close together (one per year), generated, in unruled and page-split PDFs:
- an unruled run holding a title line set across the columns and then a new row of headings is two tables
  (readers/pdf_unruled.py ``_build_split``);
- a title under a table that ends at the top of a page ('Table 2. ...', its '2.' no amount; a number set in the
  label column is words of the label) is not folded into the table as a row (readers/pdf_continued.py ``recut``);
- a table's headings printed alone at the foot of a page (the grid starting on the next) are not its title
  (budget/extract.py ``_anchor``): the period comes from the title above them."""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipeline.stages import process
from tests.generated.budget_strategies import budget_docs
from tests.generated.properties import judge
from tests.generated.render_pdf import render_pdf


@pytest.mark.parametrize("form", ["pdf_pagesplit", "pdf_borderless"])
def test_one_table_per_year(form: str) -> None:
    @settings(max_examples=10, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(budget_docs("per_year"), st.integers(0, 15))
    def check(doc: Any, variant: int) -> None:
        data, src = render_pdf(doc, form, variant)
        fails = judge(doc, process(data, src))
        assert not fails, "\n".join(f"{f.kind}: {f.detail}" for f in fails)
    check()

"""Indicator tables in PDFs (drawn with PyMuPDF: ruled, borderless, landscape): the generated grids of
``test_indicators_generated.tab_grids`` printed as councils print them, read whole by the indicator readers (the PDF
reader prints a table row as one line with tabs between cells; the grid reader reads those cells)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from extractors.indicators.extract import extract_indicators
from extractors.readers.pdf import read_pdf
from pipeline.settings import DEFAULT_SETTINGS
from tests.generated.grids import Grid
from tests.generated.render_pdf import render_pdf
from tests.indicators.test_indicators_generated import META, tab_grids


class _Page:
    def __init__(self, lines: list[str]) -> None:
        rows = tuple(tuple(line.split("\t")) for line in lines[1:])
        width = max(len(r) for r in rows)
        rows = tuple(("",) * (width - len(r)) + r if k == 0 else r for k, r in enumerate(rows))  # corner cell
        self.grid = Grid(rows, 1, ("header",) + ("body",) * (len(rows) - 1))
        self.title = lines[0]

    def blocks(self) -> list[object]:
        return ["Barsetshire Youth Justice Plan 2019/20", "Our performance against the national indicators.",
                self.title, self.grid, "We will keep working with partners."]


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(["periods", "places"]).flatmap(tab_grids), st.sampled_from(["pdf_ruled", "pdf_borderless",
                                                                                   "pdf_landscape"]))
def test_indicator_tables_in_pdfs(grid: tuple[list[str], set], form: str) -> None:
    lines, want = grid
    data, src = render_pdf(_Page(lines), form, 0)
    got = {(i.indicator, i.value, i.unit, i.scope, i.period_label or "")
           for i in extract_indicators(read_pdf(data, src), DEFAULT_SETTINGS, META)}
    assert got == want

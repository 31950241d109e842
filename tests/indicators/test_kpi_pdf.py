"""KPI report pages as councils publish them (real PDFs drawn with PyMuPDF): boxed blocks, each a title naming
its measure, a RAG word, Latest / Target / Floor / Previous figures in a row (label beside or over its value) and
a small chart's axis ticks; the first-time-entrants block sits among blocks of other measures, after a paragraph
that mentions first-time entrants. Its figures are read with their kinds (the Floor a threshold, never an actual)
and nothing is read from the other blocks."""
from __future__ import annotations

from decimal import Decimal

import pymupdf
from hypothesis import given, settings, strategies as st

from extractors.indicators.extract import extract_indicators
from extractors.readers.pdf import read_pdf
from pipeline.settings import DEFAULT_SETTINGS

LABELS = [("Latest", "actual"), ("Target", "target"), ("Floor", "threshold"), ("Previous", "previous")]
FTE_TITLES = ["First time entrants to youth justice system per 100,000 of 10-17 population",
              "Rate of first time entrants to the youth justice system per 100,000 aged 10-17"]
OTHERS = ["Percentage of Education, Health and Care Plans issued within 20 weeks",
          "Percentage of pupils permanently excluded from school", "Children in care with three or more placements",
          "Percentage of care leavers in education, employment or training"]


def _page(blocks: list[tuple[str, list[str]]], over: bool, axis: bool, landscape: bool) -> bytes:
    doc = pymupdf.open()
    width, height = (842, 595) if landscape else (595, 842)
    page = doc.new_page(width=width, height=height)
    page.insert_text((40, 40), "Quarterly Performance Report, Quarter 3", fontsize=14)
    page.insert_text((40, 62), "Diversion work continued and first time entrants fell again.", fontsize=9)
    y, step = 100, (width - 120) / 4
    for title, values in blocks:
        page.draw_rect(pymupdf.Rect(35, y - 14, width - 35, y + 62), color=(0.5, 0.5, 0.5))
        page.insert_text((40, y), title, fontsize=9 if len(title) < 80 else 8)
        page.insert_text((width - 90, y + 12), "GREEN", fontsize=9)
        for k, ((label, _), v) in enumerate(zip(LABELS, values)):
            x = 40 + k * step
            if over:
                page.insert_text((x, y + 22), label, fontsize=9)
                page.insert_text((x, y + 34), v, fontsize=9)
            else:
                page.insert_text((x, y + 25), f"{label}:", fontsize=9)
                page.insert_text((x + 48, y + 25), v, fontsize=9)
        if axis:
            for k, tick in enumerate(["Mar-24", "Jun-24", "Sep-24", "Dec-24"]):
                page.insert_text((width - 280 + 45 * k, y + 52), tick, fontsize=7)
        y += 95
    return doc.tobytes()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(50, 900), min_size=4, max_size=4), st.sampled_from(FTE_TITLES),
       st.lists(st.sampled_from(OTHERS), min_size=1, max_size=3, unique=True), st.integers(0, 3), st.booleans(),
       st.booleans(), st.booleans())
def test_the_first_time_entrants_block_is_read_among_other_measures(values: list[int], title: str,
                                                                      others: list[str], at: int, over: bool,
                                                                      axis: bool, landscape: bool) -> None:
    blocks: list[tuple[str, list[str]]] = [(o, [f"{v % 97}%" for v in values]) for o in others]
    blocks.insert(min(at, len(blocks)), (title, [str(v) for v in values]))
    got = {(i.indicator, i.value, i.unit, i.kind)
           for i in extract_indicators(read_pdf(_page(blocks, over, axis, landscape), "kpi.pdf"), DEFAULT_SETTINGS)}
    assert got == {("first_time_entrants", Decimal(v), "per_100000", kind) for (_, kind), v in zip(LABELS, values)}

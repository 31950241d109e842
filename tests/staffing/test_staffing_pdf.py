"""The seeds' PDF versions: grids a PDF reader found (doc.tables) give the same cells and indicators as the text."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.indicators.extract import extract_indicators
from extractors.staffing.extract import extract_staffing
from pipeline.records import Document
from pipeline.settings import DEFAULT_SETTINGS
from pipeline.stages import read_document

from tests.staffing.test_staffing import cell_sums
from tests.conftest import SAMPLES, gold_for

PDFS = sorted((SAMPLES / "pdf").glob("*.pdf"))


@lru_cache(maxsize=None)
def pdf_doc(path: Path) -> Document:
    return read_document(path.read_bytes(), str(path))


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_pdf_staffing_cells_match_gold(path: Path) -> None:
    gold = gold_for(path)
    fte, heads = extract_staffing(pdf_doc(path), DEFAULT_SETTINGS)
    got_f, got_h = cell_sums(fte, heads)
    assert got_f == {(c["contract"], c["role"], c["basis"]): Decimal(str(c["fte"])) for c in gold["staffing_fte"]}
    assert got_h == {(c["ethnicity"], c["role"], c["sex"]): c["count"] for c in gold["staffing_headcount"]}
    assert all(x.prov.page is not None for x in fte)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_pdf_indicators_match_gold(path: Path) -> None:
    got = extract_indicators(pdf_doc(path), DEFAULT_SETTINGS)
    for w in gold_for(path)["indicators"]:
        assert any(i.indicator == w["indicator"] and i.value == Decimal(str(w["value"])) and i.unit == w["unit"]
                   and i.scope == w["scope"] for i in got), w

"""Each PDF rendition yields its seed's gold budget values, every one with a page and a bbox on that page."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Optional

import pymupdf
import pytest

from pipeline.records import BudgetLine
from pipeline.stages import process
from tests.conftest import SAMPLES, gold_for

PDFS = [p for p in sorted((SAMPLES / "pdf").glob("*.pdf")) if (gold_for(p) or {}).get("budget_tables")]
COLUMNS = ("staffing", "payments_in_kind", "delegated", "total")


def _num(v: Optional[Decimal]) -> Decimal:
    return Decimal(0) if v is None else Decimal(v)


def _found(lines: list[BudgetLine], row: dict) -> Optional[BudgetLine]:
    want = tuple(_num(None if row.get(c) is None else Decimal(str(row[c]))) for c in COLUMNS)
    for ln in lines:
        if ln.agency == row["agency"] and ln.label == row["label"] and tuple(_num(ln.amount(c).value) for c in COLUMNS) == want:
            return ln
    return None


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem[:3])
def test_pdf_yields_gold_budget_rows_with_page_and_bbox(path: Path) -> None:
    gold = gold_for(path)
    assert gold is not None
    x = process(path.read_bytes(), path.name)
    lines = [ln for t in x.budget_tables for ln in t.lines]
    with pymupdf.open(path) as pdf:
        for table in gold["budget_tables"]:
            for row in table["rows"]:
                got = _found(lines, row)
                assert got is not None, (path.name, row)
                assert got.prov.page is not None and got.prov.bbox is not None and got.prov.line is None
                page = pdf[got.prov.page - 1]
                seen = " ".join(page.get_textbox(pymupdf.Rect(*got.prov.bbox)).split())
                assert row["label"].split()[-1] in seen, (row, seen)  # the bbox is on the printed row


@pytest.mark.parametrize("path", sorted((SAMPLES / "pdf").glob("*.pdf")), ids=lambda p: p.stem[:3])
def test_every_value_from_a_pdf_has_page_and_bbox(path: Path) -> None:
    x = process(path.read_bytes(), path.name)
    provs = ([ln.prov for t in x.budget_tables for ln in t.lines] + [f.prov for f in x.staffing_fte]
             + [h.prov for h in x.staffing_headcount] + [i.prov for i in x.indicators])
    assert provs or path.stem.startswith("001")
    for p in provs:
        assert p.page is not None and p.bbox is not None and p.sha256 == x.document.sha256, p
    if path.stem.startswith("002"):
        assert {f.prov.page for f in x.staffing_fte} == {7}  # the landscape page

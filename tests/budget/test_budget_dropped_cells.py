"""Real budget tables with some empty cells dropped (as some conversions do): every value read is still
right; a row whose placement is no longer certain is marked ambiguous and keeps only its total."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extractors.budget.extract import extract_budget_tables
from extractors.readers.text import read_text
from pipeline.records import BUDGET_COLUMNS, BudgetTable
from pipeline.settings import DEFAULT_SETTINGS
from tests.conftest import REAL

TRIALS = 3


def _drop_blank_cells(data: bytes, first: int, last: int, rng: random.Random) -> bytes:
    parts = re.split(rb"(\r\n|\r|\n)", data)
    out = []
    for n, i in enumerate(range(0, len(parts), 2), start=1):
        body, end = parts[i], parts[i + 1] if i + 1 < len(parts) else b""
        if first <= n <= last and end == b"\r" and not body.strip() and rng.random() < 0.5:
            continue
        out.append(body + end)
    return b"".join(out)


def _span(tables: tuple[BudgetTable, ...]) -> tuple[int, int]:
    first = min(t.prov.line or 0 for t in tables)
    last = max((t.printed_total or t).prov.line or 0 for t in tables)
    return first, last + 1


@pytest.mark.parametrize("path", [p for p in REAL if p.stat().st_size], ids=lambda p: p.stem[:30])
def test_dropping_empty_cells_never_gives_a_wrong_value(path: Path) -> None:
    data = path.read_bytes()
    before = extract_budget_tables(read_text(data, str(path)), DEFAULT_SETTINGS)
    if not before or before[0].method != "cr-cells":
        pytest.skip("no table of one cell per line")
    rng = random.Random(path.name)
    for _ in range(TRIALS):
        after = extract_budget_tables(read_text(_drop_blank_cells(data, *_span(before), rng), str(path)), DEFAULT_SETTINGS)
        assert len(after) == len(before)
        for a, b in zip(before, after):
            for la in a.lines:
                same_label = [x for x in a.lines if x.label == la.label]  # e.g. several 'Sub-total' rows
                lb = [x for x in b.lines if x.label == la.label][same_label.index(la)]
                assert lb.agency == la.agency
                for c in BUDGET_COLUMNS:
                    got = lb.amount(c).value
                    assert got is None or got == (la.amount(c).value or 0), (la.label, c)

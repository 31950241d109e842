"""The gold files the tests compare against are there: without them the gold-parametrised tests would collect
nothing and pass vacuously."""
from __future__ import annotations

from tests.conftest import GOLD, GOLD_SETS, REAL, SEEDS, gold_for


def test_gold_and_bundled_documents_are_present():
    assert all((GOLD / s).is_dir() for s in GOLD_SETS), f"no gold under {GOLD}"
    assert len(SEEDS) == 5 and len(REAL) == 20
    assert sum(1 for p in SEEDS + REAL if gold_for(p, GOLD_SETS)) == 25
    assert sum(1 for p in SEEDS + REAL if gold_for(p)) >= 17

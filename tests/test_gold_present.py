"""The gold files the tests compare against are there: without ../shared the gold-parametrised tests would
collect nothing and pass vacuously."""
from __future__ import annotations

from .conftest import REAL, SEEDS, SHARED, gold_for


def test_gold_and_bundled_documents_are_present():
    assert (SHARED / "gold").is_dir() and (SHARED / "gold-real").is_dir(), f"no gold under {SHARED}"
    assert len(SEEDS) == 5 and len(REAL) == 20
    assert sum(1 for p in SEEDS + REAL if gold_for(p)) == 17

"""Indicator statements and their checks over the real documents; seeds' output pinned in reviewed golden files."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.indicators import extract_indicators
from extractors.read_text import read_text
from pipeline.checks.indicators import check
from pipeline.records import Document, Extraction, Indicator
from pipeline.stages import extract
from pipeline.settings import DEFAULT_SETTINGS

from .conftest import REAL, SEEDS, gold_for
from .golden_util import check_golden


@lru_cache(maxsize=None)
def doc_of(path: Path) -> Document:
    return read_text(path.read_bytes(), str(path))


@lru_cache(maxsize=None)
def indicators_of(path: Path) -> tuple[Indicator, ...]:
    return extract_indicators(doc_of(path), DEFAULT_SETTINGS)


@lru_cache(maxsize=None)
def extraction_of(path: Path) -> Extraction:
    return extract(doc_of(path), DEFAULT_SETTINGS)


def _found(w: dict, got: tuple[Indicator, ...]) -> bool:
    return any(i.indicator == w["indicator"] and i.value == Decimal(str(w["value"])) and i.unit == w["unit"]
               and i.scope == w["scope"] and (i.kind == "target") == (w.get("kind") == "target") for i in got)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_indicators_all_found(path: Path) -> None:
    missing = [w for w in gold_for(path)["indicators"] if not _found(w, indicators_of(path))]
    assert missing == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_indicators_golden(path: Path) -> None:
    """Every row is a reviewed true statement of the document: a new row fails until reviewed."""
    rows = [{"indicator": i.indicator, "value": str(i.value), "unit": i.unit, "scope": i.scope, "kind": i.kind,
             "comparator": i.comparator, "period": i.period_label, "raw": i.raw, "line": i.prov.line,
             "sentence": i.sentence} for i in indicators_of(path)]
    check_golden(path.stem, "indicators", rows)


def test_real_plans_recall() -> None:
    want = found = 0
    for path in REAL:
        gold = gold_for(path)
        for w in (gold or {}).get("indicators", []):
            want += 1
            found += _found(w, indicators_of(path))
    assert want == 53 and found == 53


def _findings(path: Path, name: str) -> list:
    return [f for f in check(extraction_of(path), DEFAULT_SETTINGS) if f.check_name == name]


def _seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.stem.startswith(prefix))


def _real(prefix: str) -> Path:
    return next(p for p in REAL if p.stem.startswith(prefix))


@pytest.mark.parametrize("prefix,found", [("003", "0.48%, 0.45%"), ("004", "0.06%, 0.36%, 0.20%, 0.31%")])
def test_rate_written_as_percentage_is_a_unit_conflict(prefix: str, found: str) -> None:
    f = _findings(_seed(prefix), "unit_conflict")
    assert [(x.severity, x.found) for x in f] == [("warning", found)]


def test_frequency_written_as_percentage_is_a_unit_conflict() -> None:
    assert [x.found for x in _findings(_real("Rotherham"), "unit_conflict")] == ["2.9%"]


def test_percent_change_that_does_not_follow_is_flagged() -> None:
    f = _findings(_real("N Somerset"), "percent_change_mismatch")
    assert [(x.severity, x.found, x.expected) for x in f] == [("error", "86%", "84.6%")]


@pytest.mark.parametrize("path", SEEDS + [_real("Merton"), _real("Sheffield")], ids=lambda p: p.stem[:20])
def test_rounded_or_approximate_percent_changes_pass(path: Path) -> None:
    assert _findings(path, "percent_change_mismatch") == []


def test_same_measure_two_values() -> None:
    f = _findings(_real("Manchester"), "narrative_value_mismatch")
    assert {(x.found, x.expected) for x in f} >= {("53", "51")}
    f = _findings(_real("N Somerset"), "narrative_value_mismatch")
    assert [(x.found, x.expected) for x in f] == [("66", "45")]


@pytest.mark.parametrize("path", SEEDS + REAL, ids=lambda p: p.stem[:20])
def test_no_error_where_gold_has_none(path: Path) -> None:
    gold = gold_for(path)
    if gold is None:
        pytest.skip("no gold for this plan")
    kinds = {q["check"] for q in gold.get("quality_issues", []) if q["severity"] == "error"}
    errors = {f.check_name for f in check(extraction_of(path), DEFAULT_SETTINGS) if f.severity == "error"}
    assert errors <= kinds


def test_rate_that_does_not_follow_from_count_and_population() -> None:
    f = [x for x in _findings(_real("Manchester"), "narrative_value_mismatch") if "population" in x.message]
    assert [(x.found, x.expected) for x in f] == [("418", "409.28")]
    assert "46,667" in f[0].message and "191" in f[0].message


def test_frequency_that_does_not_follow_from_the_cohort() -> None:
    f = [x for x in _findings(_real("Monmouthshire"), "narrative_value_mismatch")]
    assert [(x.found, x.expected) for x in f] == [("5.23", "5.55")]


def test_indicator_table_by_period_and_area() -> None:
    got = {(i.indicator, i.scope, i.period_label, str(i.value), i.unit) for i in indicators_of(_real("Southwark"))
           if i.sentence.startswith(("First Time Entrants —", "Use of Custody —", "Re-offending Rates —"))}
    assert ("first_time_entrants", "local", "Jan 18 - Dec 18", "451", "per_100000") in got
    assert ("first_time_entrants", "regional", "Jan 14 - Dec 14", "427", "per_100000") in got
    assert ("custody", "national", "Apr 18 - Mar 19", "0.30", "per_1000") in got
    assert ("reoffending", "local", "Jul 16 - Jun 17", "49.6", "percent") in got
    assert len(got) == 45


def _line_doc(text: str) -> Extraction:
    from pipeline.records import Line
    doc = Document("x", "t", "text", (Line(1, text, "\n"),))
    return extract(doc, DEFAULT_SETTINGS)


@pytest.mark.parametrize("stated,flagged", [("19%", False), ("21%", True)])
def test_percent_change_is_recomputed_from_its_figures(stated: str, flagged: bool) -> None:
    x = _line_doc(f"Funding fell from £372m in 2009/10 to £302m in 2013/14 – a reduction of {stated}.")
    f = [f for f in check(x, DEFAULT_SETTINGS) if f.check_name == "percent_change_mismatch"]
    assert bool(f) == flagged
    if f:
        assert f[0].expected == "18.8%" and f[0].severity == "error"

"""Inspection outcomes and stated counts (Medway's HMIP report)."""
from __future__ import annotations

from decimal import Decimal

from extractors.inspection import extract_inspections, read_grade_lists
from extractors.readers.text import read_text
from pipeline.checks.indicators import check
from pipeline.stages import extract
from pipeline.settings import DEFAULT_SETTINGS

from tests.conftest import SEEDS


def _medway():
    path = next(p for p in SEEDS if p.stem.startswith("003"))
    return read_text(path.read_bytes(), str(path))


def test_medway_inspection_outcome() -> None:
    (ins,) = extract_inspections(_medway())
    assert ins.inspectorate == "HMIP" and ins.overall == "Requires improvement"
    assert ins.grades == (("standards", "good", 7), ("standards", "requires_improvement", 4),
                          ("standards", "inadequate", 1), ("indicators", "outstanding", 7), ("indicators", "good", 9),
                          ("indicators", "requires_improvement", 5), ("indicators", "inadequate", 2))


def test_stated_counts_agree_with_their_lists() -> None:
    doc = _medway()
    assert [(g.group, g.stated, sum(c for _, c in g.counts)) for g in read_grade_lists(doc)] == [
        ("standards", 12, 12), ("indicators", 23, 23)]
    assert [f for f in check(extract(doc, DEFAULT_SETTINGS), DEFAULT_SETTINGS) if f.check_name == "stated_count_mismatch"] == []


def test_plans_without_inspection_report_none() -> None:
    for path in SEEDS:
        if not path.stem.startswith("003"):
            assert extract_inspections(read_text(path.read_bytes(), str(path))) == ()


def test_stated_count_contradicted_by_its_list_is_flagged() -> None:
    path = next(p for p in SEEDS if p.stem.startswith("003"))
    doc = read_text(path.read_bytes().replace(b"- 4 areas of requires improvement", b"- 5 areas of requires improvement"),
                    str(path))
    f = [f for f in check(extract(doc, DEFAULT_SETTINGS), DEFAULT_SETTINGS) if f.check_name == "stated_count_mismatch"]
    assert [(x.found.value, x.expected.value, x.severity) for x in f] == [(Decimal(12), Decimal(13), "error")]

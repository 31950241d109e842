"""Rate units printed in figures or in words, and a rate printed in a unit it cannot be in: stored in the unit it
can be, with the printed one beside it and a ``unit_conflict`` warning (generated sentences, the whole pipeline
from text to findings)."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from extractors.indicators.extract import extract_indicators
from extractors.readers.text import read_text
from normalisers.units import MAX_PER_1000, rate_unit
from pipeline.checks.units import check
from pipeline.records import DocumentMeta, Extraction
from pipeline.settings import DEFAULT_SETTINGS

PER_1000 = ["per 1,000", "per 1000", "per 1 000", "per thousand", "per one thousand", "per 1k"]
PER_100000 = ["per 100,000", "per 100000", "per 100 000", "per hundred thousand", "per 100 thousand",
              "per one hundred thousand", "per 100k"]
META = DocumentMeta("Barsetshire", "2019/20", "youth_justice_plan", "Youth Justice Plan")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PER_1000 + PER_100000), st.sampled_from(["", " of the 10-17 population", " young people"]))
def test_rate_units_in_figures_and_words(unit: str, tail: str) -> None:
    want = "per_1000" if unit in PER_1000 else "per_100000"
    assert rate_unit(f"a rate of 4.2 {unit}{tail}.") == want
    assert rate_unit(f"4.2 {unit}%") is None  # 'per 1,000%' is no rate unit


def _read(sentence: str) -> tuple:
    doc = read_text(("Youth Justice Plan 2019/20\n\nFirst Time Entrants\n\n" + sentence + "\n").encode(), "g.txt")
    found = extract_indicators(doc, DEFAULT_SETTINGS, META)
    return found, check(Extraction(document=doc, meta=META, indicators=found), DEFAULT_SETTINGS)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 999), st.sampled_from(PER_1000))  # four digits could be a year
def test_a_first_time_entrant_rate_too_large_for_its_printed_unit(value: int, unit: str) -> None:
    found, findings = _read(f"In 2018/19 the rate of first time entrants was {value} {unit} of the 10-17 population.")
    fte = [i for i in found if i.value == value]
    assert len(fte) == 1, found
    if value > MAX_PER_1000:
        assert (fte[0].unit, fte[0].unit_printed) == ("per_100000", "per_1000")
        assert [f.check_name for f in findings] == ["unit_conflict"]
        assert str(value) in findings[0].message
    else:
        assert (fte[0].unit, fte[0].unit_printed) == ("per_1000", None)
        assert findings == []

"""unit_conflict from an indicator record's value against its own unit, on generated records."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from hypothesis import given, settings as hsettings, strategies as st

from normalisers.units import MAX_PER_1000, plausible_rate_unit
from pipeline.checks.units import check
from pipeline.records import Document, DocumentMeta, Extraction, Indicator, Line, Provenance
from pipeline.settings import DEFAULT_SETTINGS
from pipeline.wording import number

FAST = hsettings(max_examples=200, deadline=None)


def _run(value: Decimal, unit: str, scope: str = "local", printed: Optional[str] = None) -> list:
    i = Indicator("first_time_entrants", value, unit, scope, "actual", "s", Provenance("0" * 64, line=1), raw=str(value),
                  unit_printed=printed)
    doc = Document("0" * 64, "g.txt", "text", (Line(1, "s"),))
    return check(Extraction(document=doc, meta=DocumentMeta(None, None, "youth_justice_plan", ""), indicators=(i,)),
                 DEFAULT_SETTINGS)


@FAST
@given(st.decimals(Decimal("0.01"), MAX_PER_1000, places=2))
def test_a_plausible_rate_per_1000_raises_nothing(v: Decimal) -> None:
    assert _run(v, "per_1000") == []


@FAST
@given(st.decimals(MAX_PER_1000 + Decimal("0.1"), Decimal(1000), places=1))
def test_a_rate_per_1000_of_per_100000_size_is_stored_per_100000_and_raised(v: Decimal) -> None:
    assert plausible_rate_unit("per_1000", v) == "per_100000"
    found = _run(v, "per_100000", printed="per_1000")
    assert [f.check_name for f in found] == ["unit_conflict"]
    assert number(v) in found[0].message and "per 1,000" in found[0].message
    assert _run(v, "per_100000") == []


@FAST
@given(st.decimals(Decimal(0), MAX_PER_1000, places=2), st.sampled_from(["per_1000", "per_10000", "per_100000",
                                                                         "percent", "count"]))
def test_a_plausible_unit_is_kept(v: Decimal, unit: str) -> None:
    assert plausible_rate_unit(unit, v) == unit


@FAST
@given(st.integers(0, 5000), st.integers(1, 99))
def test_a_count_is_whole(n: int, cents: int) -> None:
    assert _run(Decimal(n), "count") == []
    assert [f.check_name for f in _run(Decimal(n) + Decimal(cents) / 100, "count")] == ["unit_conflict"]
    assert _run(Decimal(n) + Decimal(cents) / 100, "count", "family_group") == []  # an average of other services

"""percent_change_mismatch over indicator records, on generated KPI blocks: two printed values of a measure and
a stated change; a change that follows from them within the rounding of the printed figures raises nothing, a
seeded slip is raised, and a series or a rate-versus-number change is left alone."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import event, given, settings as hsettings, strategies as st

from pipeline.checks.changes import check
from pipeline.checks.statements import significant
from pipeline.records import Document, DocumentMeta, Extraction, Indicator, Line, Provenance
from pipeline.settings import DEFAULT_SETTINGS

FAST = hsettings(max_examples=300, deadline=None)
UNITS = {"count": 0, "per_1000": 2, "per_100000": 0}


def _ind(value: Decimal, unit: str, line: int, sentence: str = "", raw: str = "") -> Indicator:
    return Indicator("custody", value, unit, "local", "actual", sentence or f"Rate of {value}",
                     Provenance("0" * 64, line=line, raw_text=raw or str(value)), raw=raw or str(value))


def _run(*indicators: Indicator) -> list:
    doc = Document("0" * 64, "g.txt", "text", tuple(Line(i, "") for i in range(1, 20)))
    x = Extraction(document=doc, meta=DocumentMeta(None, None, "youth_justice_plan", ""), indicators=indicators)
    return check(x, DEFAULT_SETTINGS)


def _q(v: Fraction, places: int) -> Decimal:
    return (Decimal(v.numerator) / Decimal(v.denominator)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


values = st.fractions(Fraction(1, 10), Fraction(2000)).filter(lambda f: f > 0)
blocks = st.tuples(values, values, st.sampled_from(sorted(UNITS)), st.integers(0, 1), st.booleans())


def _block(old: Fraction, new: Fraction, unit: str, places: int, latest_first: bool, stated: Decimal) -> list:
    o, n = _q(old, UNITS[unit]), _q(new, UNITS[unit])
    if o <= 0 or n <= 0 or o == n:
        return []
    pair = [_ind(n, unit, 3), _ind(o, unit, 4)] if latest_first else [_ind(o, unit, 3), _ind(n, unit, 4)]
    change = _ind(stated, "percent_change", 6, "Reduction of" if stated < 0 else "Increase of", f"{abs(stated)}%")
    return _run(*pair, change)


@FAST
@given(blocks)
def test_a_change_that_follows_from_the_printed_values_raises_nothing(b: tuple) -> None:
    old, new, unit, places, latest_first = b
    o, n = _q(old, UNITS[unit]), _q(new, UNITS[unit])
    if o <= 0 or n <= 0:
        return
    stated = _q(Fraction(n - o) / Fraction(o) * 100, places)  # computed from the printed figures
    if stated == 0:
        return
    assert _block(old, new, unit, places, latest_first, stated) == []


@FAST
@given(blocks, st.integers(3, 40))
def test_a_seeded_slip_is_raised(b: tuple, slip: int) -> None:
    old, new, unit, places, latest_first = b
    o, n = _q(old, UNITS[unit]), _q(new, UNITS[unit])
    if o <= 0 or n <= 0 or o == n:
        return
    true = Fraction(n - o) / Fraction(o) * 100
    stated = _q(true + (slip if true > 0 else -slip), places)
    if stated % 10 == 0 or abs(true) > 1000:
        return  # a round figure near the computed one is approximate wording
    # the widest change the printed figures allow (their rounding) must not reach the stated one
    ho, hn = (Fraction(Decimal(5).scaleb(significant(v).as_tuple().exponent - 1))  # type: ignore[operator]
              for v in (o, n))  # '0.40' pads a zero: it says 0.4
    ends = [(Fraction(n) + a - Fraction(o) - c) / (Fraction(o) + c) * 100 for a in (-hn, hn) for c in (-ho, ho)
            if Fraction(o) + c > 0]
    if min(ends) - 1 <= Fraction(stated) <= max(ends) + 1:
        return
    found = _block(old, new, unit, places, latest_first, stated)
    event("slip checked")
    assert [f.check_name for f in found] == ["percent_change_mismatch"]


def test_a_series_leaves_the_baseline_open() -> None:
    series = [_ind(Decimal(v), "count", k) for k, v in enumerate((71, 62, 49, 32), start=1)]
    assert _run(*series, _ind(Decimal("-54.1"), "percent_change", 5, "", "54.1%")) == []


def test_a_rate_change_is_not_compared_with_counts() -> None:
    pair = [_ind(Decimal(148), "count", 1), _ind(Decimal(115), "count", 1)]
    change = _ind(Decimal("-32.4"), "percent_change", 1, "The rate per 100,000 has reduced by 32.4%", "32.4%")
    assert _run(*pair, change) == []
    numbers = _ind(Decimal("-32.4"), "percent_change", 1, "This is a 32.4% decrease in numbers", "32.4%")
    assert [f.check_name for f in _run(*pair, numbers)] == ["percent_change_mismatch"]


def test_a_change_against_its_own_baseline_is_not_compared() -> None:
    pair = [Indicator("custody", Decimal(v), "count", "local", "actual", "s", Provenance("0" * 64, line=1), None, p, str(v))
            for v, p in ((52, "2017/18"), (45, "2018/19"))]
    since = Indicator("custody", Decimal(-80), "percent_change", "local", "actual", "an 80% reduction since 2008",
                      Provenance("0" * 64, line=1), None, "since 2008", "80%")
    assert _run(*pair, since) == []
    same = Indicator("custody", Decimal(-30), "percent_change", "local", "actual", "a 30% reduction on 2017/18",
                     Provenance("0" * 64, line=1), None, "compared with 2017/18", "30%")
    assert [f.check_name for f in _run(*pair, same)] == ["percent_change_mismatch"]

"""``unit_conflict`` from an indicator record's value against its own unit (warnings: the unit printed beside a
figure contradicts what the figure can be; the figure is stored as read):

- a rate per 1,000 of the 10-17 population above ``MAX_PER_1000``: more than a tenth of the age group a year,
  which no youth justice measure reaches; a rate of that size is per 100,000 ("704 per thousand");
- the service's own count (first time entrants, custodial sentences, re-offenders) with a fraction ("Number of
  custodial sentences: 1.78"): a number of young people or sentences is whole, so the figure is a rate. An
  average of other services' counts (a family group's 151.7) is not the service's own count and is left alone.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from normalisers.units import unit_label
from pipeline.records import Extraction, Finding, Indicator, Side
from pipeline.settings import Settings
from pipeline.wording import located, number

MAX_PER_1000 = Decimal(100)
_NAMES = {"first_time_entrants": "first time entrants", "reoffending": "re-offending", "custody": "custody"}


def _rate_too_large(i: Indicator) -> Optional[Finding]:
    if i.unit != "per_1000" or i.value <= MAX_PER_1000:
        return None
    share = (i.value / 10).quantize(Decimal("0.1"))
    return Finding(
        "unit_conflict", "warning",
        f"A {_NAMES.get(i.indicator, i.indicator)} rate of {number(i.value)} is stated {unit_label(i.unit)}, which "
        f"would be {number(share)}% of the age group; a rate of this size is per 100,000.",
        expected=Side(None, "rate per 100,000"), found=Side(i.value, raw=i.raw, style="number"), prov=i.prov)


def _count_with_fraction(i: Indicator) -> Optional[Finding]:
    if i.unit != "count" or i.scope != "local" or i.value == i.value.to_integral_value():
        return None
    return Finding(
        "unit_conflict", "warning",
        f"A number of {_NAMES.get(i.indicator, i.indicator)} is given as {number(i.value)}, a fraction: a count of "
        f"young people or sentences is whole, so the figure is probably a rate.",
        expected=Side(None, "a whole count"), found=Side(i.value, raw=i.raw, style="number"), prov=i.prov)


def check(x: Extraction, settings: Settings) -> list[Finding]:
    found = [f(i) for i in x.indicators for f in (_rate_too_large, _count_with_fraction)]
    return [located(f) for f in found if f is not None]

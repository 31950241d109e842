"""``unit_conflict`` from an indicator record's value against its own unit (warnings: the unit printed beside a
figure contradicts what the figure can be):

- a rate per 1,000 of the 10-17 population above ``normalisers.units.MAX_PER_1000``: more than a tenth of the
  age group a year, which no youth justice measure reaches; the extractor stores it per 100,000 with the printed
  unit beside it (``Indicator.unit_printed``), and this says so ("704 per thousand");
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

_NAMES = {"first_time_entrants": "first time entrants", "reoffending": "re-offending", "custody": "custody"}


def _rates_in_wrong_unit(x: Extraction) -> list[Finding]:
    """One finding per line for the rates stored in another unit than the one printed beside them."""
    by_line: dict[tuple[Optional[int], Optional[int], str], list[Indicator]] = {}
    for i in x.indicators:
        if i.unit_printed is not None:
            by_line.setdefault((i.prov.page, i.prov.line, i.indicator), []).append(i)
    out = []
    for group in by_line.values():
        first = group[0]
        values = [number(i.value) for i in group]
        said = f"rate of {values[0]} is" if len(values) == 1 else f"rates of {', '.join(values[:-1])} and {values[-1]} are"
        share = (max(i.value for i in group) / 10).quantize(Decimal("0.1"))
        out.append(Finding(
            "unit_conflict", "warning",
            f"A {_NAMES.get(first.indicator, first.indicator)} {said} stated {unit_label(first.unit_printed or '')}, "
            f"which would be up to {number(share)}% of the age group; a rate of this size is {unit_label(first.unit)}, "
            f"and it is stored so (the printed unit stays in its sentence).",
            expected=Side(None, f"rate {unit_label(first.unit)}"), found=Side(first.value, raw=first.raw, style="number"),
            prov=first.prov, evidence=tuple(i.prov for i in group[1:])))
    return out


def _count_with_fraction(i: Indicator) -> Optional[Finding]:
    if i.unit != "count" or i.scope != "local" or i.value == i.value.to_integral_value():
        return None
    return Finding(
        "unit_conflict", "warning",
        f"A number of {_NAMES.get(i.indicator, i.indicator)} is given as {number(i.value)}, a fraction: a count of "
        f"young people or sentences is whole, so the figure is probably a rate.",
        expected=Side(None, "a whole count"), found=Side(i.value, raw=i.raw, style="number"), prov=i.prov)


def check(x: Extraction, settings: Settings) -> list[Finding]:
    found = [_count_with_fraction(i) for i in x.indicators]
    return [located(f) for f in _rates_in_wrong_unit(x) + [f for f in found if f is not None]]

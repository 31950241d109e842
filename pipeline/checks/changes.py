"""``percent_change_mismatch`` over indicator records: a stated change ("Reduction of 45%", "This is a 7.1%
decrease in numbers") against the two values of the same measure printed just before it ("Rate of 0.63 per
1,000 ... Rate of 0.91 per 1,000", "There were 112 ... This compares to 119").

The pair is read from the records, never from the lines: for each unit (count, rate per 1,000, ...), the last
two values of the same indicator and scope printed within ``CHANGE_REACH`` lines before the change and after
the previous stated change. A finding is raised only when no such pair, taken either way round with the stated
direction and not against a baseline the change names itself ('since 2008'), gives the stated change within the rounding of the printed figures: a change in a percentage rate
(percentage points or per cent) and a change stated in a sentence that prints its own "from A to B" pair (the
sentence check in ``indicators.py`` reads those) are left alone.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator, Optional

from pipeline.checks.statements import significant
from pipeline.records import Extraction, Finding, Indicator, Severity, Side
from pipeline.settings import Settings
from pipeline.wording import located, number, percent

CHANGE_REACH = 5  # lines: a stated change is compared with values printed this far above it (a KPI block)
ROUND_FIGURE_SPAN = 5  # as indicators.py: 'a 50% drop' within this many percent_points is approximate wording
_FROM_TO = re.compile(r"\bfrom\s+\S*\d[^.]{0,60}?\bto\s+\S*\d", re.I)
_NAMES = {"first_time_entrants": "first time entrants", "reoffending": "re-offending", "custody": "custody"}


def _line(i: Indicator) -> int:
    return i.prov.line if i.prov.line is not None else (i.prov.page or 0)


def _half(printed: Decimal) -> Decimal:
    exponent = significant(printed).as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (exponent - 1) if isinstance(exponent, int) else Decimal("0.5")


def _printed(i: Indicator) -> Decimal:
    """The value with the decimals it was printed with ('3.00' keeps two)."""
    raw = i.raw.replace(",", "").strip().rstrip("%").strip()
    try:
        value = Decimal(raw)
    except ArithmeticError:
        return i.value
    return value if abs(value) == abs(i.value) else i.value


def change_range(old: Decimal, new: Decimal) -> tuple[Decimal, Decimal]:
    """Every per cent change (new - old) / old the printed figures allow, given their rounding."""
    ho, hn = _half(old), _half(new)
    ends = [(n - o) / o * 100 for o in (old - ho, old + ho) for n in (new - hn, new + hn) if o > 0]
    return min(ends), max(ends)


def fits(old: Decimal, new: Decimal, stated: Decimal, raw: Decimal) -> bool:
    lo, hi = change_range(old, new)
    unit = 2 * _half(raw)  # the stated change rounded either way or truncated
    return lo - unit <= stated <= hi + unit


_RATE = re.compile(r"\brates?\b", re.I)
_NUMBER = re.compile(r"\bnumbers?\b|\bcount\b", re.I)


def _units(sentence: str) -> Optional[set[str]]:
    """The units a stated change can be of, when its sentence says ('the rate ... reduced by', 'a 7.1% decrease in
    numbers'); None when it does not say."""
    rate, count = bool(_RATE.search(sentence)), bool(_NUMBER.search(sentence))
    if rate == count:
        return None
    return {"count"} if count else {"per_1000", "per_10000", "per_100000", "reoffences_per_reoffender"}


def _pairs(before: list[Indicator], units: Optional[set[str]]) -> Iterator[tuple[Indicator, Indicator]]:
    """For each unit the change may be of, the two values printed before it (earlier first). A series of more
    than two values of a unit leaves the baseline open: nothing is compared."""
    by_unit: dict[str, list[Indicator]] = {}
    for i in before:
        if units is None or i.unit in units:
            by_unit.setdefault(i.unit, []).append(i)
    for values in by_unit.values():
        if len(values) == 2 and values[0].value != values[1].value:
            yield values[0], values[1]


_YEAR = re.compile(r"\b(?:19|20)(\d\d)\b|\b(\d\d)/\d\d\b")


def _years(label: Optional[str]) -> set[str]:
    """The years a period names, as two digits ('2016/17' and '16/17' -> {'16'}; 'Jan 2017' -> {'17'})."""
    return {a or b for a, b in _YEAR.findall(label or "")}


def _other_baseline(c: Indicator, old: Indicator, new: Indicator) -> bool:
    """The change names its own baseline ('since 2008', 'compared with 2006/07') that neither value is of."""
    named = _years(c.period_label)
    return bool(named) and not named & (_years(old.period_label) | _years(new.period_label))


def _round_figure(stated: Decimal, computed: Decimal, settings: Settings) -> bool:
    return stated % 10 == 0 and abs(abs(stated) - abs(computed)) < ROUND_FIGURE_SPAN * settings.tolerances.percent_points


def _finding(c: Indicator, pairs: list[tuple[Indicator, Indicator]], settings: Settings) -> Optional[Finding]:
    stated, raw = c.value, _printed(c)
    options = []
    for a, b in pairs:
        for old, new in ((a, b), (b, a)):
            if old.value <= 0 or (new.value - old.value) * stated < 0 or _other_baseline(c, old, new):
                continue  # the stated direction or the change's own baseline rules this order out
            if fits(_printed(old), _printed(new), stated, raw):
                return None
            options.append((old, new))
    if not options:
        return None
    old, new = options[0]
    computed = ((new.value - old.value) / old.value * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if _round_figure(stated, computed, settings):
        return None
    diff = abs(stated) - abs(computed)
    severity: Severity = "error" if abs(diff) > settings.tolerances.percent_points else "warning"
    others = "; ".join(f"{number(o.value)} to {number(n.value)} gives "
                       f"{percent(abs((n.value - o.value) / o.value * 100).quantize(Decimal('0.1'), ROUND_HALF_UP))}"
                       for o, n in options[1:])
    return Finding(
        "percent_change_mismatch", severity,
        f"The text states a {percent(abs(raw))} {'fall' if stated < 0 else 'rise'} in {_NAMES.get(c.indicator, c.indicator)}"
        f", but the figures printed before it, {number(old.value)} to {number(new.value)}, give "
        f"{percent(abs(computed))} (difference {number(diff)} percentage points)" + (f"; {others}" if others else "") + ".",
        expected=Side(abs(computed), style="percent"), found=Side(abs(stated), raw=c.raw, style="percent"),
        difference=diff, prov=c.prov, evidence=(old.prov, new.prov))


def check(x: Extraction, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    last_change: dict[tuple[str, str], int] = {}
    ordered = sorted(enumerate(x.indicators), key=lambda t: (_line(t[1]), t[0]))
    for n, (_, c) in enumerate(ordered):
        if c.unit != "percent_change" or c.kind != "actual":
            continue
        key = (c.indicator, c.scope)
        start = last_change.get(key, -1)
        last_change[key] = n
        if _FROM_TO.search(c.sentence):
            continue
        before = [i for _, i in ordered[start + 1:n] if i.indicator == c.indicator and i.scope == c.scope
                  and i.kind == "actual" and i.unit not in ("percent", "percent_change")
                  and 0 <= _line(c) - _line(i) <= CHANGE_REACH]
        f = _finding(c, list(_pairs(before, _units(c.sentence))), settings)
        if f:
            out.append(located(f))
    return out

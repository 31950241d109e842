"""Checks on indicator statements and stated counts.

- ``unit_conflict``: a rate stated per 1,000 / 10,000 written as a percentage, or a re-offending frequency
  (offences per re-offender) written as a percentage (warning: a unit slip, the figure itself may be right);
- ``percent_change_mismatch``: "from A to B, a reduction of N%" where N does not follow from A and B beyond
  rounding (read in the sentence here), and a stated change against the two values printed just before it
  (read from the indicator records in ``changes.py``; a line already raised here is not raised twice);
- ``narrative_value_mismatch``: the same measure (indicator, unit, scope, kind, year) given two values;
- ``stated_count_mismatch``: an inspection's stated number of standards or indicators against its breakdown.
"""
from __future__ import annotations


import re
from decimal import Decimal, ROUND_HALF_UP
from typing import Iterator, Optional

from normalisers.units import unit_label
from pipeline.records import Extraction, Finding, Indicator, Severity, Side
from pipeline.settings import Settings

from pipeline.checks import changes
from pipeline.wording import located as _located, number as _fmt, place as _place, where as _where

_NAMES = {"first_time_entrants": "first time entrants", "reoffending": "re-offending", "custody": "custody"}
_FREQ_PCT = re.compile(r"(?:re-?\s?offences|offences)\s+per\s+(?:re-?\s?)?offender\w*[^.\d%]{0,25}?"
                       r"(\d+(?:\.\d+)?)\s?%", re.I)
_NUM = r"£?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:m\b|million\b)?"
_FROM_TO = re.compile(rf"(?:\bfrom\s+{_NUM}(?:\s*\([^)]{{1,12}}\))?(?:[^.\d%£]|(?:19|20)\d\d(?:/\d\d)?){{0,30}}?"
                      rf"\bto\s+{_NUM}"
                      rf"|{_NUM}\s*\([^)]{{1,12}}\)\s*to\s+{_NUM}\s*\([^)]{{1,12}}\))", re.I)
_PCT = re.compile(r"(\d+(?:\.\d+)?)\s?%")
_PCT_FROM_TO = re.compile(r"\bfrom\s+\d+(?:\.\d+)?\s?%\s+to\s+\d+(?:\.\d+)?\s?%", re.I)  # a pair of rates, not a change
_CHANGE_WORD = re.compile(r"reduc|decreas|fall|fell|drop|declin|lower|increas|rise|rose|risen|higher|down|up\b", re.I)
_SUBGROUP = re.compile(r"\bof\s+(?:these|which|them|whom)\b|\bincluding\b|\bamong\b", re.I)
# Necessary for a match (each pattern's matches contain these), so lines without them are not searched at all:
_DIGIT = re.compile(r"\d")  # _FROM_TO
_TO = re.compile(r"to\s", re.I)  # _FROM_TO
_FROM = re.compile(r"from\s", re.I)  # _FROM_TO's first form (its second has a '(')
_COHORT_WORD = re.compile(r"cohort", re.I)  # _COHORT
_POPULATION_WORD = re.compile(r"population", re.I)  # _POPULATION
# A round stated change ('a 50% drop') within this many times Tolerances.percent_points of the computed one is
# approximate wording, not a slip.
ROUND_FIGURE_SPAN = 5


def _name(i: Indicator) -> str:
    return _NAMES.get(i.indicator, i.indicator)


# --------------------------------------------------------------------------- unit conflicts


def _unit_conflicts(x: Extraction) -> list[Finding]:
    by_line: dict[Optional[int], list[Indicator]] = {}
    for i in x.indicators:
        if i.unit.startswith("per_") and "%" in i.raw:
            by_line.setdefault(i.prov.line if i.prov.line is not None else i.prov.page, []).append(i)
    out = []
    for group in by_line.values():
        first = group[0]
        values = ", ".join(i.raw for i in group)
        beside = _same_measure_nearby(x, first)
        also = "; the plan prints the same measure nearby without a % sign: " + ", ".join(
            f"{_fmt(i.value)} ({i.kind}, {_place(i.prov)})" for i in beside) if beside else ""
        out.append(Finding(
            "unit_conflict", "warning",
            f"A {_name(first)} rate stated {unit_label(first.unit)} is written as a percentage ({values}); "
            f"the figures are read as rates {unit_label(first.unit)}, not per cent{also}.",
            expected=Side(None, f"rate {unit_label(first.unit)}"), found=Side(None, raw=values), prov=first.prov,
            evidence=tuple(i.prov for i in group[1:]) + tuple(i.prov for i in beside)))
    return out + list(_frequency_conflicts(x))


NEARBY_LINES = 15


def _same_measure_nearby(x: Extraction, i: Indicator) -> list[Indicator]:
    """Up to three figures of the same measure in the same unit, printed without a % sign within
    ``NEARBY_LINES`` lines (or on the same page) of ``i``: the evidence that the unit is the rate's."""
    def place(j: Indicator) -> Optional[int]:
        return j.prov.line if j.prov.line is not None else j.prov.page

    here = place(i)
    if here is None:
        return []
    seen: set[Decimal] = set()
    out = []
    for j in x.indicators:
        there = place(j)
        if j.indicator != i.indicator or j.unit != i.unit or "%" in j.raw or there is None or j.value in seen:
            continue
        if abs(there - here) <= (NEARBY_LINES if i.prov.line is not None else 0):
            seen.add(j.value)
            out.append(j)
    return out[:3]


def _frequency_conflicts(x: Extraction) -> Iterator[Finding]:
    for k, line in enumerate(x.document.lines):
        if "%" not in line.text:
            continue  # every _FREQ_PCT match ends with '%'
        for m in _FREQ_PCT.finditer(line.text):
            yield Finding(
                "unit_conflict", "warning",
                f"A re-offending frequency (offences per re-offender) is written as a percentage ({m.group(1)}%); "
                f"a frequency is a number of offences, not per cent.",
                expected=Side(None, "offences per re-offender"), found=Side(Decimal(m.group(1)), raw=f"{m.group(1)}%", style="percent"),
                prov=x.document.prov(k, m.group(0), "checks.indicators"))


# --------------------------------------------------------------------------- percent changes


def _num(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace(" ", ""))


def _pairs(m: re.Match[str]) -> tuple[Decimal, Decimal]:
    groups = [g for g in m.groups() if g]
    return _num(groups[0]), _num(groups[1])


def _stated_change(text: str, start: int, end: int,
                   endpoints: tuple[tuple[int, int], ...] = ()) -> Optional[tuple[Decimal, str]]:
    """The percentage stated with a from/to pair: within the same sentence, nearest to the pair; never an end of
    another from/to pair ('the rate from 13.8% to 15% and the threshold from £9,100 to £5,000')."""
    best = None
    for p in _PCT.finditer(text):
        if start <= p.start() < end or not _CHANGE_WORD.search(text[max(0, p.start() - 30):p.end() + 30]):
            continue  # only a percentage worded as a change ('a 86% reduction', 'fell by 19%')
        if any(a <= p.start() < b for a, b in endpoints):
            continue
        dist = p.start() - end if p.start() >= end else start - p.end()
        if dist < 90 and (best is None or dist < best[0]):
            best = (dist, p)
    return (Decimal(best[1].group(1)), best[1].group(0)) if best else None


def _round_figure(stated: Decimal) -> bool:
    """'a 50% drop': a round figure used as approximate wording."""
    return stated % 10 == 0 and stated > 0


def _change_finding(x: Extraction, k: int, sentence: str, m: re.Match[str], settings: Settings,
                    endpoints: tuple[tuple[int, int], ...] = ()) -> Optional[Finding]:
    a, b = _pairs(m)
    stated = _stated_change(sentence, m.start(), m.end(), endpoints)
    if stated is None or a == 0:
        return None
    computed = (abs(b - a) / a * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    diff = stated[0] - computed
    tol = settings.tolerances
    if abs(diff) <= tol.rounding_points or (_round_figure(stated[0]) and abs(diff) < ROUND_FIGURE_SPAN * tol.percent_points):
        return None
    severity: Severity = "error" if abs(diff) > tol.percent_points else "warning"
    return Finding(
        "percent_change_mismatch", severity,
        f"The text states a {stated[1]} change from {_fmt(a)} to {_fmt(b)}, but those figures give "
        f"{_fmt(computed)}% (difference {_fmt(diff)} percentage points).",
        expected=Side(computed, style="percent"), found=Side(stated[0], raw=stated[1], style="percent"),
        difference=diff,
        prov=x.document.prov(k, m.group(0), "checks.indicators"))


def _may_hold_from_to(text: str) -> bool:
    """False when ``text`` lacks something every _FROM_TO match holds (a digit, 'to ', and 'from ' or '(')."""
    return bool(_DIGIT.search(text) and _TO.search(text) and ("(" in text or _FROM.search(text)))


def _percent_changes(x: Extraction, settings: Settings) -> list[Finding]:
    out = []
    for k, line in enumerate(x.document.lines):
        if not _may_hold_from_to(line.text):
            continue
        for sentence in re.split(r"(?<=[.;])\s+", line.text):
            if not _may_hold_from_to(sentence):
                continue
            pairs = list(_FROM_TO.finditer(sentence))
            endpoints = tuple((m.start(), m.end()) for m in [*pairs, *_PCT_FROM_TO.finditer(sentence)])
            for m in pairs:
                f = _change_finding(x, k, sentence, m, settings, endpoints)
                if f:
                    out.append(f)
    return out


# --------------------------------------------------------------------------- one measure, two values


def _year_key(period: Optional[str]) -> Optional[str]:
    if not period or not re.fullmatch(r"(?:19|20)\d{2}(?:/\d{2})?", period):
        return None
    return period


def _value_conflicts(x: Extraction) -> list[Finding]:
    groups: dict[tuple[str, str, str, str, str], dict[Decimal, Indicator]] = {}
    for i in x.indicators:
        year = _year_key(i.period_label)
        if year is None or i.unit not in ("count", "per_1000", "per_10000", "per_100000") \
                or _SUBGROUP.search(i.sentence):
            continue  # a figure for part of the cohort is not a second value of the measure
        groups.setdefault((i.indicator, i.unit, i.scope, i.kind, year), {}).setdefault(i.value, i)
    out = []
    for (ind, unit, scope, kind, year), values in groups.items():
        if len(values) < 2:
            continue
        items = list(values.values())
        listed = " and ".join(f"{_fmt(i.value)} (line {i.prov.line or i.prov.page})" for i in items)
        what = f"{_NAMES.get(ind, ind)} ({unit_label(unit)}, {scope}{', target' if kind == 'target' else ''}, {year})"
        out.append(Finding(
            "narrative_value_mismatch", "error",
            f"The document gives {what} two different values: {listed}.",
            expected=Side(items[1].value, style="number"), found=Side(items[0].value, style="number"),
            difference=items[0].value - items[1].value,
            prov=items[0].prov, evidence=tuple(i.prov for i in items[1:])))
    return out


# --------------------------------------------------------------------------- stated counts


def _stated_counts(x: Extraction) -> list[Finding]:
    out = []
    for lst in x.grade_lists:
        if lst.stated is None or not lst.counts:
            continue
        total = sum(c for _, c in lst.counts)
        if total == lst.stated:
            continue
        parts = " + ".join(f"{c} {g.replace('_', ' ')}" for g, c in lst.counts)
        out.append(Finding(
            "stated_count_mismatch", "error",
            f"The text states {lst.stated} {lst.group} but its breakdown ({parts}) adds up to {total}.",
            expected=Side(Decimal(total), style="number"), found=Side(Decimal(lst.stated), style="number"),
            difference=Decimal(lst.stated - total), prov=lst.prov))
    return out


# --------------------------------------------------------------------------- figures derived from others

_POPULATION = re.compile(r"(?:10\s?(?:-|to)\s?17|youth|young\s+people|children|mid-year)[^.\d]{0,30}?population\s+"
                         r"(?:\w+\s+){0,2}?(?:of|is|was|=)\s+(\d{1,3}(?:,\s?\d{3})+)", re.I)
_RATE_COUNT = re.compile(r"\brate\b[^.\d]{0,30}?(?:(?:19|20)\d\d[^.\d]{0,10})?\b(?:was|is|of|at|=)\s+(\d+(?:\.\d+)?)"
                         r"[^.\d]{0,60}?\b(\d{1,3}(?:,\d{3})*)\s+(FTEs?\b|first[\s-]time\s+entrants|custodial\s+sentences)",
                         re.I)
_COHORT = re.compile(r"(\d+)\s+young\s+people\s+in\s+the\s[^.]{0,40}?cohort|cohort\s+of\s+(\d+)", re.I)
_REOFFENDERS = re.compile(r"(\d+)\s+re-?\s?offend(?:ed|ers)\b", re.I)
_REOFFENCES = re.compile(r"(\d+)\s+(?:proven\s+)?re-?\s?offences\b", re.I)
_FREQUENCY = re.compile(r"frequency\b[^.\d]{0,60}?(?:from\s+\d+\.\d+\s+)?(?:to|is|was|of|at)\s+(\d+\.\d+)", re.I)


def _population(x: Extraction) -> Optional[tuple[Decimal, str]]:
    found = {m.group(1) for ln in x.document.lines if _POPULATION_WORD.search(ln.text)
             for m in _POPULATION.finditer(ln.text)}
    values = {_num(v) for v in found}
    return (values.pop(), found.pop()) if len(values) == 1 else None


def half_last_digit(printed: Decimal) -> Decimal:
    """Half a unit of a printed figure's last digit: 1.09 agrees with anything that rounds to it."""
    exponent = printed.as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (exponent - 1) if isinstance(exponent, int) else Decimal("0.5")


def _rate_finding(x: Extraction, k: int, m: re.Match[str], pop: Decimal, pop_raw: str,
                  settings: Settings) -> Optional[Finding]:
    rate, count = Decimal(m.group(1)), _num(m.group(2))
    per = Decimal(1000) if m.group(3).lower().startswith("custod") else Decimal(100000)
    if rate == 0 or count == 0:
        return None
    computed = (count / pop * per).quantize(Decimal("0.01"), ROUND_HALF_UP)
    implied = count / rate * per
    if abs(computed - rate) <= half_last_digit(rate) or abs(implied - pop) / pop > settings.tolerances.same_figure_ratio:
        return None  # agrees, or the rate is on another base (a different population): nothing to compare
    unit = "1,000" if per == 1000 else "100,000"
    return Finding(
        "narrative_value_mismatch", "error",
        f"The text gives a {'custody' if per == 1000 else 'first time entrants'} rate of {m.group(1)} from "
        f"{m.group(2)} {m.group(3)}, but {m.group(2)} out of the stated "
        f"population of {pop_raw} is {_fmt(computed)} per {unit} (difference {_fmt(rate - computed)}).",
        expected=Side(computed, style="number"), found=Side(rate, raw=m.group(1), style="number"),
        difference=rate - computed,
        prov=x.document.prov(k, m.group(0), "checks.indicators"))


def _derived_rates(x: Extraction, settings: Settings) -> list[Finding]:
    pop = _population(x)
    if pop is None:
        return []
    out = []
    for k, line in enumerate(x.document.lines):
        for m in _RATE_COUNT.finditer(line.text):
            f = _rate_finding(x, k, m, pop[0], pop[1], settings)
            if f:
                out.append(f)
    return out


def _cohort(text: str) -> Optional[tuple[Decimal, Decimal, Decimal]]:
    if not _COHORT_WORD.search(text):
        return None
    n, r, o = _COHORT.search(text), _REOFFENDERS.search(text), _REOFFENCES.search(text)
    if not (n and r and o):
        return None
    return _num(n.group(1) or n.group(2)), _num(r.group(1)), _num(o.group(1))


def _frequency_findings(x: Extraction) -> list[Finding]:
    """A stated re-offending frequency against the cohort's own counts (per re-offender or per member)."""
    lines = x.document.lines
    out: list[Finding] = []
    for k, line in enumerate(lines):
        cohort = _cohort(line.text)
        if cohort is None:
            continue
        n, r, o = cohort
        per_reoffender = (o / r).quantize(Decimal("0.01"), ROUND_HALF_UP)
        per_member = (o / n).quantize(Decimal("0.01"), ROUND_HALF_UP)
        stated: dict[Decimal, int] = {}
        for j in range(k, min(len(lines), k + 12)):
            for m in _FREQUENCY.finditer(lines[j].text):
                stated.setdefault(Decimal(m.group(1)), j)
        for value, j in stated.items():
            if min(abs(value - o / r), abs(value - o / n)) <= half_last_digit(value):
                continue
            out.append(Finding(
                "narrative_value_mismatch", "error",
                f"The re-offending frequency is stated as {_fmt(value)}, but the same cohort's {_fmt(o)} re-offences "
                f"by {_fmt(r)} re-offenders give {_fmt(per_reoffender)} per re-offender ({_fmt(per_member)} per "
                f"member of the cohort of {_fmt(n)}).",
                expected=Side(per_reoffender, style="number"), found=Side(value, style="number"),
                difference=value - per_reoffender,
                prov=x.document.prov(j, None, "checks.indicators"),
                evidence=(x.document.prov(k, None, "checks.indicators"),)))
    return out


def check(x: Extraction, settings: Settings) -> list[Finding]:
    in_sentence = _percent_changes(x, settings)
    raised = {(f.prov.line, f.prov.page) for f in in_sentence if f.prov}
    from_records = [f for f in changes.check(x, settings) if f.prov and (f.prov.line, f.prov.page) not in raised]
    found = (_unit_conflicts(x) + in_sentence + from_records + _value_conflicts(x) + _stated_counts(x)
             + _derived_rates(x, settings) + _frequency_findings(x))
    return [_located(f) for f in found]

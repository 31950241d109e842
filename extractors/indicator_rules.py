"""Rules that read one sentence for the three national indicators: what is measured, the value and its unit,
scope, comparator, target or actual, and the period. Pure functions over strings; spaCy only splits sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from normalisers.periods import find_periods
from normalisers.units import RATE_RX, rate_code

INDICATOR_RX = {
    "first_time_entrants": re.compile(r"first[\s-]+time[\s-]+entrants?|(?<![\d.]\s)(?<![\d.])\bFTEs?\b(?!\s+(?:post|secondment|police|"
                                      r"education|staff|worker|role|officer))", re.I),
    "reoffending": re.compile(r"re-?\s?offend\w*|binary\s+rate|re-?offences?", re.I),
    "custody": re.compile(r"custod\w*", re.I),
}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "no": 0}
_NUM = re.compile(
    r"(?<![\w.,/£$-])(?P<sign>[-–−]\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w/£]|[.,]\d|-\d)"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?"
    r"|\b(?P<word>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?=\s+(?:custodial|first))", re.I)
_FALL = re.compile(r"(?:reduc\w*|decreas\w*|fall(?:en)?|fell|dropp?(?:ed)?|declin\w*|down|lower|cut)\s+(?:by\s+|of\s+)?"
                   r"(?:a\s+|an\s+|approximately\s+|around\s+|about\s+|almost\s+|nearly\s+|over\s+)?$", re.I)
_RISE = re.compile(r"(?:increas\w*|risen|rise|rose|up|grow\w*|higher)\s+(?:by\s+|of\s+)?(?:a\s+|an\s+)?$", re.I)
_FALL_AFTER = re.compile(r"^\s*(?:reduction|decrease|fall|drop|decline|lower|fewer|less)\b", re.I)
_RISE_AFTER = re.compile(r"^\s*(?:increase|rise|higher|more)\b", re.I)
_COUNT_AFTER = {
    "custody": re.compile(r"^\s*(?:custodial\s+(?:sentences?|disposals?|outcomes?)|custodies)\b", re.I),
    "first_time_entrants": re.compile(r"^\s*(?:first[\s-]time\s+entrants|young\s+people\b(?!\s+(?:who|aged|in)\b))",
                                      re.I),
}
_SCOPES = (
    ("family_group", re.compile(r"\bfamily\b|statistical\s+neighbou?rs?|comparator\s+group", re.I)),
    ("national", re.compile(r"\bnational(?:ly)?\b|\bEngland(?:\s+and\s+Wales)?\b|\bWales\b", re.I)),
    ("regional", re.compile(r"\bregion(?:al|ally)?\b|\b(?:North\s+East|North\s+West|Yorkshire(?:\s+and\s+the\s+Humber)?|"
                            r"East\s+Midlands|West\s+Midlands|East\s+of\s+England|London|South\s+East|South\s+West)\b")),
)
_COMPARED = re.compile(r"compared\s+(?:to|with)\s+(?:the\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*(?:which|who|at|of|rate|'s|,)", re.S)
_FREQUENCY = re.compile(r"(?:per\s+(?:re-?\s?)?offender|frequency|re-?offences\s+per|per\s+cohort)[^.\d]{0,30}$", re.I)
_TARGET = re.compile(r"\btargets?\b", re.I)
_SUBGROUP = re.compile(r"^\s*of\s+(?:the\s+|our\s+)?(?:\d+\s+)?[\w\s-]{0,40}?\bwho\b", re.I)


@dataclass(frozen=True)
class Reading:
    indicator: str
    value: Decimal
    unit: str
    scope: str
    kind: str
    raw: str
    start: int
    comparator: Optional[str] = None
    period: Optional[str] = None
    unit_conflict: bool = False  # a rate stated per N but written as a percentage


def mentions(text: str) -> list[tuple[int, str]]:
    out = []
    for name, rx in INDICATOR_RX.items():
        out += [(m.start(), name) for m in rx.finditer(text)]
    return sorted(out)


def _nearest_indicator(text: str, pos: int, ms: list[tuple[int, str]]) -> Optional[str]:
    before = [(pos - p, n) for p, n in ms if p <= pos and pos - p < 200]
    if before:
        return min(before)[1]
    after = [(p - pos, n) for p, n in ms if p > pos and p - pos < 80]
    return min(after)[1] if after else None


def _scope(left: str, default: str) -> tuple[str, Optional[str]]:
    best: Optional[tuple[int, str, str]] = None
    for scope, rx in _SCOPES:
        for m in rx.finditer(left):
            if best is None or m.end() > best[0]:
                best = (m.end(), scope, m.group(0))
    compared = list(_COMPARED.finditer(left))
    if compared and (best is None or compared[-1].end() > best[0]) and not _SCOPES[1][1].search(compared[-1].group(1)):
        return "regional", compared[-1].group(1)
    if best is None:
        return default, None
    name = best[2] if best[1] != "family_group" else None
    if best[1] == "national" and not re.match(r"england|wales", best[2], re.I):
        name = None
    return best[1], name


def _period(sentence: str, start: int, end: int, lo: int, hi: int) -> Optional[str]:
    ps = find_periods(sentence)
    near = [p for p in ps if lo <= p.start and p.end <= hi and not (p.start < end and start < p.end)]
    pool = near or ps
    if not pool:
        return None
    return min(pool, key=lambda p: min(abs(p.start - end), abs(start - p.end))).label


def _change_sign(left: str, right: str, signed: bool) -> Optional[int]:
    if signed:
        return -1
    if re.search(r"\bfrom\s+$|\bto\s+$", left, re.I):
        return None
    if _FALL.search(left) or _FALL_AFTER.match(right):
        return -1
    if _RISE.search(left) or _RISE_AFTER.match(right):
        return 1
    return None


def _masked(sentence: str) -> str:
    """Periods, rate units and ages blanked out so their digits are not read as values."""
    chars = list(sentence)
    spans = [(p.start, p.end) for p in find_periods(sentence)]
    spans += [(m.start(), m.end()) for m in RATE_RX.finditer(sentence)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b\d{1,2}\s?(?:-|to)\s?\d{1,2}\s*(?:yrs?|years?)?(?:\s+old|\s*yr\s*olds?)?|aged\s+\d+", sentence)]
    for a, b in spans:
        for k in range(a, b):
            chars[k] = " " if not chars[k].isspace() else chars[k]
    return "".join(chars)


def _unit(indicator: str, pct: bool, left: str, right: str, rate: Optional[str],
          change: Optional[int]) -> Optional[tuple[str, bool]]:
    if pct:
        if change is not None:
            return "percent_change", False
        if rate and indicator != "reoffending":
            return rate, True
        return "percent", False
    after_rate = RATE_RX.match(right.strip())
    if after_rate:
        return rate_code(after_rate.group(1)) or "count", False
    counted = _COUNT_AFTER.get(indicator)
    if counted and counted.match(right):
        return "count", False
    if rate and re.search(r"(?:=|\bis|\bof|\bat|\bwas)\s*$", left):
        return rate, False
    if indicator == "first_time_entrants" and re.search(r"\brate\b[^.]{0,60}(?:=|\bis|\bat|\bof)\s*$", left, re.I):
        return "per_100000", False
    if indicator == "first_time_entrants" and re.search(r"\b(?:FTEs?|entrants)\b[^.\d]{0,20}:\s*$", left, re.I):
        return "count", False
    return None


def read_sentence(sentence: str, default_scope: str, inherited: Optional[str],
                  inherited_rate: Optional[str]) -> list[Reading]:
    """Indicator values stated in one sentence (``inherited``: the indicator the previous sentence was about)."""
    masked = _masked(sentence)
    ms = mentions(sentence)
    rate_m = RATE_RX.search(sentence)
    rate = rate_code(rate_m.group(1)) if rate_m else inherited_rate
    out: list[Reading] = []
    prev_end = 0
    numbers = list(_NUM.finditer(masked))
    for k, m in enumerate(numbers):
        left, right = sentence[prev_end:m.start()], sentence[m.end():m.end() + 60]
        next_start = numbers[k + 1].start() if k + 1 < len(numbers) else len(sentence)
        reading = _read_number(sentence, m, left, right, ms, inherited, rate, default_scope, prev_end, next_start)
        if reading:
            out.append(reading)
        prev_end = m.end()
    return out


def _skip(sentence: str, m: re.Match[str], right: str, pct: bool) -> bool:
    before = sentence[:m.start()].rstrip()
    if pct and before.endswith("(") and not re.search(
            r"(rate|FTEs?|family|national\w*|England|region\w*|offend\w*|custody)\W*\($", before, re.I):
        return True
    if pct and _SUBGROUP.match(right):
        return True
    return bool(re.search(r"£\s*$", before))


def _read_number(sentence: str, m: re.Match[str], left: str, right: str, ms: list[tuple[int, str]],
                 inherited: Optional[str], rate: Optional[str], default_scope: str,
                 lo: int, hi: int) -> Optional[Reading]:
    pct = bool(m.group("pct"))
    if _skip(sentence, m, right, pct) or _FREQUENCY.search(left[-60:]):
        return None
    indicator = _nearest_indicator(sentence, m.start(), ms) or inherited
    for name, rx in _COUNT_AFTER.items():
        if name == "custody" and rx.match(right):
            indicator = name
    if indicator is None:
        return None
    word = m.group("word")
    value = Decimal(_WORDS[word.lower()]) if word else Decimal(m.group("num").replace(",", ""))
    signed = bool(m.group("sign")) and pct and bool(re.search(r"(\(|\bof|\bby|\bis|:)\s*$", left))
    change = _change_sign(left[-50:], right, signed) if pct else None
    unit = _unit(indicator, pct, left[-80:], right, rate, change)
    if unit is None:
        return None
    if unit[0] == "count" and value != value.to_integral_value():
        return None
    if unit[0] == "percent_change" and change is not None:
        value = value * change
    scope, comparator = _scope(left, default_scope)
    if re.match(r"\s*compared\s+(?:to|with)\b", right, re.I):
        scope, comparator = default_scope, None
    kind = "target" if _TARGET.search(left) else "actual"
    period = _period(sentence, m.start(), m.end(), lo, hi)
    return Reading(indicator, value, unit[0], scope, kind, m.group(0).strip(), m.start(), comparator, period, unit[1])

"""Period text to a label: '2018-19', '18/19' and '2018/2019' -> '2018/19'; other periods kept as printed.

Pure functions over strings. :func:`find_periods` locates period expressions in a sentence so an indicator
value can be tied to the nearest one.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Optional

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_FY = re.compile(r"(?<![\d/.,£])((?:19|20)?\d{2})\s?[/\-–]\s?((?:19|20)?\d{2})(?![\d/%])")
_MONTH_RANGE = re.compile(rf"{_MONTH}\s*'?(?:\d{{2,4}})?\s*(?:-|–|to)\s*{_MONTH}\s*'?\d{{2,4}}", re.I)
# a month range whose dash was lost in conversion ('Oct 17 Sep 18'): two month-years, the second later
_MONTH_PAIR = re.compile(rf"\b{_MONTH}\s*'?\d{{2}}(?:\d{{2}})?\s+{_MONTH}\s*'?\d{{2}}(?:\d{{2}})?\b", re.I)
_QUARTER = re.compile(r"\b(?:Q[1-4]|quarter\s+[1-4]|quarter\s+(?:one|two|three|four))\b(?:\s+(?:of|for)?\s*(?:19|20)\d{2}(?:/\d{2})?)?",
                      re.I)
_YEAR_TO = re.compile(rf"\b(?:year|12\s+months)\s+(?:to|ending)\s+{_MONTH}\s*(?:19|20)\d{{2}}\b", re.I)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s*(?:19|20)\d{{2}}\b(?![/-]\d)", re.I)
_YEAR = re.compile(r"(?<![\d/£,.])((?:19|20)\d{2})(?![\d/%]|,\d)")
_RELATIVE = re.compile(r"\b(?:since\s+)?(?:last|previous|preceding)\s+(?:year|recording period|period|quarter)\b"
                       r"|\bagainst the previous year\b", re.I)


_DIGIT = re.compile(r"\d")
_ANY_MONTH = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.I)  # every _MONTH starts so
_BY_MONTH = (_MONTH_RANGE, _MONTH_PAIR, _YEAR_TO, _MONTH_YEAR)  # patterns that cannot match without a month name


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    raw: str
    label: str


def financial_year(first: str, second: str) -> Optional[str]:
    """'2018', '19' -> '2018/19' when the two are consecutive years; None otherwise."""
    a = int(first) if len(first) == 4 else 2000 + int(first) if int(first) < 70 else 1900 + int(first)
    b = int(second[-2:])
    if (a + 1) % 100 != b:
        return None
    return f"{a}/{b:02d}"


def normalise_period(text: str) -> str:
    """A period as a label: financial years as 'YYYY/YY'; anything else as printed (spacing tidied)."""
    t = re.sub(r"\s+", " ", text).strip()
    m = _FY.fullmatch(t)
    if m:
        fy = financial_year(m.group(1), m.group(2))
        if fy:
            return fy
    return t


def find_periods(text: str) -> tuple[PeriodMention, ...]:
    """Period expressions in a text, longest first where they overlap, in order of position."""
    if not _DIGIT.search(text):  # every pattern but the relative ones needs a digit
        return tuple(p for p in _find_periods(text)) if _RELATIVE.search(text) else ()
    return _find_periods(text)


@lru_cache(maxsize=8192)
def _find_periods(text: str) -> tuple[PeriodMention, ...]:
    """(pure, so cached: the indicator readers ask about the same sentence and cell several times)"""
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []
    months = bool(_ANY_MONTH.search(text))
    for rx in (_MONTH_RANGE, _MONTH_PAIR, _YEAR_TO, _QUARTER, _FY, _RELATIVE, _MONTH_YEAR, _YEAR):
        if rx in _BY_MONTH and not months:
            continue
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if rx is _FY and not financial_year(m.group(1), m.group(2)):
                continue
            start = m.start()
            since = re.search(r"\bsince\s+$", text[max(0, start - 7):start], re.I)
            raw = text[start - len(since.group(0)) if since else start:m.end()] if since else m.group(0)
            taken.append((m.start(), m.end()))
            label = ("since " + normalise_period(m.group(0))) if since else normalise_period(m.group(0))
            found.append(PeriodMention(m.start(), m.end(), raw, label))
    return tuple(sorted(found, key=lambda p: p.start))

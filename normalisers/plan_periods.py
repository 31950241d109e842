"""The period a plan covers, read from a piece of text (a title, a heading, a file name): pure functions.

Periods are printed in many forms: ``2019/20``, ``2019-20``, ``2019-2021``, ``2019 to 2021``,
``April 2019 - March 2020``, ``01/04/19 - 31/03/22``, and in titles and file names also ``19/20`` and
``1920`` (a compact form that could be a plan's year, ``2021``, is read as that year). A one-year span is
labelled ``2019/20``, a longer one ``2019-21``. Years that are not a plan's period are never candidates:
an Act or Regulations (``Crime and Disorder Act 1998``), a citation (``(YJB, May 2019)``), a year looked
back on (``Review of 2018/19``).

Where one text prints a multi-year span and a single year (``Plan 2019-2022 - 2019-20 update``, ``the 2019-20
refresh of the 2018-21 Plan``, ``Plan Cymru 2019/21 - 19/20 plan``), the rule is: a year labelled as the
plan itself (``19/20 plan``) or a refresh/update of an earlier plan (a year after the span's first) is the
period; a first-year update of a plan that starts that year is that plan, so the span is the period; with
neither label, the one printed first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_Y = r"(?:19|20)\d\d"
_DASH = r"\s*(?:/|-|–|—|to)\s*"
_UNTIL = r"\s*(?:-|–|—|to|until)\s*"
_DAY = r"\d\d?(?:st|nd|rd|th)?\s+"
# in order of preference; group(1) and group(2) are the years the span starts and ends
_SPANS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\w/]){_MONTH}\s+({_Y}){_UNTIL}(?:{_DAY})?{_MONTH}\s+({_Y})\b", re.I),
    re.compile(rf"(?<![\d/]){_DAY}{_MONTH}\s+({_Y}){_UNTIL}{_DAY}{_MONTH}\s+({_Y})\b", re.I),
    # "2019/20 - 2021/22": from the first year of one financial year to the end of another
    re.compile(rf"(?<![\d/.,£])({_Y})/\d\d(?:\d\d)?{_UNTIL}(?:19|20)\d\d/((?:19|20)?\d\d)(?![\d%]|/\d)", re.I),
    re.compile(r"(?<![\d/])\d\d?/\d\d?/(\d\d(?:\d\d)?)\s*(?:-|–|to)\s*\d\d?/\d\d?/(\d\d(?:\d\d)?)(?![\d/])"),
    re.compile(rf"(?<![\d/.,£])({_Y}){_DASH}((?:19|20)?\d\d)(?![\d%]|/\d)", re.I),
)
# short forms, read only where a title or file name is: "19/20", "19-22"; "1920"; "2019 20"
_SHORT = re.compile(r"(?<![\d/.,£])(\d\d)\s*(?:/|-|–)\s*(\d\d)(?![\d/%])")
_COMPACT = re.compile(r"(?<![\d/.,£])(?<!\d\d\d\s)(\d\d)(\d\d)(?![\d/%]|\s\d\d\d)")  # not "0161 770 1920"
_SPACED = re.compile(rf"(?<![\d/.,£])({_Y})\s+(\d\d)(?![\d/%])")
_YEAR = re.compile(rf"(?<![\d/.,£]){_Y}(?![\d%]|/\d)")

# years that are never the plan's period
_NOISE = (
    re.compile(rf"\b(?:Acts?|Regulations|Order|Bill|Rules|Measure|Code)\s*(?:of\s+)?\(?\s*{_Y}", re.I),
    # (YJB, May 2019); (Smith, 2018); (MoJ, 2018-19)
    re.compile(rf"\([^()]{{0,60}}?,\s*(?:{_MONTH}\s+)?{_Y}(?:\s*[-/–]\s*(?:19|20)?\d\d)?[a-z]?\)", re.I),
    re.compile(rf"\bet al\.?,?\s*\(?{_Y}", re.I),
)
# a date, or a copyright line, is when a document was written: its year dates a report, never a plan period
_DATE = re.compile(rf"\b\d\d?(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+{_Y}\b|\b\d\d?/\d\d?/{_Y}\b|©[^\n]{{0,80}}?{_Y}",
                   re.I)
_BACKWARD = re.compile(r"\b(?:(?:review(?:ed)?|since|previous|preceding|last|achievements?|out-?turn|performance)\b"
                       r"|(?:refresh\w*|update[sd]?|review(?:ed)?)\s+of\b)[\w\s&'’]{0,25}$", re.I)
_PLAN_WORD = re.compile(r"\b(?:plan|strateg\w*|update[ds]?|refresh(?:ed)?|annual|cymru)\b", re.I)
_LABELLED_PLAN = re.compile(r"^\s*(?:youth\s+justice\s+)?(?:plan|update|refresh)\b", re.I)
_UPDATE_AFTER = re.compile(r"^\s*(?:update[ds]?|refresh(?:ed)?)\b", re.I)
_UPDATE_BEFORE = re.compile(r"\b(?:update[ds]?|refresh(?:ed)?)\s+(?:for\s+|of\s+|in\s+)?$", re.I)
_DAYS_OR_PAGES = re.compile(rf"^\s*(?:st|nd|rd|th)?\s*{_MONTH}", re.I)
_PAGES_BEFORE = re.compile(r"\b(?:pages?|pp?\.?|paras?\.?|paragraphs?|sections?|items?|nos?\.?)\s*$", re.I)


@dataclass(frozen=True)
class PeriodMention:
    """A period found in a text: ``first``..``last`` are the years it starts and ends (equal for a lone year)."""

    start: int
    end: int
    first: int
    last: int
    lone: bool = False  # a single year ("2019", "Update 2019"), not a span

    @property
    def years(self) -> int:
        return self.last - self.first

    def label(self) -> str:
        if self.lone or self.years == 0:
            return str(self.first)
        return f"{self.first}/{self.last % 100:02d}" if self.years == 1 else f"{self.first}-{self.last % 100:02d}"


def fy_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _year(text: str, base: Optional[int] = None) -> int:
    if len(text) == 4:
        return int(text)
    if base is not None:
        return (base // 100) * 100 + int(text)
    return 2000 + int(text)


def _plausible_year(printed: str) -> bool:
    """A compact '2021' is a year (2021), not '20/21'; '1920' or '1819' cannot be a plan's year."""
    return printed.isdigit() and len(printed) == 4 and 1990 <= int(printed) <= 2039


_DIGIT_RUN = re.compile(r"\d+")
# patterns whose every match starts at a digit no digit stands before (their lookbehind refuses one): the start of
# a run of digits
_DIGIT_LED = frozenset((*_SPANS[1:], _SHORT, _COMPACT, _SPACED, _YEAR))


def _finditer(rx: re.Pattern[str], text: str, runs: list[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``; a digit-led pattern is tried only at the starts of runs of digits (``runs``)."""
    if rx not in _DIGIT_LED:
        yield from rx.finditer(text)
        return
    end = 0
    for k in runs:
        if k < end:
            continue
        m = rx.match(text, k)
        if m:
            yield m
            end = m.end()


def _digit_runs(text: str) -> list[int]:
    return [m.start() for m in _DIGIT_RUN.finditer(text)]


def noise_spans(text: str) -> list[tuple[int, int]]:
    """Where an Act, a citation or a copyright line names a year (never a plan period)."""
    return [m.span() for rx in _NOISE for m in rx.finditer(text)]


def _clear(text: str, a: int, b: int, noise: list[tuple[int, int]]) -> bool:
    return not any(x < b and a < y for x, y in noise)


def _looks_back(text: str, start: int) -> bool:
    return bool(_BACKWARD.search(text[max(0, start - 40):start]))


def spans_in(text: str, short: bool = False) -> list[PeriodMention]:
    """Period spans in a text, in order, without noise or looked-back years; ``short`` admits '19/20', '1920'."""
    noise = noise_spans(text)
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []
    rxs = (*_SPANS, _SHORT, _SPACED, _COMPACT) if short else _SPANS
    runs = _digit_runs(text)
    for rx in rxs:
        for m in _finditer(rx, text, runs):
            a, b = m.span()
            if any(x < b and a < y for x, y in taken) or not _clear(text, a, b, noise) or _looks_back(text, a):
                continue
            first = _year(m.group(1))
            last = _year(m.group(2), first)
            if rx in (_COMPACT, _SPACED) and (last != first + 1 or _plausible_year(m.group(0))):
                continue  # "1920" is 2019/20, but "2021" is the year 2021
            if rx is _SHORT and (_DAYS_OR_PAGES.match(text[b:]) or _PAGES_BEFORE.search(text[max(0, a - 12):a])):
                continue  # "24 - 28 June", "pages 19-22"
            if rx is _SPANS[-1] and len(m.group(2)) == 4 and not 0 < last - first <= 5:
                continue
            if 0 < last - first <= 5:
                taken.append((a, b))
                found.append(PeriodMention(a, b, first, last))
    return sorted(found, key=lambda p: p.start)


def lone_years_in(text: str, dates: bool = False) -> list[PeriodMention]:
    """Single years not inside a span, an Act or a citation; a year of a printed date only if ``dates``."""
    noise = noise_spans(text) + [p for s in spans_in(text, short=False) for p in [(s.start, s.end)]]
    if not dates:
        noise += [m.span() for m in _DATE.finditer(text)]
    out = []
    for m in _finditer(_YEAR, text, _digit_runs(text)):
        if _clear(text, m.start(), m.end(), noise) and not _looks_back(text, m.start()):
            y = int(m.group(0))
            out.append(PeriodMention(m.start(), m.end(), y, y, lone=True))
    return out


def near_plan_word(text: str, p: PeriodMention, before: int = 50, after: int = 25) -> bool:
    return bool(_PLAN_WORD.search(text[max(0, p.start - before):p.end + after]))


def is_update_year(text: str, p: PeriodMention) -> bool:
    """'Update 2019', '2019 update', '2019-20 refresh': the year of an update of a plan."""
    return bool(_UPDATE_AFTER.match(text[p.end:]) or _UPDATE_BEFORE.search(text[max(0, p.start - 20):p.start]))


def _resolve(text: str, spans: list[PeriodMention], updates: list[PeriodMention]) -> PeriodMention:
    """One period from the spans (and update years) of one text; see the module docstring."""
    multi = [p for p in spans if p.years >= 2]
    single = [p for p in spans if p.years == 1] + [PeriodMention(u.start, u.end, u.first, u.first + 1) for u in updates]
    if not multi or not single:
        return (spans or single)[0]
    s = multi[0]
    for a in sorted(single, key=lambda p: p.start):
        if _LABELLED_PLAN.match(text[a.end:]) and not _UPDATE_AFTER.match(text[a.end:]):
            return a  # "19/20 plan"
        if is_update_year(text, a) and a.first != s.first:
            return a  # the refresh or update of an earlier plan
    # otherwise the first printed: a first-year update of a plan starting that year is that plan
    return min([s, *(a for a in single if not is_update_year(text, a))], key=lambda p: p.start)


def plan_period(text: str, short: bool = False, named: bool = False) -> Optional[str]:
    """The plan period a title-like text states, or None ('Youth Justice Plan 2019-2021' -> '2019-21');
    ``named``: only a period printed with a plan word ('Plan', 'Strategy', 'update', 'annual')."""
    spans = [p for p in spans_in(text, short=short) if not named or near_plan_word(text, p)]
    updates = [p for p in lone_years_in(text) if is_update_year(text, p)]
    if not spans and not updates:
        return None
    return _resolve(text, spans, updates).label()


def plan_year(text: str) -> Optional[str]:
    """A lone year named with the plan ('YOUTH JUSTICE PLAN 2019') as the plan year starting then."""
    for p in lone_years_in(text):
        if near_plan_word(text, p, before=40, after=15):
            return fy_label(p.first)
    return None

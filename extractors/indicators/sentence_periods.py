"""The period a figure of a sentence is about: the nearest period mention that applies to it (no other clause
between them, not the start of a from/to pair whose end is this figure, not a publication date), and for a change
the period it is measured against ('compared with 2017/18'). Pure functions over strings.
"""
from __future__ import annotations

import re
from typing import Optional

from normalisers.periods import PeriodMention, find_periods

_NEW_CLAUSE = re.compile(r";|,\s*(?:and|but|which|while|whilst|whereas|with)\b", re.I)
_LEADING_PERIOD = re.compile(r"[\W\d.]*(?:(?:in|during|for|over|by|at\s+the\s+end\s+of)\s+)?(?:the\s+)?"
                             r"(?:(?:period|year|twelve\s+months|12\s+months)\s+(?:of\s+|from\s+)?)?", re.I)
_NOT_DATA_PERIOD = re.compile(r"\b(?:(?:released|published|issued|produced)\b[^.;\d]{0,40}?\b(?:in|on)|as\s+(?:at|of))"
                              r"\s+(?:[A-Z][a-z]+\s+)?$", re.I)


def _applies(sentence: str, p: PeriodMention, start: int, end: int, lo: int, hi: int) -> bool:
    """A period names a figure's time unless another clause stands between them ('(Jul 16 - Sep 16), and 4.1%
    higher'), it is the start of a from/to pair whose end is this figure ('from 47.1% in 2013/14 to 43.2%'), it
    owns the next figure ('0.17 (compared to last year's 0.26)'), or it dates a publication ('released by the YJB
    in June 2019', 'as at March 2019')."""
    if _NOT_DATA_PERIOD.search(sentence[max(0, p.start - 80):p.start]):
        return False
    if p.end <= start:
        if _LEADING_PERIOD.fullmatch(sentence[:p.start]):
            return True  # the sentence's own period ('2017/18 rate; 0.16; ...', 'In 2018/19, ...')
        between = sentence[p.end:start]
        return not (_NEW_CLAUSE.search(between) or (lo and p.start >= lo and re.fullmatch(
            r"[\s()]*(?:to|and|vs\.?|versus)[\s(]*", between, re.I)))
    if p.start >= end and p.end <= hi < len(sentence) and re.match(r"['’]s\b", sentence[p.end:p.end + 2]):
        return False
    return p.start < end or not _NEW_CLAUSE.search(sentence[end:p.start])


_COMPARED_TO = re.compile(r"\b(?:than|compared\s+(?:to|with)|against|versus|vs\.?|(?:reduction|decrease|increase|fall|"
                          r"drop|rise|improvement|change|down|up)\s+(?:\w+\s+){0,2}?(?:from|on))\b[^,;\d%]{0,40}$", re.I)
_IN_PERIOD = re.compile(r"\s*(?:in|for|during)\s+(?:the\s+)?", re.I)
_BASE = re.compile(r"\b(?:than|compared\s+(?:to|with)|on|against|versus|vs\.?)\b[^,;\d%]{0,40}$"
                   r"|^\s*(?:reduction|decrease|increase|fall|drop|rise|decline)\s+(?:from\s+)?$", re.I)


def period_of(sentence: str, start: int, end: int, lo: int, hi: int, change: bool = False) -> Optional[str]:
    """The label of the period nearest a figure among those that apply to it; for a change, a period it is
    measured against ('4% lower than the numbers in 2017-18') is labelled 'compared with 2017/18', and it never
    dates a figure that is not a change ('35% shows a reduction from last year')."""
    ps = [p for p in find_periods(sentence) if _applies(sentence, p, start, end, lo, hi)
          and (change or p.start < end or not _COMPARED_TO.search(sentence[end:p.start]))]
    near = [p for p in ps if lo <= p.start and p.end <= hi and not (p.start < end and start < p.end)]
    pool = near or ps
    if not pool:
        return None
    direct = [p for p in pool if p.start >= end and _IN_PERIOD.fullmatch(sentence[end:p.start])]
    # '(44.2% in Apr 2016 - Jun 2016)': the period the figure is said to be in, over a nearer 'the previous year ('
    best = direct[0] if direct else min(pool, key=lambda p: min(abs(p.start - end), abs(start - p.end)))
    if change and best.start >= end and not best.label.startswith("since") and _BASE.search(sentence[end:best.start]):
        return f"compared with {best.label}"
    return best.label

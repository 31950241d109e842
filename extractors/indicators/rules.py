"""Rules that read one sentence for the three national indicators: what is measured, the value and its unit,
scope, comparator, target or actual, and the period. Pure functions over strings; spaCy only splits sentences.

A doubtful figure is dropped rather than read wrongly: shares of a subgroup ('Of these, 35% re-offended', '24% of
those receiving triage'), bounds ('under 40%'), ranges ('between 37% and 47%'), red/amber/green thresholds,
denominators ('out of 70 disposals'), changes that do not say which way ('an improvement of 150'), figures about
another topic (offence types, ethnicity, funding, survey answers) and figures of the frequency measure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import Optional

from extractors.indicators import vocabulary as vocab
from normalisers.periods import PeriodMention, find_periods
from normalisers.units import RATE_RX, rate_code

# every measure pattern of vocabulary.json holds one of these: a fast filter before tokenizing a text (a new
# measure pattern whose words hold none of them must add one here)
_MAYBE_MEASURE = re.compile(r"first|fte|entr|enter|offen|binary|custod", re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "no": 0}
_NUM = re.compile(
    r"(?<![\w.,/£$-])(?P<sign>[-–−]\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w/£]|[.,]\d|-\d)"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?"
    r"|\b(?P<word>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?=\s+(?:custodial|first))"
    r"|\b(?P<none>no)\s+(?=(?:young\s+people|children)\s+(?:were|have\s+been|had\s+been)\b[^.]{0,50}?custod)", re.I)
_FALL = re.compile(r"(?:(?<!\w)(?:reduc\w*|decreas\w*|fall(?:en)?|fell|dropp?(?:ed)?|declin\w*|down|lower|cut)(?:\s+(?:by|of))?"
                   r"|(?:reduce|decrease|lower|cut)\b[^.%\d]{0,50}?\sby)\s+"
                   r"(?:(?:a|an|approximately|around|about|almost|nearly|over|further|only|just)\s+)*$", re.I)
_RISE = re.compile(r"(?:(?<!\w)(?:increas\w*|risen|rise|rose|up|grow\w*|higher)(?:\s+(?:by|of))?"
                   r"|(?:gone\s+up|increased|risen|rose)\b[^.%\d]{0,50}?\sby)\s+(?:(?:a|an|only|just|further)\s+)*$", re.I)
# the rest of a list of figures whose unit is printed once after the last ('257, 220 and 213 per 100,000')
_LIST_THEN = r"^(?:\s*,\s*\d+(?:\.\d+)?)*\s*,?\s*and\s+\d+(?:\.\d+)?\s+"
_FALL_AFTER = re.compile(r"^\s*(?:reduction|decrease|fall|drop|decline|lower|fewer|less)\b", re.I)
_RISE_AFTER = re.compile(r"^\s*(?:increase|rise|higher|more)\b", re.I)
_WHO = r"(?:young\s+(?:people|offenders)|children|offenders)\s+(?:(?:who|that)\s+)?(?:(?:have|had)\s+)?"
_COUNT_AFTER = {  # a count names what it counts right after it
    "custody": re.compile(r"^\s*(?:new\s+)?(?:(?:custodial\s+)?sentences?|custodial\s+(?:disposals?|outcomes?)|custodies|"
                          + _WHO + r"(?:received|were\s+given|been\s+given|given|were\s+sentenced\s+to|sentenced\s+to|(?:were\s+)?serving)"
                          r"\s+(?:a\s+|at\s+least\s+one\s+)?custod)", re.I),
    "first_time_entrants": re.compile(r"^\s*(?:first[\s-]?time\s+entrants|(?:young\s+people|children)\s+"
                                      r"(?:aged\s+\d{1,2}\s?(?:-|–|to)\s?\d{1,2}\s+)?(?:(?:have|had)\s+)?"
                                      r"(?:entered|entering)\s+(?:(?:in)?to\s+)?the\s+(?:youth|criminal)\s+just|young\s+people\b(?!\s+(?:who|aged|in\b(?!\s+the\s+(?:year|period|12\s+months)\b))))",
                                      re.I),
    "reoffending": re.compile(r"^\s*(?:re-?\s?offenders\b|(?:of\s+(?:them|these)\s+)?re-?\s?offended\b|" + _WHO
                              + r"re-?\s?offended\b)", re.I),
}
_SCOPES = (
    ("family_group", re.compile(r"\bfamily\b|statistical\s+neighbou?rs?|compar\w+\s+group|similar\s+YOTs", re.I)),
    ("national", re.compile(r"\b(?!(?-i:National\s+[A-Z](?!(?:verage|ates?|igures?|icture|evel|omparators?|omparison|"
                            r"enchmark|rends?|ean)\b)))national(?:ly)?\b|\bEngland(?:\s+and\s+Wales)?\b|\bWales\b", re.I)),
    ("regional", re.compile(r"\bregion(?:al|ally)?\b|\b(?:North\s+East|North\s+West|Yorkshire(?:\s+and\s+the\s+Humber)?|"
                            r"East\s+Midlands|West\s+Midlands|East\s+of\s+England|London|South\s+East|South\s+West)\b")),
)
_COMPARED = re.compile(r"compared\s+(?:to|with)\s+(?:the\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*(?:which|who|at|of|rate|'s|,)", re.S)
_FREQUENCY = re.compile(r"(?:per\s+(?:re-?\s?)?offender|frequency|re-?offences\s+per|per\s+cohort)[^.\d%]{0,40}$", re.I)
_SHARE = re.compile(r"^\s*(?:\(n?\s?\d+\)\s*)?(?:of\s+the\s+[\w\s-]{0,30}population|(?:of\s+)?(?:the\s+|all\s+)?"
                    r"(?:young\s+(?:people|offenders)|children|offenders)\s+(?:engaged|in\b|who|released|leaving|receiving|"
                    r"sentenced|subject|given|placed|with\b|on\b|from\b|looked[\s-]+after|received?\b)|(?:of\s+)?(?:the\s+)?"
                    r"looked[\s-]+after\s+(?:children|young\s+people)|are\b|were\b|had\b|have\b|known\b|BAME\b|male\b|"
                    r"female\b|present(?:s|ed|ing)?\s+(?:with|as)\b|of\s+(?:those|these|them)\b|"
                    r"of\s+[^.;]{0,60}?\b(?:were|was|are|had|have|responsible)\b)", re.I)
_OTHER_TOPIC = re.compile(r"remand\w*|fund\w*|grant\b|saving|budget|\bEET\b|educat\w*|scor\w+|matrix|\bLAC\b|"
                          r"BAME|ethnic\w*|\bmale\b|female|\bgirls\b|\bboys\b|looked[\s-]after|orders?\b|revoked|\bwhite\b|\bblack\b|"
                          r"\basian\b|\bmixed\b|\bstaff\b|\bposts?\b|respondents?|survey|(?<![-\w])(?<!re)offen[cs]es\b|violen\w*|"
                          r"weapons?|knife|knives|robbery|burglary|theft|drugs?\b|sexual", re.I)
_OTHER_AREA = re.compile(r"\b([A-Z][a-z]{3,})(?:'s)?\s*\((?:with\s+)?(?:a\s+)?rate\b")
_AREA_LABEL = re.compile(r"^\s*([A-Z][a-z]{3,})(?::|\s+current\b)")
_NOT_AREAS = {"overall", "target", "targets", "performance", "binary", "rate", "custody", "reoffending", "current",
              "total", "local", "national", "frequency", "first", "latest", "final", "note", "actual", "result",
              "results", "outcome", "summary", "england", "wales", "regional", "family"}
_TARGET_WORDS = re.compile(r"(?:less\s+than|no\s+more\s+than)\s*$", re.I)
_TARGET = re.compile(r"\btargets?\b|\baim(?:s|ing)?\s+(?:is\s+)?to\b|\bambitions?\b|\bgoals?\b|\baspir\w*", re.I)
_SUBGROUP = re.compile(r"^\s*of\s+(?:the\s+|our\s+)?(?:\d+\s+)?[\w\s-]{0,40}?\bwho\b", re.I)
# 'Of these, 35% re-offended', 'Of the 220 young people who completed ..., 21 (10%) ...': a sentence about a subgroup
_SUBGROUP_OPEN = re.compile(r"^\W*of\s+(?:these|those|them)\b|^\W*of\s+(?:the\s+|our\s+)?(?:\d[\d,]*\s+)?"
                            r"[\w\s-]{0,40}?\bwho\b", re.I)
# a change in words that do not say which way ('an improvement of 150', 'a difference of 10.7%')
_CHANGE_WORD = re.compile(r"\b(?:improv\w*|chang\w*|differen\w*|deteriorat\w*|worsen\w*|variance|variation|movement)"
                          r"(?:\s+(?:by|of|in))?\s+(?:(?:a|an|approximately|around|about|almost|nearly|over|further|only|just)\s+)*$",
                          re.I)
# 'under 40%', 'just below 50%', '> 39%': a bound, not a value (a target may be stated so)
_BOUND = re.compile(r"(?:\b(?:under|below|above|over|beyond|exceed\w*|(?:more|fewer|less|greater|lower|higher)\s+than|up\s+to|"
                    r"in\s+excess\s+of)|[<>≤≥])\s*$", re.I)
# red/amber/green thresholds: '(G= <36%, A= 36.1-39%, R= >39%)'
_RAG = re.compile(r"(?:(?<![\w-])(?-i:[GAR])|\b(?:green|amber|red))\s*[=:]\s*[<>≤≥=]*\s*$", re.I)
# opinions, not measures: 'respondents said ... less likely to reoffend (in 39%)'
_OPINION = re.compile(r"\b(?:respondents?|survey\w*|questionnaires?)\b", re.I)
# a count whose noun is left out because the count before it printed it: 'there were 115', 'and only 3 in ...'
_ELIDED_COUNT = re.compile(r"(?:\bthere\s+(?:were|was)|\band\s+(?:only\s+|just\s+)?|,\s+(?:only|just))\s*$", re.I)
_ELIDED_END = re.compile(r"^\s*(?:[.,;)]|$|(?:in|during|by)\s)", re.I)
_OWN_FIGURE = re.compile(r"(?:\bour|\b[A-Z]{0,3}(?:YOT|YOS|YJS|YJ)['’]s)\s+(?:\w+\s+){0,2}?(?:rate|figure)\s*"
                         r"(?:of|is|was|at|=|:)?\s*$")
_TREND_CHANGE = re.compile(r"\btrend\s*(?:line\s*)?(?:shows?|suggests?|indicates?|is)\b[^.;%\d]{0,40}$", re.I)
# a hedge printed right before a figure: kept with it as its qualifier ('hovered just below 50%'), never applied
_QUALIFIER = re.compile(r"\b(just\s+(?:below|under|over|above|short\s+of)|approximately|approx\.?|around|about|almost|"
                        r"nearly|roughly|circa|in\s+the\s+region\s+of)\s*$", re.I)
_ACCOUNTS_FOR = re.compile(r"\baccount(?:s|ed|ing)?\s+for\b", re.I)


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
    qualifier: Optional[str] = None  # 'about', 'just below': the hedge printed right before the figure


@lru_cache(maxsize=4096)
def _mentions(text: str) -> tuple[tuple[int, str], ...]:
    if not _MAYBE_MEASURE.search(text):
        return ()
    return tuple(sorted((t.start, t.value) for t in vocab.terms(text, "measure")))


def mentions(text: str) -> list[tuple[int, str]]:
    """(offset, indicator) of every indicator named in a text, in order (memoised: a pure function)."""
    return list(_mentions(text))


_NEW_CLAUSE_AFTER = re.compile(r";|,\s*(?:and|but|which|while|whilst|whereas)\b", re.I)


def _nearest_indicator(text: str, pos: int, ms: list[tuple[int, str]]) -> Optional[str]:
    clause = text.rfind(";", 0, pos) + 1  # an indicator named in an earlier clause is not this figure's
    before = [(pos - p, n) for p, n in ms if clause <= p <= pos and pos - p < 200]
    if before:
        return min(before)[1]
    after = [(p - pos, n) for p, n in ms if p > pos and p - pos < 30
             and not _NEW_CLAUSE_AFTER.search(text[pos:p])]  # not 'is 4.5, while first time entrants ...'
    return min(after)[1] if after else None


def _scope(left: str, default: str) -> tuple[str, Optional[str]]:
    best: Optional[tuple[int, str, str]] = None
    for scope, rx in _SCOPES:
        for m in rx.finditer(left):
            if best is None or m.end() > best[0]:
                best = (m.end(), scope, m.group(0))
    for t in vocab.terms(left, "scope") if re.search(r"[A-Z]", left) else ():  # the vocabulary's places too
        if t.value in ("regional", "other_comparator") and len(t.text.split()) > 1 \
                and not re.match(r"(?:police|pcc)\b", t.text, re.I) and (best is None or t.end >= best[0]):
            best = (t.end, "regional" if t.value == "regional" else t.value, t.text)  # 'Thames Valley', 'Core Cities'
    compared = list(_COMPARED.finditer(left))
    if compared and (best is None or compared[-1].end() > best[0]) and not _SCOPES[1][1].search(compared[-1].group(1)):
        return "regional", compared[-1].group(1)
    if best is None:
        return default, None
    name = best[2] if best[1] != "family_group" else None
    if best[1] == "national" and not re.match(r"england|wales", best[2], re.I):
        name = None
    return best[1], name


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


def _period(sentence: str, start: int, end: int, lo: int, hi: int, change: bool = False) -> Optional[str]:
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
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b\d{1,2}\s*-\s*\d{1,2}\b(?!\s*%)|\b\d{1,2}\s?to\s?\d{1,2}\s*-?\s*(?:yrs?|years?)|aged\s+\d+", sentence)]
    for a, b in spans:
        for k in range(a, b):
            chars[k] = " " if not chars[k].isspace() else chars[k]
    return "".join(chars)


def _unit(indicator: str, pct: bool, left: str, right: str, rate: Optional[str],
          change: Optional[int], mentioned_before: bool = True) -> Optional[tuple[str, bool]]:
    if pct:
        if change is not None:
            return "percent_change", False
        if rate and indicator != "reoffending":
            return rate, True
        return "percent", False
    after_rate = re.match(r"^\s*(?:[a-z]+\s+){0,2}(" + RATE_RX.pattern + ")", right, re.I) or re.match(
        _LIST_THEN + r"(?:[a-z]+\s+){0,2}(" + RATE_RX.pattern + ")", right, re.I)  # '257, 220 and 213 per 100,000'
    if after_rate:
        return rate_code(after_rate.group(2)) or "count", False
    if _FALL.search(left) or _RISE.search(left):
        return None  # 'an increase of 7': a change, in a unit the sentence does not say
    counted = _COUNT_AFTER.get(indicator)
    hit = counted.match(right) if counted else None
    if hit and (indicator != "first_time_entrants" or "young" not in hit.group(0).lower() or mentioned_before
                or " just" in hit.group(0).lower()):  # '156 young people entered the youth justice system'
        return "count", False
    if indicator != "reoffending" and re.match(r"^\s*\(\s*(?:19|20)?\d{2}\s*/\s*\d{2}\s*\)", right):
        return "count", False
    if rate and re.search(r"(?:=|\bis|\bof|\bat|\bwas|'s)\s*$", left):
        return rate, False
    if indicator == "first_time_entrants" and re.search(r"\brate\b[^.]{0,60}(?:=|\bis|\bat|\bof|'s|\()\s*$", left, re.I):
        return "per_100000", False
    if indicator == "first_time_entrants" and re.search(
            r"\b(?:FTEs?|entrants)\b[^.\d]{0,20}?(?::|\bof|\bwas|\bwere|\bat)\s*$", left, re.I):
        return "count", False
    return None


@dataclass(frozen=True)
class Context:
    """What a sentence's values are read against: the sentence, its indicator words and what carries over."""

    sentence: str
    masked: str  # the sentence with periods, rate units and ages blanked
    ms: list[tuple[int, str]]
    inherited: Optional[str]
    rate: Optional[str]
    default_scope: str
    council: Optional[str]


def read_sentence(sentence: str, default_scope: str, inherited: Optional[str],
                  inherited_rate: Optional[str], council: Optional[str] = None,
                  count_before: bool = False) -> list[Reading]:
    """Indicator values stated in one sentence (``inherited``: the indicator the previous sentence was about;
    ``count_before``: the previous sentence's last figure was a count of it)."""
    if not re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", sentence, re.I):
        return []
    if about_subgroup(sentence) or _OPINION.search(sentence):
        return []
    masked = _masked(sentence)
    ctx = Context(sentence, masked, mentions(sentence), inherited, inherited_rate, default_scope, council)
    out: list[Reading] = []
    numbers = list(_NUM.finditer(masked))
    for k, m in enumerate(numbers):
        prev = numbers[k - 1] if k else None
        next_start = numbers[k + 1].start() if k + 1 < len(numbers) else len(sentence)
        reading = _read_number(ctx, m, prev, next_start, out[-1].unit == "count" if out else count_before)
        if reading:
            out.append(reading)
    return out


_FREQ_WORDS = re.compile(r"per\s+(?:re-?\s?)?offender|frequency|re-?\s?offences\s+per|\bre-?\s?offences\s*:", re.I)


def about_subgroup(sentence: str) -> bool:
    """'Of these, 86% witnessed domestic violence and 35% re-offended': the sentence's figures describe a subgroup,
    and a following sentence's 'the figure' is that subgroup's too."""
    return bool(_SUBGROUP_OPEN.match(sentence))


def _about_frequency(before: str) -> bool:
    """The sentence is about the frequency measure (offences per re-offender) and has not moved on to the
    binary rate since: its percentages are changes of that frequency, not re-offending rates."""
    hits = list(_FREQ_WORDS.finditer(before))
    return bool(hits) and not re.search(r"binary|proportion|%\s+of", before[hits[-1].end():], re.I)


def _other_topic_nearer(sentence: str, pos: int, ms: list[tuple[int, str]]) -> bool:
    """A word of another topic (remand, funding, ethnicity...) stands between the value and its indicator."""
    before = [p for p, _ in ms if p <= pos]
    start = max(before) if before else 0
    return bool(_OTHER_TOPIC.search(sentence[start:pos]))


def _scope_of(ctx: Context, m: re.Match[str], prev: Optional[re.Match[str]], left: str,
              right: str) -> tuple[str, Optional[str]]:
    """'the England rate (47.9% compared with 38.4%)': the first is local, the second the England rate."""
    clause = re.split(r"[,;]", left)[-1]
    scope, comparator = _scope(clause if len(clause.split()) >= 2 else left, ctx.default_scope)
    other = other_area(ctx.sentence, left, ctx.council)
    if other:
        return "other_area", other
    if prev is not None and re.match(r"^\W*compared\s+(?:to|with)\W*$", left, re.I):
        scope, comparator = _scope(ctx.sentence[:prev.start()], ctx.default_scope)
    if re.match(r"\s*compared\s+(?:to|with)\b", right, re.I):
        scope, comparator = ctx.default_scope, None
    after = re.match(r"^\s*(?:across|for|in|within)\s+(?:the\s+|our\s+)?([^,;.()]{0,40})", right, re.I)
    if comparator is None and scope == ctx.default_scope and after \
            and not re.search(r"\b(?:is|was|are|were|than|compared|better|worse)\b", after.group(1), re.I):
        first = min(((m.start(), name, m.group(0)) for name, rx in _SCOPES for m in rx.finditer(after.group(1))),
                    default=None)
        if first:
            scope, comparator = first[1], (first[2] if first[1] == "regional" else None)
    adverb = re.match(r"\s*(national|regional)ly\b", right, re.I)
    if comparator is None and scope == ctx.default_scope and adverb:  # '38.4% nationally'
        scope = "national" if adverb.group(1).lower() == "national" else "regional"
    if comparator and ctx.council and comparator.lower() in ctx.council.lower():
        scope, comparator = "local", None
    if _OWN_FIGURE.search(left):  # 'when compared to NYOT's rate of 0.21', 'our rate of': the council's own
        scope, comparator = ctx.default_scope, None
    return scope, comparator


def other_area(sentence: str, left: str, council: Optional[str]) -> Optional[str]:
    """Another council's name the figure is given for ('Lambeth (with a rate of 467', 'Devon current rate 256')."""
    other = _OTHER_AREA.search(left) or _AREA_LABEL.match(sentence)
    if other and not (council and other.group(1).lower() in council.lower()) \
            and other.group(1).lower() not in _NOT_AREAS and not mentions(other.group(1)):
        return other.group(1)
    return None


def _skip(sentence: str, m: re.Match[str], right: str, pct: bool) -> bool:
    """Shares of a subgroup ('80% of LAC offenders were male'), identifiers ('NI 111') and money."""
    before = sentence[:m.start()].rstrip()
    if pct and before.endswith("(") and not _FALL_AFTER.match(right) and not re.search(
            r"(rate|FTEs?|family|national\w*|England|region\w*|offend\w*|custody|year|period)\W*\($", before, re.I) \
            and not _names_place(before[:-1]):
        return True
    if pct and (_SUBGROUP.match(right) or _SHARE.match(right)):
        return True
    if re.search(r"(?:\b[A-Z]{2,3}|\bNo\.?)\s*$", before) or re.match(r"\s*(?:years?|yrs?)\b", right, re.I):
        return True
    if not before.strip(" -•*") and re.match(r"\.?\s+(?:[A-Z][a-z]+\s+){1,}[A-Z]", right):
        return True  # '2 First Time Entrants': a numbered heading
    if re.search(r"\b(?:at\s+least|indicator|section|appendix|page|table|figure|chart|top|bottom)\s*$", before, re.I):
        return True
    if re.search(r"\b(?:a|an|its|the)\s+(?:(?:all[\s-]time|recent|record)\s+)?(?:high|peak|low)\s+of\s*$", before, re.I):
        return True  # 'reducing from a high of 0.7': an extreme whose period is not said
    if pct and re.search(r"\b(?:remand\w*|fund\w*|grant|budget|saving|yet\s+to)", right[:50], re.I):
        return True
    if re.search(r"\b(?:BAME|ethnic\w*|white|black|asian|female|male|girls|boys)\b", right[:45], re.I):
        return True  # a figure for a subgroup ('5 custodial sentences for BAME young people')
    if re.search(r"\b(?:out\s+of|cohort\s+of)\s*$", before, re.I) or _RAG.search(before):
        return True  # a denominator ('1 custody out of 70 disposals'), a red/amber/green threshold
    if pct and _ACCOUNTS_FOR.search(before[-100:].rsplit(";", 1)[-1]):
        return True  # 'they account for 35% of all orders ... and custodial outcomes 36%': shares of a group
    if re.search(r"\bbetween\s*$", before, re.I) and re.match(r"\s*(?:and|to|-|–)\s*\d", right) or re.search(
            r"\bbetween\s+[\d.,]+\s?%?\s*(?:and|to|-|–)\s*$", before, re.I):
        return True  # 'fluctuating between 37% and 47%': a range, not a value
    if pct and (re.search(r"\bresponsible\s+for\s*$", before, re.I)
                or re.match(r"^\s*(?:\(\d+\)\s*)?of\s+(?:all\s+)?(?:the\s+)?re-?\s?offences", right, re.I)):
        return True  # a share of the re-offences, not a re-offending rate
    return bool(re.search(r"£\s*$", before))


def _names_place(text: str) -> bool:
    """'the rate for the South West (34.2%)', 'the YOT comparison group (40.2%)': a comparator right before."""
    tail = text.rstrip()[-40:]
    return any(m.end() == len(tail) for _, rx in _SCOPES for m in rx.finditer(tail))


def _changed_before(ctx: Context, m: re.Match[str], left: str, pct: bool) -> Optional[str]:
    """'... reoffending ... - 45.5%; an increase of 6.8% to the previous position': a change in a clause naming no
    measure, right after a clause that read a value of one, is that measure's change."""
    clause = ctx.sentence.rfind(";", 0, m.start())
    if not pct or clause < 0 or not (_FALL.search(left) or _RISE.search(left)) \
            or re.match(r"\s*(?:in|of|for|among|across)\b", ctx.sentence[m.end():], re.I):
        return None  # 'an increase of 6.8% in school exclusions': the change of something else
    earlier = [n for p, n in ctx.ms if p < clause]
    if not earlier or not re.search(r"\d\s?%\W*$", ctx.sentence[:clause]):
        return None
    return earlier[-1]


def _indicator_of(ctx: Context, m: re.Match[str], left: str, right: str, pct: bool) -> Optional[str]:
    """The indicator a figure belongs to, or None when it is about something else."""
    sentence = ctx.sentence
    clause = sentence[sentence.rfind(";", 0, m.start()) + 1:m.start()]
    if _skip(sentence, m, right, pct) or _FREQUENCY.search(clause[-90:]) or _about_frequency(sentence[:m.start()]):
        return None
    if _other_topic_nearer(sentence, m.start(), ctx.ms):
        return None
    indicator = _nearest_indicator(sentence, m.start(), ctx.ms) or ctx.inherited or _changed_before(ctx, m, left, pct)
    if pct and re.match(r"^\s*of\b[^.;\d]{0,80}?\bre-?\s?offend", right, re.I):
        indicator = "reoffending"
    if re.match(r"^\s*(?:custodial|custodies)\b", right, re.I):
        indicator = "custody"
    named = next((name for name in ("custody", "reoffending") if _COUNT_AFTER[name].match(right)), None)
    if named and not pct:  # '15 young people received custodial sentences': the count names its measure
        indicator = named
    return indicator


def _kind(left: str, right: str) -> str:
    target = _TARGET.search(left) or _TARGET_WORDS.search(left) or re.match(r"\s*or\s+(?:less|lower|below)\b", right)
    return "target" if target else "actual"


def _read_number(ctx: Context, m: re.Match[str], prev: Optional[re.Match[str]], hi: int,
                 count_before: bool = False) -> Optional[Reading]:
    sentence, ms = ctx.sentence, ctx.ms
    stated = [r for r in RATE_RX.finditer(sentence) if r.end() <= m.start()]
    rate = rate_code(stated[-1].group(1)) if stated else ctx.rate  # a unit applies to the figures after it
    lo = prev.end() if prev else 0
    left, right = sentence[lo:m.start()], sentence[m.end():m.end() + 60]
    pct = bool(m.group("pct"))
    indicator = _indicator_of(ctx, m, left, right, pct)
    if indicator is None:
        return None
    if not pct and prev is not None and prev.group("pct") and re.fullmatch(r"\s*\(\s*", left):
        return None  # '3% (6 young people)': the numerator of a share, not a count of the measure
    period = _period(sentence, m.start(), m.end(), lo, hi)  # a change's own: below
    if m.group("none"):  # 'no young people were given a custodial sentence'
        return Reading("custody", Decimal(0), "count", ctx.default_scope, "actual", m.group(0).strip(), m.start(),
                       None, period)
    word = m.group("word")
    value = Decimal(_WORDS[word.lower()]) if word else Decimal(m.group("num").replace(",", ""))
    signed = bool(m.group("sign")) and pct and bool(re.search(r"(\(|\bof|\bby|\bis|:)\s*$", left))
    change = _change_sign(ctx.masked[lo:m.start()][-90:], right, signed) if pct else None
    if change is None and _CHANGE_WORD.search(left):
        return None  # 'an improvement of 150 first time entrants': a change, and which way is not said
    unit = _unit(indicator, pct, left[-80:], right, rate, change, not ms or any(p <= m.start() for p, _ in ms))
    if unit is None and not pct and count_before and _ELIDED_COUNT.search(left) and _ELIDED_END.match(right):
        unit = ("count", False)  # 'there were 148 first time entrants. In 2018 there were 115.': the noun elided
    if unit is None or (unit[0] == "count" and value != value.to_integral_value()):
        return None
    if change is not None and _TREND_CHANGE.search(left):
        return None  # 'the linear trend shows that this is up by only 2%': a fitted line's slope, not a change
    if unit[0] == "percent_change" and change is not None:
        value = value * change
        period = _period(sentence, m.start(), m.end(), lo, hi, change=True)
    scope, comparator = _scope_of(ctx, m, prev, left, right)
    if comparator is None and scope == ctx.default_scope and re.search(r"\baverage\b[^.\d]{0,20}$", left, re.I):
        return None  # 'the core city average of 39.4%': a comparator this reader cannot name
    if scope == "other_area":  # another council's figure quoted for comparison: not a statement about this one
        return None
    kind = _kind(left, right)
    hedge = qualifier(left)
    if kind == "actual" and change is None and _BOUND.search(left) and hedge is None:
        return None  # 'to under 40%': a bound, not the value ('just below 50%': the value, hedged)
    return Reading(indicator, value, unit[0], scope, kind, m.group(0).strip(), m.start(), comparator, period, unit[1],
                   hedge)


def qualifier(left: str) -> Optional[str]:
    """The hedge printed right before a figure ('about', 'just below'), in lower case with single spaces."""
    m = _QUALIFIER.search(left)
    return " ".join(m.group(1).lower().split()) if m else None


# the pieces the sentence forms (extractors/indicators/forms.py) share with this reader
masked = _masked
nearest_indicator = _nearest_indicator
other_topic_nearer = _other_topic_nearer
scope_before = _scope
period_of = _period
COUNT_AFTER = _COUNT_AFTER
OWN_FIGURE = _OWN_FIGURE
TARGET = _TARGET
BOUND = _BOUND

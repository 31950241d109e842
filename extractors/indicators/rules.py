"""Rules that read one sentence for the three national indicators: what is measured, the value and its unit,
scope, comparator, target or actual, and the period. Pure functions over strings; spaCy only splits sentences.

The conditions are data: the decision tables of ``rules.json`` (which figure to drop and why, its measure, the way
of a change, its unit, its kind; the first entry that holds decides), interpreted by ``rule_table.py``. This module
holds the computation around them: finding and masking figures, the nearest measure named, the scope, the period
(``sentence_periods.py``). ``why(sentence)`` lists each figure with the entries that decided it.

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

from extractors.indicators import rule_table
from extractors.indicators.rule_table import Sides
from extractors.indicators import vocabulary as vocab
from extractors.indicators import sentence_periods
from normalisers.periods import find_periods
from normalisers.units import RATE_RX, rate_code

_P = rule_table.patterns()
_MAYBE_MEASURE = _P["maybe_measure"]
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "no": 0}
_NUM = re.compile(
    r"(?<![\w.,/£$-])(?P<sign>[-–−]\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w/£]|[.,]\d|-\d)"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?"
    r"|\b(?P<word>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?=\s+(?:custodial|first))"
    r"|\b(?P<none>no)\s+(?=(?:young\s+people|children)\s+(?:were|have\s+been|had\s+been)\b[^.]{0,50}?custod)", re.I)
_ANY_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.I)
_FALL, _RISE = _P["fall"], _P["rise"]
_COUNT_AFTER = {name: _P[f"count_after_{name}"] for name in ("custody", "first_time_entrants", "reoffending")}
_SCOPES = tuple((name, _P[f"scope_{name}"]) for name in ("family_group", "national", "regional"))
_COMPARED = _P["compared"]
_OTHER_TOPIC = _P["other_topic"]
_OTHER_AREA, _AREA_LABEL = _P["other_area"], _P["area_label"]
_NOT_AREAS = rule_table.not_areas()
_TARGET = _P["target"]
_SUBGROUP_OPEN = _P["subgroup_open"]
_BOUND = _P["bound"]
_OWN_FIGURE = _P["own_figure"]
_QUALIFIER = _P["qualifier"]


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
                and not _P["police_area"].search(t.text) and (best is None or t.end >= best[0]):
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


_AGES = re.compile(r"\b\d{1,2}\s*-\s*\d{1,2}\b(?!\s*%)|\b\d{1,2}\s?to\s?\d{1,2}\s*-?\s*(?:yrs?|years?)|aged\s+\d+")
_NOT_SPACE = re.compile(r"\S")


def _masked(sentence: str) -> str:
    """Periods, rate units and ages blanked out so their digits are not read as values (spacing kept)."""
    spans = [(p.start, p.end) for p in find_periods(sentence)]
    spans += [(m.start(), m.end()) for m in RATE_RX.finditer(sentence)]
    spans += [(m.start(), m.end()) for m in _AGES.finditer(sentence)]
    out = sentence
    for a, b in spans:
        out = out[:a] + _NOT_SPACE.sub(" ", out[a:b]) + out[b:]
    return out


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
    rates: tuple[tuple[int, str], ...] = ()  # (end, number) of every rate unit printed in the sentence


def read_sentence(sentence: str, default_scope: str, inherited: Optional[str],
                  inherited_rate: Optional[str], council: Optional[str] = None,
                  count_before: bool = False) -> list[Reading]:
    """Indicator values stated in one sentence (``inherited``: the indicator the previous sentence was about;
    ``count_before``: the previous sentence's last figure was a count of it)."""
    return [v.reading for v in _verdicts(sentence, default_scope, inherited, inherited_rate, council, count_before,
                                         False) if v.reading is not None]


@dataclass(frozen=True)
class Verdict:
    """What the reader made of one figure: its reading, or the name of the entry (or step) that dropped it, and
    the entries of rules.json that took each decision."""

    figure: str
    start: int
    reading: Optional[Reading]
    dropped_by: Optional[str]
    decided_by: dict[str, str]


def why(sentence: str, default_scope: str = "local", inherited: Optional[str] = None,
        inherited_rate: Optional[str] = None, council: Optional[str] = None,
        count_before: bool = False) -> list[Verdict]:
    """Every figure of a sentence with the rules.json entries that decided it: a debugging aid ('why was 35%
    dropped?': ``why(s)[k].dropped_by`` names the entry, e.g. 'share' or 'bound')."""
    return _verdicts(sentence, default_scope, inherited, inherited_rate, council, count_before, True)


def _verdicts(sentence: str, default_scope: str, inherited: Optional[str], inherited_rate: Optional[str],
              council: Optional[str], count_before: bool, trace: bool) -> list[Verdict]:
    if not _ANY_FIGURE.search(sentence):
        return []
    masked = _masked(sentence)
    numbers = list(_NUM.finditer(masked))
    if not numbers:
        return []
    dropped = _first("sentence", {}, Sides.of_sentence(sentence), _CHECKS)
    if dropped:  # 'Of these, 35% re-offended': no figure of the sentence is read
        return [Verdict(m.group(0).strip(), m.start(), None, dropped[0].name, {"sentence": dropped[0].name})
                for m in numbers] if trace else []
    ctx = Context(sentence, masked, mentions(sentence), inherited, inherited_rate, default_scope, council,
                  tuple((r.end(), r.group(1)) for r in RATE_RX.finditer(sentence)))
    out: list[Verdict] = []
    last_count = count_before
    for k, m in enumerate(numbers):
        prev = numbers[k - 1] if k else None
        next_start = numbers[k + 1].start() if k + 1 < len(numbers) else len(sentence)
        decided: Optional[dict[str, str]] = {} if trace else None
        read = _read_number(ctx, m, prev, next_start, last_count, decided)
        if isinstance(read, Reading):
            last_count = read.unit == "count"
            out.append(Verdict(m.group(0).strip(), m.start(), read, None, decided or {}))
        elif trace:
            out.append(Verdict(m.group(0).strip(), m.start(), None, read, decided or {}))
    return out


def about_subgroup(sentence: str) -> bool:
    """'Of these, 86% witnessed domestic violence and 35% re-offended': the sentence's figures describe a subgroup,
    and a following sentence's 'the figure' is that subgroup's too."""
    return bool(_SUBGROUP_OPEN.match(sentence))


def _about_frequency(sides: Sides) -> bool:
    """The sentence is about the frequency measure (offences per re-offender) and has not moved on to the
    binary rate since: its percentages are changes of that frequency, not re-offending rates."""
    before = sides.sentence[:sides.start]
    hits = list(_P["frequency_words"].finditer(before))
    return bool(hits) and not _P["frequency_left"].search(before[hits[-1].end():])


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
    if prev is not None and _P["compared_alone"].search(left):
        scope, comparator = _scope(ctx.sentence[:prev.start()], ctx.default_scope)
    if _P["compared_after"].search(right):
        scope, comparator = ctx.default_scope, None
    after = _P["scope_after"].search(right)
    first = min(((m.start(), name, m.group(0)) for name, rx in _SCOPES for m in rx.finditer(after.group(1))),
                default=None) if after and not _P["scope_after_verbs"].search(after.group(1)) else None
    # 'against 36.1% in London and 39.1% for England': the place before this figure is the previous one's
    theirs = prev is not None and _P["place_of_previous"].search(left)
    if first and (comparator is None and scope == ctx.default_scope or theirs):
        scope, comparator = first[1], (first[2] if first[1] == "regional" else None)
    adverb = _P["scope_adverb"].search(right)
    if adverb and (comparator is None and scope == ctx.default_scope or theirs and not first):  # '38.4% nationally'
        scope, comparator = ("national" if adverb.group(1).lower() == "national" else "regional"), None
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


def _names_place(text: str) -> bool:
    """'the rate for the South West (34.2%)', 'the YOT comparison group (40.2%)': a comparator right before."""
    tail = text.rstrip()[-40:]
    return any(m.end() == len(tail) for _, rx in _SCOPES for m in rx.finditer(tail))


_first = rule_table.first
_CHECKS: rule_table.Checks = {"names_place": lambda sides: _names_place(sides.text("before")[:-1]),
                              "about_frequency": _about_frequency}


def _changed_before(ctx: Context, m: re.Match[str], left: str, pct: bool) -> Optional[str]:
    """'... reoffending ... - 45.5%; an increase of 6.8% to the previous position': a change in a clause naming no
    measure, right after a clause that read a value of one, is that measure's change."""
    clause = ctx.sentence.rfind(";", 0, m.start())
    if not pct or clause < 0 or not (_FALL.search(left) or _RISE.search(left)) \
            or _P["change_of_other"].search(ctx.sentence[m.end():]):
        return None  # 'an increase of 6.8% in school exclusions': the change of something else
    earlier = [n for p, n in ctx.ms if p < clause]
    if not earlier or not re.search(r"\d\s?%\W*$", ctx.sentence[:clause]):
        return None
    return earlier[-1]


def _measure(ctx: Context, m: re.Match[str], left: str, pct: bool, facts: dict[str, object], sides: Sides,
             trace: Optional[dict[str, str]]) -> Optional[str]:
    """The figure's measure: an entry of the 'measure' table, else the nearest one named, else the one carried."""
    named = _first("measure", facts, sides, _CHECKS, trace)
    if named:
        return str(named[0].effect)
    indicator = _nearest_indicator(ctx.sentence, m.start(), ctx.ms) or ctx.inherited \
        or _changed_before(ctx, m, left, pct)
    if trace is not None and indicator:
        trace["measure"] = "named" if _nearest_indicator(ctx.sentence, m.start(), ctx.ms) else \
            "carried" if ctx.inherited else "change_after_value"
    return indicator


def _unit(facts: dict[str, object], sides: Sides, rate: Optional[str],
          trace: Optional[dict[str, str]]) -> Optional[tuple[str, bool]]:
    """The figure's unit from the 'unit' table, else (no unit said) from 'elided_unit'."""
    hit = _first("unit", facts, sides, _CHECKS, trace)
    unit: Optional[str] = None
    if hit:
        entry, match = hit
        unit = rate if entry.effect == "@rate" else entry.effect
        if entry.effect == "printed" and match is not None:
            unit = rate_code(match.group("printed")) or "count"
        if unit is not None:
            return unit, entry.conflict
    if _first("elided_unit", facts, sides, _CHECKS, trace):  # 'there were 148 ... In 2018 there were 115.'
        return "count", False
    return None


def _read_number(ctx: Context, m: re.Match[str], prev: Optional[re.Match[str]], hi: int,
                 count_before: bool, trace: Optional[dict[str, str]]) -> Reading | str:
    """One figure's reading, or the name of what dropped it."""
    sentence, ms = ctx.sentence, ctx.ms
    stated = [number for end, number in ctx.rates if end <= m.start()]
    rate = rate_code(stated[-1]) if stated else ctx.rate  # a unit applies to the figures after it
    lo = prev.end() if prev else 0
    left, right = sentence[lo:m.start()], sentence[m.end():m.end() + 60]
    pct = bool(m.group("pct"))
    sides = Sides(sentence, ctx.masked, m.start(), m.end(), lo, ms)
    facts: dict[str, object] = {"pct": pct, "prev_pct": prev is not None and bool(prev.group("pct"))}
    dropped = _first("drop:figure", facts, sides, _CHECKS, trace)
    if dropped:
        return dropped[0].name
    indicator = _measure(ctx, m, left, pct, facts, sides, trace)
    if indicator is None:
        return "no_measure"
    period = sentence_periods.period_of(sentence, m.start(), m.end(), lo, hi)  # a change's own: below
    if m.group("none"):  # 'no young people were given a custodial sentence'
        return Reading("custody", Decimal(0), "count", ctx.default_scope, "actual", m.group(0).strip(), m.start(),
                       None, period)
    word = m.group("word")
    value = Decimal(_WORDS[word.lower()]) if word else Decimal(m.group("num").replace(",", ""))
    facts["minus"] = bool(m.group("sign"))
    way = _first("sign", facts, sides, _CHECKS, trace) if pct else None
    change = int(way[0].effect) or None if way else None
    facts.update(change=change is not None, indicator=indicator, rate=bool(rate), count_before=count_before,
                 mentioned_before=not ms or any(p <= m.start() for p, _ in ms))
    dropped = _first("drop:change", facts, sides, _CHECKS, trace)
    if dropped:
        return dropped[0].name
    unit = _unit(facts, sides, rate, trace)
    if unit is None:
        return "no_unit"
    if unit[0] == "count" and value != value.to_integral_value():
        return "fractional_count"
    dropped = _first("drop:unit", facts, sides, _CHECKS, trace)
    if dropped:
        return dropped[0].name
    if unit[0] == "percent_change" and change is not None:
        value = value * change
        period = sentence_periods.period_of(sentence, m.start(), m.end(), lo, hi, change=True)
    scope, comparator = _scope_of(ctx, m, prev, left, right)
    facts["default_scope"] = comparator is None and scope == ctx.default_scope
    dropped = _first("drop:scope", facts, sides, _CHECKS, trace)
    if dropped:
        return dropped[0].name
    if scope == "other_area":  # another council's figure quoted for comparison: not a statement about this one
        return "other_area"
    target = _first("kind", facts, sides, _CHECKS, trace)
    kind = str(target[0].effect) if target else "actual"
    hedge = qualifier(left)
    facts.update(kind=kind, hedged=hedge is not None)
    dropped = _first("drop:kind", facts, sides, _CHECKS, trace)
    if dropped:
        return dropped[0].name
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
period_of = sentence_periods.period_of
COUNT_AFTER = _COUNT_AFTER
OWN_FIGURE = _OWN_FIGURE
TARGET = _TARGET
BOUND = _BOUND

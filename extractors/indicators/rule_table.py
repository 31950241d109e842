"""The interpreter of ``rules.json``: the conditions of the sentence reader (``rules.py``) kept as data.

Each decision (drop the sentence, drop a figure, its measure, the way of a change, its unit, its kind) is a list of
entries; the first entry, in list order, whose ``when`` facts hold and whose conditions match decides (see the
table's ``_about``). This module loads and compiles the table once and answers one question: which entry of a
list decides, given a figure's facts and the texts around it. What the texts are (``Sides``) and what an effect
does are the reader's. A newcomer teaches the reader a new condition by adding an entry, never an ``if`` here.
"""
from __future__ import annotations

import json
import re
from operator import itemgetter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

from normalisers.units import RATE_RX

TABLE = Path(__file__).with_name("rules.json")
DECISIONS = ("sentence", "drop", "measure", "sign", "unit", "elided_unit", "kind")
STAGES = ("figure", "change", "unit", "scope", "kind")  # when a 'drop' entry is checked, in the reader's order
SIDES = ("left", "right", "before", "before_clause", "clause", "masked_left", "since_measure", "sentence")
FACTS = ("pct", "prev_pct", "indicator", "rate", "change", "minus", "count_before", "mentioned_before", "kind",
         "hedged", "default_scope")
CHECKS = ("names_place", "about_frequency")
# the printed rate of a 'printed' unit: RATE_RX with its number group named
_RATE_PART = RATE_RX.pattern.replace(r"\bper\s*(", r"\bper\s*(?P<printed>", 1)
assert "(?P<printed>" in _RATE_PART, "normalisers.units.RATE_RX changed: name its number group here"
_NOTHING = re.compile(r"(?!)")
_PART = re.compile(r"\{@(\w+)\}")


@dataclass(frozen=True, slots=True)
class Condition:
    side: str
    within: int  # 0: the whole side
    rx: re.Pattern[str]  # (unused by a check)
    check: Optional[str] = None  # a computation of the reader instead of a pattern


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    decision: str
    at: str  # a 'drop' entry's stage
    when: tuple[tuple[str, frozenset[Any], bool], ...]  # (fact, values, True: must be one of them / False: none)
    tests: tuple[Condition, ...]  # all must hold
    unless: tuple[Condition, ...]  # none may hold
    effect: Any
    conflict: bool
    raw: Mapping[str, Any]  # the entry as written (about, example, counter)


class Sides:
    """The texts around one figure that conditions look at, each cut on first use."""

    __slots__ = ("sentence", "masked", "start", "end", "lo", "ms", "cut")

    def __init__(self, sentence: str, masked: str, start: int, end: int, lo: int,
                 ms: list[tuple[int, str]]) -> None:
        self.sentence, self.masked, self.start, self.end, self.lo, self.ms = sentence, masked, start, end, lo, ms
        # each side, once cut (a figure's left, right and before are always read; end 0: no figure, the sentence)
        self.cut: dict[str, str] = {"left": sentence[lo:start], "right": sentence[end:end + 60],
                                    "before": sentence[:start].rstrip()} if end else {"sentence": sentence}

    @classmethod
    def of_sentence(cls, sentence: str) -> Sides:
        """The sides of no figure: for the 'sentence' table, which looks at the whole sentence only."""
        return cls(sentence, sentence, 0, 0, 0, [])

    def text(self, side: str, within: int = 0) -> str:
        whole = self.cut.get(side)
        if whole is None:
            whole = self.cut[side] = self._side(side)
        if not within:
            return whole
        return whole[:within] if side == "right" else whole[-within:]

    def _side(self, side: str) -> str:
        s, start = self.sentence, self.start
        if side == "left":
            return s[self.lo:start]
        if side == "right":
            return s[self.end:self.end + 60]
        if side == "before":
            return s[:start].rstrip()
        if side == "before_clause":
            return self.text("before").rsplit(";", 1)[-1]
        if side == "clause":
            return s[s.rfind(";", 0, start) + 1:start]
        if side == "masked_left":
            return self.masked[self.lo:start]
        if side == "since_measure":
            return s[max((p for p, _ in self.ms if p <= start), default=0):start]
        return s


Checks = Mapping[str, Callable[[Sides], bool]]


def _compile(pattern: str, case: bool, table: Mapping[str, Any]) -> re.Pattern[str]:
    if pattern.startswith("@"):
        return patterns()[pattern[1:]]
    parts = dict(table["_parts"], rate=_RATE_PART)
    return re.compile(_PART.sub(lambda m: parts[m.group(1)], pattern), 0 if case else re.I)


def _condition(c: Mapping[str, Any], table: Mapping[str, Any]) -> Condition:
    if "check" in c:
        if c["check"] not in CHECKS:
            raise ValueError(f"rules.json: unknown check {c['check']!r}")
        return Condition("sentence", 0, _NOTHING, c["check"])
    if c["side"] not in SIDES:
        raise ValueError(f"rules.json: unknown side {c['side']!r}")
    return Condition(c["side"], int(c.get("within", 0)), _compile(c["pattern"], bool(c.get("case")), table))


def _when(when: Mapping[str, Any]) -> tuple[tuple[str, frozenset[Any], bool], ...]:
    out = []
    for key, value in when.items():
        fact = key[4:] if key.startswith("not_") else key
        if fact not in FACTS:
            raise ValueError(f"rules.json: unknown fact {key!r}")
        out.append((fact, frozenset(value if isinstance(value, list) else [value]), not key.startswith("not_")))
    return tuple(out)


def _entry(decision: str, raw: Mapping[str, Any], table: Mapping[str, Any]) -> Entry:
    tests = ([_condition(raw, table)] if "side" in raw or "check" in raw else []) + \
        [_condition(c, table) for c in raw.get("and", [])]
    at = raw.get("at", "figure")
    if at not in STAGES:
        raise ValueError(f"rules.json: unknown stage {at!r} in {raw['name']}")
    return Entry(raw["name"], decision, at, _when(raw.get("when", {})), tuple(tests),
                 tuple(_condition(c, table) for c in raw.get("unless", [])), raw.get(decision),
                 bool(raw.get("conflict")), raw)


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    table: dict[str, Any] = json.loads(TABLE.read_text())
    return table


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """The named patterns of ``_patterns`` (the reader and the sentence forms use them too)."""
    return {name: re.compile(p["pattern"], 0 if p.get("case") else re.I) for name, p in _table()["_patterns"].items()}


@lru_cache(maxsize=1)
def entries() -> dict[str, tuple[Entry, ...]]:
    """Every decision's entries, in order; 'drop' entries also under 'drop:STAGE'."""
    table = _table()
    out = {d: tuple(_entry(d, raw, table) for raw in table[d]) for d in DECISIONS}
    names = [e.name for d in DECISIONS for e in out[d]]
    if len(names) != len(set(names)):
        raise ValueError("rules.json: entry names must be unique (a name is the reason a figure is dropped)")
    for stage in STAGES:
        out[f"drop:{stage}"] = tuple(e for e in out["drop"] if e.at == stage)
    return out


def not_areas() -> frozenset[str]:
    return frozenset(_table()["_not_areas"])


def _holds(c: Condition, sides: Sides, checks: Checks) -> Optional[re.Match[str]] | bool:
    if c.check is not None:
        return checks[c.check](sides)
    return c.rx.search(sides.text(c.side, c.within))


def _when_holds(entry: Entry, facts: Mapping[str, Any]) -> bool:
    return all((facts[f] in values) == must for f, values, must in entry.when)


_PLANS: dict[str, tuple[Optional[Callable[[Mapping[str, Any]], Any]], dict[Any, tuple[Entry, ...]]]] = {}


def _holding(decision: str, facts: Mapping[str, Any]) -> tuple[Entry, ...]:
    """The entries of a decision whose 'when' holds for these facts (memoised by the facts the decision reads:
    they take few values)."""
    plan = _PLANS.get(decision)
    if plan is None:
        used = sorted({f for e in entries()[decision] for f, _, _ in e.when})
        plan = _PLANS[decision] = (itemgetter(*used) if used else None), {}
    getter, memo = plan
    key = getter(facts) if getter is not None else None
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(e for e in entries()[decision] if _when_holds(e, facts))
    return found


def first(decision: str, facts: Mapping[str, Any], sides: Sides, checks: Checks,
          trace: Optional[dict[str, str]] = None) -> Optional[tuple[Entry, Optional[re.Match[str]]]]:
    """The first entry of a decision that holds, with the match of its first pattern (None if it has none);
    ``trace`` (a debugging aid) records the entry's name under its decision. (The reader's hot loop: conditions
    are tested inline.)"""
    cut = sides.cut
    for entry in _holding(decision, facts):
        hit: Optional[re.Match[str]] = None
        for c in entry.tests:
            if c.check is None:
                text = cut.get(c.side)
                if text is None:
                    text = sides.text(c.side)
                if c.within:
                    text = text[:c.within] if c.side == "right" else text[-c.within:]
                got = c.rx.search(text)
                if got is None:
                    break
                if hit is None:
                    hit = got
            elif not checks[c.check](sides):
                break
        else:
            if not entry.unless or not any(_holds(c, sides, checks) for c in entry.unless):
                if trace is not None:
                    trace[entry.decision] = entry.name
                return entry, hit
    return None

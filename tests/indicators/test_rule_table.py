"""The decision tables of the sentence reader (extractors/indicators/rules.json, interpreted by rule_table.py).

Every entry's example is read and must be decided by that entry (its counter-example must not be); ``why`` names
the entry that dropped or decided each figure; the interpreter lets the first entry that holds decide (a generated
table proves it), and a figure a drop entry matches is dropped whatever unit or measure entry would read it
(generated sentences prove it).
"""
from __future__ import annotations

import re
from typing import Any, Optional

import pytest
from hypothesis import given, settings, strategies as st

from extractors.indicators import rule_table
from extractors.indicators.rules import Verdict, read_sentence, why

DECISIONS_OF_A_FIGURE = ("measure", "sign", "unit", "elided_unit", "kind")


def _entries() -> list[rule_table.Entry]:
    return [e for d in rule_table.DECISIONS for e in rule_table.entries()[d]]


def _verdict(example: dict[str, Any]) -> Verdict:
    verdicts = why(example["text"], "local", example.get("carried"), example.get("rate"), example.get("council"),
                   bool(example.get("count_before")))
    chosen = [v for v in verdicts if v.figure == example["figure"]]
    assert chosen, f"no figure {example['figure']!r} in {[v.figure for v in verdicts]}"
    return chosen[0]


def _decided_by(entry: rule_table.Entry, v: Verdict) -> bool:
    if entry.decision in ("sentence", "drop"):
        return v.dropped_by == entry.name and v.reading is None
    return v.decided_by.get(entry.decision) == entry.name


def test_every_entry_has_an_example_and_a_unique_name() -> None:
    names = [e.name for e in _entries()]
    assert len(names) == len(set(names))
    for e in _entries():
        assert e.raw.get("example"), e.name
        assert {"text", "figure"} <= set(e.raw["example"]), e.name


@pytest.mark.parametrize("entry", _entries(), ids=lambda e: f"{e.decision}:{e.name}")
def test_entry_decides_its_example(entry: rule_table.Entry) -> None:
    v = _verdict(entry.raw["example"])
    assert _decided_by(entry, v), (entry.name, v)
    counter = entry.raw.get("counter")
    if counter:
        assert not _decided_by(entry, _verdict(counter)), (entry.name, "counter-example")


def test_effects_of_examples() -> None:
    """A few examples read end to end: the entry's effect is what the reading holds."""
    unit = {v.figure: v.reading for v in why("First time entrants were 257, 220 and 213 per 100,000.")}
    assert [r.unit if r else None for r in unit.values()] == ["per_100000"] * 3
    change = why("The reoffending rate has reduced by 5%.")[0].reading
    assert change is not None and change.unit == "percent_change" and change.value < 0
    target = why("Our target for the reoffending rate is 35%.")[0].reading
    assert target is not None and target.kind == "target"


def test_why_names_each_figures_entry() -> None:
    s = "The reoffending rate fell from 47.1% to under 40%, and 12 custodial sentences were given out of 70 disposals."
    verdicts = {v.figure: v for v in why(s)}
    assert verdicts["47.1%"].reading is not None and verdicts["47.1%"].decided_by["sign"] == "from_or_to"
    assert verdicts["40%"].dropped_by == "bound"
    assert verdicts["12"].reading is not None and verdicts["12"].reading.indicator == "custody"
    assert verdicts["12"].decided_by["measure"] == "count_names_custody"
    assert verdicts["12"].decided_by["unit"] == "count_of_custody"
    assert verdicts["70"].dropped_by == "denominator"
    assert why("Of these, 35% re-offended.", inherited="reoffending")[0].dropped_by == "subgroup_sentence"
    assert why("Nothing to read here.") == []


def test_why_agrees_with_read_sentence() -> None:
    for e in _entries():
        ex = e.raw["example"]
        args = (ex["text"], "local", ex.get("carried"), ex.get("rate"), ex.get("council"), bool(ex.get("count_before")))
        assert [v.reading for v in why(*args) if v.reading] == read_sentence(*args), e.name


def test_unknown_names_in_the_table_are_refused() -> None:
    table = {"_parts": {}}
    for bad in ({"name": "x", "side": "elsewhere", "pattern": "a"}, {"name": "x", "check": "guess"},
                {"name": "x", "when": {"colour": True}}, {"name": "x", "at": "later"}):
        with pytest.raises(ValueError):
            rule_table._entry("drop", bad, table)


# ------------------------------------------------------------------------------------------ first entry wins
WORDS = ["alpha", "beta", "gamma", "delta"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([None, True, False])), min_size=1, max_size=6),
       st.lists(st.sampled_from(WORDS), max_size=4), st.booleans())
def test_first_entry_that_holds_decides(spec: list[tuple[str, Optional[bool]]], words: list[str],
                                        pct: bool) -> None:
    """A generated table of entries (a word on the left, maybe only for percentages): the interpreter returns the
    earliest entry whose word is in the text and whose 'when' holds, and none when no entry holds."""
    table: dict[str, Any] = {"_parts": {}}
    raws = [{"name": f"e{k}", "side": "left", "pattern": rf"\b{w}\b", **({"when": {"pct": p}} if p is not None else {})}
            for k, (w, p) in enumerate(spec)]
    made = tuple(rule_table._entry("drop", raw, table) for raw in raws)
    text = " ".join(words) + " 5"
    sides = rule_table.Sides(text, text, len(text) - 1, len(text), 0, [])
    expected = next((f"e{k}" for k, (w, p) in enumerate(spec) if w in words and (p is None or p == pct)), None)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rule_table, "entries", lambda: {"generated": made})
        mp.setattr(rule_table, "_PLANS", {})
        hit = rule_table.first("generated", {"pct": pct}, sides, {})
    assert (hit[0].name if hit else None) == expected


# --------------------------------------------------------------------------- a drop wins over unit and measure
COUNTS = [  # (sentence start, count noun, indicator): without a drop word the figure reads as a count
    ("In 2018/19 there were", "first time entrants", "first_time_entrants"),
    ("Last year the courts passed", "custodial sentences", "custody"),
    ("Of the cohort,", "young people re-offended", "reoffending"),
]
DROPS = [  # (words printed right before the figure, the drop entry that must decide)
    ("£", "money"), ("out of", "denominator"), ("Appendix", "reference"), ("at least", "reference"),
    ("a high of", "extreme"), ("NI", "identifier"), ("page", "reference"), ("cohort of", "denominator"),
]


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(COUNTS), st.sampled_from(DROPS), st.integers(2, 999))
def test_a_drop_entry_wins_over_unit_and_measure_entries(count: tuple[str, str, str], drop: tuple[str, str],
                                                         n: int) -> None:
    start, noun, indicator = count
    plain = why(f"{start} {n} {noun}.", inherited=indicator)
    assert plain and plain[-1].reading is not None and plain[-1].reading.unit == "count", plain
    words, entry = drop
    dropped = why(f"{start} {words} {n} {noun}.", inherited=indicator)
    figure = [v for v in dropped if re.sub(r"\D", "", v.figure) == str(n)]
    assert figure and figure[-1].reading is None and figure[-1].dropped_by == entry, dropped

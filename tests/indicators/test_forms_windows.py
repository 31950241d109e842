"""The sentence forms (``forms.json``) are matched only in windows of words around the words holding a digit
(``forms._hits``). That finds what matching the whole sentence finds when every figure token of a form can only
match a word with a digit and no match spans more than ``forms._reach()`` tokens on either side of a figure; both
are checked here: the rule over the table, and the result against the plain whole-sentence match (every form's
Matcher) over generated sentences and the forms' own examples. Each window is matched only with the variants one of
whose required words is one of its tokens (``forms._matcher_for``), which the same comparisons cover."""
from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.indicators import forms, rules
from extractors.indicators import vocabulary as vocab


def _plain_hits(sentence: str) -> list[list[forms.Hit]]:
    """The Matcher over the whole masked sentence, as before the windows."""
    doc, index = vocab.doc_of(rules.masked(sentence))
    strings = vocab.nlp().vocab.strings
    found = []
    for key, a, b, align in forms._matcher()(doc, with_alignments=True):
        order, variant = (int(x) for x in strings[key][4:].split("."))
        found.append((order, a - b, a, b, variant, align))
    groups = []
    for order, _, a, b, variant, align in sorted(found):
        form = forms.forms()[order]
        shape = form.variants[variant]
        figures = [a + k for k, p in enumerate(align) if p in shape.values]
        if not figures:
            continue
        names = [sentence[s:e] for s, e in
                 forms._names([(a + k, p) for k, p in enumerate(align) if p in shape.names], doc, index)]
        ms, me = forms._start(doc[a], index), forms._end(doc[b - 1], index)
        spans = [(forms._start(doc[t], index), forms._end(doc[t], index)) for t in figures]
        per_figure = len(names) == len(spans) and len(names) > 1
        groups.append([forms.Hit(form, s, e, sentence[s:e], ms, me,
                                 names[k] if per_figure else (" ".join(names) or None),
                                 spans[k - 1][1] if k else ms, spans[k + 1][0] if k + 1 < len(spans) else len(sentence))
                       for k, (s, e) in enumerate(spans)])
    return sorted(groups, key=lambda g: g[0].start)


def _figure_specs() -> list[dict[str, Any]]:
    return [v.pattern[k] for f in forms.forms() for v in f.variants for k in v.values]


def test_every_figure_token_needs_a_digit() -> None:
    for spec in _figure_specs():
        assert set(spec) <= {"TEXT", "ORTH", "LOWER", "OP"}, spec
        for key in ("TEXT", "ORTH", "LOWER"):
            value = spec.get(key)
            if isinstance(value, str):
                assert re.search(r"\d", value), spec
            elif isinstance(value, dict) and "IN" in value:
                assert all(re.search(r"\d", w) for w in value["IN"]), spec
            elif isinstance(value, dict):
                assert set(value) == {"REGEX"}, spec


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=12))
def test_no_figure_regex_matches_a_word_without_a_digit(word: str) -> None:
    for spec in _figure_specs():
        for key in ("TEXT", "ORTH", "LOWER"):
            value = spec.get(key)
            if isinstance(value, dict) and "REGEX" in value:
                assert not re.search(value["REGEX"], word if key != "LOWER" else word.lower()), (spec, word)


def test_every_form_token_is_bounded() -> None:
    assert forms._reach() > 0  # raises on an unbounded OP ('*', '+')


_WORDS = ["The", "rate", "per", "1000", "has", "dropped", "from", "0.4", "down", "to", "0.06", "re-offending",
          "reoffending", "first", "time", "entrants", "FTE", "custody", "increased", "decreased", "by", "of", "was",
          "is", "at", "25%", "12.5", "pp", "percentage", "points", "national", "average", "regional", "family",
          "compared", "with", "and", "(0.30", "0.31)", "respectively", "2018/19", "in", "target", "3", "young",
          "people", "reoffended", "re-offences", "per", "reoffender", "frequency", ",", ";", ":", "=", "-", "100,000"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(alphabet="abcr01.,%()- ", max_size=6)), max_size=60))
def test_windows_find_what_the_whole_sentence_finds(parts: list[str]) -> None:
    sentence = " ".join(parts)
    assert forms._hits(sentence) == _plain_hits(sentence)


def test_windows_find_what_the_whole_sentence_finds_on_every_example() -> None:
    for form in forms.forms():
        for text in (form.example, "Background text without figures, then " + form.example + " and more words " * 12,
                     ("Padding words here. " * 8) + form.example):
            assert forms._hits(text) == _plain_hits(text), text

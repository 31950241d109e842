"""A family with an anchor regex (``vocabulary.json`` ``_anchors``) is matched only in windows of words around the
regex's hits. That finds exactly what matching the whole text finds when every pattern of the family holds a token
all of whose allowed words contain an anchor word; both are checked here: the rule over the vocabulary, and the
result over generated texts and every line of the bundled plans."""
from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.indicators import vocabulary as vocab

from tests.conftest import REAL, SEEDS

TABLE = json.loads(vocab.PATTERNS.read_text())


def _whole(text: str, family: str) -> tuple[vocab.Term, ...]:
    return vocab._matched(text, family)


def _anchored_token(token: dict, words: list[str]) -> bool:
    if token.get("OP") in ("?", "*"):
        return False
    spec = token.get("LOWER", token.get("ORTH"))
    if isinstance(spec, str):
        allowed = [spec]
    elif isinstance(spec, dict) and "IN" in spec:
        allowed = list(spec["IN"])
    elif isinstance(spec, dict) and "REGEX" in spec:
        allowed = [spec["REGEX"]]  # the regex's source must name an anchor word literally
    else:
        return False
    return all(any(w in a.lower() for w in words) for a in allowed)


def test_every_pattern_of_an_anchored_family_holds_an_anchor_word() -> None:
    for family, rx in TABLE["_anchors"].items():
        if family.startswith("_"):
            continue
        words = rx.split("|")
        labels = [k for k in TABLE if not k.startswith("_") and (k.split(":", 1)[0] == family or
                                                                 (family == "measure" and k.startswith("exclude:")))]
        for label in labels:
            for pattern in TABLE[label]:
                assert any(_anchored_token(t, words) for t in pattern), (label, pattern)


_WORDS = ["first", "time", "entrants", "First-time", "FTE", "FTEs", "3", "fte", "posts", "re", "-", "offending",
          "re-offending", "reoffences", "binary", "rate", "custody", "custodial", "entering", "into", "the", "youth",
          "justice", "system", "(2.5", "FTE)", "of", "and", "a", "per", "100,000", "\t", "  "]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(alphabet="abcdefrst -.()", max_size=6)), max_size=40))
def test_windows_find_what_the_whole_text_finds(parts: list[str]) -> None:
    text = " ".join(parts)
    assert vocab._terms.__wrapped__(text, "measure") == _whole(text, "measure")


def test_windows_find_what_the_whole_text_finds_on_every_bundled_paragraph() -> None:
    for path in REAL + SEEDS:
        text = Path(path).read_bytes().decode("cp1252", "replace")
        for block in re.split(r"(?:\r?\n|\r){2,}", text):  # lines and the paragraphs they make
            for part in block.splitlines() + [" ".join(block.split())]:
                if re.search(TABLE["_anchors"]["measure"], part, re.I):
                    assert vocab._terms.__wrapped__(part, "measure") == _whole(part, "measure"), part


# Families without an ``_anchors`` regex are anchored on the words of each pattern's first required literal token
# (vocabulary._anchor_words): matching in windows around those words finds what matching the whole text finds.

_DERIVED = [f for f in vocab.families() if f not in TABLE["_anchors"] and vocab._anchor(f) is not None]


def _family_words() -> list[str]:
    words: set[str] = set()
    for label, patterns in TABLE.items():
        if label.startswith("_"):
            continue
        for pattern in patterns:
            for token in pattern:
                spec = token.get("LOWER", token.get("ORTH"))
                words.update([spec] if isinstance(spec, str) else spec.get("IN", []) if isinstance(spec, dict) else [])
    return sorted(words)


def test_every_family_but_measure_is_anchored_on_its_literal_words() -> None:
    assert set(_DERIVED) == set(vocab.families()) - {"measure"}
    for family in _DERIVED:
        for _, pattern in vocab._family_patterns(family):
            assert vocab._needs(pattern, vocab._anchor_words(family), literal=True) <= set(vocab._anchor_words(family))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_family_words() + _WORDS), st.text(alphabet="abcdefrst -.()%£", max_size=6)),
                max_size=40), st.sampled_from(_DERIVED))
def test_derived_windows_find_what_the_whole_text_finds(parts: list[str], family: str) -> None:
    text = " ".join(parts)
    assert vocab._terms.__wrapped__(text, family) == _whole(text, family)


def test_derived_windows_find_what_the_whole_text_finds_on_every_bundled_line() -> None:
    for path in REAL + SEEDS:
        text = Path(path).read_bytes().decode("cp1252", "replace")
        for block in re.split(r"(?:\r?\n|\r){2,}", text):
            for part in block.splitlines() + [" ".join(block.split())]:
                for family in _DERIVED:
                    assert vocab._terms.__wrapped__(part, family) == _whole(part, family), (family, part)

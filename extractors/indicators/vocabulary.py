"""The interpreter of ``vocabulary.json``: spaCy Matcher token patterns, kept as data, that name what a grid's title,
column header, row label or KPI block label says (measure, unit, scope, kind, a change, not a measure).

A blank English pipeline (tokenizer only; no model, offline) tokenizes the text; the Matcher finds every pattern;
where matches of one family (measure, unit, scope...) overlap the longest wins (``spacy.util.filter_spans``). A newcomer extends the reader by adding a
pattern to the JSON file under its label, never by adding a condition here.
"""
from __future__ import annotations

import bisect
import itertools
import json
import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

PATTERNS = Path(__file__).with_name("vocabulary.json")


@dataclass(frozen=True)
class Term:
    label: str  # e.g. "measure:custody", "unit:per_1000", "scope:regional", "kind:target", "change"
    start: int  # character offsets into the text
    end: int
    text: str

    @property
    def family(self) -> str:
        return self.label.split(":", 1)[0]

    @property
    def value(self) -> str:
        return self.label.split(":", 1)[-1]


@lru_cache(maxsize=1)
def _table() -> dict[str, list[list[dict[str, Any]]]]:
    table: dict[str, list[list[dict[str, Any]]]] = json.loads(PATTERNS.read_text())
    return {k: v for k, v in table.items() if not k.startswith("_")}


_NLP: list[Any] = []
_NLP_LOCK = threading.Lock()


def _nlp() -> Any:
    """The one blank English pipeline. Built under a lock: the harvest reads documents in threads, and two threads
    starting at once must not build a pipeline each (a Matcher built on one's vocabulary then names labels the
    other's string store does not hold: spaCy's E018)."""
    if not _NLP:
        with _NLP_LOCK:
            if not _NLP:
                import spacy
                _NLP.append(spacy.blank("en"))
    return _NLP[0]


@lru_cache(maxsize=None)
def _matcher(family: str) -> Any:
    """A Matcher of one family's patterns (measures with their exclusions): each family is matched only where asked."""
    from spacy.matcher import Matcher
    matcher = Matcher(_nlp().vocab)
    for label, patterns in _table().items():
        if label.split(":", 1)[0] == family or (family == "measure" and label.startswith("exclude:")):
            matcher.add(label, patterns)
    return matcher


def _family_patterns(family: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """(label, pattern) of every pattern of the family (for measures, with the exclusions), in table order."""
    return [(label, p) for label, patterns in _table().items()
            if label.split(":", 1)[0] == family or (family == "measure" and label.startswith("exclude:"))
            for p in patterns]


def _literal(token: dict[str, Any]) -> Optional[list[str]]:
    """The words a token must be (lower-cased) when it is required and names its words (LOWER or ORTH)."""
    spec = token.get("LOWER", token.get("ORTH"))
    if "OP" in token or spec is None:
        return None
    if isinstance(spec, str):
        return [spec.lower()]
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return [str(w).lower() for w in spec["IN"]]
    return None


def _most_tokens(pattern: list[dict[str, Any]]) -> Optional[int]:
    """The most tokens a pattern can span (None when a quantifier is unbounded)."""
    n = 0
    for token in pattern:
        op = token.get("OP")
        bounds = re.fullmatch(r"\{(\d*),?(\d*)\}", op) if isinstance(op, str) else None
        if op in (None, "?", "!"):
            n += 1
        elif bounds and (bounds.group(2) or (bounds.group(1) and "," not in op)):
            n += int(bounds.group(2) or bounds.group(1))
        else:
            return None
    return n


@lru_cache(maxsize=None)
def _anchor_words(family: str) -> tuple[str, ...]:
    """The words a text must hold (in any case) for a pattern of the family to match in it: those of the family's
    anchor regex in ``_anchors`` (an alternation of lower-case words), else those of each pattern's first required
    literal token (empty when a pattern has none or an unbounded quantifier: the family is matched whole)."""
    table: dict[str, dict[str, str]] = json.loads(PATTERNS.read_text())
    if family in table.get("_anchors", {}):
        return tuple(table["_anchors"][family].split("|"))
    words: set[str] = set()
    for _, pattern in _family_patterns(family):
        first = next((w for w in map(_literal, pattern) if w is not None), None)
        if first is None or _most_tokens(pattern) is None:
            return ()
        words.update(first)
    return tuple(sorted(words))


def _needs(pattern: list[dict[str, Any]], words: tuple[str, ...], literal: bool = False) -> frozenset[str]:
    """Anchor words one of which a text must hold for the pattern to match in it: those of its first token that is
    not optional and whose every allowed word holds an anchor word (each allowed word holds one of them); with
    ``literal`` (derived anchors), those of its first required literal token."""
    if literal:
        first = next((w for w in map(_literal, pattern) if w is not None), None)
        if first is not None:
            return frozenset(first)
        raise ValueError(f"a pattern of an anchored family holds no literal token: {pattern!r}")
    for token in pattern:
        if token.get("OP") in ("?", "*"):
            continue
        spec = token.get("LOWER", token.get("ORTH"))
        allowed = [spec] if isinstance(spec, str) else list(spec.get("IN", [])) if isinstance(spec, dict) and "IN" in spec \
            else [spec["REGEX"]] if isinstance(spec, dict) and "REGEX" in spec else []
        held = [frozenset(w for w in words if w in a.lower()) for a in allowed]
        if held and all(held):
            return frozenset().union(*held)
    raise ValueError(f"a pattern of an anchored family holds no anchor word: {pattern!r}")


def _matcher_of(family: str, present: frozenset[str]) -> Any:
    """A Matcher of the family's patterns (with the measures' exclusions) that can match in a text holding exactly
    the anchor words ``present``, added in the order ``_matcher`` adds them: it finds what the whole family finds
    there, checking fewer token predicates."""
    needs = _pattern_needs(family)
    return _matcher_of_patterns(family, tuple(k for k, n in enumerate(needs) if n & present))


@lru_cache(maxsize=None)
def _pattern_needs(family: str) -> tuple[frozenset[str], ...]:
    """For each pattern of the family, in table order, the anchor words one of which a text must hold."""
    words, literal = _anchor_words(family), family not in _anchors()
    return tuple(_needs(p, words, literal) for _, p in _family_patterns(family))


@lru_cache(maxsize=None)
def _matcher_of_patterns(family: str, kept: tuple[int, ...]) -> Any:
    """A Matcher of the family's patterns numbered ``kept`` (a few subsets per family occur: cached for good)."""
    from spacy.matcher import Matcher
    matcher = Matcher(_nlp().vocab)
    chosen = set(kept)
    by_label: dict[str, list[list[dict[str, Any]]]] = {}
    for k, (label, pattern) in enumerate(_family_patterns(family)):
        if k in chosen:
            by_label.setdefault(label, []).append(pattern)
    for label, patterns in by_label.items():
        matcher.add(label, patterns)
    return matcher


@lru_cache(maxsize=None)
def _anchor(family: str) -> Optional[re.Pattern[str]]:
    """The regex whose hits a family's matches lie around: its ``_anchors`` entry, else its derived words."""
    if family in _anchors():
        return _anchors()[family]
    words = _anchor_words(family)
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I) if words else None


@dataclass(frozen=True)
class Offsets:
    """Maps a character offset of the tokenized text (whitespace runs read as one space) back to the text:
    ``offsets[i]``. Each word's start in both is kept; a token never spans a space, so it maps through its word."""

    joined: tuple[int, ...]  # where each word starts in the tokenized text
    starts: tuple[int, ...]  # and in the text

    def __getitem__(self, at: int) -> int:
        k = bisect.bisect_right(self.joined, at) - 1
        return self.starts[k] + at - self.joined[k]


@lru_cache(maxsize=8192)
def _doc(text: str) -> tuple[Any, Offsets]:
    """The text tokenized with whitespace runs read as one space, and the way back to the text's offsets."""
    found = list(re.finditer(r"\S+", text))
    joined = tuple(itertools.accumulate((len(m.group(0)) + 1 for m in found[:-1]), initial=0)) if found else ()
    offsets = Offsets(joined, tuple(m.start() for m in found))
    return _nlp().make_doc(" ".join(m.group(0) for m in found)), offsets


@lru_cache(maxsize=16384)
def _terms(text: str, family: str) -> tuple[Term, ...]:
    anchor = _anchor(family)
    if anchor is None:
        return _matched(text, family)
    out: list[Term] = []
    words = _anchor_words(family)
    for start, end in _windows(text, anchor, _longest(family)):
        window = text[start:end]
        lower = window.lower()
        present = frozenset(w for w in words if w in lower)
        out += [replace(t, start=t.start + start, end=t.end + start)
                for t in _matched(window, family, _matcher_of(family, present))]
    return tuple(out)


def _matched(text: str, family: str, matcher: Any = None) -> tuple[Term, ...]:
    """The family's terms in the text (``matcher``: one holding only the family's patterns that can match in it)."""
    import spacy
    doc, index = _doc(text)
    strings = _nlp().vocab.strings
    found = (matcher if matcher is not None else _matcher(family))(doc)
    spans = [spacy.tokens.Span(doc, a, b, label=strings[k]) for k, a, b in found]
    kept = spacy.util.filter_spans([s for s in spans if not s.label_.startswith("exclude:")])
    excluded = spacy.util.filter_spans([s for s in spans if s.label_.startswith("exclude:")])
    kept = [s for s in kept if not any(e.start < s.end and s.start < e.end for e in excluded)]  # 'three fte posts'
    return tuple(sorted((Term(s.label_, index[s.start_char], index[s.end_char - 1] + 1, s.text) for s in kept),
                        key=lambda t: t.start))


@lru_cache(maxsize=1)
def _anchors() -> dict[str, re.Pattern[str]]:
    table: dict[str, dict[str, str]] = json.loads(PATTERNS.read_text())
    return {k: re.compile(v, re.I) for k, v in table.get("_anchors", {}).items() if not k.startswith("_")}


@lru_cache(maxsize=None)
def _longest(family: str) -> int:
    """The most tokens a pattern of the family (or, for measures, an exclusion) spans."""
    sizes = [_most_tokens(p) for _, p in _family_patterns(family)]
    if any(n is None for n in sizes):
        raise ValueError(f"a pattern of the anchored family {family!r} has an unbounded quantifier")
    return max(n for n in sizes if n is not None)


@lru_cache(maxsize=4096)
def _word_spans(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """(start, end) of every whitespace-separated word of the text, and the starts alone (several families ask)."""
    words = [m.span() for m in re.finditer(r"\S+", text)]
    return words, [a for a, _ in words]


def _windows(text: str, anchor: re.Pattern[str], reach: int) -> list[tuple[int, int]]:
    """Character ranges of the text, whole words, ``reach`` words either side of every word holding an anchor hit,
    merged where they touch: every match of the family lies in one (a match holds a hit and spans at most
    ``reach`` tokens, so at most ``reach`` words). Matching there finds what matching the whole text finds, since
    spaCy tokenizes each whitespace-separated word on its own."""
    hits = [m.start() for m in anchor.finditer(text)]
    if not hits:
        return []
    words, starts = _word_spans(text)
    out: list[tuple[int, int]] = []
    for h in hits:
        k = bisect.bisect_right(starts, h) - 1
        a, b = max(0, k - reach), min(len(words) - 1, k + reach)
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return [(words[a][0], words[b][1]) for a, b in out]


def families() -> list[str]:
    return sorted({label.split(":", 1)[0] for label in _table() if not label.startswith("exclude:")})


def terms(text: str, family: Optional[str] = None) -> list[Term]:
    """Every vocabulary term of a text, in order (only those of one family when given)."""
    if family is not None:
        return list(_terms(text, family))
    return sorted((t for f in families() for t in _terms(text, f)), key=lambda t: t.start)


def measures(text: str) -> list[str]:
    """The indicators a text names, in order, each once."""
    out: list[str] = []
    for t in terms(text, "measure"):
        if t.value not in out:
            out.append(t.value)
    return out


def unit(text: str) -> Optional[str]:
    """The one unit a text names (None when it names none or two different ones; a count word beside a rate or
    percentage is the rate's)."""
    units = {t.value for t in terms(text, "unit")}
    if len(units) > 1:
        units.discard("count")  # 'Average number of re-offences per re-offender': the rate, not a number
    return units.pop() if len(units) == 1 else None


@lru_cache(maxsize=1)
def _conventions() -> dict[str, str]:
    table: dict[str, dict[str, str]] = json.loads(PATTERNS.read_text())
    return {k: v for k, v in table["_rate_units"].items() if not k.startswith("_")}


def conventional_rate(indicator: str) -> Optional[str]:
    """The unit a measure's rate is published in (first-time entrants per 100,000, custody per 1,000)."""
    return _conventions().get(indicator)


def kind(text: str) -> Optional[str]:
    kinds = [t.value for t in terms(text, "kind")]
    return kinds[0] if kinds else None


def is_change(text: str) -> bool:
    return bool(terms(text, "change"))


def not_a_measure(text: str) -> bool:
    """A label of a figure that is not the measure (cohort size, number of re-offences, population), unless it
    names a rate of the measure ('Average number of re-offences per re-offender')."""
    return bool(terms(text, "not_measure")) and unit(text) in (None, "count")


def other_topic(text: str) -> bool:
    """A title or label about another topic (remands, days served, costs): none of its figures is the measure."""
    return bool(terms(text, "other_topic"))


_PLACE = re.compile(r"^[A-Z][\w'&.-]*(?:\s+(?:[A-Z][\w'&.-]*|of|and|upon|on|the|with|in|under|&))*(?:\s*\([^)]*\))?\s*\*?$")


def scope(label: str, council: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    """A row or column label as (scope, comparator as printed): the council's own name is local; named places and
    groups by the vocabulary; another place's name (Title Case, no other vocabulary) an ``other_comparator``;
    None for labels that are not places (totals, subgroups, offence types)."""
    text = " ".join(label.split()).strip(" *:")
    if not text:
        return None
    if council and (text.lower() in council.lower() or council.lower() in text.lower()):
        return "local", None
    scopes = terms(text, "scope")
    if scopes:
        best = max(scopes, key=lambda t: t.end - t.start)
        return best.value, (None if best.value == "local" else text)
    if terms(text, "not_area") or terms(text, "measure") or terms(text, "unit") or terms(text, "kind"):
        return None
    if _PLACE.match(text) and len(text.split()) <= 4 and len(re.sub(r"\([^)]*\)|[^A-Za-z]", "", text)) >= 3:
        return "other_comparator", text
    return None


def nlp() -> Any:
    """The blank English pipeline the vocabulary and the sentence forms tokenize with."""
    return _nlp()


def doc_of(text: str) -> tuple[Any, Offsets]:
    """A text tokenized with whitespace runs read as one space, and the map back to the text's offsets."""
    return _doc(text)


def windows(text: str, anchor: re.Pattern[str], reach: int) -> list[tuple[int, int]]:
    """Character ranges of the text, whole words, ``reach`` words either side of every word holding a hit of
    ``anchor``, merged where they touch (see ``_windows``)."""
    return _windows(text, anchor, reach)


def required_words(pattern: list[dict[str, Any]]) -> Optional[frozenset[str]]:
    """The words (lower-cased) one of which a token must be for the pattern to match: those of its first required
    token that names its words (LOWER or ORTH, no OP); None when it has none."""
    first = next((w for w in map(_literal, pattern) if w is not None), None)
    return frozenset(first) if first is not None else None

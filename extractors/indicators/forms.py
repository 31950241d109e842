"""The interpreter of ``forms.json``: sentence forms of indicator statements kept as data (spaCy Matcher token
patterns), read over one sentence at a time.

Each form marks its figures (``ROLE: value``) and, where it has one, a comparator's printed name (``ROLE: name``);
the form's fields say where the measure, unit, sign, scope and kind come from (see the table's ``_about``). The
Matcher runs over the sentence with periods, rate units and ages blanked (their digits are no figures); its
alignments say which matched token stands for which pattern token. A newcomer teaches the reader a new wording by
adding a form to the table, never a condition here.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from extractors.indicators import rules
from extractors.indicators import vocabulary as vocab
from extractors.indicators.rules import Reading
from normalisers.units import RATE_RX, rate_code

TABLE = Path(__file__).with_name("forms.json")
_NUMBER = {"REGEX": r"^\d[\d,]*(?:\.\d+)?$"}
_FREQUENCY = re.compile(r"frequency|per\s+(?:re-?\s?)?offender|re-?\s?offences\s+per|offences\s+each|"
                        r"\bre-?\s?offences\s*:", re.I)
_RATE_WORD = re.compile(r"\brates?\b", re.I)


@dataclass(frozen=True)
class Variant:
    """One token pattern of a form (a form whose tokens name a sequence of ``_sequences`` has one per choice)."""

    pattern: list[dict[str, Any]]
    values: frozenset[int]  # pattern indices of the figures
    names: frozenset[int]  # pattern indices of a comparator's name


@dataclass(frozen=True)
class Form:
    name: str
    example: str
    variants: tuple[Variant, ...]
    fields: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)


def _expand(token: dict[str, Any], sets: dict[str, list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in token.items():
        if key == "ROLE":
            continue
        if isinstance(value, dict):
            value = {k: (sets[v[1:]] if isinstance(v, str) and v.startswith("@") else v) for k, v in value.items()}
        out[key] = value
    if token.get("ROLE") == "value" and not {"TEXT", "ORTH", "LOWER", "LIKE_NUM"} & set(out):
        out["TEXT"] = _NUMBER
    return out


def _variants(tokens: list[dict[str, Any]], table: dict[str, Any]) -> tuple[Variant, ...]:
    """The token patterns of a form: each ``SEQ`` token replaced by each of its sequences in turn."""
    choices: list[list[list[dict[str, Any]]]] = [table["_sequences"][t["SEQ"]] if "SEQ" in t else [[t]]
                                                 for t in tokens]
    combos: list[list[dict[str, Any]]] = [[]]
    for options in choices:
        combos = [c + o for c in combos for o in options]
    return tuple(Variant([_expand(t, table["_sets"]) for t in c],
                         frozenset(k for k, t in enumerate(c) if t.get("ROLE") == "value"),
                         frozenset(k for k, t in enumerate(c) if t.get("ROLE") == "name")) for c in combos)


@lru_cache(maxsize=1)
def forms() -> tuple[Form, ...]:
    """The forms of the table, in order (an earlier form wins a figure a later one also reads)."""
    table = json.loads(TABLE.read_text())
    out = []
    for entry in table["forms"]:
        fields = {k: v for k, v in entry.items() if k not in ("form", "example", "about", "tokens")}
        out.append(Form(entry["form"], entry["example"], _variants(entry["tokens"], table), fields))
    return tuple(out)


@lru_cache(maxsize=1)
def _matcher() -> Any:
    return _matcher_of(tuple(range(len(_variant_words()))))


@lru_cache(maxsize=1)
def _variant_words() -> tuple[tuple[int, int, Optional[frozenset[str]]], ...]:
    """(form, variant, the words one of which a token must be for it to match, None when it names none) of
    every variant, in table order."""
    return tuple((k, v, vocab.required_words(variant.pattern))
                 for k, form in enumerate(forms()) for v, variant in enumerate(form.variants))


@lru_cache(maxsize=None)
def _matcher_of(kept: tuple[int, ...]) -> Any:
    """A Matcher of the variants numbered ``kept`` (a few subsets occur: cached for good)."""
    from spacy.matcher import Matcher
    matcher = Matcher(vocab.nlp().vocab)
    variants = _variant_words()
    for i in kept:
        k, v, _ = variants[i]
        matcher.add(f"form{k}.{v}", [forms()[k].variants[v].pattern])
    return matcher


def _matcher_for(doc: Any) -> Any:
    """A Matcher of the variants that can match in the doc: those naming no words or one of whose words is one of
    the doc's tokens (lower-cased); it finds what the whole table finds there."""
    lowers = {t.lower_ for t in doc}
    return _matcher_of(tuple(i for i, (_, _, words) in enumerate(_variant_words())
                             if words is None or not words.isdisjoint(lowers)))


@dataclass(frozen=True)
class Hit:
    """One figure a form matched: its character span in the sentence and the match it belongs to."""

    form: Form
    start: int
    end: int
    text: str
    match_start: int
    match_end: int
    name: Optional[str]
    lo: int  # where the text about this figure starts (the match, or the figure before it)
    hi: int


_FIGURE = re.compile(r"\d+")  # every figure token of a form holds a digit (tests/indicators/test_forms_windows.py)


def _reach_of(token: dict[str, Any]) -> int:
    """The most tokens one pattern token stands for ('?' one, '{m,n}' n)."""
    op = token.get("OP")
    if op is None or op in ("?", "!"):
        return 1
    bounds = re.fullmatch(r"\{(\d*),(\d+)\}", op)
    if bounds is None:
        raise ValueError(f"a form token's OP must be bounded ('?' or '{{m,n}}'): {op!r}")
    return int(bounds.group(2))


@lru_cache(maxsize=1)
def _reach() -> int:
    """The most tokens a form's match spans on either side of one of its figures."""
    out = 0
    for form in forms():
        for v in form.variants:
            sizes = [_reach_of(t) for t in v.pattern]
            out = max([out] + [max(sum(sizes[:k]), sum(sizes[k + 1:])) for k in v.values])
    return out


def _hits(sentence: str) -> list[list[Hit]]:
    """Every form's figures in a sentence, grouped by match: by where the match's first figure is, then in the
    order forms are tried (the table's order, the longest match of a form first).

    A match without a figure is no hit, and every figure holds a digit: the Matcher runs only over windows of
    words around the words with a digit (``vocabulary.windows``), which finds the same matches."""
    masked = rules.masked(sentence)
    strings = vocab.nlp().vocab.strings
    found: list[tuple[int, int, int, int, int, list[int], list[tuple[int, int]], list[tuple[int, int]]]] = []
    for w0, w1 in vocab.windows(masked, _FIGURE, _reach()):
        doc, index = vocab.doc_of(masked[w0:w1])
        for key, a, b, align in _matcher_for(doc)(doc, with_alignments=True):
            order, variant = (int(x) for x in strings[key][4:].split("."))
            shape = forms()[order].variants[variant]
            figures = [a + k for k, p in enumerate(align) if p in shape.values]
            if not figures:
                continue
            named = [(w0 + s, w0 + e) for s, e in _names([(a + k, p) for k, p in enumerate(align) if p in shape.names],
                                                         doc, index)]
            ms, me = w0 + _start(doc[a], index), w0 + _end(doc[b - 1], index)
            spans = [(w0 + _start(doc[t], index), w0 + _end(doc[t], index)) for t in figures]
            # token order within one text is character order: (start, end) sort as the token indices did
            found.append((order, a - b, ms, me, variant, list(align), spans, named))
    groups: list[list[Hit]] = []
    for order, _, ms, me, _, _, spans, name_spans in sorted(found):
        form = forms()[order]
        names = [sentence[s:e] for s, e in name_spans]
        per_figure = len(names) == len(spans) and len(names) > 1  # 'regional and national (0.30 and 0.31 respectively)'
        groups.append([Hit(form, s, e, sentence[s:e], ms, me,
                           names[k] if per_figure else (" ".join(names) or None),
                           spans[k - 1][1] if k else ms, spans[k + 1][0] if k + 1 < len(spans) else len(sentence))
                       for k, (s, e) in enumerate(spans)])
    # in reading order (a figure read in the unit of one before it finds that one read), each figure's forms
    # in the table's order
    return sorted(groups, key=lambda g: g[0].start)


def _names(tokens: list[tuple[int, int]], doc: Any, index: vocab.Offsets) -> list[tuple[int, int]]:
    """The character spans of the printed names a match marks, one per run of name tokens (a new run where the
    pattern token changes)."""
    runs: list[list[int]] = []
    for k, (t, p) in enumerate(tokens):
        if k and p == tokens[k - 1][1] and t == tokens[k - 1][0] + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return [(_start(doc[r[0]], index), _end(doc[r[-1]], index)) for r in runs]


def _start(token: Any, index: vocab.Offsets) -> int:
    return int(index[token.idx])


def _end(token: Any, index: vocab.Offsets) -> int:
    return int(index[token.idx + len(token.text) - 1]) + 1


# the rate of something a text names itself ('The rate of school exclusions', 'The NEET rate'): not a rate of
# the measure the paragraph above names (words a rate of the measure is called by are let through)
_RATE_OF = (re.compile(r"\brates?\s+(?:of|for)\s+(?:the\s+)?([A-Za-z-]+)", re.I),
            re.compile(r"\b((?:[A-Za-z-]+\s+)?([A-Za-z-]+))(?<!['’]s)\s+rates?\b", re.I))  # not 'NYOT's rate'
_RATE_WORDS = {"the", "our", "this", "its", "a", "an", "that", "their", "same", "final", "current", "overall",
               "latest", "annual", "average", "local", "national", "regional", "family", "england", "wales", "binary",
               "frequency", "new", "previous", "end", "year", "quarterly", "monthly", "rolling", "actual", "target",
               "yot", "yos", "yjs", "period", "whole", "cohort", "young", "children", "people", "all", "these", "those",
               "highest", "lowest", "higher", "lower", "best", "worst", "similar", "comparable", "good", "poor", "low",
               "high", "improved", "improving", "reduced", "increased", "stable", "steady", "comparator", "comparison"}


def rate_of_another(text: str) -> bool:
    """A text names the subject of its rate, and it is not a measure, a place or a word a rate is called by."""
    for m in (m for rx in _RATE_OF for m in rx.finditer(text)):
        words, word = m.group(1), m.group(m.re.groups)
        if word.lower() in _RATE_WORDS or rules.mentions(words) or vocab.terms(words, "scope") \
                or re.fullmatch(r"\d.*|per", word) or (re.fullmatch(r"[A-Z][a-z]+", word) and m.start(m.re.groups)):
            continue  # a rate of the measure, of a place ('the rate for Leicester', 'South West rate')
        return True
    return False


def _measure(hit: Hit, sentence: str, carried: Optional[str]) -> Optional[str]:
    ms = rules.mentions(sentence)
    fixed: Optional[str] = hit.form.get("measure")
    if hit.form.get("needs_frequency") and not _FREQUENCY.search(sentence[:hit.start]):
        return None
    if fixed is not None:
        named = {n for _, n in ms} | ({carried} if carried else set())
        return fixed if not hit.form.get("needs_measure") or fixed in named else None
    if hit.form.get("measure_of_label") and ":" in sentence[:hit.start]:  # 'FTE rate: Leeds 301; England 238'
        label = [n for p, n in ms if p < sentence.index(":")]
        if label:
            return label[-1]
    if hit.form.get("measure_in_match"):
        inside = [n for p, n in ms if hit.match_start <= p < hit.match_end]
        return inside[0] if inside else None
    if rules.other_topic_nearer(sentence, hit.start, ms):
        return None
    named_here = rules.nearest_indicator(sentence, hit.start, ms)
    if named_here:
        return named_here
    if carried and not rate_of_another(sentence[:hit.start]):  # 'The NEET rate has dropped from ...': not carried
        return carried
    clause_end = re.search(r"[,;.](?!\d)", sentence[hit.end:])
    reach = hit.end + min(80, clause_end.start() if clause_end else 80)
    after = [n for p, n in ms if hit.end <= p < reach]  # 'a 1.3pp reduction in the rate of re-offending'
    return after[0] if after else None


def _printed_unit(hit: Hit, sentence: str, indicator: str, rate: Optional[str]) -> Optional[str]:
    """The unit printed with a figure, else the one the sentence gives it (None when nothing says)."""
    right = sentence[hit.end:hit.end + 50]
    if re.match(r"\s?(?:%|per\s?cent\b|percent\b)", right, re.I):
        if hit.form.get("percent_means_rate") and vocab.conventional_rate(indicator) \
                and not RATE_RX.search(sentence) and not re.match(r"\s?%\s*(?:of|for)\b", right):
            return vocab.conventional_rate(indicator)  # 'rate= 0.50%': a rate with a slip of unit (the check says)
        return "percent"
    if hit.text.endswith("pp") or re.match(r"\s?(?:pp|percentage\s+points?)\b", right, re.I):
        return "percentage_points"
    after = re.match(r"^\s*(?:[a-z]+\s+){0,2}(" + RATE_RX.pattern + ")", right, re.I)
    if after:
        return rate_code(after.group(2))
    if indicator == "reoffending" and _FREQUENCY.search(sentence):
        return "reoffences_per_reoffender"
    counted = rules.COUNT_AFTER.get(indicator)
    if counted and counted.match(right) and "." not in hit.text:
        return "count"
    if "." not in hit.text and re.search(r"\bnumbers?\s+of\b[^.;\d%]{0,60}$", sentence[:hit.start], re.I):
        return "count"  # 'The number of first time entrants rose from 98 to 112' 
    stated = [m for m in RATE_RX.finditer(sentence) if m.end() <= hit.start]
    if stated:
        return rate_code(stated[-1].group(1))
    if rate:
        return rate
    if (_RATE_WORD.search(sentence) or "." in hit.text) and vocab.conventional_rate(indicator):
        return vocab.conventional_rate(indicator)
    return None


def _unit(hit: Hit, sentence: str, indicator: str, rate: Optional[str],
          earlier: tuple[Reading, ...] = ()) -> Optional[str]:
    unit: str = hit.form.get("unit", "printed")
    if unit == "as_before":  # 'a drop of 7', 'the figure was 22', '(292 in 06/07)': in the unit of the figure before
        before = [r for r in earlier if r.indicator == indicator and r.start < hit.start
                  and not re.search(r"[;.](?!\d)", sentence[r.start:hit.start])]
        last = max(before, key=lambda r: r.start) if before else None
        if last is None or re.match(r"\s?%", sentence[hit.end:]):
            return None  # a percentage the rules read themselves
        return last.unit if last.unit in ("count", "reoffences_per_reoffender", "reoffences_per_offender") \
            or last.unit.startswith("per_") else None
    if unit == "printed":
        return _printed_unit(hit, sentence, indicator, rate)
    if unit == "as_read":  # the unit another reader read this very figure in
        same = [r for r in earlier if r.start == hit.start and r.indicator == indicator]
        return same[0].unit if same else None
    if re.match(r"\s?%", sentence[hit.end:]) and not unit.startswith("percent") and unit != "frequency":
        return None  # a form of a figure without a '%' that is printed with one
    if unit == "frequency":  # per re-offender unless the words after the figure say per offender
        said = re.match(r"\s*(re-?\s?offences?\s*(?:/|per)\s*(?:re-?\s?)?offenders?)", sentence[hit.end:], re.I)
        return "reoffences_per_offender" if said and not re.search(r"re-?\s?offenders?$", said.group(1), re.I) \
            else "reoffences_per_reoffender"
    if unit == "rate_change":
        stated = [m for m in RATE_RX.finditer(sentence) if m.end() <= hit.start]
        return rate_code(stated[-1].group(1)) if stated else rate or vocab.conventional_rate(indicator)
    return unit


def _sign(hit: Hit, sentence: str) -> Optional[int]:
    words = set(re.findall(r"[a-z]+", sentence[hit.match_start:hit.match_end].lower()))
    sets = _sets()
    fall, rise = bool(words & set(sets["fall"])), bool(words & set(sets["rise"]))
    return -1 if fall and not rise else 1 if rise and not fall else None


@lru_cache(maxsize=1)
def _sets() -> dict[str, list[str]]:
    sets: dict[str, list[str]] = json.loads(TABLE.read_text())["_sets"]
    return sets


_SCOPE_AFTER = re.compile(r"^\s*(?:\(\s*)?((?:YOT\s+|YOS\s+)?family|nationally|regionally|locally|national|regional|"
                          r"statistical\s+neighbou?rs?)\b", re.I)


def _scope(hit: Hit, sentence: str, default: str, council: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    how = hit.form.get("scope", "near")
    if how == "name":
        read = vocab.scope(hit.name or "", council)
        if read is None:
            return None
        scope, comparator = read
        if comparator and not hit.form.get("named_only"):
            comparator = f"{comparator} average"
        return scope, comparator
    if how == "near":
        placed = re.match(r"\s*(?:in|for|across|within)\s+(?:the\s+)?", sentence[hit.end:hit.end + 50])
        if placed:  # 'compared with 0.4 in the South East'
            rest = sentence[hit.end + placed.end():hit.end + 50]
            first = vocab.terms(rest, "scope")
            if first and first[0].start == 0 and first[0].value != "local":
                return first[0].value, first[0].text
        after = _SCOPE_AFTER.match(sentence[hit.end:])
        if after:
            read = vocab.scope(after.group(1), council)
            if read:
                return read[0], (after.group(1) if read[0] != "local" else None)
        clause = re.split(r"[,;]", sentence[:hit.start])[-1]
        if rules.OWN_FIGURE.search(clause):  # 'compared to NYOT's rate of 0.21', 'our rate of'
            return default, None
        named = vocab.terms(clause, "scope")
        if named and not re.search(r"\b(?:our|we)\b", clause[named[-1].end:], re.I):
            last = named[-1]  # 'Nationally there has been a 1.3pp reduction' ('the London level our target': ours)
            return last.value, (last.text if last.value != "local" else None)
        return default, None
    return hit.form.get("scope"), None


def _value(text: str) -> Decimal:
    return Decimal(re.sub(r"pp$|,", "", text))


def _continued(hit: Hit, sentence: str) -> list[Hit]:
    """'decreases of 0.8 family, 0.07 nationally and 0.6 regionally': the figures listed after a form's figure,
    each followed by its scope word, share its measure, unit and sign."""
    out: list[Hit] = []
    pos = hit.end
    rx = re.compile(r"\s*(?:[A-Za-z-]+\s*)?(?:,\s*(?:and\s+)?|\s+and\s+)(\d*\.\d+)(?![\d.]|\s*%)")
    while (m := rx.match(sentence, pos)) and _SCOPE_AFTER.match(sentence[m.end(1):]):
        out.append(Hit(hit.form, m.start(1), m.end(1), m.group(1), hit.match_start, m.end(), None, pos,
                       len(sentence)))
        pos = m.end(1)
    return out


def _reading(hit: Hit, sentence: str, scope: str, carried: Optional[str], rate: Optional[str],
             council: Optional[str], unit: Optional[str]) -> Optional[Reading]:
    indicator = _measure(hit, sentence, carried)
    if indicator is None or unit is None:
        return None
    value = _value(hit.text)
    if unit == "count" and value != value.to_integral_value():
        return None
    if hit.form.get("sign") == "verb":
        sign = _sign(hit, sentence)
        if sign is None:
            return None
        value = value * sign
    where = _scope(hit, sentence, scope, council)
    if where is None or rules.other_area(sentence, sentence[max(0, hit.start - 60):hit.start], council):
        return None  # another council's figure quoted for comparison
    left = sentence[max(0, hit.start - 60):hit.start].rsplit(";", 1)[-1]
    kind = hit.form.get("kind") or ("target" if rules.TARGET.search(left) else "actual")
    if kind == "actual" and rules.BOUND.search(sentence[max(hit.lo, hit.start - 60):hit.match_start]):
        return None  # 'below 40%': a bound, not the value (a qualifier the form reads, 'just over 3', is kept)
    period = rules.period_of(sentence, hit.start, hit.end, hit.lo, hit.hi, hit.form.get("sign") == "verb")
    raw = sentence[hit.start:hit.end] + ("%" if re.match(r"\s?%", sentence[hit.end:]) else "")
    return Reading(indicator, value, unit, where[0], kind, raw, hit.start, where[1], period,
                   qualifier=rules.qualifier(sentence[max(0, hit.start - 40):hit.start]))


def form_readings(sentence: str, scope: str, carried: Optional[str], rate: Optional[str],
                  council: Optional[str] = None, earlier: tuple[Reading, ...] = ()) -> list[tuple[Reading, str]]:
    """Indicator values the forms read in one sentence, each with how it stands to another reader's reading of
    the same figure: 'over' (read over it), 'also' (a second statement of the figure: a form whose table entry
    names the kind, '5 ..., which was the target') or '' (``carried``: the indicator the paragraph carries into
    the sentence; ``rate``: the rate unit it carries; ``earlier``: what the other readers read in the sentence)."""
    if not re.search(r"\d", sentence):
        return []
    out: list[tuple[Reading, str]] = []
    taken: set[int] = set()  # a figure goes to the first form that reads it
    for group in _hits(sentence):
        if any(h.start in taken for h in group):
            continue
        extra = _continued(group[-1], sentence) if group[-1].form.get("list") else []
        hits = group + extra
        fixed: Optional[list[str]] = hits[0].form.get("units")  # one unit per figure, in order
        units = fixed if fixed and len(fixed) == len(hits) else [
            _unit(h, sentence, _measure(h, sentence, carried) or "", rate, earlier + tuple(r for r, _ in out))
            for h in hits]
        known: list[str] = [u for u in units if u]
        shared = known[0] if known and len(set(known)) == 1 else None  # 'from 0.4 down to 0.06': one unit
        for h, u in zip(hits, units):
            r = _reading(h, sentence, scope, carried, rate, council, u or shared)
            if r is not None:
                taken.add(h.start)
                slip = r.unit.startswith("per_") and "%" in r.raw  # 'rate= 0.50%': read over the percent
                out.append((r, "over" if h.form.get("overrides") and slip else "also" if h.form.get("kind") else ""))
    return out

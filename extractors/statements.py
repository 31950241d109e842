"""Figures stated in prose that other figures beside them should agree with, read into records for the checks.

- :func:`share_statements`: a percentage printed with the count it is of and/or the base it is a share of
  ("26 of 67 (38.8%)", "18 (35%) of 86", "44.6% (65 young people in cohort and 25 reoffenders ...)",
  "37 (68%) were ...", "82% (39) respondents", "Of these 86% ..." after an item that counts 18);
- :func:`stated_breakdowns`: a total printed with its parts in brackets ("= 109 - (93 Males - 15 Females)").

Only what the phrase itself ties together is read: a count beside a percentage in brackets, a base named by
"of"/"out of", a cohort in the bracket after a rate, or the one count of the item before "of these". Nothing is
computed here; the checks (``pipeline/checks/statements.py``) do the arithmetic.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator, Optional

from extractors.tables.text_grids import TCell, TextTable, TRow, find_tables
from pipeline.records import Document, Provenance, ShareStatement, StatedBreakdown

EXTRACTOR = "extractors.statements"
LOOK_BEFORE = 40  # characters before a number that say what it counts ('a seriousness score of 3')

# a whole count: not money, a decimal, a percentage, nor an end of a range ('10-17')
_N = r"(?<![\d.,£$/\-–])(\d{1,3}(?:,\d{3})+|\d+)(?![\d%]|\.\d|,\d|\s?[-–]\s?\d)"
_P = r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?%"
_OF = r"(?:of|out\s+of)\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?"
_WORDS = r"(?:\s+[A-Za-z][\w'-]*){0,3}"  # 'young people', 'cases reviewed': a few words naming the base
_PART_OF_BASE_PCT = re.compile(rf"{_N}\s+{_OF}{_N}{_WORDS}\s*\(\s*{_P}\s*\)", re.I)  # 26 of 67 (38.8%)
_BASE_OF_WHOM = re.compile(rf"{_N}\b[^.()\d%]{{0,60}}?\bof\s+(?:whom|which|these|them)\s+{_N}\s*\(\s*{_P}\s*\)",
                           re.I)  # 67 young people, of whom 26 (38.8%) reoffended
_COHORT_OF = re.compile(rf"\bcohort\s+of\s+{_N}\b[^.()\d%]{{0,60}}?{_N}\s*\(\s*{_P}\s*\)", re.I)  # a cohort of 67, 26 (38.8%)
_PART_PCT_OF_BASE = re.compile(rf"{_N}\s*\(\s*{_P}\s*\)\s*{_OF}{_N}", re.I)  # 18 (35%) of 86
_PCT_PART_OF_BASE = re.compile(rf"{_P}\s*\(\s*{_N}\s+{_OF}{_N}[^()]{{0,40}}\)", re.I)  # 38.8% (26 of 67)
_PCT_COHORT = re.compile(rf"{_P}\s*\(\s*{_N}\s+[^()\d]{{0,40}}?\bcohort\b[^()\d]{{0,20}}?{_N}\s+"
                         r"re-?\s?offend", re.I)  # 44.6% (65 young people in cohort and 25 reoffenders ...)
# a count beside its percentage alone ("37 (68%) were completed", "27 young people (96%) were in suitable
# accommodation", "82% (39) respondents", "only 13% (3) were successful"), unless the words before it say the
# number is something else than a count (a score, a rank, an age: "a seriousness score of 3 (95%)"); a
# percentage with a bracketed count and words ("44.6% (65 young people)") may give the base, not the part: not read
_PART_PCT = re.compile(rf"{_N}{_WORDS}\s*\(\s*{_P}\s*\)", re.I)  # 37 (68%)
_PCT_PART = re.compile(rf"{_P}\s*\(\s*{_N}\s*\)", re.I)  # 82% (39)
_NOT_A_COUNT = re.compile(r"(?:aged?|section|page|priority|appendix|table|figure|chapter|quarter|Q|top|bottom|"
                          r"ranked?|number|no\.?|paragraph|para|item|step|tier|level|phase|year|objective|outcome|"
                          r"recommendation|standard|score|scored|scoring|grade|graded|rated|rating|band|category|"
                          r"group|stage|key|point|week|month|day|over|under|aged\s+\w+)(?:\s+(?:of|at|to))?\s*$", re.I)
_OF_THESE = re.compile(r"^\W*of\s+(?:these|them|whom|those)\b", re.I)
_PCT_ONLY = re.compile(_P)
_COUNT = re.compile(_N)
_YEAR = re.compile(r"(?:19|20)\d\d")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z*•\-\u2022])|\s*[\u2022\uf0b7\ufffd]\s*")


def _num(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _is_count(text: str) -> bool:
    return not (len(text) == 4 and _YEAR.fullmatch(text))


def sentences(text: str) -> list[str]:
    """A line's sentences and bulleted items (bare text, no bullet)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _share(percent: str, part: Optional[str], base: Optional[str], quote: str, prov: Provenance,
           base_from: str = "phrase") -> Optional[ShareStatement]:
    if (part is not None and not _is_count(part)) or (base is not None and not _is_count(base)):
        return None
    p, k, n = Decimal(percent), _num(part) if part else None, _num(base) if base else None
    if not 0 < p <= 100 or (k is not None and k == 0) or (n is not None and n == 0) \
            or (k is not None and n is not None and k > n):
        return None
    return ShareStatement(p, percent + "%", k, n, quote, prov.with_extractor(EXTRACTOR), base_from)


def _phrase_shares(sentence: str, prov: Provenance) -> Iterator[ShareStatement]:
    taken = bytearray(len(sentence))  # characters a form has read already
    forms = ((_PART_OF_BASE_PCT, (3, 1, 2)), (_PART_PCT_OF_BASE, (2, 1, 3)), (_PCT_PART_OF_BASE, (1, 2, 3)),
             (_PCT_COHORT, (1, 3, 2)), (_BASE_OF_WHOM, (3, 2, 1)), (_COHORT_OF, (3, 2, 1)),
             (_PART_PCT, (2, 1, 0)), (_PCT_PART, (1, 2, 0)))
    for rx, (gp, gk, gn) in forms:
        for m in rx.finditer(sentence):
            if any(taken[m.start():m.end()]):
                continue  # a longer form already read these figures
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            if not gn and _NOT_A_COUNT.search(sentence[max(0, m.start() - LOOK_BEFORE):m.start()]):
                continue  # 'a seriousness score of 3 (95%)': the number is not a count of people or cases
            s = _share(m.group(gp), m.group(gk), m.group(gn) if gn else None, m.group(0), prov)
            if s:
                yield s


# a number that counts people or cases is followed by words ('18 were identified', '250 young people'), never
# by a unit of time or a rate, and is not a section, page, age, rank or quarter number
_NOT_PEOPLE_AFTER = re.compile(r"\s*(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|per\b|st\b|nd\b|rd\b|"
                               r"th\b|[-–/:)])", re.I)
_NOT_PEOPLE_BEFORE = re.compile(r"(?:aged?|section|page|priority|appendix|table|figure|chapter|quarter|Q|top|"
                                r"bottom|ranked?|number|no\.?|paragraph|para|item|step|tier|level|phase|year|"
                                r"objective|outcome|recommendation|standard)\s*$", re.I)


def _single_count(sentence: str) -> Optional[str]:
    """The one whole count of people or cases a sentence prints besides percentages (None when it prints none or
    several, or a number that counts something else)."""
    bare = _PCT_ONLY.sub(" ", sentence)
    counts = [m for m in _COUNT.finditer(bare) if _is_count(m.group(1))]
    if len(counts) != 1:
        return None
    m = counts[0]
    after, before = bare[m.end():m.end() + LOOK_BEFORE], bare[max(0, m.start() - LOOK_BEFORE):m.start()]
    if not re.match(r"\s+[A-Za-z]", after) or _NOT_PEOPLE_AFTER.match(after) or _NOT_PEOPLE_BEFORE.search(before):
        return None
    return m.group(1)


_PAIR_ANYWHERE = ((re.compile(rf"{_N}\s*\(\s*{_P}\s*\)"), 2, 1), (re.compile(rf"{_P}\s*\(\s*{_N}\s*\)"), 1, 2))


_OF_THE_N = re.compile(rf"^\W*(?:of|out\s+of)\s+(?:the|all|a\s+total\s+of)?\s*{_N}{_WORDS}\s*,\s*", re.I)
_CHANGE = re.compile(r"increas|decreas|reduc|rise|rose|fall|fell|drop|declin|more|less|fewer|higher|lower|up\b|down\b",
                     re.I)


def _shares_of(rest: str, base: str, quote: str, prov: Provenance, base_from: str) -> Iterator[ShareStatement]:
    """The shares of ``base`` that ``rest`` prints: 'K (P%)' / 'P% (K)' pairs, or else bare percentages when the
    text prints no other count and words no change ('12% more than last year' is not a share)."""
    pairs = [(m, gp, gk) for rx, gp, gk in _PAIR_ANYWHERE for m in rx.finditer(rest)]
    if pairs:
        if len(_COUNT.findall(_PCT_ONLY.sub(" ", rest))) != len(pairs):
            return
        for m, gp, gk in pairs:
            s = _share(m.group(gp), m.group(gk), base, quote, prov, base_from)
            if s:
                yield s
        return
    if _COUNT.search(_PCT_ONLY.sub(" ", rest)) or _CHANGE.search(rest):
        return
    for p in _PCT_ONLY.finditer(rest):
        s = _share(p.group(1), None, base, quote, prov, base_from)
        if s:
            yield s


def _of_these_shares(sentence: str, before: Optional[str], prov: Provenance) -> Iterator[ShareStatement]:
    """'Of these 86% witnessed ... and 35% re-offended', 'Of these, 26 (38.8%) ...': shares of the one count the
    sentence or item before prints; 'Of the 120 young people, 102 (85%) were male': shares of the count the
    sentence opens with. A sentence with other counts than its shares' is left alone."""
    lead = _OF_THE_N.match(sentence)
    if lead and _is_count(lead.group(1)):
        yield from _shares_of(sentence[lead.end():], lead.group(1), sentence, prov, "phrase")
        return
    if before is None or not _OF_THESE.search(sentence):
        return
    base = _single_count(before)
    if base is not None:
        yield from _shares_of(sentence, base, f"{before} {sentence}", prov, "preceding")


_BULLET = re.compile(r"^\s*(?:[•·▪►\uf0b7\ufffd]\s*|[*\-–]\s+)")  # '-5.7pp' is a figure, not an item
_LEAD = re.compile(rf"^{_N}\s+(?!of\b|out\b|per\b)[A-Za-z]", re.I)  # '48 responses were completed' (not '42 of the total')
_OPENS_WITH_SHARE = ((re.compile(rf"^{_N}\s*\(\s*{_P}\s*\)"), 2, 1), (re.compile(rf"^{_P}\s*\(\s*{_N}\s*\)"), 1, 2))


def _list_lead(item: str) -> Optional[str]:
    """The count a list's first item opens with ('48 responses were completed ...'): the base of the items after
    it that open with a share ('37 (68%) were ...', '82% (39) respondents ...')."""
    m = _LEAD.match(item)
    return m.group(1) if m and _is_count(m.group(1)) else None


def _list_share(item: str, base: str, lead: str, prov: Provenance) -> Optional[ShareStatement]:
    for rx, gp, gk in _OPENS_WITH_SHARE:
        m = rx.match(item)
        if m:
            return _share(m.group(gp), m.group(gk), base, f"{lead} ... {item}", prov, "list")
    return None


def share_statements(doc: Document) -> tuple[ShareStatement, ...]:
    out: list[ShareStatement] = []
    before: Optional[str] = None
    lead: Optional[tuple[str, str]] = None  # (count, item) of the list item that opened a list with a count
    for k, line in enumerate(doc.lines):
        if not line.text.strip():
            continue
        bullet = _BULLET.match(line.text)
        item = line.text[bullet.end():].strip() if bullet else ""
        if not bullet:
            lead = None
        elif lead is None and _list_lead(item):
            lead = (_list_lead(item) or "", item)
        elif lead is not None:
            s = _list_share(item, lead[0], lead[1], doc.prov(k, item, EXTRACTOR))
            if s:
                out.append(s)
                before = item
                continue
        if "%" not in line.text:
            parts = sentences(line.text)
            before = parts[-1] if parts else before
            continue
        for sentence in sentences(line.text):
            prov = doc.prov(k, sentence, EXTRACTOR)
            with_base = list(_of_these_shares(sentence, before, prov))  # the base named by 'of these' / 'of the N'
            out.extend(with_base or _phrase_shares(sentence, prov))
            before = sentence
    return tuple(out)


# --------------------------------------------------------------------------- shares in a table of cohorts

_BASE_ROW = re.compile(r"\bcohort\s+size\b|\b(?:number|no\.?)\s+(?:of\s+\w+\s+)?in\s+(?:the\s+)?cohort\b|^cohort$", re.I)
_PART_ROW = re.compile(r"\b(?:number|no\.?)\s+of\s+re-?\s?offenders\b|^re-?\s?offenders$", re.I)
_PCT_ROW = re.compile(r"(?:percentage|proportion|%|per\s?cent)\D{0,40}re-?\s?offend|binary", re.I)
_NOT_PCT_ROW = re.compile(r"frequency|per\s+(?:re-?\s?)?offender|re-?\s?offences|change", re.I)
# a column heading that names only a period (a service's own cohorts side by side), never a place or a group:
# a comparator's rate is an average of services' rates, not its counts' share
_PERIOD_HEADING = re.compile(r"(?:cohorts?|years?|quarters?|q[1-4]|annual|aggregated|quarterly|rolling|ending|to|and|"
                             r"vs?|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|"
                             r"dec\w*|fy|\d+|[-–/&(),.:\s])+", re.I)
_CELL_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_CELL_PCT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s?%?")


def _counts(row: TRow) -> list[tuple[str, TCell]]:
    """A row's whole counts, leaving out change cells ('-54.1%') printed after them."""
    return [(c.clean, c) for c in row.values if _CELL_COUNT.fullmatch(c.clean)]


def _percents(row: TRow) -> list[tuple[str, TCell]]:
    bare = "%" in row.label.clean or "percent" in row.label.clean.lower()
    out = []
    for c in row.values:
        m = _CELL_PCT.fullmatch(c.clean)
        if m and ("%" in c.clean or bare):
            out.append((m.group(1), c))
    return out


def _cohort_rows(t: TextTable) -> Optional[tuple[TRow, Optional[TRow], TRow]]:
    heads = [c.clean for c in t.header if c.clean]
    if not heads or not all(_PERIOD_HEADING.fullmatch(h) for h in heads):
        return None
    base = next((r for r in t.rows if _BASE_ROW.search(r.label.clean)), None)
    part = next((r for r in t.rows if _PART_ROW.search(r.label.clean)), None)
    pct = next((r for r in t.rows if _PCT_ROW.search(r.label.clean) and not _NOT_PCT_ROW.search(r.label.clean)), None)
    return (base, part, pct) if base is not None and pct is not None else None


def table_shares(doc: Document) -> tuple[ShareStatement, ...]:
    """A table of a service's cohorts by period: 'Number in Cohort 133 109', 'Percentage who Re-offended 33.10%
    37.20%' (and 'Number of reoffenders' when printed), column by column, when every row has one figure per
    heading."""
    out: list[ShareStatement] = []
    for t in find_tables(doc):
        rows = _cohort_rows(t)
        if rows is None:
            continue
        base, part, pct = rows
        n = len([c for c in t.header if c.clean])
        bases, pcts = _counts(base), _percents(pct)
        parts = _counts(part) if part is not None else []
        if len(bases) != n or len(pcts) != n or (part is not None and len(parts) != n):
            continue
        for j in range(n):
            cell = pcts[j][1]
            line = cell.line if cell.line >= 0 else max(pct.line, 0)
            quote = (f"{t.header[j].clean}: {base.label.clean} {bases[j][0]}; "
                     + (f"{part.label.clean} {parts[j][0]}; " if part is not None else "")
                     + f"{pct.label.clean} {cell.clean}")
            s = _share(pcts[j][0], parts[j][0] if parts else None, bases[j][0], quote,
                       doc.prov(line, quote, EXTRACTOR), "table")
            if s:
                out.append(s)
    return tuple(out)


# --------------------------------------------------------------------------- totals with their parts

_PART = rf"{_N}\s*[-–]?\s*([A-Za-z][A-Za-z'/&\-– ]{{0,60}})"  # a count and its label, up to the next figure
_PART_RX = re.compile(_PART)
_TRAILING_SEP = re.compile(r"(?:\s|[-–,;+]|\band\b)+$", re.I)
# a count, then its bracket (read whole, then split into parts: no nested repetition to backtrack over)
_BRACKET = re.compile(rf"{_N}\s*[-–:=]?\s*\(([^()]{{1,200}})\)")
_ONLY_SEPARATORS = re.compile(r"[\s,;+\-–]*")


def _parts(inner: str) -> tuple[tuple[Decimal, str], ...]:
    """The bracket's parts, when it holds nothing but counts with their labels ('93 Males - 15 Females')."""
    if not _ONLY_SEPARATORS.fullmatch(_PART_RX.sub("", inner)):
        return ()
    return tuple((_num(m.group(1)), _TRAILING_SEP.sub("", m.group(2)).strip(" -–"))
                 for m in _PART_RX.finditer(inner))


def stated_breakdowns(doc: Document) -> tuple[StatedBreakdown, ...]:
    out: list[StatedBreakdown] = []
    for k, line in enumerate(doc.lines):
        if "(" not in line.text:
            continue
        for m in _BRACKET.finditer(line.text):
            parts = _parts(m.group(2))
            labels = {label.lower() for _, label in parts}
            if len(parts) < 2 or len(labels) < len(parts) or not _is_count(m.group(1)) \
                    or any(not _is_count(str(c)) for c, _ in parts):
                continue
            out.append(StatedBreakdown(_num(m.group(1)), m.group(1), parts, m.group(0),
                                       doc.prov(k, m.group(0), EXTRACTOR)))
    return tuple(out)

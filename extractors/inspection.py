"""Inspection outcomes: inspectorate, overall rating and the number of standards/indicators per grade.

A report states a count ("the 12 Standards judged ... Medway YOT received:") and lists its breakdown on the
following lines ("- 7 areas of good", "- 4 areas of requires improvement"). :func:`read_grade_lists` returns
each list with its stated count so a check can test that they agree.
"""
from __future__ import annotations

import bisect
import itertools
import logging
import re
from typing import Iterator, Optional

from pipeline.records import Document, GradeList, Inspection, Provenance

log = logging.getLogger(__name__)
EXTRACTOR = "inspection"

_INSPECTORATES = (
    ("HMIP", re.compile(r"\bHMIP\b|HM\s+Inspectorate\s+of\s+Probation|Her\s+Majesty's\s+Inspectorate\s+of\s+Probation",
                        re.I)),
    ("Ofsted", re.compile(r"\bOfsted\b", re.I)),
    ("Estyn", re.compile(r"\bEstyn\b")),
)
_GRADES = r"outstanding|good|requires?\s+improvement|inadequate"
_OVERALL = re.compile(rf"(?:overall[^.]{{0,60}}?)?\b(?:was\s+)?(?:rated|judged|graded)\s*(?:as)?\s*:?\s*['‘\"]?({_GRADES})",
                      re.I)
_ITEM = re.compile(rf"^\s*(?:[-•*·]\s*)?(\d{{1,3}})\s+(?:areas?\s+(?:of\s+|that\s+|rated\s+)?)?({_GRADES})\b", re.I)
# Words every match of the patterns above contains: lines without them are not searched (the same result, faster)
_INSPECTORATE_WORDS = re.compile(r"HMIP|Inspectorate|Ofsted|Estyn", re.I)
# _OVERALL's verbs: only ASCII letters fold to their letters, so str.lower() finds exactly the lines re.I would
_OVERALL_VERBS = ("rated", "judged", "graded")
_STATED = re.compile(r"\b(\d{1,3})\s+(?:['‘]?\w+['’]?\s+){0,3}?['‘]?(standards|indicators|domains)\b", re.I)


def grade_code(text: str) -> str:
    t = re.sub(r"\s+", " ", text.strip().lower())
    return "requires_improvement" if t.startswith("require") else t


def _intro(doc: Document, first: int) -> tuple[Optional[int], str, int]:
    for k in range(first - 1, max(-1, first - 4), -1):
        hits = list(_STATED.finditer(doc.lines[k].text))
        if hits:
            m = hits[-1]
            return int(m.group(1)), m.group(2).lower(), k
    return None, "items", first


def read_grade_lists(doc: Document) -> list[GradeList]:
    out: list[GradeList] = []
    k = 0
    n = len(doc.lines)
    while k < n:
        if not _ITEM.match(doc.lines[k].text):
            k += 1
            continue
        first = k
        counts = []
        while k < n and (m := _ITEM.match(doc.lines[k].text)):
            counts.append((grade_code(m.group(2)), int(m.group(1))))
            k += 1
        if len(counts) >= 2:
            stated, group, line = _intro(doc, first)
            out.append(GradeList(group, stated, tuple(counts), doc.prov(line, None, EXTRACTOR)))
    return out


def _lines_with(doc: Document, words: re.Pattern[str]) -> Iterator[int]:
    """Indexes of the lines in which ``words`` (literal alternatives: no match spans a line break) occurs, in
    order, found lazily (the callers stop at the first line that answers)."""
    text = "\n".join(ln.text for ln in doc.lines)
    starts = list(itertools.accumulate((len(ln.text) + 1 for ln in doc.lines), initial=0))
    last = -1
    for m in words.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i != last:
            yield i
            last = i


def _inspectorate(doc: Document) -> Optional[tuple[str, int]]:
    for i in _lines_with(doc, _INSPECTORATE_WORDS):
        ln = doc.lines[i]
        for name, rx in _INSPECTORATES:
            if rx.search(ln.text):
                return name, i
    return None


def _overall(doc: Document) -> Optional[tuple[str, int]]:
    for i, ln in enumerate(doc.lines):
        low = ln.text.lower()
        if not any(v in low for v in _OVERALL_VERBS):
            continue
        m = _OVERALL.search(ln.text)
        if m and re.search(r"overall", ln.text[max(0, m.start() - 80):m.end()], re.I):
            g = re.sub(r"\s+", " ", m.group(1).strip())
            return g[0].upper() + g[1:].lower(), i
    return None


def extract_inspections(doc: Document) -> tuple[Inspection, ...]:
    """An inspection outcome where the document reports one (a rating or graded lists); else nothing."""
    who = _inspectorate(doc)
    overall = _overall(doc)
    lists = read_grade_lists(doc)
    if who is None or (overall is None and not lists):
        return ()
    grades = tuple((lst.group, g, c) for lst in lists for g, c in lst.counts)
    line = overall[1] if overall else who[1]
    return (Inspection(who[0], overall[0] if overall else None, grades, doc.prov(line, None, EXTRACTOR)),)

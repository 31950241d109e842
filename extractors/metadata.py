"""Document metadata: council, period, doc_type and title, read from the document's head and text.

The head is the first few non-empty lines (where a title page is); the source name is a weaker hint
(a registry or a file name often names the council and years). No council or file is special-cased:
councils come from the list in ``normalisers.councils``.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Optional
from urllib.parse import unquote, urlparse

from normalisers.councils import count_councils, find_councils
from pipeline.records import Document, DocumentMeta

HEAD_LINES = 12
_STOP = re.compile(r"^(contents|foreword|introduction|summary|recommendation)s?\b", re.I)
_MARKUP = re.compile(r"[#*_|`]+")
_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:/|-|–|to)\s*((?:19|20)?\d\d)(?!\d)")
_SHORT_SPAN = re.compile(r"(?<![\d/])(\d\d)\s*[/-]?\s*(\d\d)(?![\d/])")
_DMY_SPAN = re.compile(r"\d\d?/\d\d?/(\d\d)\s*[-–]\s*\d\d?/\d\d?/(\d\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_SPAN = re.compile(rf"\b{_MONTH}\s+((?:19|20)\d\d)\s*(?:-|–|to)\s*{_MONTH}\s+((?:19|20)\d\d)\b", re.I)

_PLAN = re.compile(r"(youth justice|youth offending|\bYOT\b|\bYJ\b|\bYOS\b).{0,60}\bplan\b"
                   r"|\bplan\b.{0,20}\byouth justice", re.I)
_TYPES = (
    ("youth_justice_plan", _PLAN),
    ("inspection_report", re.compile(r"\binspection\b|\bHMIP\b|HM Inspectorate", re.I)),
    ("committee_report", re.compile(r"\b(committee|cabinet|scrutiny|council meeting|board report)\b", re.I)),
)
_UPDATE = re.compile(r"\bupdate[d]?\s+(?:for\s+)?((?:19|20)\d\d)(?:\s*[/-]\s*(\d\d))?\b"
                     r"|((?:19|20)\d\d)(?:\s*[/-]\s*(\d\d))?\s+(?:update|refresh)\b", re.I)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", text)).strip(" :-–")


def head_lines(doc: Document, n: int = HEAD_LINES) -> list[str]:
    out: list[str] = []
    for ln in doc.lines:
        t = _clean(ln.text)
        if t:
            out.append(t)
        if len(out) >= n:
            break
    return out


def title_of(head: list[str]) -> str:
    """The title page's short lines joined, up to a long paragraph or a 'Contents'-like line.

    A document that opens with its contents is titled by the first head line naming a plan."""
    parts: list[str] = []
    if head and _STOP.match(head[0]):
        head = [h for h in head if _PLAN.search(h) and len(h) <= 160][:1] or head
    for t in head:
        if _STOP.match(t) or len(t) > 120 or (parts and len(" ".join(parts)) + len(t) > 160):
            break
        parts.append(t)
        if len(parts) == 4:
            break
    return " ".join(parts) or (head[0][:160] if head else "")


def _norm_span(a: str, b: str) -> Optional[str]:
    y1 = int(a)
    y2 = int(b) if len(b) == 4 else (y1 // 100) * 100 + int(b)
    if y2 < y1 or y2 - y1 > 5:
        return None
    if y2 == y1:
        return str(y1)
    return f"{y1}/{y2 % 100:02d}" if y2 - y1 == 1 else f"{y1}-{y2 % 100:02d}"


def period_in(text: str, allow_short: bool = False) -> Optional[str]:
    """First plan period in a text: '2019/20', '2019-2020' -> '2019/20'; a longer span '2019-21'."""
    for rx in (_MONTH_SPAN, _SPAN, _DMY_SPAN):
        for m in rx.finditer(text):
            a, b = m.group(1), m.group(2)
            if len(a) == 2:
                a = "20" + a
            p = _norm_span(a, b)
            if p:
                return p
    if allow_short:
        for m in _SHORT_SPAN.finditer(text):
            if int(m.group(2)) == int(m.group(1)) + 1:
                return f"20{m.group(1)}/{m.group(2)}"
    return None


def period_of(title: str, head: list[str], source_name: str, text: str,
              plan_lines: tuple[str, ...] = ()) -> Optional[str]:
    """The plan year: an 'update 2019' / '2019-20 refresh' first, then a span in the title, the source
    name, the title page, a line naming the plan near the start; then a lone year; last, the year the
    text mentions most (a dated report)."""
    for candidate in (title, source_name):
        m = _UPDATE.search(candidate)
        if m:
            y = int(m.group(1) or m.group(3))
            return f"{y}/{(y + 1) % 100:02d}"
    for candidate, short in ((title, False), (source_name, True), (" ".join(head), False),
                             *((line, False) for line in plan_lines)):
        p = period_in(candidate, allow_short=short)
        if p:
            return p
    for candidate in (title, " ".join(head), source_name):
        years = _YEAR.findall(candidate)
        if years:  # "UPDATE 2019" -> the plan year starting then; a dated report -> that year
            y = years[-1]
            return f"{y}/{(int(y) + 1) % 100:02d}" if re.search(r"plan|update", candidate, re.I) else y
    counts = Counter(_YEAR.findall(text))
    return counts.most_common(1)[0][0] if counts else None


def council_of(head: list[str], source_name: str, text: str) -> Optional[str]:
    """The council the document is about: named on the title page, in the source name, or most often.

    A document that names many councils with none dominant (a national report) has no council.
    """
    body = count_councils(text)
    named = find_councils(" ".join(head)) + find_councils(source_name)
    if named:
        score: Counter[str] = Counter(body)
        for name in named:
            score[name] += 10
        return score.most_common(1)[0][0]
    if not body:
        return None
    best, n = body.most_common(1)[0]
    if len(body) >= 8 and n < 0.4 * sum(body.values()):
        return None  # many councils, none dominant: a national or regional document
    return best


def doc_type_of(title: str, head: list[str], council: Optional[str], source_name: str = "",
                plan_lines: tuple[str, ...] = ()) -> str:
    top = " ".join([title, *[h for h in head[:6] if len(h) <= 120], source_name])
    if plan_lines and not any(rx.search(top) for _, rx in _TYPES):
        return "youth_justice_plan"  # no title page (it opens with its contents) but it names itself a plan
    for name, rx in _TYPES:
        if rx.search(top):
            if name == "inspection_report" and re.search(r"inspection (plan|action)", top, re.I):
                continue
            return name
    if council is None and re.search(r"youth justice board|ministry of justice|national", top, re.I):
        return "national_report"
    return "other" if council else "national_report"


def source_name(source: str) -> str:
    return unquote(PurePosixPath(urlparse(source).path or source).name)


def extract_meta(doc: Document) -> DocumentMeta:
    head = head_lines(doc)
    title = title_of(head)
    name = source_name(doc.source)
    if len(re.sub(r"[^A-Za-z]", "", _STOP.sub("", title))) < 12:  # "Contents", "APPENDIX A 0"
        title = re.sub(r"\.(txt|pdf|html?|md)$", "", name, flags=re.I) or title
    council = council_of(head, name, doc.text)
    plans = plan_lines(doc)
    return DocumentMeta(council=council, period=period_of(title, head, name, doc.text, plans),
                        doc_type=doc_type_of(title, head, council, name, plans), title=title)


def plan_lines(doc: Document, within: int = 60) -> tuple[str, ...]:
    """Short lines near the start that name a youth justice plan ("Youth Justice Plan Approval 2019/20")."""
    return tuple(t for t in head_lines(doc, within) if len(t) <= 200 and _PLAN.search(t))

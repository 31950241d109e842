"""Document metadata: council, Youth Justice Service, period, doc_type and title.

Read from the title page first (the first short lines, up to the contents or a paragraph), then lines near
the start that name the plan, the source name (a registry or a file name often names the council and
years; a hint only), and last the body. A year in the text is never the period because it is there: Acts,
citations and years looked back on are set aside (``normalisers.plan_periods``). No council, file or
wording is special-cased: councils and services come from ``normalisers.councils`` and the registry of
``normalisers.services``.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Optional
from urllib.parse import unquote, urlparse

from normalisers.areas import area_of, as_plan_of_service, depends_on_year
from normalisers.councils import unligature
from normalisers.plan_periods import lone_years_in, near_plan_word, plan_period, plan_year, spans_in
from pipeline.records import Document, DocumentMeta

HEAD_LINES = 12
_STOP = re.compile(r"^(contents|foreword|introduction|summary|recommendation)s?\b", re.I)
_MARKUP = re.compile(r"[#*_|`]+")
_PLAN = re.compile(r"(youth justice|youth offending|\bYOT\b|\bYJ\b|\bYOS\b).{0,60}\bplan\b"
                   r"|\bplan\b.{0,20}\byouth justice", re.I)
_TYPES = (
    ("youth_justice_plan", _PLAN),
    ("inspection_report", re.compile(r"\binspection\b|\bHMIP\b|HM Inspectorate", re.I)),
    ("committee_report", re.compile(r"\b(committee|cabinet|scrutiny|council meeting|board report)\b", re.I)),
)

def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", unligature(text))).strip(" :-–")


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


def period_in(text: str, allow_short: bool = False) -> Optional[str]:
    """The plan period a text states: '2019/20', '2019-2020' -> '2019/20'; a longer span '2019-21'.

    Acts, citations and years looked back on are not periods (see ``normalisers.plan_periods``)."""
    return plan_period(text, short=allow_short)


def _backed_by_lines(lines: tuple[str, ...]) -> Optional[str]:
    """The first plan-naming line that states a period ('Youth Justice Plan Approval 2019/20'); a heading-
    length line may print it short ('Youth Justice Plan 19/20')."""
    for line in lines:
        p = plan_period(line, short=len(line) <= 120)
        if p:
            return p
    return None


def _body_period(text: str, is_plan: bool) -> Optional[str]:
    """Last resort: in a plan, the financial year named most often with a plan word, else none (a stray
    year is not a plan's period); in a report, the year it names most (a report is of its year)."""
    if is_plan:
        spans = Counter(p.label() for p in spans_in(text) if p.years == 1 and near_plan_word(text, p))
        return spans.most_common(1)[0][0] if spans else None
    counts = Counter(str(p.first) for p in lone_years_in(text, dates=True) or spans_in(text))
    return counts.most_common(1)[0][0] if counts else None


def _first(texts: tuple[str, ...], named: bool) -> Optional[str]:
    for t in texts:
        p = plan_period(t, short=True, named=named)
        if p:
            return p
    return None


def period_of(title: str, head: list[str], source_name: str, text: str,
              plan_lines: tuple[str, ...] = (), is_plan: Optional[bool] = None) -> Optional[str]:
    """The plan period, from the strongest evidence that states one: the title, the rest of the title page
    and the source name (for a plan, first a period printed with the plan's name there, then a line naming
    the plan with a period), then the head; then a lone year named with the plan
    (the plan year starting then); then, for a document that is not a plan, the year its title page is
    dated; last, the body. Acts, citations and years looked back on are never read as the period, and a
    plan whose period is stated nowhere has none rather than a stray year."""
    if is_plan is None:
        is_plan = bool(plan_lines) or bool(_PLAN.search(title))
    zone = (title, " | ".join(title_page(head)), source_name)
    # a plan's period is printed with the plan's name; a year alone on its title page comes after the
    # lines that name the plan with a period
    p = _first(zone, named=True) if is_plan else None
    p = p or (_backed_by_lines(plan_lines) if is_plan else None) or _first(zone, named=False)
    p = p or _backed_by_lines(plan_lines) or plan_period(" ".join(head))
    if p:
        return p
    for candidate in ((title, source_name) if is_plan else ()):
        p = plan_year(candidate)
        if p:
            return p
    for candidate in (() if is_plan else (title, " ".join(head))):
        years = lone_years_in(candidate, dates=True)
        if years:  # a dated report: the year it is dated
            return str(years[-1].first)
    return _body_period(text, is_plan)


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


def title_zone(head: list[str], title: str) -> str:
    """Where the area and period are read first: the title, or when the head opens with long lines (a banner
    of partners' names, a disclaimer), the title page's short lines after them."""
    skip = next((i for i, t in enumerate(head) if len(t) <= 120), len(head))
    return title_of(head[skip:]) if 0 < skip < len(head) else title


def title_page(head: list[str], most: int = 8) -> list[str]:
    """The title page's short lines (up to the contents or a paragraph), past any opening banner."""
    out: list[str] = []
    for t in head:
        if _STOP.match(t) or (out and len(t) > 120) or len(out) == most:
            break
        if len(t) <= 120:
            out.append(t)
    return out


def source_name(source: str) -> str:
    return unquote(PurePosixPath(urlparse(source).path or source).name)


def extract_meta(doc: Document) -> DocumentMeta:
    near = head_lines(doc, 60)  # read once: the head, and lines near the start naming the plan
    head, text = near[:HEAD_LINES], doc.text
    title = title_of(head)
    name = source_name(doc.source)
    if len(re.sub(r"[^A-Za-z]", "", _STOP.sub("", title))) < 12:  # "Contents", "APPENDIX A 0"
        title = re.sub(r"\.(txt|pdf|html?|md)$", "", name, flags=re.I) or title
    plans = _naming_plan(near, 200)
    zone, page = title_zone(head, title), " | ".join(title_page(head))
    area = area_of(zone, " ".join(head), name, text, page=page)
    doc_type = doc_type_of(title, head, area.council if area else None, name, plans)
    period = period_of(zone, head, name, text, _naming_plan(near, 400), doc_type == "youth_justice_plan")
    year = int(period[:4]) if period and period[:4].isdigit() else None
    if area and year is not None and depends_on_year(area):  # Bridgend left Western Bay in April 2019
        area = area_of(zone, " ".join(head), name, text, year, page=page)
    if area and doc_type == "youth_justice_plan":
        area = as_plan_of_service(area, text, year)
    return DocumentMeta(council=area.council if area else None, period=period, doc_type=doc_type, title=title,
                        service=area.service if area else None)


def _naming_plan(lines: list[str], longest: int) -> tuple[str, ...]:
    return tuple(t for t in lines if len(t) <= longest and _PLAN.search(t))


def plan_lines(doc: Document, within: int = 60, longest: int = 200) -> tuple[str, ...]:
    """Short lines near the start that name a youth justice plan ("Youth Justice Plan Approval 2019/20")."""
    return _naming_plan(head_lines(doc, within), longest)

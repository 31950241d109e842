"""Budget figures stated in prose.

- :func:`extract_narrative_totals`: statements of the overall budget ("The budget for 2019/20 has been
  established at £1,223,757", "The YJS gross budget is in total £2,493,798"). A budget with a qualifier
  that makes it a part (remand budget, budget for advocacy, budget savings) is not the overall budget.
- :func:`agency_statements`: one funder's amount ("The Youth Justice Board Grant for 19/20 is £239,206"),
  which the budget checks compare with that funder's row of the table.
"""
from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import Iterator, Optional

from normalisers.agencies import agency_of
from normalisers.money import money_mentions, shorthand_at
from pipeline.records import AgencyStatement, Document, NarrativeTotal

log = logging.getLogger(__name__)

EXTRACTOR = "narrative"
_PERIOD = r"(?:\d{2}|20\d\d)\s?[/-]\s?(?:20)?\d{2}"
_TOTAL = re.compile(
    r"(?:^\s*|\b(?:the|our|its|this|their)\s+)"
    r"(?:(?:yjs|yos|yot|service'?s?|overall|gross|total|net|annual|partnership|pooled|tentative|"
    r"youth\s+(?:justice|offending)\s+(?:service|team)'?s?)\s+)*(?:budget|(?<=gross\s)income)\s+"
    r"(?:(?:for|in)\s+(?:[\w/'’-]+\s+){1,6}?)?"
    r"(?:is|was|will\s+be|has\s+been(?:\s+(?:set|established|agreed|confirmed))?|totals?|amounts\s+to)"
    r"(?:\s+in\s+total)?(?:\s+(?:at|of|to))?\s+£", re.I)
_PART_OF = re.compile(r"(remand|advocacy|training|savings?|reductions?|contribution\s+to\s+the|devolved|"
                      r"pre-existing|capital|staffing|placements?)\s+(?:\w+\s+){0,2}$", re.I)
_WHO = r"(?P<who>\b[A-Z][\w&'’]*(?:\s+(?:and|&|of|the|[A-Z][\w&'’]*)){0,6}(?:\s*\([^)]{0,60}\))?)"
_AGENCY_FIGURE = re.compile(
    _WHO + r"\s+(?:grant|contribution|funding)\s+(?:for\s+(?P<period>" + _PERIOD + r")\s+)?"
    r"(?:is|was|will\s+be|totals?|(?:has\s+)?remain(?:s|ed)\s+(?:at\s+the\s+same\s+level\s+)?at)\s+£", re.I)
_AGENCY_CONFIRMS = re.compile(
    _WHO + r"\s+(?:has|have)\s+"
    r"(?:confirmed|agreed|committed|provided|awarded|allocated)\s+(?:their|its|a|an)\s+(?:\w+\s+)?"
    r"(?:contribution|grant|funding)\s+of\s+£(?P<period>)", re.I)
_PERIOD_AFTER = re.compile(r"\s+(?:in|for)\s+(" + _PERIOD + r")\b")
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?=\d))*(?:[.!?](?!\d)|$)")  # '£2.9' and '£570.283' do not end it


def extract_narrative_totals(doc: Document) -> tuple[NarrativeTotal, ...]:
    out = []
    for i, sentence in _sentences(doc):
        for m in _TOTAL.finditer(sentence):
            if _PART_OF.search(sentence[:m.start()] + sentence[m.start():m.end()].split("budget")[0]):
                continue
            figure = _figure_at(sentence, m.end() - 1)
            if figure is None:
                continue
            raw, value, end = figure
            quote = sentence[:end].strip()
            out.append(NarrativeTotal(value, raw, quote, doc.prov(i, quote, EXTRACTOR), period_in(quote)))
    return tuple(out)


def agency_statements(doc: Document) -> tuple[AgencyStatement, ...]:
    out = []
    for i, sentence in _sentences(doc):
        for m in [*_AGENCY_FIGURE.finditer(sentence), *_AGENCY_CONFIRMS.finditer(sentence)]:
            agency = agency_of(m.group("who"))
            figure = _figure_at(sentence, m.end() - 1)
            if agency is None or agency == "other" or figure is None:
                continue
            raw, value, end = figure
            quote = sentence[m.start():end].strip()
            who = re.sub(r"^the\s+", "", m.group("who").strip(), flags=re.I)
            after = _PERIOD_AFTER.match(sentence, end)
            period = _norm_period(m.group("period")) or (_norm_period(after.group(1)) if after else period_in(sentence))
            out.append(AgencyStatement(agency, who, value, raw, period,
                                       quote, doc.prov(i, quote, EXTRACTOR)))
    return tuple(out)


def _sentences(doc: Document) -> Iterator[tuple[int, str]]:
    for i, line in enumerate(doc.lines):
        if "£" not in line.text or "\t" in line.text:
            continue
        for m in _SENTENCE.finditer(line.text):
            if "£" in m.group(0):
                yield i, m.group(0)


def _figure_at(sentence: str, pos: int) -> Optional[tuple[str, Decimal, int]]:
    """The £ amount starting at ``pos``: pounds or pence, or a rounded figure ('£2.9 million', '£358K') whose raw
    text keeps its unit (the checks allow for the rounding)."""
    for mention in money_mentions(sentence[pos:]):
        if mention.start == 0:
            return mention.raw, mention.value, pos + mention.end
    short = shorthand_at(sentence, pos)
    return (short.raw, short.value, short.end) if short else None


def period_in(text: str) -> Optional[str]:
    """The one financial year a sentence names (``2019/20``), None when it names none or several."""
    found = {p for m in re.finditer(r"\b" + _PERIOD + r"\b", text) if (p := _norm_period(m.group(0)))}
    return found.pop() if len(found) == 1 else None


def _norm_period(text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    digits = re.findall(r"\d+", text)
    if len(digits) != 2:
        return None
    start = digits[0] if len(digits[0]) == 4 else "20" + digits[0]
    if (int(start[-2:]) + 1) % 100 != int(digits[1][-2:]):
        return None  # not a financial year (e.g. "10-17 year olds")
    return f"{start}/{digits[1][-2:]}"

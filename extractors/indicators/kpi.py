"""KPI blocks: 'Latest: 34%  Target: 60%, Floor: 55%  Previous: 26% (Red)' under a short title that names the
measure ('First time entrants rate per 100,000 aged 10-17').

The block's own title is the subject: the nearest short line above it (a heading, not a paragraph), with no other
block between. A block under a title that names no measure, or another measure, is not read, even when a paragraph
before it talks about first-time entrants. Each label's kind comes from the vocabulary (Latest/Actual: actual,
Target: target, Floor/Threshold: threshold, Previous/Last year: previous); a threshold is never an actual.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, Optional

from extractors.indicators import vocabulary as vocab
from pipeline.records import Document

_PAIR = re.compile(r"(?P<label>\b[A-Za-z][A-Za-z' ]{1,30}?)\s*[:=]\s*(?P<sign>[-–])?\s*(?P<num>\d+(?:\.\d+)?)\s?(?P<pct>%)?")
_TITLE_BACK = 4
_MAX_TITLE = 120  # a longer line is a paragraph, not a block's title


@dataclass(frozen=True)
class KpiFigure:
    indicator: str
    value: Decimal
    raw: str
    unit: str
    kind: str
    title: str
    line: int


def _pairs(text: str) -> list[tuple[str, re.Match[str]]]:
    if ":" not in text and "=" not in text:
        return []
    out = []
    for m in _PAIR.finditer(text):
        kind = vocab.kind(m.group("label"))
        if kind:
            out.append((kind, m))
    return out


_LABEL_ONLY = re.compile(r"^\s*[A-Za-z][A-Za-z' ]{1,30}\s*[:=]\s*$")
_VALUE_ONLY = re.compile(r"^\s*[-–]?\s*\d+(?:\.\d+)?\s?%?(?:\s*\([A-Za-z]+\))?\s*$")
_SPLIT = re.compile(r"\t+|\s{2,}")
_ANY_DIGIT = re.compile(r"\d")
_META = re.compile(r"^\s*[A-Za-z][A-Za-z' /]{1,30}:\s*\S")  # 'Data period: Q2', 'Lead: ...', 'Polarity: Low'


_LAST: dict[int, tuple[Document, list[str]]] = {}  # the last document's texts: two readers ask for them


def _texts(doc: Document) -> list[str]:
    """The document's lines, a label printed over its value ('Latest:' over '34%') joined onto the label's line
    (read once per document; callers do not change the list)."""
    hit = _LAST.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    texts = _joined_texts(doc)
    _LAST.clear()
    _LAST[id(doc)] = (doc, texts)
    return texts


def _joined_texts(doc: Document) -> list[str]:
    texts = [ln.text for ln in doc.lines] + [""]
    for i in range(len(texts) - 1):
        if not _ANY_DIGIT.search(texts[i + 1]):
            continue  # both forms below need figures on the next line
        if _LABEL_ONLY.match(texts[i]) and _VALUE_ONLY.match(texts[i + 1]):
            texts[i], texts[i + 1] = f"{texts[i].rstrip()} {texts[i + 1].strip()}", ""
            continue
        heads, values = _SPLIT.split(texts[i].strip()), _SPLIT.split(texts[i + 1].strip())
        if len(heads) >= 2 and len(heads) == len(values) and all(len(h) <= 30 and vocab.kind(h) for h in heads) \
                and all(_VALUE_ONLY.match(v) for v in values):  # 'Latest  Target  Floor' over '34%  60%  55%'
            texts[i], texts[i + 1] = "  ".join(f"{h}: {v}" for h, v in zip(heads, values)), ""
    return texts


Block = tuple[int, list[tuple[int, str, re.Match[str]]]]


def kpi_lines(doc: Document, blocks: list[Block]) -> set[int]:
    """Every line a KPI block prints on (labels and values): the sentence reader leaves them to this reader."""
    texts = _texts(doc)
    out = set()
    for _, run in blocks:
        for line, _, _ in run:
            out.add(line)
            if line + 1 < len(doc.lines) and not texts[line + 1] and doc.lines[line + 1].text.strip():
                out.add(line + 1)  # the value printed under its label
    return out


def block_lines(doc: Document) -> Iterator[tuple[int, list[tuple[int, str, re.Match[str]]]]]:
    """Blocks: runs of lines (blank lines between allowed) each holding labelled figures of known kinds
    ('Latest: 34%', 'Target: 60%' on one line or on lines of their own, or a label over its value), with at least
    two figures, one of them an actual. Yields the block's first line and its (line, kind, match) figures."""
    run: list[tuple[int, str, re.Match[str]]] = []
    start = -1
    for i, text in enumerate(_texts(doc)):
        pairs = _pairs(text)
        if pairs and run and _inline_title(pairs[0][1]):  # a line with its own title starts a block of its own
            if len(run) >= 2 and any(k == "actual" for _, k, _ in run):
                yield start, run
            run = []
        if pairs:
            if not run:
                start = i
            run += [(i, k, m) for k, m in pairs]
            continue
        if text.strip() and i < len(doc.lines):
            if len(run) >= 2 and any(k == "actual" for _, k, _ in run):
                yield start, run
            run = []
    if len(run) >= 2 and any(k == "actual" for _, k, _ in run):
        yield start, run


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# a chart's axis or legend ticks printed between a block's title and its figures: numbers, months, quarters, years
_AXIS = re.compile(r"^\s*(?:(?:" + _MONTH + r"(?:[-\s'’/]*\d{2,4})?|Q[1-4](?:\s*\d{2,4}(?:/\d{2,4})?)?|"
                   r"(?:19|20)\d{2}(?:/\d{2,4})?|[-–]?\d[\d,]*(?:\.\d+)?%?)\s*)+$", re.I)
# a RAG status or direction printed on its own line beside the title ('GREEN', 'Amber', 'R', '↑')
_STATUS = re.compile(r"^\s*(?:(?:red|amber|green|blue|[RAG])(?:\s*[/-]\s*(?:red|amber|green|[RAG]))?|[↑↓→←▲▼⬆⬇]+)\s*$", re.I)
_AXIS_BACK = 12  # axis lines do not count towards _TITLE_BACK, but the search never goes further back than this


def _title(doc: Document, line: int, blocks: set[int]) -> Optional[str]:
    """The block's own title: the nearest line above it that is not blank, a 'Label: value' note, a RAG status or
    a chart's axis ticks; None when that line is prose or another block."""
    counted = 0
    for k in range(line - 1, max(-1, line - 1 - _AXIS_BACK), -1):
        text = " ".join(doc.lines[k].text.split())
        if k in blocks:
            return None
        if _AXIS.match(text) or _STATUS.match(text):
            continue
        counted += 1
        if counted > _TITLE_BACK:
            return None
        if not text or _META.match(text):
            continue
        if len(text) > _MAX_TITLE or text.endswith("."):
            return None
        return text
    return None


def _inline_title(first: re.Match[str]) -> Optional[str]:
    """A title printed on the block's first line, before its first label ('First time entrants per 100,000
    Latest: 123  Target: 150'): at least three words, not a sentence."""
    kinds = vocab.terms(first.group("label"), "kind")
    head = first.string[:first.start("label") + (kinds[-1].start if kinds else 0)].strip(" -–:|\t")
    return head if len(head.split()) >= 3 and len(head) <= _MAX_TITLE and not head.endswith(".") else None


def kpi_figures(doc: Document, found: list[Block]) -> list[KpiFigure]:
    blocks = {line for _, run in found for line, _, _ in run}
    out: list[KpiFigure] = []
    for i, pairs in found:
        title = _inline_title(pairs[0][2]) or _title(doc, i, blocks)
        names = vocab.measures(title) if title else []
        if title is None or len(names) != 1 or vocab.other_topic(title):
            continue
        for line, kind, m in pairs:
            unit = _unit(title, bool(m.group("pct")), names[0])
            if unit is None:
                continue
            value = Decimal(m.group("num")) * (-1 if m.group("sign") else 1)
            out.append(KpiFigure(names[0], value, m.group(0)[len(m.group("label")):].strip(" :="), unit, kind,
                                 title, line))
    return out


def _unit(title: str, pct: bool, indicator: str) -> Optional[str]:
    said = vocab.unit(title)
    if said:
        return said if said == "percent" or not pct else None
    if pct:
        return "percent"
    return vocab.conventional_rate(indicator) if re.search(r"\brates?\b", title, re.I) else None

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

_PAIR = re.compile(r"(?P<label>[A-Za-z][A-Za-z' ]{1,30}?)\s*[:=]\s*(?P<sign>[-–])?\s*(?P<num>\d+(?:\.\d+)?)\s?(?P<pct>%)?")
_TITLE_BACK = 3
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
    out = []
    for m in _PAIR.finditer(text):
        kind = vocab.kind(m.group("label"))
        if kind:
            out.append((kind, m))
    return out


def block_lines(doc: Document) -> Iterator[tuple[int, list[tuple[int, str, re.Match[str]]]]]:
    """Blocks: runs of consecutive lines each holding labelled figures of known kinds ('Latest: 34%', 'Target: 60%'
    on one line or on lines of their own), with at least two figures, one of them an actual. Yields the block's
    first line and its (line, kind, match) figures."""
    run: list[tuple[int, str, re.Match[str]]] = []
    start = -1
    texts = [ln.text for ln in doc.lines] + [""]
    for i, text in enumerate(texts):
        pairs = _pairs(text)
        if pairs:
            if not run:
                start = i
            run += [(i, k, m) for k, m in pairs]
            continue
        if len(run) >= 2 and any(k == "actual" for _, k, _ in run):
            yield start, run
        run = []


def _title(doc: Document, line: int, blocks: set[int]) -> Optional[str]:
    for k in range(line - 1, max(-1, line - 1 - _TITLE_BACK), -1):
        text = " ".join(doc.lines[k].text.split())
        if k in blocks:
            return None
        if not text:
            continue
        if len(text) > _MAX_TITLE or text.endswith("."):
            return None
        return text
    return None


def kpi_figures(doc: Document) -> list[KpiFigure]:
    found = list(block_lines(doc))
    blocks = {line for _, run in found for line, _, _ in run}
    out: list[KpiFigure] = []
    for i, pairs in found:
        title = _title(doc, i, blocks)
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

"""Indicator statements inside one-cell-per-line tables: each cell is read as a paragraph.

A performance table ("Key Indicator | Performance | Service Target") prints the indicator in the row's first
cell and its figures in the next ones, so a cell that names no indicator takes its row's; a cell under a header
naming a target states a target. Columns are counted from the header cells (the text cells before the first
figure); without such a header a cell only speaks for itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from extractors.indicators.rules import mentions
from pipeline.records import Document

_MAX_HEADER = 6
_KPI_HEADER = re.compile(r"\b(?:target|performance|actual|outturn|out-turn|result)s?\b", re.I)


@dataclass(frozen=True)
class CellParagraph:
    text: str
    line: int  # index of the cell's last line
    first: int
    topic: Optional[str]  # the indicator the cell's row names
    target: bool  # the cell sits under a header naming a target


@dataclass(frozen=True)
class Cell:
    parts: tuple[str, ...]
    first: int
    last: int
    starts_region: bool

    @property
    def text(self) -> str:
        """Wrapped parts joined; a part that ends unpunctuated before a capitalised one is a sentence end."""
        out = ""
        for p in (p.strip() for p in self.parts if p.strip()):
            boundary = out and not re.search(r"[,;:(\-–/&]$", out) and re.match(r"[A-Z]", p)
            out = f"{out}\n{p}" if boundary else f"{out} {p}".strip()
        return out


def cells_of(doc: Document) -> list[Cell]:
    """Every line up to and including the next bare-CR line is one cell; two blank lines in a row (or a long
    paragraph) before a cell mean a new table starts there, and the lines before the last blank are dropped."""
    out: list[Cell] = []
    parts: list[tuple[int, str]] = []
    for i, line in enumerate(doc.lines):
        parts.append((i, line.text))
        if line.end != "\r":
            continue
        texts = [t for _, t in parts]
        blank = [not t.strip() for t in texts]
        breaks = any(a and b for a, b in zip(blank, blank[1:])) or any(len(t) > 150 for t in texts[:-1]) or not out
        if breaks:
            cut = max((k + 1 for k, b in enumerate(blank[:-1]) if b), default=0)
            parts = parts[cut:]
        out.append(Cell(tuple(t for _, t in parts), parts[0][0], parts[-1][0], breaks))
        parts = []
    return out


def regions(cells: list[Cell]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for c in cells:
        if not out or c.starts_region:
            out.append([])
        out[-1].append(c)
    return out


def _header(region: list[Cell]) -> tuple[int, Optional[int]]:
    """(number of header cells, index of the header cell naming a target) or (0, None) when there is none."""
    n = 0
    while n < len(region) and not re.search(r"\d", region[n].text) and region[n].text.strip():
        n += 1
    if not 2 <= n <= _MAX_HEADER or n == len(region):
        return 0, None
    if not any(_KPI_HEADER.search(c.text) for c in region[:n]):
        return 0, None  # not a performance table: its columns may be areas or years, not figures of one row
    target = next((i for i, c in enumerate(region[:n]) if re.search(r"\btarget", c.text, re.I)), None)
    return n, target


def _single(text: str) -> Optional[str]:
    names = {n for _, n in mentions(text)}
    return names.pop() if len(names) == 1 else None


_BARE = re.compile(r"^\s*[-–]?\d+(?:[.,]\d+)?\s?%?\s*$")


def _series_label(region: list[Cell], k: int) -> Optional[str]:
    """A chart's data as text prints each series' values, then its label: a cell 'label, blank line, value' after
    a run of bare values holds the label that closes the series before it and the first value of the next, which
    is not that label's. Returns the label alone for such a cell."""
    raw = region[k].parts
    if len(raw) < 3 or raw[-2].strip() or not _BARE.match(raw[-1]):
        return None
    parts = [p.strip() for p in raw]
    if not any(parts[:-2]):
        return None
    before = [c.text for c in region[max(0, k - 6):k] if c.text]
    if len(before) < 2 or not all(_BARE.match(t) for t in before[-2:]):
        return None
    return Cell(tuple(parts[:-2]), region[k].first, region[k].last, False).text


def _region_paragraphs(region: list[Cell]) -> list[CellParagraph]:
    h, target_col = _header(region)
    out = []
    row_topic: Optional[str] = None
    for k, cell in enumerate(region):
        text = _series_label(region, k) or cell.text
        if h and k >= h:
            col = (k - h) % h
            if col == 0:
                row_topic = _single(text)
            topic = row_topic if col else None
            out.append(CellParagraph(text, cell.last, cell.first, topic, col == target_col))
        else:
            out.append(CellParagraph(text, cell.last, cell.first, None, False))
    return out


def cell_paragraphs(doc: Document) -> list[CellParagraph]:
    """Every table cell of the document as a paragraph, with its row's indicator and target column."""
    out: list[CellParagraph] = []
    for region in regions(cells_of(doc)):
        out += _region_paragraphs(region)
    return out

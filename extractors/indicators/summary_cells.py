"""The cells of grid-like text (data summaries, dashboards): every non-blank tab-separated cell in reading order, a
figure or period split by a stray tab or space joined again, each knowing whether a blank paragraph stands before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.indicators.grids import figure_cell
from pipeline.records import Document

_PARAGRAPH_ENDS = ("\r\n", "\n")
_SPLIT_YEAR = re.compile(
    r"\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?) (\d) (\d)\b")  # 'Mar 1 6': 'Mar 16'


@dataclass(frozen=True)
class SCell:
    raw: str  # as printed, spacing squeezed
    text: str  # mended: a figure or year split by a stray tab or space joined again
    line: int
    gap: bool = False  # a blank paragraph stands before it


def _mend(text: str) -> str:
    return _SPLIT_YEAR.sub(r"\1 \2\3", text)


def _parts(text: str) -> list[str]:
    """A line's tab-separated cells; two neighbours that are one figure or year split by a stray tab ('Oct 1' and
    '6 - Sep 17'; 'of 10' and '-17 population'), or one phrase split at a dash ('Binary rate' and '- Jan 16 - Mar 16
    cohort') joined again."""
    out: list[str] = []
    for part in (" ".join(p.split()) for p in text.split("\t")):
        if not part:
            continue
        if out and not figure_cell(out[-1]) and not figure_cell(part):
            if re.search(r"\d$", out[-1]) and re.match(r"^[-–]?\d", part):
                out[-1] += part
                continue
            if re.match(r"^[-–]\s", part) or re.search(r"\s[-–]$", out[-1]):
                out[-1] += " " + part
                continue
        out.append(part)
    return out


def summary_cells(doc: Document) -> list[SCell]:
    """Every non-blank cell in reading order, each knowing whether a blank paragraph stands before it."""
    out: list[SCell] = []
    gap = False
    previous_end = "\n"
    for i, ln in enumerate(doc.lines):
        if not ln.text.strip():
            gap = gap or (previous_end in _PARAGRAPH_ENDS and ln.end in _PARAGRAPH_ENDS)
        for part in _parts(ln.text):
            out.append(SCell(part, _mend(part), i, gap))
            gap = False
        previous_end = ln.end
    return out

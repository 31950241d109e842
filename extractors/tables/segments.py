"""One-cell-per-line text, segmented once for every family.

Real text conversions print a table one cell per line: a bare CR ends a cell; the CRLF-ended lines before it
are either the cell's wrapped lines or text printed before the table. :func:`cr_segments` is the only place that
reads line endings for cells: each :class:`Segment` is a bare-CR line with the CRLF lines since the previous one.
How many wrapped lines a family keeps (and what it takes for a paragraph) is the family's policy:
:mod:`extractors.tables.text_grids` (budget and any grid) and :func:`extractors.tables.cell_stream.cell_stream`
(staffing) are built on it; indicator cells can be (``extractors/indicators/cells.py`` still scans on its own).
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.records import Document


@dataclass(frozen=True)
class Segment:
    """A bare-CR line (``line``) and the CRLF-ended lines just before it (``wraps``), as indices of
    ``Document.lines``; the lines are the cell's provenance."""

    wraps: tuple[int, ...]
    line: int

    @property
    def lines(self) -> tuple[int, ...]:
        return self.wraps + (self.line,)


def cr_segments(doc: Document) -> list[Segment]:
    """Every bare-CR line with the CRLF lines since the previous bare CR (lines after the last one are not cells)."""
    out: list[Segment] = []
    wraps: list[int] = []
    for i, line in enumerate(doc.lines):
        if line.end == "\r":
            out.append(Segment(tuple(wraps), i))
            wraps = []
        else:
            wraps.append(i)
    return out

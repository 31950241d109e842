"""Words of a PDF page and the groupings built on them: visual rows and paragraphs.

Everything here works on PyMuPDF's ``page.get_text("words")`` output (fast: a few ms per page), in PDF
points with a top-left origin (``pipeline.records.BBOX_ORIGIN``), in the displayed (rotation-applied) page.
"""
from __future__ import annotations

import itertools
import logging
import statistics
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Iterable, NamedTuple, Sequence

from pipeline.records import BBox

log = logging.getLogger(__name__)

BULLETS = ("•", "●", "▪", "◦", "\uf0b7", "\uf0a7")


class Word(NamedTuple):
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    block: int
    line: int

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class TextLine:
    """One paragraph (or a one-line block) of running text on a page."""

    text: str
    bbox: BBox
    block: int


def page_words(page: Any) -> list[Word]:
    """The page's words in content order, rotated into the displayed page when the page has /Rotate."""
    new = tuple.__new__  # Word._make without its per-word length check: PyMuPDF's word tuples have 8 fields
    words = [new(Word, w[:7]) for w in page.get_text("words") if w[4].strip()]
    if page.rotation:
        import pymupdf
        m = page.rotation_matrix
        rot = [(pymupdf.Rect(w.x0, w.top, w.x1, w.bottom) * m, w) for w in words]  # type: ignore[no-untyped-call]
        words = [Word(r.x0, r.y0, r.x1, r.y1, w.text, w.block, w.line) for r, w in rot]
    return words


def union(boxes: Iterable[BBox]) -> BBox:
    x0s, tops, x1s, bottoms = zip(*boxes)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


def wbox(w: Word) -> BBox:
    return (w.x0, w.top, w.x1, w.bottom)


def rows_of(words: Sequence[Word]) -> list[list[Word]]:
    """Group words into visual rows by vertical overlap; rows top to bottom, words left to right."""
    if len(words) < 2:
        return [list(words)] if words else []
    rows: list[list[Word]] = []
    row: list[Word] = []
    top = bottom = 0.0
    for w in sorted(words, key=_centre_then_left):
        wt, wb = w[1], w[3]  # top, bottom; min/max written out (same values, no builtin calls per word)
        if row:
            overlap = (wb if wb < bottom else bottom) - (wt if wt > top else top)
            h, rh = wb - wt, bottom - top
            if overlap > 0.5 * (rh if rh < h else h):
                row.append(w)
                top, bottom = (wt if wt < top else top), (wb if wb > bottom else bottom)
                continue
        row = [w]
        rows.append(row)
        top, bottom = wt, wb
    return [r if len(r) == 1 else sorted(r, key=_LEFT) for r in rows]


_LEFT = itemgetter(0)  # Word.x0
_BLOCK_LINE = itemgetter(5, 6)  # (Word.block, Word.line)


def _centre_then_left(w: Word) -> tuple[float, float]:
    return ((w[1] + w[3]) / 2, w[0])  # (Word.yc, Word.x0)


def join_words(words: Sequence[Word]) -> str:
    """Cell or paragraph text: visual rows joined by one space, words by one space."""
    return " ".join([" ".join([w[4] for w in row]) for row in rows_of(words)]).strip()  # Word.text


def median_height(words: Sequence[Word]) -> float:
    return statistics.median([w[3] - w[1] for w in words]) if words else 10.0  # Word.height


def paragraphs(words: Sequence[Word]) -> list[TextLine]:
    """Running text as the text rendition has it: one line per paragraph.

    PyMuPDF's lines are joined into a paragraph unless the vertical gap is wider than a third of a line
    height, the type size changes, the line starts with a bullet, or it starts right of where the
    previous line ends (Word/LibreOffice exports often put every line in its own block).
    """
    by_line: dict[tuple[int, int], list[Word]] = {}
    for key, run in itertools.groupby(words, key=_BLOCK_LINE):  # runs of words of one line, in order
        same = by_line.get(key)
        if same is None:
            by_line[key] = list(run)
        else:
            same.extend(run)
    out: list[TextLine] = []
    cur: list[tuple[list[Word], BBox]] = []
    for ws in by_line.values():
        box = words_box(ws)
        if cur and _starts_paragraph(cur[-1][1], box, ws[0].text):
            out.append(_para(cur))
            cur = []
        cur.append((ws, box))
    if cur:
        out.append(_para(cur))
    return out


def _starts_paragraph(prev: BBox, box: BBox, first_word: str) -> bool:
    h = max(1.0, prev[3] - prev[1])
    if box[1] < prev[3] - 0.5 * h:
        return False  # a bullet glyph and its text, or text split into spans on one baseline
    if first_word.startswith(BULLETS) or abs((box[3] - box[1]) - h) > 0.15 * h:
        return True
    if box[0] > prev[2]:
        return True  # the next line starts right of where this one ends: a new column or block
    return box[1] - prev[3] > 0.3 * h


def words_box(ws: Sequence[Sequence[Any]]) -> BBox:
    """``union(wbox(w) for w in ws)`` (also of boxes), in one pass: min/max written out, first extreme kept."""
    it = iter(ws)
    w = next(it)
    x0, top, x1, bottom = w[0], w[1], w[2], w[3]
    for w in it:
        if w[0] < x0:
            x0 = w[0]
        if w[1] < top:
            top = w[1]
        if w[2] > x1:
            x1 = w[2]
        if w[3] > bottom:
            bottom = w[3]
    return (x0, top, x1, bottom)


def _para(lines: list[tuple[list[Word], BBox]]) -> TextLine:
    text = " ".join(" ".join([w[4] for w in sorted(ws, key=_LEFT)]) for ws, _ in lines)  # Word.text
    return TextLine(text, words_box([b for _, b in lines]), lines[0][0][0].block)

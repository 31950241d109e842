"""Tables of one PDF page, choosing the engine per table, and stitching tables across page breaks.

Engines, cheapest first (each table records which one made it in ``Table.method``):
  * ``pymupdf-rules``: ruled grid from the page's vector drawings (``pdf_lattice``);
  * ``pymupdf-whitespace``: unruled table whose area and columns come from word positions (``pdf_stream``);
  * ``pdfplumber-lines``: pdfplumber's ruling-line tables, run only on a page that has rules but where the
    fast grid reader found no clean grid (pdfplumber parses the whole page with pdfminer: ~80x slower).
"""
from __future__ import annotations

import io
import logging
from typing import Any, Optional, Sequence

from extractors.pdf_lattice import RawTable, lattice_tables, segments
from extractors.pdf_stream import stream_tables
from extractors.pdf_words import Word, union
from pipeline.records import BBox

log = logging.getLogger(__name__)

MIN_GRID_QUALITY = 0.7


def page_tables(page: Any, pno: int, words: Sequence[Word], data: Optional[bytes] = None,
                rules: Optional[Sequence[Any]] = None) -> list[RawTable]:
    """All tables on a page, top to bottom. ``data`` (the PDF bytes) enables the pdfplumber fallback;
    ``rules`` replaces the page's vector rules (a scanned page's rules, seen in its image by ``pdf_ocr``)."""
    segs = segments(page) if rules is None else list(rules)
    unresolved: list[BBox] = []
    ruled = lattice_tables(page, pno, words, segs, unresolved)
    if data is not None and (unresolved or any(t.quality < MIN_GRID_QUALITY for t in ruled)):
        plumbed = plumber_tables(data, pno, words)
        if plumbed:
            log.info("page %d: pdfplumber read %d ruled table(s) the fast reader could not", pno, len(plumbed))
            ruled = plumbed
    free = stream_tables(words, pno, [t.bbox for t in ruled])
    return sorted(ruled + free, key=lambda t: (t.bbox[1], t.bbox[0]))


def plumber_tables(data: bytes, pno: int, words: Sequence[Word]) -> list[RawTable]:
    import pdfplumber  # imported only when a page needs it
    out: list[RawTable] = []
    with pdfplumber.open(io.BytesIO(data), pages=[pno]) as pdf:
        for t in pdf.pages[0].find_tables():
            cells = []
            for row in t.rows:
                cells.append([(_clean(_crop_text(words, c)), tuple(c) if c else None) for c in row.cells])
            cells = [r for r in cells if any(x for x, _ in r)]
            if len(cells) >= 2 and max(len(r) for r in cells) >= 2:
                inside = [w for w in words if t.bbox[0] <= w.xc <= t.bbox[2] and t.bbox[1] <= w.yc <= t.bbox[3]]
                out.append(RawTable(pno, tuple(t.bbox), cells, "pdfplumber-lines", 0.9, words=inside))  # type: ignore[arg-type]
    return out


def _crop_text(words: Sequence[Word], box: Optional[Sequence[float]]) -> str:
    if not box:
        return ""
    from extractors.pdf_words import join_words
    return join_words([w for w in words if box[0] <= w.xc <= box[2] and box[1] <= w.yc <= box[3]])


def _clean(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- stitching


def same_columns(a: RawTable, b: RawTable, tol: float = 4.0) -> bool:
    """Do two tables (on consecutive pages) have the same columns at the same x positions?"""
    if len(a.cells[0]) != len(b.cells[0]):
        return False
    if abs(a.bbox[0] - b.bbox[0]) > tol or abs(a.bbox[2] - b.bbox[2]) > tol:
        return False
    ea, eb = _col_edges(a), _col_edges(b)
    return len(ea) == len(eb) and all(abs(x - y) <= tol for x, y in zip(ea, eb))


def _col_edges(t: RawTable) -> list[float]:
    edges = []
    for c in range(len(t.cells[0])):
        boxes = [r[c][1] for r in t.cells if r[c][1] is not None]
        edges.append(min(b[0] for b in boxes) if boxes else -1.0)  # type: ignore[index]
    return edges


def repeated_header(a: RawTable, b: RawTable) -> int:
    """How many leading rows of ``b`` repeat the leading rows of ``a`` (a header repeated on a new page)."""
    n = 0
    while n < min(3, len(a.cells) - 1, len(b.cells) - 1):
        if [t for t, _ in a.cells[n]] != [t for t, _ in b.cells[n]]:
            break
        n += 1
    return n


def row_bbox(row: Sequence[tuple[str, Optional[BBox]]]) -> Optional[BBox]:
    boxes = [b for _, b in row if b is not None]
    return union(boxes) if boxes else None

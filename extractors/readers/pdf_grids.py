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
import re
from typing import Any, Optional, Sequence

from extractors.readers.pdf_ruled import RawTable, lattice_tables, segments
from extractors.readers.pdf_unruled import stream_tables
from extractors.readers.pdf_words import Word, join_words, median_height, rows_of, union
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
    free = [join_unit_columns(t) for t in stream_tables(words, pno, [t.bbox for t in ruled])]
    taken = {id(w) for t in ruled + free for w in t.words}
    free = [attach_header(regroup_headings(t), words, taken) for t in free]
    return sorted([join_unit_columns(t) for t in ruled] + free, key=lambda t: (t.bbox[1], t.bbox[0]))


CURRENCY_SIGNS = frozenset("£$€")
_AMOUNT = re.compile(r"^[£$€]?\s*\(?-?\d(?:[\d,.]*\d)?\)?%?$|^[£$€]?\s*[-–—]$")  # '2.' (a numbering) is none
HEADER_LINES = 3  # at most this many lines above an unruled table are taken as its column headings
WRAP_GAP_EM = 0.2  # a line closer than this (in line heights) under another can be its wrapped continuation
HEADER_GAP_EM = 0.4  # words further apart than this (in line heights; a space is about 0.25) are in different columns


def is_amount(text: str) -> bool:
    return bool(_AMOUNT.match(text.strip()))


def _has_amount(row: Sequence[tuple[str, Optional[BBox]]]) -> bool:
    return any(is_amount(text) for text, _ in row[1:])


def join_unit_columns(t: RawTable) -> RawTable:
    """A column that holds nothing but currency signs in the rows with amounts is the sign of the amounts to
    its right, printed apart from them (spreadsheets' accounting format: '£' at the left of the cell, '12,000'
    at its right): each sign joins the amount in the next column ('£12,000', '£ -'), so a column is one amount,
    not two cells. In rows without amounts (headings) the two cells' words are joined."""
    width = min((len(r) for r in t.cells), default=0)
    body = [r for r in t.cells if _has_amount(r)]
    signs = [c for c in range(1, width - 1)
             if any(r[c][0] in CURRENCY_SIGNS for r in body) and all(_sign_or_word(r, c) for r in body)
             and any(r[c + 1][0] for r in body)]
    if not signs:
        return t
    cells = [_joined(row, set(signs)) for row in t.cells]
    return RawTable(t.page, t.bbox, cells, t.method, t.quality, t.header_rows, t.words)


def _sign_or_word(row: Sequence[tuple[str, Optional[BBox]]], c: int) -> bool:
    """Cell ``c`` can be the sign half of an amount cell: a currency sign, nothing, or words that are no amount
    with nothing beside them ('tbc', 'n/a' set at the left of the cell, where the sign of an amount stands)."""
    text = row[c][0]
    return not text or text in CURRENCY_SIGNS or (not is_amount(text) and not row[c + 1][0])


def _joined(row: list[tuple[str, Optional[BBox]]], signs: set[int]) -> list[tuple[str, Optional[BBox]]]:
    out: list[tuple[str, Optional[BBox]]] = []
    skip = False
    for c, (text, box) in enumerate(row):
        if skip:
            skip = False
            continue
        if c in signs and c + 1 < len(row):
            nxt, nbox = row[c + 1]
            if text in CURRENCY_SIGNS:
                joined = text + (" " if nxt.startswith(("-", "–", "—")) else "") + nxt if nxt else text
            else:
                joined = " ".join(x for x in (text, nxt) if x)
            boxes = [b for b in (box, nbox) if b is not None]
            out.append((joined, union(boxes) if boxes else None))
            skip = True
        else:
            out.append((text, box))
    return out


def attach_header(t: RawTable, words: Sequence[Word], taken: set[int]) -> RawTable:
    """Column headings printed just above an unruled table (the whitespace finder leaves out a heading whose
    words cross a column gap): the lines (up to HEADER_LINES, nearest first) whose word groups each sit over a
    different column, in order, become its first header rows. A title or a sentence (one run of words) stops
    the search; nothing is taken twice."""
    if not t.cells or not any(_has_amount(r) for r in t.cells):
        return t
    width = len(t.cells[0])
    spans = column_spans(t, width)
    if spans is None:
        return t
    h = median_height(t.words) if t.words else 10.0
    near = [w for w in words if id(w) not in taken and w.bottom <= t.bbox[1] + 0.5 * h
            and w.top >= t.bbox[1] - (HEADER_LINES * 1.8 + 0.5) * h and t.bbox[0] - h <= w.xc <= t.bbox[2] + h]
    headers: list[list[tuple[str, Optional[BBox]]]] = []
    used: list[Word] = []
    last_row: list[Word] = []
    top = t.bbox[1]
    for row in reversed(_unwrapped(rows_of(near), h)):
        if top - max(w.bottom for w in row) > 1.2 * h:
            break
        cells = _heading_cells(row, spans, h)
        widened = widen_for_headings(t, row, spans, h) if cells is None and not headers else None
        if widened is not None:  # (the heading row nearest the grid only: rows above are cut to its columns)
            t, spans = widened
            cells = _heading_cells(row, spans, h)
        if cells is None:
            break
        headers.insert(0, cells)
        last_row = last_row or row  # the heading line nearest the grid
        used += row
        top = min(w.top for w in row)
    if not headers:
        return t
    bbox = union([t.bbox] + [(w.x0, w.top, w.x1, w.bottom) for w in used])
    lead = next((k for k, r in enumerate(t.cells) if _has_amount(r)), 0)
    body = t.cells
    if lead and _wraps_into(last_row, t, h):  # the heading's lines went part above the grid, part into it
        headers[-1] = [_join_cell(a, b) for a, b in zip(headers[-1], t.cells[0])]
        body, lead = t.cells[1:], lead - 1
    return RawTable(t.page, bbox, headers + body, t.method, t.quality, len(headers) + lead, t.words + used)


def _wraps_into(above: list[Word], t: RawTable, h: float) -> bool:
    """Does the grid's first row (no amounts) continue the heading line ``above`` (its wrapped lower lines)?"""
    box = row_bbox(t.cells[0])
    row = sorted((w for w in t.words if box is not None and box[1] <= w.yc <= box[3]), key=lambda w: w.x0)
    return bool(row) and _wraps(above, row, h)


def _join_cell(a: tuple[str, Optional[BBox]], b: tuple[str, Optional[BBox]]) -> tuple[str, Optional[BBox]]:
    boxes = [x for x in (a[1], b[1]) if x is not None]
    return " ".join(x for x in (a[0], b[0]) if x), union(boxes) if boxes else None


def _groups(row: Sequence[Word], h: float) -> list[tuple[float, float]]:
    """The x-extents of a row's runs of words (words closer than HEADER_GAP_EM line heights), left to right."""
    spans: list[tuple[float, float]] = []
    for w in sorted(row, key=lambda w: w.x0):
        if spans and w.x0 - spans[-1][1] <= HEADER_GAP_EM * h:
            spans[-1] = (spans[-1][0], max(spans[-1][1], w.x1))
        else:
            spans.append((w.x0, w.x1))
    return spans


def _unwrapped(rows: list[list[Word]], h: float) -> list[list[Word]]:
    """Visual rows with the lines of headings wrapped inside their cells joined to the line they continue: a line
    set right under another (gap under WRAP_GAP_EM) whose every run of words lies under exactly one run of the
    line above, no run above having two under it (a heading spanning several columns is a heading level of its
    own, not a wrapped line)."""
    out: list[list[Word]] = []
    for row in rows:
        if out and _wraps(out[-1], row, h):
            out[-1] = sorted(out[-1] + row, key=lambda w: w.x0)
        else:
            out.append(list(row))
    return out


def _wraps(above: list[Word], row: list[Word], h: float) -> bool:
    last = [w for w in above if w.bottom > max(w.bottom for w in above) - 0.5 * h]  # the lowest line of ``above``
    if min(w.top for w in row) - max(w.bottom for w in last) > WRAP_GAP_EM * h:
        return False
    ups, downs = _groups(above, h), _groups(row, h)
    under = [[k for k, (a, b) in enumerate(ups) if min(b, y) > max(a, x)] for x, y in downs]
    owners = [u[0] for u in under if len(u) == 1]
    return len(owners) == len(downs) and len(set(owners)) == len(owners)


def regroup_headings(t: RawTable) -> RawTable:
    """The leading rows without amounts of an unruled table, re-split by where their words sit over the body's
    columns: the whitespace finder cuts columns at the middle of the gaps between amounts, which puts a heading
    printed left-aligned over right-aligned amounts ('Total' over '£15,000') into the column before."""
    lead = next((k for k, r in enumerate(t.cells) if _has_amount(r)), 0)
    if not lead or not t.words:
        return t
    width = min(len(r) for r in t.cells)
    body = [r for r in t.cells[lead:] if any(x for x, _ in r)]
    keep = [c for c in range(width) if any(r[c][0] for r in body)]  # a column of heading words only is no column
    cells = [[r[c] for c in keep] for r in t.cells]
    t = RawTable(t.page, t.bbox, cells, t.method, t.quality, t.header_rows, t.words)
    spans = column_spans(t, len(keep))
    if spans is None:
        return t
    h = median_height(t.words)
    for k in range(lead):
        box = row_bbox(cells[k])
        if box is None:
            continue
        words = sorted((w for w in t.words if box[1] <= w.yc <= box[3]), key=lambda w: w.x0)
        regrouped = _heading_cells(words, spans, h) if words else None
        widened = widen_for_headings(t, words, spans, h) if words and regrouped is None else None
        if widened is not None:
            t, spans = widened
            cells = t.cells
            regrouped = _heading_cells(words, spans, h)
        if regrouped is not None:
            cells[k] = regrouped
    return RawTable(t.page, t.bbox, cells, t.method, t.quality, t.header_rows, t.words)


def column_spans(t: RawTable, width: int) -> Optional[list[tuple[float, float]]]:
    """Each column's extent over the rows with amounts (None when a column has no printed cell there)."""
    spans = []
    body = [r for r in t.cells if _has_amount(r)]
    for c in range(width):
        boxes = [r[c][1] for r in body if c < len(r) and r[c][0] and r[c][1] is not None]
        if not boxes:
            return None
        spans.append((min(b[0] for b in boxes), max(b[2] for b in boxes)))  # type: ignore[index]
    return spans


def _heading_cells(row: list[Word], spans: list[tuple[float, float]], h: float) -> Optional[list[tuple[str, Optional[BBox]]]]:
    """The row as one heading per column, or None unless it has at least two groups of words (split where they
    are further apart than HEADER_GAP_EM) that fall over different columns, left to right, and no amounts."""
    groups = _heading_groups(row, h)
    if len(groups) < 2 or any(_figure(g) for g in groups):
        return None
    # a heading that starts right of the last column's figures heads a column printed empty at the end
    past = [g for g in groups if g[0].x0 > spans[-1][1] + 1.0]
    if past and len(past) < len(groups):
        groups = [g for g in groups if g[0].x0 <= spans[-1][1] + 1.0]
    cols = [slot(spans, g[0].x0) for g in groups]
    # two headings over one column: the one nearer its figures heads it; one standing wholly in the gap before
    # them heads a column printed empty in the body (a sparse grid), which has no figures to name
    empty = {k for k in range(len(groups) - 1) if cols[k] == cols[k + 1] and _in_gap(groups[k], spans, cols[k])}
    groups = [g for k, g in enumerate(groups) if k not in empty]
    cols = [c for k, c in enumerate(cols) if k not in empty]
    if any(b <= a for a, b in zip(cols, cols[1:])):
        return None
    cells: list[tuple[str, Optional[BBox]]] = [("", None)] * len(spans)
    for c, g in zip(cols, groups):
        cells[c] = (join_words(g), union([(w.x0, w.top, w.x1, w.bottom) for w in g]))  # line by line
    return cells


def _figure(g: list[Word]) -> bool:
    """A run of words that is a figure ('12,000', '£ 12,000', '-'); the '-' of '- revenue' is words of a heading."""
    return all(is_amount(w.text) or w.text in CURRENCY_SIGNS for w in g) and any(
        is_amount(w.text) and w.text not in CURRENCY_SIGNS for w in g)


def _heading_groups(row: list[Word], h: float) -> list[list[Word]]:
    """A heading row's words (sorted by x0) in runs: a word further than HEADER_GAP_EM from the run starts a new one."""
    groups: list[list[Word]] = [[row[0]]]
    right = row[0].x1  # the right edge of the group so far (a heading wrapped onto several lines is one group)
    for w in row[1:]:
        if w.x0 - right > HEADER_GAP_EM * h:
            groups.append([w])
            right = w.x1
        else:
            groups[-1].append(w)
            right = max(right, w.x1)
    return groups


Spans = list[tuple[float, float]]


def widen_for_headings(t: RawTable, row: list[Word], spans: Spans, h: float) -> Optional[tuple[RawTable, Spans]]:
    """A column printed empty in every row: its heading stands beside the heading of a column with amounts, both
    in that column's room (``slot``), over no printed cell. The heading nearest the amounts heads them; each other
    one gets a column of its own, empty in every row, in its place (None when the headings do not resolve so)."""
    groups = _heading_groups(row, h)
    slots = [slot(spans, g[0].x0) for g in groups]
    if len(groups) < 2 or len(set(slots)) == len(slots) or any(b < a for a, b in zip(slots, slots[1:])):
        return None
    printed = [b for r in t.cells if _has_amount(r) for _, b in r[1:] if b is not None]
    order: list[Optional[int]] = []  # new column -> old column (None: a column printed empty)
    new_spans: Spans = []
    for c, span in enumerate(spans):
        mine = [g for g, s in zip(groups, slots) if s == c]
        over = [g for g in mine if g[0].x0 <= span[1] + 1.0] or mine  # a heading starts left of its amounts' end
        owner = min(over, key=lambda g: _distance(g, span)) if over else None
        for g in mine:
            if g is owner:
                continue
            x0, x1 = min(w.x0 for w in g), max(w.x1 for w in g)
            if any(min(x1, b[2]) > max(x0, b[0]) for b in printed):
                return None  # a figure is printed under it: not an empty column
            if owner is not None and x0 > min(w.x0 for w in owner):
                continue  # placed after the owner, below
            order.append(None)
            new_spans.append((x0, x1))
        order.append(c)
        new_spans.append(span)
        for g in mine:
            if g is not owner and owner is not None and min(w.x0 for w in g) > min(w.x0 for w in owner):
                order.append(None)
                new_spans.append((min(w.x0 for w in g), max(w.x1 for w in g)))
    cells = [[r[c] if c is not None and c < len(r) else ("", None) for c in order] for r in t.cells]
    return RawTable(t.page, t.bbox, cells, t.method, t.quality, t.header_rows, t.words), new_spans


def _distance(g: list[Word], span: tuple[float, float]) -> float:
    x0, x1 = min(w.x0 for w in g), max(w.x1 for w in g)
    return max(0.0, span[0] - x1, x0 - span[1])


def _in_gap(group: list[Word], spans: list[tuple[float, float]], c: int) -> bool:
    """Is the heading wholly between column c - 1's printed cells and column c's?"""
    return max(w.x1 for w in group) < spans[c][0] and (c == 0 or min(w.x0 for w in group) > spans[c - 1][1])


def slot(spans: list[tuple[float, float]], x0: float) -> int:
    """The column a heading starting at ``x0`` heads: each column owns the room from just after the previous
    column's printed cells to the right edge of its own, so a heading left-aligned, centred or right-aligned
    over its amounts falls to it."""
    return next((c for c, (_, right) in enumerate(spans) if x0 <= right + 1.0), len(spans) - 1)


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

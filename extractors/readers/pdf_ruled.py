"""Ruled tables from a page's vector drawings (PyMuPDF ``get_drawings``): fast, no pdfminer.

Rules (stroked lines and thin filled rectangles, plus the edges of cell rectangles) are snapped into
horizontal and vertical segments, grouped into connected grids, and every grid of at least 2x2 cells
becomes a :class:`RawTable`. A cell that a missing rule merges with its neighbour (a spanning header)
keeps its text in its top-left grid position, as camelot and pdfplumber do.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from extractors.readers.pdf_words import Word, join_words, median_height, rows_of
from pipeline.records import BBox

log = logging.getLogger(__name__)

TOL = 2.0  # points: rules this close are one rule
MIN_RULE = 4.0  # shorter segments are glyph decorations, not rules


@dataclass
class RawTable:
    """A grid found on one page: ``cells[r][c]`` is (text, bbox or None for a covered cell)."""

    page: int
    bbox: BBox
    cells: list[list[tuple[str, BBox | None]]]
    method: str
    quality: float = 1.0
    header_rows: int = 1
    words: list[Word] = field(default_factory=list)


@dataclass
class _Seg:
    horizontal: bool
    pos: float  # y for horizontal, x for vertical
    a: float  # start along the rule
    b: float  # end along the rule


def segments(page: Any) -> list[_Seg]:
    """Horizontal and vertical rules on the displayed page (from ``get_cdrawings``: raw tuples, without the
    Point/Rect objects ``get_drawings`` builds for every item)."""
    out: list[_Seg] = []
    m = tuple(page.rotation_matrix) if page.rotation else None
    for path in page.get_cdrawings():
        kind = path.get("type") or ""
        if kind.startswith("clip") or kind == "group":
            continue
        stroked = "s" in kind
        for item in path["items"]:
            if item[0] == "l":
                (x0, y0), (x1, y1) = _at(item[1], m), _at(item[2], m)
                _add_line(out, x0, y0, x1, y1)
            elif item[0] == "re":
                _add_rect(out, *_box(item[1], m), stroked)
            elif item[0] == "qu":
                _add_rect(out, *_box(_bounds(item[1]), m), stroked)
    return out


def _at(p: Any, m: Optional[tuple[float, ...]]) -> tuple[float, float]:
    x, y = float(p[0]), float(p[1])
    if m is None:
        return x, y
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def _bounds(quad: Any) -> tuple[float, float, float, float]:
    xs, ys = [float(q[0]) for q in quad], [float(q[1]) for q in quad]
    return min(xs), min(ys), max(xs), max(ys)


def _box(r: Any, m: Optional[tuple[float, ...]]) -> tuple[float, float, float, float]:
    """A rectangle, normalised, in displayed-page coordinates (a rotation maps it onto another rectangle)."""
    (ax, ay), (bx, by) = _at((r[0], r[1]), m), _at((r[2], r[3]), m)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _add_line(out: list[_Seg], x0: float, y0: float, x1: float, y1: float) -> None:
    if abs(y0 - y1) <= 1.0 and abs(x1 - x0) >= MIN_RULE:
        out.append(_Seg(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 1.0 and abs(y1 - y0) >= MIN_RULE:
        out.append(_Seg(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _add_rect(out: list[_Seg], x0: float, y0: float, x1: float, y1: float, stroked: bool) -> None:
    """A thin rectangle is a rule; a stroked box gives its four edges; a filled box (shading) gives none."""
    w, h = x1 - x0, y1 - y0
    if h <= 3.0 and w >= MIN_RULE:
        out.append(_Seg(True, (y0 + y1) / 2, x0, x1))
    elif w <= 3.0 and h >= MIN_RULE:
        out.append(_Seg(False, (x0 + x1) / 2, y0, y1))
    elif stroked and w >= MIN_RULE and h >= MIN_RULE:
        out += [_Seg(True, y0, x0, x1), _Seg(True, y1, x0, x1), _Seg(False, x0, y0, y1), _Seg(False, x1, y0, y1)]


def _touch(s: _Seg, t: _Seg) -> bool:
    if s.horizontal == t.horizontal:
        return abs(s.pos - t.pos) <= TOL and s.a <= t.b + TOL and t.a <= s.b + TOL
    h, v = (s, t) if s.horizontal else (t, s)
    return h.a - TOL <= v.pos <= h.b + TOL and v.a - TOL <= h.pos <= v.b + TOL


def _components(segs: list[_Seg]) -> list[list[_Seg]]:
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(segs)), key=lambda i: segs[i].a)
    for n, i in enumerate(order):
        for j in order[n + 1:]:
            if segs[j].a > segs[i].b + TOL and segs[i].horizontal == segs[j].horizontal:
                continue
            if _touch(segs[i], segs[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[_Seg]] = {}
    for i in range(len(segs)):
        groups.setdefault(find(i), []).append(segs[i])
    return list(groups.values())


def _cluster(values: Sequence[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= TOL:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _covered(segs: list[_Seg], pos: float, lo: float, hi: float) -> bool:
    """Is there a rule at ``pos`` covering most of [lo, hi]?"""
    mid, need = (lo + hi) / 2, 0.4 * (hi - lo)
    return any(abs(s.pos - pos) <= TOL and s.a - TOL <= mid <= s.b + TOL and
               min(s.b, hi) - max(s.a, lo) >= need for s in segs)


def _near(segs: list[_Seg], pos: float) -> list[_Seg]:
    return [s for s in segs if abs(s.pos - pos) <= TOL]


def lattice_tables(page: Any, pno: int, words: Sequence[Word], segs: list[_Seg] | None = None,
                   unresolved: list[BBox] | None = None) -> list[RawTable]:
    """Ruled grids on the page. Grids of rules that could not be read are appended to ``unresolved``
    (not those whose rules plainly do not separate the text's columns: shading, underlines)."""
    segs = segments(page) if segs is None else segs
    if len(segs) < 4 or len(segs) > 20000:
        return []
    tables = []
    for comp in _components(segs):
        t = _grid(comp, pno, words)
        if isinstance(t, RawTable):
            tables.append(t)
        elif t == "unresolved" and unresolved is not None:
            unresolved.append(_bbox(comp))
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))


def _bbox(comp: list[_Seg]) -> BBox:
    xs = [s.pos for s in comp if not s.horizontal] + [v for s in comp if s.horizontal for v in (s.a, s.b)]
    ys = [s.pos for s in comp if s.horizontal] + [v for s in comp if not s.horizontal for v in (s.a, s.b)]
    return (min(xs), min(ys), max(xs), max(ys))


def _grid(comp: list[_Seg], pno: int, words: Sequence[Word]) -> RawTable | str | None:
    hs = [s for s in comp if s.horizontal]
    vs = [s for s in comp if not s.horizontal]
    if not hs or not vs:
        return None
    # rules that run past the outermost crossing rule close an open-sided table (no outer frame)
    ys = _cluster([s.pos for s in hs] + [min(s.a for s in vs), max(s.b for s in vs)])
    xs = _cluster([s.pos for s in vs] + [min(s.a for s in hs), max(s.b for s in hs)])
    if len(ys) < 2 or len(xs) < 3 and len(ys) < 3 or len(xs) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    near_x = [_near(vs, x) for x in xs]  # the rules at each boundary: _covered need not look at the others
    near_y = [_near(hs, y) for y in ys]
    right = [[_covered(near_x[c + 1], xs[c + 1], ys[r], ys[r + 1]) for c in range(nc)] for r in range(nr)]
    below = [[_covered(near_y[r + 1], ys[r + 1], xs[c], xs[c + 1]) for c in range(nc)] for r in range(nr)]
    owner = _merge_cells(nr, nc, right, below)
    x0, x1, y0, y1 = xs[0], xs[-1], ys[0], ys[-1]
    inside = _split_crossing([w for w in words if x0 <= (w[0] + w[2]) / 2 <= x1 and y0 <= (w[1] + w[3]) / 2 <= y1],
                             vs)  # centre (Word.xc, Word.yc) inside the grid
    buckets: dict[tuple[int, int], list[Word]] = {}
    for w in inside:
        r = _index(ys, w.yc)
        c = _index(xs, w.xc)
        buckets.setdefault(owner[r][c], []).append(w)
    if _gappy_cells(buckets) >= max(2, 0.2 * len(buckets)):
        return None  # shading or partial rules: the grid does not separate the columns the text has
    cells: list[list[tuple[str, BBox | None]]] = []
    for r in range(nr):
        row: list[tuple[str, BBox | None]] = []
        for c in range(nc):
            if owner[r][c] != (r, c):
                row.append(("", None))
                continue
            r1, c1 = _extent(owner, r, c)
            row.append((join_words(buckets.get((r, c), [])), (xs[c], ys[r], xs[c1 + 1], ys[r1 + 1])))
        cells.append(row)
    cells = _drop_empty(cells)
    if not inside or len(cells) < 2 or max(len(r) for r in cells) < 2:
        return "unresolved" if len(xs) >= 3 and len(ys) >= 3 and inside else None
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return RawTable(pno, bbox, cells, "pymupdf-rules", _quality(cells), words=inside)


def _gappy_cells(buckets: dict[tuple[int, int], list[Word]]) -> int:
    """Visual lines inside cells with wide whitespace gaps: columns that the rules do not separate."""
    n = 0
    for ws in buckets.values():
        if len(ws) < 2:
            continue
        h = median_height(ws)
        n += sum(1 for row in rows_of(ws) if any(b.x0 - a.x1 > 1.5 * h for a, b in zip(row, row[1:])))
    return n


def _split_crossing(words: Sequence[Word], vs: list[_Seg]) -> list[Word]:
    """Cut words that run over a column rule (text overflowing a clipped cell), by character share."""
    out: list[Word] = []
    for w in words:
        cut = sorted({round(s.pos, 1) for s in vs if w.x0 + 1 < s.pos < w.x1 - 1 and s.a <= w.yc <= s.b})
        if not cut or len(w.text) < 2:
            out.append(w)
            continue
        start, x_prev = 0, w.x0
        for x in cut + [w.x1]:
            end = len(w.text) if x == w.x1 else round((x - w.x0) / (w.x1 - w.x0) * len(w.text))
            if end > start:
                out.append(w._replace(x0=x_prev, x1=x, text=w.text[start:end]))
            start, x_prev = max(start, end), x
    return out


def _index(edges: list[float], v: float) -> int:
    for i in range(len(edges) - 1):
        if v < edges[i + 1]:
            return i
    return len(edges) - 2


def _merge_cells(nr: int, nc: int, right: list[list[bool]], below: list[list[bool]]) -> list[list[tuple[int, int]]]:
    owner = [[(r, c) for c in range(nc)] for r in range(nr)]
    for r in range(nr):
        for c in range(nc):
            if c > 0 and not right[r][c - 1]:
                owner[r][c] = owner[r][c - 1]
            elif r > 0 and not below[r - 1][c] and owner[r - 1][c][1] == c:
                owner[r][c] = owner[r - 1][c]
    return owner


def _extent(owner: list[list[tuple[int, int]]], r: int, c: int) -> tuple[int, int]:
    r1, c1 = r, c
    while c1 + 1 < len(owner[r]) and owner[r][c1 + 1] == (r, c):
        c1 += 1
    while r1 + 1 < len(owner) and owner[r1 + 1][c] == (r, c):
        r1 += 1
    return r1, c1


def _drop_empty(cells: list[list[tuple[str, BBox | None]]]) -> list[list[tuple[str, BBox | None]]]:
    """Drop rows and columns that hold no text at all (slivers between doubled rules)."""
    rows = [r for r in cells if any(t for t, _ in r)]
    if not rows:
        return []
    keep = [c for c in range(len(rows[0])) if any(r[c][0] for r in rows)]
    return [[r[c] for c in keep] for r in rows]


def _quality(cells: list[list[tuple[str, BBox | None]]]) -> float:
    n = sum(len(r) for r in cells)
    filled = sum(1 for r in cells for t, _ in r if t)
    return round(min(1.0, 0.5 + filled / max(1, n)), 3)

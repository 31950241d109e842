"""Tables without rules: find their area on the page first, then their columns from whitespace.

A visual row whose words fall into two or more groups separated by a wide gap is a *table-like* row.
A run of such rows (short single-group rows in between are allowed: wrapped labels, section rows) is a
candidate area. Its columns are the x-ranges that the rows' words cover, cut where almost no row has a
word (whitespace channels). Rows whose cells only continue the cells above (a wrapped label or header)
are merged into the row above.
"""
from __future__ import annotations

import logging
import re
from typing import Sequence

from extractors.readers.pdf_ruled import RawTable
from extractors.readers.pdf_words import Word, median_height, rows_of, words_box
from pipeline.records import BBox

log = logging.getLogger(__name__)

_NUMERIC = re.compile(r"^[£$€(]?-?[\d,.]+%?\)?$|^[-–]$")
GAP_EM = 1.0  # a gap wider than this many line heights separates cells
MAX_WORDS_PER_CELL = 7.0  # above this mean, the area is prose in columns, not a table
_SIGNS = frozenset("£$€")
TITLE_GAP_ROWS = 3.0  # a title stands apart from the headings under it by more than this many of the run's row gaps
TITLE_GAP_EM = 1.0  # and by more than this many line heights
CHANNEL_EM = 0.3  # the narrowest whitespace channel between columns, in line heights
HEADING_GAP_EM = 0.4  # in a heading row, words further apart than this head different columns (a space: ~0.25)
MAX_LABEL_ONLY = 20  # label-only rows (every figure blank: empty contract types, funders) a run may hold


def _groups(row: list[Word], gap: float) -> list[list[Word]]:
    cur = [row[0]]
    out = [cur]
    x1 = row[0][2]  # Word.x1 of the word before
    for k in range(1, len(row)):
        w = row[k]
        if w[0] - x1 > gap:  # Word.x0
            cur = [w]
            out.append(cur)
        else:
            cur.append(w)
        x1 = w[2]
    return out


def stream_tables(words: Sequence[Word], pno: int, exclude: Sequence[BBox] = ()) -> list[RawTable]:
    if exclude:
        grown = [(b[0] - 1, b[1] - 1, b[2] + 1, b[3] + 1) for b in exclude]
        free = [w for w in words if not _inside_any(w, grown)]
    else:
        free = list(words)
    if len(free) < 4:
        return []
    h = median_height(free)
    rows = rows_of(free)
    gap = GAP_EM * h
    multi = [_multi(r, gap) for r in rows]
    tables = []
    for start, end in _runs(rows, multi, h):
        tables += _build_split(rows[start:end], [_groups(r, gap) for r in rows[start:end]], pno, h)
    return tables


def _build_split(rows: list[list[Word]], groups: list[list[list[Word]]], pno: int, h: float) -> list[RawTable]:
    """The tables of a run: a run holding a one-run line (a title) followed by a new row of headings is two
    tables, the title a line of text between them, when the title is set across the columns or stands apart from
    the headings under it (a gap of several row gaps): two tables printed close together, e.g. one per year.
    A section row inside a table is followed by funder rows, not by headings, at the table's row spacing."""
    ws = [w for r in rows for w in r]
    bounds = _columns(groups, min(w.x0 for w in ws), max(w.x1 for w in ws), h)
    gaps = [_gap(a, b) for a, b in zip(rows, rows[1:])]
    apart = max(TITLE_GAP_ROWS * sorted(gaps)[len(gaps) // 2], TITLE_GAP_EM * h) if gaps else h
    for k in range(1, len(rows) - 1):
        if len(groups[k]) == 1 and _heading_row(groups[k + 1]) and (_straddles(rows[k], bounds) or gaps[k] > apart):
            first = _build(rows[:k], groups[:k], pno, h)
            return ([first] if first is not None else []) + _build_split(rows[k + 1:], groups[k + 1:], pno, h)
    t = _build(rows, groups, pno, h)
    return [t] if t is not None else []


def _heading_row(groups: list[list[Word]]) -> bool:
    """Two or more runs of words and no number among them."""
    return len(groups) >= 2 and not any(_NUMERIC.match(w.text) for g in groups for w in g)


def _inside_any(w: Word, grown: list[BBox]) -> bool:
    """Is the word's centre in one of the boxes (each grown by 1 point on every side)?"""
    xc, yc = (w[0] + w[2]) / 2, (w[1] + w[3]) / 2  # Word.xc, Word.yc
    for b in grown:
        if b[0] <= xc <= b[2] and b[1] <= yc <= b[3]:
            return True
    return False


def _multi(row: list[Word], gap: float) -> bool:
    """``len(_groups(row, gap)) >= 2``, without building the groups."""
    x1 = row[0][2]  # Word.x1 of the word before
    for k in range(1, len(row)):
        w = row[k]
        if w[0] - x1 > gap:  # Word.x0
            return True
        x1 = w[2]
    return False


def _runs(rows: list[list[Word]], multi: list[bool], h: float) -> list[tuple[int, int]]:
    """Index ranges of rows forming candidate tables: >= 2 multi-group rows, few single rows between (label-only
    rows, a funder whose figures are all blank, up to MAX_LABEL_ONLY besides)."""
    runs: list[tuple[int, int]] = []
    start, last_multi, singles = -1, -1, 0
    for i, m in enumerate(multi):
        if start < 0:  # outside a run only a multi-group row matters (it opens one); the gap is not needed
            if m:
                start, last_multi, singles = i, i, 0
            continue
        gap_ok = i == 0 or _gap(rows[i - 1], rows[i]) < 2.5 * h
        if m and (start < 0 or (gap_ok and singles <= 2)):
            start = i if start < 0 else start
            last_multi, singles = i, 0
            continue
        if m:  # a multi row after too long a break: close and restart
            _close(runs, multi, start, last_multi)
            start, last_multi, singles = i, i, 0
            continue
        if start >= 0:
            singles += 0 if _label_only(rows[i], rows[last_multi], h) else 1
            if singles > 2 or i - last_multi > MAX_LABEL_ONLY + 2 or not gap_ok:
                _close(runs, multi, start, last_multi)
                start, singles = -1, 0
    _close(runs, multi, start, last_multi)
    return runs


def _label_only(row: list[Word], multi: list[Word], h: float) -> bool:
    """A funder row with every figure cell blank: a short line starting where the labels of the table start."""
    return abs(row[0].x0 - multi[0].x0) < 0.5 * h and row[-1].x1 - row[0].x0 < 0.5 * (multi[-1].x1 - multi[0].x0)


def _close(runs: list[tuple[int, int]], multi: list[bool], start: int, last: int) -> None:
    if start >= 0 and sum(multi[start:last + 1]) >= 2:
        runs.append((start, last + 1))


def _gap(a: list[Word], b: list[Word]) -> float:
    return min([w[1] for w in b]) - max([w[3] for w in a])  # Word.top, Word.bottom


def _columns(groups: list[list[list[Word]]], x0: float, x1: float, h: float) -> list[float]:
    """Column boundaries: whitespace channels that (almost) no word of the body rows crosses.

    Header cells often span several body columns, so the rows holding figures define the channels
    (all multi-group rows when there are too few of them); a header cell standing inside a channel
    (a column printed empty in the body) still gets its own column.
    """
    multi = [g for g in groups if len(g) >= 2]
    body = [g for g in multi if any(_NUMERIC.match(w.text) for cell in g for w in cell)]
    rows = body if len(body) >= 3 else multi
    channels = _channels(rows, x0, x1, h, max(0, len(multi) // 10))
    extra = [part for g in multi if g not in rows for c in g for part in _split_heading(c, HEADING_GAP_EM * h)]
    bounds: list[float] = []
    for a, b in channels:
        inside = [c for c in extra if a < c[0].x0 and c[-1].x1 < b]
        outside = [c for c in extra if not (a < c[0].x0 and c[-1].x1 < b)]
        inside = sorted((c for c in inside if not any(_overlap(c, o) for o in outside)), key=lambda c: c[0].x0)
        if not inside:
            bounds.append(_uncut((a + b) / 2, a, b, extra))
            continue
        bounds.append(max(a, inside[0][0].x0 - 0.3 * h))
        bounds.append(min(b, max(c[-1].x1 for c in inside) + 0.3 * h))
    return bounds


def _split_heading(cell: list[Word], gap: float) -> list[list[Word]]:
    """A heading cell cut where its words (all its lines, left to right) leave a gap wider than ``gap``: headings
    of neighbouring columns set closer than a cell gap are told apart ('Administration (FT)' | 'Sessional')."""
    ws = sorted(cell, key=lambda w: w.x0)
    out = [[ws[0]]]
    right = ws[0].x1
    for w in ws[1:]:
        if w.x0 - right > gap:
            out.append([w])
        else:
            out[-1].append(w)
        right = max(right, w.x1)
    return out


def _uncut(x: float, a: float, b: float, cells: list[list[Word]]) -> float:
    """Move a boundary inside channel (a, b) off a header cell it would cut in two."""
    for c in cells:
        if c[0].x0 < x < c[-1].x1:
            if c[0].x0 - 1 > a:
                return c[0].x0 - 1
            if c[-1].x1 + 1 < b:
                return c[-1].x1 + 1
    return x


def _overlap(a: list[Word], b: list[Word]) -> bool:
    return min(a[-1].x1, b[-1].x1) > max(a[0].x0, b[0].x0)


def _channels(rows: list[list[list[Word]]], x0: float, x1: float, h: float, limit: int) -> list[tuple[float, float]]:
    width = int(x1 - x0) + 2
    cover = [0] * width
    for g in rows:
        for cell in g:
            for w in cell:
                # a figure is never whitespace: a column that only one row fills (a sparse grid) is a column
                add = limit + 1 if _NUMERIC.match(w.text) else 1
                for x in range(max(0, int(w.x0 - x0)), min(width, int(w.x1 - x0) + 1)):
                    cover[x] += add
    out, x = [], 0
    while x < width:
        if cover[x] <= limit:
            y = x
            while y < width and cover[y] <= limit:
                y += 1
            if 0 < x and y < width and y - x >= CHANNEL_EM * h:
                out.append((x0 + x, x0 + y))
            x = y
        else:
            x += 1
    return out


def _straddles(row: list[Word], bounds: list[float]) -> bool:
    return any(w.x0 < b < w.x1 for w in row for b in bounds)


def _col(bounds: list[float], xc: float) -> int:
    for i, b in enumerate(bounds):
        if xc < b:
            return i
    return len(bounds)


def _build(rows: list[list[Word]], groups: list[list[list[Word]]], pno: int, h: float) -> RawTable | None:
    ws = [w for r in rows for w in r]
    x0, x1 = min(w.x0 for w in ws), max(w.x1 for w in ws)
    bounds = _columns(groups, x0, x1, h)
    ncol = len(bounds) + 1
    if ncol < 2:
        return None
    while rows and _straddles(rows[0], bounds):  # a title above the table, set across its columns
        rows = rows[1:]
    if not rows:
        return None
    ws = [w for r in rows for w in r]
    grid: list[list[list[Word]]] = []
    for r in rows:
        by_col: list[list[Word]] = [[] for _ in range(ncol)]
        for w in r:
            by_col[_col(bounds, w.xc)].append(w)
        grid.append(by_col)
    grid = _merge_continuations(_merge_complementary(grid), h)
    filled = [c for row in grid for c in row if c]
    if len(grid) < 2 or not filled or len(ws) / len(filled) > MAX_WORDS_PER_CELL:
        return None
    cells = [[(_text(c), words_box(c) if c else None) for c in row] for row in grid]
    numeric = sum(1 for row in cells for t, _ in row if _NUMERIC.match(t)) / len(filled)
    quality = round(min(1.0, 0.55 + 0.3 * numeric + 0.15 * min(1.0, len(grid) / 5)), 3)
    bbox = words_box(ws)
    return RawTable(pno, bbox, cells, "pymupdf-whitespace", quality, words=ws)


def _merge_complementary(grid: list[list[list[Word]]]) -> list[list[list[Word]]]:
    """Join neighbouring columns that no row fills both of (a left-set header over right-set numbers), unless
    one holds nothing but currency signs: a sign is the left half of the amount cell on its right (accounting
    format), not the continuation of the column before it (items in one column, sub-totals in the next)."""
    c = 0
    while c + 1 < len(grid[0]):
        if not any(row[c] and row[c + 1] for row in grid) and not _signs_only(grid, c) and not _signs_only(grid, c + 1):
            grid = [row[:c] + [row[c] + row[c + 1]] + row[c + 2:] for row in grid]
        else:
            c += 1
    return grid


def _signs_only(grid: list[list[list[Word]]], c: int) -> bool:
    cells = [row[c] for row in grid if row[c]]
    return bool(cells) and all(len(ws) == 1 and ws[0].text in _SIGNS for ws in cells)


def _text(ws: list[Word]) -> str:
    return " ".join([" ".join([w[4] for w in r]) for r in rows_of(ws)])  # Word.text


def _merge_continuations(grid: list[list[list[Word]]], h: float) -> list[list[list[Word]]]:
    """Merge a row into the one above when it only continues cells of that row (a wrapped label)."""
    out: list[list[list[Word]]] = []
    for row in grid:
        if out and _continues(out[-1], row, h):
            for c, ws in enumerate(row):
                out[-1][c] = out[-1][c] + ws
        else:
            out.append([list(c) for c in row])
    return out


def _continues(prev: list[list[Word]], row: list[list[Word]], h: float) -> bool:
    used = [c for c, ws in enumerate(row) if ws]
    prev_used = [c for c, ws in enumerate(prev) if ws]
    if not used or len(used) >= len(prev_used) or any(not prev[c] for c in used):
        return False
    if any(_NUMERIC.match(" ".join(w.text for w in row[c])) for c in used):
        return False
    gap = min(w.top for c in used for w in row[c]) - max(w.bottom for c in used for w in prev[c])
    return gap < 0.2 * h

"""Data-summary grids: the YJB 'YOT Data Summary' shape that plans paste as an appendix, in whatever cell order the
text conversion left it.

A block opens with a measure title ('FTE PNC rate per 100,000 of 10-17 population'); columns are areas (the YOT,
its region, PCC area, family, England...), rows are periods; under each block a 'change from selected baseline' row.
Conversions print the figures row by row with each period label after its row, or area by area (each area's periods
together) with the period labels once after the first area. Which one is decided by counts alone: with N areas (read
from the area header) and P period labels, a block holds N x P figures, and every place where a label or a blank
paragraph interrupts the figures falls on a multiple of N (rows) or of P (areas). When the counts do not decide, or
do not add up, the block gives nothing and an ambiguity says why; nothing is guessed.
A 'change from selected baseline' row is read as a change, never as a level: its N figures (wherever printed, in area
order) land on the block's areas with the block's latest period, signed as printed; the unit is what the row label
says ('percentage point change' -> percentage_points, 'percent change' -> percent_change), else percent_change for a
figure printed with % and the block's own rate unit for one without. It is read only under a block read whole (which
proves N); a row without N figures, or with other text among them, gives nothing and an ambiguity.
A summary pasted twice whose second area header does not fit its figures (a header row lost or split in conversion)
is read under the first printing's header, block by block, only where a block repeats a block read before exactly
(title, figures, period labels); any other block of it stays unread with an ambiguity.
What a title, label or header cell says is read by the vocabulary (``vocabulary.json``, ``summary_areas.json``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

from extractors.indicators import vocabulary as vocab
from extractors.indicators.grids import GridFigure, figure_cell, number
from extractors.indicators.summary_cells import SCell, summary_cells
from normalisers.periods import find_periods, normalise_period
from pipeline.records import Document

AREAS = Path(__file__).with_name("summary_areas.json")
_MAX_PLACE = 40  # a longer cell is not an area name
_MAX_LABEL = 120  # a longer cell with a period is prose, not a row label
_MAX_TITLE = 160
_HEADER_BACK = 25  # cells looked at above a block's first figure for its area header
_NOISE_RUN = 2  # this many cells in a row that are none of the grid's sorts end the grid


@dataclass(frozen=True)
class Ambiguity:
    line: int
    what: str  # the block: "data summary 'FTE PNC rate ...'"
    why: str  # one plain clause: "14 figures do not fill 4 areas x 3 periods"
    span: tuple[int, int] = (-1, -1)  # the block's first and last line ((-1, -1): ``line`` alone)


@dataclass
class _Segment:
    title: SCell
    figures: list[SCell] = field(default_factory=list)
    labels: list[tuple[SCell, int]] = field(default_factory=list)  # a label and how many figures precede it
    gaps: set[int] = field(default_factory=set)  # figure positions a blank paragraph stands before
    placed: Optional[SCell] = None  # an area name among the figures: rows labelled by areas, not this shape
    change: Optional[SCell] = None  # the change row closing the block
    changes: list[SCell] = field(default_factory=list)  # its figures, in area order ('-' for an empty place)
    interrupted: Optional[SCell] = None  # a cell that is no figure standing among the change row's figures


@dataclass(frozen=True)
class Summary:
    figures: tuple[GridFigure, ...]
    ambiguities: tuple[Ambiguity, ...]


@lru_cache(maxsize=1)
def _table() -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = json.loads(AREAS.read_text())
    return table


@lru_cache(maxsize=1)
def _pcc_areas() -> frozenset[str]:
    return frozenset(a.lower() for a in _table()["pcc_areas"])


def _sort(c: SCell, council: Optional[str]) -> str:
    """figure, change, label (names a period), title (names a measure), place, prose or other."""
    return _sort_of(c.text, council)


@lru_cache(maxsize=65536)
def _sort_of(text: str, council: Optional[str]) -> str:
    if figure_cell(text):
        return "figure"
    if len(text) > _MAX_TITLE:
        return "prose"
    if "change" in text.lower() and vocab.is_change(text):  # every change pattern has the word: skip the matcher
        return "change"
    if len(text) <= _MAX_LABEL and find_periods(text):
        return "label"
    if vocab.measures(text):
        return "title"
    if len(text) <= _MAX_PLACE and _area_of(text, council):
        return "place"
    return "prose" if len(text) > 100 else "other"


def _area(c: SCell, council: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    return _area_of(c.text, council)


def _area_of(text: str, council: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    """An area header cell as (scope, comparator): by the vocabulary; a police force area's name is the PCC area."""
    place = vocab.scope(text, council)
    if place and place[0] == "other_comparator" and text.strip(" *").lower() in _pcc_areas():
        return "regional", f"{text.strip(' *')} (PCC area)"
    return place


def _header(cells: list[SCell], first: int, council: Optional[str]) -> Optional[tuple[int, int]]:
    """The nearest run of at least two area cells above the first figure (its first and last index)."""
    k = first - 1
    while k >= max(0, first - _HEADER_BACK):
        sort = _sort(cells[k], council)
        if sort in ("figure", "prose"):
            return None
        if sort == "place":
            end = k
            while k - 1 >= 0 and _sort(cells[k - 1], council) == "place":
                k -= 1
            if end - k >= 1:
                return k, end
        k -= 1
    return None


def _first_figure(cells: list[SCell], t: int, council: Optional[str]) -> Optional[int]:
    for k in range(t + 1, min(len(cells), t + _HEADER_BACK)):
        sort = _sort(cells[k], council)
        if sort == "figure":
            return k
        if sort == "prose":
            return None
    return None


def _figures_ahead(cells: list[SCell]) -> list[bool]:
    """Per cell: a figure stands in the few cells after it (a title without one opens no grid; checked by a regex
    before any vocabulary lookup)."""
    out = [False] * len(cells)
    last = len(cells) + _HEADER_BACK
    for k in range(len(cells) - 1, -1, -1):
        out[k] = last - k < _HEADER_BACK
        if figure_cell(cells[k].text):
            last = k
    return out


def read_summaries(doc: Document, council: Optional[str], cells: Optional[list[SCell]] = None) -> Summary:
    """Every data-summary figure of the document (``cells``: its summary cells, when already split)."""
    cells = cells if cells is not None else summary_cells(doc)
    near = _figures_ahead(cells)
    figures: list[GridFigure] = []
    ambiguities: list[Ambiguity] = []
    seen: dict[_Signature, tuple[SCell, ...]] = {}  # blocks read so far, with their grid's area header
    k = 0
    while k < len(cells):
        if not near[k] or _sort(cells[k], council) != "title":
            k += 1
            continue
        first = _first_figure(cells, k, council)
        header = _header(cells, first, council) if first is not None else None
        if first is None or header is None:
            k += 1
            continue
        areas = [(cells[h], _area(cells[h], council)) for h in range(header[0], header[1] + 1)]
        start = max(k, header[1]) + 1
        grid = _read_grid(cells, k, start, areas, council, None)
        if not grid.figures and seen:
            grid = _reprinted(cells, k, start, council, seen) or grid
        figures += grid.figures
        ambiguities += grid.ambiguities
        seen.update(grid.read)
        k = max(grid.end, k + 1)
    return Summary(tuple(figures), tuple(ambiguities))


_Areas = list[tuple[SCell, Optional[tuple[str, Optional[str]]]]]
_Signature = tuple[str, tuple[str, ...], tuple[str, ...]]  # a block's title, figures and period labels as printed


@dataclass
class _Grid:
    figures: list[GridFigure]
    ambiguities: list[Ambiguity]
    end: int
    read: dict[_Signature, tuple[SCell, ...]]  # each block read whole, with the area header it was read under


def _signature(seg: _Segment) -> _Signature:
    return seg.title.text, tuple(c.text for c in seg.figures), tuple(p for _, p, _ in _periods(seg))


def _read_grid(cells: list[SCell], t: int, start: int, areas: _Areas, council: Optional[str],
               only: Optional[dict[_Signature, tuple[SCell, ...]]]) -> _Grid:
    """The grid's blocks read under ``areas`` (``only``: just the blocks printed before under the same header)."""
    segments, end = _segments(cells, t, start, len(areas), council)
    grid_order = _grid_order(segments, len(areas))
    grid = _Grid([], [], end, {})
    header = tuple(a for a, _ in areas)
    for seg in segments:
        if only is not None and seg.figures and only.get(_signature(seg)) != header:
            grid.ambiguities.append(Ambiguity(seg.figures[0].line, f"data summary '{seg.title.raw}'",
                                              "its area header does not fit its figures, and it repeats no block "
                                              "printed before", _span(seg)))
            continue
        got = _read_segment(seg, areas, grid_order)
        if isinstance(got, Ambiguity):
            grid.ambiguities.append(got)
            continue
        grid.read[_signature(seg)] = header
        change = _read_change(seg, areas)  # only under a block read whole: its count of areas is then proven
        grid.figures += got + (change if isinstance(change, list) else [])
        grid.ambiguities += [change] if isinstance(change, Ambiguity) else []
    return grid


def _reprinted(cells: list[SCell], t: int, start: int, council: Optional[str],
               seen: dict[_Signature, tuple[SCell, ...]]) -> Optional[_Grid]:
    """A grid whose own area header does not fit its figures, read again under the header of a grid printed before
    in the document, when its blocks print the very same titles, figures and period labels (the same summary pasted
    twice, its header broken the second time): the blocks that match are read, the others stay ambiguous. None when
    no earlier header, or more than one, reads a block."""
    fits = []
    for header in dict.fromkeys(seen.values()):
        areas = [(c, _area(c, council)) for c in header]
        grid = _read_grid(cells, t, start, areas, council, seen)
        if grid.figures:
            fits.append(grid)
    if len(fits) != 1:
        return None
    return fits[0]


def _segments(cells: list[SCell], t: int, start: int, n: int,
              council: Optional[str]) -> tuple[list[_Segment], int]:
    """The grid's blocks from ``start``: figures and period labels under the latest title, each closed by a change
    row (whose next ``n`` figures are the change's, wherever they are printed) or the next title."""
    out: list[_Segment] = []
    seg = _Segment(cells[t])
    owner = seg  # the block whose change row is owed figures
    pending = 0  # figures still owed to a change row
    swallow = False  # after a change row: its empty places ('-') are not the next block's
    noise = 0
    gap = False  # a blank paragraph since the last figure
    k = start
    while k < len(cells):
        c = cells[k]
        sort = _sort(c, council)
        gap = gap or c.gap
        noise = noise + 1 if sort == "other" else 0
        if pending and owner.changes and sort != "figure":
            owner.interrupted = owner.interrupted or c
        if sort == "prose" or noise >= _NOISE_RUN:
            break
        if sort == "figure":
            if pending:
                pending -= 1
                swallow = not pending
                owner.changes.append(c)
            elif not (swallow and number(c.text) is None):
                swallow = False
                if gap and seg.figures:
                    seg.gaps.add(len(seg.figures))
                seg.figures.append(c)
            gap = False
        elif sort == "label":
            pending, swallow = 0, False
            seg.labels.append((c, len(seg.figures)))
        elif sort == "place" and seg.figures and not pending:
            seg.placed = seg.placed or c  # a stray area name before a block's figures is left alone
        elif sort in ("change", "title"):
            out.append(seg)
            if sort == "change":
                owner, pending, swallow = seg, n, False
                owner.change = c
            seg = _Segment(c if sort == "title" else seg.title)
        k += 1
    out.append(seg)
    return [s for s in out if s.figures or s.labels], k


def _periods(seg: _Segment) -> list[tuple[str, str, int]]:
    """Every period the segment's labels print, in order: (its part of the label, the period as printed, figures
    before the label)."""
    return [(part, p.raw, pos) for c, pos in seg.labels for part, p in zip(_label_parts(c.text), find_periods(c.text))]


def _label_parts(text: str) -> list[str]:
    """A label printing several periods cut into one part each: where the words before the first period come again
    ('Binary rate - Jan 16 - Dec 16 cohort (latest period) Binary rate - Jan 15 - Dec 15 cohort'), else at each
    period's start."""
    ps = find_periods(text)
    prefix = text[:ps[0].start].strip() if ps else ""
    cuts = []
    for before, p in zip(ps, ps[1:]):
        again = text.find(prefix, before.end, p.start) if prefix else -1
        cuts.append(again if again >= 0 else p.start)
    bounds = [0] + cuts + [len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]


def _fits(seg: _Segment, n: int) -> list[str]:
    """The orders the segment's label positions allow, then its blank paragraphs too. 'rows' (figures period by
    period): one label before or after each row of ``n``, or all together before or after the figures, and blank
    paragraphs between rows only. 'areas' (area by area): the labels together after the first area's periods, or
    before or after all the figures, and blank paragraphs between areas only. A single area or period reads the same
    either way ('rows'); counts that do not add up allow none."""
    periods = _periods(seg)
    p, f = len(periods), len(seg.figures)
    if not f or f != n * p:
        return []
    if n == 1 or p == 1:
        return ["rows"]
    at = [pos for _, _, pos in periods]
    bunched = len(set(at)) == 1 and at[0] in (0, f)
    fits = [o for o, ok in (("rows", bunched or at in ([k * n for k in range(p)], [(k + 1) * n for k in range(p)])),
                            ("areas", bunched or set(at) == {p})) if ok]
    if len(fits) == 2:
        fits = [o for o, size in (("rows", n), ("areas", p)) if all(g % size == 0 for g in seg.gaps)]
    return fits


def _grid_order(segments: list[_Segment], n: int) -> Optional[str]:
    """The one order of the grid's blocks that decide (a single area or period decides nothing): a grid is printed
    one way throughout, so a block whose own breaks allow both orders reads in it; None when no block decides or
    two disagree."""
    decided = {fits[0] for seg in segments if n > 1 and len(_periods(seg)) > 1 and len(fits := _fits(seg, n)) == 1}
    return decided.pop() if len(decided) == 1 else None


def _read_segment(seg: _Segment, areas: list[tuple[SCell, Optional[tuple[str, Optional[str]]]]],
                  grid_order: Optional[str]) -> Union[list[GridFigure], Ambiguity]:
    periods = _periods(seg)
    n, p, f = len(areas), len(periods), len(seg.figures)
    line = seg.figures[0].line if seg.figures else seg.labels[0][0].line
    if not f or not p:  # no period label: not a block of this shape
        return []
    what, end = f"data summary '{seg.title.raw}'", _span(seg)
    if seg.placed:
        return Ambiguity(seg.placed.line, what, f"area '{seg.placed.raw}' labels a row", end)
    if f != n * p:
        return Ambiguity(line, what, f"{f} figures do not fill {n} areas x {p} periods", end)
    fits = _fits(seg, n)
    order = fits[0] if len(fits) == 1 else grid_order if len(fits) == 2 else None
    if order is None:
        return Ambiguity(line, what, f"{f} figures could be {n} areas x {p} periods row by row or area by area", end)
    out = []
    for k, cell in enumerate(seg.figures):
        area, period = (k % n, k // n) if order == "rows" else (k // p, k % p)
        fig = _figure(seg.title, areas[area], periods[period], cell)
        if fig:
            out.append(fig)
    return out


def _figure(title: SCell, area: tuple[SCell, Optional[tuple[str, Optional[str]]]],
            period: tuple[str, str, int], cell: SCell) -> Optional[GridFigure]:
    label, printed, _ = period
    measure = _measure(title, label)
    parsed = number(cell.text)
    if measure is None or area[1] is None or parsed is None or parsed[1] == "pp":
        return None
    name, unit = measure
    value, mark = parsed
    if (mark == "%") != (unit == "percent") and mark:
        return None
    scope, comparator = area[1]
    statement = f"{title.raw} — {area[0].raw}, {label}: {cell.raw}"
    return GridFigure(name, value, cell.raw, unit, scope, comparator, normalise_period(printed), "actual",
                      statement, cell.line)


def _measure(title: SCell, label: str) -> Optional[tuple[str, str]]:
    """The measure and rate unit of a block's row (its period label's words, else its title's)."""
    if vocab.not_a_measure(label) or vocab.other_topic(f"{title.text} {label}"):
        return None
    names = vocab.measures(label) or vocab.measures(title.text)
    units = [t.value for t in vocab.terms(title.text, "unit")]  # the title's first: not its note's ('percentage')
    unit = vocab.unit(label) or (units[0] if units else None)
    return (names[0], unit) if len(names) == 1 and unit is not None else None


def _span(seg: _Segment) -> tuple[int, int]:
    lines = [c.line for c in seg.figures + [seg.placed or seg.figures[0]]] + [c.line for c, _ in seg.labels]
    return min(lines), max(lines)


def _read_change(seg: _Segment, areas: list[tuple[SCell, Optional[tuple[str, Optional[str]]]]]
                 ) -> Union[list[GridFigure], Ambiguity]:
    """The block's change row: one figure per area, in area order, as changes to the block's latest period."""
    if seg.change is None or not seg.figures:
        return []
    what = f"data summary '{seg.title.raw}' row '{seg.change.raw}'"
    end = (seg.change.line, max([c.line for c in seg.changes + [seg.interrupted or seg.change]]))
    if seg.interrupted is not None:
        return Ambiguity(seg.change.line, what, f"its figures are interrupted by '{seg.interrupted.raw}'", end)
    if len(seg.changes) != len(areas):
        return Ambiguity(seg.change.line, what, f"{len(seg.changes)} change figures for {len(areas)} areas", end)
    periods = _periods(seg)
    latest = _latest(periods)
    if latest is None:
        return Ambiguity(seg.change.line, what, "the block's latest period is not told by its labels", end)
    out = []
    for area, cell in zip(areas, seg.changes):
        fig = _change_figure(seg, area, latest, cell)
        if fig:
            out.append(fig)
    return out


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _latest(periods: list[tuple[str, str, int]]) -> Optional[tuple[str, str, int]]:
    """The period a label calls the latest, else the one ending last (by its last year and month); None on a tie."""
    called = [p for p in periods if "latest" in p[0].lower()]
    if len(called) == 1:
        return called[0]
    ends = [(e, p) for p in periods if (e := _end(p[1])) is not None]
    best = max((e for e, _ in ends), default=None)
    top = [p for e, p in ends if e == best]
    return top[0] if len(top) == 1 else None


def _end(printed: str) -> Optional[tuple[int, int]]:
    years = re.findall(r"\d{4}|\d{2}", printed)
    months = [m for m in re.findall(r"[A-Za-z]{3}", printed.lower()) if m in _MONTHS]
    if not years:
        return None
    year = int(years[-1]) % 100
    return year, _MONTHS.index(months[-1]) if months else 0


def _change_unit(label: str, mark: str, unit: str) -> str:
    said = label.lower()
    for phrase, named in _table()["change_units"]:
        if phrase in said:
            return str(named)
    return "percent_change" if mark == "%" else unit


def _change_figure(seg: _Segment, area: tuple[SCell, Optional[tuple[str, Optional[str]]]],
                   period: tuple[str, str, int], cell: SCell) -> Optional[GridFigure]:
    label, printed, _ = period
    measure = _measure(seg.title, label)
    parsed = number(cell.text)
    if measure is None or area[1] is None or parsed is None or seg.change is None:
        return None
    (name, unit), (value, mark), (scope, comparator) = measure, parsed, area[1]
    unit = "percentage_points" if mark == "pp" else _change_unit(seg.change.text, mark, unit)
    statement = f"{seg.title.raw} — {area[0].raw}, {seg.change.raw} ({label}): {cell.raw}"
    return GridFigure(name, value, cell.raw, unit, scope, comparator, normalise_period(printed), "actual", statement,
                      cell.line)

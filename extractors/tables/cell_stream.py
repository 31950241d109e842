"""Grid helpers: one-cell-per-line streams, flattened rows, and fitting a row's cells to a grid's columns.

Real text conversions flatten a table to one cell per line: a bare CR ends a cell, a CRLF inside a cell is a
wrap (a label over two lines, or a number split as "12" then "8" = 128). :func:`cell_stream` rebuilds the cells.
:func:`fit_row` places a row's printed cells into a known number of columns, using the row's own printed total
when cells were dropped or spuriously added.
"""
from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Callable, Optional, Sequence

from extractors.tables.segments import cr_segments
from pipeline.records import Document

log = logging.getLogger(__name__)

_NUM = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
_MAX_PART = 60  # a wrapped part longer than this is a paragraph before the table, not part of a cell
MAX_CANDIDATES = 4000
MAX_WRAPS = 8  # CRLF lines a cell may wrap over


@dataclass(frozen=True)
class StreamCell:
    """One table cell rebuilt from consecutive lines; ``first``/``last`` index ``Document.lines``."""

    text: str
    raw: str
    first: int
    last: int
    after_break: bool = False  # paragraphs or blank paragraph lines came just before it
    rejoined: bool = False  # a number split over lines was joined ("12" + "8" -> "128")


def parse_number(text: str) -> Optional[Decimal]:
    """A grid cell's number: '0.8', '25.00', '1,234', '-' (nil = 0); None for blank or text."""
    t = text.strip().replace("\u00a0", "")
    if t in ("-", "\u2013"):
        return Decimal(0)
    if not _NUM.match(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


def is_blank(text: str) -> bool:
    return not text.strip()


def is_value(text: str) -> bool:
    return is_blank(text) or parse_number(text) is not None


def _join_parts(parts: Sequence[str]) -> tuple[str, bool]:
    stripped = [p.strip() for p in parts if p.strip()]
    if len(stripped) > 1 and all(re.fullmatch(r"\d+(\.\d+)?|\.\d+|\d+\.", p) for p in stripped):
        return "".join(stripped), True
    if len(stripped) == 1:
        return next(p for p in parts if p.strip()), False  # keep a single part's spacing as printed
    return " ".join(stripped), False


def _make_cell(parts: list[tuple[int, str]]) -> StreamCell:
    cut = 0
    for k, (_, text) in enumerate(parts[:-1]):
        if len(text.strip()) > _MAX_PART or (not text.strip() and any(t.strip() for _, t in parts[k + 1:])):
            cut = k + 1
    dropped = [t for _, t in parts[:cut]]
    after_break = any(t.strip() for t in dropped) or len(dropped) >= 2
    parts = parts[cut:]
    text, rejoined = _join_parts([t for _, t in parts])
    if not any(t.strip() for _, t in parts):
        text = parts[-1][1]
    return StreamCell(text, "\n".join(t for _, t in parts), parts[0][0], parts[-1][0], after_break, rejoined)


def cell_stream(doc: Document) -> list[StreamCell]:
    """Cells of one-cell-per-line tables, in reading order (segments of :func:`cr_segments`): a cell keeps at most
    ``MAX_WRAPS`` wrapped lines; more lines before it mean a break (text before the table)."""
    out: list[StreamCell] = []
    for seg in cr_segments(doc):
        kept = seg.wraps[-MAX_WRAPS:] + (seg.line,)
        cell = _make_cell([(i, doc.lines[i].text) for i in kept])
        if len(seg.wraps) > MAX_WRAPS:
            cell = StreamCell(cell.text, cell.raw, cell.first, cell.last, True, cell.rejoined)
        out.append(cell)
    return out


def split_spaced(text: str) -> list[str]:
    """Values of a flattened row whose single spaces separate cells and extra spaces mark empty ones."""
    return text.split(" ")


# --------------------------------------------------------------------------- fitting rows to columns

RowCheck = Callable[[Sequence[Optional[Decimal]]], bool]


@dataclass(frozen=True)
class Fit:
    """Candidate placements of a row's printed cells: each a tuple of indexes into the printed cells or -1."""

    placements: tuple[tuple[int, ...], ...]
    note: str = ""

    @property
    def unique(self) -> bool:
        return len(self.placements) == 1


def _values(cells: Sequence[str], placement: Sequence[int]) -> tuple[Optional[Decimal], ...]:
    return tuple(None if k < 0 else parse_number(cells[k]) for k in placement)


def _dedupe(cells: Sequence[str], placements: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    seen: dict[tuple[Optional[Decimal], ...], tuple[int, ...]] = {}
    for p in placements:
        seen.setdefault(_values(cells, p), p)
    return list(seen.values())


def _drop_extra(cells: Sequence[str], n: int, check: RowCheck) -> Fit:
    if all(is_blank(c) for c in cells[n:]) and check(_values(cells, range(n))):
        return Fit((tuple(range(n)),), "trailing empty cells dropped")
    empty = [k for k, c in enumerate(cells) if c == ""]
    if len(cells) - len(empty) == n:
        keep = tuple(k for k in range(len(cells)) if cells[k] != "")
        if check(_values(cells, keep)):
            return Fit((keep,), "zero-length cells dropped")
    blanks = [k for k, c in enumerate(cells) if is_blank(c)]
    extra = len(cells) - n
    found: list[tuple[int, ...]] = []
    for drop in itertools.islice(itertools.combinations(blanks, extra), MAX_CANDIDATES):
        keep = tuple(k for k in range(len(cells)) if k not in drop)
        if check(_values(cells, keep)):
            found.append(keep)
    return Fit(tuple(_dedupe(cells, found)), f"{extra} surplus empty cell(s) dropped")


def _insert_missing(cells: Sequence[str], n: int, check: RowCheck, fixed_last: int) -> Fit:
    """Blanks were lost: place the printed values, the last ``fixed_last`` staying in the last columns."""
    vals = [k for k, c in enumerate(cells) if not is_blank(c)]
    head, tail = vals[: len(vals) - fixed_last], vals[len(vals) - fixed_last:]
    free = n - fixed_last
    if len(head) > free:
        return Fit((), "more values than columns")
    found: list[tuple[int, ...]] = []
    for pos in itertools.islice(itertools.combinations(range(free), len(head)), MAX_CANDIDATES):
        placement = [-1] * free
        for p, k in zip(pos, head):
            placement[p] = k
        full = tuple(placement + tail)
        if check(_values(cells, full)):
            found.append(full)
    return Fit(tuple(_dedupe(cells, found)), "empty cells lost; placement inferred")


def fit_row(cells: Sequence[str], n: int, check: RowCheck, total_cols: int = 1) -> Fit:
    """Place a row's printed cells into ``n`` columns; ``check`` says whether a placement's arithmetic holds."""
    if len(cells) == n:
        return Fit((tuple(range(n)),))
    if len(cells) > n:
        return _drop_extra(cells, n, check)
    printed = [c for c in cells if not is_blank(c)]
    if not printed:
        return Fit((tuple([-1] * n),))
    return _insert_missing(cells, n, check, min(total_cols, len(printed)))

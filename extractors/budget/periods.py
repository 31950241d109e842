"""One table per period: a grid printing several years side by side (``2018/19 Cash | 2018/19 Cash & Kind |
2019/20 Cash | 2019/20 Cash & Kind``, or a five-year table) is read as one table per year.

Every amount column's heading must name exactly one year, each year the same number of columns, and every
row must keep its cells in place (as many cells as headings); otherwise the grid is left whole.
"""
from __future__ import annotations

import re

from extractors.tables.text_grids import TCell, TextTable, TRow

_PERIOD = re.compile(r"\b(20\d\d)\s?[/-]\s?(?:20)?(\d\d)\b|\b(\d\d)\s?/\s?(\d\d)\b")
MIN_PERIODS = 2


def period_of(text: str) -> str | None:
    """The one financial year a heading names (``2019/20``), else None."""
    found = {f"{m.group(1)}/{m.group(2)}" if m.group(1) else f"20{m.group(3)}/{m.group(4)}"
             for m in _PERIOD.finditer(text)}
    return found.pop() if len(found) == 1 else None


def _two_level(t: TextTable) -> TextTable:
    """``Agency | 2018/19 | 2019/20 | Staffing | Total | Staffing | Total`` (a two-level header read as one row):
    the years over the repeated column names, as ``2018/19 Staffing | 2018/19 Total | ...``."""
    heads = [c for c in t.header[1:] if c.clean]
    years = 0
    while years < len(heads) and period_of(heads[years].clean) and len(heads[years].clean) <= 12:
        years += 1
    rest = heads[years:]
    if years < MIN_PERIODS or not rest or len(rest) % years or any(period_of(c.clean) for c in rest):
        return t
    k = len(rest) // years
    blocks = [[c.clean.lower() for c in rest[j * k:(j + 1) * k]] for j in range(years)]
    if any(b != blocks[0] for b in blocks):
        return t
    header = (t.header[0], *(TCell(f"{heads[j].clean} {c.clean}", c.line, prov=c.prov)
                             for j in range(years) for c in rest[j * k:(j + 1) * k]))
    return TextTable(header, t.rows, t.method, t.first_line, t.last_line, t.prov, t.caption)


def by_period(t: TextTable) -> list[TextTable]:
    t = _two_level(t)
    heads = [c for c in t.header[1:] if c.clean]
    periods = [period_of(c.clean) for c in heads]
    distinct = list(dict.fromkeys(periods))
    if len(distinct) < MIN_PERIODS or None in distinct or len(heads) != len(t.header) - 1:
        return [t]
    groups = [[k for k, p in enumerate(periods) if p == want] for want in distinct]
    if len({len(g) for g in groups}) != 1 or any(len(_kept(r.values)) > len(heads) for r in t.rows):
        return [t]
    if any(len(r.values) < len(heads) and any(v.clean for v in r.values) for r in t.rows if not r.positional):
        return [t]  # a row lost cells: which year each amount belongs to is not known
    return [_part(t, want, g) for want, g in zip(distinct, groups)]


def _kept(values: tuple[TCell, ...]) -> tuple[TCell, ...]:
    end = len(values)
    while end and not values[end - 1].clean:
        end -= 1
    return values[:end]


def _part(t: TextTable, period: str | None, cols: list[int]) -> TextTable:
    header = (TCell(f"{t.header[0].clean} {period}".strip(), t.header[0].line, prov=t.header[0].prov),
              *(t.header[1 + k] for k in cols))
    rows = tuple(TRow(r.label, tuple(r.values[k] if k < len(r.values) else TCell("", -1) for k in cols), True, r.gaps)
                 for r in t.rows)
    return TextTable(header, rows, f"{t.method}+period {period}", t.first_line, t.last_line, t.prov, t.caption)

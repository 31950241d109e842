"""Indicator grids printed one cell per line: a title naming the measure, column headers, then rows of a label and
as many figures as there are columns.

One mechanism for every orientation: columns are periods (rows are places), places (rows are periods), or metrics
(columns each name their own measure and unit: 'Number of reoffenders', 'Reoffences per offender', '% Reoffending').
What each header, label and title says is read by the vocabulary (``vocabulary.json``), never by a condition here.
A title naming several units in order over repeated periods ('Binary rate', 'Re-offences per re-offender' over
'Jul 15 - Jun 16', 'Jul 16 - Jun 17', 'Jul 15 - Jun 16', 'Jul 16 - Jun 17') gives each its block of columns.
A figure is only read when its measure and unit are known; rows and columns that are not places, periods or
changes (totals, subgroups) are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterator, Optional

from extractors.indicators import vocabulary as vocab
from normalisers.periods import find_periods, normalise_period
from pipeline.records import Document

_NUMBER = re.compile(r"^(?P<sign>[-–−+])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<pct>%|pp|ppts?)?"
                     r"\*{0,2}$", re.I)  # '480.3*': a figure with its footnote mark
_NOT_STATED = re.compile(r"^(?:n/?a|-|–|\.\.|\*|tbc|no\s+data)$", re.I)  # a figure's place, with no figure
_MAX_CELL = 100  # a longer line is prose, not a cell
_MAX_HEADER = 80  # header cells looked at above a grid's first row
_TITLE_BACK = 6  # lines of text above the header where its heading may be


@dataclass(frozen=True)
class Cell:
    text: str
    line: int


@dataclass(frozen=True)
class GridFigure:
    indicator: str
    value: Decimal
    raw: str
    unit: str
    scope: str
    comparator: Optional[str]
    period: Optional[str]
    kind: str
    statement: str
    line: int


@dataclass(frozen=True)
class Axis:
    """What one row or column label says."""

    text: str
    period: Optional[str] = None
    place: Optional[tuple[str, Optional[str]]] = None
    change: bool = False
    own: Optional[str] = None  # a sub-column's own words under an upper label ('Rate' under 'England')


def number(text: str) -> Optional[tuple[Decimal, str]]:
    """A figure cell: (value, its mark: '%', 'pp' for percentage points, or ''); None for anything else."""
    m = _NUMBER.match(text.strip())
    if not m:
        return None
    value = Decimal(m.group("num").replace(",", ""))
    mark = (m.group("pct") or "").lower()
    return (-value if m.group("sign") and m.group("sign") != "+" else value), ("pp" if mark.startswith("pp") else mark)


def figure_cell(text: str) -> bool:
    return number(text) is not None or bool(_NOT_STATED.match(text.strip()))


def _fields(text: str) -> list[str]:
    return [t for part in text.split("\t") if (t := " ".join(part.split()))]


def _cells(doc: Document) -> list[Cell]:
    """The document as a stream of cells: a line is a cell, and a table row printed on one line with tabs between
    its cells (as the HTML, Word and PDF readers print one) is one cell per field, so one grid reader reads both.
    A tab line is a row when every field after its first is a figure (a text cell, 'Green', would leave the
    figures' columns unknown); the line right above a row, with as many fields or one fewer (no corner cell), is
    its header. Other lines with tabs (a wrapped heading's) are one cell."""
    fields = [_fields(ln.text) if "\t" in ln.text else [] for ln in doc.lines]
    row = [len(f) >= 2 and all(figure_cell(x) for x in f[1:]) for f in fields]
    out: list[Cell] = []
    for i, ln in enumerate(doc.lines):
        header = i + 1 < len(fields) and row[i + 1] and len(fields[i]) >= 2 \
            and len(fields[i + 1]) - 1 <= len(fields[i]) <= len(fields[i + 1])
        if row[i] or header:
            out += [Cell(t, i) for t in fields[i]]
        elif t := " ".join(ln.text.split()):
            out.append(Cell(t, i))
    return out


def _period_of(text: str) -> Optional[str]:
    ps = find_periods(text)
    return normalise_period(ps[0].raw) if ps else None


def _last_period(text: str) -> Optional[str]:
    """The period nearest the grid in its title (the title's last)."""
    ps = find_periods(text)
    return normalise_period(ps[-1].raw) if ps else None


def _whole_period(text: str) -> bool:
    ps = find_periods(text)
    return len(ps) == 1 and len(ps[0].raw) >= len(text.strip(" .:()*")) - 2


def _only_periods(text: str) -> bool:
    """'2013/14 to 2016/17': periods and joining words only."""
    rest = text
    for p in reversed(find_periods(text)):
        rest = rest[:p.start] + rest[p.end:]
    return bool(find_periods(text)) and not re.sub(r"\b(?:to|and|vs?|from)\b|[\s\-–/()]", "", rest, flags=re.I)


def _spans(cells: list[Cell]) -> bool:
    """The cells print one period between them ('Apr 2015-' over 'Mar 2016'), reaching into the last one."""
    joined = " ".join(c.text for c in cells)
    ps = find_periods(joined)
    last = len(joined) - len(cells[-1].text)
    if _whole_period(cells[0].text) and _whole_period(cells[-1].text) and not re.search(
            r"(?:[-–]|\bto)\s*$", cells[0].text):
        return False  # two periods side by side ('Q4', '2018/19'), not one printed over lines ('Apr 2015-')
    return len(ps) == 1 and _whole_period(joined) and ps[0].start < len(cells[0].text) and ps[0].end > last


def _merge_header(cells: list[Cell]) -> list[Cell]:
    """Header cells split over lines joined: a period printed over two to four lines ('Jul 15 -' over 'Jun 16';
    'Jan', '17 -', 'Dec', '17'); a lone '%' over the words it qualifies; a change over the periods it compares."""
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        c = cells[k]
        n = next((n for n in (4, 3, 2) if k + n <= len(cells) and _spans(cells[k:k + n])), 0)
        if not n and k + 1 < len(cells) and ((c.text in ("%", "(%)") and not vocab.unit(cells[k + 1].text)) or (
                vocab.is_change(c.text) and _only_periods(cells[k + 1].text))):
            n = 2
        if n:
            out.append(Cell(" ".join(x.text for x in cells[k:k + n]), cells[k + n - 1].line))
            k += n
            continue
        out.append(c)
        k += 1
    return out


def _row_width(cells: list[Cell], k: int) -> int:
    """How many figures follow the label at ``k`` (0 when ``k`` is not a label)."""
    if k >= len(cells) or figure_cell(cells[k].text) or len(cells[k].text) > _MAX_CELL:
        return 0
    j = k + 1
    while j < len(cells) and figure_cell(cells[j].text):
        j += 1
    return j - k - 1


def _rows(cells: list[Cell], start: int) -> tuple[list[tuple[Cell, list[Cell]]], int]:
    """Rows of (label, figures) from ``start`` while each has the same number of figures."""
    rows: list[tuple[Cell, list[Cell]]] = []
    k = start
    while k < len(cells) and not figure_cell(cells[k].text) and len(cells[k].text) <= _MAX_CELL:
        j = k + 1
        while j < len(cells) and figure_cell(cells[j].text):
            j += 1
        if j == k + 1 and rows and _row_width(cells, k + 1) == len(rows[0][1]):
            k += 1  # a row printed with no figures ('YOT Family' and blank cells): the next row goes on
            continue
        if j == k + 1 or (rows and j - k - 1 != len(rows[0][1])):
            break
        rows.append((cells[k], cells[k + 1:j]))
        k = j
    return rows, k


def _axis(text: str, council: Optional[str]) -> Axis:
    if vocab.is_change(text):
        return Axis(text, change=True, period=_period_of(text))
    period = _period_of(text)
    if period and (_whole_period(text) or not vocab.scope(text, council)):
        return Axis(text, period=period)
    return Axis(text, place=vocab.scope(text, council))


def _axis_ticks(cells: list[Cell], k: int) -> int:
    """How many figure cells ending at ``k`` are a chart axis: at least four, evenly spaced (0 when not)."""
    j = k
    values = []
    while j >= 0 and (n := number(cells[j].text)) is not None:
        values.append(n[0])
        j -= 1
    steps = {b - a for a, b in zip(values, values[1:])}
    return len(values) if len(values) >= 4 and len(steps) == 1 and steps != {0} else 0


def _header(cells: list[Cell], first: int) -> list[Cell]:
    """The short cells above a grid's first row (most recent last), stopping at prose or a figure."""
    out: list[Cell] = []
    k = first - 1
    while k >= 0 and len(out) < _MAX_HEADER:
        c = cells[k]
        if figure_cell(c.text):  # '17' ending a period printed over lines ('Jan', '17 -', 'Dec', '17')
            n = next((n for n in (4, 3, 2) if k - n + 1 >= 0 and _spans(cells[k - n + 1:k + 1])), 0)
            axis = _axis_ticks(cells, k)
            if axis:  # a chart's axis (0.90, 0.80, ... 0.00) printed between its title and its data labels
                k -= axis
                continue
            if not n:
                break
            out += cells[k - n + 1:k + 1][::-1]
            k -= n
            continue
        if len(c.text) > _MAX_CELL:
            break
        out.append(c)
        k -= 1
    return _merge_header(out[::-1])


def _title(doc: Document, header: list[Cell], columns: int) -> list[str]:
    """The title: header cells that are not column labels, and the few lines above them, up to the nearest that
    names a measure."""
    own = [c.text for c in header[:len(header) - columns]]
    if any(vocab.measures(t) for t in own):
        return own
    top = header[0].line if header else 0
    heading = _heading_above(doc, top)
    return ([heading] if heading else []) + own


def _heading_above(doc: Document, top: int) -> Optional[str]:
    """The nearest heading above a grid naming one measure, within a few lines of text; prose on the way may talk
    about that measure, never about another."""
    seen: set[str] = set()
    texts = 0
    for k in range(top - 1, -1, -1):
        text = " ".join(doc.lines[k].text.split())
        if not text:
            continue
        texts += 1
        names = set(vocab.measures(text))
        if names and _heading(text) and len(names) == 1 and not seen - names:
            return text
        seen |= names
        if len(seen) > 1 or texts >= _TITLE_BACK:
            return None
    return None


def _heading(text: str) -> bool:
    """A heading line, not prose: short enough, and no sentence ends in it."""
    return len(text) <= 1.6 * _MAX_CELL and not re.search(r"[.!?;]\s|[.!?]$", text)


def _unit_blocks(title: str, columns: list[Axis]) -> Optional[list[Optional[str]]]:
    """Units the title names in order, one per block of columns whose periods repeat ('Binary rate' and
    're-offences per re-offender' over two periods each); None when the title does not divide the columns so."""
    units = [t.value for t in vocab.terms(title, "unit")]
    units = [u for k, u in enumerate(units) if not k or units[k - 1] != u]
    if len(units) < 2 or len(columns) % len(units):
        return None
    width = len(columns) // len(units)
    labels = [c.period for c in columns]
    if labels[:width] * len(units) != labels:
        return None
    return [units[k // width] for k in range(len(columns))]


@dataclass(frozen=True)
class Grid:
    title: str
    columns: list[Axis]
    rows: list[tuple[Axis, list[Cell]]]
    subject: str = ""  # the title's nearest part that names a measure


def _subject(title_cells: list[str]) -> str:
    """From the nearest title cell up: the first that names a measure (with the lines just above it that name a
    measure or unit, a title printed over lines), and the cells below it."""
    def names(t: str) -> bool:
        return bool(vocab.measures(t) or vocab.unit(t) or vocab.terms(t, "unit"))
    for k in range(len(title_cells) - 1, -1, -1):
        if vocab.measures(title_cells[k]) and _heading(title_cells[k]):  # a heading, not a sentence about it
            while k > 0 and len(title_cells[k - 1]) <= 30 and names(title_cells[k - 1]):  # a title printed over lines ('Binary Rate of', 'Re-offending')
                k -= 1
            return " ".join(title_cells[k:])
    return " ".join(t for t in title_cells if not vocab.measures(t))


_LEGEND = re.compile(r"^(?P<key>[A-Za-z0-9]{1,3})\s*[:=]\s*(?P<what>.+)$")


def legends(header: list[Cell]) -> tuple[list[Cell], dict[str, str]]:
    """Key cells ('A: April 15-March 16') taken out of a header: what each short column label stands for."""
    keys: dict[str, str] = {}
    rest = []
    for c in header:
        m = _LEGEND.match(c.text)
        if m and _whole_period(m.group("what")):
            keys[m.group("key").lower()] = m.group("what")
        else:
            rest.append(c)
    return rest, keys


def _two_level(header: list[Cell], width: int, council: Optional[str],
               keys: dict[str, str]) -> Optional[tuple[list[Axis], int]]:
    """Sub-columns repeated under upper labels ('Sentenced', 'Rate' under each of five periods): each column
    takes its upper label's period or place. Returns the columns and how many header cells they used."""
    subs_text = [c.text for c in header[len(header) - width:]]
    subs = [t.lower() for t in subs_text]
    for m in range(2, width // 2 + 1):
        if width % m or subs[:m] * (width // m) != subs or len(set(subs[:m])) != m:
            continue
        uppers = header[len(header) - width - width // m:len(header) - width]
        axes = [_axis(u.text, council) for u in uppers]
        if len(uppers) != width // m or not all(a.period or a.place for a in axes):
            return None
        cols = [_axis(f"{header[len(header) - width + c].text} ({uppers[c // m].text})", council)
                for c in range(width)]
        cols = [replace(col, period=axes[c // m].period or (_period_of(keys[subs[c]]) if subs[c] in keys else None),
                        place=axes[c // m].place, own=subs_text[c] if subs[c] not in keys else "")
                for c, col in enumerate(cols)]
        return cols, width + width // m
    return None


def grids(doc: Document, council: Optional[str]) -> Iterator[Grid]:
    cells = _cells(doc)
    k = 0
    while k < len(cells):
        rows, end = _rows(cells, k)
        if not rows or (len(rows) < 2 and len(rows[0][1]) < 2):
            k += 1
            continue
        width = len(rows[0][1])
        header, keys = legends(_header(cells, k))
        if len(header) >= width:
            columns = [_axis(c.text, council) for c in header[len(header) - width:]]
            used = width
            if {sort_of(c) for c in columns} == {"place"} and len({c.text.lower() for c in columns}) < width or \
                    {sort_of(c) for c in columns} <= {None, "metric", "place"}:
                two = _two_level(header, width, council, keys)
                if two:
                    columns, used = two
            title_cells = _title(doc, header, used)
            yield Grid(" ".join(title_cells), columns, [(_axis(lab.text, council), vals) for lab, vals in rows],
                       _subject(title_cells))
        k = end


def _measure(texts: list[str]) -> Optional[str]:
    for t in texts:
        names = vocab.measures(t)
        if len(names) == 1:
            return names[0]
        if names:
            return None
    return None


def _unit_of(texts: list[str], pct: bool, change: bool, indicator: str, block: Optional[str],
             stated: dict[str, str]) -> Optional[str]:
    """The unit of a figure: a change printed with '%' is a percent change; else its column's or row's own words,
    the title's block of columns, the title's words, the '%' it is printed with, then, where a label says 'rate', the
    one rate unit the document states for the measure. A rate or count printed with '%' is not read."""
    if change:
        return "percent_change" if pct else None
    said = next((u for t in texts[:-1] if (u := vocab.unit(t))), None) or block or vocab.unit(texts[-1])
    if said:
        return said if said == "percent" or not pct else None
    if pct:
        return "percent"
    if not any(re.search(r"\brates?\b", t, re.I) for t in texts):
        return None
    return stated.get(indicator) or vocab.conventional_rate(indicator)


def _usable(a: Axis) -> bool:
    return sort_of(a) is not None


def sort_of(a: Axis) -> Optional[str]:
    """What a label is: a place, a period, a change, a metric (names a measure, unit, kind or a figure that is
    not the measure), or None."""
    if a.change:
        return "change"
    if a.period:
        return "period"
    if a.place:
        return "place"
    if a.text in ("%", "(%)") or vocab.unit(a.text) or vocab.measures(a.text) or vocab.kind(a.text) \
            or vocab.not_a_measure(a.text) or vocab.terms(a.text, "metric"):
        return "metric"
    return None


def _consistent(g: Grid) -> bool:
    """Every column label of one sort, and rows of another ('Oldham', 'North West' over periods; periods over
    places; metrics over places): a grid whose labels say otherwise was not read in order."""
    sorts = {"period" if sort_of(c) == "change" else sort_of(c) for c in g.columns
             if not (c.period is None and vocab.kind(c.text) in ("target", "threshold"))} or {"metric"}
    if len(sorts) != 1 or None in sorts:  # a Target column beside period columns is the target's
        return False
    rows = {"period" if sort_of(r) == "change" else sort_of(r) for r, _ in g.rows} - {None}
    return not (rows & sorts) - {"metric"}  # measures over metrics (a Rate row, a Target row) is a grid


def _known_places(g: Grid) -> Grid:
    """A place the vocabulary does not know ('Bradford') is a comparator only in a grid that also has a place it
    knows (the council, a region, the family, England); otherwise such labels are something else ('Sentenced',
    'Premises') and are dropped."""
    axes = g.columns + [r for r, _ in g.rows]
    if any(a.place and a.place[0] != "other_comparator" for a in axes):
        return g
    def strip(a: Axis) -> Axis:
        return replace(a, place=None) if a.place else a
    return Grid(g.title, [strip(c) for c in g.columns], [(strip(r), v) for r, v in g.rows], g.subject)


def _dated_changes(rows: list[tuple[Axis, list[Cell]]]) -> list[tuple[Axis, list[Cell]]]:
    """A change row that names no period compares the period rows above it: the first with the last
    ('Jan 18 - Dec 18 compared with Jan 17 to Dec 17')."""
    out = []
    above: list[str] = []
    for row, values in rows:
        if row.change and not row.period and above:
            label = above[0] if len(above) == 1 else f"{above[0]} compared with {above[-1]}"
            row = replace(row, period=label)
            above = []
        elif row.period and not row.change:
            above.append(row.period)
        out.append((row, values))
    return out


def grid_figures(doc: Document, council: Optional[str], stated: dict[str, str]) -> list[GridFigure]:
    out: list[GridFigure] = []
    for g in filter(_consistent, map(_known_places, grids(doc, council))):
        blocks = _unit_blocks(g.subject, g.columns)
        for row, values in _dated_changes(g.rows):
            for c, (col, cell) in enumerate(zip(g.columns, values)):
                fig = _figure(g, row, col, cell, blocks[c] if blocks else None, stated)
                if fig:
                    out.append(fig)
    return out


def _words(a: Axis) -> str:
    """A label's own words, without the period or place it names ('Number recorded in Quarter 1' -> 'Number
    recorded in'; 'Sentenced (Apr 14 - Mar 15)' -> 'Sentenced'; 'Oldham' -> '')."""
    if a.own is not None:
        return a.own
    if a.place and not a.period:
        return ""
    text = a.text
    for p in reversed(find_periods(text)):
        text = text[:p.start] + text[p.end:]
    return " ".join(text.split()).strip(" ()-:,")


def _figure(g: Grid, row: Axis, col: Axis, cell: Cell, block_unit: Optional[str],
            stated: dict[str, str]) -> Optional[GridFigure]:
    if vocab.not_a_measure(row.text) or vocab.not_a_measure(col.text) or vocab.other_topic(
            f"{row.text} {col.text} {g.title}"):
        return None
    own = [w for w in (_words(col), _words(row)) if w]
    indicator = _measure(own + [g.subject])
    parsed = number(cell.text)
    titled = vocab.measures(g.subject)
    breakdown = len(titled) == 1 and titled[0] != indicator  # a row of another measure under a one-measure title
    if indicator is None or parsed is None or not (_usable(row) and _usable(col)) or breakdown:
        return None
    value, mark = parsed
    change = row.change or col.change or (vocab.is_change(g.subject) and vocab.unit(_words(col)) != "count")
    if mark == "pp":
        unit: Optional[str] = "percentage_points"
    elif change and not mark:  # a change printed without a mark is in the measure's own unit: a difference of
        said = next((u for w in own + [g.subject] if (u := vocab.unit(w))), block_unit)  # rates, of percentages
        unit = "percentage_points" if said == "percent" else said if said and said.startswith("per_") else None
    else:
        unit = _unit_of(own + [g.subject], mark == "%", change, indicator, block_unit, stated)
    if unit is None:
        return None
    place = row.place or col.place
    period = row.period or col.period or _last_period(g.subject) or _last_period(g.title)
    scope, comparator = place if place else ("local", None)
    kind = next((k for a in (col, row) if not a.change and (k := vocab.kind(a.text))), "actual")
    statement = f"{g.title} — {row.text}, {col.text}: {cell.text}"
    return GridFigure(indicator, value, cell.text, unit, scope, comparator, period, kind, statement, cell.line)

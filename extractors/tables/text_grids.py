"""Candidate tables in a Document's lines, in the shapes text conversions really produce.

- ``tab``: tab-separated rows (HTML rows arrive this way too); ``<b>`` tags are stripped.
- ``markdown``: pipe tables (``| a | b |``), the separator row dropped.
- ``flattened``: a whole table on one line, blanks lost (``Income Staff (£) ... Police 54,015  54,015 ...``);
  text printed in a money cell ('TBC', 'n/a', 'See note', 'in kind') stays in its row, and an upper-case section
  heading run into a label is a row of its own.
- ``spaced-rows``: one row per line, single spaces between cells, under a header line that names columns (or
  years); label lines without amounts between rows stay rows. Cutting a one-line header into column names is
  :mod:`extractors.tables.header_words` (with the caller's vocabulary).
- ``cr-cells``: one cell per line, a bare CR ending each cell; CRLF-ended lines before it wrap inside the
  same cell. Empty cells are mostly kept, sometimes dropped.
- ``reader``: grids a reader found structurally (``Document.tables``); their lines are not searched again.

A :class:`TextTable` is a header (text cells) and rows (a label cell plus value cells). Nothing here knows
what a budget is; ``positional`` says whether a row's value cells keep their column positions.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Optional

from extractors.tables.segments import cr_segments
from normalisers.money import is_blank, parse_amount
from pipeline.records import Document, Provenance, Table

log = logging.getLogger(__name__)

MAX_WRAP_LINES = 3  # CRLF-ended lines that may wrap inside one CR cell
MAX_CELL_CHARS = 160  # a longer line is prose, not a table cell
PROSE_WORDS = 10  # a CRLF line of this many words is a paragraph, not a wrapped cell
HEADER_RUN = 4
HEADER_LINES_BACK = 3  # lines above a reader grid searched for its column headings (a section title between)  # this many text cells in a row start a new table inside a run of CR cells
_TAG = re.compile(r"</?\w+[^>]*>")
_PLACEHOLDER = re.compile(r"^(n/?a|nil|none|tbc|tbd|tba|various|-?\d+(\.\d+)?\s?%)$", re.I)
_MD_SEP = re.compile(r"^\s*\|?\s*:?-{3,}")
_FLAT_NUM = re.compile(r"£?\s?\(?\d{1,3}(?:,\s?\d{3})+(?:\.\d\d)?\)?|£?\s?(?<![/\w])\d{1,3}(?:\.\d\d)?(?=\s|$)"
                       r"|(?<![/\w])£?\s?\d{4,8}(?:\.\d\d)?(?=\s|$)|(?<=\s)£?\s?[-–](?=\s|$)")
_YEAR_HEADING = re.compile(r"(?<![\w/])(?:20\d\d\s?[/-]\s?(?:20)?\d\d|\d\d/\d\d)(?![\w/])")  # columns by year
_DASH = re.compile(r"^£?\s?[-–]$")
_DIGIT_RUN = re.compile(r"\d+")
_FLAT_HEADER_END = re.compile(r"(?<!\S)£(?!\S)|\(£\)|£'?s|\btotal\b|delegated\s+funds|in[\s-]+kind|"
                              r"staffing(?:\s+costs)?", re.I)  # a lone '£' heads a column too


@dataclass(frozen=True)
class TCell:
    """One cell: its text (wrapped lines joined by newlines), the line indices it spans, its parts."""

    text: str
    line: int  # index into Document.lines of its first line; -1 when unknown
    parts: tuple[str, ...] = ()  # the wrapped lines, when the cell spans several
    prov: Optional[Provenance] = None  # set for cells of reader tables (PDF page/bbox)

    @property
    def clean(self) -> str:
        return re.sub(r"\s+", " ", _TAG.sub("", self.text)).strip()


@dataclass(frozen=True)
class TRow:
    label: TCell
    values: tuple[TCell, ...]
    positional: bool  # True when each value cell is in its printed column (from the left)
    gaps: tuple[int, ...] = ()  # flattened rows: the spaces printed before each value (a hint, not a position)

    @property
    def line(self) -> int:
        return self.label.line if self.label.line >= 0 else next((v.line for v in self.values if v.line >= 0), -1)

    @property
    def prov(self) -> Optional[Provenance]:
        """For a reader table's row: the label cell's provenance with its bbox grown over the row's cells
        on the same page, so the box covers the printed row (None for rows read from text lines)."""
        p = self.label.prov or next((v.prov for v in self.values if v.prov is not None), None)
        if p is None or p.bbox is None:
            return p
        boxes = [c.prov.bbox for c in (self.label, *self.values)
                 if c.prov is not None and c.prov.bbox is not None and c.prov.page == p.page]
        return replace(p, bbox=(min(b[0] for b in boxes), min(b[1] for b in boxes),
                                max(b[2] for b in boxes), max(b[3] for b in boxes)))


@dataclass(frozen=True)
class TextTable:
    header: tuple[TCell, ...]
    rows: tuple[TRow, ...]
    method: str
    first_line: int
    last_line: int
    prov: Optional[Provenance] = None
    caption: str = ""  # a title printed inside the grid (a second table's heading in a grid read as one)

    @property
    def header_text(self) -> str:
        return " | ".join(c.clean for c in self.header)


def is_value(text: str) -> bool:
    """A cell that holds a money-like amount, a nil dash, a placeholder (n/a, tbc) or nothing (not a label)."""
    if is_blank(text) or _PLACEHOLDER.match(text.strip()):
        return True
    if parse_amount(text) is not None:
        return True
    nums = [parse_amount(t) for t in text.split()]
    return bool(nums) and all(a is not None and a.value is not None for a in nums)


_LAST: dict[int, tuple[Document, list["TextTable"]]] = {}  # the last document's tables: several readers ask for them


def find_tables(doc: Document) -> list[TextTable]:
    """Every candidate table, in reading order (computed once per document: the budget and statement readers
    both ask)."""
    hit = _LAST.get(id(doc))
    if hit is not None and hit[0] is doc:
        return list(hit[1])
    tables = _find_tables(doc)
    _LAST.clear()
    _LAST[id(doc)] = (doc, tables)
    return list(tables)


def _find_tables(doc: Document) -> list[TextTable]:
    covered = _covered(doc)
    found = [t for t in (_from_reader(doc, tb) for tb in doc.tables) if t is not None]
    for finder in (_tab_tables, _markdown_tables, _flattened_tables, _spaced_tables, _cr_tables):
        found.extend(t for t in finder(doc) if not (covered & set(range(t.first_line, t.last_line + 1))))
    return sorted((p for t in _drop_nested(found) for p in split_at_repeated_header(t)), key=lambda t: t.first_line)


def _header_row(cells: list[str]) -> bool:
    """A row of column headings (no amounts; two or more cells name amount columns)."""
    heads = [c for c in cells[1:] if c]
    return len(heads) >= 2 and all(_FLAT_HEADER_END.search(c) and len(c) <= 40 and not is_value(c) for c in heads)


def split_at_repeated_header(t: TextTable) -> list[TextTable]:
    """Two tables read as one grid (a PDF reader joining tables a caption apart): a row that repeats the header
    starts a new table, and a row without amounts just before it is that table's caption."""
    head = [c.clean for c in t.header]
    if not any(any(is_value(v.clean) and not is_blank(v.clean) for v in r.values) for r in t.rows):
        return [t]
    for k, r in enumerate(t.rows):
        cells = [r.label.clean, *(v.clean for v in r.values)]
        same = sum(1 for h in head if h) >= 2 and cells[:len(head)] == head
        if k and (same or _header_row(cells)):
            before = t.rows[k - 1]
            caption = before if not any(is_value(v.clean) and not is_blank(v.clean) for v in before.values) \
                and not is_value(before.label.clean) else None
            first = t.rows[:k - 1] if caption else t.rows[:k]
            title = " ".join(x for x in [caption.label.clean, *(v.clean for v in caption.values)] if x) if caption else ""
            start = (caption or r).line if (caption or r).line >= 0 else t.first_line
            second = TextTable((r.label, *r.values), t.rows[k + 1:], f"{t.method}+split", start, t.last_line, t.prov,
                               title)
            return [replace(t, rows=first), *split_at_repeated_header(second)]
    return [t]


def _covered(doc: Document) -> set[int]:
    out: set[int] = set()
    for t in doc.tables:
        if t.first_line >= 0:
            out.update(range(t.first_line, max(t.first_line, t.last_line) + 1))
    return out


def _drop_nested(tables: list[TextTable]) -> list[TextTable]:
    """A CR table absorbs the tab rows that follow it; drop the tab table found for the same lines."""
    keep = []
    for t in tables:
        inside = any(o is not t and o.first_line <= t.first_line and t.last_line <= o.last_line
                     and len(o.rows) > len(t.rows) for o in tables)
        if not inside:
            keep.append(t)
    return keep


# --------------------------------------------------------------------------- reader tables


def _from_reader(doc: Document, table: Table) -> Optional[TextTable]:
    rows = [[TCell(c.text, -1, prov=c.prov) for c in r] for r in table.rows if r]
    t = _rows_to_table(rows, f"reader-{table.method}", table.first_line, max(table.first_line, table.last_line) + 1)
    if t is None:
        return None
    prov = next((c.prov for r in table.rows for c in r if c.prov is not None), None)
    named = [c.clean for c in t.header[1:] if c.clean and not re.fullmatch(r"\(?£'?s?\)?", c.clean)]
    header = t.header if named else _line_header(doc, table, t.header)
    return TextTable(header, t.rows, t.method, t.first_line, t.last_line, prov)


def _line_header(doc: Document, table: Table, header: tuple[TCell, ...]) -> tuple[TCell, ...]:
    """A grid whose column headings were printed as one line of text above it (not found as a grid row)."""
    for i in (table.first_line, *range(table.first_line - 1, table.first_line - 1 - HEADER_LINES_BACK, -1)):
        if 0 <= i < len(doc.lines):
            text = doc.lines[i].text.strip()
            if text and "\t" not in text and _FLAT_HEADER_END.search(text) and len(text) <= MAX_CELL_CHARS \
                    and not _sentence(text) and not text.endswith(".") \
                    and not any(k == "num" for k, _, _ in _pieces(text)):
                return (TCell(text, i, prov=doc.prov(i, text, "tables")),)
    return header


# --------------------------------------------------------------------------- tab and markdown rows


def _split_rows(doc: Document, start: int, end: int, sep: str) -> list[list[TCell]]:
    rows = []
    for i in range(start, end):
        text = doc.lines[i].text.strip().strip("|") if sep == "|" else doc.lines[i].text
        rows.append([TCell(c, i) for c in text.split(sep)])
    return rows


def _has_amount(row: list[TCell]) -> bool:
    return any(is_value(c.clean) and not is_blank(c.clean) for c in row[1:])


def _rows_to_table(rows: list[list[TCell]], method: str, start: int, end: int) -> Optional[TextTable]:
    """Leading rows without amounts are the header (several header rows are joined column by column)."""
    if len(rows) < 2:
        return None
    rows = _merge_currency_columns(rows)
    k = 1 if not _has_amount(rows[0]) else 0
    while 0 < k < len(rows) - 1 and _continues_header(rows[k]):
        k += 1
    header = _join_header_rows(rows[:k])
    body = tuple(TRow(r[0], tuple(r[1:]), True) for r in rows[k:] if any(c.clean for c in r))
    return TextTable(header, body, method, start, end - 1) if body else None


def _merge_currency_columns(rows: list[list[TCell]]) -> list[list[TCell]]:
    """A '£' printed in a column of its own before each amount (a £ in every cell) joins the amount's cell."""
    if not any(c.text.strip() == "£" for r in rows for c in r[1:]):
        return rows
    width = max(len(r) for r in rows)
    grid = [r + [TCell("", r[-1].line)] * (width - len(r)) for r in rows]
    with_amounts = [k for k, r in enumerate(rows) if _has_amount(r)]
    merged = False
    j = 1
    while j < width - 1:
        col = [grid[k][j].clean for k in with_amounts]
        if col and all(c in ("", "£") for c in col) and "£" in col:
            grid = [r[:j] + [_joined_cell(r[j], r[j + 1])] + r[j + 2:] for r in grid]
            width -= 1
            merged = True
        j += 1
    return grid if merged else rows


def _joined_cell(a: TCell, b: TCell) -> TCell:
    if not b.clean:
        return a
    return TCell(f"{a.text.strip()} {b.text.strip()}".strip(), b.line if b.line >= 0 else a.line, prov=b.prov or a.prov)


def _continues_header(row: list[TCell]) -> bool:
    """A second header row: no amounts, and text above the amount columns (not just a label)."""
    return not _has_amount(row) and any(c.clean and not is_value(c.clean) for c in row[1:])


def _spanned(row: list[TCell], last: list[TCell]) -> list[TCell]:
    """An upper header row whose cells span columns (``| 2018/19 | | | 2019/20 | | |`` over the column names):
    each cell heads the empty cells after it, when there are two or more and the bottom row names every column."""
    named = [c for c in range(1, len(row)) if row[c].clean]
    if len(named) < 2 or len(last) < len(row) or not all(last[c].clean for c in range(named[0], len(row))):
        return row
    out = list(row)
    for c in range(named[0] + 1, len(row)):
        if not out[c].clean:
            out[c] = TCell(out[c - 1].text, out[c - 1].line, prov=out[c - 1].prov)
    return out


def _join_header_rows(rows: list[list[TCell]]) -> tuple[TCell, ...]:
    if len(rows) <= 1:
        return tuple(rows[0]) if rows else ()
    width = max(len(r) for r in rows)
    rows = [_spanned(r, rows[-1]) for r in rows[:-1]] + [rows[-1]]
    cols = []
    for c in range(width):
        parts = [r[c] for r in rows if c < len(r) and r[c].clean]
        first = parts[0] if parts else next(r[c] for r in rows if c < len(r))
        cols.append(TCell(" ".join(p.clean for p in parts), first.line, prov=first.prov))
    return tuple(cols)


def _runs(doc: Document, test: Callable[[int], bool]) -> Iterator[tuple[int, int]]:
    i, n = 0, len(doc.lines)
    while i < n:
        if test(i):
            j = i
            while j < n and test(j):
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def _tab_tables(doc: Document) -> Iterator[TextTable]:
    def is_tab(i: int) -> bool:
        text = doc.lines[i].text
        return "\t" in text and bool(text.replace("\t", "").strip())
    for start, end in _runs(doc, is_tab):
        t = _rows_to_table(_split_rows(doc, start, end, "\t"), "tab", start, end)
        if t is not None:
            yield t


def _markdown_tables(doc: Document) -> Iterator[TextTable]:
    def is_pipe(i: int) -> bool:
        return doc.lines[i].text.strip().startswith("|") and doc.lines[i].text.count("|") >= 3
    for start, end in _runs(doc, is_pipe):
        rows = [r for r, i in zip(_split_rows(doc, start, end, "|"), range(start, end))
                if not _MD_SEP.match(doc.lines[i].text)]
        t = _rows_to_table(rows, "markdown", start, end)
        if t is not None:
            yield t


# --------------------------------------------------------------------------- one table on one line


def _flattened_tables(doc: Document) -> Iterator[TextTable]:
    for i, line in enumerate(doc.lines):
        text = line.text
        if "\t" in text or len(_DIGIT_RUN.findall(text)) + text.count("-") + text.count("–") < MIN_FLAT_AMOUNTS \
                or len(_FLAT_NUM.findall(text)) < MIN_FLAT_AMOUNTS:  # (every amount holds digits or is a dash)
            continue
        t = _flattened(text, i)
        if t is not None:
            yield t


def _flattened(text: str, i: int) -> Optional[TextTable]:
    """Split one line into header, then label + numbers per row (positions unknown: blanks were lost)."""
    pieces = _pieces(text)
    if not pieces or pieces[0][0] != "text":
        return None
    first = pieces[0][1]
    years = [m.end() for m in _YEAR_HEADING.finditer(first)]
    ends = sorted([m.end() for m in _FLAT_HEADER_END.finditer(first)] + (years if len(years) >= 2 else []))
    if not ends:
        return None
    ends = [_over_lower_words(first, e) for e in ends]  # 'Total income': the heading's lower-case words too
    cuts = [e for e in ends if first[e:].strip() and not first[e:].strip()[0].islower()]  # a label follows
    cut = cuts[-1] if cuts else ends[-1]
    header = (TCell(first[:cut].strip(), i),)
    pieces[0] = ("text", first[cut:], 0)
    rows = _flat_rows(pieces, i)
    if len(rows) < 2 or any(_sentence(r.label.clean) for r in rows):
        return None  # sentences with figures in them, not a table
    return TextTable(header, tuple(rows), "flattened", i, i)


def _over_lower_words(text: str, end: int) -> int:
    """``end`` moved past the lower-case words right after it."""
    m = re.match(r"(?:\s+[a-z][\w'’-]*)+", text[end:])
    return end + m.end() if m else end


def _sentence(text: str) -> bool:
    """Many words, most of them lower case: prose, not a row label."""
    words = text.split()
    return len(words) >= PROSE_WORDS and sum(w[0].islower() for w in words) * 2 >= len(words)


def _pieces(text: str) -> list[tuple[str, str, int]]:
    """A line as text and amount pieces: ("text"|"num", piece, spaces printed before a number)."""
    pieces: list[tuple[str, str, int]] = []
    pos = 0
    matches = list(_FLAT_NUM.finditer(text))
    for k, m in enumerate(matches):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        between = text[pos:start]
        if _DASH.match(m.group(0).strip()) and not _nil_dash(text, matches, k, between):
            continue  # a dash inside a label ('Youth Justice Board - JAC Grant'), not a nil amount
        if between.strip():
            pieces.append(("text", between, 0))
        pieces.append(("num", m.group(0), len(between) - len(between.rstrip())))
        pos = m.end()
    if text[pos:].strip():
        pieces.append(("text", text[pos:], 0))
    return pieces


# --------------------------------------------------------------------------- rows on their own lines, spaces between


def _spaced_row(i: int, text: str) -> Optional[TRow]:
    """``Clinical Commissioning Group 148,000 88,353 236,353``: a label, then only amounts (blanks lost)."""
    if "\t" in text or "|" in text or len(text) > MAX_CELL_CHARS:
        return None
    pieces = _pieces(text)
    if len(pieces) < 2 or pieces[0][0] != "text" or not any(k == "num" for k, _, _ in pieces[1:]):
        return None
    label, texts = label_and_texts(pieces[0][1])
    cells: list[tuple[str, int]] = [(t, 1) for t in texts]
    for kind, piece, gap in pieces[1:]:
        if kind == "num":
            cells.append((piece.strip(), gap))
            continue
        found, rest = cell_texts(piece)  # 'TBC', 'See note' printed where an amount stands
        if rest:
            return None
        cells += [(t, 1) for t in found]
    if not re.search(r"[A-Za-z]{2}", label) or _sentence(label):
        return None
    return TRow(TCell(label, i), tuple(TCell(c, i) for c, _ in cells), False, tuple(g for _, g in cells))


def _section_row(i: int, text: str) -> Optional[TRow]:
    """A short heading line among spaced rows ('PARTNERS CONTRIBUTIONS TO POOL BUDGET', 'Other grants'), right
    before a row: a row with a label and no amounts, as the same table's section row is in a tab-separated form."""
    label = text.strip()
    if not label or len(label) > MAX_SECTION_CHARS or "\t" in text or "|" in text or _sentence(label) \
            or not re.search(r"[A-Za-z]{2}", label) or any(k == "num" for k, _, _ in _pieces(text)):
        return None
    return TRow(TCell(label, i), (), False)


MAX_SECTION_CHARS = 60
MIN_FLAT_AMOUNTS = 4  # a table on one line prints at least this many amounts (two rows of two, a row and a Total)
MAX_BARE_ROWS = 12  # lines of labels without amounts, between spaced rows


def _rows_without_amounts(doc: Document, j: int) -> list[TRow]:
    """Short label lines without amounts (a section heading, or rows that printed no amount) right before a
    spaced row: rows of the same table, as a tab-separated form keeps them."""
    out: list[TRow] = []
    while j + len(out) < len(doc.lines) and len(out) < MAX_BARE_ROWS:
        k = j + len(out)
        if _spaced_row(k, doc.lines[k].text) is not None:
            return out
        r = _section_row(k, doc.lines[k].text)
        if r is None:
            return []
        out.append(r)
    return []


MAX_HEADER_CHARS = 2 * MAX_CELL_CHARS  # a header line names every column (a dozen funders, say)


def _header_line(text: str) -> bool:
    """A line that names columns and prints no amount: the header over spaced rows."""
    head = text.strip()
    names = bool(_FLAT_HEADER_END.search(head)) or len(_YEAR_HEADING.findall(head)) >= 2  # or years side by side
    return names and not any(k == "num" for k, _, _ in _pieces(head)) and "\t" not in head \
        and (len(head) <= MAX_CELL_CHARS or (len(head) <= MAX_HEADER_CHARS and not _sentence(head)))


def _spaced_tables(doc: Document) -> Iterator[TextTable]:
    """Runs of two or more such rows under a header line that names columns and prints no amount."""
    i, n = 0, len(doc.lines)
    while i < n:
        rows: list[TRow] = []
        j = i
        while j < n:
            r = _spaced_row(j, doc.lines[j].text)
            if r is not None:
                rows.append(r)
                j += 1
                continue
            bare = _rows_without_amounts(doc, j) if rows or _header_line(doc.lines[j - 1].text if j else "") else []
            if not bare:
                break
            rows += bare  # sections, or rows whose empty cells were all lost, under the header or between rows
            j += len(bare)
        head = doc.lines[i - 1].text.strip() if i > 0 else ""
        if sum(bool(r.values) for r in rows) >= 2 and _header_line(head):
            yield TextTable((TCell(head, i - 1),), tuple(rows), "spaced-rows", i - 1, j - 1)
        i = max(j, i + 1)


def _nil_dash(text: str, matches: list[re.Match[str]], k: int, between: str) -> bool:
    """A lone dash is a nil amount when printed with '£', after extra spaces (a lost empty cell), or next to
    another amount."""
    m = matches[k]
    if "£" in m.group(0) or len(between) - len(between.rstrip()) >= 2 or not between.strip() \
            or not text[m.end():].strip():
        return True
    nxt = matches[k + 1] if k + 1 < len(matches) else None
    after = text[m.end():nxt.start()] if nxt is not None else text[m.end():]
    return (nxt is not None and not after.strip()) or (bool(after.strip()) and not cell_texts(after)[1])


def _flat_rows(pieces: list[tuple[str, str, int]], i: int) -> list[TRow]:
    """Rows of a table on one line: a text piece starts a row, unless its first words are text printed in a money
    cell ('TBC', 'n/a', 'See note', 'in kind') of the row before; a label's last words may be such text too; an
    upper-case section heading run into a label is a row of its own (no amounts), as in the grid."""
    rows: list[TRow] = []
    label: Optional[str] = None
    values: list[TCell] = []
    gaps: list[int] = []
    for kind, piece, gap in pieces + [("end", "", 0)]:
        if kind == "num":
            if label is not None:
                values.append(TCell(piece.strip(), i))
                gaps.append(gap)
            continue
        if label is not None and values:
            texts, piece = cell_texts(piece)
            values += [TCell(t, i) for t in texts]
            gaps += [1] * len(texts)
            if not piece.strip() and kind != "end":
                continue
            rows.append(TRow(TCell(label.strip(), i), tuple(values), False, tuple(gaps)))
        heading, piece = section_prefix(piece)
        if heading:
            rows.append(TRow(TCell(heading, i), (), False))
        label, texts = label_and_texts(piece)
        values, gaps = [TCell(t, i) for t in texts], [1] * len(texts)
    return rows


_CELL_TEXT = re.compile(r"(?:tbc|tba|tbd|n/?a|nil|none|unknown)(?=\s|$)|see\s+(?:notes?|below|above)\b", re.I)
_SECTION_WORD = re.compile(r"^['‘’\"(]*[A-Z][A-Z'‘’&/-]*[)'‘’\":]*$")
MAX_TEXT_CELL_WORDS = 4  # a longer run of lower-case words is prose, not text printed in a money cell
MAX_ACRONYM = 4  # an upper-case word this short after a heading may be a funder's acronym (YJB, OPCC)


def cell_texts(piece: str) -> tuple[list[str], str]:
    """The text cells at the start of a piece that follows a row's amounts ('TBC', 'n/a', 'See note', a phrase in
    lower case such as 'in kind'), and the rest (the next row's label)."""
    out: list[str] = []
    rest = piece.strip()
    while rest:
        m = _CELL_TEXT.match(rest)
        if m:
            out.append(m.group(0))
            rest = rest[m.end():].strip()
            continue
        words = rest.split()
        k = next((j for j, w in enumerate(words) if not w[0].islower()), len(words))
        if 0 < k <= MAX_TEXT_CELL_WORDS:
            out.append(" ".join(words[:k]))
            rest = " ".join(words[k:])
            continue
        break
    return out, rest


def label_and_texts(piece: str) -> tuple[str, list[str]]:
    """A label whose last words are placeholders printed in its first money cells ('Police n/a')."""
    words = piece.split()
    k = len(words)
    while k > 1 and _CELL_TEXT.fullmatch(words[k - 1]):
        k -= 1
    return " ".join(words[:k]), words[k:]


def section_prefix(piece: str) -> tuple[str, str]:
    """``PARTNERS CONTRIBUTIONS TO POOL BUDGET Police``: a run of upper-case words before a label (the heading of
    a section whose cells were flattened onto the row's line). Short upper-case words at the end of the run go
    back to the label ('OTHER GRANTS OPCC', 'YOUTH JUSTICE BOARD GRANTS YJB Good Practice Grant'); the heading
    keeps two or more longer words."""
    words = piece.split()
    k = 0
    while k < len(words) and _SECTION_WORD.match(words[k]):
        k += 1
    j = k
    while j > 0 and _letters(words[j - 1]) <= MAX_ACRONYM:
        j -= 1
    if j == len(words) or sum(_letters(w) > MAX_ACRONYM for w in words[:j]) < 2:
        return "", piece
    return " ".join(words[:j]), " ".join(words[j:])


def _letters(word: str) -> int:
    return len(re.sub(r"\W", "", word))


# --------------------------------------------------------------------------- one cell per line (bare CR)


def _cr_cells(doc: Document) -> Iterator[list[TCell]]:
    """Runs of CR cells (segments of :func:`cr_segments`); a cell is up to MAX_WRAP_LINES CRLF lines then the
    line its bare CR ends; more CRLF lines, or a line of prose, end the run."""
    run: list[TCell] = []
    for seg in cr_segments(doc):
        pending: list[int] = []
        for i in seg.wraps:
            pending.append(i)
            if len(pending) > MAX_WRAP_LINES or _is_prose(doc.lines[i].text):
                if run:
                    yield run
                run, pending = [], []
        run.extend(_cells(doc, pending if run else [], seg.line))
    if run:
        yield run


def _cells(doc: Document, wrapped: list[int], i: int) -> list[TCell]:
    """The cell a bare CR ends, with the CRLF lines before it; an amount wrapped before a label (or a label
    before an amount) is a cell of its own whose CR was lost."""
    kinds = {is_value(doc.lines[k].text) for k in wrapped if doc.lines[k].text.strip()}
    if kinds and kinds != {is_value(doc.lines[i].text)} and doc.lines[i].text.strip():
        return [_cell(doc, wrapped), _cell(doc, [i])]
    return [_cell(doc, wrapped + [i])]


def _is_prose(text: str) -> bool:
    return len(text) > MAX_CELL_CHARS or len(text.split()) >= PROSE_WORDS


def _cell(doc: Document, idx: list[int]) -> TCell:
    parts = [doc.lines[i].text for i in idx]
    kept = [p for p in parts if p.strip()]
    first = next((i for i in idx if doc.lines[i].text.strip()), idx[0])
    return TCell("\n".join(kept) if kept else parts[-1], first, tuple(p.strip() for p in kept))


def _cr_tables(doc: Document) -> Iterator[TextTable]:
    for run in _cr_cells(doc):
        parts: list[list[TCell]] = []
        for cells in _split_at_headers(run):
            if parts and _cells_to_table(cells) is None and _cells_to_table(parts[-1]) is not None:
                parts[-1] = parts[-1] + cells  # labels printed without amounts, not a new table's header
            else:
                parts.append(cells)
        for cells in parts:
            t = _cells_to_table(cells)
            if t is not None:
                yield _with_tab_tail(doc, t)


def _split_at_headers(cells: list[TCell]) -> list[list[TCell]]:
    """Split a run where HEADER_RUN text cells follow one another (a new table's header)."""
    starts = [0]
    streak = 0
    for k, c in enumerate(cells):
        streak = 0 if is_value(c.text) else streak + 1
        if streak == HEADER_RUN and k - HEADER_RUN + 1 > starts[-1]:
            starts.append(k - HEADER_RUN + 1)
    return [cells[a:b] for a, b in zip(starts, starts[1:] + [len(cells)])]


def _cells_to_table(cells: list[TCell]) -> Optional[TextTable]:
    """Header = text cells before the first row label; a row = a text cell and the value cells after it."""
    first_label = _first_label(cells)
    if first_label is None:
        return None
    header = [c for c in cells[:first_label] if not is_blank(c.text)]
    rows: list[TRow] = []
    label: Optional[TCell] = None
    values: list[TCell] = []
    for c in cells[first_label:]:
        if is_value(c.text):
            values.append(c)
            continue
        if label is not None:
            rows.append(TRow(label, tuple(values), False))
        label, values = c, []
    if label is not None:
        rows.append(TRow(label, tuple(values), False))
    if len(rows) < 2:
        return None
    last = max(c.line for c in cells)
    return TextTable(tuple(header), tuple(rows), "cr-cells", cells[0].line, last)


def _first_label(cells: list[TCell]) -> Optional[int]:
    """The first row's label: the text cell before the first value cell (an empty corner cell aside);
    when that leaves no header, the text cell right before the first amount."""
    if not any(is_value(c.text) and not is_blank(c.text) for c in cells):
        return None
    seen_text = False
    for k, c in enumerate(cells):
        if not is_value(c.text):
            seen_text = True
        elif seen_text:
            if k - 1 >= HEADER_RUN - 1:  # a header of a few cells, then the first row's label
                return k - 1
            break
    first_amount = next(k for k, c in enumerate(cells) if is_value(c.text) and not is_blank(c.text))
    return next((k for k in range(first_amount - 1, -1, -1) if not is_value(cells[k].text)), None)


def _with_tab_tail(doc: Document, t: TextTable) -> TextTable:
    """Tab-separated rows right after a CR table (a conversion switching format mid-table) are its rows."""
    rows = list(t.rows)
    i = t.last_line + 1
    while i < len(doc.lines) and "\t" in doc.lines[i].text:
        cells = [TCell(c, i) for c in doc.lines[i].text.split("\t")]
        if any(not is_blank(c.text) for c in cells):
            rows.append(TRow(cells[0], tuple(cells[1:]), True))
        i += 1
    if len(rows) == len(t.rows):
        return t
    return TextTable(t.header, tuple(rows), t.method + "+tab", t.first_line, i - 1)

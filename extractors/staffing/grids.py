"""Find staffing grids in a document's text and return them raw: a header text and labelled rows of cell texts.

Three layouts reach us: one cell per line (real conversions, bare-CR cells), tab-separated rows (and tables a
reader found), and a whole grid flattened onto one line with single spaces between cells. Interpreting the
columns is :mod:`extractors.staffing.extract`'s job; this module only finds where the rows and cells are.
"""
from __future__ import annotations

import bisect
import itertools

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from extractors.staffing.numbers import is_value, number as parse_number
from extractors.tables.cell_stream import StreamCell, cell_stream, is_blank, split_spaced
from extractors.tables.header_words import split_header
from extractors.staffing.transposed import is_contract_header, role_label, transpose
from normalisers.staffing_vocab import clean_label, contract_code, ethnicity_group, role_mentions, sex_code, undisclosed
from pipeline.records import Document, Provenance, Table

_TOTAL = re.compile(r"^\s*(grand\s+)?totals?\s*:?\s*$", re.I)
_HEADER_BACK = 45  # header cells looked for before a grid's first row


@dataclass
class RawRow:
    label: str
    values: list[str]
    lines: list[int]  # line index of each value
    label_line: int
    cell_provs: list[Provenance] = field(default_factory=list)  # set for a reader's table cells
    other_labels: list[str] = field(default_factory=list)  # other readings of a label run into empty rows' labels


@dataclass
class RawGrid:
    kind: str  # "fte" | "headcount"
    header: str
    rows: list[RawRow]
    method: str
    first_line: int
    sex_order: tuple[str, str] = ("M", "F")
    notes: list[str] = field(default_factory=list)
    span: Optional[tuple[int, int]] = None  # the lines a reader's table covers
    problems: list[str] = field(default_factory=list)  # what could not be read, said as findings
    alt_header: str = ""  # a table's header rows joined column by column (header cells wrapped over rows)


def is_total(label: str) -> bool:
    return bool(_TOTAL.match(label))


def fte_label(label: str) -> bool:
    return contract_code(label) is not None or is_total(label)


def headcount_label(label: str) -> bool:
    t = clean_label(label)
    if not t or len(t) > 60 or parse_number(t) is not None:
        return False
    return is_total(t) or ethnicity_group(t) is not None or undisclosed(t)


# --------------------------------------------------------------------------- one cell per line


def _rows_from(cells: list[StreamCell], start: int, accept: Callable[[str], bool]) -> tuple[list[RawRow], int]:
    rows: list[RawRow] = []
    k = start
    while k < len(cells):
        cell = cells[k]
        if is_value(cell.text) or not accept(cell.text) or (rows and cell.after_break):
            break
        row = RawRow(clean_label(cell.text), [], [], cell.first)
        k += 1
        while k < len(cells) and is_value(cells[k].text) and not cells[k].after_break:
            row.values.append(cells[k].text)
            row.lines.append(cells[k].first)
            k += 1
        rows.append(row)
        if is_total(row.label) and len(rows) > 1:
            break
    return rows, k


def _header_before(cells: list[StreamCell], start: int) -> str:
    lo = max(0, start - _HEADER_BACK)
    for k in range(start - 1, lo - 1, -1):
        if cells[k].after_break:
            lo = k
            break
    return " | ".join(clean_label(c.text) for c in cells[lo:start] if c.text.strip())


def _fte_anchor(cells: list[StreamCell], k: int) -> bool:
    """A contract label followed by values: five or more, or fewer (blanks lost) under a header of role words."""
    if contract_code(cells[k].text) is None:
        return False
    vals = 0
    for c in cells[k + 1:k + 14]:
        if not is_value(c.text):
            break
        vals += 1
    if vals >= 5:
        return True
    return vals >= 1 and sum(1 for m in role_mentions(_header_before(cells, k)) if m.role != "total") >= 3


def _back_to_total_row(cells: list[StreamCell], k: int) -> int:
    """A Total row printed before the body rows (some grids put it first): start there."""
    j = k - 1
    while j >= 0 and is_value(cells[j].text):
        j -= 1
    numbers = any(not is_blank(c.text) for c in cells[j + 1:k])
    if j >= 0 and numbers and is_total(cells[j].text):
        return j
    return k


def _stream_fte(cells: list[StreamCell], used: set[int]) -> list[RawGrid]:
    out = []
    k = 0
    while k < len(cells):
        if k in used or not _fte_anchor(cells, k):
            k += 1
            continue
        start = _back_to_total_row(cells, k)
        rows, end = _rows_from(cells, start, fte_label)
        header = _header_before(cells, start)
        out.append(RawGrid("fte", header, rows, "cell-lines", cells[start].first))
        used.update(range(start, end))
        k = end
    return out


def _sex_run(cells: list[StreamCell], k: int) -> int:
    """Length (in cells) of an M/F header run starting at k, blanks allowed between; 0 if none."""
    sexes = 0
    j = k
    while j < len(cells) and (sex_code(cells[j].text) or (is_blank(cells[j].text) and sexes)):
        sexes += bool(sex_code(cells[j].text))
        j += 1
    while j > k and is_blank(cells[j - 1].text):
        j -= 1
    return j - k if sexes >= 4 else 0


def _stream_headcount(cells: list[StreamCell], used: set[int]) -> list[RawGrid]:
    out = []
    k = 0
    while k < len(cells):
        run = _sex_run(cells, k) if sex_code(cells[k].text) else 0
        if not run or k in used:
            k += 1
            continue
        sexes = [sex_code(c.text) for c in cells[k:k + run] if sex_code(c.text)]
        rows, end = _rows_from(cells, k + run, headcount_label)
        if rows:
            header = _header_before(cells, k)
            grid = RawGrid("headcount", header, rows, "cell-lines", cells[k].first,
                           (sexes[0] or "M", sexes[1] or "F"))
            grid.notes.append(f"M/F header of {len(sexes)} labels")
            out.append(grid)
        used.update(range(k, end))
        k = max(end, k + 1)
    return out


def stream_grids(doc: Document) -> list[RawGrid]:
    cells = cell_stream(doc)
    used: set[int] = set()
    return _stream_transposed(cells, used) + _stream_fte(cells, used) + _stream_headcount(cells, used)


# --------------------------------------------------------------------------- tab rows and reader tables


def _table_grid(rows: list[list[str]], lines: list[int], method: str,
                provs: Optional[list[list[Provenance]]] = None) -> Optional[RawGrid]:
    body = [i for i, r in enumerate(rows) if len(r) >= 3 and fte_label(r[0])]  # width first: it is cheaper
    kind = "fte"
    if not any(contract_code(rows[i][0]) for i in body):
        flipped = _transposed_table(rows, lines, method, provs)
        if flipped:
            return flipped
        kind = "headcount"
        body = [i for i, r in enumerate(rows) if len(r) >= 3 and headcount_label(r[0])
                and any(parse_number(c) is not None for c in r[1:])]
    if not body:
        return None
    first = body[0]
    header = " | ".join(" | ".join(c for c in r if c.strip()) for r in rows[:first])
    sexes = [code for r in rows[:first] for c in r if (code := sex_code(c))]
    if kind == "headcount" and len(sexes) < 2:
        return None  # a headcount grid prints its sexes ('M F', 'Male Female') under the roles
    raw_rows = [RawRow(clean_label(rows[i][0]), rows[i][1:], [lines[i]] * (len(rows[i]) - 1), lines[i],
                       provs[i][1:] if provs else []) for i in body]
    width = max((len(r) for r in rows[:first]), default=0)
    by_column = " | ".join(" ".join(r[j].strip() for r in rows[:first] if j < len(r) and r[j].strip())
                           for j in range(1, width))
    order = (sexes[0], "F" if sexes[0] == "M" else "M") if kind == "headcount" else ("M", "F")
    return RawGrid(kind, header, raw_rows, method, lines[first], order, alt_header=by_column)


def flip(columns: list[str], header_line: int, body: list[RawRow], method: str) -> Optional[RawGrid]:
    """A transposed grid (role rows under contract columns) back in the template's orientation."""
    found = transpose(columns, [(r.label, len(r.values)) for r in body])
    if found is None or len(body) < 2:
        return None
    header, cols, problems = found
    raw_rows = []
    for j, take in cols:
        src = [body[t] for t in take]
        raw_rows.append(RawRow(clean_label(columns[j]), [r.values[j] for r in src], [r.lines[j] for r in src],
                               header_line, [r.cell_provs[j] for r in src] if all(r.cell_provs for r in src) else []))
    grid = RawGrid("fte", header, raw_rows, method + "-transposed", header_line)
    grid.problems += problems
    return grid


def _transposed_table(rows: list[list[str]], lines: list[int], method: str,
                      provs: Optional[list[list[Provenance]]]) -> Optional[RawGrid]:
    h = next((i for i, r in enumerate(rows) if is_contract_header(r[1:])), None)
    if h is None:
        return None
    body = [RawRow(clean_label(rows[i][0]), rows[i][1:], [lines[i]] * (len(rows[i]) - 1), lines[i],
                   provs[i][1:] if provs else [])
            for i in range(h + 1, len(rows)) if len(rows[i]) >= 2 and role_label(rows[i][0])]
    return flip(rows[h][1:], lines[h], body, method)


def _contract_run(cells: list[StreamCell], k: int) -> int:
    """Length of a run of contract (and Total) label cells starting at k that a role row follows; 0 if none."""
    j = k
    while j < len(cells) and (contract_code(cells[j].text) or is_total(cells[j].text)) and (
            j == k or not cells[j].after_break):
        j += 1
    if j == k or j >= len(cells) or not role_label(cells[j].text) or not is_contract_header(
            [c.text for c in cells[k:j]]):
        return 0
    return j - k


def _stream_transposed(cells: list[StreamCell], used: set[int]) -> list[RawGrid]:
    out = []
    k = 0
    while k < len(cells):
        starts = k not in used and (contract_code(cells[k].text) or is_total(cells[k].text))
        run = _contract_run(cells, k) if starts else 0
        if not run:
            k += 1
            continue
        rows, end = _rows_from(cells, k + run, role_label)
        grid = flip([c.text for c in cells[k:k + run]], cells[k].first, rows, "cell-lines")
        if grid:
            out.append(grid)
            used.update(range(k, end))
        k = max(end, k + 1)
    return out


_PIPE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")  # a Markdown table's |---|---:| line


def _delimited(text: str) -> Optional[tuple[str, list[str]]]:
    """A row of a tab-separated or Markdown (pipe) table: (kind, cells); None for other lines."""
    if "\t" in text:
        return "tab", text.split("\t")
    t = text.strip()
    if t.startswith("|") and t.count("|") >= 3:
        return "markdown", [c.strip() for c in t.strip("|").split("|")]
    return None


def tab_grids(doc: Document) -> list[RawGrid]:
    """Grids in blocks of consecutive delimited lines (a header row may be narrower than the body)."""
    out = []
    i = 0
    n = len(doc.lines)
    while i < n:
        first = _delimited(doc.lines[i].text)
        if first is None:
            i += 1
            continue
        j = i
        rows, lines = [], []
        while j < n and (row := _delimited(doc.lines[j].text)) is not None and row[0] == first[0]:
            if not (row[0] == "markdown" and _PIPE_RULE.match(doc.lines[j].text.strip())):
                rows.append(row[1])
                lines.append(j)
            j += 1
        grid = _table_grid(rows, lines, first[0])
        if grid:
            out.append(grid)
        i = j
    return out


def reader_table_grids(tables: tuple[Table, ...]) -> list[RawGrid]:
    out = []
    for t in tables:
        rows = [[c.text for c in r] for r in t.rows]
        lines = [max(t.first_line, 0)] * len(rows)  # the table's anchor line; cells carry their own provenance
        grid = _table_grid(rows, lines, t.method, [[c.prov for c in r] for r in t.rows])
        if grid:
            grid.span = (t.first_line, t.last_line)
            out.append(grid)
    return out


# --------------------------------------------------------------------------- a grid flattened onto one line

_SEX_WORD = r"\b(?:[MF]|(?:Fe)?[Mm]ales?|FEMALES?|MALES?)\b"
_SEX_RUN = re.compile(rf"(?:{_SEX_WORD} ){{3,}}{_SEX_WORD}")  # two roles or more ('M F M F', 'Male Female ...')


def _wordish(tok: str) -> bool:
    return tok not in ("", "<end>") and parse_number(tok) is None


def split_labels(words: list[str], accept: Callable[[str], bool]) -> list[str]:
    """Consecutive row labels whose rows printed no values ('Fixed Term Outsourced 0.2 2'): the split into the
    most pieces that are each a well-formed label (brackets balanced, none first), and of those one whose pieces
    name different contract types (a grid has one row per contract type): 'Secondee Health (Speech/language) |
    Other/Unspecified Secondee Health', not 'Secondee Health | (Speech/language) Other/Unspecified Secondee
    Health'. The whole run when no split exists."""
    splits = _splits(words, accept)
    if not splits:
        return [" ".join(words)]
    splits = [sp for sp in splits if all(map(_well_formed, sp))] or splits
    most = max(len(sp) for sp in splits)
    best = [sp for sp in splits if len(sp) == most]
    best = [sp for sp in best if _distinct(sp)] or best
    return best[0]


def last_label_readings(words: list[str], accept: Callable[[str], bool], chosen: str) -> list[str]:
    """The other labels the last row (the one whose values follow) could have among the splits as good as the
    chosen one, when they name a different contract type: the split cannot decide, so the row is ambiguous."""
    splits = [sp for sp in _splits(words, accept) if all(map(_well_formed, sp))]
    if not splits:
        return []
    most = max(len(sp) for sp in splits)
    best = [sp for sp in splits if len(sp) == most]
    best = [sp for sp in best if _distinct(sp)] or best
    code = contract_code(chosen)
    return sorted({sp[-1] for sp in best if contract_code(sp[-1]) != code})


def _splits(words: list[str], accept: Callable[[str], bool], cap: int = 200) -> list[list[str]]:
    """Every split of ``words`` into labels (pieces of at most 8 words), up to ``cap`` of them, in order."""
    n = len(words)
    tails: list[list[list[str]]] = [[] for _ in range(n + 1)]
    tails[n] = [[]]
    for start in range(n - 1, -1, -1):
        for end in range(start + 1, min(n, start + 8) + 1):
            piece = " ".join(words[start:end])
            if tails[end] and accept(piece):
                tails[start] += [[piece] + t for t in tails[end][:cap]]
        tails[start] = tails[start][:cap]
    return tails[0]


def _well_formed(label: str) -> bool:
    """A printed label opens each bracket it closes, closes each it opens, and does not begin with one."""
    depth = 0
    for ch in label:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0 and not label.startswith("(")


def _distinct(labels: list[str]) -> bool:
    codes = [contract_code(lab) for lab in labels if not is_total(lab)]
    return None not in codes and len(set(codes)) == len(codes)


def _peel_total(words: list[str]) -> list[str]:
    """'White Irish Total': an empty row's label run into the Total row's."""
    for k in (2, 1):
        if len(words) > k and is_total(" ".join(words[-k:])):
            return [" ".join(words[:-k]), " ".join(words[-k:])]
    return [" ".join(words)]


MAX_LABEL_RUN = 40  # words of empty rows' labels run together (a grid's contract types, say)
OPEN_LABEL_WORDS = 4  # the last words of a run may be a label not finished yet


def _label_run(words: list[str], accept: Callable[[str], bool]) -> bool:
    """Labels of empty rows run together ('Seconded Health (Substance misuse) Seconded Health (Mental health)
    Secondee ...'): the words, but for a label still being read, split into two or more accepted labels."""
    if len(words) > MAX_LABEL_RUN:
        return False
    return any(len(sp) >= 2 for cut in range(len(words), max(len(words) - OPEN_LABEL_WORDS, 0), -1)
               for sp in _splits(words[:cut], accept, cap=1))


def _line_labels(words: list[str], lines: list[int], accept: Callable[[str], bool],
                 partial: bool = False) -> list[str]:
    """Labels of rows printed one per line with no values (their empty cells lost): the words of each line, when
    they span two lines or more and every line's words are a label (``partial``: the last line may be unfinished)."""
    groups: list[list[str]] = []
    prev = None
    for w, ln in zip(words, lines):
        if groups and ln == prev:
            groups[-1].append(w)
        else:
            groups.append([w])
        prev = ln
    labels = [" ".join(g) for g in groups if g]
    check = labels[:-1] if partial else labels
    return labels if len(labels) >= 2 and all(accept(lab) for lab in check) else []


def _flat_rows(text: str, line_of: Callable[[int], int], accept: Callable[[str], bool],
               split: bool) -> tuple[list[RawRow], int]:
    """Rows of a flattened grid body (single spaces between cells, extra spaces for blanks), and where they end.

    ``line_of`` maps an offset in ``text`` to its line; ``split`` allows a run of labels to be split."""
    tokens = split_spaced(text) + ["<end>"]
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    rows: list[RawRow] = []
    words: list[str] = []
    word_lines: list[int] = []
    word_at = 0
    end = 0
    for k, tok in enumerate(tokens):
        hyphen = bool(words) and tok in ("-", "\u2013") and _wordish(tokens[k + 1])  # 'Secondee - Police'
        if tok != "<end>" and not hyphen and (tok == "" or parse_number(tok) is not None):
            if words:
                labels = _line_labels(words, word_lines, accept) or (
                    split_labels(words, accept) if split else _peel_total(words))
                if not all(accept(lab) for lab in labels):
                    break
                rows += [RawRow(lab, [], [], line_of(word_at)) for lab in labels]
                if split and len(labels) > 1:
                    rows[-1].other_labels = last_label_readings(words, accept, labels[-1])
                words, word_lines = [], []
            if rows:
                rows[-1].values.append(tok)
                rows[-1].lines.append(line_of(starts[k]))
                end = starts[k] + len(tok)
        else:
            if not words:
                word_at = starts[k]
            words.append(tok)
            word_lines.append(line_of(starts[k]))
            if rows and len(words) > 8 and not _line_labels(words[:-1], word_lines[:-1], accept, partial=True) \
                    and not (split and _label_run(words, accept)):
                break  # prose after the grid (rows printed one per line, or empty rows' labels, may run on)
    return [r for r in rows if any(not is_blank(v) for v in r.values) or contract_code(r.label)], end


def _lead_in(doc: Document, i: int) -> str:
    parts = []
    for k in range(i - 1, max(-1, i - 8), -1):
        t = doc.lines[k].text.strip()
        if not t:
            break
        parts.append(t)
    return " ".join(reversed(parts))


_BASIS_WORD = re.compile(r"\b(?:part|full)[\s-]?time\b|\(\s*[PF]T\s*\)", re.I)


def _header_marks(text: str) -> list[tuple[int, int, bool]]:
    """(end, is a role, is 'Total') of every header word of a flattened line: roles, Total, part/full time."""
    marks = [(m.end, m.role != "total", m.role == "total") for m in role_mentions(text)]
    marks += [(m.end(), False, False) for m in _BASIS_WORD.finditer(text)]
    return sorted(marks)


def _flat_fte_start(text: str, lead_in: str) -> Optional[tuple[int, int]]:
    """Where the body of an FTE grid flattened onto one line starts: (end of header, start of first row label).

    The header is a run of role words (and part/full-time words), which may begin on the lines before; the
    body starts at the first value whose preceding words, after the last header word, are a contract label.
    'Total' right before a value is a Total row printed first."""
    marks = _header_marks(text)
    lead_roles = sum(1 for m in role_mentions(lead_in) if m.role != "total")
    if lead_roles + sum(1 for m in marks if m[1]) < 3:
        return None  # fewer than three role words in all: no value below can start a grid (same as the loop)
    ends = [m[0] for m in marks]
    roles_before = list(itertools.accumulate((m[1] for m in marks), initial=0))  # role marks among marks[:k]
    # no value before the end of the mark that makes three role words can start the body: skipped unparsed
    first = next(k for k, n in enumerate(roles_before) if lead_roles + n >= 3)
    from_pos = ends[first - 1] if first else 0
    pos = 0
    for tok in text.split(" "):
        at, pos = pos, pos + len(tok) + 1
        if at < from_pos or parse_number(tok) is None:
            continue
        k = bisect.bisect_right(ends, at)  # the marks that end at or before this value
        if lead_roles + roles_before[k] < 3:
            continue
        end, _, total = marks[k - 1] if k else (0, False, False)
        label = text[end:at].strip()
        if label and contract_code(label):
            return end, text.index(label, end)
        if not label and total:
            start = text.lower().rindex("total", 0, end)
            return start, start
    return None


def _blocks(doc: Document) -> list[tuple[str, list[tuple[int, int]]]]:
    """Runs of consecutive non-blank paragraph lines joined with spaces: (text, [(offset, line index)])."""
    out: list[tuple[str, list[tuple[int, int]]]] = []
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    size = 0
    for i, line in enumerate(doc.lines):
        t = line.text.strip()
        if parse_number(t) is not None or _delimited(line.text):  # a page number, or a tab or pipe table's row
            t = ""
        if t and line.end != "\r" and len(parts) < 60:
            offsets.append((size, i))
            parts.append(t)
            size += len(t) + 1
            continue
        if parts:
            out.append((" ".join(parts), offsets))
        parts, offsets, size = ([t], [(0, i)], len(t) + 1) if t and line.end != "\r" else ([], [], 0)
    if parts:
        out.append((" ".join(parts), offsets))
    return out


def _keep_trailing(doc: Document, text: str, offsets: list[tuple[int, int]]) -> str:
    """A block's last line keeps its trailing spaces: in a grid flattened onto one line they are blank cells."""
    last = doc.lines[offsets[-1][1]].text
    return text + last[len(last.rstrip()):]


def _line_of(offsets: list[tuple[int, int]], base: int) -> Callable[[int], int]:
    def at(pos: int) -> int:
        line = offsets[0][1]
        for off, i in offsets:
            if off > base + pos:
                break
            line = i
        return line
    return at


def _next_flat(text: str, p: int) -> Optional[tuple[str, int, int]]:
    """The next flattened grid in ``text`` from offset p: (kind, header end, body start)."""
    rest = text[p:]
    m = _SEX_RUN.search(rest) if "M " in rest or "F " in rest or "ale " in rest or "ALE " in rest else None
    f = _flat_fte_start(rest, "")  # (every _SEX_RUN match holds one of those four)
    if m and (f is None or m.start() < f[0]):
        return "headcount", p + m.end(), p + m.end()
    if f:
        return "fte", p + f[0], p + f[1]
    return None


def _sex_order(header: str) -> tuple[str, str]:
    """The order of the sexes under each role: that of the last two words of the header's M/F run."""
    a, b = (sex_code(w) for w in (["", ""] + header.split())[-2:])
    return (a, b) if a and b and a != b else ("M", "F")


def _flat_transposed(text: str, line_of: Callable[[int], int]) -> Optional[RawGrid]:
    """A transposed grid on one line: contract types (the header, cut as for spaced rows), then role rows."""
    first = next((m for m in role_mentions(text) if m.role != "total"), None)
    if first is None or first.start == 0:
        return None
    rows, _ = _flat_rows(text[first.start:], lambda k: line_of(first.start + k), role_label, True)
    body = [r for r in rows if not r.other_labels]
    if len(body) < 2 or len(body) != len(rows):
        return None
    header = text[:first.start].strip()
    widest = max(len([v for v in r.values if v.strip()]) for r in body)
    cuts = [c for n in range(max(widest, 2), len(header.split()) + 1)
            if (c := split_header(header, n, _contract_name, _contract_lead, _distinct_contracts)) is not None]
    if len(cuts) != 1:
        return None
    for r in body:  # blanks printed as extra spaces count as cells only when the row then fills every column
        if len(r.values) != len(cuts[0][1]):
            kept = [k for k, v in enumerate(r.values) if v.strip()]
            r.values, r.lines = [r.values[k] for k in kept], [r.lines[k] for k in kept]
    return flip(list(cuts[0][1]), line_of(0), body, "flat-line")


def flat_grids(doc: Document) -> list[RawGrid]:
    """Grids flattened into paragraph text: a whole grid on one line, or one row per line, blanks kept as extra
    spaces or lost."""
    out = []
    for text, offsets in _blocks(doc):
        text = _keep_trailing(doc, text, offsets)
        if text.count(" ") < 12:
            continue
        flipped = _flat_transposed(text, _line_of(offsets, 0))
        if flipped is not None:
            out.append(flipped)
            continue
        p = 0
        while (found := _next_flat(text, p)) is not None:
            kind, head_end, body = found
            accept = headcount_label if kind == "headcount" else fte_label
            rows, end = _flat_rows(text[body:], _line_of(offsets, body), accept, kind == "fte")
            if rows:
                header = text[p:head_end].strip()
                out.append(RawGrid(kind, header, rows, "flat-line", _line_of(offsets, 0)(head_end),
                                   _sex_order(header) if kind == "headcount" else ("M", "F")))
            p = max(body + end, head_end) + 1
    return out


_LEADING_WORD = re.compile(r"^(?:secondee|seconded|other/unspecified)$", re.I)  # begins a contract's name
MAX_SPACED_HEADER = 400  # characters of a header line naming every contract type


def _spaced_role_row(i: int, text: str) -> Optional[RawRow]:
    """``Strategic Manager (PT) 0.2 0.2``: a role label, then only numbers (or none: every cell left empty)."""
    tokens = text.split()
    k = next((j for j, t in enumerate(tokens) if parse_number(t) is not None), len(tokens))
    label, values = " ".join(tokens[:k]), tokens[k:]
    if not label or not role_label(label) or any(parse_number(t) is None for t in values):
        return None
    return RawRow(clean_label(label), values, [i] * len(values), i)


def _contract_name(text: str) -> bool:
    """One contract type's column heading (or Total): not two run together, brackets kept with their name."""
    if clean_label(text).lower() in ("total", "totals", "grand total"):
        return True
    words = text.split()
    if not text[:1].isupper() or contract_code(text) is None or _LEADING_WORD.match(words[-1]) \
            or any(is_total(w) for w in words) \
            or not _LEADING_WORD.match(words[0]) and contract_code(words[0]) is None \
            and contract_code(" ".join(words[1:])) is not None:
        return False  # 'Secondee Police Secondee', 'Health (Mental health)' after a 'Secondee' of its own
    return not any(contract_code(" ".join(words[:k])) and contract_code(" ".join(words[k:]))
                   and words[k][0].isalnum() and " ".join(words[:k]).count("(") == " ".join(words[:k]).count(")")
                   for k in range(1, len(words)))


MAX_LEAD_WORDS = 4  # 'Type of Contract', 'Contract type'


def _contract_lead(text: str) -> bool:
    words = text.split()
    return len(words) <= MAX_LEAD_WORDS and not any(contract_code(" ".join(words[k:])) for k in range(len(words)))


def _distinct_contracts(names: tuple[str, ...]) -> bool:
    codes = [contract_code(n) for n in names if contract_code(n)]
    return len(codes) == len(set(codes))


def spaced_transposed_grids(doc: Document) -> list[RawGrid]:
    """A transposed grid flattened one row per line: a header line of contract types (cut into columns with the
    shared header cut, exactly one way for the widest row's cell count), then role rows of numbers."""
    out = []
    lines = doc.lines
    for i, line in enumerate(lines[:-2]):
        text = line.text.strip()
        if not text or len(text) > MAX_SPACED_HEADER or _delimited(line.text) \
                or _spaced_role_row(i + 1, lines[i + 1].text.strip()) is None:
            continue
        body: list[RawRow] = []
        j = i + 1
        while j < len(lines) and (row := _spaced_role_row(j, lines[j].text.strip())) is not None:
            body.append(row)
            j += 1
        if len(body) < 2 or not any(r.values for r in body):
            continue
        widest = max(len(r.values) for r in body)  # rows lost their blanks: the columns may be more
        cuts = [c for n in range(widest, len(text.split()) + 1)
                if (c := split_header(text, n, _contract_name, _contract_lead, _distinct_contracts)) is not None]
        grid = flip(list(cuts[0][1]), i, body, "spaced-rows") if len(cuts) == 1 else None
        if grid:
            out.append(grid)
    return out


def find_raw_grids(doc: Document) -> list[RawGrid]:
    """Every staffing grid candidate in reading order (by first line)."""
    grids = stream_grids(doc) + tab_grids(doc) + reader_table_grids(doc.tables) + spaced_transposed_grids(doc) \
        + flat_grids(doc)
    return sorted(grids, key=lambda g: g.first_line)

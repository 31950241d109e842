"""Partner budget tables: recognised by header and row labels wherever they are, amounts kept as printed.

Candidate tables come from :mod:`extractors.tables.text_grids`; this module decides which are partner budget
tables (rows naming funders, money columns, not a staffing grid; a table whose columns are the funders is
read transposed), maps the printed headings to the template columns, joins a table broken by a running
heading, and builds the typed records. Label repairs are :mod:`extractors.budget.rows`; placing amounts
(by position, else by arithmetic and surviving spacing) is :mod:`extractors.budget.placement` and
:mod:`extractors.budget.column_solver`.
"""
from __future__ import annotations

import logging
import re
from decimal import Decimal
from dataclasses import dataclass, replace
from typing import Optional

from extractors.budget import placement as bp
from extractors.budget import rows as br
from extractors.budget.headings import header_cells
from extractors.budget.periods import by_period, period_of
from extractors.budget.sections import heading_like
from extractors.tables.text_grids import TCell, TextTable, TRow, find_tables
from normalisers.agencies import agency_of
from pipeline.records import BUDGET_COLUMNS, Amount, BudgetLine, BudgetTable, Document, Provenance
from pipeline.settings import Settings

log = logging.getLogger(__name__)

EXTRACTOR = "budget"
_COLUMNS = (("staffing", r"staff|budgets?\s*/\s*grants?"), ("payments_in_kind", r"in[\s-]+kind"),
            ("delegated", r"delegated|amount|\bcash\b"), ("total", r"\btotal\b"))
_NOT_BUDGET = re.compile(r"manager|practitioner|sessional|volunteer|\bfte\b|ethnicity|contract\b|\bgender\b", re.I)
_STAFF_ROW = re.compile(r"\bseconded\b|\bsecondee\b|part[- ]time|full[- ]time|\bvacan", re.I)
_IN_KIND = re.compile(r"in[\s'-]+kind", re.I)
_CASH_AND_KIND = re.compile(r"cash\s*(?:&|and|\+)\s*(?:in[\s-]*)?kind", re.I)
_SHARE = re.compile(r"%|percent|\bshare\b|\bproportion\b", re.I)
_PERIOD = re.compile(r"\b(20\d\d)\s?[/-]\s?(20)?(\d\d)\b")
UNLOADED_NOTE = "amounts in columns outside the template not loaded"
CONTINUATION_GAP = 8  # lines between a table without Total row and a headerless table that continues it
MIN_KNOWN_COLUMNS = 2  # with columns outside the template, at least this many must be template columns
MAX_LABEL_CHARS = 100  # a longer "label" is prose (an action plan), not a funder
MIN_LARGEST_AMOUNT = 1000  # a partner budget table prints pounds: its largest amount is at least this
ANCHOR_LOOKBACK = 6
TRANSPOSE_TOLERANCE = Decimal(1)
ANCHOR_MAX_CHARS = 160
ANCHOR_MAX_LINES = 40  # lines searched back for an anchor, blank ones included


@dataclass(frozen=True)
class _Columns:
    codes: tuple[Optional[str], ...]  # template column of each printed amount column (None: not a template one)
    printed: tuple[str, ...]
    single: bool = False  # one amount column: it fills both delegated and total
    template: bool = False  # no column headers printed: read in the YJB template's order


def extract_budget_tables(doc: Document, settings: Settings) -> tuple[BudgetTable, ...]:
    out: list[BudgetTable] = []
    candidates = [p for t in find_tables(doc) for p in by_period(header_cells(t))]
    k = 0
    while k < len(candidates):
        t = candidates[k]
        table = _budget_table(doc, t, len(out) + 1, settings)
        while table is not None and table.printed_total is None and k + 1 < len(candidates) \
                and _continues(t, candidates[k + 1]):
            t = _joined(t, candidates[k + 1])  # the table went on after a break (a page heading, say)
            table = _budget_table(doc, t, len(out) + 1, settings) or table
            k += 1
        if table is not None:
            out.append(table)
        k += 1
    log.debug("%s: %d budget tables", doc.source, len(out))
    return tuple(out)


def _continues(t: TextTable, nxt: TextTable) -> bool:
    """A table without column headings, a few lines after a budget table that printed no Total row."""
    names = [c.clean for c in nxt.header]
    return 0 <= nxt.first_line - t.last_line <= CONTINUATION_GAP and not any(_column_code(n) for n in names)


def _joined(t: TextTable, nxt: TextTable) -> TextTable:
    """The continuation's 'header' names no column: its cells are rows printed without amounts (one cell per line
    reads a run of labels as a header)."""
    lead = tuple(TRow(c, (), False) for c in nxt.header if c.clean and agency_of(c.clean)) \
        if not nxt.method.startswith("reader") else ()
    return TextTable(t.header, t.rows + lead + nxt.rows, f"{t.method}+continued", t.first_line, nxt.last_line, t.prov)


def _budget_table(doc: Document, t: TextTable, index: int, settings: Settings) -> Optional[BudgetTable]:
    if _NOT_BUDGET.search(t.header_text):
        return None
    t = _first_label_in_header(t)
    heads = [c for c in t.header[1:] if c.clean]
    rows, total_row = br.prepare_rows(t, len(heads) if len(t.header) > 1 else None)
    if any(_STAFF_ROW.search(r.label) for r in rows) or not _names_partners(rows):
        flipped = _transposed(t)
        return _budget_table(doc, flipped, index, settings) if flipped is not None else None
    columns = _columns(t, rows)
    if columns is None:
        return None
    total_col = columns.codes.index("total") if "total" in columns.codes else (0 if columns.single else None)
    placed = bp.place_rows(rows, total_row, len(columns.codes), total_col, settings.tolerances.money)
    lines = _lines(doc, rows, placed, columns)
    printed_total = _line(doc, placed.total, columns, agency="total") if placed.total else None
    lines, printed_total, credits = _credits(lines, printed_total)
    if printed_total is not None and columns.single and _mixed(lines):
        printed_total = replace(printed_total, delegated=Amount("", None))  # the grand total is not all delegated
    anchor = _anchor(doc, t)
    prov = _prov(doc, t.first_line, t.prov, anchor or t.header_text)
    skipped = _unloaded(placed, columns)
    if "payments_in_kind" not in columns.codes and any(_CASH_AND_KIND.search(n) for n in columns.printed):
        skipped.append("payments in kind (inside the cash and kind total, not printed apart)")
    notes = placed.notes + (("column headers not printed: read in the YJB template's order",) if columns.template else ()) \
        + ((f"{UNLOADED_NOTE}: {', '.join(skipped)}",) if skipped else ()) \
        + (("read transposed: funders are its columns",) if t.method.endswith("transposed") else ()) \
        + (("every amount printed in brackets: read as income (credits), not as negatives",) if credits else ())
    return BudgetTable(index=index, anchor=anchor, columns_printed=columns.printed, lines=lines,
                       printed_total=printed_total, prov=prov, method=t.method,
                       quality=placed.quality * (0.8 if columns.template else 1.0),
                       period=_columns_period(columns) or _period(anchor) or _period(t.header_text), notes=notes,
                       unloaded_columns=tuple(skipped))


def _columns_period(columns: _Columns) -> Optional[str]:
    """The one year every amount column's heading names (a table split per year), else None."""
    found = {period_of(n) for n in columns.printed}
    return found.pop() if len(found) == 1 else None


def _first_label_in_header(t: TextTable) -> TextTable:
    """One cell per line: when the first row's first cell is text ('Seconded officer'), the first row's label
    reads as the last header cell. A header ending in a funder's name that is no column gets it back."""
    if len(t.header) < 3 or not t.rows or t.method.startswith(("tab", "markdown", "reader")):
        return t
    last = t.header[-1].clean
    if not agency_of(last) or _column_code(last) or not br.text_cell(t.rows[0].label.clean):
        return t
    first = TRow(t.header[-1], (t.rows[0].label, *t.rows[0].values), False)
    return replace(t, header=t.header[:-1], rows=(first, *t.rows[1:]))


def _unloaded(placed: bp.Placed, columns: _Columns) -> list[str]:
    """Columns outside the template that hold amounts (the row sums cannot be checked without them)."""
    idx = {k for k, c in enumerate(columns.codes) if c is None}
    used = {col for r in placed.rows for a, col in zip(r.amounts, r.columns) if col in idx and a.value is not None}
    return [columns.printed[k] for k in sorted(used) if k < len(columns.printed)]


def _transposed(t: TextTable) -> Optional[TextTable]:
    """A table whose columns are the funders (``INCOME | Youth Justice Grant | Local Authority | ... | Total``)
    read with rows and columns swapped; every row must have one cell per funder column."""
    names = [c for c in t.header[1:] if c.clean]
    funders = [c for c in names if agency_of(c.clean) and not re.match(r"\W*total", c.clean, re.I)]
    if len(funders) < 3 or len(funders) < len(names) - 1 or t.method.endswith("transposed"):
        return None
    if len(t.rows) < 2:
        return None
    if any(len([v for v in r.values][:len(names) + 1]) < len(names) for r in t.rows):
        placed = _placed_by_totals(t, len(names))  # empty cells lost: the funder of each amount from the arithmetic
        if placed is None:
            return None
        t = placed
    header = (t.header[0], *(r.label for r in t.rows))
    rows = tuple(TRow(name, tuple(r.values[j] for r in t.rows), True) for j, name in enumerate(names))
    return TextTable(header, rows, f"{t.method}+transposed", t.first_line, t.last_line, t.prov)


def _placed_by_totals(t: TextTable, width: int) -> Optional[TextTable]:
    """Rows (Cash, In kind, ...) that lost empty cells, placed in the funder columns so that each row adds up to
    its last (Total) column and each funder column to the Total row; None unless every amount is placed."""
    total_col = width - 1 if re.match(r"\W*(grand\s+)?total", t.header[-1].clean, re.I) else None
    rows, total = br.prepare_rows(t, None)
    if total is None or total_col is None:
        return None
    placed = bp.place_rows(rows, total, width, total_col, TRANSPOSE_TOLERANCE)
    if placed.total is None or any(c is None for c in placed.total.columns) or any(
            r.ambiguous and any(a.value for a in r.amounts) for r in placed.rows):
        return None
    out = []
    for r in (*placed.rows, placed.total):
        cells = [TCell("", r.line) for _ in range(width)]
        for a, c in zip(r.amounts, r.columns):
            if c is not None:
                cells[c] = TCell(a.raw, r.line)
        out.append(TRow(TCell(r.label, r.line), tuple(cells), True))
    return TextTable(t.header, tuple(out), f"{t.method}+placed", t.first_line, t.last_line, t.prov)


def _names_partners(rows: list[br.Row]) -> bool:
    """At least two rows name a funder in a short label, most rows with amounts do, and amounts are pounds."""
    named = [r for r in rows if len(r.label) <= MAX_LABEL_CHARS and agency_of(r.label)]
    with_amounts = [r for r in rows if r.has_amounts and r.kind != "subtotal"]
    if len(named) < 2 or len(named) * 2 < len(with_amounts) or not with_amounts:
        return False
    return max((r.largest for r in rows if r.has_amounts), default=0) >= MIN_LARGEST_AMOUNT  # sub-totals too


def _columns(t: TextTable, rows: list[br.Row]) -> Optional[_Columns]:
    cells = [c.clean for c in t.header]
    widest = max((len(_trimmed(r.cells)) for r in rows), default=0)
    if len(cells) > 1:  # the first header cell heads the label column unless the header is one cell short
        names = cells if len(cells) == widest and _column_code(cells[0]) else cells[1:]
    else:
        names = _split_flat_header(cells[0] if cells else "")
    printed = tuple(n for n in names if n)
    while printed and _column_code(printed[-1]) is None and heading_like(printed[-1]) and len(printed) > 1:
        printed = printed[:-1]  # a section heading read into the header (one cell per line), not a column
    codes = tuple(_column_code(n) for n in printed)
    if codes and all(codes):
        if len(codes) == 1 and codes[0] == "delegated":
            return _Columns(("delegated",), printed, single=True)
        return _Columns(codes, printed)
    known = [c for c in codes if c]
    if len(known) >= MIN_KNOWN_COLUMNS and len(set(known)) == len(known):
        return _Columns(codes, printed)  # other columns (e.g. a share of the total) are read but not loaded
    if widest == 1 or all(len([v for v in r.cells if v.strip()]) <= 1 for r in rows):
        return _Columns(("delegated",), tuple(n for n in names if n)[-1:], single=True)  # the amount column's heading
    if not any(names) and widest == len(BUDGET_COLUMNS):
        return _Columns(BUDGET_COLUMNS, (), template=True)  # headers not printed: the YJB template's order
    return None


def _trimmed(cells: tuple[str, ...]) -> tuple[str, ...]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _split_flat_header(text: str) -> list[str]:
    """``Income Staff (£) Delegated funds (£) Total (£)`` -> the column names (label heading dropped)."""
    spans = []
    for code, pattern in _COLUMNS:
        spans += [(m.start(), code) for m in re.finditer(pattern, text, re.I)]
    spans.sort()
    names = []
    for k, (start, _code) in enumerate(spans):
        end = spans[k + 1][0] if k + 1 < len(spans) else len(text)
        names.append(re.sub(r"\s+", " ", text[start:end]).strip())
    return names


def _column_code(name: str) -> Optional[str]:
    if _SHARE.search(name):
        return None  # a share of the budget, not an amount
    if _CASH_AND_KIND.search(name):
        return "total"  # cash and in kind together: the row's total
    for code, pattern in _COLUMNS:
        if re.search(pattern, name, re.I):
            return code
    return None


def _lines(doc: Document, rows: list[br.Row], placed: bp.Placed, columns: _Columns) -> tuple[BudgetLine, ...]:
    """Budget lines of the placed rows; a sub-total row carries the indexes of the rows it adds up."""
    out: list[BudgetLine] = []
    pending: list[int] = []
    section = ""
    for row, r in zip(rows, placed.rows):
        if row.section != section:
            pending, section = [], row.section
        if row.kind != "subtotal":
            pending.append(len(out))
            out.append(_line(doc, r, columns, section=row.section))
            continue
        agencies = {out[k].agency for k in pending}
        agency = agencies.pop() if len(agencies) == 1 else "other"
        ln = _line(doc, r, columns, agency=agency, section=row.section, subtotal=True)
        out.append(replace(ln, label=ln.label or "Sub-total (unlabelled)", subtotal_of=tuple(pending)))
        pending = []
    return tuple(out)


def _mixed(lines: tuple[BudgetLine, ...]) -> bool:
    """Rows of one amount column that went to different template columns (cash and in-kind sections)."""
    return len({c for ln in lines if not ln.subtotal_of for c in BUDGET_COLUMNS[:-1] if ln.amount(c).value}) > 1


def _credits(lines: tuple[BudgetLine, ...], total: Optional[BudgetLine]) -> tuple[
        tuple[BudgetLine, ...], Optional[BudgetLine], bool]:
    """A funding table that prints every amount in brackets shows income as credits: read as positive."""
    every = [a for ln in lines + ((total,) if total else ()) for c in BUDGET_COLUMNS if (a := ln.amount(c)).value]
    if not every or not all(a.value is not None and a.value < 0 and a.raw.strip().endswith(")") for a in every):
        return lines, total, False

    def flip(ln: BudgetLine) -> BudgetLine:
        return replace(ln, staffing=_credit(ln.staffing), payments_in_kind=_credit(ln.payments_in_kind),
                       delegated=_credit(ln.delegated), total=_credit(ln.total))
    return tuple(flip(ln) for ln in lines), (flip(total) if total else None), True


def _credit(a: Amount) -> Amount:
    if a.value is None or a.value >= 0:
        return a
    return Amount(a.raw, -a.value, "; ".join(x for x in (a.note, "in brackets: income shown as a credit") if x))


def _line(doc: Document, r: bp.PlacedRow, columns: _Columns, agency: Optional[str] = None, section: str = "",
          subtotal: bool = False) -> BudgetLine:
    amounts = {c: Amount("", None) for c in BUDGET_COLUMNS}
    single_code = "payments_in_kind" if _IN_KIND.search(section) else "delegated"
    for amount, col in zip(r.amounts, r.columns):
        if col is None:
            continue
        code = columns.codes[col]
        if code is None:
            continue  # a column outside the template: kept in the row's raw text, not loaded
        if columns.single:
            amounts["total"] = amount
            if not subtotal:
                amounts[single_code] = amount
            continue
        amounts[code] = amount
    if r.total_only is not None:
        amounts["total"] = r.total_only
    return BudgetLine(agency=agency or agency_of(r.label) or "other", label=r.label,
                      staffing=amounts["staffing"], payments_in_kind=amounts["payments_in_kind"],
                      delegated=amounts["delegated"], total=amounts["total"], prov=_prov(doc, r.line, r.prov, r.raw),
                      placement_inferred=r.inferred, ambiguous=r.ambiguous, section=section,
                      unplaced=r.unplaced if r.ambiguous else ())


def _prov(doc: Document, line: int, prov: Optional[Provenance], raw: str) -> Provenance:
    if prov is not None:
        return replace(prov, raw_text=raw or prov.raw_text, extractor=EXTRACTOR)  # the row as printed
    if 0 <= line < len(doc.lines):
        return doc.prov(line, raw, EXTRACTOR)
    return Provenance(doc.sha256, raw_text=raw, extractor=EXTRACTOR)


def _anchor(doc: Document, t: TextTable) -> str:
    """A caption printed inside the grid, a bold caption in the header's first cell, else the nearest short line
    before the table."""
    if t.caption:
        return t.caption
    if t.header and "<b>" in t.header[0].text and t.header[0].clean:
        return t.header[0].clean
    heads = {c.clean for c in t.header} | {" ".join(" ".join(c.clean for c in t.header).split())}  # cells, or one line
    first = None
    seen = 0  # blank lines (a page left empty before a table) do not count
    for i in range(t.first_line - 1, max(-1, t.first_line - 1 - ANCHOR_MAX_LINES), -1):
        text = re.sub(r"\s+", " ", re.sub(r"</?\w+>|^[#>*\s]+|\*\*", "", doc.lines[i].text)).strip()
        if not text or text in heads:
            continue  # the column headings printed as a line above the grid are not its title
        seen += 1
        if seen > ANCHOR_LOOKBACK:
            break
        first = first or text
        if len(text) <= ANCHOR_MAX_CHARS:
            return text
    return first or ""


def _period(anchor: str) -> Optional[str]:
    m = _PERIOD.search(anchor)
    return f"{m.group(1)}/{m.group(3)}" if m else None

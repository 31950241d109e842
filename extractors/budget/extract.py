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
from dataclasses import dataclass, replace
from typing import Optional

from extractors.budget import placement as bp
from extractors.budget import rows as br
from extractors.tables.text_grids import TextTable, TRow, find_tables
from normalisers.agencies import agency_of
from pipeline.records import BUDGET_COLUMNS, Amount, BudgetLine, BudgetTable, Document, Provenance
from pipeline.settings import Settings

log = logging.getLogger(__name__)

EXTRACTOR = "budget"
_COLUMNS = (("staffing", r"staff|budgets?\s*/\s*grants?"), ("payments_in_kind", r"in[\s-]+kind"),
            ("delegated", r"delegated|amount"), ("total", r"\btotal\b"))
_NOT_BUDGET = re.compile(r"manager|practitioner|sessional|volunteer|\bfte\b|ethnicity|contract\b|\bgender\b", re.I)
_STAFF_ROW = re.compile(r"\bseconded\b|\bsecondee\b|part[- ]time|full[- ]time|\bvacan", re.I)
_SHARE = re.compile(r"%|percent|\bshare\b|\bproportion\b", re.I)
_PERIOD = re.compile(r"\b(20\d\d)\s?[/-]\s?(20)?(\d\d)\b")
UNLOADED_NOTE = "amounts in columns outside the template not loaded"
CONTINUATION_GAP = 8  # lines between a table without Total row and a headerless table that continues it
MIN_KNOWN_COLUMNS = 2  # with columns outside the template, at least this many must be template columns
MAX_LABEL_CHARS = 100  # a longer "label" is prose (an action plan), not a funder
MIN_LARGEST_AMOUNT = 1000  # a partner budget table prints pounds: its largest amount is at least this
ANCHOR_LOOKBACK = 6
ANCHOR_MAX_CHARS = 160


@dataclass(frozen=True)
class _Columns:
    codes: tuple[Optional[str], ...]  # template column of each printed amount column (None: not a template one)
    printed: tuple[str, ...]
    single: bool = False  # one amount column: it fills both delegated and total
    template: bool = False  # no column headers printed: read in the YJB template's order


def extract_budget_tables(doc: Document, settings: Settings) -> tuple[BudgetTable, ...]:
    out: list[BudgetTable] = []
    candidates = find_tables(doc)
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
    return TextTable(t.header, t.rows + nxt.rows, f"{t.method}+continued", t.first_line, nxt.last_line, t.prov)


def _budget_table(doc: Document, t: TextTable, index: int, settings: Settings) -> Optional[BudgetTable]:
    if _NOT_BUDGET.search(t.header_text):
        return None
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
    lines = tuple(_line(doc, r, columns) for r in placed.rows)
    printed_total = _line(doc, placed.total, columns, agency="total") if placed.total else None
    anchor = _anchor(doc, t)
    prov = _prov(doc, t.first_line, t.prov, anchor or t.header_text)
    skipped = _unloaded(placed, columns)
    notes = placed.notes + (("column headers not printed: read in the YJB template's order",) if columns.template else ()) \
        + ((f"{UNLOADED_NOTE}: {', '.join(skipped)}",) if skipped else ()) \
        + (("read transposed: funders are its columns",) if t.method.endswith("transposed") else ())
    return BudgetTable(index=index, anchor=anchor, columns_printed=columns.printed, lines=lines,
                       printed_total=printed_total, prov=prov, method=t.method,
                       quality=placed.quality * (0.8 if columns.template else 1.0),
                       period=_period(anchor) or _period(t.header_text), notes=notes,
                       unloaded_columns=tuple(skipped))


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
    if any(len([v for v in r.values][:len(names) + 1]) < len(names) for r in t.rows) or len(t.rows) < 2:
        return None
    header = (t.header[0], *(r.label for r in t.rows))
    rows = tuple(TRow(name, tuple(r.values[j] for r in t.rows), True) for j, name in enumerate(names))
    return TextTable(header, rows, f"{t.method}+transposed", t.first_line, t.last_line, t.prov)


def _names_partners(rows: list[br.Row]) -> bool:
    """At least two rows name a funder in a short label, most rows with amounts do, and amounts are pounds."""
    named = [r for r in rows if len(r.label) <= MAX_LABEL_CHARS and agency_of(r.label)]
    with_amounts = [r for r in rows if r.has_amounts]
    if len(named) < 2 or len(named) * 2 < len(with_amounts) or not with_amounts:
        return False
    return max((r.largest for r in with_amounts), default=0) >= MIN_LARGEST_AMOUNT


def _columns(t: TextTable, rows: list[br.Row]) -> Optional[_Columns]:
    cells = [c.clean for c in t.header]
    widest = max((len(_trimmed(r.cells)) for r in rows), default=0)
    if len(cells) > 1:  # the first header cell heads the label column unless the header is one cell short
        names = cells if len(cells) == widest and _column_code(cells[0]) else cells[1:]
    else:
        names = _split_flat_header(cells[0] if cells else "")
    printed = tuple(n for n in names if n)
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
    for code, pattern in _COLUMNS:
        if re.search(pattern, name, re.I):
            return code
    return None


def _line(doc: Document, r: bp.PlacedRow, columns: _Columns, agency: Optional[str] = None) -> BudgetLine:
    amounts = {c: Amount("", None) for c in BUDGET_COLUMNS}
    for amount, col in zip(r.amounts, r.columns):
        if col is None:
            continue
        code = columns.codes[col]
        if code is None:
            continue  # a column outside the template: kept in the row's raw text, not loaded
        amounts[code] = amount
        if columns.single:
            amounts["total"] = amount
    if r.total_only is not None:
        amounts["total"] = r.total_only
    return BudgetLine(agency=agency or agency_of(r.label) or "other", label=r.label, prov=_prov(doc, r.line, r.prov, r.raw),
                      placement_inferred=r.inferred, ambiguous=r.ambiguous, **amounts)


def _prov(doc: Document, line: int, prov: Optional[Provenance], raw: str) -> Provenance:
    if prov is not None:
        return replace(prov, raw_text=raw or prov.raw_text, extractor=EXTRACTOR)  # the row as printed
    if 0 <= line < len(doc.lines):
        return doc.prov(line, raw, EXTRACTOR)
    return Provenance(doc.sha256, raw_text=raw, extractor=EXTRACTOR)


def _anchor(doc: Document, t: TextTable) -> str:
    """A bold caption in the header's first cell, else the nearest short line before the table."""
    if t.header and "<b>" in t.header[0].text and t.header[0].clean:
        return t.header[0].clean
    first = None
    for i in range(t.first_line - 1, max(-1, t.first_line - 1 - ANCHOR_LOOKBACK), -1):
        text = re.sub(r"\s+", " ", re.sub(r"</?\w+>|^[#>*\s]+|\*\*", "", doc.lines[i].text)).strip()
        if not text:
            continue
        first = first or text
        if len(text) <= ANCHOR_MAX_CHARS:
            return text
    return first or ""


def _period(anchor: str) -> Optional[str]:
    m = _PERIOD.search(anchor)
    return f"{m.group(1)}/{m.group(3)}" if m else None

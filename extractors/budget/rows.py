"""Budget table rows: from a candidate table's rows to labelled rows with amounts placed in columns.

Repairs what conversion did to row labels: several labels stacked in one cell with their amounts
stacked alike; a wrapped label shifted half a row so that its lines sit around the neighbour's amounts;
a label whose cell wrapped into the next cell; several amounts merged into one cell.
Placing the amounts in columns is :mod:`extractors.budget.placement`.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Optional, Sequence

from extractors.budget import sections
from extractors.budget.headings import distinct_funders, run_label_name, standalone
from extractors.tables.header_words import split_header
from extractors.tables.text_grids import TextTable, TRow, section_prefix
from normalisers.agencies import agency_of
from normalisers.money import footnote_reading, parse_amount
from pipeline.records import Amount, Provenance

log = logging.getLogger(__name__)

_TOTAL = re.compile(r"^\W*(grand\s+)?totals?\b", re.I)
_TEXT_CELL = re.compile(r"^(included|incl\b|see\b|seconded|secondment|in[- ]kind|funded|provided|part of|within|"
                        r"\d+(\.\d+)?\s*fte\b|not\s+(known|available|confirmed))", re.I)


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[str, ...]
    positional: bool
    line: int
    raw: str
    parts: tuple[str, ...] = ()
    prov: Optional[Provenance] = None
    gaps: tuple[int, ...] = ()  # spaces printed before each amount (flattened tables)
    section: str = ""  # the section heading printed above the row
    kind: str = "item"  # "item" | "subtotal" (a printed sub-total of the rows above it in its block)

    @property
    def has_amounts(self) -> bool:
        return any(amount_of(c).value is not None or footnote_reading(c) for c in self.cells)

    @property
    def largest(self) -> Decimal:
        values = [abs(v) for c in self.cells for v in [amount_of(c).value] if v is not None]
        return max(values, default=Decimal(0))


# --------------------------------------------------------------------------- preparing rows


def prepare_rows(t: TextTable, width: Optional[int] = None) -> tuple[list[Row], Optional[Row]]:
    """Rows up to the printed Total row (returned apart); stacked and shifted labels repaired, and text
    printed in a money cell put back in its row (``width``: the number of amount columns, when known)."""
    rows = [_row(r) for r in t.rows]
    if t.method.startswith("flattened"):
        rows = [s for r in rows for d in _split_dashed_labels(r) for s in _split_run_labels(d)]
    if width:
        rows = _rejoin_text_cells(rows, width)
    rows = sections.split_overflow(rows)
    total: Optional[Row] = None
    for k, r in enumerate(rows):
        if _TOTAL.match(r.label):
            rows, total = rows[:k], r
            break
    else:
        if rows and not rows[-1].label and rows[-1].has_amounts:
            rows, total = rows[:-1], rows[-1]
    rows = _join_wrapped_labels(rows)
    rows = [_split_multi_number_cells(s) for r in rows for s in _unstack(r)]
    rows = sections.sectioned(_reshift(rows))
    rows, total = sections.funder_blocks(rows, total)
    return [r for r in rows if r.has_amounts or agency_of(r.label)], total


def _row(r: TRow) -> Row:
    label = r.label.clean
    cells = tuple(v.clean for v in r.values)
    raw = " | ".join([label, *cells])
    return Row(label, cells, r.positional, r.line, raw, r.label.parts, r.prov, r.gaps)


_LABEL_DASH = re.compile(r"\s[-–]\s")
_SUBTOTAL_LABEL = re.compile(r"^\W*(sub[\s-]*)?totals?\b|^\W*grand\s+total", re.I)


def _split_dashed_labels(r: Row) -> list[Row]:
    """A whole table on one line prints a nil row as its label and a dash: ``Police Service* - OPCC 10,000`` is the
    row Police Service* (-) and the row OPCC. The dash is read so only where each side names a funder of its own or
    a (sub-)total (an upper-case section heading before a funder is a section row); 'Youth Justice Board - JAC
    Grant' (a grant of the YJB) stays one label."""
    if r.positional or not _LABEL_DASH.search(r.label):
        return [r]
    parts = [section_prefix(p.strip()) for p in _LABEL_DASH.split(r.label)]
    if len(parts) < 2 or not all(p for _, p in parts) or parts[0][0] \
            or not all(_own_funder(p) or _SUBTOTAL_LABEL.match(p) for _, p in parts[1:]) \
            or not (_own_funder(parts[0][1]) or _SUBTOTAL_LABEL.match(parts[0][1])
                    or _SUBTOTAL_LABEL.match(parts[1][1])):
        return [r]
    out: list[Row] = []
    for k, (head, p) in enumerate(parts):
        if head:
            out.append(Row(head, (), False, r.line, head, (head,), r.prov))  # the raw text is the printed words
        if k < len(parts) - 1:
            out.append(Row(p, ("-",), False, r.line, f"{p} -", (p,), r.prov))
    return out + [Row(parts[-1][1], r.cells, False, r.line, r.raw.replace(r.label, parts[-1][1], 1), (parts[-1][1],),
                      r.prov, r.gaps)]


MAX_RUN_LABELS = 12


def _split_run_labels(r: Row) -> list[Row]:
    """``Probation Health Local Authority YJB Other Total 11,000``: on one line, rows that printed no amount run
    into the next row's label. Split when the words cut into funders' names (and a last Total) in exactly one way;
    the amounts stay with the last name."""
    words = r.label.split()
    if r.positional or len(words) < 2:
        return [r]
    cuts = [c for n in range(2, min(len(words), MAX_RUN_LABELS) + 1)
            if (c := split_header(r.label, n, run_label_name, lambda s: False, distinct_funders)) is not None]
    if len(cuts) != 1:
        return [r]
    names = cuts[0][1]
    last = replace(r, label=names[-1], raw=r.raw.replace(r.label, names[-1], 1), parts=(names[-1],))
    return [Row(n, (), False, r.line, n, (n,), r.prov) for n in names[:-1]] + [last]


def _own_funder(label: str) -> bool:
    return standalone(label) and not _SUBTOTAL_LABEL.match(label)


def _rejoin_text_cells(rows: list[Row], width: int) -> list[Row]:
    """Text in a money cell ('Seconded officer', 'Included in LA') reads as a new row's label in a table of
    one cell per line. It is put back when it reads as such text and the row then has exactly ``width`` cells."""
    out: list[Row] = []
    for r in rows:
        prev = out[-1] if out else None
        if prev is not None and not prev.positional and not r.positional and text_cell(r.label) \
                and len(prev.cells) + 1 + len(r.cells) <= width and len(prev.cells) < width:
            cells = prev.cells + (r.label,) + r.cells
            out[-1] = Row(prev.label, cells, False, prev.line, " | ".join([prev.label, *cells]), prev.parts, prev.prov)
            continue
        out.append(r)
    return out


def text_cell(label: str) -> bool:
    """Text printed in a money cell ('Seconded officer', 'included in LA', 'TBC'), not a row label."""
    return bool(label) and (label[0].islower() or bool(_TEXT_CELL.match(label)))


def _join_wrapped_labels(rows: list[Row]) -> list[Row]:
    """A label with no cells at all, right before a label that names no funder of its own (or reads as a
    continuation), is the first line of that label. Before a funder's label it is a row whose empty cells
    were dropped, and stays a row."""
    out: list[Row] = []
    carry: Optional[Row] = None
    for r in rows:
        if carry is not None and not _continues(r.label):
            out.append(carry)
            carry = None
        if carry is not None:
            label = f"{carry.label} {r.label}".strip()
            r = Row(label, r.cells, r.positional, carry.line, r.raw.replace(r.label, label, 1) if r.label else label,
                    (label,), carry.prov or r.prov)
            carry = None
        if not r.cells and r.label and not r.positional:
            carry = r
            continue
        out.append(r)
    if carry is not None:
        out.append(carry)
    return out


def _continues(label: str) -> bool:
    if _TOTAL.match(label) or re.match(r"^\W*sub[\s-]*totals?\b", label, re.I):
        return False  # a Total row is never the second line of a label
    return bool(label) and (agency_of(label) is None or label[0].islower() or label[0] in "(&-/")


def _unstack(r: Row) -> list[Row]:
    """Labels stacked in one cell, each with its amount stacked in the same order, become separate rows."""
    k = len(r.parts)
    if k < 2 or not all(agency_of(p) for p in r.parts):
        return [r]
    split = [_amount_parts(c) for c in r.cells]
    if not any(len(s) == k for s in split) or any(len(s) not in (0, k) for s in split):
        return [r]
    return [Row(part, tuple(s[j] if s else "" for s in split), r.positional, r.line,
                f"{r.raw} (stacked row {j + 1} of {k})") for j, part in enumerate(r.parts)]


def _amount_parts(cell: str) -> list[str]:
    """The amounts a cell prints, split at spaces; a currency sign standing apart belongs to the figure after it
    ('£ 646,000' is one amount, not two stacked parts)."""
    out: list[str] = []
    for token in cell.split():
        if out and out[-1] in _CURRENCY_SIGNS:
            out[-1] = f"{out[-1]} {token}"
        else:
            out.append(token)
    return out


_CURRENCY_SIGNS = ("£", "€", "$")


def _split_multi_number_cells(r: Row) -> Row:
    """A cell holding several amounts (wrapped lines that merged neighbouring cells) becomes that many cells;
    the row's positions are then unknown."""
    split = [c.split() if len(c.split()) > 1 and all(amount_of(x).value is not None for x in c.split()) else [c]
             for c in r.cells]
    if all(len(s) == 1 for s in split):
        return r
    return Row(r.label, tuple(x for s in split for x in s), False, r.line, r.raw, r.parts, r.prov)


def _reshift(rows: list[Row]) -> list[Row]:
    """Where wrapped labels were shifted half a row (each cell = end of one label + start of the next),
    re-pair them when that makes more labels name a funder."""
    out = list(rows)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and len(out[j].parts) >= 2:
            j += 1
        if j > i and j < len(out):
            shifted = _shifted_labels(out[i:j + 1])
            if _named(shifted) > _named([r.label for r in out[i:j + 1]]):
                for k, label in enumerate(shifted):
                    out[i + k] = Row(label, out[i + k].cells, out[i + k].positional, out[i + k].line,
                                     out[i + k].raw.replace(out[i + k].label, label, 1), (label,), out[i + k].prov)
        i = j + 1
    return out


def _shifted_labels(run: Sequence[Row]) -> list[str]:
    labels, carry = [], ""
    for r in run:
        parts = list(r.parts) or [r.label]
        head, tail = (parts[:-1], parts[-1]) if len(parts) >= 2 else (parts, "")
        labels.append(" ".join(x for x in [carry, *head] if x))
        carry = tail
    return labels


def _named(labels: Sequence[str]) -> int:
    return sum(1 for label in labels if agency_of(label))


def amount_of(text: str) -> Amount:
    """A cell as an Amount: parsed when it is money, else kept as text with no value."""
    a = parse_amount(text)
    return a if a is not None else Amount(text, None, "text in a money cell")

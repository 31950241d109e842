"""Sections of a budget table: headings, printed sub-totals, and blocks that are not the partners' funding.

Tables print their funders in sections (``PARTNERS CONTRIBUTIONS TO POOL BUDGET``, ``YOUTH JUSTICE BOARD
GRANTS``, ``'IN-KIND' CONTRIBUTION``), close a section with a sub-total (labelled, or an amount on a row with no
label), and are sometimes printed in one run with a list that is not theirs (an expenditure breakdown above or
below). A section heading is a row with no amounts that names no funder, or an upper-case first line of a label
cell. A block is the rows between section breaks; a block none of whose rows names a funder is left out when
another block of the same table does name funders.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Optional

from normalisers.agencies import agency_of
from normalisers.money import is_blank

if TYPE_CHECKING:
    from extractors.budget.rows import Row

_SUBTOTAL = re.compile(r"^\W*sub[\s-]*totals?\b", re.I)
_OTHER_WORD = re.compile(r"^\W*other\b", re.I)
MIN_FOREIGN_ITEMS = 2
_SPEND_ITEM = re.compile(r"employees|premises|transport|supplies|third[\s-]+party|salar|staff(?:ing)?\s+costs|"
                         r"running\s+costs|overheads|delivery\s+costs|recharges|expenditure|\bspend|equipment|"
                         r"training|accommodation|travel", re.I)
_SPEND = re.compile(r"expenditure|\bspend|\bspent\b|outgoings|\bcosts?\b", re.I)
_UPPER_SHARE = 0.8  # letters of a heading line that are capitals
MIN_HEADING_WORDS = 2


def heading_like(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    words = re.findall(r"[A-Za-z]{2,}", text)
    return len(words) >= MIN_HEADING_WORDS and sum(c.isupper() for c in letters) >= _UPPER_SHARE * len(letters) \
        and not re.search(r"\d", text)


def heading_split(r: Row) -> tuple[str, Row]:
    """A label cell whose first line(s) are an upper-case heading and whose last are the row's own label."""
    parts = [p for p in r.parts if p.strip()]
    k = 0
    while k < len(parts) - 1 and heading_like(parts[k]):
        k += 1
    if k == 0 or heading_like(parts[-1]):
        return "", r
    label = " ".join(parts[k:])
    return " ".join(parts[:k]), replace(r, label=label, parts=tuple(parts[k:]))


def split_overflow(rows: list[Row]) -> list[Row]:
    """One cell per line cannot tell an empty label from an empty amount: a row with a further whole row of
    cells after its own (``Other Delivery Costs | | 0 | | | 757,988``) holds an unlabelled row; split it off."""
    widths = [len(r.cells) for r in rows if r.has_amounts and not r.positional]
    if not widths:
        return rows
    w = max(set(widths), key=widths.count)
    out: list[Row] = []
    for r in rows:
        extra = r.cells[w:]
        if r.positional or not extra or len(extra) % (w + 1) or all(is_blank(c) for c in extra):
            out.append(r)
            continue
        chunks = [extra[k:k + w + 1] for k in range(0, len(extra), w + 1)]
        if not all(is_blank(c[0]) for c in chunks):
            out.append(r)
            continue
        out.append(replace(r, cells=r.cells[:w]))
        out.extend(replace(r, label="", cells=tuple(c[1:]), parts=(), raw=" | ".join(["", *c[1:]]).strip())
                   for c in chunks if any(not is_blank(x) for x in c[1:]))
    return out


def _heading_row(r: Row) -> bool:
    """A row with no amounts that names no one who pays, or is set in capitals (``YOUTH JUSTICE BOARD GRANTS``)."""
    return bool(r.label) and not r.has_amounts and not _SUBTOTAL.match(r.label) \
        and (agency_of(r.label) is None or heading_like(r.label))


def sectioned(rows: list[Row]) -> list[Row]:
    """Each row with the section it is printed under, heading rows consumed, sub-total rows marked."""
    out: list[Row] = []
    section = ""
    for r in rows:
        head, r = heading_split(r)
        if head:
            section = head
        if _heading_row(r):
            section = r.label
            continue
        kind = "subtotal" if _SUBTOTAL.match(r.label) or (not r.label and r.has_amounts) else "item"
        out.append(replace(r, section=section, kind=kind))
    return out


def blocks(rows: list[Row]) -> list[list[Row]]:
    """Rows between section breaks: a new section heading starts a block, a sub-total row ends one."""
    out: list[list[Row]] = []
    cur: list[Row] = []
    for r in rows:
        if cur and r.section != cur[-1].section and cur[-1].kind != "subtotal":
            out.append(cur)
            cur = []
        cur.append(r)
        if r.kind == "subtotal":
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def names_funder(label: str) -> bool:
    """A label that names who pays (a bare 'Other ...' names no one: 'Other Delivery Costs', 'Other Income')."""
    agency = agency_of(label)
    return agency is not None and not (agency == "other" and _OTHER_WORD.match(label) and "(" not in label)


def _foreign(block: list[Row]) -> bool:
    """A list that is not the funders': two or more items with amounts, none naming a funder, under a heading
    that says spending or most of them spending lines (Employees, Premises, Transport ...)."""
    items = [r for r in block if r.kind == "item" and r.has_amounts]
    if len(items) < MIN_FOREIGN_ITEMS or any(names_funder(r.label) for r in block if r.kind == "item"):
        return False
    spend = sum(1 for r in items if _SPEND_ITEM.search(r.label))
    return bool(_SPEND.search(block[0].section)) or spend * 2 >= len(items)


def _spend_list_at_end(rows: list[Row], total: Optional[Row]) -> tuple[list[Row], Optional[Row]]:
    """Funders, then with no break an expenditure list closed by its own total (``Total expenditure``): the
    list and its total are not the table's."""
    if total is None or not _SPEND.search(total.label):
        return rows, total
    k = len(rows)
    while k > 0 and rows[k - 1].kind == "item" and not names_funder(rows[k - 1].label):
        k -= 1
    if len(rows) - k < MIN_FOREIGN_ITEMS or not any(names_funder(r.label) for r in rows[:k]):
        return rows, total
    return rows[:k], None


def funder_blocks(rows: list[Row], total: Optional[Row]) -> tuple[list[Row], Optional[Row]]:
    """Lists printed before or after the funders in the same grid (an expenditure breakdown) are left out, and
    so is a Total row that closes such a list."""
    rows, total = _spend_list_at_end(rows, total)
    bs = blocks(rows)
    foreign = [_foreign(b) for b in bs]
    if all(foreign) or not any(foreign):
        return rows, total
    start, end = 0, len(bs)
    while start < end and foreign[start]:
        start += 1
    while end > start and foreign[end - 1]:
        end -= 1
    kept = [r for b in bs[start:end] for r in b]
    return kept, (total if end == len(bs) else None)

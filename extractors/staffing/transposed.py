"""FTE grids printed the other way round: roles as rows, contract types as columns.

A transposed grid is recognised by its header (two or more contract labels in a row) and rows labelled with one
role each ('Practitioners (PT)') or Total. It is turned back into the template's orientation (contracts as rows,
a header naming the roles in order), so one interpreter reads both. A role row whose cell count differs from the
header's cannot be placed cell by cell; the grid then carries a problem and those cells are not read.
"""
from __future__ import annotations

from typing import Optional

from extractors.staffing.numbers import number
from normalisers.staffing_vocab import clean_label, contract_code, role_mentions

TOTAL_WORDS = ("total", "totals", "grand total")


def is_contract_header(labels: list[str]) -> bool:
    """Column labels that are all contract types (and perhaps a Total)."""
    named = [t for t in labels if t.strip()]
    contracts = sum(1 for t in named if contract_code(t))
    totals = sum(1 for t in named if clean_label(t).lower() in TOTAL_WORDS)
    return contracts >= 1 and contracts + totals == len(named)


def role_label(label: str) -> bool:
    """A row label naming one role ('Strategic Manager (PT)') or a Total."""
    t = clean_label(label)
    if not t or len(t) > 50 or number(t) is not None:
        return False
    if t.lower() in TOTAL_WORDS:
        return True
    mentions = role_mentions(t)
    return len(mentions) == 1 and mentions[0].role != "total" and contract_code(t) is None


def transpose(columns: list[str], rows: list[tuple[str, int]]
              ) -> Optional[tuple[str, list[tuple[int, list[int]]], list[str]]]:
    """Read a transposed grid back: (header text, contract rows, problems).

    ``columns`` are the labels over the value cells; ``rows`` the role rows as (label, number of cells). Each
    returned contract row is (its column index, the role rows it takes a cell from, in order)."""
    keep = [j for j, c in enumerate(columns) if contract_code(c) or clean_label(c).lower() in TOTAL_WORDS]
    width = len(columns)
    if not keep or not rows:
        return None
    problems = [f"the '{clean_label(lab)}' row prints {n} cells for {width} columns" for lab, n in rows
                if n != width]
    good = [i for i, (_, n) in enumerate(rows) if n == width]
    if not good:
        return "", [], problems
    header = " | ".join(clean_label(rows[i][0]) for i in good)
    return header, [(j, good) for j in keep], problems

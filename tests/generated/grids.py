"""A generated document as printed blocks: prose lines and grids of cell texts (what every renderer draws)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from tests.generated import vocab
from tests.generated.truth import BudgetDoc, TRow, TTable


@dataclass(frozen=True)
class Grid:
    rows: tuple[tuple[str, ...], ...]  # row 0 (and 1 with a two-level header) is the header
    header_rows: int = 1
    kinds: tuple[str, ...] = ()  # per row: header | body | section | subtotal | total | list


Block = Union[str, Grid]


def _row(r: TRow, cols: tuple[str, ...]) -> tuple[str, ...]:
    return (r.label,) + tuple(r.cells[c].raw if c in r.cells else "" for c in cols)


def table_grid(t: TTable) -> Grid:
    rows: list[tuple[str, ...]] = [(t.corner,) + t.headers]
    kinds = ["header"]
    section = ""
    for r in t.rows:
        if r.section and r.section != section:
            section = r.section
            rows.append((section,) + ("",) * len(t.columns))
            kinds.append("section")
        rows.append(_row(r, t.columns))
        kinds.append("subtotal" if r.agency == "subtotal" else "body")
    if t.total_row is not None:
        rows.append(_row(t.total_row, t.columns))
        kinds.append("total")
    return Grid(tuple(rows), 1, tuple(kinds))


def transposed_grid(t: TTable) -> Grid:
    funders = t.rows
    head = (t.corner if t.corner.strip() else "",) + tuple(r.label for r in funders)
    if t.total_row is not None:
        head += (t.total_row.label,)
    rows = [head]
    for c in t.columns:
        label = vocab.TRANSPOSED_ROWS[c][0] if c != "total" else "Total income"
        cells = tuple(r.cells[c].raw if c in r.cells else "" for r in funders)
        if t.total_row is not None:
            cells += (t.total_row.cells[c].raw,)
        rows.append((label,) + cells)
    return Grid(tuple(rows), 1, ("header",) + ("body",) * len(t.columns))


def periods_grid(a: TTable, b: TTable) -> Grid:
    rows = [(a.corner, a.period, b.period)]
    kinds = ["header"]
    for ra, rb in zip(a.rows, b.rows):
        rows.append((ra.label, ra.cells["total"].raw, rb.cells["total"].raw))
        kinds.append("body")
    if a.total_row is not None and b.total_row is not None:
        rows.append((a.total_row.label, a.total_row.cells["total"].raw, b.total_row.cells["total"].raw))
        kinds.append("total")
    return Grid(tuple(rows), 1, tuple(kinds))


def two_level(g: Grid) -> Grid:
    """The same grid with a spanning first header row (``£`` over the amount columns)."""
    width = len(g.rows[0])
    top = ("",) + ("£",) * (width - 1)
    return Grid((top,) + g.rows, 2, ("header",) + g.kinds)


def blocks(doc: object) -> list[Block]:
    """The document in reading order: title, prose, each anchor and its table, what follows."""
    if not isinstance(doc, BudgetDoc):
        return doc.blocks()  # type: ignore[attr-defined,no-any-return]
    out: list[Block] = [doc.title, doc.prose[0]]
    if doc.layout == "periods_side":
        a, b = doc.tables
        out += [f"Partner contributions {a.period} and {b.period}", periods_grid(a, b)]
    else:
        for t in doc.tables:
            out += [t.anchor, transposed_grid(t) if doc.layout == "transposed" else table_grid(t)]
    if doc.list_after is not None:
        lst = doc.list_after
        out.append(Grid(((lst.heading, ""),) + tuple((lab, v) for lab, v in lst.items), 0,
                        ("list",) * (len(lst.items) + 1)))
    out += list(doc.prose[1:])
    out.append("The plan was agreed by the management board.")
    return out

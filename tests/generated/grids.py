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


def second_col_grid(t: TTable) -> Grid:
    """Item amounts in the first £ column; each section's sub-total and the grand total in the second."""
    rows: list[tuple[str, ...]] = [(t.corner, "£", "£")]
    kinds = ["header"]
    section = ""
    for r in t.rows:
        if r.section and r.section != section:
            section = r.section
            rows.append((section, "", ""))
            kinds.append("section")
        sub = r.agency == "subtotal"
        rows.append((r.label, "", r.cells["total"].raw) if sub else (r.label, r.cells["total"].raw, ""))
        kinds.append("subtotal" if sub else "body")
    if t.total_row is not None:
        rows.append((t.total_row.label, "", t.total_row.cells["total"].raw))
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


def periods_grid(tables: tuple[TTable, ...]) -> Grid:
    """One amount column per period, side by side (two years, or a five-year table)."""
    a = tables[0]
    rows = [(a.corner,) + tuple(t.period for t in tables)]
    kinds = ["header"]
    for k in range(len(a.rows)):
        rows.append((a.rows[k].label,) + tuple(t.rows[k].cells["total"].raw for t in tables))
        kinds.append("body")
    if all(t.total_row is not None for t in tables):
        rows.append((a.total_row.label,) + tuple(t.total_row.cells["total"].raw for t in tables))  # type: ignore[union-attr]
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
        a, b = doc.tables[0], doc.tables[-1]
        out += [f"Partner contributions {a.period} to {b.period}", periods_grid(doc.tables)]
    else:
        for t in doc.tables:
            grid = {"transposed": transposed_grid, "sections2": second_col_grid}.get(doc.layout, table_grid)
            out += [t.anchor, grid(t)]
    if doc.list_after is not None:
        lst = doc.list_after
        out.append(Grid(((lst.heading, ""),) + tuple((lab, v) for lab, v in lst.items), 0,
                        ("list",) * (len(lst.items) + 1)))
    out += list(doc.prose[1:])
    out.append("The plan was agreed by the management board.")
    return out

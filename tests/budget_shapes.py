"""Generated partner budget tables and their renderings, for the shape tests (tests/budget/test_budget_shapes.py).

A :class:`Spec` is what a plan prints: funders (labels drawn from the real vocabulary, with the agency gold maps
them to), amounts per template column, and a Total row. :func:`render` writes it in the forms text conversions
give (tab rows, one cell per line ended by a bare CR, Markdown, HTML).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Optional

from hypothesis import strategies as st

# label as printed -> agency (mapped by who pays, tests/gold/real/README.md)
FUNDERS: tuple[tuple[str, str], ...] = (
    ("Police", "police"), ("Police and Crime Commissioner", "pcc"), ("OPCC", "pcc"),
    ("National Probation Service", "probation"), ("Probation", "probation"), ("Health", "health"),
    ("Clinical Commissioning Group", "health"), ("Public Health", "health"), ("CAMHS", "health"),
    ("Local Authority", "local_authority"), ("Children's Services", "local_authority"),
    ("Education", "local_authority"), ("Youth Justice Board", "yjb"), ("YJB Good Practice Grant", "yjb"),
    ("YJSB Grant", "yjb"), ("Junior Attendance Centre grant", "yjb"), ("Welsh Government", "welsh_government"),
    ("Wales Assembly Government", "welsh_government"), ("Troubled Families", "other"),
    ("Dedicated Schools Grant", "other"), ("Community Safety Partnership (PCC funding)", "pcc"),
)
COLUMNS = ("staffing", "payments_in_kind", "delegated")
HEADINGS = {"staffing": "Staffing costs", "payments_in_kind": "Payments in kind",
            "delegated": "Other delegated funds", "total": "Total"}
Amounts = dict[str, Optional[int]]


@dataclass(frozen=True)
class Spec:
    rows: tuple[tuple[str, str, Amounts], ...]  # label, agency, amount per column (None: blank cell)
    columns: tuple[str, ...] = COLUMNS
    total_column: bool = True
    total_row: bool = True
    anchor: str = "Partner contributions 2019/20"
    money: Callable[[int], str] = field(default=lambda v: f"{v:,}")

    def row_total(self, amounts: Amounts) -> int:
        return sum(v or 0 for c, v in amounts.items() if c in self.columns)

    def column_total(self, column: str) -> int:
        return sum(a.get(column) or 0 for _, _, a in self.rows)

    @property
    def grand_total(self) -> int:
        return sum(self.row_total(a) for _, _, a in self.rows)


def cells_of(spec: Spec) -> list[list[str]]:
    """The printed grid: header, one row per funder, the Total row."""
    heads = [HEADINGS[c] for c in spec.columns] + (["Total"] if spec.total_column else [])
    grid = [["Agency", *heads]]
    for label, _, a in spec.rows:
        cells = ["" if a.get(c) is None else spec.money(a[c] or 0) for c in spec.columns]
        grid.append([label, *cells, *([spec.money(spec.row_total(a))] if spec.total_column else [])])
    if spec.total_row:
        cells = [spec.money(spec.column_total(c)) for c in spec.columns]
        grid.append(["Total", *cells, *([spec.money(spec.grand_total)] if spec.total_column else [])])
    return grid


def render(grid: list[list[str]], form: str, anchor: str) -> tuple[str, str]:
    """(file name, text) of the grid printed in ``form``."""
    if form == "tab":
        return "plan.txt", f"{anchor}\n\n" + "".join("\t".join(r) + "\n" for r in grid) + "\nAfter the table.\n"
    if form == "cr":
        return "plan.txt", f"{anchor}\r\n" + "".join(c + "\r" for r in grid for c in r) + "\r\n"
    if form == "cr-lossy":  # a conversion that dropped the empty cells
        return "plan.txt", f"{anchor}\r\n" + "".join(c + "\r" for r in grid for c in r if c) + "\r\n"
    if form == "flat":  # the whole table on one line, empty cells lost (headers must end in '(£)' or 'Total')
        return "plan.txt", f"{anchor}\n\n" + " ".join(c for r in grid for c in r if c) + "\n"
    if form == "markdown":
        rows = ["| " + " | ".join(r) + " |" for r in grid]
        return "plan.md", f"## {anchor}\n\n" + rows[0] + "\n" + "|---" * len(grid[0]) + "|\n" + "\n".join(rows[1:]) + "\n"
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in grid)
    return "plan.html", f"<html><body><h2>{anchor}</h2><table>{body}</table></body></html>"


FORMS = ("tab", "cr", "markdown", "html")

amount = st.integers(min_value=100, max_value=2_000_000)


@st.composite
def specs(draw: st.DrawFn, min_rows: int = 2, max_rows: int = 6) -> Spec:
    """A template table: distinct funders, each with one to three amounts, at least one amount per column."""
    n = draw(st.integers(min_value=min_rows, max_value=max_rows))
    picked = draw(st.lists(st.sampled_from(FUNDERS), min_size=n, max_size=n, unique_by=lambda f: f[1]))
    rows = []
    for label, agency in picked:
        present = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=3, unique=True))
        rows.append((label, agency, {c: (draw(amount) if c in present else None) for c in COLUMNS}))
    if max(v or 0 for _, _, a in rows for v in a.values()) < 1000:  # a budget table prints pounds
        rows[0][2][next(c for c in COLUMNS if rows[0][2][c] is not None)] = 25_000
    money = draw(st.sampled_from([lambda v: f"{v:,}", lambda v: f"£{v:,}", lambda v: f"£{v:,}.00"]))
    return Spec(tuple(rows), money=money)


def same(a: Optional[Decimal], b: Optional[int]) -> bool:
    return (a or Decimal(0)) == Decimal(b or 0)

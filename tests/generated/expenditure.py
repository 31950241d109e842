"""Hypothesis strategies of cost tables (how the money is spent), their seeded slips, and text renderings.

A table is a few cost groups (CIPFA subjective groups and similar words), one or several amount columns (several:
a forecast split by priority, with a TOTAL column and, sometimes, the percentage split printed above), and a
printed total row. A slip changes one printed figure; the truth says which sums it breaks.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Optional

from hypothesis import strategies as st

from tests.generated.grids import Grid
from tests.generated.render_text import _cr, _tab

GROUPS = ("Employees", "Premises", "Transport", "Supplies & Services", "Third Party Payments", "Other Delivery Costs",
          "Salaries", "Running costs", "Overheads", "Training", "Accommodation", "Travel", "Equipment",
          "Support Services", "Staffing costs", "Recharges")
ACTIVITIES = ("Interventions", "Reparation", "Remand", "Court work", "Appropriate adults", "Parenting programme")
PRIORITIES = ("Reducing reoffending", "Reducing first time entrants", "Reducing the use of custody",
              "Prevention", "Victims and restorative justice")
FORMS = ("tab", "cr", "spaced", "markdown", "html", "flat")
Draw = Callable[..., object]


@dataclass(frozen=True)
class CostTable:
    labels: tuple[str, ...]
    columns: tuple[str, ...]  # amount columns; the last is TOTAL when there are several
    cells: tuple[tuple[int, ...], ...]  # printed amounts per line (the TOTAL column included)
    total: tuple[int, ...]  # the printed total row
    shares: tuple[int, ...] = ()  # printed percentage split of the columns (TOTAL's 100 last)
    income: Optional[int] = None  # an Income row printed (in brackets) after the lines, the total then net of it
    slip: Optional[tuple[str, int, int, int]] = None  # (where: "line"|"total", row, column, delta)

    @property
    def with_total_column(self) -> bool:
        return len(self.columns) > 1


@st.composite
def net_tables(draw: Draw) -> CostTable:
    """A table whose Total is net of an Income row printed after the lines (single column or TOTAL column)."""
    t: CostTable = draw(cost_tables())  # type: ignore[assignment]
    income = int(draw(st.integers(1, 100_000)))  # type: ignore[call-overload]
    total = t.total[:-1] + (t.total[-1] - income,)
    return CostTable(t.labels, t.columns, t.cells, total, t.shares, income=income)


@st.composite
def cost_tables(draw: Draw, slip: bool = False) -> CostTable:
    labels = tuple(draw(st.lists(st.sampled_from(GROUPS), min_size=3, max_size=7, unique=True)))  # type: ignore[arg-type]
    for activity in draw(st.lists(st.sampled_from(ACTIVITIES), max_size=2, unique=True)):  # type: ignore[attr-defined]
        at = int(draw(st.integers(0, len(labels))))  # type: ignore[call-overload]
        labels = labels[:at] + (str(activity),) + labels[at:]  # rows no vocabulary names, inside the table
    k = int(draw(st.sampled_from((1, 2, 3, 4))))  # type: ignore[arg-type]
    amounts = [[int(draw(st.integers(0, 900_000))) for _ in range(k)] for _ in labels]  # type: ignore[call-overload]
    columns: tuple[str, ...] = (("Expenditure (£)",) if k == 1 else
                                tuple(draw(st.lists(st.sampled_from(PRIORITIES), min_size=k, max_size=k,  # type: ignore[arg-type]
                                                    unique=True))) + ("TOTAL",))
    rows = [tuple(a) if k == 1 else tuple(a) + (sum(a),) for a in amounts]
    total = tuple(sum(r[c] for r in rows) for c in range(len(columns)))
    shares: tuple[int, ...] = ()
    if k > 1 and draw(st.booleans()):
        cut = sorted(draw(st.lists(st.integers(1, 99), min_size=k - 1, max_size=k - 1, unique=True)))  # type: ignore[arg-type]
        bounds = [0, *cut, 100]
        shares = tuple(bounds[j + 1] - bounds[j] for j in range(k)) + (100,)
    t = CostTable(labels, columns, tuple(rows), total, shares)
    return _with_slip(draw, t) if slip else t


def _with_slip(draw: Draw, t: CostTable) -> CostTable:
    where = str(draw(st.sampled_from(("line", "total"))))  # type: ignore[arg-type]
    row = int(draw(st.integers(0, len(t.labels) - 1))) if where == "line" else 0  # type: ignore[call-overload]
    col = int(draw(st.integers(0, len(t.columns) - 1)))  # type: ignore[call-overload]
    size = int(draw(st.one_of(st.just(1), st.integers(2, 50_000))))  # type: ignore[call-overload]
    delta = size if draw(st.booleans()) else -size
    cells, total = [list(r) for r in t.cells], list(t.total)
    if where == "line":
        if cells[row][col] + delta < 0:
            delta = size
        cells[row][col] += delta
    else:
        if total[col] + delta < 0:
            delta = size
        total[col] += delta
    return CostTable(t.labels, t.columns, tuple(tuple(r) for r in cells), tuple(total), t.shares,
                     slip=(where, row, col, delta))


def broken_sums(t: CostTable) -> list[tuple[str, int, int]]:
    """The sums the slip breaks: ("column", column, figures) and, with a TOTAL column, ("row", line, figures)
    (line -1: the total row); figures is how many printed figures the sum compares."""
    if t.slip is None:
        return []
    where, row, col, _ = t.slip
    out = [("column", col, len(t.labels) + 1)]
    if t.with_total_column:
        out.append(("row", row if where == "line" else -1, len(t.columns)))
    return out


def _fmt(v: int) -> str:
    return f"{v:,}"


def _grid(t: CostTable) -> Grid:
    head = ("Cost category (£)", *t.columns)
    rows: list[tuple[str, ...]] = [head]
    if t.shares:
        rows.append(("% split of forecast expenditure", *(f"{s}%" for s in t.shares)))
    rows += [(label, *(_fmt(v) for v in r)) for label, r in zip(t.labels, t.cells)]
    rows += [_income_row(t)] if t.income is not None else []
    rows.append(("Total Expenditure", *(_fmt(v) for v in t.total)))
    return Grid(tuple(rows))


def _income_row(t: CostTable) -> tuple[str, ...]:
    return ("Income", *(f"({_fmt(t.income or 0)})" if c == len(t.columns) - 1 else "0" for c in range(len(t.columns))))


def _spaced(t: CostTable, variant: int) -> str:
    gap = " " * (3 + variant % 5)
    # a blank line under the caption: text_grids reads a caption ending in '2019/20' as a spaced row ('20') and
    # then takes the header line for a section row (its finder's habit, noted for the table layer)
    lines = ["", gap.join(("Cost category (£)", *t.columns))]
    lines += [gap.join((label, *(_fmt(v) for v in r))) for label, r in zip(t.labels, t.cells)]
    lines += [gap.join(_income_row(t))] if t.income is not None else []
    lines.append(gap.join(("Total Expenditure", *(_fmt(v) for v in t.total))))
    return "\r\n".join(lines)


def _markdown(t: CostTable) -> str:
    rows = _grid(t).rows
    return "\n".join(["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
                     + ["| " + " | ".join(r) + " |" for r in rows[1:]])


def _html(t: CostTable) -> str:
    rows = _grid(t).rows
    return "<table>" + "".join("<tr>" + "".join(f"<{'th' if k == 0 else 'td'}>{html.escape(c)}</{'th' if k == 0 else 'td'}>"
                                               for c in r) + "</tr>" for k, r in enumerate(rows)) + "</table>"


def _flat(t: CostTable) -> str:
    """The whole table on one line (shares left out: a flattened line keeps no percentage row)."""
    rows = _grid(t).rows
    return " ".join(c for r in rows if not r[0].startswith("%") for c in r)


def render(t: CostTable, form: str, variant: int = 0) -> bytes:
    """A small plan around the table, in one of ``FORMS``."""
    if form == "html":
        return ("<!DOCTYPE html><html><body><h1>Anytown Youth Justice Plan 2019-20</h1><p>The table below shows "
                "how the budget is spent.</p><p>Forecast expenditure 2019/20</p>" + _html(t)
                + "<p>The Management Board reviews the budget every year.</p></body></html>").encode()
    body = {"tab": lambda: _tab(_grid(t), variant), "cr": lambda: _cr(_grid(t), variant),
            "spaced": lambda: _spaced(t, variant), "markdown": lambda: "\r\n" + _markdown(t) + "\r\n",
            "flat": lambda: _flat(t)}[form]()
    text = ("Anytown Youth Justice Plan 2019-20\r\n\r\nResources and value for money\r\n"
            "The YOT budget comprises partnership funding and grants. The table below shows how it is spent.\r\n"
            "Forecast expenditure 2019/20\r\n" + body + "\r\n\r\nThe Management Board reviews the budget every year.\r\n")
    return text.encode("utf-8")


PDF_FORMS = ("pdf_ruled", "pdf_borderless", "pdf_pound", "pdf_landscape")


@dataclass(frozen=True)
class _Plan:
    t: CostTable

    def blocks(self) -> list[object]:
        return ["Anytown Youth Justice Plan 2019-20", "The table below shows how the budget is spent.",
                "Forecast expenditure 2019/20", _grid(self.t), "The Management Board reviews the budget every year."]


def render_as_pdf(t: CostTable, form: str, variant: int = 0) -> bytes:
    """The plan as a PDF in one of ``PDF_FORMS`` (drawn by tests/generated/render_pdf.py)."""
    from tests.generated.render_pdf import render_pdf
    return render_pdf(_Plan(t), form, variant)[0]


# --------------------------------------------------------------------------- the fuzz family (tests/generated/fuzz.py)

SHAPES = ("clean", "slip", "net_of_income")


def family_docs(shape: str) -> "st.SearchStrategy[CostTable]":
    return {"clean": cost_tables(), "slip": cost_tables(slip=True), "net_of_income": net_tables()}[shape]


def render_family(t: CostTable, form: str, variant: int) -> tuple[bytes, str]:
    if form in PDF_FORMS:
        return render_as_pdf(t, form, variant), "gen.pdf"
    return render(t, form, variant), {"html": "gen.html", "markdown": "gen.md"}.get(form, "gen.txt")


def judge_family(t: CostTable, data: bytes, src: str) -> list[Any]:
    """The whole pipeline on the plan: its cost table read as printed, exactly the slip's findings, and nothing
    else at all (no family may raise a finding on a clean cost table)."""
    from pipeline.stages import process
    from tests.generated.properties import Failure
    x = process(data, src)
    if len(x.expenditure_tables) != 1:
        return [Failure("table", f"{len(x.expenditure_tables)} cost tables read")]
    table = x.expenditure_tables[0]
    out = []
    if [ln.label for ln in table.lines] != list(t.labels) or \
            [[a.value for a in ln.amounts] for ln in table.lines] != [[Decimal(v) for v in r] for r in t.cells]:
        out.append(Failure("lines", "lines not read as printed"))
    want = len(broken_sums(t))
    # the plan prints no partner table: the budget presence check says so (true, and not about the cost table)
    found = [f for f in x.findings if f.severity != "info" and f.check_name != "no_budget_table"]
    if len(found) != want:
        out.append(Failure("findings", f"{len(found)} findings for {want} broken sums: "
                                       + "; ".join(f.message[:80] for f in found)))
    return out

"""Unruled PDF budget tables as spreadsheets export them, generated: a currency sign printed apart from its
amount (accounting format) or beside it or not at all, one- or two-line column headings whose words cross the
column gaps, the amount columns in any order, a title line above. Every figure must come back in its column
(readers/pdf_grids.py: join_unit_columns, attach_header)."""
from __future__ import annotations

from decimal import Decimal

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.stages import process

FUNDERS = ["Police", "Probation", "Health", "Local Authority", "YJB", "Police and Crime Commissioner",
           "Clinical Commissioning Group", "Other"]
HEADINGS = {"staffing": ("Staffing", "costs"), "payments_in_kind": ("Payments", "in kind"),
            "delegated": ("Other delegated", "funds")}
SIZE = 9


def _money(v: int, sign: str) -> tuple[str, str]:
    """(sign word, amount word): the sign apart, joined, or absent."""
    text = f"{v:,}" if v else "-"
    if sign == "apart":
        return "£", text
    return "", ("£" + ("" if v else " ") + text) if sign == "joined" else text


def render(rows: list[tuple[str, dict[str, int]]], order: list[str], sign: str, two_line: bool,
           split_at: int | None = None, repeat_heading: bool = False) -> bytes:
    """The table on one page, or (``split_at``) its first rows at the foot of a page and the rest (with the
    Total row, and the headings again when ``repeat_heading``) at the top of the next."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((50, 60), "Sometown Youth Justice Plan 2019/20", fontsize=14)
    top = 95.0
    if split_at is not None:  # prose fills the page so that the table starts near its foot
        for k in range(38 - 2 * split_at):
            page.insert_text((50, top), f"The partnership met to review priority {k} and agreed the actions.", fontsize=10)
            top += 15
    page.insert_text((50, top), "Table 3: contributions of the partners to the youth justice budget 2019/20", fontsize=10)
    cols = order + ["total"]
    xs = [50] + [200 + 95 * k for k in range(len(cols))]
    y = top + 30
    heads = [HEADINGS.get(c, ("Total", "")) for c in cols]
    lines = [[h[0] + ("" if two_line else " " + h[1]).rstrip() for h in heads]]
    if two_line:
        lines.append([h[1] for h in heads])
    def headings(page: pymupdf.Page, y: float) -> float:
        for k, line in enumerate(lines):
            if k == 0:
                page.insert_text((xs[0], y), "Agency", fontsize=SIZE)
            for x, text in zip(xs[1:], line):
                page.insert_text((x, y), text, fontsize=SIZE)
            y += 12
        return y + 6
    y = headings(page, y)
    body = rows + [("Total", {c: sum(r[1][c] for r in rows) for c in order})]
    for n, (label, amounts) in enumerate(body):
        if n == split_at:
            page = doc.new_page(width=595, height=842)
            y = headings(page, 95.0) if repeat_heading else 95.0
        page.insert_text((xs[0], y), label, fontsize=SIZE)
        values = [amounts[c] for c in order] + [sum(amounts.values())]
        for x, v in zip(xs[1:], values):
            s, a = _money(v, sign)
            if s:
                page.insert_text((x, y), s, fontsize=SIZE)
            page.insert_text((x + 88 - pymupdf.get_text_length(a, fontsize=SIZE), y), a, fontsize=SIZE)
        y += 15
    page.insert_text((50, y + 25), "The partnership reviews these contributions each year.", fontsize=10)
    data: bytes = doc.tobytes()
    doc.close()
    return data


amount = st.one_of(st.just(0), st.integers(1, 900) .map(lambda k: k * 1000), st.integers(1000, 2_000_000))
tables = st.fixed_dictionaries({
    "funders": st.lists(st.sampled_from(FUNDERS), min_size=3, max_size=7, unique=True),
    "order": st.permutations(["staffing", "payments_in_kind", "delegated"]),
    "sign": st.sampled_from(["apart", "joined", "none"]),
    "two_line": st.booleans(),
    "seed": st.lists(st.tuples(amount, amount, amount), min_size=7, max_size=7),
})


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(tables)
def test_every_figure_comes_back_in_its_column(t: dict) -> None:
    rows = [(f, dict(zip(("staffing", "payments_in_kind", "delegated"), t["seed"][k] if any(t["seed"][k])
                         else (1000 * (k + 1), 0, 0))))  # a partner's row prints at least one amount
            for k, f in enumerate(t["funders"])]
    data = render(rows, t["order"], t["sign"], t["two_line"])
    x = process(data, "generated.pdf")
    assert len(x.budget_tables) == 1, (t, [f.message for f in x.findings])
    [table] = x.budget_tables
    got = {ln.label: ln for ln in table.lines}
    for label, amounts in rows:
        ln = got[label]
        assert not ln.ambiguous, (label, t)
        for col, v in amounts.items():
            assert ln.amount(col).value in (Decimal(v), None if v == 0 else Decimal(v)), (label, col, v, t)
        assert ln.total.value == Decimal(sum(amounts.values()))
    assert set(got) == {label for label, _ in rows}
    assert not [f for f in x.findings if f.severity == "error"]


@pytest.mark.parametrize("sign", ["apart", "joined"])
def test_a_title_above_the_table_is_not_a_heading(sign: str) -> None:
    rows = [("Police", {"staffing": 12000, "payments_in_kind": 0, "delegated": 3000}),
            ("Health", {"staffing": 0, "payments_in_kind": 5000, "delegated": 0})]
    x = process(render(rows, ["staffing", "payments_in_kind", "delegated"], sign, False), "t.pdf")
    [table] = x.budget_tables
    assert "Table 3" not in " ".join(c.text for r in x.document.tables[0].rows for c in r)
    assert table.columns_printed[:3] == ("Staffing costs", "Payments in kind", "Other delegated funds")


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(tables, st.integers(1, 7), st.booleans())
def test_a_table_split_over_a_page_break_is_one_table(t: dict, split: int, repeat_heading: bool) -> None:
    """The part on either page may be a single row, or a widow Total row reading as a line of text."""
    rows = [(f, dict(zip(("staffing", "payments_in_kind", "delegated"), t["seed"][k] if any(t["seed"][k])
                         else (1000 * (k + 1), 0, 0))))
            for k, f in enumerate(t["funders"])]
    split_at = min(split, len(rows))  # at most: only the Total row goes over
    x = process(render(rows, t["order"], t["sign"], t["two_line"], split_at, repeat_heading), "split.pdf")
    assert len(x.budget_tables) == 1, (t, split_at, [f.message for f in x.findings])
    [table] = x.budget_tables
    assert {ln.label for ln in table.lines} == {label for label, _ in rows}
    assert table.printed_total is not None
    for label, amounts in rows:
        ln = next(ln for ln in table.lines if ln.label == label)
        assert ln.total.value == Decimal(sum(amounts.values())), (label, t, split_at)
    assert not [f for f in x.findings if f.severity == "error"], [f.message for f in x.findings]

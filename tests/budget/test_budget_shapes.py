"""The general shapes partner budget tables take in unseen plans, generated and rendered in every text form.

Each property: every figure is recovered in its right column (or the row is marked ambiguous), every seeded slip
is raised, nothing is invented and a table that adds up raises no error.
"""
from __future__ import annotations

import os

import pytest

pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from tests.budget_helpers import extraction_of  # noqa: E402
from tests.budget_shapes import COLUMNS, FORMS, Spec, cells_of, render, same, specs  # noqa: E402

EXAMPLES = int(os.environ.get("BUDGET_SHAPES_EXAMPLES", "30"))  # more for a longer search
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(spec_grid: list[list[str]], form: str, anchor: str = "Partner contributions 2019/20"):  # type: ignore[no-untyped-def]
    name, text = render(spec_grid, form, anchor)
    return extraction_of(text.encode("utf-8"), name)


def _errors(x):  # type: ignore[no-untyped-def]
    return [f for f in x.findings if f.severity == "error"]


def _check_rows(spec: Spec, lines) -> None:  # type: ignore[no-untyped-def]
    assert [ln.agency for ln in lines] == [a for _, a, _ in spec.rows]
    for (label, _, amounts), ln in zip(spec.rows, lines):
        if ln.ambiguous:
            assert same(ln.total.value, spec.row_total(amounts)), label
            continue
        for c in spec.columns:
            assert same(ln.amount(c).value, amounts.get(c)), (label, c)
        if spec.total_column:
            assert same(ln.total.value, spec.row_total(amounts)), label


@FAST
@given(spec=specs(), form=st.sampled_from(FORMS))
def test_template_tables_in_every_form(spec: Spec, form: str) -> None:
    x = _read(cells_of(spec), form)
    [t] = x.budget_tables
    _check_rows(spec, t.lines)
    assert t.printed_total is not None and same(t.printed_total.total.value, spec.grand_total)
    assert not _errors(x) and t.period == "2019/20"


@FAST
@given(spec=specs(), form=st.sampled_from(FORMS + ("cr-lossy", "flat")), slip=st.integers(min_value=2, max_value=999), data=st.data())
def test_a_seeded_slip_in_a_row_total_is_raised(spec: Spec, form: str, slip: int, data: st.DataObject) -> None:
    grid = cells_of(spec)
    k = data.draw(st.integers(min_value=1, max_value=len(spec.rows)))
    grid[k][-1] = spec.money(spec.row_total(spec.rows[k - 1][2]) + slip)
    x = _read(grid, form)
    assert any(f.check_name in ("row_sum_mismatch", "grand_total_mismatch") and f.difference is not None
               and abs(f.difference) == slip for f in x.findings), [f.message for f in x.findings]


@FAST
@given(spec=specs(), form=st.sampled_from(("tab", "markdown", "html")))
def test_a_total_row_printing_only_some_columns(spec: Spec, form: str) -> None:
    grid = cells_of(spec)
    grid[-1] = [grid[-1][0], *["" for _ in spec.columns], grid[-1][-1]]  # only the grand total is printed
    x = _read(grid, form)
    [t] = x.budget_tables
    _check_rows(spec, t.lines)
    assert t.printed_total is not None and same(t.printed_total.total.value, spec.grand_total) and not _errors(x)


@FAST
@given(spec=specs(), form=st.sampled_from(("tab", "markdown", "html", "cr")))
def test_a_table_with_no_total_column(spec: Spec, form: str) -> None:
    spec = Spec(spec.rows, total_column=False, money=spec.money)
    x = _read(cells_of(spec), form)
    [t] = x.budget_tables
    _check_rows(spec, t.lines)
    assert not _errors(x)


@FAST
@given(spec=specs(), form=st.sampled_from(FORMS), data=st.data())
def test_one_figure_under_staffing_and_in_kind_counted_once(spec: Spec, form: str, data: st.DataObject) -> None:
    """A partner prints a seconded post's cost under Staffing and Payments in kind; its row total counts it once."""
    k = data.draw(st.integers(min_value=0, max_value=len(spec.rows) - 1))
    label, agency, _ = spec.rows[k]
    v = data.draw(st.integers(min_value=1000, max_value=90_000))
    grid = cells_of(spec)
    grid[k + 1] = [label, spec.money(v), spec.money(v), "", spec.money(v)]
    rows = spec.rows[:k] + ((label, agency, {"staffing": v, "payments_in_kind": None, "delegated": None}),) \
        + spec.rows[k + 1:]
    fixed = Spec(rows, money=spec.money)
    grid[-1] = ["Total", *[spec.money(fixed.column_total(c) + (v if c == "payments_in_kind" else 0)) for c in COLUMNS],
                spec.money(fixed.grand_total)]
    x = _read(grid, form)
    [t] = x.budget_tables
    ln = t.lines[k]
    assert same(ln.staffing.value, v) and same(ln.payments_in_kind.value, v) and same(ln.total.value, v)
    assert not _errors(x), [f.message for f in _errors(x)]


@FAST
@given(spec=specs(), form=st.sampled_from(("tab", "markdown", "html", "cr")),
       years=st.sampled_from([("2018/19", "2019/20"), ("2015/16", "2016/17", "2017/18", "2018/19", "2019/20")]))
def test_years_side_by_side_are_one_table_per_year(spec: Spec, form: str, years: tuple[str, ...]) -> None:
    """``Agency | 2018/19 | 2019/20`` (or five years): one table per year, each year's figures its own."""
    grid = [["Agency", *years]]
    for j, (label, _, a) in enumerate(spec.rows):
        grid.append([label, *[spec.money(spec.row_total(a) + 1000 * y * (j + 1)) for y in range(len(years))]])
    grid.append(["Total", *[spec.money(sum(spec.row_total(a) + 1000 * y * (j + 1) for j, (_, _, a) in enumerate(spec.rows)))
                            for y in range(len(years))]])
    x = _read(grid, form, "Partner contributions")
    assert [t.period for t in x.budget_tables] == list(years)
    for y, t in enumerate(x.budget_tables):
        assert [ln.agency for ln in t.lines] == [a for _, a, _ in spec.rows]
        for j, ((_, _, a), ln) in enumerate(zip(spec.rows, t.lines)):
            assert same(ln.total.value, spec.row_total(a) + 1000 * y * (j + 1))
    assert not _errors(x)


@FAST
@given(spec=specs(), form=st.sampled_from(FORMS))
def test_one_table_per_year_under_headings_that_differ_only_in_the_year(spec: Spec, form: str) -> None:
    later = Spec(tuple((lb, ag, {c: (v + 7 if v else v) for c, v in a.items()}) for lb, ag, a in spec.rows),
                 money=spec.money)
    texts = [render(cells_of(s), form, f"Partner contributions {y}") for s, y in ((spec, "2018/19"), (later, "2019/20"))]
    name = texts[0][0]
    text = texts[0][1] + ("\n<p>Next year.</p>\n" if form == "html" else "\nNext year.\n\n") + texts[1][1]
    x = extraction_of(text.encode("utf-8"), name)
    assert [t.period for t in x.budget_tables] == ["2018/19", "2019/20"]
    _check_rows(spec, x.budget_tables[0].lines)
    _check_rows(later, x.budget_tables[1].lines)
    assert not _errors(x)


@FAST
@given(spec=specs(min_rows=3), form=st.sampled_from(FORMS))
def test_a_transposed_table(spec: Spec, form: str) -> None:
    """Funders as columns; Cash / In kind / Total as rows (cash is delegated funds)."""
    cash = [(a.get("delegated") or 0) + (a.get("staffing") or 0) for _, _, a in spec.rows]
    kind = [a.get("payments_in_kind") or 0 for _, _, a in spec.rows]
    m = spec.money
    grid = [["INCOME", *[lb for lb, _, _ in spec.rows], "Total"],
            ["Cash", *[m(v) if v else "" for v in cash], m(sum(cash))],
            ["In kind", *[m(v) if v else "" for v in kind], m(sum(kind))],
            ["Total income", *[m(a + b) for a, b in zip(cash, kind)], m(sum(cash) + sum(kind))]]
    x = _read(grid, form, "Appendix 2 Finance 2019/20")
    [t] = x.budget_tables
    assert [ln.agency for ln in t.lines] == [a for _, a, _ in spec.rows]
    for ln, c, k in zip(t.lines, cash, kind):
        assert same(ln.delegated.value, c) and same(ln.payments_in_kind.value, k) and same(ln.total.value, c + k)
    assert t.printed_total is not None and same(t.printed_total.total.value, sum(cash) + sum(kind))
    assert not _errors(x)


EXPENDITURE = ("Employees", "Premises", "Transport", "Supplies & Services", "Third Party Payments")


@FAST
@given(spec=specs(), form=st.sampled_from(FORMS + ("cr-lossy",)), total_row=st.booleans(),
       spend=st.lists(st.integers(min_value=100, max_value=500_000), min_size=2, max_size=5))
def test_an_expenditure_list_printed_under_the_table_stays_out(spec: Spec, form: str, total_row: bool,
                                                                spend: list[int]) -> None:
    """The funders, then in the same grid an expenditure breakdown with its own total: not part of the table."""
    grid = cells_of(Spec(spec.rows, total_row=total_row, money=spec.money))
    width = len(grid[0])
    grid.append(["Expenditure", *[""] * (width - 1)])
    grid.extend([lb, *[""] * (width - 2), spec.money(v)] for lb, v in zip(EXPENDITURE, spend))
    grid.append(["Total expenditure", *[""] * (width - 2), spec.money(sum(spend))])
    x = _read(grid, form)
    [t] = x.budget_tables
    _check_rows(spec, t.lines)
    assert not _errors(x), [f.message for f in _errors(x)]
    if total_row:
        assert t.printed_total is not None and same(t.printed_total.total.value, spec.grand_total)
    else:
        assert t.printed_total is None


@FAST
@given(spec=specs(min_rows=4, max_rows=8), form=st.sampled_from(FORMS), cut=st.integers(min_value=1, max_value=3),
       slip=st.sampled_from([0, 0, 5000]))
def test_sections_with_sub_totals_in_a_second_column(spec: Spec, form: str, cut: int, slip: int) -> None:
    """Item amounts in one £ column, each section's sub-total and the grand total in a second one."""
    m = spec.money
    items = [(lb, ag, spec.row_total(a)) for lb, ag, a in spec.rows]
    sections = [("PARTNERS CONTRIBUTIONS TO POOL BUDGET", items[:cut]), ("OTHER GRANTS", items[cut:])]
    grid = [["", "£", "£"]]
    for heading, rows in sections:
        grid.append([heading, "", ""])
        grid.extend([lb, m(v), ""] for lb, _, v in rows)
        grid.append(["Sub-total", "", m(sum(v for _, _, v in rows))])
    grid.append(["GRAND TOTAL", "", m(sum(v for _, _, v in items) + slip)])
    x = _read(grid, form, "YOUTH OFFENDING TEAM BUDGET 2019/20")
    [t] = x.budget_tables
    subtotals = [ln for ln in t.lines if ln.subtotal_of]
    assert [same(ln.total.value, sum(v for _, _, v in rows)) for ln, (_, rows) in zip(subtotals, sections)] == [True, True]
    got = [(ln.agency, ln.delegated.value, ln.total.value) for ln in t.lines if not ln.subtotal_of]
    assert [(a, int(d or 0), int(v or 0)) for a, d, v in got] == [(ag, v, v) for _, ag, v in items]
    errors = _errors(x)
    assert (len(errors) == 1 and errors[0].check_name == "grand_total_mismatch") if slip else not errors


CELLS = {"£ -": 0, "£0": 0, "-": 0, "£1,536.514.00": 1536514, "(12,500)": -12500}


@FAST
@given(spec=specs(), form=st.sampled_from(FORMS + ("cr-lossy",)), data=st.data())
def test_irregular_cells(spec: Spec, form: str, data: st.DataObject) -> None:
    """`£ -`, `£0`, a '.' for the thousands comma, and a negative in brackets are amounts; `TBC` and words are
    text: kept raw, never a figure."""
    grid = cells_of(spec)
    k = data.draw(st.integers(min_value=1, max_value=len(spec.rows)))
    col = data.draw(st.sampled_from([j for j, c in enumerate(COLUMNS, start=1) if spec.rows[k - 1][2][c] is None]
                                    or [None]))
    if col is None:
        return
    raw = data.draw(st.sampled_from([*CELLS, "TBC", "Seconded officer", "included in LA"]))
    grid[k][col] = raw
    x = _read(grid, form)
    [t] = x.budget_tables
    ln = t.lines[k - 1]
    a = ln.amount(COLUMNS[col - 1])
    if ln.ambiguous:  # lost empty cells: two columns fit (a 0 or a text cell can sit in either)
        assert raw in ln.prov.raw_text
    elif raw in CELLS and CELLS[raw] == 0 and a.value is None and ln.placement_inferred:
        # lost empty cells, and the placements that add up differ only in where this nil amount sits: it is left
        # unplaced (it adds nothing; no column is guessed) and kept in the row's raw text
        assert raw in ln.prov.raw_text and not any(ln.amount(c).raw.strip() == raw for c in COLUMNS)
    elif raw in CELLS:
        assert a.value == CELLS[raw] and a.raw.strip() == raw
    else:
        assert a.value is None and (a.raw.strip() == raw or ln.ambiguous or raw in ln.prov.raw_text)


@FAST
@given(spec=specs(), form=st.sampled_from(("cr-lossy", "flat")))
def test_empty_cells_lost(spec: Spec, form: str) -> None:
    """Conversions that drop the empty cells: each row is placed by the arithmetic (rows add up to their total,
    columns to the Total row); where two placements fit, the row keeps its total and says it is ambiguous."""
    x = _read(cells_of(spec), form)
    [t] = x.budget_tables
    _check_rows(spec, t.lines)
    assert t.printed_total is not None and same(t.printed_total.total.value, spec.grand_total)
    assert not _errors(x), [f.message for f in _errors(x)]
    ambiguous = [ln for ln in t.lines if ln.ambiguous]
    assert bool(ambiguous) == any(f.check_name == "ambiguous_placement" for f in x.findings)


def test_a_dot_for_the_thousands_comma_is_read_and_said() -> None:
    text = ("Partner contributions 2019/20\n\nAgency\tStaffing costs\tOther delegated funds\tTotal\n"
            "Police\t1,536.514.00\t\t1,536,514.00\nHealth\t\t2,000\t2,000\nTotal\t1,536,514.00\t2,000\t1,538,514.00\n")
    x = extraction_of(text.encode(), "plan.txt")
    [t] = x.budget_tables
    assert t.lines[0].staffing.value == 1536514 and t.lines[0].staffing.raw == "1,536.514.00"
    assert [f.check_name for f in x.findings] == ["malformed_number"] and "1,536,514" in x.findings[0].message


@FAST
@given(spec=specs(min_rows=3), data=st.data())
def test_a_transposed_table_that_lost_its_empty_cells(spec: Spec, data: st.DataObject) -> None:
    """Funders as columns, blanks dropped: each amount's funder comes from the arithmetic, or nothing is read."""
    cash = [(a.get("delegated") or 0) + (a.get("staffing") or 0) for _, _, a in spec.rows]
    kind = [a.get("payments_in_kind") or 0 for _, _, a in spec.rows]
    m = spec.money
    grid = [["INCOME", *[lb for lb, _, _ in spec.rows], "Total"],
            ["Cash", *[m(v) if v else "" for v in cash], m(sum(cash))],
            ["In kind", *[m(v) if v else "" for v in kind], m(sum(kind))],
            ["Total income", *[m(a + b) for a, b in zip(cash, kind)], m(sum(cash) + sum(kind))]]
    x = _read(grid, "cr-lossy", "Appendix 2 Finance 2019/20")
    assert not _errors(x)
    for t in x.budget_tables:  # read only when every amount's funder is certain
        for ln, c, k in zip(t.lines, cash, kind):
            assert same(ln.delegated.value, c) and same(ln.payments_in_kind.value, k) and same(ln.total.value, c + k)


def test_funding_streams_that_name_no_agency_after_a_sub_total_stay_in_the_table() -> None:
    """Rows like 'Remand' or 'Reserves' name no partner, but they are funding, not an expenditure list."""
    text = ("Partner contributions 2019/20\n\nAgency\tDelegated funds\tTotal\nLocal Authority\t10,000\t10,000\n"
            "Police\t5,000\t5,000\nSub-total\t15,000\t15,000\nRemand\t2,000\t2,000\nReserves\t1,000\t1,000\n"
            "Total\t18,000\t18,000\n")
    x = extraction_of(text.encode(), "plan.txt")
    [t] = x.budget_tables
    assert [ln.label for ln in t.lines] == ["Local Authority", "Police", "Sub-total", "Remand", "Reserves"]
    assert t.printed_total is not None and t.printed_total.total.value == 18000 and not _errors(x)


@pytest.mark.parametrize("form", ["cr", "tab"])
def test_two_years_with_a_two_level_header(form: str) -> None:
    """Years printed over repeated column names (one header row in the text): one table per year."""
    grid = [["Agency", "2018/19", "2019/20", "Staffing costs", "Other delegated funds", "Total", "Staffing costs",
             "Other delegated funds", "Total"],
            ["Police", "10,000", "", "10,000", "11,000", "", "11,000"],
            ["Local Authority", "50,000", "5,000", "55,000", "52,000", "6,000", "58,000"],
            ["Total", "60,000", "5,000", "65,000", "63,000", "6,000", "69,000"]]
    if form == "tab":  # a tab row cannot hold the two levels in one row: the years head their own row
        grid = [["Agency", "2018/19", "", "", "2019/20", "", ""],
                ["", "Staffing costs", "Other delegated funds", "Total", "Staffing costs", "Other delegated funds", "Total"],
                *grid[1:]]
    x = _read(grid, form, "Partner contributions")
    assert [t.period for t in x.budget_tables] == ["2018/19", "2019/20"]
    first, second = x.budget_tables
    assert [(ln.staffing.value, ln.delegated.value, ln.total.value) for ln in second.lines] == [
        (11000, None, 11000), (52000, 6000, 58000)]
    assert not _errors(x)

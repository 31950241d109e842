"""Budget tables whose rows were flattened (spaced rows, or the whole table on one line): the header line is cut
into columns with the budget's vocabulary (years, funders) when exactly one cut fits; nothing is invented."""
from __future__ import annotations

from pipeline.stages import process


def _tables(text: str):  # type: ignore[no-untyped-def]
    return process(text.encode("utf-8"), "gen.txt").budget_tables


def test_years_side_by_side_on_spaced_rows_are_one_table_per_year() -> None:
    tables = _tables("Plan 2018/19\n\nPartner contributions 2017/18 to 2018/19\n\nAgency 2017/18 2018/19\n"
                     "Police 10,000 12,000\nProbation Service 4,274 2,000\nTotal 14,274 14,000\n\nEnd.\n")
    assert sorted(t.period for t in tables) == ["2017/18", "2018/19"]
    by = {t.period: {ln.label: ln.total.raw for ln in t.lines} for t in tables}
    assert by["2017/18"] == {"Police": "10,000", "Probation Service": "4,274"}
    assert by["2018/19"] == {"Police": "12,000", "Probation Service": "2,000"}


def test_funders_as_columns_on_spaced_rows_read_transposed() -> None:
    [t] = _tables("Plan 2019/20\n\nBUDGET 2019/20\n\nAgency Police Police and Crime Commissioner Probation "
                  "Health (Public Health) Total\nStaffing 10,000 - 2,000 1,000 13,000\nIn-kind 500 1,000 - - 1,500\n"
                  "Total income 10,500 1,000 2,000 1,000 14,500\n\nEnd.\n")
    lines = {ln.label: (ln.agency, ln.staffing.raw, ln.payments_in_kind.raw, ln.total.raw) for ln in t.lines}
    assert lines["Police and Crime Commissioner"] == ("pcc", "-", "1,000", "1,000")
    assert lines["Health (Public Health)"] == ("health", "1,000", "-", "1,000")


def test_sub_totals_in_a_second_pound_column_on_spaced_rows() -> None:
    [t] = _tables("Plan 2019/20\n\nContributions 2019/20\n\nAgency £ £\nPARTNERS CONTRIBUTIONS TO POOL BUDGET\n"
                  "Police £ 10,000\nProbation £ 5,000\nSub-total £ 15,000\nOTHER GRANTS\nYJB £ 1,000\n"
                  "Sub-total £ 1,000\nTotal £ 16,000\n\nEnd.\n")
    assert [(ln.label, ln.total.raw.lstrip("£ "), bool(ln.subtotal_of)) for ln in t.lines] == [
        ("Police", "10,000", False), ("Probation", "5,000", False), ("Sub-total", "15,000", True),
        ("YJB", "1,000", False), ("Sub-total", "1,000", True)]
    assert t.printed_total is not None and t.printed_total.total.value == 16000


def test_dash_between_funders_on_one_line_is_a_nil_row_not_part_of_a_label() -> None:
    [t] = _tables("Plan 2019/20\n\nBudget 2019/20\n\nAgency Staffing Costs Payments in kind Total Police - "
                  "Probation 1,000 1,000 Youth Justice Board - JAC Grant 500 500 Health 2,000 2,000 Total 3,000 500 "
                  "3,500 \n\nEnd.\n")
    labels = [ln.label for ln in t.lines]
    assert labels[:2] == ["Police", "Probation"] and "Youth Justice Board - JAC Grant" in labels

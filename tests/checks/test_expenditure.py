"""pipeline/checks/expenditure.py on records built by hand: which differences are errors, which are rounding."""
from __future__ import annotations

from decimal import Decimal

from pipeline.checks.expenditure import table_findings
from pipeline.records import Amount, ExpenditureLine, ExpenditureTable, Provenance

PROV = Provenance("sha", line=1)
HALF = Decimal("0.5")


def _line(label: str, *values: int) -> ExpenditureLine:
    return ExpenditureLine(label, tuple(Amount(f"{v:,}", Decimal(v)) for v in values), PROV)


def _table(lines: list[ExpenditureLine], total: ExpenditureLine, columns: tuple[str, ...],
           shares: tuple[str, ...] = ()) -> ExpenditureTable:
    total_column = len(columns) - 1 if len(columns) > 2 else None
    return ExpenditureTable(1, "Spend", columns, tuple(lines), total, PROV, "tab", total_column=total_column,
                            shares=tuple(Amount(s, Decimal(s.rstrip("%"))) for s in shares))


SPLIT = ("Reoffending", "Prevention", "TOTAL")


def test_a_share_rounded_to_the_pound_is_a_warning_with_its_diagnosis() -> None:
    t = _table([_line("Employees", 600, 401, 1000), _line("Transport", 60, 40, 100)], _line("Total", 660, 441, 1100),
               SPLIT, ("60%", "40%", "100%"))
    found = table_findings(t, HALF)  # the Employees row, and the total row (660 + 441 against 1,100)
    assert [(f.check_name, f.severity, f.difference) for f in found] == [("row_sum_mismatch", "warning", -1)] * 2
    assert all(f.diagnosis is not None and f.diagnosis.kind == "rounding" for f in found)
    assert "£1,000" in found[0].message and "£1,001" in found[0].message


def test_a_miss_beyond_rounding_is_an_error_with_the_line_it_leaves_out() -> None:
    t = _table([_line("Employees", 5000), _line("Premises", 300), _line("Transport", 200)], _line("Total", 5200),
               ("Amount (£)",))
    [f] = table_findings(t, HALF)
    assert (f.check_name, f.severity, f.difference) == ("expenditure_total_mismatch", "error", Decimal(-300))
    assert f.diagnosis is not None and f.diagnosis.kind == "row_left_out" and "Premises" in f.diagnosis.text


def test_a_column_of_a_split_against_its_total() -> None:
    t = _table([_line("Employees", 600, 400, 1000), _line("Transport", 60, 40, 100)], _line("Total", 660, 450, 1100),
               SPLIT)
    found = {(f.check_name, f.severity) for f in table_findings(t, HALF)}
    assert found == {("column_sum_mismatch", "error"), ("row_sum_mismatch", "error")}  # the column, the total row


def test_a_sub_total_line_is_not_counted_twice() -> None:
    lines = [_line("Salaries", 300), _line("On-costs", 70), _line("Staffing", 370), _line("Premises", 30)]
    assert table_findings(_table(lines, _line("Total", 400), ("Amount (£)",)), HALF) == []


def test_a_clean_table_raises_nothing() -> None:
    t = _table([_line("Employees", 600, 400, 1000), _line("Transport", 60, 40, 100)], _line("Total", 660, 440, 1100),
               SPLIT)
    assert table_findings(t, HALF) == []

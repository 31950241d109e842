"""Generated cost tables in the text forms conversions produce: every seeded slip is raised (with the printed and
the computed figure in its message), and a clean table raises nothing; every line is read as printed."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from extractors.expenditure.extract import extract_expenditure_tables
from extractors.metadata import extract_meta
from extractors.readers import read_document
from pipeline.checks.expenditure import table_findings
from pipeline.records import ExpenditureTable, Finding
from pipeline.wording import amount as fmt
from tests.generated.expenditure import (FORMS, PDF_FORMS, CostTable, broken_sums, cost_tables, net_tables, render,
                                         render_as_pdf)

PER_FIGURE = Decimal("0.5")
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _read(t: CostTable, form: str, variant: int) -> list[ExpenditureTable]:
    # the table layer finds a table flattened onto one line from six amounts up (fewer: a sentence with figures)
    assume(form != "flat" or (len(t.labels) + 1) * len(t.columns) >= 6)
    # ... and ends its header at the last column word, which 'Staffing costs' is (a first row so named loses its label)
    assume(form != "flat" or not t.labels[0].startswith("Staffing"))
    if form in PDF_FORMS:
        doc = read_document(render_as_pdf(t, form, variant), "plan.pdf")
    else:
        doc = read_document(render(t, form, variant), {"html": "plan.html", "markdown": "plan.md"}.get(form, "plan.txt"))
    return list(extract_expenditure_tables(doc, extract_meta(doc)))


def _lines_as_printed(t: CostTable, table: ExpenditureTable) -> None:
    assert [ln.label for ln in table.lines] == list(t.labels)
    assert [[a.value for a in ln.amounts] for ln in table.lines] == [[Decimal(v) for v in r] for r in t.cells]
    assert table.total is not None and [a.value for a in table.total.amounts] == [Decimal(v) for v in t.total]
    assert table.total_column == (len(t.columns) - 1 if t.with_total_column else None)
    for ln in table.lines:
        assert ln.prov.line is not None or (ln.prov.page and ln.prov.bbox)
        assert ln.prov.raw_text and ln.prov.extractor == "expenditure"


@SETTINGS
@given(cost_tables(), st.sampled_from(FORMS), st.integers(0, 15))
def test_clean_tables_are_read_and_raise_nothing(t: CostTable, form: str, variant: int) -> None:
    [table] = _read(t, form, variant)
    _lines_as_printed(t, table)
    assert table_findings(table, PER_FIGURE) == []


def _names(f: Finding, printed: int, computed: int) -> bool:
    return f"£{fmt(Decimal(printed))}" in f.message and f"£{fmt(Decimal(computed))}" in f.message


@SETTINGS
@given(cost_tables(slip=True), st.sampled_from(FORMS), st.integers(0, 15))
def test_every_seeded_slip_is_raised(t: CostTable, form: str, variant: int) -> None:
    [table] = _read(t, form, variant)
    _lines_as_printed(t, table)
    found = table_findings(table, PER_FIGURE)
    assert t.slip is not None
    delta = abs(t.slip[3])
    want = broken_sums(t)
    assert len(found) == len(want), (found, want)
    for kind, index, figures in want:
        if kind == "column":
            printed = t.total[index]
            computed = sum(r[index] for r in t.cells)
        else:
            row = t.total if index < 0 else t.cells[index]
            printed, computed = row[-1], sum(row[:-1])
        names = ("row_sum_mismatch",) if kind == "row" else ("column_sum_mismatch", "expenditure_total_mismatch")
        [f] = [f for f in found if f.check_name in names and _names(f, printed, computed)]
        assert f.difference == Decimal(printed - computed)
        assert f.severity == ("error" if delta > PER_FIGURE * figures else "warning"), f.message


@SETTINGS
@given(net_tables(), st.sampled_from(FORMS), st.integers(0, 15))
def test_a_total_net_of_income_is_not_checked_against_the_lines(t: CostTable, form: str, variant: int) -> None:
    """Lines, an Income row, a net Total: the lines are read, the Total is not theirs and raises nothing."""
    [table] = _read(t, form, variant)
    assert [ln.label for ln in table.lines] == list(t.labels) and table.total is None
    assert table_findings(table, PER_FIGURE) == []


PDF_SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PDF_SETTINGS
@given(cost_tables(slip=True), st.sampled_from(PDF_FORMS), st.integers(0, 3))
def test_a_pdf_table_is_read_as_printed_and_its_slip_raised(t: CostTable, form: str, variant: int) -> None:
    test_every_seeded_slip_is_raised.hypothesis.inner_test(t, form, variant)  # type: ignore[attr-defined]

"""Cost tables (how the money is spent) read from the bundled plans, against the gold (tests/gold/real-2: Plymouth's
out-turn and forecast tables and the slips in them) and the reviewed golden files; what is not a cost table."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from extractors.budget.extract import extract_budget_tables
from extractors.expenditure.extract import extract_expenditure_tables
from extractors.metadata import extract_meta
from extractors.readers import read_document
from pipeline.checks.expenditure import check
from pipeline.records import ExpenditureTable, Extraction
from pipeline.settings import DEFAULT_SETTINGS
from pipeline.wording import amount as fmt
from tests.conftest import GOLD_SETS, REAL, SEEDS, gold_for
from tests.generated.expenditure import CostTable, render
from tests.golden_util import check_golden

DOCS = SEEDS + REAL
CHECKS = {"expenditure_total_mismatch", "row_sum_mismatch", "column_sum_mismatch"}
WITH_TABLES = [p for p in DOCS if (g := gold_for(p, GOLD_SETS)) and g.get("expenditure_tables")]
# gold spend lists not read yet, and why (the test fails loudly when one starts to be read)
UNREAD = {"Liverpool": "each amount is printed after its percentage under an objective heading, not as a grid row",
          "Newham": "an activity/outcome grid whose costs are spread over cells with no Total row"}
SPEND = re.compile(r"expenditure|out-?turn|forecast|\bcosts?\b|\bspend", re.I)


def _known(path: Path) -> Any:
    why = next((w for k, w in UNREAD.items() if path.name.startswith(k)), None)
    return pytest.param(path, marks=pytest.mark.xfail(strict=True, reason=why)) if why else path


@lru_cache(maxsize=None)
def extraction(path: Path) -> Extraction:
    return extraction_of(path.read_bytes(), str(path))


def extraction_of(data: bytes, source: str) -> Extraction:
    doc = read_document(data, source)
    meta = extract_meta(doc)
    x = Extraction(document=doc, meta=meta, expenditure_tables=extract_expenditure_tables(
        doc, meta, extract_budget_tables(doc, DEFAULT_SETTINGS)))
    return Extraction(document=doc, meta=meta, expenditure_tables=x.expenditure_tables,
                      findings=tuple(check(x, DEFAULT_SETTINGS)))


def _values(t: ExpenditureTable, column: int) -> list[Decimal | None]:
    return [ln.amounts[column].value for ln in t.lines]


def _column(t: ExpenditureTable) -> int:
    return t.total_column if t.total_column is not None else 0


@pytest.mark.parametrize("path", [_known(p) for p in WITH_TABLES], ids=lambda p: p.stem[:30])
def test_tables_match_gold(path: Path) -> None:
    tables = extraction(path).expenditure_tables
    for g in gold_for(path, GOLD_SETS)["expenditure_tables"]:  # type: ignore[index]
        want = [Decimal(v) for v in g["lines"]]
        labels = [x.lower() for x in _labels(g)]
        hits = [t for t in tables if (not labels or [ln.label.lower() for ln in t.lines] == labels)
                and t.total is not None and t.total.amounts[_column(t)].value == Decimal(g["printed_total"])]
        assert hits, g["anchor"]
        if "grid" in g:
            [t] = [t for t in hits if list(t.columns) == g["grid"]["columns"]]
            _grid_matches(t, g["grid"])
        else:
            assert any(_values(t, _column(t)) == want for t in hits), g["anchor"]
        assert "period" not in g or any(t.period == g["period"] for t in hits)


def _labels(g: dict[str, Any]) -> list[str]:
    """The gold's row labels: a grid's rows (with a label), else the table's."""
    if "grid" in g:
        return [r["label"] for r in g["grid"]["rows"] if r["label"]]
    return list(g.get("labels", []))


def _grid_matches(t: ExpenditureTable, grid: dict[str, Any]) -> None:
    rows = [r for r in grid["rows"] if r["label"]]  # an unlabelled row of zeros is noted, not loaded
    for ln, r in zip(t.lines, rows):
        assert [a.value for a in ln.amounts] == [Decimal(v) for v in r["cells"] + [r["total"]]], r["label"]
    assert t.total is not None and t.total.label == grid["total_row"]["label"]
    assert [a.value for a in t.total.amounts] == [Decimal(v) for v in grid["total_row"]["cells"]
                                                  + [grid["total_row"]["total"]]]
    assert any("0 0 0 0" in n for n in t.notes)


def _gold_slips(path: Path) -> list[dict[str, Any]]:
    """The gold's arithmetic slips in tables of spending (a budget table's are the budget checks')."""
    return [q for q in (gold_for(path, GOLD_SETS) or {}).get("quality_issues", [])
            if q["check"] in CHECKS and "printed" in q and "computed" in q and SPEND.search(q.get("measure") or "")]


@pytest.mark.parametrize("path", [p for p in DOCS if _gold_slips(p)], ids=lambda p: p.stem[:30])
def test_gold_slips_are_raised_with_their_figures_and_severity(path: Path) -> None:
    found = extraction(path).findings
    slips = _gold_slips(path)
    for q in slips:
        named = [f for f in found if f.check_name == q["check"] and f"£{fmt(Decimal(q['printed']))}" in f.message
                 and f"£{fmt(Decimal(q['computed']))}" in f.message]
        assert len(named) == 1, q
        assert named[0].severity == q["severity"] and named[0].difference == Decimal(q["printed"] - q["computed"])
    assert len(found) == len(slips)  # nothing beyond them


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem[:30])
def test_every_value_keeps_raw_text_and_provenance(path: Path) -> None:
    for t in extraction(path).expenditure_tables:
        for ln in t.lines + ((t.total,) if t.total else ()):
            assert ln.prov.line is not None and ln.prov.raw_text and ln.prov.sha256 and ln.prov.extractor
            assert len(ln.amounts) == len(t.columns)
            assert all(a.value is None or a.raw.strip() for a in ln.amounts)


def _as_json(x: Extraction) -> list[dict[str, Any]]:
    return [{"table": t.index, "anchor": t.anchor, "period": t.period, "columns": list(t.columns),
             "total_column": t.total_column, "shares": [a.raw for a in t.shares], "notes": list(t.notes),
             "line": ln.prov.line, "label": ln.label, "is_total": ln is t.total,
             "amounts": [a.raw.strip() for a in ln.amounts], "values": [str(a.value) for a in ln.amounts]}
            for t in x.expenditure_tables for ln in t.lines + ((t.total,) if t.total else ())]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem[:30])
def test_golden(path: Path) -> None:
    """Rewrite with REGENERATE_GOLDEN=1 and review the diff."""
    check_golden(path.stem, "expenditure", _as_json(extraction(path)))


TABLE = CostTable(("Employees", "Premises", "Transport", "Supplies & Services"), ("Expenditure (£)",),
                  ((500_000,), (20_000,), (15_000,), (9_000,)), (544_100,))


def test_a_plan_with_a_slip_raises_it() -> None:
    [f] = extraction_of(render(TABLE, "tab"), "plan.txt").findings
    assert (f.check_name, f.severity, f.difference) == ("expenditure_total_mismatch", "error", Decimal(100))
    assert "£544,100" in f.message and "£544,000" in f.message


def test_only_plans_are_read() -> None:
    """A council's budget paper prints cost tables too: not ours to read."""
    text = render(TABLE, "tab").replace(b"Anytown Youth Justice Plan 2019-20",
                                        b"Report to Cabinet committee: Youth Offending Service budget monitoring")
    x = extraction_of(text, "report.txt")
    assert x.meta.doc_type != "youth_justice_plan"
    assert x.expenditure_tables == () and x.findings == ()


def test_a_partner_contributions_table_is_not_a_cost_table() -> None:
    partners = CostTable(("Local Authority", "Police", "Probation", "Health", "Youth Justice Board"),
                         ("Amount (£)",), ((400_000,), (50_000,), (5_000,), (30_000,), (350_000,)), (835_000,))
    assert extraction_of(render(partners, "tab"), "plan.txt").expenditure_tables == ()


def test_two_cost_rows_under_no_spending_heading_are_not_a_table() -> None:
    text = ("Anytown Youth Justice Plan 2019-20\r\n\r\nOur resources\r\n"
            "Item\tAmount (£)\nEmployees\t500,000\nPremises\t20,000\nTotal\t520,000\n\r\nThe end.\r\n")
    assert extraction_of(text.encode(), "plan.txt").expenditure_tables == ()


def test_a_spend_list_is_read_by_its_heading() -> None:
    """Rows naming activities, not cost groups: a table of spending by what its heading and Total row say."""
    text = ("Anytown Youth Justice Plan 2019-20\r\n\r\nUse of the grant\r\n"
            "Grant expenditure\tAmount (£)\nCourt services\t420,997\nActivities\t12,000\n"
            "TOTAL\t433,997\n\r\nThe end.\r\n")
    [t] = extraction_of(text.encode(), "plan.txt").expenditure_tables
    assert [ln.label for ln in t.lines] == ["Court services", "Activities"] and t.total is not None
    funders = text.replace("Court services", "Police").replace("Activities", "Health")
    assert extraction_of(funders.encode(), "plan.txt").expenditure_tables == ()


def _staff_then_running(grand: str) -> bytes:
    rows = [("Salaries", "300,000"), ("National Insurance", "30,000"), ("Pension", "40,000"),
            ("Total staff costs", "370,000"), ("Premises", "20,000"), ("Transport", "10,000"),
            ("Supplies & Services", "5,000"), ("Total expenditure", grand)]
    grid = "Cost\tBudget (£)\n" + "\n".join(f"{a}\t{b}" for a, b in rows) + "\n"
    return ("Anytown Youth Justice Plan 2019-20\r\n\r\nBudget 2019/20\r\n" + grid + "\r\nThe end.\r\n").encode()


def test_a_running_total_under_a_sub_total_counts_the_sub_total() -> None:
    x = extraction_of(_staff_then_running("405,000"), "plan.txt")
    staff, rest = x.expenditure_tables
    assert [ln.label for ln in staff.lines] == ["Salaries", "National Insurance", "Pension"]
    assert [ln.label for ln in rest.lines] == ["Total staff costs", "Premises", "Transport", "Supplies & Services"]
    assert x.findings == ()


def test_a_total_of_its_own_block_is_checked_on_its_own() -> None:
    x = extraction_of(_staff_then_running("35,000"), "plan.txt")
    assert [ln.label for ln in x.expenditure_tables[1].lines] == ["Premises", "Transport", "Supplies & Services"]
    assert x.findings == ()


def test_a_total_that_fits_neither_reading_is_left_unchecked() -> None:
    """Under a sub-total, a Total matching neither its own lines nor them with the sub-total: not guessed."""
    x = extraction_of(_staff_then_running("405,100"), "plan.txt")
    rest = x.expenditure_tables[1]
    assert rest.total is None and any("sub-total" in n for n in rest.notes) and x.findings == ()


PDFS = sorted((SEEDS[0].parent.parent / "pdf").glob("*.pdf"))


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem[:12])
def test_a_pdf_rendition_reads_as_its_text(pdf: Path) -> None:
    """The seeds' PDF renditions: the same cost tables as the text, each line with its page and box."""
    [text] = [p for p in SEEDS if p.stem == pdf.stem]
    want = [(ln.label, [a.value for a in ln.amounts]) for t in extraction(text).expenditure_tables for ln in t.lines]
    tables = extraction(pdf).expenditure_tables
    assert [(ln.label, [a.value for a in ln.amounts]) for t in tables for ln in t.lines] == want
    assert all(ln.prov.page and ln.prov.bbox for t in tables for ln in t.lines)


def test_counts_under_cost_words_are_not_a_cost_table() -> None:
    text = ("Anytown Youth Justice Plan 2019-20\r\n\r\nYoung people supported\r\n"
            "Need\tNumber\nAccommodation\t12\nTransport\t30\nTraining\t45\nEquipment\t7\nTotal\t94\n\r\nThe end.\r\n")
    assert extraction_of(text.encode(), "plan.txt").expenditure_tables == ()
    pounds = text.replace("Number", "£'000")
    assert len(extraction_of(pounds.encode(), "plan.txt").expenditure_tables) == 1


def _with_subtotal(label: str, grand: str) -> bytes:
    rows = [("Salaries", "300,000"), ("On-costs", "70,000"), ("Agency staff", "30,000"), (label, "400,000"),
            ("Premises", "20,000"), ("Transport", "10,000"), ("Supplies & Services", "5,000"), ("Total", grand)]
    grid = "Expenditure\tBudget (£)\n" + "\n".join(f"{a}\t{b}" for a, b in rows) + "\n"
    return ("Anytown Youth Justice Plan 2019-20\r\n\r\nBudget 2019/20\r\n" + grid + "\r\nThe end.\r\n").encode()


@pytest.mark.parametrize("label", ["Sub-total staffing", "Staffing", "Employees"])
def test_a_sub_total_among_the_lines_is_not_counted_twice(label: str) -> None:
    """Printed under the lines it adds up, named as a sub-total or not: the Total is checked without it."""
    assert extraction_of(_with_subtotal(label, "435,000"), "plan.txt").findings == ()
    [f] = extraction_of(_with_subtotal(label, "436,000"), "plan.txt").findings
    assert f.severity == "error" and "£436,000" in f.message


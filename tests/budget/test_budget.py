"""Partner budget tables and narrative totals from the real bundled documents, against gold and golden files."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks import budget as budget_checks
from pipeline.records import BUDGET_COLUMNS
from pipeline.settings import DEFAULT_SETTINGS
from tests.budget_helpers import as_json, budget_extraction, golden_check, same
from tests.conftest import REAL, SEEDS, TESTED_GOLD, gold_for

DOCS = SEEDS + REAL
SETS = TESTED_GOLD + ("real-2",)  # the non-template forms are read too
# gold whose budget part was not checked (tests/gold/real/README.md: "Northamptonshire (staffing only)")
BUDGET_UNCHECKED = ("Northamptonshire",)
WITH_GOLD = [p for p in DOCS if gold_for(p, SETS) is not None and not p.name.startswith(BUDGET_UNCHECKED)]


def _match(tables, gold_table):  # type: ignore[no-untyped-def]
    """The extracted table that holds most of the gold rows (agency and total), then the same grand total."""
    def hits(t):  # type: ignore[no-untyped-def]
        rows = sum(any(ln.agency == g["agency"] and same(ln.total.value, g["total"]) for ln in t.lines)
                   for g in gold_table["rows"])
        grand = (gold_table.get("printed_total") or {}).get("total")
        return rows, bool(t.printed_total and grand is not None and same(t.printed_total.total.value, grand))
    return max(tables, key=hits)


@pytest.mark.parametrize("path", WITH_GOLD, ids=lambda p: p.stem[:30])
def test_budget_tables_match_gold(path: Path) -> None:
    gold = gold_for(path, SETS)
    x = budget_extraction(path)
    assert len(x.budget_tables) == len(gold["budget_tables"])
    for gt in gold["budget_tables"]:
        t = _match(x.budget_tables, gt)
        lines = list(t.lines)
        for g in gt["rows"]:
            cand = [ln for ln in lines if ln.agency == g["agency"] and same(ln.total.value, g["total"])]
            if not cand and g.get("no_amounts"):
                continue
            assert cand, f"{g['label']}: no {g['agency']} row with total {g['total']}"
            ln = cand[0]
            lines.remove(ln)
            cols = ("total",) if g.get("placement_inferred") else BUDGET_COLUMNS
            for c in cols:
                assert same(ln.amount(c).value, g[c]), f"{g['label']}.{c}: {ln.amount(c)} != {g[c]}"
        invented = [ln for ln in lines if ln.agency != "total" and any(
            ln.amount(c).value for c in BUDGET_COLUMNS)]
        assert not invented, f"rows gold does not have: {[ln.label for ln in invented]}"
        for c, v in (gt.get("printed_total") or {}).items():
            assert t.printed_total is not None and same(t.printed_total.amount(c).value, v), c


@pytest.mark.parametrize("path", WITH_GOLD, ids=lambda p: p.stem[:30])
def test_narrative_totals_match_gold(path: Path) -> None:
    gold = gold_for(path, SETS)
    found = budget_extraction(path).narrative_totals
    for g in gold["narrative_budget_totals"]:
        assert any(same(n.amount, g["amount"]) and g["quote"] in n.quote for n in found), g
    assert len(found) == len(gold["narrative_budget_totals"])


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem[:30])
def test_every_value_keeps_raw_text_and_provenance(path: Path) -> None:
    for t in budget_extraction(path).budget_tables:
        assert t.index >= 1 and t.prov.line is not None
        for ln in t.lines + ((t.printed_total,) if t.printed_total else ()):
            assert ln.prov.line is not None and ln.prov.raw_text and ln.prov.sha256
            for c in BUDGET_COLUMNS:
                a = ln.amount(c)
                assert a.value is None or a.raw.strip(), (ln.label, c)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem[:30])
def test_golden(path: Path) -> None:
    """Rewrite with REGENERATE_GOLDEN=1 and review the diff."""
    data = as_json(budget_extraction(path))
    assert golden_check(path.stem, data) == data


def test_indices_are_in_reading_order() -> None:
    path = next(p for p in SEEDS if p.name.startswith("002"))
    tables = budget_extraction(path).budget_tables
    assert [t.index for t in tables] == [1, 2]
    assert tables[0].prov.line < tables[1].prov.line  # type: ignore[operator]
    assert [t.anchor for t in tables] == ["4. Resourcing, Value for Money and Risks", "12. Budget Plan 2018-19"]


def test_non_budget_tables_are_not_emitted() -> None:
    """Blackpool's effective practice grant spend list and staffing grid are not partner budgets."""
    path = next(p for p in SEEDS if p.name.startswith("002"))
    labels = {ln.label for t in budget_extraction(path).budget_tables for ln in t.lines}
    assert not any("Strategic Leadership" in label or "Seconded" in label for label in labels)


def _extract(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return budget_extraction.__wrapped__(path).budget_tables  # type: ignore[attr-defined]


def test_flattened_table_placed_by_arithmetic(tmp_path: Path) -> None:
    [t] = _extract(tmp_path, "Budget\n\nIncome Staff (£) Delegated funds (£) Total (£) Police 54,015  54,015 "
                             "Probation  29,776 29,776 Health 32,185 31,502 63,687 TOTAL 86,200 61,278 147,478\n")
    police, probation, health = t.lines
    assert (police.staffing.value, police.delegated.value) == (Decimal("54015"), None) and police.placement_inferred
    assert (probation.staffing.value, probation.delegated.value) == (None, Decimal("29776"))
    assert not health.placement_inferred and t.quality < 1


def test_two_placements_fit_so_only_the_row_totals_are_kept(tmp_path: Path) -> None:
    [t] = _extract(tmp_path, "Budget\n\nIncome Staff (£) Delegated funds (£) Total (£) Police 1,000 1,000 "
                             "Health 1,000 1,000 TOTAL 1,000 1,000 2,000\n")
    for ln in t.lines:
        assert ln.ambiguous and ln.total.value == Decimal("1000")
        assert ln.staffing.value is None and ln.delegated.value is None  # not guessed
    assert any("ambiguous" in n for n in t.notes)


def test_headers_lost_read_in_template_order(tmp_path: Path) -> None:
    [t] = _extract(tmp_path, "Partner contributions 2019/20\r\nPolice\r10\r\r5\r15\rHealth\r1,000\r\r\r1,000\r"
                             "Total\r1,010\r\r5\r1,015\r\r\n")
    assert [ln.total.value for ln in t.lines] == [Decimal("15"), Decimal("1000")]
    assert t.lines[0].delegated.value == Decimal("5") and t.notes


def test_stacked_labels_and_shifted_labels_are_repaired() -> None:
    somerset = next(p for p in REAL if p.name.startswith("SOMERSET"))
    labels = [ln.label for ln in budget_extraction(somerset).budget_tables[0].lines]
    assert labels[-3:] == ["Other (A&S Constabulary)", "Other (NHS CCG ) *", "Other (NHS CCG) **"]
    manchester = next(p for p in REAL if p.name.startswith("Manchester"))
    labels = [ln.label for ln in budget_extraction(manchester).budget_tables[0].lines]
    assert labels[4:7] == ["CAMHS", "Youth Justice Early Intervention Grant", "Community Safety Partnership"]


@pytest.mark.parametrize("corner", ["\r", "Agency\r", ""], ids=["empty-corner", "agency", "no-corner"])
def test_cr_header_with_or_without_its_corner_cell(tmp_path: Path, corner: str) -> None:
    text = (f"Table 1 pooled budget 2019/20\r\n{corner}Staffing costs\rPayments in kind\rOther delegated funds\rTotal\r"
            "Police\r52,497\r\r70,627\r123,124\rHealth\r\r\r5,000\r5,000\rTotal\r52,497\r\r75,627\r128,124\r\r\n")
    [t] = _extract(tmp_path, text)
    assert [(ln.agency, ln.staffing.value, ln.delegated.value, ln.total.value) for ln in t.lines] == [
        ("police", Decimal("52497"), Decimal("70627"), Decimal("123124")), ("health", None, Decimal("5000"), Decimal("5000"))]
    assert len(t.columns_printed) == 4 and t.period == "2019/20"


def test_label_over_two_cells_and_placeholder_text(tmp_path: Path) -> None:
    text = ("Partner contributions 2019/20\r\nAgency\rStaffing costs\rPayments in kind\rOther delegated funds\rTotal\r"
            "Police\rn/a\r\r5,000\r5,000\rYJB Good Practice Grant\r(including remands)\r400,000\r\r\r400,000\r"
            "Total\r400,000\r\r5,000\r405,000\r\r\n")
    [t] = _extract(tmp_path, text)
    police, yjb = t.lines
    assert (police.agency, police.staffing.raw, police.staffing.value, police.delegated.value) == (
        "police", "n/a", None, Decimal("5000"))
    assert (yjb.agency, yjb.label, yjb.staffing.value) == (
        "yjb", "YJB Good Practice Grant (including remands)", Decimal("400000"))


def test_total_row_that_lost_its_blanks_is_placed_by_the_column_sums(tmp_path: Path) -> None:
    text = ("Partner contributions 2019/20\r\nAgency\rStaffing costs\rPayments in kind\rOther delegated funds\rTotal\r"
            "Police\r\r\r5,000\r5,000\rHealth\r\r\r90,000\r90,000\rTotal\r95,000\r95,000\r\r\n")
    [t] = _extract(tmp_path, text)
    assert t.printed_total is not None and t.printed_total.delegated.value == Decimal("95000")
    assert t.printed_total.staffing.value is None and t.printed_total.total.value == Decimal("95000")


def test_rows_and_total_row_without_blanks_give_no_guess(tmp_path: Path) -> None:
    """Payments in kind or delegated funds: both placements add up, so only row totals are kept."""
    text = ("Partner contributions 2019/20\r\nAgency\rStaffing costs\rPayments in kind\rOther delegated funds\rTotal\r"
            "Police\r5,000\r5,000\rHealth\r90,000\r90,000\rLocal Authority\r10,000\r20,000\r30,000\r"
            "Total\r10,000\r115,000\r125,000\r\r\n")
    [t] = _extract(tmp_path, text)
    assert [ln.total.value for ln in t.lines] == [Decimal("5000"), Decimal("90000"), Decimal("30000")]
    for ln in t.lines:
        assert ln.payments_in_kind.value is None and (ln.ambiguous or ln.delegated.value is not None)
    assert t.printed_total is not None and t.printed_total.total.value == Decimal("125000")


@pytest.mark.parametrize("name, text", [
    ("plan.html", "<html><body><h2>Partner contributions 2019/20</h2><table>"
                  "<tr><th>Agency</th><th>Staffing costs</th><th>Other delegated funds</th><th>Total</th></tr>"
                  "<tr><td>Police</td><td>10,000</td><td></td><td>10,000</td></tr>"
                  "<tr><td>Health</td><td>5,000</td><td>2,000</td><td>7,000</td></tr>"
                  "<tr><td><b>Total</b></td><td>15,000</td><td>2,000</td><td>17,000</td></tr></table></body></html>"),
    ("plan.md", "## Partner contributions 2019/20\n\n| Agency | Staffing costs | Other delegated funds | Total |\n"
                "|---|---:|---:|---:|\n| Police | 10,000 | | 10,000 |\n| Health | 5,000 | 2,000 | 7,000 |\n"
                "| **Total** | 15,000 | 2,000 | 17,000 |\n"),
])
def test_html_and_markdown_tables(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [t] = budget_extraction.__wrapped__(path).budget_tables  # type: ignore[attr-defined]
    assert [(ln.agency, ln.staffing.value, ln.delegated.value) for ln in t.lines] == [
        ("police", Decimal("10000"), None), ("health", Decimal("5000"), Decimal("2000"))]
    assert t.printed_total is not None and t.printed_total.total.value == Decimal("17000")
    assert t.anchor == "Partner contributions 2019/20" and t.period == "2019/20"


def test_a_column_outside_the_template_is_read_but_not_loaded(tmp_path: Path) -> None:
    text = ("Partner contributions 2019/20\n\nAgency\tStaffing costs\tOther delegated funds\tTotal\t% of total\n"
            "Police\t10,000\t\t10,000\t59%\nHealth\t5,000\t2,000\t7,000\t41%\nTotal\t15,000\t2,000\t17,000\t100%\n")
    [t] = _extract(tmp_path, text)
    assert [(ln.agency, ln.staffing.value, ln.total.value) for ln in t.lines] == [
        ("police", Decimal("10000"), Decimal("10000")), ("health", Decimal("5000"), Decimal("7000"))]
    assert "59%" in t.lines[0].prov.raw_text  # shares are text: kept in the raw row, not loaded


def test_a_table_broken_by_a_running_heading_is_one_table(tmp_path: Path) -> None:
    text = ("Partner contributions 2019/20\r\nAgency\rStaffing costs\rPayments in kind\rOther delegated funds\rTotal\r"
            "Police\r10,000\r\r\r10,000\rHealth\r5,000\r\r2,000\r7,000\r\r\n"
            "Youth Justice Plan 2019/20 page 12 of our plan for the year ahead and beyond\r\n"
            "Probation\r\r\r5,000\r5,000\rYJB\r\r\r9,000\r9,000\rTotal\r15,000\r\r16,000\r31,000\r\r\n")
    [t] = _extract(tmp_path, text)
    assert [ln.agency for ln in t.lines] == ["police", "health", "probation", "yjb"]
    assert t.printed_total is not None and t.method.endswith("+continued")
    assert budget_checks.check(budget_extraction.__wrapped__(tmp_path / "plan.txt"), DEFAULT_SETTINGS) == []


def test_spacing_that_survived_settles_what_the_arithmetic_leaves_open(tmp_path: Path) -> None:
    """One extra space per lost empty cell: Police's blank is before Total, Health's before its amount."""
    [t] = _extract(tmp_path, "Budget\n\nIncome Staff (£) Delegated funds (£) Total (£) Police 1,000  1,000 "
                             "Health  1,000 1,000 TOTAL 1,000 1,000 2,000\n")
    police, health = t.lines
    assert (police.staffing.value, police.delegated.value, police.placement_inferred) == (Decimal("1000"), None, True)
    assert (health.staffing.value, health.delegated.value) == (None, Decimal("1000"))
    assert not police.ambiguous and not health.ambiguous


def test_spacing_is_not_trusted_against_the_arithmetic(tmp_path: Path) -> None:
    """Spacing says Police is delegated funds; the column totals say staff: the arithmetic wins."""
    [t] = _extract(tmp_path, "Budget\n\nIncome Staff (£) Delegated funds (£) Total (£) Police  54,015 54,015 "
                             "Probation  29,776 29,776 TOTAL 54,015 29,776 83,791\n")
    assert t.lines[0].staffing.value == Decimal("54015") and t.lines[1].delegated.value == Decimal("29776")


def test_a_share_column_in_one_cell_per_line(tmp_path: Path) -> None:
    text = ("Partner contributions 2019/20\r\nAgency\rStaffing costs\rOther delegated funds\rTotal\r% of total\r"
            "Police\r10,000\r\r10,000\r59%\rHealth\r5,000\r2,000\r7,000\r41%\r"
            "Total\r15,000\r2,000\r17,000\r100%\r\r\n")
    [t] = _extract(tmp_path, text)
    assert [(ln.agency, ln.staffing.value, ln.total.value) for ln in t.lines] == [
        ("police", Decimal("10000"), Decimal("10000")), ("health", Decimal("5000"), Decimal("7000"))]


def test_a_table_whose_columns_are_the_funders_is_read_transposed(tmp_path: Path) -> None:
    text = ("Appendix 2 Finance\r\nINCOME\rYouth Justice Grant\rLocal Authority\rPolice\rTotal\r"
            "Cash\r£570,000.00\r£2,301,000.00\r \r£2,871,000.00\rIn-kind\r \r \r£50,000.00\r£50,000.00\r"
            "Total income\r£570,000.00\r£2,301,000.00\r£50,000.00\r£2,921,000.00\r\r\n")
    [t] = _extract(tmp_path, text)
    assert [(ln.agency, ln.delegated.value, ln.payments_in_kind.value, ln.total.value) for ln in t.lines] == [
        ("yjb", Decimal("570000.00"), None, Decimal("570000.00")),
        ("local_authority", Decimal("2301000.00"), None, Decimal("2301000.00")),
        ("police", None, Decimal("50000.00"), Decimal("50000.00"))]  # cash is read as delegated funds (gold real-2)
    assert t.printed_total is not None and t.printed_total.total.value == Decimal("2921000.00")
    x = budget_extraction.__wrapped__(tmp_path / "plan.txt")  # type: ignore[attr-defined]
    assert budget_checks.check(x, DEFAULT_SETTINGS) == []


def test_text_in_a_money_cell_stays_in_its_row(tmp_path: Path) -> None:
    text = ("Partner contributions 2019/20\r\nAgency\rStaffing costs\rPayments in kind\rOther delegated funds\rTotal\r"
            "Police\r\rSeconded officer\r\r0\rHealth\r5,000\r\r2,000\r7,000\r"
            "Total\r5,000\r\r2,000\r7,000\r\r\n")
    [t] = _extract(tmp_path, text)
    police, health = t.lines
    assert (police.agency, police.payments_in_kind.raw, police.payments_in_kind.value, police.total.value) == (
        "police", "Seconded officer", None, Decimal("0"))
    assert "text in a money cell" in police.payments_in_kind.note and health.total.value == Decimal("7000")


_AMOUNTS = st.integers(1_000, 9_999_999)  # a partner table prints pounds (MIN_LARGEST_AMOUNT)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(_AMOUNTS, _AMOUNTS, st.sampled_from(["£ ", "£", ""]))
def test_a_wrapped_label_over_single_amounts_is_one_row_and_stacked_labels_are_two(a: int, b: int, sign: str) -> None:
    """'YJB Effective' CRLF 'Practice Grant' over '£ 646,000' cells is one funder: a currency sign standing apart
    is part of its figure, not a second stacked amount. Two funders stacked in one cell over stacked amounts are
    two rows."""
    import tempfile
    money = lambda v: f"{sign}{v:,}"  # noqa: E731
    head = "Partner contributions 2019/20\r\nAgency\rStaffing costs\rOther delegated funds\rTotal\r"
    wrapped = head + (f"Police\r{money(b)}\r\r{money(b)}\r"
                      f"YJB Effective\r\nPractice Grant\r{money(a)}\r{money(b)}\r{money(a + b)}\r"
                      f"Total\r{money(a + b)}\r{money(b)}\r{money(a + 2 * b)}\r\r\n")
    glued = lambda v: f"{sign.strip()}{v:,}"  # noqa: E731  (stacked amounts in one cell: 'A&S 13,462 40,000')
    stacked = head + (f"Police\r\nHealth\r{glued(a)} {glued(b)}\r\r{glued(a)} {glued(b)}\r"
                      f"Total\r{glued(a + b)}\r\r{glued(a + b)}\r\r\n")
    with tempfile.TemporaryDirectory() as tmp:
        [one] = _extract(Path(tmp), wrapped)
        [two] = _extract(Path(tmp), stacked)
    assert [(ln.agency, ln.label, ln.staffing.value, ln.delegated.value, ln.total.value) for ln in one.lines] == [
        ("police", "Police", Decimal(b), None, Decimal(b)), ("yjb", "YJB Effective Practice Grant", Decimal(a), Decimal(b), Decimal(a + b))]
    assert [(ln.agency, ln.staffing.value, ln.total.value) for ln in two.lines] == [
        ("police", Decimal(a), Decimal(a)), ("health", Decimal(b), Decimal(b))]

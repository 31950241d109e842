"""Budget checks: every budget finding gold lists is raised, no false alarm, and each check on its own."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.wording import side_text
from pipeline.checks import budget as budget_checks
from pipeline.records import Extraction
from pipeline.settings import DEFAULT_SETTINGS, Settings, Tolerances
from tests.budget_helpers import BUDGET_CHECKS, budget_extraction
from tests.conftest import REAL, SEEDS, TESTED_GOLD, gold_for

SETS = TESTED_GOLD + ("real-2",)
WITH_GOLD = [p for p in SEEDS + REAL if gold_for(p, SETS) is not None]


def _numbers(text: str) -> set[Decimal]:
    return {Decimal(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text.replace("£", ""))}


def _gold_figures(issue: dict) -> set[Decimal]:
    if issue.get("figures"):
        return {abs(Decimal(str(v))) for v in issue["figures"]}
    out: set[Decimal] = set()
    def walk(v):  # type: ignore[no-untyped-def]
        if isinstance(v, bool):
            return
        if isinstance(v, (int, float)) and v:
            out.add(abs(Decimal(str(v))))
        elif isinstance(v, (list, dict)):
            for w in (v.values() if isinstance(v, dict) else v):
                walk(w)
    walk({k: v for k, v in issue.items() if k not in ("severity", "check", "detail", "table_index")})
    return out


def _raised(issue: dict, findings) -> bool:  # type: ignore[no-untyped-def]
    want = _gold_figures(issue)
    for f in findings:
        have = _numbers(f.message) | {abs(v) for v in (f.expected.value, f.found.value, f.difference) if v is not None}
        if f.check_name == issue["check"] and len(want & have) >= min(2, len(want)):
            return True
    return False


def _is_budget_issue(issue: dict) -> bool:
    """Budget findings of gold (a narrative mismatch is a budget one when it names a table value)."""
    if issue["check"] == "narrative_value_mismatch":
        return "table_value" in issue
    # a finding with a "measure" is on an indicator or an expenditure breakdown, not on a partner budget table
    return issue["check"] in BUDGET_CHECKS and issue.get("table", "budget") == "budget" and "measure" not in issue


@pytest.mark.parametrize("path", WITH_GOLD, ids=lambda p: p.stem[:30])
def test_gold_budget_findings_are_raised(path: Path) -> None:
    gold = gold_for(path, SETS)
    findings = budget_extraction(path).findings
    for issue in gold["quality_issues"]:
        if _is_budget_issue(issue):
            assert _raised(issue, findings), issue


@pytest.mark.parametrize("path", WITH_GOLD, ids=lambda p: p.stem[:30])
def test_no_false_alarms(path: Path) -> None:
    gold = gold_for(path, SETS)
    wanted = [i for i in gold["quality_issues"] if i["check"] in BUDGET_CHECKS]
    for f in budget_extraction(path).findings:
        if f.severity == "error":
            assert any(_raised(i, [f]) for i in wanted), f.message


@pytest.mark.parametrize("path", SEEDS + REAL, ids=lambda p: p.stem[:30])
def test_findings_are_located_sentences(path: Path) -> None:
    for f in budget_extraction(path).findings:
        assert f.prov is not None and f.prov.line is not None and f.evidence
        assert f.message.endswith(".") and "\n" not in f.message and side_text(f.expected) and side_text(f.found)


def test_tables_disagree_names_the_row() -> None:
    path = next(p for p in SEEDS if p.name.startswith("002"))
    [f] = [f for f in budget_extraction(path).findings if f.check_name == "tables_disagree"]
    assert f.difference == Decimal("36225") and "Police and Crime Commissioner row (36,225)" in f.message


def test_malformed_number_is_a_warning() -> None:
    path = next(p for p in SEEDS if p.name.startswith("002"))
    [f] = [f for f in budget_extraction(path).findings if f.check_name == "malformed_number"]
    assert f.severity == "warning" and f.found.raw == "2,026, 615" and f.found.value == Decimal(2026615) and "2,026,615" in f.message


def test_glued_footnote_digits_are_read_by_arithmetic_and_not_flagged() -> None:
    path = next(p for p in REAL if p.name.startswith("N Somerset"))
    x = budget_extraction(path)
    police = next(ln for ln in x.budget_tables[0].lines if ln.agency == "police")
    assert police.staffing.raw == "82,4202" and police.staffing.value == Decimal("82420")
    assert "footnote digit 2" in police.staffing.note
    assert not [f for f in x.findings if f.check_name in ("row_sum_mismatch", "column_sum_mismatch", "malformed_number")]


def test_narrative_value_mismatch_for_one_funder() -> None:
    path = next(p for p in REAL if p.name.startswith("N Somerset"))
    [f] = [f for f in budget_extraction(path).findings if f.check_name == "narrative_value_mismatch"]
    assert f.severity == "error" and f.difference == Decimal("200") and "239,206" in f.message


def _tiny(tmp_path: Path, total: str, narrative: str = "") -> Extraction:
    path = tmp_path / "plan.txt"
    path.write_text(f"{narrative}\n\nAgency\tStaffing costs\tOther delegated funds\tTotal\nPolice\t10,000\t\t10,000\n"
                    f"Health\t5,000\t2,000\t7,000\nTotal\t15,000\t2,000\t{total}\n", encoding="utf-8")
    return budget_extraction.__wrapped__(path)  # type: ignore[attr-defined, no-any-return]


def test_a_table_that_adds_up_raises_nothing(tmp_path: Path) -> None:
    assert _tiny(tmp_path, "17,000").findings == ()


def test_grand_total_and_total_row_mismatch(tmp_path: Path) -> None:
    checks = sorted(f.check_name for f in _tiny(tmp_path, "17,500").findings)
    assert checks == ["grand_total_mismatch", "row_sum_mismatch"]


def test_tolerance_comes_from_settings(tmp_path: Path) -> None:
    x = _tiny(tmp_path, "17,001")
    assert budget_checks.check(x, DEFAULT_SETTINGS) == []
    strict = Settings(tolerances=Tolerances(money=Decimal("0")))
    assert {f.check_name for f in budget_checks.check(x, strict)} == {"grand_total_mismatch", "row_sum_mismatch"}


def test_narrative_total_mismatch(tmp_path: Path) -> None:
    x = _tiny(tmp_path, "17,000", "The YOT budget for 2019/20 has been established at £17,100.")
    [f] = x.findings
    assert f.check_name == "narrative_total_mismatch" and f.difference == Decimal("-100")
    assert "£17,100" in f.message and "17,000" in f.message


def _table_text(rows: str, total: str) -> str:
    return f"Budget 2019/20\n\nAgency\tStaffing costs\tOther delegated funds\tTotal\n{rows}Total\t{total}\n"


def _findings(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return [f.check_name for f in budget_extraction.__wrapped__(path).findings]  # type: ignore[attr-defined]


def test_a_figure_printed_in_two_columns_and_counted_once_is_no_error(tmp_path: Path) -> None:
    rows = "Police\t5,000\t5,000\t5,000\nHealth\t1,000\t\t1,000\n"
    assert _findings(tmp_path, _table_text(rows, "6,000\t5,000\t6,000")) == []


def test_sub_rows_under_a_subtotal_are_counted_once(tmp_path: Path) -> None:
    rows = "Health\t\t3,000\t3,000\nNHS CCG\t\t2,000\t2,000\nPublic Health\t\t1,000\t1,000\nPolice\t1,000\t\t1,000\n"
    assert _findings(tmp_path, _table_text(rows, "1,000\t3,000\t4,000")) == []


def test_a_coincidental_subtotal_does_not_hide_a_real_mismatch(tmp_path: Path) -> None:
    rows = "Local Authority\t\t3,000\t3,000\nPolice\t\t2,000\t2,000\nHealth\t\t1,000\t1,000\n"
    assert sorted(_findings(tmp_path, _table_text(rows, "\t5,000\t5,000"))) == ["column_sum_mismatch",
                                                                               "grand_total_mismatch"]


def test_a_stated_budget_that_is_part_of_the_table_is_no_mismatch(tmp_path: Path) -> None:
    """'The YOT budget is £2,000' where the table's delegated column totals 2,000: a part, not the whole."""
    x = _tiny(tmp_path, "17,000", "The YOT budget is £2,000.")
    assert x.narrative_totals and x.findings == ()


def test_a_miss_rounding_could_explain_is_a_warning(tmp_path: Path) -> None:
    rows = "".join(f"{a}\t1,000\t\t1,000\n" for a in ("Police", "Health", "Probation", "YJB", "Local Authority"))
    path = tmp_path / "plan.txt"
    path.write_text(_table_text(rows, "5,000\t\t5,003"), encoding="utf-8")  # 6 whole-pound figures: up to £3
    x = budget_extraction.__wrapped__(path)  # type: ignore[attr-defined]
    assert {(f.check_name, f.severity) for f in x.findings} == {("grand_total_mismatch", "warning")}
    assert all("rounding" in f.message for f in x.findings)
    path.write_text(_table_text(rows, "5,000\t\t5,004"), encoding="utf-8")
    x = budget_extraction.__wrapped__(path)  # type: ignore[attr-defined]
    assert {(f.check_name, f.severity) for f in x.findings} == {("grand_total_mismatch", "error")}


def test_two_tables_of_different_figures_are_not_compared(tmp_path: Path) -> None:
    """Two tables that share no figures are two budgets (another year, say), not one printed twice."""
    one = _table_text("Police\t10,000\t\t10,000\nHealth\t5,000\t2,000\t7,000\n", "15,000\t2,000\t17,000")
    two = _table_text("Police\t11,000\t\t11,000\nHealth\t6,000\t2,500\t8,500\n", "17,000\t2,500\t19,500")
    assert _findings(tmp_path, one + "\nText between.\n\n" + two) == []


def test_a_stated_budget_far_from_the_table_is_a_warning(tmp_path: Path) -> None:
    x = _tiny(tmp_path, "17,000", "The YOT budget for 2019/20 has been established at £25,000.")
    [f] = x.findings
    assert f.check_name == "narrative_total_mismatch" and f.severity == "warning" and "scope" in f.message

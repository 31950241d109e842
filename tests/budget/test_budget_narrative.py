"""Budget totals and funder figures stated in prose: only statements of the overall budget, with quote and line."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.budget.narrative import agency_statements, extract_narrative_totals, period_in
from extractors.readers.text import read_text


def _doc(text: str):  # type: ignore[no-untyped-def]
    return read_text(text.encode("utf-8"), "plan.txt")


@pytest.mark.parametrize("sentence, amount", [
    ("The budget for 2019/20 has been established at £1,223,757.", "1223757"),
    ("The YJS gross budget is in total £2,493,798.", "2493798"),
    ("The total budget for the YOS in 2019/20 is £1,500,000.", "1500000"),
    ("The budget for 2019-20 is £853,335 (subject to no reductions).", "853335"),
    ("The budget for 2019/20 has been established at £ 2.9 million.", "2900000"),  # rounded: raw keeps the unit
    ("The tentative gross income for 2019/20 is £3,717,204 which includes in-kind.", "3717204"),
])
def test_overall_budget_statements(sentence: str, amount: str) -> None:
    [n] = extract_narrative_totals(_doc("Intro\n" + sentence + "\n"))
    assert n.amount == Decimal(amount) and n.quote in sentence and n.prov.line == 2 and n.raw.startswith("£")


@pytest.mark.parametrize("sentence", [
    "The devolved remand budget for 18/19 was £14,198.",
    "The Police contribution to the pooled budget in 17/18 was £35,890.",
    "The pre-existing budget for advocacy work was reduced from £36,800 to £19,170 per annum.",
    "Thames Valley PCC's office was successful in securing £822k for the whole area.",
    "Norfolk's budget reduction was £394,348 in that period.",
    "The Early Help budget is £250,000.",
    "The YOT cash budget is £2,000.",
])
def test_parts_of_the_budget_and_inexact_figures_are_not_totals(sentence: str) -> None:
    assert extract_narrative_totals(_doc(sentence + "\n")) == ()


def test_funder_figure_with_its_year() -> None:
    [s] = agency_statements(_doc("The Youth Justice Board Grant for 19/20 is £239,206 (previously £241,682).\n"))
    assert (s.agency, s.amount, s.period) == ("yjb", Decimal("239206"), "2019/20")
    assert s.quote == "The Youth Justice Board Grant for 19/20 is £239,206"


def test_periods() -> None:
    assert period_in("for 2019-20") == "2019/20" and period_in("19/20") == "2019/20"
    assert period_in("children aged 10-17") is None and period_in("2018/19 and 2019/20") is None


def test_funder_confirming_its_contribution() -> None:
    [s] = agency_statements(_doc("The Police Crime Commissioner has confirmed their contribution of £85,120 "
                                 "for 2019-20.\n"))
    assert (s.agency, s.amount, s.period) == ("pcc", Decimal("85120"), "2019/20")

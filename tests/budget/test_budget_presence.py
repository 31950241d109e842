"""What the budget extractor did not read is said, with a place: a plan without a budget table, a table
headed in thousands whose figures are pounds."""
from __future__ import annotations

import pytest

from pipeline.stages import process

from tests.conftest import REAL, SEEDS


def findings(stem: str, check: str):
    path = next(p for p in REAL + SEEDS if p.name.startswith(stem))
    x = process(path.read_bytes(), str(path))
    return x, [f for f in x.findings if f.check_name == check]


@pytest.mark.parametrize("stem,line", [("Lancashire", 465)])
def test_a_plan_whose_budget_table_is_not_read_says_where_it_seems_to_be(stem, line):
    x, found = findings(stem, "no_budget_table")
    assert not x.budget_tables and len(found) == 1
    f = found[0]
    assert f.severity == "warning" and f.prov is not None and f.prov.line == line
    assert f"at line {line}" in f.message and "a funder next to an amount" in f.message


def test_a_plan_with_no_funder_figures_at_all_says_so():
    x, found = findings("Portsmouth", "no_budget_table")
    assert len(found) == 1 and "may be printed as an image" in found[0].message
    top = next(ln.number for ln in x.document.lines if ln.text.strip())
    assert found[0].prov.line == top and "lines searched" in found[0].message  # the whole document, from its top


@pytest.mark.parametrize("stem", ["000_", "002_", "004_", "Liverpool", "Merton", "Sheffield"])
def test_plans_with_a_budget_table_raise_nothing_about_it(stem):
    x, found = findings(stem, "no_budget_table")
    assert x.budget_tables and not found


def test_a_thousands_heading_over_figures_in_pounds_is_a_unit_warning():
    x, found = findings("Plymouth", "unit_conflict")
    (f,) = [f for f in found if "thousands" in f.message]
    [t] = [t for t in x.budget_tables if "£'000s" in t.columns_printed]
    assert f.severity == "warning" and "£'000s" in f.message and f.prov.line == t.prov.line

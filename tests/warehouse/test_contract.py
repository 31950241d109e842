"""docs/WAREHOUSE.md is the analysts' contract: every view it lists exists with at least its columns, in order."""
from __future__ import annotations

import re

from sqlalchemy import inspect

from tests.conftest import ROOT


def contract_views() -> dict[str, list[str]]:
    text = (ROOT / "docs" / "WAREHOUSE.md").read_text()
    rows = re.findall(r"^\| `(\w+)` \| ([\w, ]+) \|$", text, re.M)
    return {name: [c.strip() for c in cols.split(",")] for name, cols in rows}


def test_the_contract_lists_the_six_views() -> None:
    assert set(contract_views()) >= {"documents", "budget_lines", "staffing_fte", "staffing_headcount",
                                      "indicators", "quality_issues"}


def test_every_view_has_the_contract_columns_in_order(engine) -> None:
    have = inspect(engine)
    views = set(have.get_view_names())
    for name, columns in contract_views().items():
        assert name in views, name
        got = [c["name"] for c in have.get_columns(name)]
        assert got[:len(columns)] == columns, (name, got)

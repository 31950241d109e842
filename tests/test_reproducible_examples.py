"""A derandomized Hypothesis test draws the same examples whatever project modules were imported before it (the
pagesplit text_cells test failed inside larger runs and passed alone: Hypothesis drew literals from whichever
local modules happened to be in ``sys.modules``; tests/generated/reproducible.py)."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.generated.budget_strategies import budget_docs

# a module like any of the project's, full of literals a budget strategy could draw
_LITERALS = '''
AMOUNTS = (100, 250, 1000, 2500, 182540, 2105000, 446540, -5000, 12.5, 0.25, 99.75)
WORDS = ("tbc", "Police", "Total (£)", "£", "Health", "In-kind", "n/a", "2018/19", "Staffing Costs")
'''


def _draws() -> list[str]:
    seen: list[str] = []

    @settings(max_examples=25, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(budget_docs("text_cells"), st.integers(0, 15), st.integers(), st.text(max_size=8))
    def record(doc: Any, variant: int, n: int, s: str) -> None:
        seen.append(repr((doc, variant, n, s)))
    record()
    return seen


def test_examples_do_not_depend_on_modules_imported_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _draws()
    (tmp_path / "literals_elsewhere.py").write_text(_LITERALS)
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        importlib.import_module("literals_elsewhere")
        after = _draws()
    finally:
        sys.modules.pop("literals_elsewhere", None)
    assert before == after

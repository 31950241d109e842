"""The row vocabulary of cost tables, kept as data in ``vocabulary.json``."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from normalisers.agencies import agency_of

_PATH = Path(__file__).with_name("vocabulary.json")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_PATH.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=4)
def _pattern(key: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _data()[key]), re.I)


def is_cost_line(label: str) -> bool:
    return bool(label.strip()) and bool(_pattern("line").search(label)) and not is_total(label)


def is_total(label: str) -> bool:
    """A printed total (a sub-total too) of spending, not of income or funding."""
    return bool(_pattern("total").search(label) or is_subtotal(label)) and not _pattern("not_total").search(label)


def is_subtotal(label: str) -> bool:
    return bool(_pattern("subtotal").search(label))


def names_spending(text: str) -> bool:
    """A heading or total that says the table is spending, not income."""
    return bool(_pattern("spending").search(text)) and not _pattern("income").search(text)


def names_income(label: str) -> bool:
    """A row of income (a grant, a contribution), not spending."""
    return bool(_pattern("income_line").search(label)) and not is_cost_line(label)


def names_funder(label: str) -> bool:
    """A row naming a funder (a partner contribution, the budget extraction's) and no cost group."""
    return agency_of(label) not in (None, "other") and not is_cost_line(label)


def min_lines() -> int:
    return int(_data()["min_lines"])


def min_titled_lines() -> int:
    return int(_data()["min_titled_lines"])

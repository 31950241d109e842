"""Validated settings. Arithmetic tolerances are named here, never inlined."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import SettingsError


@dataclass(frozen=True)
class Tolerances:
    """How far two figures may differ before a check raises a finding.

    ``money`` is in pounds: budget sums within it agree (printed tables round to the pound).
    ``fte`` is for staffing FTE sums (grids print two decimals).
    ``percent_points`` is how far a stated percentage may be from one computed from its figures
    before it is a finding; differences within ``rounding_points`` are rounding and not flagged.
    ``rounding_per_figure``: in a table printed in whole pounds, a sum that misses by no more than this
    per figure added could come from rounding each figure, so it is a warning, not an error.
    ``same_figure_ratio``: a figure stated in prose that is within this fraction of the table's figure is
    a slip (an error when it differs); further apart it may be another figure: a funder's amount is then
    not compared, and a budget total is a warning.
    """

    money: Decimal = Decimal("1")
    fte: Decimal = Decimal("0.011")
    percent_points: Decimal = Decimal("1.0")
    rounding_points: Decimal = Decimal("0.5")
    same_figure_ratio: Decimal = Decimal("0.1")
    rounding_per_figure: Decimal = Decimal("0.5")

    def __post_init__(self) -> None:
        for name in ("money", "fte", "percent_points", "rounding_points", "same_figure_ratio",
                     "rounding_per_figure"):
            value = getattr(self, name)
            if not isinstance(value, Decimal) or value < 0:
                raise SettingsError(f"Tolerances.{name} must be a non-negative Decimal, got {value!r}")


@dataclass(frozen=True)
class Settings:
    tolerances: Tolerances = Tolerances()
    pipeline_version: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.tolerances, Tolerances):
            raise SettingsError("Settings.tolerances must be a Tolerances instance")


DEFAULT_SETTINGS = Settings()

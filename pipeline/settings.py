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
class DocumentLimits:
    """Bounds on one document, whatever its source.

    ``deadline_seconds``: wall clock for one document: connect, headers, body and extraction.
    ``max_file_bytes``: the largest local file read (the fetcher's ``max_bytes`` is the same for URLs).
    ``max_text_bytes``: the largest text/HTML/Markdown document extracted (extraction holds about ten times
    its size in memory; real plans as text are well under 1 MB).
    ``max_stream_bytes`` / ``max_inflated_bytes``: the most one PDF stream, and all of a PDF's non-image
    streams together, may inflate to before the PDF is refused as a decompression bomb.
    """

    deadline_seconds: float = 180.0
    max_file_bytes: int = 100 * 1024 * 1024
    max_text_bytes: int = 20 * 1024 * 1024
    max_stream_bytes: int = 64 * 1024 * 1024
    max_inflated_bytes: int = 256 * 1024 * 1024

    def __post_init__(self) -> None:
        if not (isinstance(self.deadline_seconds, (int, float)) and self.deadline_seconds > 0):
            raise SettingsError(f"DocumentLimits.deadline_seconds must be a positive number of seconds, "
                                f"got {self.deadline_seconds!r}")
        for name in ("max_file_bytes", "max_text_bytes", "max_stream_bytes", "max_inflated_bytes"):
            value = getattr(self, name)
            if not (isinstance(value, int) and value >= 1):
                raise SettingsError(f"DocumentLimits.{name} must be an integer >= 1, got {value!r}")


DEFAULT_LIMITS = DocumentLimits()


@dataclass(frozen=True)
class Settings:
    tolerances: Tolerances = Tolerances()
    pipeline_version: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.tolerances, Tolerances):
            raise SettingsError("Settings.tolerances must be a Tolerances instance")


DEFAULT_SETTINGS = Settings()

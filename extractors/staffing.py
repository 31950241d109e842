"""Staffing grids (being built)."""
from __future__ import annotations

from pipeline.records import Document, StaffingFTE, StaffingHeadcount
from pipeline.settings import Settings


def extract_staffing(doc: Document, settings: Settings) -> tuple[tuple[StaffingFTE, ...], tuple[StaffingHeadcount, ...]]:
    return (), ()

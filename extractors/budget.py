"""Partner budget tables (being built)."""
from __future__ import annotations

from pipeline.records import BudgetTable, Document
from pipeline.settings import Settings


def extract_budget_tables(doc: Document, settings: Settings) -> tuple[BudgetTable, ...]:
    return ()

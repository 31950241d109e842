"""Data-quality checks: pure functions from an Extraction to Findings. Each module holds one family."""
from __future__ import annotations

from normalisers.diagnosis import diagnose_finding
from pipeline.records import Extraction, Finding
from pipeline.settings import Settings

from . import ambiguities, budget, budget_presence, expenditure, indicators, staffing, statements, units

FAMILIES = (budget.check, budget_presence.check, expenditure.check, staffing.check, indicators.check, statements.check, units.check,
            ambiguities.check)


def run_checks(x: Extraction, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    for family in FAMILIES:
        out.extend(family(x, settings))
    # a diagnosis and the value the arithmetic supports, beside the printed figures (never in place of them)
    return [diagnose_finding(f, x) for f in out]

"""Blocks an extractor left unread because the evidence did not decide between readings: one ``info`` finding
each, so an analyst sees that the document prints figures the warehouse does not hold, and why."""
from __future__ import annotations

from decimal import Decimal

from pipeline.records import Extraction, Finding, Side
from pipeline.settings import Settings
from pipeline.wording import located


def check(x: Extraction, settings: Settings) -> list[Finding]:
    return [located(Finding(
        check_name="ambiguous_reading", severity="info",
        message=f"The {a.what} was left unread because its figures fit more than one reading: {a.why}.",
        expected=Side(None, "one reading that the printed labels and counts decide"),
        found=Side(Decimal(1), "block left unread", style="number"),
        prov=a.prov)) for a in x.ambiguities]

"""Budget totals stated in prose (being built)."""
from __future__ import annotations

from pipeline.records import Document, NarrativeTotal


def extract_narrative_totals(doc: Document) -> tuple[NarrativeTotal, ...]:
    return ()

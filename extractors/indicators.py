"""Indicator statements (being built)."""
from __future__ import annotations

from pipeline.records import Document, Indicator
from pipeline.settings import Settings


def extract_indicators(doc: Document, settings: Settings) -> tuple[Indicator, ...]:
    return ()

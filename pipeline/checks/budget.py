"""Checks on budget figures (being built: see the open issue)."""
from __future__ import annotations

from pipeline.records import Extraction, Finding
from pipeline.settings import Settings


def check(x: Extraction, settings: Settings) -> list[Finding]:
    return []

"""Indicator units: 'per 1,000' -> 'per_1000' etc. Pure functions over strings."""
from __future__ import annotations

import re
from typing import Optional

RATE_RX = re.compile(r"\bper\s*(1[,.]?000[,.]?000|100[,.]?000|100\s?k|10[,.]?000|1[,.]?000|1\s?k)\b(?!\s*%)", re.I)
_CODES = {"1000": "per_1000", "1k": "per_1000", "10000": "per_10000", "100000": "per_100000",
          "100k": "per_100000"}


def rate_unit(text: str) -> Optional[str]:
    """The rate unit a text states ('per 10,000 population' -> 'per_10000'), or None."""
    m = RATE_RX.search(text)
    return rate_code(m.group(1)) if m else None


def rate_code(number: str) -> Optional[str]:
    return _CODES.get(re.sub(r"[\s,.]", "", number).lower())


def unit_label(unit: str) -> str:
    """A unit code in words for messages ('per_10000' -> 'per 10,000')."""
    return {"per_1000": "per 1,000", "per_10000": "per 10,000", "per_100000": "per 100,000",
            "percent": "per cent", "percent_change": "per cent change", "count": "count",
            "percentage_points": "percentage points", "reoffences_per_reoffender": "re-offences per re-offender",
            "reoffences_per_offender": "re-offences per offender"}.get(unit, unit)

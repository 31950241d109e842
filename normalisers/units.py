"""Indicator units: 'per 1,000' -> 'per_1000' etc. Pure functions over strings."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

# a rate unit in figures or in words ('per 100,000', 'per 100 000', 'per 1k', 'per thousand', 'per 100 thousand')
RATE_RX = re.compile(r"\bper\s*(1[,.\s]?000[,.\s]?000|100[,.\s]?000|100\s?k|10[,.\s]?000|1[,.\s]?000|1\s?k|"
                     r"(?:(?:one|a|ten|one\s+hundred|a\s+hundred|hundred|10|100)\s+)?thousand)\b(?!\s*%)", re.I)
_CODES = {"1000": "per_1000", "1k": "per_1000", "10000": "per_10000", "100000": "per_100000",
          "100k": "per_100000", "thousand": "per_1000", "onethousand": "per_1000", "athousand": "per_1000",
          "tenthousand": "per_10000", "10thousand": "per_10000", "hundredthousand": "per_100000",
          "onehundredthousand": "per_100000", "ahundredthousand": "per_100000", "100thousand": "per_100000"}


def rate_unit(text: str) -> Optional[str]:
    """The rate unit a text states ('per 10,000 population' -> 'per_10000'), or None."""
    m = RATE_RX.search(text)
    return rate_code(m.group(1)) if m else None


# a rate per 1,000 of the 10-17 population above this is more than a tenth of the age group a year, which no youth
# justice measure reaches: a rate of that size is per 100,000 ('704 per thousand' for a first-time-entrant rate)
MAX_PER_1000 = Decimal(100)


def plausible_rate_unit(unit: str, value: Decimal) -> str:
    """The unit a rate can be in: ``unit`` itself, or 'per_100000' for a 'per_1000' figure too large to be one."""
    return "per_100000" if unit == "per_1000" and value > MAX_PER_1000 else unit


def rate_code(number: str) -> Optional[str]:
    return _CODES.get(re.sub(r"[\s,.]", "", number).lower())


def unit_label(unit: str) -> str:
    """A unit code in words for messages ('per_10000' -> 'per 10,000')."""
    return {"per_1000": "per 1,000", "per_10000": "per 10,000", "per_100000": "per 100,000",
            "percent": "per cent", "percent_change": "per cent change", "count": "count",
            "percentage_points": "percentage points", "reoffences_per_reoffender": "re-offences per re-offender",
            "reoffences_per_offender": "re-offences per offender"}.get(unit, unit)

"""Numbers as staffing grids print them: FTE with a decimal point or a decimal comma ('0,5'), dashes for zeros.

A staffing cell is never a thousand or more, so a comma followed by one or two digits (or a leading '0,')
is a decimal comma; a comma before three digits stays a thousands separator (a headcount of 1,200 is still
read as printed). :func:`canon` gives the text the shared row fitter parses; the printed text is kept beside it.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from extractors.tables.cell_stream import is_blank, parse_number

_DASH = re.compile(r"^[-\u2013\u2014\u2012]$")


def canon(text: str) -> str:
    """'0,5' -> '0.5'; '—' -> '-'; anything else unchanged."""
    t = text.strip().replace("\u00a0", "")
    if _DASH.match(t):
        return "-"
    m = re.match(r"^(-?\d{1,3}),(\d{1,2})$", t) or re.match(r"^(-?0),(\d+)$", t)
    if m:
        return f"{m.group(1)}.{m.group(2)}"
    return text


_DIGIT = re.compile(r"\d")
_DASHES = frozenset("-\u2013\u2014\u2012")


def number(text: str) -> Optional[Decimal]:
    if not _DIGIT.search(text) and text.strip().replace("\u00a0", "") not in _DASHES:
        return None  # no digit and not a dash: neither canon nor parse_number can make it a number
    return parse_number(canon(text))


def is_value(text: str) -> bool:
    return is_blank(text) or number(text) is not None

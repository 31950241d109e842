"""How findings say figures and places: the one place that turns a finding's values into words.

Checks and the diagnoser build findings from values (:class:`~pipeline.records.Side`, Decimal differences,
provenance); every number in a sentence is written by :func:`amount` or :func:`number`, every place by
:func:`where`, and every side of a comparison by :func:`side_text`. Nothing reads a sentence back.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Callable, Optional

from pipeline.records import Finding, Provenance, Side


def amount(value: Optional[Decimal]) -> str:
    """Money as an analyst reads it: ``1,234,757`` or ``1,333,335.86``; blank as ``blank``."""
    if value is None:
        return "blank"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def grouped(value: Decimal) -> str:
    """A figure with thousands separators and the decimals it has (1234757 -> '1,234,757', 0.5 -> '0.5')."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,}"


def number(v: Decimal) -> str:
    """A count, FTE or rate as printed plainly: 16.59, 12 (not 1.2E+1), 0.5."""
    return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")


def percent(v: Decimal) -> str:
    return number(v) + "%"


_STYLES: dict[str, Callable[[Decimal], str]] = {"money": amount, "number": number, "percent": percent}


def figure_text(side: Side) -> str:
    """The side's figure as printed when it was printed, else as the style writes it ('' for no figure)."""
    if side.raw:
        return side.raw
    return "" if side.value is None else _STYLES[side.style](side.value)


def side_text(side: Side) -> str:
    """One side of a comparison as stored in ``quality_issues.expected``/``found``: '1,234,757 (sum of rows)'."""
    fig = figure_text(side)
    if not fig:
        return side.what
    return f"{fig} ({side.what})" if side.what else fig


def place(p: Optional[Provenance]) -> str:
    """'line 82' / 'page 3' ('' when the provenance has neither)."""
    if p is None:
        return ""
    return f"page {p.page}" if p.page is not None else (f"line {p.line}" if p.line is not None else "")


def where(p: Optional[Provenance]) -> str:
    """' (line 82)' / ' (page 3)': where in the document a finding points."""
    text = place(p)
    return f" ({text})" if text else ""


def located(f: Finding) -> Finding:
    """The finding with its place at the end of its sentence, unless the sentence already says it."""
    if "(line " in f.message or "(page " in f.message:
        return f
    return replace(f, message=f.message.rstrip(".") + where(f.prov) + ".")

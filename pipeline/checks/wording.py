"""How findings say figures and places, shared by the check families."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Optional

from pipeline.records import Finding, Provenance


def fmt_number(v: Decimal) -> str:
    """A Decimal as printed plainly: 16.59, 12 (not 1.2E+1), 0.5."""
    return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")


def where(p: Optional[Provenance]) -> str:
    """' (line 82)' / ' (page 3)': where in the document a finding points."""
    if p is None:
        return ""
    return f" (line {p.line})" if p.line is not None else (f" (page {p.page})" if p.page is not None else "")


def located(f: Finding) -> Finding:
    """The finding with its place at the end of its sentence, unless the sentence already says it."""
    if "(line " in f.message or "(page " in f.message:
        return f
    return replace(f, message=f.message.rstrip(".") + where(f.prov) + ".")

"""Checks on figures stated in prose against the figures printed beside them (records of
``Extraction.shares`` and ``Extraction.breakdowns``; nothing here reads the document's lines).

- ``percent_mismatch``: a percentage printed with its count and base that count/base does not give within the
  printed precision (rounded half either way, or truncated: plans do both) (error beyond ``Tolerances.percent_points``, else a warning); with only
  the count or only the base printed, a percentage that no whole number of people can give (warning);
- ``stated_count_mismatch``: a total printed with its parts in brackets that the parts miss by a little (within
  ``Tolerances.same_figure_ratio`` of the total; further off, the bracket lists some of the total, not its parts).
"""
from __future__ import annotations

import math
from decimal import Decimal, ROUND_HALF_UP
from typing import Optional

from pipeline.records import Extraction, Finding, Severity, ShareStatement, Side, StatedBreakdown
from pipeline.settings import Settings
from pipeline.wording import grouped, located, number, percent


def significant(printed: Decimal) -> Decimal:
    """The printed figure without the zeros a number format pads decimals with ('37.20%' is 37.2, '40.00%' 40)."""
    n = printed.normalize()
    exponent = n.as_tuple().exponent
    return n.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else n


def half_unit(printed: Decimal) -> Decimal:
    """Half a unit of the printed figure's last significant digit: 38.8 stands for anything in [38.75, 38.85]."""
    exponent = significant(printed).as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (exponent - 1) if isinstance(exponent, int) else Decimal("0.5")


def share_of(part: Decimal, base: Decimal, printed: Decimal) -> Decimal:
    """part/base as a percentage, to one more decimal than printed (at least one)."""
    exponent = significant(printed).as_tuple().exponent
    places = max(1, -exponent + 1) if isinstance(exponent, int) else 1
    return (part * 100 / base).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def agrees(part: Decimal, base: Decimal, printed: Decimal) -> bool:
    """part/base rounds (half either way) or truncates to the printed percentage: plans do both ('26 of 28 (92%)')."""
    h = half_unit(printed)
    return printed - h <= part * 100 / base < printed + 2 * h


def whole_bases(part: Decimal, printed: Decimal) -> range:
    """Every whole base of which ``part`` is the printed percentage (rounded or truncated)."""
    h = half_unit(printed)
    if printed - h <= 0:
        return range(int(part), int(part) + 10 ** 9)
    lo = math.floor(part * 100 / (printed + 2 * h)) + 1
    hi = math.floor(part * 100 / (printed - h))
    return range(max(lo, int(part)), hi + 1)


def whole_parts(base: Decimal, printed: Decimal) -> range:
    """Every whole count out of ``base`` that gives the printed percentage (rounded or truncated)."""
    h = half_unit(printed)
    return range(math.ceil(base * (printed - h) / 100), math.ceil(base * (printed + 2 * h) / 100))


def _both(s: ShareStatement, part: Decimal, base: Decimal, settings: Settings) -> Optional[Finding]:
    if agrees(part, base, s.percent):
        return None
    computed = share_of(part, base, s.percent)
    diff = s.percent - computed
    severity: Severity = "error" if abs(diff) > settings.tolerances.percent_points and s.base_from == "phrase" \
        else "warning"
    return Finding(
        "percent_mismatch", severity,
        f"The text states {s.percent_raw} for {grouped(part)} of {grouped(base)}, but {grouped(part)} of "
        f"{grouped(base)} is {percent(computed)} (difference {number(diff)} percentage points).",
        expected=Side(computed, f"{grouped(part)} of {grouped(base)}", style="percent"),
        found=Side(s.percent, raw=s.percent_raw, style="percent"), difference=diff, prov=s.prov)


def _part_only(s: ShareStatement, part: Decimal) -> Optional[Finding]:
    if whole_bases(part, s.percent):
        return None
    below = int(part * 100 / s.percent)
    near = [n for n in (below, below + 1) if n >= part and n > 0]
    shown = " and ".join(f"{grouped(part)} of {n} is {percent(share_of(part, Decimal(n), s.percent))}"
                         for n in near)
    return Finding(
        "percent_mismatch", "warning",
        f"The text states {grouped(part)} as {s.percent_raw}, but {grouped(part)} is {s.percent_raw} of no whole "
        f"number ({shown}).",
        expected=Side(None, "a whole base"), found=Side(s.percent, raw=s.percent_raw, style="percent"),
        prov=s.prov)


def _base_only(s: ShareStatement, base: Decimal) -> Optional[Finding]:
    if whole_parts(base, s.percent):
        return None
    below = int(base * s.percent / 100)
    shown = " and ".join(f"{grouped(Decimal(k))} of {grouped(base)} is {percent(share_of(Decimal(k), base, s.percent))}"
                         for k in (below, below + 1))
    return Finding(
        "percent_mismatch", "warning",
        f"The text states {s.percent_raw} of {grouped(base)}, but no whole number out of {grouped(base)} gives "
        f"{s.percent_raw} ({shown}).",
        expected=Side(None, f"a whole number of {grouped(base)}"),
        found=Side(s.percent, raw=s.percent_raw, style="percent"), prov=s.prov)


def share_finding(s: ShareStatement, settings: Settings) -> Optional[Finding]:
    if s.part is not None and s.base is not None:
        return _both(s, s.part, s.base, settings)
    if s.part is not None:
        return _part_only(s, s.part)
    if s.base is not None:
        return _base_only(s, s.base)
    return None


def breakdown_finding(b: StatedBreakdown, settings: Settings) -> Optional[Finding]:
    """Parts that miss their total by a little are a slip; parts far from it are a partial or overlapping list
    ("120 young people (45 girls, 30 looked after)"), not a breakdown, and are not compared."""
    total = sum((c for c, _ in b.parts), Decimal(0))
    if total == b.total or abs(total - b.total) > settings.tolerances.same_figure_ratio * b.total:
        return None
    parts = " + ".join(f"{grouped(c)} {label}" for c, label in b.parts)
    return Finding(
        "stated_count_mismatch", "warning",
        f"The text states {b.total_raw} but its parts ({parts}) add up to {grouped(total)}.",
        expected=Side(total, "sum of parts", style="number"), found=Side(b.total, raw=b.total_raw, style="number"),
        difference=b.total - total, prov=b.prov)


def check(x: Extraction, settings: Settings) -> list[Finding]:
    found = [share_finding(s, settings) for s in x.shares] + [breakdown_finding(b, settings) for b in x.breakdowns]
    return [located(f) for f in found if f is not None]

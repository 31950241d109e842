"""Charts of partner budgets, drawn with matplotlib and inlined as SVG (no files, no network).

An overview of every council's partner budget by agency, then two charts per council: partner budgets by agency (one budget table: the most complete one of the latest
period), and the council's budget across the periods the warehouse holds (stacked by agency). Bars are the
printed row totals added up; where a table's printed Total row says otherwise, the findings say so.
"""
from __future__ import annotations

import io
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Optional

from .queries import BudgetRow

log = logging.getLogger(__name__)

AGENCY_ORDER = ("local_authority", "police", "pcc", "probation", "health", "yjb", "welsh_government", "other")
AGENCY_NAMES = {"local_authority": "Local authority", "police": "Police", "pcc": "Police and Crime Commissioner",
                "probation": "Probation", "health": "Health", "yjb": "YJB", "welsh_government": "Welsh Government",
                "other": "Other"}
AGENCY_COLOURS = {"local_authority": "#1f77b4", "police": "#2c3e73", "pcc": "#6a51a3", "probation": "#ff7f0e",
                  "health": "#2ca02c", "yjb": "#d62728", "welsh_government": "#8c564b", "other": "#7f7f7f"}


@dataclass(frozen=True)
class TableKey:
    document_id: int
    table_index: int
    period: str


@dataclass(frozen=True)
class CouncilBudget:
    """One council's budget tables chosen for the charts: one table per period."""

    council: str
    by_period: dict[str, dict[str, Decimal]]  # period -> agency -> sum of row totals
    tables: dict[str, TableKey]  # period -> which table it came from


def _agency_sums(rows: Iterable[BudgetRow]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = defaultdict(Decimal)
    for r in rows:
        out[r.agency] += r.total
    return dict(out)


def council_budgets(rows: Iterable[BudgetRow]) -> list[CouncilBudget]:
    """Per council and period, the table with the most rows (ties: the later document, the first table)."""
    tables: dict[tuple[str, str], dict[TableKey, list[BudgetRow]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r.council:
            key = TableKey(r.document_id, r.table_index, r.period or "period not stated")
            tables[(r.council, key.period)][key].append(r)
    out: dict[str, CouncilBudget] = {}
    for (council, period), by_table in sorted(tables.items()):
        key = max(by_table, key=lambda k: (len(by_table[k]), k.document_id, -k.table_index))
        cb = out.setdefault(council, CouncilBudget(council, {}, {}))
        cb.by_period[period] = _agency_sums(by_table[key])
        cb.tables[period] = key
    return list(out.values())


def _agencies(sums: Iterable[dict[str, Decimal]]) -> list[str]:
    present = {a for s in sums for a in s}
    return [a for a in AGENCY_ORDER if a in present] + sorted(present - set(AGENCY_ORDER))


def short_money(v: float) -> str:
    """Axis labels: £1.2m, £400k, £900."""
    if abs(v) >= 1e6:
        return f"£{v / 1e6:g}m"
    return f"£{v / 1e3:g}k" if abs(v) >= 1e3 else f"£{v:g}"


def _money_axis(ax) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.ticker import FuncFormatter, MaxNLocator
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: short_money(v)))


def agency_chart(cb: CouncilBudget) -> Optional[str]:
    """Horizontal bars: the latest period's partner budget by agency."""
    period = sorted(cb.by_period)[-1]
    sums = cb.by_period[period]
    agencies = [a for a in _agencies([sums]) if sums.get(a)]
    if not agencies:
        return None
    fig, ax = _figure(height=0.6 + 0.42 * len(agencies))
    values = [float(sums[a]) for a in agencies]
    ax.barh([AGENCY_NAMES.get(a, a) for a in agencies], values,
            color=[AGENCY_COLOURS.get(a, "#999999") for a in agencies])
    for y, v in enumerate(values):
        ax.annotate(f"£{v:,.0f}", (v, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, max(values) * 1.25)
    _money_axis(ax)
    ax.set_title(f"{cb.council}: partner budget by agency, {period}", fontsize=10, loc="left")
    return to_svg(fig, f"agency-{cb.council}")


def period_chart(cb: CouncilBudget) -> Optional[str]:
    """Stacked bars: the council's budget in each period the warehouse holds, by agency."""
    periods = sorted(cb.by_period)
    agencies = [a for a in _agencies(cb.by_period.values()) if any(cb.by_period[p].get(a) for p in periods)]
    if not agencies:
        return None
    fig, ax = _figure(height=0.9 + 0.45 * len(periods))
    left = [0.0] * len(periods)
    for a in agencies:
        vals = [float(cb.by_period[p].get(a, Decimal(0))) for p in periods]
        ax.barh(periods, vals, left=left, color=AGENCY_COLOURS.get(a, "#999999"), label=AGENCY_NAMES.get(a, a))
        left = [x + v for x, v in zip(left, vals)]
    for y, total in enumerate(left):
        ax.annotate(f"£{total:,.0f}", (total, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, max(left) * 1.3 if max(left) > 0 else 1)
    _money_axis(ax)
    ax.legend(fontsize=7, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.25), frameon=False)
    ax.set_title(f"{cb.council}: budget by period ({len(periods)} held)", fontsize=10, loc="left")
    return to_svg(fig, f"period-{cb.council}")


def overview_chart(budgets: list[CouncilBudget]) -> Optional[str]:
    """Stacked bars, one per council: its latest period's partner budget by agency."""
    latest = [(cb.council, sorted(cb.by_period)[-1]) for cb in budgets if cb.by_period]
    if not latest:
        return None
    sums = {c: next(cb for cb in budgets if cb.council == c).by_period[p] for c, p in latest}
    labels = [f"{c} ({p})" for c, p in latest]
    fig, ax = _figure(height=1.2 + 0.38 * len(latest), width=7.5)
    left = [0.0] * len(latest)
    for a in [a for a in _agencies(sums.values()) if any(s.get(a) for s in sums.values())]:
        vals = [float(sums[c].get(a, Decimal(0))) for c, _ in latest]
        ax.barh(labels, vals, left=left, color=AGENCY_COLOURS.get(a, "#999999"), label=AGENCY_NAMES.get(a, a))
        left = [x + v for x, v in zip(left, vals)]
    ax.invert_yaxis()
    ax.set_xlim(0, max(left) * 1.05 if max(left) > 0 else 1)
    _money_axis(ax)
    ax.legend(fontsize=7, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.5 / (0.38 * len(latest) + 0.4)),
              frameon=False)
    ax.set_title("Partner budgets by agency, per council (latest period held)", fontsize=10, loc="left")
    return to_svg(fig, "overview")


def _figure(height: float, width: float = 5.6):  # type: ignore[no-untyped-def]
    import matplotlib
    matplotlib.use("Agg")  # no display; the report is a file
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(width, max(height, 1.6)), dpi=100)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    return fig, ax


_XMLNS = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')


def to_svg(fig, salt: str) -> str:  # type: ignore[no-untyped-def]
    """The figure as an inline ``<svg>`` element: text kept as text, no metadata, no namespace URLs."""
    import matplotlib
    import matplotlib.pyplot as plt
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    # inline SVG in HTML needs no namespace declarations; dropping them leaves no URL in the file
    svg = _XMLNS.sub("", svg, count=0).replace("xlink:href", "href")
    return _prefix_ids(svg, re.sub(r"[^A-Za-z0-9]+", "-", salt).strip("-").lower())


def _prefix_ids(svg: str, prefix: str) -> str:
    """Several charts share one page: make every id (and each reference to it) unique to this chart."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    if not ids:
        return svg
    pattern = re.compile(r'(\bid="|href="#|url\(#)(' + "|".join(map(re.escape, ids)) + r')(?=[")])')
    return pattern.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)

"""Generated variation for the KPI dashboard reader: dashboards no document showed.

A header of 0-4 frequency columns ('Weekly', 'Monthly' ...), 2-3 kind columns ('Quarterly Target', 'Quarterly
Actual', 'Previous Year') and perhaps 'RAG'; rows of a heading (a measure's name, or its sub-line when the first line
names none) with sub-lines, flag cells ('x', 'Yes', some left empty) and a figure per kind column (some left empty),
a RAG cell printed or not; rows about other topics (remands, ETE) among them. Every figure read must land on its own
measure, unit and kind; a row missing a figure is left out whole with an ambiguity; no other topic is read.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import assume, given, settings, strategies as st

from extractors.indicators.dashboard import read_dashboards
from extractors.readers.text import read_text

KINDS = [("Quarterly Target", "target"), ("Quarterly Actual", "actual"), ("Previous Year", "previous"),
         ("Annual Target", "target"), ("Latest Actual", "actual")]
FREQUENCIES = ["Weekly", "Monthly", "Quarterly", "Annually"]
ROWS = [  # (heading lines, indicator or None (another topic), unit, value printer)
    (["Young People Offending for the first time", "- FTE PNC rate per 100,000 of 10-17 population"],
     "first_time_entrants", "per_100000", lambda v: str(v)),
    (["First Time Entrants", "- Running total of young people in the current reporting period"],
     "first_time_entrants", "count", lambda v: str(v)),
    (["Offenders who Re-Offend", "- Binary Rate"], "reoffending", "percent", lambda v: f"{Decimal(v) / 10}%"),
    (["Use of custody rate per 1,000 of 10-17 population"], "custody", "per_1000",
     lambda v: f"{Decimal(v) / 100:.2f}"),
    (["Custodial Sentences live Tracker"], "custody", "count", lambda v: str(v)),
    (["Reducing the use of Remand (on-going episodes)"], None, "", lambda v: str(v)),
    (["% in ETE - active orders"], None, "", lambda v: f"{v}%"),
    (["Total Number of Bed Nights"], None, "", lambda v: str(v)),
]


@dataclass(frozen=True)
class Row:
    spec: int
    values: list[str]
    flags: list[str]  # '' for a flag cell left empty
    missing: int  # index of a kind column left empty, or -1
    rag: str


@st.composite
def dashboards(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, str]], list[Row], bool]:
    freqs = draw(st.lists(st.sampled_from(FREQUENCIES), max_size=4, unique=True))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=2, max_size=3, unique_by=lambda k: k[0]))
    rag = draw(st.booleans())
    specs = draw(st.lists(st.integers(0, len(ROWS) - 1), min_size=1, max_size=6, unique=True))
    pool = iter(draw(st.lists(st.integers(1, 999), min_size=3 * len(specs), max_size=3 * len(specs), unique=True)))
    rows = []
    for s in specs:
        values = [ROWS[s][3](next(pool)) for _ in kinds]
        flags = [draw(st.sampled_from(["x", "Yes", "Yes", ""])) for _ in freqs]
        missing = draw(st.sampled_from([-1, -1, -1] + list(range(len(kinds)))))
        rows.append(Row(s, values, flags, missing, draw(st.sampled_from(["", "Red", "Green"])) if rag else ""))
    return freqs, kinds, rows, rag


def render(freqs: list[str], kinds: list[tuple[str, str]], rows: list[Row], rag: bool) -> str:
    cells = ["Reporting Period: July 2018", "National KPIs", "Data supplied by the Ministry of Justice"]
    cells += freqs + [k[0] for k in kinds] + (["RAG"] if rag else [])
    for r in rows:
        cells += ROWS[r.spec][0] + r.flags + [("" if k == r.missing else v) for k, v in enumerate(r.values)] + [r.rag]
    text = "\r".join(cells)
    return "Our performance\r\n\r\n" + text + "\r\n\r\nThe dashboard above is reviewed by the Board every quarter.\r\n"


@settings(max_examples=200, deadline=None)
@given(dashboards())
def test_every_dashboard_figure_lands_on_its_kind(d: tuple[list[str], list[tuple[str, str]], list[Row], bool]) -> None:
    freqs, kinds, rows, rag = d
    printed = [v for r in rows for v in r.values]
    assume(len(set(printed)) == len(printed))  # figures are found by their text: two rows printing '1%' would clash
    got = read_dashboards(read_text(render(freqs, kinds, rows, rag).encode(), "generated.txt"))
    read = {f.raw: f for f in got.figures}
    assert len(read) == len(got.figures), "a figure read twice"
    for r in rows:
        _, indicator, unit, _ = ROWS[r.spec]
        found = [v for v in r.values if v in read]
        if indicator is None:
            assert not found, f"{ROWS[r.spec][0][0]!r} is another topic, read as {[read[v] for v in found]}"
            continue
        if r.missing >= 0:
            assert not found, f"row {ROWS[r.spec][0][0]!r} missing a figure was read in part"
            assert got.ambiguities
            continue
        assert len(found) == len(r.values), f"row {ROWS[r.spec][0][0]!r} not read whole: {found} of {r.values}"
        for (_, kind), v in zip(kinds, r.values):
            f = read[v]
            assert (f.indicator, f.unit, f.kind) == (indicator, unit, kind), f"{v}: {f}"
            assert f.period == "July 2018"

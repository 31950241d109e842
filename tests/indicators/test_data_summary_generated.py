"""Generated variation for the data-summary reader: YJB-style data summaries no document showed.

Each generated summary has 2-8 areas (the council, regions, a PCC area, family, comparison group, England & Wales,
England, Wales) and blocks of 1-3 periods, printed row by row (each period label after or before its row, or all labels
after the last row with blank paragraphs between rows) or area by area (each area's periods together, the labels once
after the first area), one of the two per table (a conversion prints a table one way); cells split by CR, CRCR or LF,
period labels with a stray tab or space inside a year; a 'change from selected baseline' row under each block, printed
right after its label or after the next block's title, with empty places ('-') after it; a note or a stray repeated
area name after a title. Every figure read must land on its own measure, unit, area and period; a block is read whole
or left out with an ambiguity (and must be read when its label positions decide the order). A change row ('percent
change', 'percentage point change' or plain 'change from selected baseline', figures with or without %) is read as a
change, never as a level: under a block read whole, each of its figures lands on its area with the block's latest
period and the unit its label and % sign say; under a block left out, nothing is read from it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given, settings, strategies as st

from extractors.indicators.data_summary import read_summaries
from extractors.readers.text import read_text

COUNCIL = "Barsetshire"
AREAS = [(COUNCIL, "local", None), ("East Midlands", "regional", "East Midlands"),
         ("North West", "regional", "North West"), ("South East", "regional", "South East"),
         ("Kent", "regional", "Kent (PCC area)"), ("YOT family*", "family_group", "YOT family"),
         ("YOT comparison", "family_group", "YOT comparison"), ("England & Wales", "national", "England & Wales"),
         ("England", "national", "England"), ("Wales", "national", "Wales")]
BLOCKS = [  # (title, label prefix (the label names the unit), indicator, unit, hundredths, printed with %)
    ("FTE PNC rate per 100,000 of 10-17 population", "", "first_time_entrants", "per_100000", False, False),
    ("Use of custody rate per 1,000 of 10-17 population  **Good performance is typified by a low rate", "",
     "custody", "per_1000", True, False),
    ("Reoffending rates after 12 months - Three month cohorts", "Binary rate - ", "reoffending", "percent", False,
     True),
    ("Reoffending rates after 12 months - Aggregated quarterly cohorts", "Reoffences per reoffender ", "reoffending",
     "reoffences_per_reoffender", True, False),
]
CHANGES = ["percent change from selected baseline", "percentage point change from selected baseline",
           "change from selected baseline"]
MONTHS = ["Jan", "Apr", "Jul", "Oct"]
ENDS = ["Dec", "Mar", "Jun", "Sep"]


@dataclass(frozen=True)
class Block:
    title: str
    prefix: str
    indicator: str
    unit: str
    pct: bool
    periods: list[tuple[str, str]]  # (label as printed, with any stray tab or space; the period it means)
    values: list[list[str]]  # values[period][area], as printed
    order: str  # "rows-after", "rows-before", "rows-bunched", "areas"
    change_late: bool  # the change row's figures printed after the next block's title
    clutter: str  # after the title: '', a note ('**Good performance ...'), or a stray area name (not the first block)
    placeholders: bool  # the change row's empty places ('-') printed after its figures
    change: str  # the change row's label
    change_pct: bool  # its figures printed with %


def _period(month: int, year: int, stray: str) -> tuple[str, str]:
    start, end = MONTHS[month], ENDS[month]
    end_year = year + (1 if month else 0)
    meant = f"{start} {year} - {end} {end_year}"
    y = str(year)
    printed = {"": meant, "tab": f"{start} {y[0]} \t{y[1]} - {end} {end_year}",
               "space": f"{start} {year} - {end} {str(end_year)[0]} {str(end_year)[1]}"}[stray]
    return printed, meant


@st.composite
def blocks(draw: st.DrawFn, n: int, orders: list[str]) -> Block:
    title, prefix, indicator, unit, hundredths, pct = draw(st.sampled_from(BLOCKS))
    p = draw(st.integers(1, 3))
    month, first = draw(st.integers(0, 3)), draw(st.integers(14, 18))
    periods = [_period(month, first - k, draw(st.sampled_from(["", "", "tab", "space"]))) for k in range(p)]
    raw = draw(st.lists(st.integers(10, 999), min_size=n * p, max_size=n * p, unique=True))
    fmt = (lambda v: f"{Decimal(v) / 100:.2f}") if hundredths else (lambda v: f"{Decimal(v) / 10:.1f}%") if pct \
        else str
    values = [[fmt(raw[k * n + a]) for a in range(n)] for k in range(p)]
    order = draw(st.sampled_from(orders))
    clutter = draw(st.sampled_from(["", "note", "stray"]))
    return Block(title, prefix, indicator, unit, pct, periods, values, order, draw(st.booleans()), clutter,
                 draw(st.booleans()), draw(st.sampled_from(CHANGES)), draw(st.booleans()))


@st.composite
def summaries(draw: st.DrawFn) -> tuple[list[tuple[str, str, str | None]], list[Block], str, bool]:
    areas = draw(st.lists(st.sampled_from(AREAS), min_size=2, max_size=8, unique_by=lambda a: a[0]))
    orders = draw(st.sampled_from([["rows-after", "rows-before", "rows-bunched"], ["areas"]]))  # one per table
    bs = draw(st.lists(blocks(len(areas), orders), min_size=1, max_size=4, unique_by=lambda b: b.title))
    sep = draw(st.sampled_from(["\r", "\r\r", "\n"]))
    return areas, bs, sep, draw(st.booleans())


def _label(b: Block, k: int) -> str:
    return f"{b.prefix}{b.periods[k][0]} cohort" if b.prefix else b.periods[k][0]


def _body(b: Block, sep: str) -> list[str]:
    """The block's figures and period labels as cells; a blank paragraph is ''."""
    n, p = len(b.values[0]), len(b.periods)
    out: list[str] = []
    if b.order == "areas":
        for a in range(n):
            out += [b.values[k][a] for k in range(p)]
            if a == 0:
                out += [_label(b, k) for k in range(p)]
            out.append("")
        return out
    for k in range(p):
        row = list(b.values[k])
        if b.order == "rows-before":
            out += [_label(b, k)] + row + [""]
        elif b.order == "rows-after":
            out += row + [_label(b, k), ""]
        else:
            out += row + [""]
    if b.order == "rows-bunched":
        out += [_label(b, k) for k in range(p)]
    return out


def _change(b: Block, j: int, n: int) -> list[str]:
    """Block ``j``'s change figures, one per area: negative (no data figure is) and unique in the summary."""
    return [f"-{j + 1}{a}.{a + 1}" + ("%" if b.change_pct else "") for a in range(n)]


def _change_unit(b: Block) -> str:
    if b.change.startswith("percentage point"):
        return "percentage_points"
    return "percent_change" if b.change.startswith("percent") or b.change_pct else b.unit


def render(areas: list[tuple[str, str, str | None]], bs: list[Block], sep: str, header_first: bool,
           header: list[tuple[str, str, str | None]] | None = None) -> str:
    """The summary as text; ``header``: the area names printed over the figures, when not their own areas."""
    head = ["Indicators"] + ["\t".join(a[0] for a in header or areas)]
    cells: list[str] = ["Appendix 2 - Indicators", ""] + (head if header_first else [])
    owed: list[str] = []
    for j, b in enumerate(bs):
        cells += [b.title] + ([] if header_first or j else head)
        cells += {"note": ["**Good performance is typified by a low rate"], "stray": [areas[-1][0]] if j else []}.get(
            b.clutter, []) + owed
        owed = []
        cells += _body(b, sep)
        cells.append(b.change)
        change = _change(b, j, len(areas)) + (["-", "-"] if b.placeholders else [])
        if b.change_late:
            owed = change
        else:
            cells += change
    cells += owed + ["", "The summary above is published quarterly by the Youth Justice Board, and we review it."]
    text = ""
    for c in cells:
        text += "\r\n\r\n" if c == "" else c + sep
    return "Our performance\r\n\r\n" + text + "\r\n"


def _decisive(b: Block, n: int) -> bool:
    """The block's own print decides its order: a label per row, or the labels after the first area; labels all
    after the last row decide by the blank paragraphs between rows unless every one also falls between areas."""
    p = len(b.periods)
    if n == 1 or p == 1 or b.order != "rows-bunched":
        return True
    return any((k * n) % p for k in range(1, p))


@settings(max_examples=200, deadline=None)
@given(summaries())
def test_every_figure_lands_on_its_area_and_period(s: tuple[list[tuple[str, str, str | None]], list[Block], str,
                                                            bool]) -> None:
    areas, bs, sep, header_first = s
    text = render(areas, bs, sep, header_first)
    got = read_summaries(read_text(text.encode(), "generated.txt"), COUNCIL)
    read = {(f.raw, f.indicator, f.unit): f for f in got.figures}
    assert len(read) == len(got.figures), "a figure read twice"
    for j, b in enumerate(bs):
        changes = {(v, a) for a, v in enumerate(_change(b, j, len(areas)))}
        want = {(b.values[k][a], k, a) for k in range(len(b.periods)) for a in range(len(areas))}
        found = {(v, k, a) for v, k, a in want if (v, b.indicator, b.unit) in read}
        assert not found or found == want, f"block {b.title!r} ({b.order}) read in part"
        if not found:
            assert got.ambiguities, f"block {b.title!r} ({b.order}) left out without an ambiguity"
            assert not _decisive(b, len(areas)), f"block {b.title!r} ({b.order}) not read though its labels decide"
            assert not [f for f in got.figures if f.raw in {v for v, _ in changes}], \
                f"block {b.title!r} left out but its change row read"
            continue
        unit = _change_unit(b)
        for v, a in changes:
            f = read.get((v, b.indicator, unit))
            assert f is not None, f"change {v} of {b.title!r} ({b.change!r}) not read as {unit}"
            assert (f.scope, f.comparator) == areas[a][1:], f"change {v}: {f.scope} {f.comparator} for {areas[a][0]}"
            assert f.period == b.periods[0][1], f"change {v}: period {f.period} for the latest {b.periods[0][1]}"
        levels = [f for f in got.figures if f.value < 0 and f.unit == b.unit and f.raw.rstrip("%") not in
                  {v.rstrip("%") for v, _ in changes}]
        assert not levels, f"a figure read as a negative level: {levels[0]}"
        for v, k, a in found:
            f = read[(v, b.indicator, b.unit)]
            name, scope, comparator = areas[a]
            assert (f.scope, f.comparator) == (scope, comparator), f"{v}: {f.scope} {f.comparator} for {name}"
            assert f.period == b.periods[k][1], f"{v}: period {f.period} for {b.periods[k][1]}"
            assert f.kind == "actual"


def test_rows_labelled_by_areas_are_not_this_shape() -> None:
    """Periods across and areas down under a data-summary header: the area names among the figures say the rows are
    areas, so the block is left out with an ambiguity rather than its figures given to the header's areas."""
    cells = ["Indicators", "England\tSouth East", "FTE PNC rate per 100,000 of 10-17 population", "Jul 15 - Jun 16",
             "Jul 16 - Jun 17", "Jul 17 - Jun 18", COUNCIL, "301", "302", "303\r\n\r\n", "South East", "304", "305", "306"]
    got = read_summaries(read_text(("\r".join(cells) + "\r\n").encode(), "generated.txt"), COUNCIL)
    assert not got.figures and got.ambiguities


def _altered(b: Block) -> Block:
    """The block with its first figure printed otherwise (a value out of the generated range)."""
    v = b.values[0][0]
    other = "0.1%" if v.endswith("%") else "0.01" if "." in v else "1"
    return Block(**{**b.__dict__, "values": [[other] + b.values[0][1:]] + b.values[1:]})


@settings(max_examples=100, deadline=None)
@given(summaries(), st.data())
def test_a_summary_printed_again_under_a_broken_header_reads_as_before(
        s: tuple[list[tuple[str, str, str | None]], list[Block], str, bool], data: st.DataObject) -> None:
    """The same summary pasted twice, the second time under an area header that does not fit its figures (another
    count of areas): a block printed again with the very same title, figures and period labels is read under the
    first printing's header, exactly as there; a block whose figures differ is left out with an ambiguity."""
    areas, bs, sep, header_first = s
    broken = data.draw(st.lists(st.sampled_from(AREAS), min_size=2, max_size=8, unique_by=lambda a: a[0]).filter(
        lambda h: len(h) != len(areas)))
    changed = data.draw(st.sampled_from([None] + list(range(len(bs)))))
    again = [_altered(b) if j == changed else b for j, b in enumerate(bs)]
    first = render(areas, bs, sep, header_first)
    boundary = len(read_text(first.encode(), "first.txt").lines)
    got = read_summaries(read_text((first + render(areas, again, sep, header_first, broken)).encode(), "generated.txt"),
                         COUNCIL)
    placed = [{(f.raw, f.indicator, f.unit, f.scope, f.comparator, f.period) for f in got.figures
               if (f.line < boundary) == printing} for printing in (True, False)]
    for j, b in enumerate(bs):
        mine = {(v, b.indicator, b.unit) for row in b.values for v in row}
        before = {x for x in placed[0] if x[:3] in mine}
        after = {x for x in placed[1] if x[:3] in mine | {(v, b.indicator, b.unit) for row in again[j].values
                                                         for v in row}}
        if j == changed or not before:
            assert not after, f"block {b.title!r} read in the second printing though it repeats nothing read"
            assert got.ambiguities
        else:
            assert after == before, f"block {b.title!r} read otherwise in the second printing"

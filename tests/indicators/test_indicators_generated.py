"""Generated variation for the indicator grid reader: a rule earns its place by holding on grids no document showed.

Grids printed one cell per line (as the text conversions print them): a title naming a measure and its unit,
column headers, rows of a label and figures; in both orientations (periods across and places down, places across
and periods down), periods whole or split over two lines, any mix of the council, regions, family and national
comparators. Every figure must be read with its measure, unit, place and period; the same grids titled with
another topic, or with subgroup rows, must give nothing.
"""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from extractors.indicators.grids import grid_figures
from extractors.readers.text import read_text
from pipeline.records import DocumentMeta

COUNCIL = "Barsetshire"
MEASURES = [  # (title, indicator, unit, value strategy, printed with %)
    ("First Time Entrants rate per 100,000 of 10-17 population", "first_time_entrants", "per_100000",
     st.integers(50, 900).map(Decimal), False),
    ("FTE PNC rate per 100,000", "first_time_entrants", "per_100000", st.integers(50, 900).map(Decimal), False),
    ("Use of custody rate per 1,000 of 10-17 population", "custody", "per_1000",
     st.integers(0, 300).map(lambda n: Decimal(n) / 100), False),
    ("Binary rate of re-offending", "reoffending", "percent", st.integers(100, 600).map(lambda n: Decimal(n) / 10),
     False),
    ("Proven re-offending (%)", "reoffending", "percent", st.integers(100, 600).map(lambda n: Decimal(n) / 10), True),
    ("Re-offences per re-offender", "reoffending", "reoffences_per_reoffender",
     st.integers(100, 600).map(lambda n: Decimal(n) / 100), False),
]
PLACES = [(COUNCIL, "local"), ("North West", "regional"), ("South East", "regional"), ("Thames Valley", "regional"),
          ("London", "regional"), ("South Wales", "regional"), ("YOT Family", "family_group"),
          ("Statistical neighbours", "family_group"), ("England", "national"), ("National", "national"),
          ("England & Wales", "national")]
MONTHS = ["Jan", "Apr", "Jul", "Oct"]
ENDS = ["Dec", "Mar", "Jun", "Sep"]


@st.composite
def periods(draw: st.DrawFn) -> list[tuple[list[str], str]]:
    """Distinct 12-month periods as printed (one line, or split after the dash) with the label they normalise to."""
    n = draw(st.integers(2, 5))
    month = draw(st.integers(0, 3))
    first = draw(st.integers(12, 18))
    style = draw(st.sampled_from(["months", "split", "fy"]))
    out = []
    for y in range(first, first + n):
        start, end = MONTHS[month], ENDS[month]
        end_year = y + (1 if month else 0)
        if style == "fy":
            out.append(([f"20{y}/{y + 1}"], f"20{y}/{y + 1}"))
        elif style == "split":
            out.append(([f"{start} {y} -", f"{end} {end_year}"], f"{start} {y} - {end} {end_year}"))
        else:
            out.append(([f"{start} {y} - {end} {end_year}"], f"{start} {y} - {end} {end_year}"))
    return out


def _fmt(v: Decimal, pct: bool) -> str:
    return f"{v}%" if pct else str(v)


def _doc(lines: list[str]):  # type: ignore[no-untyped-def]
    text = "\n".join(["Our performance", "", "The tables below set out the national indicators.", ""] + lines +
                      ["", "We will keep working with partners."])
    return read_text(text.encode(), "generated.txt")


@st.composite
def grids(draw: st.DrawFn, across: str) -> tuple[list[str], list[tuple[str, Decimal, str, str, str]], int]:
    title, indicator, unit, values, pct = draw(st.sampled_from(MEASURES))
    ps = draw(periods())
    places = draw(st.lists(st.sampled_from(PLACES), min_size=2, max_size=5, unique_by=lambda p: p[1] + p[0][:3]))
    places = list({p[1]: p for p in places}.values()) if len({p[1] for p in places}) < len(places) else places
    lines = [title]
    want = []
    if across == "periods":
        lines += [""] + [part for printed, _ in ps for part in printed]
        for name, scope in places:
            lines.append(name)
            for _, label in ps:
                v = draw(values)
                lines.append(_fmt(v, pct))
                want.append((indicator, v, unit, scope, label))
    else:
        lines += [name for name, _ in places]
        for printed, label in ps:
            lines.append(" ".join(printed))
            for _, scope in places:
                v = draw(values)
                lines.append(_fmt(v, pct))
                want.append((indicator, v, unit, scope, label))
    return lines, want, len(places)


def _read(lines: list[str]) -> list[tuple[str, Decimal, str, str, str]]:
    return [(f.indicator, f.value, f.unit, f.scope, f.period or "") for f in grid_figures(_doc(lines), COUNCIL, {})]


@settings(max_examples=60, deadline=None)
@given(grids("periods"))
def test_periods_across_places_down(grid: tuple[list[str], list, int]) -> None:
    lines, want, _ = grid
    assert sorted(_read(lines)) == sorted(want)


@settings(max_examples=60, deadline=None)
@given(grids("places"))
def test_places_across_periods_down(grid: tuple[list[str], list, int]) -> None:
    lines, want, _ = grid
    assert sorted(_read(lines)) == sorted(want)


OTHER_TOPICS = ["Remand episodes", "Cost of custody (£)", "Number of days in custody", "Education, training and employment",
                "Suitable accommodation at end of order"]


@settings(max_examples=40, deadline=None)
@given(grids("periods"), st.sampled_from(OTHER_TOPICS))
def test_a_grid_about_another_topic_gives_nothing(grid: tuple[list[str], list, int], topic: str) -> None:
    lines, _, _ = grid
    assert _read([topic] + lines[1:]) == []


SUBGROUPS = ["Male", "Female", "White", "Black", "Asian", "Mixed", "Total", "Violence against the person", "Theft"]


@settings(max_examples=40, deadline=None)
@given(periods(), st.lists(st.sampled_from(SUBGROUPS), min_size=2, max_size=4, unique=True),
       st.integers(1, 99))
def test_subgroup_rows_are_not_the_measure(ps: list, groups: list[str], n: int) -> None:
    lines = ["Binary rate of re-offending", ""] + [part for printed, _ in ps for part in printed]
    for g in groups:
        lines += [g] + [f"{n}%"] * len(ps)
    assert _read(lines) == []


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(MEASURES), st.lists(st.sampled_from(["Bradford", "Walsall", "Rochdale", "Bolton"]),
                                           min_size=2, max_size=3, unique=True), periods())
def test_unknown_places_only_beside_known_ones(measure: tuple, names: list[str], ps: list) -> None:
    """'Sentenced', 'Premises' or another YOT's name is a comparator only in a grid that has a place the vocabulary
    knows; alone, such rows are not read."""
    title, figure = measure[0], _fmt(Decimal(12), measure[4])
    lines = [title, ""] + [part for printed, _ in ps for part in printed]
    for name in names:
        lines += [name] + [figure] * len(ps)
    assert _read(lines) == []
    got = _read(lines + [COUNCIL] + [figure] * len(ps))
    assert {s for _, _, _, s, _ in got} <= {"other_comparator", "local"} and len(got) == (len(names) + 1) * len(ps)


KPI_LABELS = [("Latest", "actual"), ("Target", "target"), ("Floor", "threshold"), ("Previous", "previous")]
OTHER_KPIS = ["Percentage of school plans completed on time", "Exclusions rate", "Children in need seen within 10 days",
              "Care leavers in suitable accommodation"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 900), min_size=4, max_size=4), st.sampled_from(["line", "lines", "over", "spaced", "table"]),
       st.sampled_from(OTHER_KPIS), st.sampled_from(["First time entrants rate per 100,000 aged 10-17",
                                                     "Rate of first time entrants to the youth justice system per "
                                                     "100,000 10-17 year olds"]),
       st.sampled_from([[], ["Data period: Q2 2024/25"], ["Polarity: Low is good", "Lead: Head of Service"],
                        ["Sep-23  Dec-23  Mar-24  Jun-24"], ["Q1 2023/24", "Q2", "Q3", "Q4"]]),  # a chart's axis
       st.booleans())
def test_kpi_block_read_under_its_own_title_only(values: list[int], layout: str, other: str, title: str,
                                                 notes: list[str], inline: bool) -> None:
    """The measure's block is read with every kind (a floor is a threshold, never an actual), in any layout (one
    line; a line each; each label over its value; blank lines between; a row of labels over a row of values), with
    notes or a chart's axis ticks between title and block, or with the title printed on the block's first line; a
    block of another measure after a paragraph about first-time entrants gives nothing."""
    from extractors.indicators.extract import extract_indicators
    from pipeline.settings import DEFAULT_SETTINGS

    def block(vals: list[int], pct: bool) -> list[str]:
        pairs = [(f"{label}:", f"{v}{'%' if pct else ''}") for (label, _), v in zip(KPI_LABELS, vals)]
        if layout == "line":
            return ["  ".join(f"{a} {b}" for a, b in pairs) + " (Red)"]
        if layout == "lines":
            return [f"{a} {b}" for a, b in pairs]
        if layout == "table":
            return ["\t".join(a.rstrip(":") for a, _ in pairs), "\t".join(b for _, b in pairs)]
        if layout == "over":
            return [x for pair in pairs for x in pair]
        return [x for a, b in pairs for x in (f"{a} {b}", "")]
    mine = block(values, False)
    if inline and layout in ("line", "lines", "spaced"):
        mine = [f"{title}  {mine[0]}"] + mine[1:]
    else:
        mine = [title] + notes + mine
    lines = ["First time entrants have fallen again this quarter thanks to diversion work.", "", other] + \
        block(values, True) + [""] + mine
    got = {(i.indicator, i.value, i.unit, i.kind) for i in extract_indicators(_doc(lines), DEFAULT_SETTINGS)}
    want = {("first_time_entrants", Decimal(v), "per_100000", kind) for (_, kind), v in zip(KPI_LABELS, values)}
    assert got == want


WHO = ["young people", "children", "young offenders"]
GIVEN = ["received custodial sentences", "were sentenced to custody", "have received at least one custodial sentence",
         "were given a custodial sentence"]
PERIODS = ["in 2018/19", "between April 2018 and March 2019", "during the year"]


def _sentences(text: str) -> set[tuple[str, Decimal, str]]:
    from extractors.indicators.extract import extract_indicators
    from pipeline.settings import DEFAULT_SETTINGS
    return {(i.indicator, i.value, i.unit) for i in extract_indicators(_doc([text]), DEFAULT_SETTINGS)}


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 300), st.sampled_from(WHO), st.sampled_from(GIVEN), st.sampled_from(PERIODS))
def test_count_of_young_people_given_custody(n: int, who: str, given_: str, period: str) -> None:
    assert _sentences(f"There were {n} {who} who {given_} {period}.") == {("custody", Decimal(n), "count")} or \
        _sentences(f"{period.capitalize()}, {n} {who} {given_}.") == {("custody", Decimal(n), "count")}
    assert _sentences(f"{period.capitalize()}, {n} {who} {given_}.") == {("custody", Decimal(n), "count")}


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 99), st.integers(100, 400), st.sampled_from(["re-offenders", "reoffenders", "re-offended"]))
def test_count_of_reoffenders_in_a_cohort(n: int, cohort: int, word: str) -> None:
    got = _sentences(f"The re-offending rate rose, amounting to {n} {word} from a cohort of {cohort}.")
    assert ("reoffending", Decimal(n), "count") in got and all(v != cohort for _, v, _ in got)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 99), st.sampled_from(["children looked after", "looked after children",
                                            "young people looked after"]))
def test_share_of_looked_after_children_is_not_the_measure(pct: int, group: str) -> None:
    """'11% of children looked after received a caution or conviction' after a sentence about entering the
    criminal justice system (an Ofsted report) is a subgroup's share, not first-time entrants."""
    text = ("Good work has reduced the number of children looked after entering the criminal justice system. "
            f"In 2013-14, {pct}% of {group} received a caution or conviction, which was higher than the national rate.")
    assert _sentences(text) == set()


@settings(max_examples=30, deadline=None)
@given(st.integers(5, 50))
def test_a_selection_of_reoffenders_is_not_a_count(n: int) -> None:
    assert _sentences(f"Further analysis will be completed on our top {n} re-offenders.") == set()


@settings(max_examples=60, deadline=None)
@given(st.integers(100, 699).map(lambda n: Decimal(n) / 100),
       st.sampled_from([("re-offences per re-offender", "reoffences_per_reoffender"),
                        ("reoffences per reoffender", "reoffences_per_reoffender"),
                        ("re-offences per offender", "reoffences_per_offender"),
                        ("Reoffences/offender", "reoffences_per_offender"),
                        ("re-offences / re-offender", "reoffences_per_reoffender")]),
       st.booleans())
def test_frequency_measures_in_sentences(v: Decimal, words: tuple[str, str], before: bool) -> None:
    """'3.3 re-offences per re-offender' and 'the re-offences per offender was 1.62': the frequency measures, per
    re-offender (the re-offenders) or per offender (the whole cohort), as the words printed say ('/' for 'per')."""
    text = (f"The cohort committed {v} {words[0]} in the year." if before
            else f"The number of {words[0]} was {v} for the latest cohort.")
    assert ("reoffending", v, words[1]) in _sentences(text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(100, 900), min_size=2, max_size=4, unique=True))
def test_a_list_of_rates_shares_the_unit_printed_after_it(values: list[int]) -> None:
    listed = ", ".join(map(str, values[:-1])) + f" and {values[-1]}"
    got = _sentences(f"First time entrants continue to reduce with figures of {listed} per 100,000 population "
                     "respectively.")
    assert {("first_time_entrants", Decimal(v), "per_100000") for v in values} <= got


def _lines(lines: list[str]) -> set[tuple[str, Decimal, str]]:
    from extractors.indicators.extract import extract_indicators
    from pipeline.settings import DEFAULT_SETTINGS
    return {(i.indicator, i.value, i.unit) for i in extract_indicators(_doc(lines), DEFAULT_SETTINGS)}


LIST_TITLES = [  # (title line, indicator, unit printed after 'Rate of', unit code, value strategy)
    ("FTE PNC rate per 100,000 of 10-17 population", "first_time_entrants", "per 100,000", "per_100000",
     st.integers(50, 900).map(Decimal)),
    ("First time entrants to the youth justice system", "first_time_entrants", "per 100,000", "per_100000",
     st.integers(50, 900).map(Decimal)),
    ("Use of Custody rate per 1,000 of 10-17 population", "custody", "per 1,000", "per_1000",
     st.integers(1, 300).map(lambda n: Decimal(n) / 100)),
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(LIST_TITLES), st.data(), st.sampled_from(MONTHS), st.integers(14, 18), st.booleans())
def test_period_led_lines_under_a_measure_title(title: tuple[str, str, str, str, st.SearchStrategy[Decimal]],
                                                data: st.DataObject, month: str, year: int, blank: bool) -> None:
    """A summary of key indicators prints a measure title over one line per period ('Jul 17 - Jun 18: Rate of
    334 per 100,000.'): each figure is the title's measure. The same lines under a title of another topic, or
    under a sentence, give nothing."""
    words, indicator, printed, unit, values = title
    a, b = data.draw(values), data.draw(values)
    end = ENDS[MONTHS.index(month)]
    rows = [f"{month} {year} - {end} {year + 1}: Rate of {a} {printed}.",
            f"{month} {year - 1} - {end} {year}: Rate of {b} {printed}."]
    got = _lines([words] + ([""] if blank else []) + rows)
    assert {(indicator, a, unit), (indicator, b, unit)} <= got
    assert _lines(["Education, training and employment rate per 100,000"] + rows) == set()
    assert _lines([f"We reviewed the {words.lower()} with partners."] + rows) == set()


@settings(max_examples=40, deadline=None)
@given(st.integers(20, 400), st.integers(20, 400), st.sampled_from(["firsttime entrants", "first time entrants",
                                                                     "first-time entrants"]))
def test_a_count_compared_with_an_earlier_periods_count(n: int, m: int, words: str) -> None:
    """'There were 112 first time entrants in the year ending June 2018. This compares to 119 young people in the
    year ending June 2017': both counts are the measure's (a fused 'firsttime' as conversions print it)."""
    got = _sentences(f"There were {n} {words} to the youth justice system in the year ending June 2018. "
                     f"This compares to {m} young people in the year ending June 2017.")
    assert {("first_time_entrants", Decimal(n), "count"), ("first_time_entrants", Decimal(m), "count")} <= got


ELIDED = [  # (first sentence with the count's noun, indicator)
    ("In the year to June 2017 there were {a} first time entrants to the youth justice system.", "first_time_entrants"),
    ("In June 2017 there were {a} children serving custodial sentences.", "custody"),
    ("In 2017/18 there were {a} young people sentenced to custody.", "custody"),
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ELIDED), st.integers(2, 300), st.integers(2, 300),
       st.sampled_from(["In the 12 months to December 2018 there were {b}.", "In June 2019 there were {b}, a change."]))
def test_a_count_whose_noun_is_elided_after_a_count(first: tuple[str, str], a: int, b: int, second: str) -> None:
    """'In 2017 there were 148 first time entrants. In 2018 there were 115.': the second count is the same
    measure's, its noun left out. After a rate, or with no count before, a bare figure stays unread."""
    text, indicator = first
    got = _sentences(text.format(a=a) + " " + second.format(b=b))
    assert {(indicator, Decimal(a), "count"), (indicator, Decimal(b), "count")} <= got
    assert (indicator, Decimal(b), "count") not in _sentences(
        "The first time entrants rate was 300 per 100,000. " + second.format(b=b))


@settings(max_examples=40, deadline=None)
@given(st.integers(5, 60), st.integers(0, 4), st.sampled_from(["and only", "and just", "and"]))
def test_a_count_listed_after_a_count(a: int, b: int, joint: str) -> None:
    """'there were 25 custodial sentences in March-June 17, and only 3 in March-June 18'."""
    got = _sentences(f"There were {a} new custodial sentences in March-June 17, {joint} {b} in March-June 18.")
    assert {("custody", Decimal(a), "count"), ("custody", Decimal(b), "count")} <= got


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 49).map(lambda n: Decimal(n) / 100), st.integers(50, 98).map(lambda n: Decimal(n) / 100),
       st.sampled_from([("the South West rate of {v}", "regional"), ("the North East rate of {v}", "regional"),
                        ("the YOT comparison group of {v}", "family_group"), ("the national figure of {v}", "national")]))
def test_a_comparator_of_this_rate_keeps_the_unit_stated_before(own: Decimal, other: Decimal,
                                                                 place: tuple[str, str]) -> None:
    """'Custody rose this year. The figure released in June 2019, a rate of 0.38 per 1000. Whilst reducing from a
    high of 0.7, this rate is still higher than the South West rate of 0.12': the unit stated in a sentence that
    carries the measure applies to the comparators of 'this rate'; an extreme without its period is not read."""
    text = ("The custody rate rose this year. The figure released by the YJB in June 2019, a rate of "
            f"{own} per 1000 of the 10 to 17 population. Whilst reducing from a high of 0.99, this rate is still "
            f"higher than {place[0].format(v=other)}.")
    from extractors.indicators.extract import extract_indicators
    from pipeline.settings import DEFAULT_SETTINGS
    got = {(i.indicator, i.value, i.unit, i.scope) for i in extract_indicators(_doc([text]), DEFAULT_SETTINGS)}
    assert ("custody", own, "per_1000") in {g[:3] for g in got} and ("custody", other, "per_1000", place[1]) in got
    assert all(v != Decimal("0.99") for _, v, _, _ in got)


@settings(max_examples=40, deadline=None)
@given(st.integers(200, 349).map(lambda n: Decimal(n) / 10), st.integers(350, 500).map(lambda n: Decimal(n) / 10),
       st.sampled_from([("the South West", "regional"), ("the YOT comparison group", "family_group"),
                        ("statistical neighbours", "family_group")]))
def test_a_comparators_percentage_in_brackets(own: Decimal, other: Decimal, place: tuple[str, str]) -> None:
    """'28.6%, which is below the rate for the South West (34.2%)': a bracketed percentage right after a
    comparator's name is that comparator's rate, not a share."""
    text = f"Our latest binary reoffending rate is {own}%, which is below the rate for {place[0]} ({other}%)."
    from extractors.indicators.extract import extract_indicators
    from pipeline.settings import DEFAULT_SETTINGS
    got = {(i.indicator, i.value, i.unit, i.scope) for i in extract_indicators(_doc([text]), DEFAULT_SETTINGS)}
    assert ("reoffending", own, "percent") in {g[:3] for g in got} and ("reoffending", other, "percent", place[1]) in got


@settings(max_examples=40, deadline=None)
@given(st.integers(20, 900), st.sampled_from(["young people", "children"]), st.sampled_from(["", "aged 10-17 ", "aged 12-18 "]),
       st.sampled_from(["entered the youth justice system", "entered into the youth justice system",
                        "entered the criminal justice system"]))
def test_a_count_of_children_entering_the_system(n: int, who: str, aged: str, entered: str) -> None:
    """'156 young people aged 12-18 entered the youth justice system in 2016/17': a count of first-time
    entrants; 'N children who entered the system were looked after' describes a subgroup and is not."""
    assert ("first_time_entrants", Decimal(n), "count") in _sentences(f"{n} {who} {aged}{entered} in 2016/17.")
    assert ("first_time_entrants", Decimal(n), "count") not in _sentences(
        f"Last year {n} {who} who {entered} were looked after.")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(LIST_TITLES), st.data(), st.sampled_from(["Decrease by", "Reduction of", "Increase of"]),
       st.integers(1, 60))
def test_a_change_closing_a_period_list_is_the_titles(title: tuple[str, str, str, str, st.SearchStrategy[Decimal]],
                                                      data: st.DataObject, words: str, pct: int) -> None:
    """'Decrease by 7.1% GREEN' under the period-led lines of a measure's list is that measure's change."""
    name, indicator, printed, _, values = title
    rows = [f"Jul 17 - Jun 18: Rate of {data.draw(values)} {printed}.",
            f"Jul 16 - Jun 17: Rate of {data.draw(values)} {printed}.", "", f"{words} {pct}% GREEN"]
    sign = -1 if words != "Increase of" else 1
    assert (indicator, Decimal(pct * sign), "percent_change") in _lines([name] + rows)
    assert not any(u == "percent_change" for _, _, u in _lines(["Education, training and employment"] + rows))


@settings(max_examples=40, deadline=None)
@given(st.integers(200, 600).map(lambda n: Decimal(n) / 10), st.integers(1, 99).map(lambda n: Decimal(n) / 10),
       st.sampled_from([("an increase of", 1), ("a decrease of", -1), ("a reduction of", -1)]),
       st.sampled_from(["in school exclusions", "of the cohort", "in the number of remands"]))
def test_a_change_in_the_next_clause_is_the_measures(v: Decimal, d: Decimal, words: tuple[str, int], other: str) -> None:
    """'Reoffending (Jan 2017 - Mar 2017) - 45.5%; an increase of 6.8% to the previously reported position': the
    change after the semicolon is the re-offending rate's; 'an increase of 6.8% in school exclusions' is not."""
    got = _sentences(f"Reoffending of children (January 2017-March 2017) - {v}%; {words[0]} {d}% to the previously "
                     "reported position.")
    assert ("reoffending", d * words[1], "percent_change") in got
    assert all(u != "percent_change" for _, _, u in _sentences(f"Reoffending of children - {v}%; {words[0]} {d}% {other}."))


META = DocumentMeta(COUNCIL, "2019/20", "youth_justice_plan", "Youth Justice Plan")


@st.composite
def tab_grids(draw: st.DrawFn, across: str) -> tuple[list[str], set[tuple[str, Decimal, str, str, str]]]:
    """The same grids printed as the HTML, Word and PDF readers print tables: a row per line, tabs between cells,
    with or without a corner cell over the row labels."""
    title, indicator, unit, values, pct = draw(st.sampled_from(MEASURES))
    ps = [(" ".join(printed), label) for printed, label in draw(periods())]
    places = draw(st.lists(st.sampled_from(PLACES), min_size=2, max_size=5, unique_by=lambda p: p[1] + p[0][:3]))
    places = list({p[1]: p for p in places}.values()) if len({p[1] for p in places}) < len(places) else places
    corner = [draw(st.sampled_from(["Area", "Period", "", "Measure"]))] if draw(st.booleans()) else []
    rows, cols = (places, ps) if across == "periods" else (ps, places)
    lines = [title, "\t".join(corner + [c[0] for c in cols])]
    want = set()
    for r in rows:
        cells = []
        for c in cols:
            v = draw(values)
            cells.append(_fmt(v, pct))
            scope, label = (r[1], c[1]) if across == "periods" else (c[1], r[1])
            want.add((indicator, v, unit, scope, label))
        lines.append("\t".join([r[0]] + cells))
    return lines, want


@settings(max_examples=60, deadline=None)
@given(tab_grids("periods"))
def test_tab_rows_periods_across(grid: tuple[list[str], set]) -> None:
    from extractors.indicators.extract import extract_indicators
    from pipeline.settings import DEFAULT_SETTINGS
    lines, want = grid
    got = {(i.indicator, i.value, i.unit, i.scope, i.period_label or "")
           for i in extract_indicators(_doc(lines), DEFAULT_SETTINGS, META)}
    assert got == want


@settings(max_examples=60, deadline=None)
@given(tab_grids("places"))
def test_tab_rows_places_across(grid: tuple[list[str], set]) -> None:
    from extractors.indicators.extract import extract_indicators
    from pipeline.settings import DEFAULT_SETTINGS
    lines, want = grid
    got = {(i.indicator, i.value, i.unit, i.scope, i.period_label or "")
           for i in extract_indicators(_doc(lines), DEFAULT_SETTINGS, META)}
    assert got == want

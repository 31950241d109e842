"""Generated variation for the sentence forms (extractors/indicators/forms.json): each form is proven on sentences
no document showed, through the whole indicator reader (paragraphs, sentences, rules, forms): the numbers, the
measure's wording, the comparator names, the verb and the period wording vary; the value, unit, scope, kind and
period must be read. The same sentences about another topic must give nothing.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from hypothesis import given, settings, strategies as st

from extractors.indicators.extract import extract_indicators
from extractors.indicators.forms import form_readings, forms
from extractors.indicators.rules import read_sentence
from extractors.readers.text import read_text
from pipeline.records import Indicator
from pipeline.settings import DEFAULT_SETTINGS

COUNCIL = "Barsetshire"
FALL = ["dropped", "fallen", "reduced", "decreased", "declined"]
RISE = ["increased", "risen", "gone up", "grown"]
YEARS = st.integers(12, 22)


def _read(*paragraphs: str) -> list[Indicator]:
    lines = [f"{COUNCIL} Youth Justice Plan 2019-20", "", "Our performance", ""]
    for p in paragraphs:
        lines += [p, ""]
    doc = read_text("\n".join(lines).encode(), "generated.txt")
    return list(extract_indicators(doc, DEFAULT_SETTINGS))


def _has(rows: list[Indicator], indicator: str, value: Decimal, unit: str, scope: Optional[str] = None,
         period: Optional[str] = None, kind: str = "actual") -> bool:
    return any(r.indicator == indicator and r.value == value and r.unit == unit and r.kind == kind
               and (scope is None or r.scope == scope) and (period is None or r.period_label == period) for r in rows)


def _rate(lo: int, hi: int, places: int) -> st.SearchStrategy[Decimal]:
    return st.integers(lo, hi).map(lambda n: Decimal(n).scaleb(-places))  # printed with its places: 1.00


def _fmt(v: Decimal) -> str:
    return f"{v}"


def test_every_form_reads_its_example() -> None:
    """The example printed beside each form in the table is read by it (given the measure where it names none)."""
    for form in forms():
        read = [form_readings(form.example, "local", carried, None, "Rotherham",
                              tuple(read_sentence(form.example, "local", carried, None, "Rotherham")))
                for carried in (None, "custody", "first_time_entrants", "reoffending")]
        assert any(read), form.name


# ----------------------------------------------------------------------------------------------- from ... to ...
FROM_TO_MEASURES = [  # (lead sentence naming the measure, the form sentence's subject, indicator, unit, values)
    ("Use of custody has continued to fall.", "The rate per 1,000 has", "custody", "per_1000", _rate(1, 150, 2)),
    ("Custody rates are low.", "The custody rate per 1000 of the 10-17 population has", "custody", "per_1000",
     _rate(1, 150, 2)),
    ("First time entrants are falling.", "The rate per 100,000 has", "first_time_entrants", "per_100000",
     st.integers(90, 900).map(Decimal)),
    ("We track re-offending closely.", "The frequency rate of re-offending has", "reoffending",
     "reoffences_per_reoffender", _rate(100, 700, 2)),
    ("We track re-offending closely.", "The average number of re-offences per re-offender has", "reoffending",
     "reoffences_per_reoffender", _rate(100, 700, 2)),
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(FROM_TO_MEASURES), st.data(), st.booleans(), st.booleans(), YEARS)
def test_from_to_reads_both_ends(measure: tuple, data: st.DataObject, falls: bool, adverb: bool, year: int) -> None:
    lead, subject, indicator, unit, values = measure
    a = data.draw(values)
    b = data.draw(values.filter(lambda x: x != a))  # one value twice on a line is one row
    verb = data.draw(st.sampled_from(FALL if falls else RISE))
    way = (" down" if falls else " up") if adverb else ""
    dated = data.draw(st.booleans())
    first = f"{a} in 20{year}/{year + 1}" if dated else f"{a}"
    second = f"{b} in 20{year + 1}/{year + 2}" if dated else f"{b}"
    rows = _read(f"{lead} {subject} {verb} from {first}{way} to {second}.")
    assert _has(rows, indicator, a, unit, "local", f"20{year}/{year + 1}" if dated else None)
    assert _has(rows, indicator, b, unit, "local", f"20{year + 1}/{year + 2}" if dated else None)


OTHER_TOPICS = ["school exclusions", "the NEET figure", "staff sickness", "school attendance"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(OTHER_TOPICS), _rate(1, 150, 2), _rate(1, 150, 2), st.sampled_from(FALL + RISE))
def test_from_to_about_another_topic_gives_nothing(topic: str, a: Decimal, b: Decimal, verb: str) -> None:
    assert _read(f"We monitor {topic} every month.", f"The rate has {verb} from {a} to {b}.") == []


# ------------------------------------------------------------------------------------- changes in percentage points
PP_SCOPES = [("Nationally", "national"), ("Regionally", "regional"), ("Locally", "local"), ("In the YOT family", "family_group")]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PP_SCOPES), _rate(1, 150, 1), st.booleans(), st.booleans(),
       st.sampled_from(["re-offending", "reoffending", "proven re-offending"]))
def test_percentage_point_changes(where: tuple[str, str], v: Decimal, falls: bool, before: bool, words: str) -> None:
    noun = "reduction" if falls else "increase"
    said = f"a {v}pp {noun} in the rate of {words}" if before else f"a {noun} of {v}pp in the rate of {words}"
    rows = _read(f"{where[0]} there has been {said}.")
    assert _has(rows, "reoffending", -v if falls else v, "percentage_points", where[1])


# ------------------------------------------------------------------- a rate's change in its own unit, and a list
@settings(max_examples=60, deadline=None)
@given(st.lists(_rate(1, 99, 2), min_size=4, max_size=4), st.booleans(), st.permutations(
    [("family", "family_group"), ("nationally", "national"), ("regionally", "regional")]))
def test_rate_changes_and_listed_comparators(vs: list[Decimal], falls: bool, order: list[tuple[str, str]]) -> None:
    noun, nouns = ("decrease", "decreases") if falls else ("increase", "increases")
    sign = -1 if falls else 1
    listed = f"{vs[1]} {order[0][0]}, {vs[2]} {order[1][0]} and {vs[3]} {order[2][0]}"
    rows = _read(f"Our custody rate is well below the national rate. This represents a local {noun} of {vs[0]} "
                 f"compared with {nouns} of {listed}.")
    assert _has(rows, "custody", sign * vs[0], "per_1000", "local")
    for v, (_, scope) in zip(vs[1:], order):
        assert _has(rows, "custody", sign * v, "per_1000", scope)


# ---------------------------------------------------------------------------------------- comparators by name
NAMED = [("the national average", "national"), ("the East-Midlands average", "regional"),
         ("the North West average", "regional"), ("the London average", "regional"),
         ("the YOT family average", "family_group"), ("the family average", "family_group"),
         ("the core city average", "other_comparator"), ("the statistical neighbours average", "family_group")]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(NAMED), _rate(200, 600, 1), _rate(200, 600, 1), st.booleans(),
       st.sampled_from(["lower than", "compares favourably with", "is below", "is above"]))
def test_named_averages_of_a_rate(named: tuple[str, str], own: Decimal, other: Decimal, bracket: bool,
                                  verb: str) -> None:
    printed = f"{named[0]} ({other}%)" if bracket else f"{named[0]} of {other}%"
    rows = _read(f"Our re-offending rate is {own}%, which {verb} {printed}.")
    assert _has(rows, "reoffending", own, "percent", "local")
    assert _has(rows, "reoffending", other, "percent", named[1])


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(NAMED), st.integers(150, 600).map(Decimal))
def test_named_average_rate_of_first_time_entrants(named: tuple[str, str], other: Decimal) -> None:
    rows = _read("There were 127 first time entrants to the youth justice system.",
                 f"Our rate remains well above {named[0]} rate of {other}.")
    assert _has(rows, "first_time_entrants", other, "per_100000", named[1])


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(NAMED), _rate(200, 600, 1), st.sampled_from(OTHER_TOPICS))
def test_named_average_of_another_topic_gives_nothing(named: tuple[str, str], other: Decimal, topic: str) -> None:
    assert _read(f"Our figure for {topic} compares favourably with {named[0]} ({other}%).") == []


# ---------------------------------------------------------------------------------------------------- frequency
@settings(max_examples=60, deadline=None)
@given(_rate(100, 900, 2), st.integers(20, 300), st.sampled_from([
    "They committed {n} offences, which is an average of {v} offences each.",
    "The {n} re-offenders committed {n} re-offences, or an average of {v} each.",
    "Our frequency reoffending rate has risen to {v} which is higher than all comparison areas.",
    "The frequency of re-offending is {v}.",
    "One quarter had a spike of {v} reoffences (from {n} reoffenders).",
    "This is due to one quarter (Oct - Dec 16) with {v} re-offences.",
]))
def test_frequency_sentences(v: Decimal, n: int, template: str) -> None:
    rows = _read("Re-offending remains our main concern. " + template.format(v=v, n=n))
    assert _has(rows, "reoffending", v, "reoffences_per_reoffender")


@settings(max_examples=20, deadline=None)
@given(_rate(100, 900, 2))
def test_frequency_per_offender_keeps_its_unit(v: Decimal) -> None:
    rows = _read(f"Frequency rate: latest cohort = {v} Reoffences/offender")
    assert _has(rows, "reoffending", v, "reoffences_per_offender")
    assert not _has(rows, "reoffending", v, "reoffences_per_reoffender")


# ------------------------------------------------------------------------------------------------------- counts
@settings(max_examples=60, deadline=None)
@given(st.integers(40, 400), st.data(), st.sampled_from(["young people", "children"]),
       st.sampled_from(["re-offended", "reoffended", "have re-offended"]))
def test_counts_of_a_cohort_who_reoffended(n: int, data: st.DataObject, who: str, verb: str) -> None:
    m = data.draw(st.integers(1, n - 1))
    rows = _read(f"There were {n} {who} in the cohort. Of these {n} {who}, {m} {verb}, committing a total of "
                 f"{3 * m} re-offences.")
    assert _has(rows, "reoffending", Decimal(m), "count")
    assert not _has(rows, "reoffending", Decimal(3 * m), "count")


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 60), st.integers(61, 400), st.sampled_from(["(", "["]))
def test_custody_out_of_disposals(m: int, n: int, bracket: str) -> None:
    close = ")" if bracket == "(" else "]"
    rows = _read(f"The custodial sentences formed a small share of total court disposals "
                 f"{bracket}{m} out of {n} court disposals{close}.")
    assert _has(rows, "custody", Decimal(m), "count")
    assert not _has(rows, "custody", Decimal(n), "count")


@settings(max_examples=40, deadline=None)
@given(_rate(1, 150, 2), st.integers(1, 40), st.integers(14, 21))
def test_custody_rate_relates_to_young_people(v: Decimal, n: int, y: int) -> None:
    rows = _read(f"The custody rate for the period April 20{y} to March 20{y + 1} is {v} and relates to {n} young people.")
    period = f"Apr {y} - Mar {y + 1}"
    assert _has(rows, "custody", v, "per_1000", "local")
    assert _has(rows, "custody", Decimal(n), "count", "local")
    assert any(r.period_label for r in rows), period


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 40), st.integers(41, 400))
def test_out_of_about_another_topic_gives_nothing(m: int, n: int) -> None:
    assert _read(f"Exclusions formed a small share of school outcomes ({m} out of {n} pupils).") == []


# ----------------------------------------------------------------------------------------- a rate's unit slip
@settings(max_examples=30, deadline=None)
@given(_rate(1, 150, 2), st.sampled_from(["Year end rate= ", "Year end rate: ", "Current rate = "]))
def test_a_custody_rate_printed_with_a_percent_sign_is_the_rate(v: Decimal, label: str) -> None:
    rows = _read(f"Reduction in use of custody rate\nCustody analysis completed and submitted to the Board.\n{label}{v}%")
    assert _has(rows, "custody", v, "per_1000")
    assert not _has(rows, "custody", v, "percent")
    assert all("%" in r.raw for r in rows if r.unit == "per_1000")  # the slip is kept for the unit check


# ------------------------------------------------------------------------- the frequency, its slips and changes
@settings(max_examples=30, deadline=None)
@given(_rate(100, 600, 1), _rate(100, 400, 1), st.sampled_from(["offences per re-offender", "offences per re offender",
                                                                 "re-offences per reoffender"]))
def test_a_frequency_printed_with_a_percent_sign(binary: Decimal, v: Decimal, words: str) -> None:
    rows = _read(f"Local data shows a binary rate of {binary}% and {words} as {v}%.")
    assert _has(rows, "reoffending", v, "reoffences_per_reoffender")
    assert _has(rows, "reoffending", binary, "percent")


@settings(max_examples=40, deadline=None)
@given(_rate(200, 600, 2), _rate(200, 600, 2), _rate(1, 200, 1), _rate(1, 200, 1), st.booleans(), YEARS)
def test_frequency_figures_and_their_changes(a: Decimal, b: Decimal, p: Decimal, q: Decimal, rises: bool,
                                             y: int) -> None:
    first, second, sign = ("an increase", "a reduction", 1) if rises else ("a reduction", "an increase", -1)
    rows = _read(f"In 20{y}/{y + 1} the average number of reoffences per reoffender nationally was {a} {first} of "
                 f"{p}% compared to the previous 12 months; locally the figure was {b} {second} of {q}%.")
    assert _has(rows, "reoffending", b, "reoffences_per_reoffender", "local")
    assert _has(rows, "reoffending", sign * p, "percent_change", "national")
    assert _has(rows, "reoffending", -sign * q, "percent_change", "local")


@settings(max_examples=40, deadline=None)
@given(_rate(1, 150, 2), _rate(1, 150, 2), _rate(1, 150, 2), st.permutations(
    [("regional", "regional"), ("national", "national"), ("family", "family_group")]))
def test_comparators_then_their_figures_respectively(own: Decimal, a: Decimal, b: Decimal,
                                                     places: list[tuple[str, str]]) -> None:
    rows = _read(f"Custodial numbers have been a success story. The rate is considerably better than the {places[0][0]} "
                 f"and {places[1][0]} rates ({a} and {b} respectively) when compared to our rate of {own}.")
    assert _has(rows, "custody", a, "per_1000", places[0][1])
    assert _has(rows, "custody", b, "per_1000", places[1][1])


# ------------------------------------------------------------------ figures in the unit of the figure before
@settings(max_examples=40, deadline=None)
@given(st.integers(2, 60), st.integers(1, 30), st.sampled_from(["drop", "reduction", "decrease", "increase", "rise"]),
       st.sampled_from(["from the previous year", "on last year", "compared to 2017/18"]))
def test_a_change_of_a_count(n: int, m: int, noun: str, base: str) -> None:
    sign = 1 if noun in ("increase", "rise") else -1
    rows = _read(f"Data for 2018/19 show that {n} young people received custodial sentences in this period, a {noun} of "
                 f"{m} {base}.")
    assert _has(rows, "custody", Decimal(n), "count")
    assert _has(rows, "custody", Decimal(sign * m), "count")


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 60), st.integers(2, 60))
def test_the_figure_was_is_in_the_unit_before(n: int, m: int) -> None:
    rows = _read(f"There have been {n} young people who have received a custodial sentence so far in 2018-19, which "
                 f"is an increase compared to last year, when the figure was {m}.")
    assert _has(rows, "custody", Decimal(m), "count")


@settings(max_examples=40, deadline=None)
@given(st.integers(20, 200), st.integers(201, 500), st.integers(5, 9))
def test_a_bracketed_earlier_figure(n: int, m: int, y: int) -> None:
    rows = _read(f"In 18/19 the lowest first-time entrants of {n} ({m} in 0{y}/{y + 1:02d}) was recorded.")
    assert _has(rows, "first_time_entrants", Decimal(m), "count")


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 30), st.sampled_from(OTHER_TOPICS))
def test_a_change_of_another_topic_gives_nothing(m: int, topic: str) -> None:
    assert _read(f"Data for 2018/19 show that {topic} improved, a drop of {m} from the previous year.") == []


@settings(max_examples=30, deadline=None)
@given(st.integers(20, 200), st.sampled_from(["London", "regional", "national", "family"]),
       st.sampled_from(["FTEs", "first time entrants"]))
def test_a_target_number_of_young_people_as_the_measure(n: int, place: str, measure: str) -> None:
    rows = _read(f"To reach the {place} level our target would be {n} young people per year as {measure}.")
    assert _has(rows, "first_time_entrants", Decimal(n), "count", "local", kind="target")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(150, 600), min_size=3, max_size=3, unique=True))
def test_a_sentence_wrapped_over_two_lines(vs: list[int]) -> None:
    a, b, c = vs
    rows = _read(f"Performance from 2016 - 2018 shows FTE's continuing to reduce with figures of {a},\n"
                 f"{b} and {c} per 100,000 population respectively.")
    for v in vs:
        assert _has(rows, "first_time_entrants", Decimal(v), "per_100000")


# ---------------------------------------------------------------------------------------------- qualifiers
HEDGES = ["just below", "just under", "just over", "about", "around", "approximately", "nearly", "almost"]


@settings(max_examples=40, deadline=None)
@given(_rate(200, 600, 1), st.sampled_from(HEDGES), st.sampled_from(["hovered", "been", "stood at", "remained at"]))
def test_a_hedged_figure_is_kept_with_its_qualifier(v: Decimal, hedge: str, verb: str) -> None:
    rows = _read(f"Our main concern is the reoffending rate, which has {verb} {hedge} {v}% for most of the year.")
    hit = [r for r in rows if r.indicator == "reoffending" and r.value == v and r.unit == "percent"]
    assert hit and hit[0].qualifier == hedge


@settings(max_examples=30, deadline=None)
@given(_rate(200, 600, 1), st.sampled_from(["under", "below", "over", "more than", "less than"]))
def test_a_bound_is_still_no_value(v: Decimal, bound: str) -> None:
    rows = _read(f"We want to bring the reoffending rate down to {bound} {v}% by 2021.")
    assert not _has(rows, "reoffending", v, "percent")


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(NAMED), st.integers(150, 600).map(Decimal), st.integers(14, 21),
       st.sampled_from(["For the period", "In the period", "During the year", "For the 12 months"]))
def test_a_sentence_led_by_its_period_dates_its_figures(named: tuple[str, str], other: Decimal, y: int,
                                                        lead: str) -> None:
    rows = _read("There were 127 first time entrants to the youth justice system.",
                 f"{lead} April 20{y} to March 20{y + 1}, our rate is well above {named[0]} rate of {other}.")
    hit = [r for r in rows if r.value == other and r.unit == "per_100000"]
    assert hit and hit[0].scope == named[1] and hit[0].period_label and f"20{y + 1}" in hit[0].period_label


@settings(max_examples=30, deadline=None)
@given(_rate(1, 150, 2), st.sampled_from(["first time entrants", "custody", "re-offending"]),
       st.sampled_from(OTHER_TOPICS))
def test_a_measure_named_in_another_clause_is_not_the_figures(v: Decimal, measure: str, topic: str) -> None:
    """The forms take a measure from the figure's own clause (or the paragraph it continues), never from a later
    clause about something else."""
    rows = _read(f"The rate for {topic} is {v}, while {measure} continue to be monitored by the board.")
    assert not any(r.value == v for r in rows)


@settings(max_examples=30, deadline=None)
@given(_rate(1, 150, 2), _rate(1, 150, 2), st.sampled_from(["school exclusions", "NEET", "persistent absence"]),
       st.booleans())
def test_a_paragraph_about_another_rate_does_not_continue_the_measure(a: Decimal, b: Decimal, topic: str,
                                                                     before: bool) -> None:
    """'Custody outcomes ...' then, in the next paragraph, 'The rate of school exclusions has dropped from 0.4 to
    0.06': that paragraph names its own subject; it does not continue custody."""
    said = f"The {topic} rate" if before else f"The rate of {topic}"
    rows = _read("Merton has returned to its high performance in regard to custodial outcomes.",
                 f"{said} has dropped from {a} down to {b}.")
    assert not any(r.value in (a, b) for r in rows)


@settings(max_examples=30, deadline=None)
@given(_rate(1, 150, 2), _rate(1, 150, 2), st.sampled_from(["school exclusions", "NEET", "persistent absence"]))
def test_a_sentence_about_another_rate_does_not_continue_the_measure(a: Decimal, b: Decimal, topic: str) -> None:
    rows = _read(f"Custody rates remain low. The {topic} rate has dropped from {a} to {b}.")
    assert not any(r.value in (a, b) for r in rows)


@settings(max_examples=30, deadline=None)
@given(_rate(100, 299, 2), _rate(300, 900, 2), _rate(1, 600, 1), st.sampled_from(["increased", "decreased", "risen",
                                                                                  "fallen"]), st.booleans())
def test_a_frequency_then_the_way_it_moved(whole: Decimal, v: Decimal, p: Decimal, verb: str, by: bool) -> None:
    sign = 1 if verb in ("increased", "risen") else -1
    rows = _read(f"Reoffences: {whole} (whole cohort) {v} (reoffenders) - {verb}{' by' if by else ''} {p}%")
    assert _has(rows, "reoffending", v, "reoffences_per_reoffender")
    assert _has(rows, "reoffending", sign * p, "percent_change")
    assert not any(r.value == whole for r in rows)


@settings(max_examples=40, deadline=None)
@given(st.integers(30, 400), st.data(), st.sampled_from(["re-offended", "reoffended", "went on to re-offend"]),
       st.sampled_from(["Apr 17 - Jun 17", "July 2016 - June 2017"]))
def test_a_cohort_count_with_its_rate(n: int, data: st.DataObject, verb: str, period: str) -> None:
    m = data.draw(st.integers(1, n - 1))
    pct = (Decimal(100 * m) / Decimal(n)).quantize(Decimal("0.1"))
    rows = _read(f"Of the {period} cohort, {m} of {n} ({pct}%) {verb}.")
    assert _has(rows, "reoffending", Decimal(m), "count")
    assert _has(rows, "reoffending", pct, "percent")
    assert not _has(rows, "reoffending", Decimal(n), "count")


@settings(max_examples=40, deadline=None)
@given(_rate(1, 90, 1), _rate(1, 90, 1), st.sampled_from(PP_SCOPES[:2] + [("South Wales", "regional"),
                                                                         ("Thames Valley", "regional")]),
       st.booleans(), st.sampled_from(["percentage points", "percentage point"]))
def test_percentage_points_printed_in_words(a: Decimal, b: Decimal, where: tuple[str, str], falls: bool,
                                            words: str) -> None:
    verb, noun = ("reduced", "a fall") if falls else ("increased", "a rise")
    rows = _read(f"Reoffending in Barsetshire has {verb} by {a} {words} to 38.1%, while {where[0]} has seen {noun} of "
                 f"{b} {words}.")
    sign = -1 if falls else 1
    assert _has(rows, "reoffending", sign * a, "percentage_points", "local")
    assert _has(rows, "reoffending", sign * b, "percentage_points", where[1])


@settings(max_examples=40, deadline=None)
@given(_rate(1, 150, 2), _rate(1, 150, 2), st.sampled_from([("in the South East", "regional"),
                                                            ("nationally", "national"), ("in the YOT family", "family_group"),
                                                            ("in Wales", "national"), ("in the North West", "regional")]))
def test_compared_with_a_figure_for_a_place(own: Decimal, other: Decimal, place: tuple[str, str]) -> None:
    rows = _read(f"The custody rate was {own} in October 2017 - September 2018, compared with {other} {place[0]}.")
    assert _has(rows, "custody", own, "per_1000", "local")
    assert _has(rows, "custody", other, "per_1000", place[1])


@settings(max_examples=40, deadline=None)
@given(st.integers(20, 400), st.integers(20, 400), st.sampled_from(["first time entrants", "custodial sentences"]),
       st.sampled_from(["rose", "fell", "increased", "decreased"]))
def test_the_number_of_the_measure_from_to(a: int, b: int, words: str, verb: str) -> None:
    indicator = "custody" if "custod" in words else "first_time_entrants"
    rows = _read(f"The number of {words} {verb} from {a} to {b} in the year ending June 2018.")
    assert _has(rows, indicator, Decimal(a), "count") and _has(rows, indicator, Decimal(b), "count")


@settings(max_examples=40, deadline=None)
@given(_rate(200, 399, 1), _rate(400, 600, 1), st.sampled_from([
    ("Thames Valley", "regional"), ("South Wales", "regional"), ("North West", "regional"),
    ("South East", "regional"), ("Yorkshire and the Humber", "regional"), ("Core Cities", "other_comparator")]))
def test_a_rate_for_a_place_the_vocabulary_names(own: Decimal, other: Decimal, place: tuple[str, str]) -> None:
    rows = _read(f"Our reoffending rate was {own}%. The reoffending rate for {place[0]} was {other}%.")
    assert _has(rows, "reoffending", own, "percent", "local")
    assert _has(rows, "reoffending", other, "percent", place[1])


# ------------------------------------------------------------ comparators listed by place, 'and N for PLACE', to/from
PLACES = [("South West", "regional"), ("England", "national"), ("London", "regional"), ("YOT family", "family_group"),
          ("Wales", "national"), ("North East", "regional"), ("statistical neighbours", "family_group")]
RATE_LABELS = [("First time entrants per 100,000", "first_time_entrants", "per_100000", st.integers(90, 900).map(Decimal)),
               ("Custody rate per 1,000 of 10-17 population", "custody", "per_1000", _rate(1, 150, 2))]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(RATE_LABELS), st.lists(st.sampled_from(PLACES), min_size=1, max_size=3, unique=True),
       st.data(), st.sampled_from([", ", " (", "; "]))
def test_a_list_of_places_and_figures(label: tuple, places: list[tuple[str, str]], data: st.DataObject,
                                      sep: str) -> None:
    words, indicator, unit, values = label
    figures = [data.draw(values) for _ in places]
    listed = sep.join(f"{p} {v}" for (p, _), v in zip(places, figures)) + (")" if sep == " (" else "")
    rows = _read(f"{words} (Oct 17 - Sep 18): {listed}.")
    for k, ((_, scope), v) in enumerate(zip(places, figures)):  # a clause after ';' does not take the period
        period = "Oct 17 - Sep 18" if sep != "; " or k == 0 else None
        assert _has(rows, indicator, v, unit, scope, period), (listed, rows)


@settings(max_examples=40, deadline=None)
@given(_rate(1, 150, 2), _rate(1, 150, 2), _rate(1, 150, 2), st.sampled_from(PLACES), st.sampled_from(PLACES))
def test_and_a_figure_for_a_place(own: Decimal, a: Decimal, b: Decimal, first: tuple[str, str],
                                  second: tuple[str, str]) -> None:
    rows = _read(f"The custody rate was {own} per 1,000 young people, compared with {a} in the {first[0]} "
                 f"and {b} for {second[0]}.")
    assert _has(rows, "custody", own, "per_1000", "local")
    assert _has(rows, "custody", b, "per_1000", second[1]) or b in (own, a)


@settings(max_examples=40, deadline=None)
@given(_rate(100, 700, 2), _rate(100, 700, 2), st.sampled_from(["national", "regional", "family"]),
       st.sampled_from(["figure", "rate", "level"]), st.sampled_from(["of", "is", "was"]))
def test_a_named_figure_of(own: Decimal, other: Decimal, place: str, noun: str, verb: str) -> None:
    rows = _read(f"The frequency of re-offending was {own} re-offences per re-offender, above the {place} {noun} "
                 f"{verb} {other}.")
    scope = {"national": "national", "regional": "regional", "family": "family_group"}[place]
    assert _has(rows, "reoffending", other, "reoffences_per_reoffender", scope) or other == own


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FROM_TO_MEASURES), st.data(), st.booleans(), YEARS)
def test_to_from_reads_both_ends(measure: tuple, data: st.DataObject, falls: bool, year: int) -> None:
    lead, subject, indicator, unit, values = measure
    a = data.draw(values)
    b = data.draw(values.filter(lambda x: x != a))
    verb = data.draw(st.sampled_from(FALL if falls else RISE))
    later, earlier = f"20{year + 1}/{year + 2}", f"20{year}/{year + 1}"
    dated = data.draw(st.sampled_from(["in {}", "({})"]))  # '(2013/14)' dates a rate too, not only a count
    rows = _read(f"{lead} {subject} {verb} to {a} {dated.format(later)} from {b} {dated.format(earlier)}.")
    assert _has(rows, indicator, a, unit, "local", f"20{year + 1}/{year + 2}")
    assert _has(rows, indicator, b, unit, "local", f"20{year}/{year + 1}")


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(OTHER_TOPICS), _rate(1, 150, 2), _rate(1, 150, 2), st.sampled_from(PLACES))
def test_place_lists_about_another_topic_give_nothing(topic: str, a: Decimal, b: Decimal,
                                                      place: tuple[str, str]) -> None:
    assert _read(f"We monitor {topic} every month.", f"The rate per 1,000: {place[0]} {a}, England {b}.",
                 f"The rate has stayed at {a}, and {b} for {place[0]}.") == []


@settings(max_examples=40, deadline=None)
@given(_rate(1, 150, 2), _rate(1, 150, 2), _rate(1, 150, 2), st.sampled_from(PLACES), st.sampled_from(PLACES),
       st.sampled_from(["against", "compared with", "and"]))
def test_a_place_after_a_figure_beats_the_previous_figures_place(own: Decimal, a: Decimal, b: Decimal,
                                                                 first: tuple[str, str], second: tuple[str, str],
                                                                 word: str) -> None:
    """'38.2% against 36.1% in London and 39.1% for England': England's figure is not London's."""
    rows = _read(f"The binary reoffending rate was {own}% {word} {a}% in {first[0]} and {b}% for {second[0]}.")
    if len({own, a, b}) == 3:
        assert _has(rows, "reoffending", b, "percent", second[1])
        assert _has(rows, "reoffending", a, "percent", first[1])


@settings(max_examples=30, deadline=None)
@given(_rate(1, 150, 2), st.sampled_from(["Custody rate per 1,000", "Use of custody per 1,000 of 10-17 population"]))
def test_a_rate_labelled_with_a_colon(v: Decimal, label: str) -> None:
    assert _has(_read(f"{label}: {v}"), "custody", v, "per_1000", "local")


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 300), st.sampled_from([("custodial sentences", "custody"), ("first time entrants",
                                                                                 "first_time_entrants")]),
       st.sampled_from(["which was the target", "which was also the agreed target", "which met the annual target",
                        "which is the Board's target"]))
def test_a_figure_that_was_also_the_target(n: int, noun: tuple[str, str], said: str) -> None:
    rows = _read(f"In 2018/19 there were {n} {noun[0]}, {said}.")
    assert _has(rows, noun[1], Decimal(n), "count", kind="actual")
    assert _has(rows, noun[1], Decimal(n), "count", kind="target")
    other = _read(f"In 2018/19 there were {n} {noun[0]}, which was below the target.")
    assert not _has(other, noun[1], Decimal(n), "count", kind="target")


@settings(max_examples=30, deadline=None)
@given(st.integers(150, 900), st.integers(150, 900), st.sampled_from(["lowest", "highest", "previous", ""]), YEARS)
def test_compared_to_an_extreme_in_the_figure_before_its_unit(a: int, b: int, word: str, year: int) -> None:
    rows = _read(f"The first time entrant rate was {a} per 100,000 in 20{year}, compared to {word} {b} in "
                 f"20{year + 1}.".replace("  ", " "))
    if a != b:
        assert _has(rows, "first_time_entrants", Decimal(b), "per_100000", "local", f"20{year + 1}")

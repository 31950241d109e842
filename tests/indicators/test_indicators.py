"""Indicator statements and their checks over the real documents; every bundled document's output (seeds and real
plans) pinned in reviewed golden files."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.indicators.extract import extract_indicators
from extractors.readers.text import read_text
from pipeline.wording import side_text
from pipeline.checks.indicators import check
from pipeline.records import Document, Extraction, Indicator, Line
from pipeline.stages import extract
from pipeline.settings import DEFAULT_SETTINGS

from tests.conftest import REAL, SAMPLES, SEEDS, gold_for
from tests.golden_util import check_golden, golden_rows

PDFS = sorted((SAMPLES / "pdf").glob("*.pdf"))


@lru_cache(maxsize=None)
def doc_of(path: Path) -> Document:
    return read_text(path.read_bytes(), str(path))


@lru_cache(maxsize=None)
def indicators_of(path: Path) -> tuple[Indicator, ...]:
    return extract_indicators(doc_of(path), DEFAULT_SETTINGS)


@lru_cache(maxsize=None)
def extraction_of(path: Path) -> Extraction:
    return extract(doc_of(path), DEFAULT_SETTINGS)


def _found(w: dict, got: tuple[Indicator, ...]) -> bool:
    return any(i.indicator == w["indicator"] and i.value == Decimal(str(w["value"])) and i.unit == w["unit"]
               and i.scope == w["scope"] and (i.kind == "target") == (w.get("kind") == "target") for i in got)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_indicators_all_found(path: Path) -> None:
    missing = [w for w in gold_for(path)["indicators"] if not _found(w, indicators_of(path))]
    assert missing == []


def _row(i: Indicator) -> dict:
    return {"indicator": i.indicator, "value": str(i.value), "unit": i.unit, "scope": i.scope, "kind": i.kind,
            "comparator": i.comparator, "period": i.period_label, "raw": i.raw, "line": i.prov.line,
            **({"qualifier": i.qualifier} if i.qualifier else {}),
            "sentence": i.sentence}


@pytest.mark.parametrize("path", SEEDS + REAL, ids=lambda p: p.stem)
def test_indicators_golden(path: Path) -> None:
    """Every row of every bundled text document (seeds and real plans) is a reviewed true statement of it: a new
    row fails until reviewed (REGENERATE_GOLDEN=1 rewrites the files; review the diff before committing)."""
    check_golden(path.stem, "indicators", [_row(i) for i in indicators_of(path)])


_STATEMENT = ("indicator", "value", "unit", "scope", "kind", "comparator", "period", "raw")


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem[:3])
def test_pdf_indicators_are_reviewed_rows_of_their_text_rendition(path: Path) -> None:
    """A PDF rendition states nothing its reviewed text rendition's golden file does not (pages, not lines)."""
    from pipeline.stages import read_document
    got = {tuple(_row(i)[k] for k in _STATEMENT) for i in extract_indicators(read_document(path.read_bytes(), str(path)),
                                                                           DEFAULT_SETTINGS)}
    reviewed = {tuple(r[k] for k in _STATEMENT) for r in golden_rows(path.stem, "indicators")}
    assert got - reviewed == set()


def test_real_plans_recall() -> None:
    want = found = 0
    for path in REAL:
        gold = gold_for(path)
        for w in (gold or {}).get("indicators", []):
            want += 1
            found += _found(w, indicators_of(path))
    assert want == 53 and found == 53


def _findings(path: Path, name: str) -> list:
    return [f for f in check(extraction_of(path), DEFAULT_SETTINGS) if f.check_name == name]


def _seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.stem.startswith(prefix))


def _real(prefix: str) -> Path:
    return next(p for p in REAL if p.stem.startswith(prefix))


@pytest.mark.parametrize("prefix,found", [("003", "0.48%, 0.45%"), ("004", "0.06%, 0.36%, 0.20%, 0.31%")])
def test_rate_written_as_percentage_is_a_unit_conflict(prefix: str, found: str) -> None:
    f = _findings(_seed(prefix), "unit_conflict")
    assert [(x.severity, x.found.raw) for x in f] == [("warning", found)]


def test_frequency_written_as_percentage_is_a_unit_conflict() -> None:
    assert [side_text(x.found) for x in _findings(_real("Rotherham"), "unit_conflict")] == ["2.9%"]


def test_percent_change_that_does_not_follow_is_flagged() -> None:
    f = _findings(_real("N Somerset"), "percent_change_mismatch")
    assert [(x.severity, side_text(x.found), side_text(x.expected)) for x in f] == [("error", "86%", "84.6%")]


@pytest.mark.parametrize("path", SEEDS + [_real("Merton"), _real("Sheffield")], ids=lambda p: p.stem[:20])
def test_rounded_or_approximate_percent_changes_pass(path: Path) -> None:
    assert _findings(path, "percent_change_mismatch") == []


def test_same_measure_two_values() -> None:
    f = _findings(_real("Manchester"), "narrative_value_mismatch")
    assert {(side_text(x.found), side_text(x.expected)) for x in f} >= {("53", "51")}
    f = _findings(_real("N Somerset"), "narrative_value_mismatch")
    assert [(side_text(x.found), side_text(x.expected)) for x in f] == [("66", "45")]


@pytest.mark.parametrize("path", SEEDS + REAL, ids=lambda p: p.stem[:20])
def test_no_error_where_gold_has_none(path: Path) -> None:
    gold = gold_for(path)
    if gold is None:
        pytest.skip("no gold for this plan")
    kinds = {q["check"] for q in gold.get("quality_issues", []) if q["severity"] == "error"}
    errors = {f.check_name for f in check(extraction_of(path), DEFAULT_SETTINGS) if f.severity == "error"}
    assert errors <= kinds


def test_rate_that_does_not_follow_from_count_and_population() -> None:
    f = [x for x in _findings(_real("Manchester"), "narrative_value_mismatch") if "population" in x.message]
    assert [(side_text(x.found), side_text(x.expected)) for x in f] == [("418", "409.28")]
    assert "46,667" in f[0].message and "191" in f[0].message


def test_frequency_that_does_not_follow_from_the_cohort() -> None:
    f = [x for x in _findings(_real("Monmouthshire"), "narrative_value_mismatch")]
    assert [(side_text(x.found), side_text(x.expected)) for x in f] == [("5.23", "5.55")]


def test_indicator_table_by_period_and_area() -> None:
    got = {(i.indicator, i.scope, i.period_label, str(i.value), i.unit) for i in indicators_of(_real("Southwark"))
           if i.sentence.startswith(("First Time Entrants —", "Use of Custody —", "Re-offending Rates —"))}
    assert ("first_time_entrants", "local", "Jan 18 - Dec 18", "451", "per_100000") in got
    assert ("first_time_entrants", "regional", "Jan 14 - Dec 14", "427", "per_100000") in got
    assert ("custody", "national", "Apr 18 - Mar 19", "0.30", "per_1000") in got
    assert ("reoffending", "local", "Jul 16 - Jun 17", "49.6", "percent") in got
    assert len(got) == 45


def _line_doc(text: str) -> Extraction:
    from pipeline.records import Line
    doc = Document("x", "t", "text", (Line(1, text, "\n"),))
    return extract(doc, DEFAULT_SETTINGS)


@pytest.mark.parametrize("stated,flagged", [("19%", False), ("21%", True)])
def test_percent_change_is_recomputed_from_its_figures(stated: str, flagged: bool) -> None:
    x = _line_doc(f"Funding fell from £372m in 2009/10 to £302m in 2013/14 – a reduction of {stated}.")
    f = [f for f in check(x, DEFAULT_SETTINGS) if f.check_name == "percent_change_mismatch"]
    assert bool(f) == flagged
    if f:
        assert side_text(f[0].expected) == "18.8%" and f[0].severity == "error"


def _read(text: str) -> set[tuple]:
    """What one paragraph states: (indicator, value, unit, scope, kind, period)."""
    from pipeline.records import Line
    doc = Document("x", "Youth Justice Plan 2019-20.txt", "text",
                   tuple(Line(k + 1, t, "\n") for k, t in enumerate(text.split("\n"))))
    return {(i.indicator, str(i.value), i.unit, i.scope, i.kind, i.period_label)
            for i in extract_indicators(doc, DEFAULT_SETTINGS)}


@pytest.mark.parametrize("text", [
    # shares of a subgroup
    "Of these 86% witnessed domestic violence and 35% re-offended.",
    "Of the 220 young people who completed a community resolution, 21 (10%) became first time entrants. "
    "This year so far, the figure is 3% (6 young people).",
    "Those on a court order have the highest reoffending rates (71% compared to only 24% of those receiving triage).",
    "Just 15% (n8) present with low likelihood of reoffending, while 25% (n13) present with high likelihood of "
    "reoffending.",
    "The study found 6% of the cohort responsible for 44% of the re-offences.",
    "A national report showed that 70.5% of young offenders released from custody reoffended within 12 months.",
    "For court outcomes they account for 35% of all orders and custodial outcomes 36%.",
    "The ethnicity of the caseload shows BAME young people are over-represented (75% compared to 66% and this "
    "rises for the custodial cohort (78%).",
    # not the measure
    "Among first time entrants, 'Violence Against the Person' offences fell (with a 50% drop from 21 down to 10).",
    "Respondents said the intervention made them less likely to reoffend (significantly less likely in 39%).",
    "The rate of first time entrants is measured per 100,000 of 10 to 17-year olds.",
    # a change, a bound, a range, a threshold, a denominator
    "This year we have seen an improvement of 150 first time entrants to the youth justice system.",
    "The reoffending rate has fallen to under 40% in the latest cohort.",
    "Reoffending rates have been fluctuating between 37% and 47%.",
    "Reduction in reoffending rate (G= <36%, A= 36.1-39%, R= >39%)",
    "The reoffending rate for girls was 20%.",
])
def test_not_a_statement_of_the_measure(text: str) -> None:
    assert _read(text) == set()


def test_a_hedged_figure_is_a_statement_with_its_qualifier() -> None:
    """'hovered just below 50%': the labelled set (Southwark) reads 50%, with its hedge kept as the qualifier."""
    doc = Document("x", "Youth Justice Plan 2019-20.txt", "text",
                   (Line(1, "The reoffending rate has hovered just below 50% for most of the year.", "\n"),))
    got = [(i.value, i.unit, i.qualifier) for i in extract_indicators(doc, DEFAULT_SETTINGS)]
    assert got == [(Decimal("50"), "percent", "just below")]


def test_a_denominator_is_not_a_custody_count() -> None:
    """The numerator of 'N out of M' is the count of custodial sentences (the labelled set reads Merton's '1'); the
    denominator, the disposals, never is."""
    assert _read("Custody: 1.4% [1 custody out of 70 disposals]") == {
        ("custody", "1.4", "percent", "local", "actual", None), ("custody", "1", "count", "local", "actual", None)}


def test_a_frequency_over_reoffenders_is_the_measure_not_the_whole_cohort_figure() -> None:
    """'Reoffences: 2.26 (whole cohort) 4.38 (reoffenders)': the labelled set reads 4.38 per re-offender (and lists
    2.26 per cohort member as no statement)."""
    got = _read("Reoffences: 2.26 (whole cohort) 4.38 (reoffenders) - increased 27.5%")
    assert ("reoffending", "4.38", "reoffences_per_reoffender", "local", "actual", None) in got
    assert not any(v == "2.26" for _, v, *_ in got)


def test_national_in_a_name_is_not_the_scope() -> None:
    got = _read("Data from the Police National Computer sets our binary reoffending rate at 37.4%.")
    assert got == {("reoffending", "37.4", "percent", "local", "actual", None)}
    got = _read("Our reoffending rate is 31.6%, lower than the National average of 38.4%.")
    assert ("reoffending", "38.4", "percent", "national", "actual", None) in got


@pytest.mark.parametrize("text,want", [
    ("The reoffending rate has gone up in Oct - Dec 2016 by 4.1%.",
     ("reoffending", "4.1", "percent_change", "local", "actual", "Oct - Dec 2016")),
    ("The binary reoffending rate fell from 47.1% in the year 2013/14 to 43.2% in the latest data.",
     ("reoffending", "43.2", "percent", "local", "actual", None)),
    ("The reoffending rate was 47.9% in Apr 2017 - Jun 2017 (compared with 38.4% nationally), and has risen "
     "compared with the previous year.",
     ("reoffending", "38.4", "percent", "national", "actual", "Apr 2017 - Jun 2017")),
    ("The custody rate released by the YJB in June 2019 was 0.38 per 1000 of the 10 to 17 population.",
     ("custody", "0.38", "per_1000", "local", "actual", None)),
    ("The target was not to exceed 9 custodial sentences, which was the total for 2017/18.",
     ("custody", "9", "count", "local", "target", None)),
    ("Custody rate per 1,000 = 0.17 (decrease compared to last year's 0.26)",
     ("custody", "0.17", "per_1000", "local", "actual", None)),
    ("First time entrants were 4% lower than the numbers in 2017-18.",
     ("first_time_entrants", "-4", "percent_change", "local", "actual", "compared with 2017/18")),
    ("The reoffending rate of 35% shows a reduction from last year.",
     ("reoffending", "35", "percent", "local", "actual", None)),
    ("The binary reoffending rate was 36.5%, an improvement on last year.",
     ("reoffending", "36.5", "percent", "local", "actual", None)),
    ("The reoffending rate was 47.9%, compared with the previous year (44.2% in Apr 2016 - Jun 2016).",
     ("reoffending", "44.2", "percent", "local", "actual", "Apr 2016 - Jun 2016")),
    ("In June 2019 there were 9 children in custody, a reduction of 53%.",
     ("custody", "-53", "percent_change", "local", "actual", "June 2019")),
])
def test_the_period_that_dates_a_figure(text: str, want: tuple) -> None:
    assert want in _read(text)


def test_a_chart_series_label_does_not_label_the_next_series_value() -> None:
    from pipeline.records import Line
    texts = ["44.6%", "40.4%", "40.0%", "Binary rate - Oct 16 - Dec 16 cohort (latest period)", "", "40.5%", "36.2%"]
    ends = ["\r", "\r", "\r", "\r\n", "\r\n", "\r", "\r"]
    doc = Document("x", "t", "text", tuple(Line(k + 1, t, e) for k, (t, e) in enumerate(zip(texts, ends))))
    assert [i.value for i in extract_indicators(doc, DEFAULT_SETTINGS)] == []


def test_a_figure_in_a_multi_line_cell_points_at_its_line() -> None:
    got = [i for i in indicators_of(_real("Plymouth")) if i.raw in ("27.6%", "34.1%")]
    assert [(i.raw, i.prov.line) for i in got] == [("27.6%", 611), ("34.1%", 612)]


def test_an_aim_is_a_target() -> None:
    assert _read("We aim to reduce reoffending to 35% by 2020.") == {
        ("reoffending", "35", "percent", "local", "target", "2020")}


def test_end_of_another_from_to_pair_is_not_a_stated_change() -> None:
    """'the rate from 13.8% to 15% and the threshold from £9,100 to £5,000': 15% is the first pair's end, not a
    change of the second (a false alarm on a council budget paper)."""
    text = ("Employer National Insurance increases, including an increase in the rate from 13.8% to 15% and a "
            "reduction in the threshold at which contributions become payable from £9,100 to £5,000.")
    doc = read_text(text.encode(), "ni.txt")
    assert [f for f in check(extract(doc, DEFAULT_SETTINGS), DEFAULT_SETTINGS)
            if f.check_name == "percent_change_mismatch"] == []

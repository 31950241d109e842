"""normalisers.diagnosis: what probably happened, on constructed findings and on the real figures."""
from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import replace
from pathlib import Path

import pytest

from normalisers.diagnosis import (Figure, Row, diagnose_finding, diagnose_footnote_digit, diagnose_rounding,
                                   diagnose_row_left_out, diagnose_typing_slip, parse_figure)
from pipeline.records import (Amount, BudgetLine, BudgetTable, Diagnosis, Document, DocumentMeta, Extraction,
                              Finding, Line, Provenance, Side)
from pipeline.wording import grouped

SHA = "0" * 64
D = Decimal


def printed(text: str) -> Side:
    """A side as a check builds it from a printed figure: its value and the figure as printed."""
    return Side(D(re.sub(r"[£,\s]", "", text)), raw=text)


def supported(f: Finding) -> Decimal | None:
    return f.diagnosis.supported_value if f.diagnosis else None


def fig(text: str) -> Figure:
    f = parse_figure(text)
    assert f is not None
    return f


def amount(v: str | None) -> Amount:
    """A printed '-' is 0, a blank cell is None (as the gold README has it)."""
    if v is None:
        return Amount("", None)
    return Amount(v, D(0) if v == "-" else D(v.replace(",", "")))


def table(index: int, line0: int, rows: list[tuple[str, str, str | None, str | None, str | None]]) -> BudgetTable:
    """rows: (label, agency, staffing, delegated, total) as printed."""
    lines = tuple(BudgetLine(agency=a, label=lab, staffing=amount(s), payments_in_kind=amount(None),
                             delegated=amount(d), total=amount(t), prov=Provenance(SHA, line=line0 + i, raw_text=lab))
                  for i, (lab, a, s, d, t) in enumerate(rows, start=1))
    return BudgetTable(index=index, anchor="Budget", columns_printed=("staffing", "delegated", "total"), lines=lines,
                       printed_total=None, prov=Provenance(SHA, line=line0), method="tab")


def extraction(*tables: BudgetTable) -> Extraction:
    doc = Document(SHA, "t.txt", "text", (Line(1, "x"),))
    return Extraction(doc, DocumentMeta("Somewhere", "2019/20", "youth_justice_plan", ""), budget_tables=tables)


# Milton Keynes' appendix table (seed 000, line 252): its rows add up to 1,234,757
MK = table(1, 251, [("Police", "police", "54,015", None, "54,015"),
                    ("Police and Crime Commissioner", "pcc", None, "116,900", "116,900"),
                    ("Probation", "probation", None, "29,776", "29,776"),
                    ("Health", "health", "32,185", "31,502", "63,687"),
                    ("Local Authority", "local_authority", None, "609,347", "609,347"),
                    ("YJB", "yjb", None, "268,311", "268,311"),
                    ("Other", "other", "22,721", "70,000", "92,721")])

# Blackpool (seed 002): section 4 has the PCC row, section 12 does not
BP4 = table(1, 112, [("Local Authority", "local_authority", "595,998", "817,731", "1,413,729"),
                     ("Police Service", "police", "43,674", "41,941", "85,615"),
                     ("National Probation Service", "probation", "40,000", "5,000", "45,000"),
                     ("Clinical Commissioning Group", "health", "39,974", "15,156", "55,130"),
                     ("Police and Crime Commissioner", "pcc", "-", "36,225", "36,225"),
                     ("YJB Good Practice and Remand Placements Grants", "yjb", "357,141", "70,000", "427,141"),
                     ("Other", "other", "-", "-", "-")])
BP12 = table(2, 219, [("Police", "police", "43,674", "41,941", "85,615"),
                      ("Probation", "probation", "40,000", "5,000", "45,000"),
                      ("Health", "health", "39,974", "15,156", "55,130"),
                      ("Local Authority", "local_authority", "595,998", "817,731", "1,413,729"),
                      ("YJB", "yjb", "357,141", "70,000", "427,141"),
                      ("Other", "other", None, None, "0")])

# Merton (real plan): the PCC row's 69,186 is left out of the delegated column total 241,017
MERTON = table(1, 174, [("Police", "police", "108,000", None, "108,000"),
                        ("Police and Crime Commissioner", "pcc", None, "69,186", "69,186"),
                        ("Probation", "probation", "22,500", "5,000", "27,500"),
                        ("Health", "health", "72,635", "22,787", "95,422"),
                        ("Local Authority", "local_authority", "616,190", "213,230", "829,420"),
                        ("YJB", "yjb", "197,286", None, "197,286"),
                        ("Other (Education)", "local_authority", "45,380", None, "45,380")])


def test_milton_keynes_narrative_total_is_a_typing_slip_and_the_table_value_is_supported():
    f = Finding("narrative_total_mismatch", "error", "The plan's text gives a different budget total.",
                expected=Side(D(1234757)), found=printed("£1,223,757"), difference=D("-11000"),
                evidence=(Provenance(SHA, line=88), Provenance(SHA, line=252)))
    out = diagnose_finding(f, extraction(MK)).diagnosis
    assert out and out.kind == "typing_slip" and out.supported_value == D(1234757)
    assert out.text.startswith("Typing slip (two digits mistyped)")
    assert "3rd and 4th" in out.text and "'23'" in out.text and "'34'" in out.text
    after = diagnose_finding(f, extraction(MK))
    assert (after.expected, after.found, after.difference) == (f.expected, f.found, f.difference)  # printed kept


def test_the_supported_side_is_the_one_the_table_adds_up_to_whichever_side_it_is_on():
    f = Finding("narrative_total_mismatch", "error", "m", expected=printed("£1,223,757"), found=Side(D(1234757)))
    assert supported(diagnose_finding(f, extraction(MK))) == D(1234757)


def test_merton_column_total_leaves_out_the_pcc_row():
    f = Finding("column_sum_mismatch", "error", "m", expected=Side(D(310203)), found=printed("241,017"),
                difference=D("-69186"), prov=Provenance(SHA, line=174))
    out = diagnose_finding(f, extraction(MERTON))
    assert supported(out) == D(310203) and out.diagnosis and out.diagnosis.kind == "row_left_out"
    assert "'Police and Crime Commissioner' row of table 1 (69,186) is left out of the total" in out.diagnosis.text


def test_blackpool_tables_disagree_by_the_pcc_row_missing_from_the_second_table():
    f = Finding("tables_disagree", "error", "m", expected=printed("2,062,840"), found=printed("2,026,615"),
                difference=D("-36225"), evidence=(Provenance(SHA, line=120), Provenance(SHA, line=226)))
    out = diagnose_finding(f, extraction(BP4, BP12))
    assert out.diagnosis and out.diagnosis.text.startswith("A row left out")
    assert "table 1 has the 'Police and Crime Commissioner' row (36,225) and table 2 does not" in out.diagnosis.text
    assert supported(out) == D(2062840)


def test_a_stray_space_is_a_format_slip():
    f = Finding("malformed_number", "warning", "m", expected=Side(D(2026615)), found=printed("2,026, 615"))
    out = diagnose_finding(f, extraction(BP4, BP12))
    assert out.diagnosis and "stray space" in out.diagnosis.text and supported(out) == D(2026615)


def test_a_cells_figure_is_read_as_printed():
    assert parse_figure("£1,223,757").value == D(1223757)  # type: ignore[union-attr]
    assert parse_figure("2,026, 615").raw == "2,026, 615"  # type: ignore[union-attr]
    assert parse_figure("6,7711").raw == "6,7711"  # type: ignore[union-attr]
    assert parse_figure("TBC") is None


def test_a_malformed_number_with_nothing_to_compare_is_still_named():
    f = Finding("malformed_number", "warning", "m", expected=Side(None, "a regularly grouped amount"),
                found=printed("2,026, 615"))
    out = diagnose_finding(f)
    assert out.diagnosis and out.diagnosis.text.startswith("A format slip") and supported(out) == D(2026615)


def test_typing_slip_variants():
    one = diagnose_typing_slip(D(239206), D(239406))  # N Somerset's YJB grant
    assert one and "a digit mistyped" in one.text and "4th digit" in one.text
    swapped = diagnose_typing_slip(D(1243757), D(1234757))
    assert swapped and "transposed" in swapped.text
    assert diagnose_typing_slip(D(53), D(51)) is None  # too short to tell a slip from a different figure
    assert diagnose_typing_slip(D(635509), D(636139)) is None  # three digits differ
    assert diagnose_typing_slip(D(12345), D(123456)) is None


def test_row_left_out_needs_exactly_one_row():
    rows = [Row(1, "A", (D(10),)), Row(1, "B", (D(10),))]
    assert diagnose_row_left_out(D(100), D(110), rows) is None  # two rows of 10: cannot say which
    assert diagnose_row_left_out(D(100), D(110), rows[:1]).supported_value == D(110)  # type: ignore[union-attr]
    assert diagnose_row_left_out(D(100), D(107), rows) is None


def test_footnote_digit_glued_to_the_printed_figure_or_to_a_row():
    d = diagnose_footnote_digit(fig("6,7711"), D(6771))
    assert d and d.kind == "footnote_digit" and "footnote 1" in d.text and d.supported_value == D(6771)
    rows = [Row(1, "Health", (D(67711),), ("6,7711",))]
    d2 = diagnose_footnote_digit(fig("10,000"), D(70940), rows)  # the sum read 6,7711 as 67,711
    assert d2 and "'Health' row prints '6,7711'" in d2.text and d2.supported_value == D(10000)
    assert diagnose_footnote_digit(fig("6,771"), D(6770)) is None


def test_rounding_within_half_a_unit_per_term():
    assert diagnose_rounding(fig("19"), D("18.8")) is not None  # '19%' for 18.8%
    assert diagnose_rounding(fig("86"), D("84.6")) is None  # N Somerset: 1.4 points is not rounding
    assert diagnose_rounding(fig("1,000"), D(1002), terms=6) is not None
    assert diagnose_rounding(fig("1.09"), D("1.0936")) is not None


def test_no_figures_no_diagnosis_and_a_checks_own_diagnosis_is_kept():
    f = Finding("unit_conflict", "warning", "custody rate per 10,000 written as a percentage",
                expected=Side(None, "per 10,000"), found=Side(None, raw="0.48%"))
    assert diagnose_finding(f).diagnosis is None
    own = Finding("x", "error", "m", expected=Side(D(1234757)), found=printed("1,223,757"),
                  diagnosis=Diagnosis("rounding", "already said"))
    assert diagnose_finding(own) == own  # ours (a typing slip) is of another kind: the check's stands


def test_a_checks_own_diagnosis_gets_our_supported_value_only_when_they_agree():
    said = Finding("column_sum_mismatch", "error", "m", expected=Side(D(310203), "sum of rows"),
                   found=Side(D(241017), "printed"), prov=Provenance(SHA, line=174),
                   diagnosis=Diagnosis("row_left_out", "the difference is the Police and Crime Commissioner row, "
                                                       "which the total leaves out"))
    out = diagnose_finding(said, extraction(MERTON))
    assert out.diagnosis and said.diagnosis and out.diagnosis.text == said.diagnosis.text
    assert supported(out) == D(310203)
    other = replace(said, diagnosis=Diagnosis("rounding", "probably a rounding artefact"))
    assert diagnose_finding(other, extraction(MERTON)) == other


def test_without_a_table_a_slip_is_named_but_no_value_is_supported():
    f = Finding("narrative_value_mismatch", "error", "m", expected=printed("1,234,757"), found=printed("1,223,757"))
    out = diagnose_finding(f, None)
    assert out.diagnosis and out.diagnosis.text.startswith("Typing slip") and supported(out) is None


# --------------------------------------------------------------------------- on the real documents, once checks land


def _seed(prefix: str) -> Path:
    from tests.conftest import SEEDS
    return next(p for p in SEEDS if p.name.startswith(prefix))


def test_milton_keynes_seed_through_the_pipeline_gets_the_typing_slip():
    from pipeline.stages import process
    path = _seed("000_")
    x = process(path.read_bytes(), str(path))
    totals = [f for f in x.findings if f.severity == "error"]
    assert len(totals) == 1, totals
    (f,) = totals
    assert {f.expected.value, f.found.value} == {D(1223757), D(1234757)}
    assert f.diagnosis and f.diagnosis.text.startswith("Typing slip") and supported(f) == D(1234757)


REAL_DIAGNOSES = [  # (plan, check, a figure of the finding, diagnosis starts with, supported value)
    ("Merton", "column_sum_mismatch", "241,017", "", "310,203"),  # the check names the row itself
    ("Merton", "grand_total_mismatch", "1,303,008", "", "1,372,194"),
    ("N Somerset", "narrative_value_mismatch", "239,206", "Typing slip (a digit mistyped)", "239,406"),
    ("Rotherham", "row_sum_mismatch", "1,585,845", "", ""),  # the grand total is right; a column total is off
    ("Rotherham", "column_sum_mismatch", "635,509", "", ""),  # 630 is no row, no slip: left undiagnosed
    ("Liverpool", "row_sum_mismatch", "76", "", ""),  # headcounts are not rounded: 76 against 78 is no rounding
]


@pytest.mark.parametrize("plan,check,figure,diagnosis,supported_value", REAL_DIAGNOSES)
def test_real_plans_through_the_pipeline(plan, check, figure, diagnosis, supported_value):
    from tests.conftest import REAL
    path = next(p for p in REAL if p.name.startswith(plan + " "))
    x = _processed(str(path))
    value = D(figure.replace(",", ""))
    hits = [f for f in x.findings if f.check_name == check and value in (f.expected.value, f.found.value)]
    assert len(hits) == 1, f"want one {check} finding with {figure} on {plan}, got {hits}"
    d = hits[0].diagnosis
    assert (d.text if d else "").startswith(diagnosis) and bool(d) == bool(diagnosis or supported_value)
    assert (grouped(d.supported_value) if d and d.supported_value is not None else "") == supported_value


_CACHE: dict[str, Extraction] = {}


def _processed(path: str) -> Extraction:
    from pipeline.stages import process
    if path not in _CACHE:
        _CACHE[path] = process(Path(path).read_bytes(), path)
    return _CACHE[path]

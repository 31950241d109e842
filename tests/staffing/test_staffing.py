"""Staffing grids over the real documents, against their gold (tests/gold), plus golden files."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.tables.cell_stream import cell_stream, fit_row
from extractors.readers.text import read_text
from extractors.staffing.extract import extract_staffing, read_staffing_grids
from pipeline.wording import side_text
from pipeline.checks.staffing import check_grid
from pipeline.records import Document, Line
from pipeline.settings import DEFAULT_SETTINGS

from tests.conftest import REAL, SEEDS, gold_for
from tests.golden_util import check_golden

STAFF_GOLD = ("seeds", "real", "real-2")  # real-2 prints no staffing grid in its text: nothing may be read there
STAFFED = [p for p in SEEDS + REAL
           if (g := gold_for(p, STAFF_GOLD)) and (g.get("staffing_fte") or g.get("staffing_headcount"))]
UNSTAFFED = [p for p in SEEDS + REAL
             if (g := gold_for(p, STAFF_GOLD)) and not (g.get("staffing_fte") or g.get("staffing_headcount"))]


@lru_cache(maxsize=None)
def doc_of(path: Path) -> Document:
    return read_text(path.read_bytes(), str(path))


def _got(path: Path) -> tuple[dict, dict]:
    return cell_sums(*extract_staffing(doc_of(path), DEFAULT_SETTINGS))


def cell_sums(fte, heads) -> tuple[dict, dict]:
    """Extracted cells summed by (contract, role, basis) and (ethnicity, role, sex), as gold lists them."""
    f: dict = {}
    for x in fte:
        f[(x.contract, x.role, x.basis)] = f.get((x.contract, x.role, x.basis), Decimal(0)) + x.fte
    h: dict = {}
    for y in heads:
        h[(y.ethnicity, y.role, y.sex)] = h.get((y.ethnicity, y.role, y.sex), 0) + y.headcount
    return f, h


@pytest.mark.parametrize("path", STAFFED, ids=lambda p: p.stem[:30])
def test_staffing_cells_match_gold(path: Path) -> None:
    gold = gold_for(path, STAFF_GOLD)
    f, h = _got(path)
    want_f = {(c["contract"], c["role"], c["basis"]): Decimal(str(c["fte"])) for c in gold.get("staffing_fte", [])}
    want_h = {(c["ethnicity"], c["role"], c["sex"]): c["count"] for c in gold.get("staffing_headcount", [])}
    assert f == want_f
    assert h == want_h


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_staffing_golden(path: Path) -> None:
    fte, heads = extract_staffing(doc_of(path), DEFAULT_SETTINGS)
    rows = [{"kind": "fte", "contract": x.contract, "role": x.role, "basis": x.basis, "value": str(x.fte),
             "raw": x.raw, "line": x.prov.line} for x in fte]
    rows += [{"kind": "headcount", "ethnicity": y.ethnicity, "group": y.ethnicity_group, "role": y.role,
              "sex": y.sex, "value": y.headcount, "raw": y.raw, "line": y.prov.line} for y in heads]
    check_golden(path.stem, "staffing", rows)


@pytest.mark.parametrize("path", UNSTAFFED, ids=lambda p: p.stem[:30])
def test_no_staffing_cells_where_gold_has_none(path: Path) -> None:
    assert _got(path) == ({}, {})


def _errors(path: Path) -> list:
    out = []
    for g in read_staffing_grids(doc_of(path), DEFAULT_SETTINGS):
        out += [f for f in check_grid(g, DEFAULT_SETTINGS) if f.severity == "error"]
    return out


def test_liverpool_headcount_totals_flagged() -> None:
    path = next(p for p in REAL if p.stem.startswith("Liverpool"))
    errors = {(f.check_name, side_text(f.found), side_text(f.expected)) for f in _errors(path)}
    assert errors == {("row_sum_mismatch", "76", "78"), ("grand_total_mismatch", "90", "88")}


@pytest.mark.parametrize("path", [p for p in STAFFED if not p.stem.startswith("Liverpool")], ids=lambda p: p.stem[:30])
def test_grids_that_add_up_raise_no_error(path: Path) -> None:
    assert _errors(path) == []


def _doc(lines: list[tuple[str, str]]) -> Document:
    return Document("x", "t", "text", tuple(Line(i + 1, t, e) for i, (t, e) in enumerate(lines)))  # type: ignore[arg-type]


def test_number_split_over_a_crlf_is_rejoined() -> None:
    cells = cell_stream(_doc([("Total", "\r"), ("12", "\r\n"), ("8", "\r"), ("White or White ", "\r\n"), ("British", "\r")]))
    assert [c.text for c in cells] == ["Total", "128", "White or White British"]
    assert cells[1].rejoined


def test_fit_row_drops_surplus_empty_cells_by_arithmetic() -> None:
    fit = fit_row(["1", "", "2", " ", "3"], 4, lambda v: v[-1] == sum(x for x in v[:-1] if x is not None))
    assert fit.unique and [c for c in fit.placements[0]] in ([0, 2, 3, 4], [0, 1, 2, 4])


def test_flattened_row_with_lost_blanks_is_placed_by_column_totals() -> None:
    """A grid on one line whose 'Seconded Police' row lost its empty cells: the Total row settles the column."""
    line = ("Contract type Strategic Managers Operational Managers Practitioners Administration Sessional Students "
            "TOTAL Part-time Full-time Part-time Full-time Part-time Full-time Part-time Full-time "
            "Permanent 0.33   2 5.29 6 0.97 2   16.59 Seconded Police 1 1 "
            "TOTAL 0.33   2 5.29 7 0.97 2   17.59")
    doc = _doc([(line, "\n")])
    fte, _ = extract_staffing(doc, DEFAULT_SETTINGS)
    police = [(x.role, x.basis, x.fte) for x in fte if x.contract == "seconded_police"]
    assert police == [("practitioner", "full_time", Decimal("1"))]
    (grid,) = read_staffing_grids(doc, DEFAULT_SETTINGS)
    assert [f for f in check_grid(grid, DEFAULT_SETTINGS) if f.severity == "error"] == []


def test_ambiguous_placement_is_reported_not_guessed() -> None:
    line = ("Contract type Strategic Managers Operational Managers Practitioners Administration Sessional Students "
            "TOTAL Part-time Full-time Part-time Full-time Part-time Full-time Part-time Full-time "
            "Permanent 1 1 Vacant 1 1 TOTAL 2 2")
    doc = _doc([(line, "\n")])
    fte, _ = extract_staffing(doc, DEFAULT_SETTINGS)
    assert fte == ()
    (grid,) = read_staffing_grids(doc, DEFAULT_SETTINGS)
    assert [i.severity for i in grid.issues] == ["warning", "warning", "warning"]
    assert "Permanent" in grid.issues[0].message and "cells were not loaded" in grid.issues[0].message


def test_reader_table_is_read_like_tab_rows() -> None:
    from pipeline.records import Cell, Provenance, Table
    rows = [["Type of Contract", "Practitioners (PT)", "Practitioners (FT)", "Sessional", "Total"],
            ["Permanent", "0.5", "3", "", "3.5"], ["Vacant", "", "1", "", "1"], ["Total", "0.5", "4", "", "4.5"]]
    p = Provenance("x", page=1)
    table = Table(tuple(tuple(Cell(t, r, c, p) for c, t in enumerate(row)) for r, row in enumerate(rows)),
                  "pdfplumber-lines", first_line=0, last_line=0, page=1)
    doc = Document("x", "t.pdf", "pdf", (Line(1, "Staffing", "\n", page=1),), tables=(table,))
    fte, _ = extract_staffing(doc, DEFAULT_SETTINGS)
    assert {(x.contract, x.role, x.basis, x.fte) for x in fte} == {
        ("permanent", "practitioner", "part_time", Decimal("0.5")), ("permanent", "practitioner", "full_time", Decimal("3")),
        ("vacant", "practitioner", "full_time", Decimal("1"))}


def _mk_with(old: str, new: str) -> Document:
    path = next(p for p in SEEDS if p.stem.startswith("000"))
    return read_text(path.read_bytes().replace(old.encode(), new.encode()), str(path))


def test_narrative_staff_claim_that_agrees_raises_nothing() -> None:
    from pipeline.checks.staffing import check
    from pipeline.stages import extract
    path = next(p for p in SEEDS if p.stem.startswith("000"))
    x = extract(doc_of(path), DEFAULT_SETTINGS)
    assert [f for f in check(x, DEFAULT_SETTINGS) if f.check_name == "narrative_value_mismatch"] == []


def test_narrative_staff_claim_that_disagrees_is_flagged() -> None:
    from pipeline.checks.staffing import check
    from pipeline.stages import extract
    x = extract(_mk_with("22 practitioner and administrative staff (17.46 FTE)",
                         "24 practitioner and administrative staff (17.46 FTE)"), DEFAULT_SETTINGS)
    f = [f for f in check(x, DEFAULT_SETTINGS) if f.check_name == "narrative_value_mismatch"]
    assert [(side_text(x.found), side_text(x.expected), x.severity) for x in f] == [("24", "22", "warning")]


def test_transposed_grid_on_spaced_rows_cuts_its_header_into_contract_types() -> None:
    """Roles as rows, contract types as columns, one row per line with blanks lost: the header line is cut into
    contract types (exactly one cut fits); a role row with fewer cells than columns is an ambiguity, not a guess."""
    from extractors.readers.text import read_text
    from extractors.staffing.grids import spaced_transposed_grids
    text = ("Staffing\n\nType of Contract Permanent Fixed-term Secondee Police Secondee Health (Mental health) Total\n"
            "Strategic Manager (PT) 1 0 0 0 1\nPractitioners (FT) 2 1\nTotal 3 0 0 0 3\n")
    [grid] = spaced_transposed_grids(read_text(text.encode(), "t.txt"))
    assert [r.label for r in grid.rows] == ["Permanent", "Fixed-term", "Secondee Police",
                                            "Secondee Health (Mental health)", "Total"]
    assert grid.rows[0].values == ["1", "3"] and any("Practitioners (FT)" in p for p in grid.problems)


def test_transposed_grid_on_one_line() -> None:
    from extractors.readers.text import read_text
    from extractors.staffing.grids import flat_grids
    text = ("Staffing \n \nType of Contract Permanent Fixed-term Secondee Police Total Strategic Manager (PT) 1 2 0 3 "
            "Practitioners (FT) 2 0 1 3 Total 3 2 1 6  \n \nEnd.\n")
    [grid] = flat_grids(read_text(text.encode(), "t.txt"))
    assert [(r.label, r.values) for r in grid.rows] == [
        ("Permanent", ["1", "2", "3"]), ("Fixed-term", ["2", "0", "2"]), ("Secondee Police", ["0", "1", "1"]),
        ("Total", ["3", "3", "6"])]

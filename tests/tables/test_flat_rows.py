"""Flattened rows (a table's cells joined by spaces, blanks lost): text printed in money cells, section headings run
into a label, and a header line cut into column names (extractors/tables/header_words.py)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.readers.text import read_text
from extractors.tables.header_words import split_header
from extractors.tables.text_grids import cell_texts, find_tables, label_and_texts, section_prefix


def _rows(text: str) -> list[tuple[str, list[str]]]:
    [t] = find_tables(read_text(text.encode("utf-8"), "t.txt"))
    return [(r.label.clean, [v.clean for v in r.values]) for r in t.rows]


def test_text_in_a_money_cell_stays_in_its_row_on_one_line() -> None:
    rows = _rows("Budget\n\nFunder Staffing In kind Other delegated funds TOTAL Police - 1,285,000 0 1,285,000 "
                 "Local Authority 11,260 in kind 6,032 17,292 YJB £1,215,000 TBC £1,215,000 Health 8,381 See note "
                 "8,381 TOTAL 1,304,641 1,285,000 6,032 2,595,673 \n")
    assert ("Local Authority", ["11,260", "in kind", "6,032", "17,292"]) in rows
    assert ("YJB", ["£1,215,000", "TBC", "£1,215,000"]) in rows
    assert ("Health", ["8,381", "See note", "8,381"]) in rows
    assert not any(label.lower() in ("in kind", "tbc", "see note") for label, _ in rows)


def test_text_cells_on_spaced_rows() -> None:
    rows = _rows("Budget\n\nAgency Staffing costs Payments in kind Total\nPolice Service - N/A -\n"
                 "Health (Public Health) 8,381 See note 8,381\nTotal 8,381 8,381\n")
    assert rows[:2] == [("Police Service", ["-", "N/A", "-"]), ("Health (Public Health)", ["8,381", "See note", "8,381"])]


def test_section_heading_run_into_a_label_is_a_row_of_its_own() -> None:
    assert section_prefix("PARTNERS CONTRIBUTIONS TO POOL BUDGET Police") == (
        "PARTNERS CONTRIBUTIONS TO POOL BUDGET", "Police")
    assert section_prefix("YOUTH JUSTICE BOARD GRANTS YJB Good Practice Grant") == (
        "YOUTH JUSTICE BOARD GRANTS", "YJB Good Practice Grant")
    assert section_prefix("OTHER GRANTS OPCC") == ("OTHER GRANTS", "OPCC")
    for label in ("Police", "LOCAL AUTHORITY", "YJB Good Practice Grant", "NHS England"):
        assert section_prefix(label) == ("", label)


def test_cell_texts_and_label_texts() -> None:
    assert cell_texts("in kind Police Service") == (["in kind"], "Police Service")
    assert cell_texts("TBC n/a Other") == (["TBC", "n/a"], "Other")
    assert cell_texts("Police") == ([], "Police")
    assert cell_texts("children were seen by the team in the year") == ([], "children were seen by the team in the year")
    assert label_and_texts("Police & Crime Commissioner n/a") == ("Police & Crime Commissioner", ["n/a"])


_NAMES = ["Police", "Probation", "Health", "Local Authority", "YJB", "Other"]


def _is_name(s: str) -> bool:
    return s in _NAMES or s == "Total"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=6, unique=True), st.booleans())
def test_split_header_recovers_the_names_when_one_cut_fits(names: list[str], total: bool) -> None:
    cols = names + (["Total"] if total else [])
    got = split_header("Agency " + " ".join(cols), len(cols), _is_name, lambda s: not _is_name(s))
    assert got == ("Agency", tuple(cols))
    assert split_header("Agency " + " ".join(cols), len(cols) + 1, _is_name) is None  # no cut gives one more


def test_split_header_two_cuts_are_an_ambiguity() -> None:
    def is_name(s: str) -> bool:
        return s in ("A", "B", "A B", "B C", "C")
    assert split_header("Agency A B C", 2, is_name, lambda s: s == "Agency") is None  # A | B C or A B | C
    assert split_header("Agency A B C", 3, is_name, lambda s: s == "Agency") == ("Agency", ("A", "B", "C"))


def test_rows_without_amounts_between_spaced_rows_stay_in_the_table() -> None:
    rows = _rows("Budget\n\nAgency Payments in kind Other delegated funds\nPolice 10,000\nProbation\nHealth\n"
                 "Local Authority\nTotal 10,000 -\n\nThe plan was agreed.\n")
    assert [label for label, _ in rows] == ["Police", "Probation", "Health", "Local Authority", "Total"]
    assert rows[-1] == ("Total", ["10,000", "-"])


def test_prose_after_a_spaced_table_does_not_join_it() -> None:
    rows = _rows("Budget\n\nAgency Staffing Total\nPolice 10,000 10,000\nHealth 5,000 5,000\n"
                 "The plan was agreed by the management board in the summer.\nTotal 15,000 15,000\n")
    assert [label for label, _ in rows] == ["Police", "Health"]


def test_header_line_with_many_lower_case_words_is_still_a_header() -> None:
    rows = _rows("Budget\n\nAgency Staffing costs Payments in kind Other delegated funds Total\n"
                 "Police £ 10,000 £ 10,000\nOther £ 11,025 £ 436 £ 436 £ 11,897\nTotal £ 21,025 £ 436 £ 436 £ 21,897\n")
    assert [label for label, _ in rows] == ["Police", "Other", "Total"]

"""Candidate tables in the shapes text conversions produce, from small documents and the real corpus."""
from __future__ import annotations

from dataclasses import replace

from extractors.readers.text import read_text
from extractors.tables.text_grids import find_tables
from pipeline.records import Cell, Provenance, Table
from tests.conftest import REAL, SEEDS


def _doc(text: str, name: str = "t.txt"):
    return read_text(text.encode("utf-8"), name)


def _rows(t):
    return [(r.label.clean, [v.clean for v in r.values]) for r in t.rows]


def test_tab_rows_with_bold_cells() -> None:
    doc = _doc("Intro\n\n<b>Delegated Funds</b>\t<b>Amount £'s</b>\nOPCC\t£90,353\nYJB\t£304,366\n"
               "<b>Total</b>\t<b>£394,719</b>\n\nAfter\n")
    [t] = find_tables(doc)
    assert t.method == "tab" and [c.clean for c in t.header] == ["Delegated Funds", "Amount £'s"]
    assert _rows(t) == [("OPCC", ["£90,353"]), ("YJB", ["£304,366"]), ("Total", ["£394,719"])]
    assert all(r.positional for r in t.rows) and t.rows[0].line == 3


def test_markdown_pipe_table() -> None:
    doc = _doc("| Agency | Staffing | Total |\n|---|---|---|\n| Police | 10 | 10 |\n| Health | 5 | 5 |\n", "t.md")
    [t] = find_tables(doc)
    assert t.method == "markdown" and _rows(t) == [("Police", ["10", "10"]), ("Health", ["5", "5"])]


def test_flattened_table_on_one_line_keeps_the_numbers_in_order() -> None:
    doc = _doc("Appendix\n\nIncome Staff (£) Delegated  funds (£) Total (£) Police 54,015  54,015 Probation  "
               "29,776 29,776 TOTAL 54,015 29,776 83,791 \n")
    [t] = find_tables(doc)
    assert t.method == "flattened" and t.header[0].clean == "Income Staff (£) Delegated funds (£) Total (£)"
    assert _rows(t) == [("Police", ["54,015", "54,015"]), ("Probation", ["29,776", "29,776"]),
                        ("TOTAL", ["54,015", "29,776", "83,791"])]
    assert not any(r.positional for r in t.rows)


def test_cr_cells_with_wrapped_cells_and_blank_cells() -> None:
    text = ("Funding 2019/20\r\n\r\nAgency\rStaffing\rOther delegated funds\rTotal\r"
            "Police\r82,420\r\r82,420\r"
            "Public Health\r\n(for substance misuse)\r9,478\r\r\n5,681\r\n\r15,159\r"
            "Total\r91,898\r5,681\r97,579\r\r\nA paragraph that follows the table and is long enough to be prose.\r\n")
    [t] = find_tables(_doc(text))
    assert t.method == "cr-cells" and [c.clean for c in t.header] == ["Agency", "Staffing", "Other delegated funds", "Total"]
    assert _rows(t) == [("Police", ["82,420", "", "82,420"]),
                        ("Public Health (for substance misuse)", ["9,478", "5,681", "15,159"]),
                        ("Total", ["91,898", "5,681", "97,579"])]
    assert t.rows[1].label.parts == ("Public Health", "(for substance misuse)")


def test_tab_rows_right_after_cr_cells_belong_to_that_table() -> None:
    text = ("Agency\rBudget\rTotal\rPolice\r£10.00\r£10.00\rYJB\r£5.00\r£5.00\r"
            "DSG \t£3.00 \n  \t£18.00 \n")
    [t] = find_tables(_doc(text))
    assert t.method == "cr-cells+tab" and _rows(t)[-2:] == [("DSG", ["£3.00"]), ("", ["£18.00"])]


def test_reader_tables_are_used_and_their_lines_not_searched_again() -> None:
    doc = _doc("Budget 2019/20\nAgency\tStaffing\tTotal\nPolice\t10\t10\nHealth\t5\t5\n")
    prov = Provenance(doc.sha256, page=3, bbox=(10.0, 20.0, 30.0, 40.0), raw_text="x")
    grid = [["Agency", "Staffing", "Total"], ["Police", "10", "10"], ["Health", "5", "5"]]
    table = Table(tuple(tuple(Cell(v, r, c, replace(prov, raw_text=v)) for c, v in enumerate(row))
                        for r, row in enumerate(grid)), "pdfplumber-lines", first_line=1, last_line=3, page=3)
    [t] = find_tables(replace(doc, tables=(table,)))
    assert t.method == "reader-pdfplumber-lines" and _rows(t) == [("Police", ["10", "10"]), ("Health", ["5", "5"])]
    assert t.rows[0].label.prov is not None and t.rows[0].label.prov.page == 3


def test_real_cr_tables_are_split_at_a_new_header() -> None:
    """A staffing table and the budget table right after it in one run of CR cells are two tables."""
    path = next(p for p in REAL if p.name.startswith("Southwark"))
    doc = read_text(path.read_bytes(), str(path))
    headers = [t.header_text for t in find_tables(doc)]
    assert "Agency | Staffing costs | Payments in kind | Other delegated funds | Total" in headers


def test_every_bundled_document_is_searched_quickly() -> None:
    for path in SEEDS + REAL:
        find_tables(read_text(path.read_bytes(), str(path)))


def test_header_over_two_rows_is_joined_and_an_empty_first_row_is_kept() -> None:
    doc = _doc("Agency\tStaffing\tPayments in kind –\tTotal\n\t(£)\trevenue (£)\t(£)\nPolice\t\t\t\n"
               "Health\t5\t\t5\n")
    [t] = find_tables(doc)
    assert [c.clean for c in t.header] == ["Agency", "Staffing (£)", "Payments in kind – revenue (£)", "Total (£)"]
    assert _rows(t) == [("Police", ["", "", ""]), ("Health", ["5", "", "5"])]


def test_one_segmentation_of_one_cell_per_line_text_for_every_family() -> None:
    """Bare-CR cells are segmented once (extractors.tables.segments); the grid finder and the staffing cell
    stream both read those segments, so a cell's lines are the same in both."""
    from extractors.tables.cell_stream import cell_stream
    from extractors.tables.segments import cr_segments
    doc = _doc("Intro paragraph\r\nTable 1\r\nAgency\rStaffing\rTotal\rPolice\r1,000\r1,000\rHealth\r\n(CCG)\r5\r5\r\r\n")
    segs = cr_segments(doc)
    assert [s.line for s in segs] == [c.last for c in cell_stream(doc)]
    [t] = find_tables(doc)
    health = t.rows[-1].label
    assert health.parts == ("Health", "(CCG)") and health.line == next(s.wraps[0] for s in segs if s.wraps == (health.line,))


def test_rows_on_their_own_lines_with_spaces_between_cells() -> None:
    doc = _doc("Funding 2019/20\n\nAgency Staffing costs Other delegated funds Total\nPolice Service 83,259 83,259\n"
               "Welsh Government -\nLocal authority* 524,288 330,548 854,836\nTOTAL 607,547 330,548 937,095\n\nAfter.\n")
    [t] = find_tables(doc)
    assert t.method == "spaced-rows" and t.header_text.startswith("Agency")
    assert _rows(t) == [("Police Service", ["83,259", "83,259"]), ("Welsh Government", ["-"]),
                        ("Local authority*", ["524,288", "330,548", "854,836"]),
                        ("TOTAL", ["607,547", "330,548", "937,095"])]


def test_a_dash_inside_a_label_of_a_table_on_one_line_stays_text() -> None:
    doc = _doc("Income Staff (£) Delegated funds (£) Total (£) Youth Justice Board - JAC Grant 1,000 1,000 "
               "Police   - 5,000 5,000 Health £ - 2,000 2,000 TOTAL 1,000 7,000 8,000\n")
    [t] = find_tables(doc)
    assert [r.label.clean for r in t.rows] == ["Youth Justice Board - JAC Grant", "Police", "Health", "TOTAL"]
    assert [v.clean for v in t.rows[1].values] == ["-", "5,000", "5,000"]


def test_a_pound_sign_in_a_column_of_its_own_joins_its_amount() -> None:
    doc = _doc("Budget 2019/20\n\nAgency Staffing (£) Delegated funds Total (£)\n"
               "Police\t£\t1,000\t\t\t£\t1,000\nHealth\t£\t-\t£\t2,500\t£\t2,500\nTotal\t£\t1,000\t£\t2,500\t£\t3,500\n")
    [t] = find_tables(doc)
    assert _rows(t) == [("Police", ["£ 1,000", "", "£ 1,000"]), ("Health", ["£ -", "£ 2,500", "£ 2,500"]),
                        ("Total", ["£ 1,000", "£ 2,500", "£ 3,500"])]


def test_two_tables_read_as_one_grid_are_split_at_the_second_header() -> None:
    """A reader joining two tables a caption apart: the caption row and a row of column headings start the second."""
    doc = _doc("Budget 2018/19\n\nAgency\tStaffing costs\tTotal\nPolice\t1,000\t1,000\nHealth\t2,000\t2,000\n"
               "Budget\t2019/20\t\nPartner\tStaffing costs\tTotal\nPolice\t1,500\t1,500\nHealth\t2,500\t2,500\n")
    first, second = find_tables(doc)
    assert [r.label.clean for r in first.rows] == ["Police", "Health"] and not first.caption
    assert second.caption == "Budget 2019/20" and [c.clean for c in second.header] == ["Partner", "Staffing costs", "Total"]
    assert _rows(second) == [("Police", ["1,500", "1,500"]), ("Health", ["2,500", "2,500"])]

"""Column headings wrapped over several lines inside their cells of an unruled PDF table ('Strategic' /
'Managers' / '(PT)', left-aligned, so every line of a heading starts at the same x) are read whole and in
reading order, one heading per column (readers/pdf_grids.py: _heading_cells, regroup_headings)."""
from __future__ import annotations

import pymupdf
from hypothesis import HealthCheck, example, given, settings, strategies as st

from extractors.readers.pdf import read_pdf

WORDS = ("Strategic", "Managers", "(PT)", "(FT)", "Operational", "Practitioners", "Administration", "Sessional",
         "workers", "Students/", "trainees", "Volunteers")
SIZE = 7.5
# narrow columns, as a 12-column grid on a portrait page has: the longest word fits with 8 pt to spare
PITCH = max(pymupdf.get_text_length(w, fontsize=SIZE) for w in WORDS) + 8


def _render(headings: list[list[str]], rows: list[tuple[str, list[str]]]) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((50, 60), "Staffing of the service by contract type", fontsize=11)
    xs = [50 + 110 + PITCH * k for k in range(len(headings))]
    y = 100.0
    page.insert_text((54, y), "Contract type", fontsize=SIZE)
    for x, lines in zip(xs, headings):
        for k, word in enumerate(lines):  # one word per line: the cell is too narrow for two
            page.insert_text((x, y + k * SIZE * 1.25), word, fontsize=SIZE)
    y += max(len(h) for h in headings) * SIZE * 1.25 + 8
    for label, cells in rows:
        page.insert_text((54, y), label, fontsize=SIZE)
        for x, text in zip(xs, cells):
            if text:
                page.insert_text((x + PITCH - 8 - pymupdf.get_text_length(text, fontsize=SIZE), y), text, fontsize=SIZE)
        y += SIZE * 1.25 + 6
    data: bytes = doc.tobytes()
    doc.close()
    return data


headings = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), min_size=3, max_size=6)


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(headings, st.integers(1, 9))
@example([["Strategic", "Managers", "(PT)"], ["Strategic", "Managers", "(FT)"], ["Sessional", "workers"], ["Total"]], 4)
def test_wrapped_headings_read_whole_in_reading_order(heads: list[list[str]], seed: int) -> None:
    n = len(heads)
    labels = ["Permanent", "Fixed-term", "Vacant", "Total"]
    rows = [(lab, [str((seed * (i + 3) * (k + 1)) % 9 + 1) for k in range(n)]) for i, lab in enumerate(labels)]
    doc = read_pdf(_render(heads, rows), "wrapped.pdf")
    table = next(t for t in doc.tables if any(c.text == "Permanent" for r in t.rows for c in r))
    header = [c.text for c in table.rows[0]]
    assert header[1:] == [" ".join(h) for h in heads]


def test_a_wrapped_heading_is_read_line_by_line_whatever_its_lines_left_edges() -> None:
    """Each line of a left-aligned wrapped heading starts a fraction of a point apart (glyph side bearings): the
    heading is read top line first, not in the order of those fractions; a group ends at its widest line."""
    from extractors.readers.pdf_grids import _heading_cells
    from extractors.readers.pdf_words import Word
    row = [Word(163.1, 146.5, 178.0, 152.0, "Strategic", 0, 0), Word(163.0, 151.3, 180.2, 156.8, "Managers", 0, 1),
           Word(162.9, 156.1, 170.0, 161.6, "(PT)", 0, 2), Word(195.0, 146.5, 210.0, 152.0, "Total", 0, 3)]
    row.sort(key=lambda w: w.x0)
    cells = _heading_cells(row, [(150.0, 187.0), (190.0, 215.0)], 5.5)
    assert cells is not None and [c[0] for c in cells] == ["Strategic Managers (PT)", "Total"]


LABELS = ("Permanent", "Fixed-term", "Outsourced", "Vacant", "Secondee Police", "Secondee Other", "Total")


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(("empty", "one", "some")), min_size=3, max_size=6), st.integers(0, 999),
       st.lists(st.sampled_from(WORDS), min_size=7, max_size=7, unique=True), st.booleans())
def test_a_sparse_grid_keeps_its_columns(kinds: list[str], seed: int, words: list[str], long: bool) -> None:
    """Columns that only one row fills, or none, beside each other, under short headings or long ones that come
    closer to the next than a cell gap: every figure is read under its own heading (a figure is never whitespace;
    a heading over a column printed empty names no figures; headings are told apart at a heading gap)."""
    heads = [[words[k], "(PT)" if k % 2 else "(FT)"] if long else [f"Role{k}", "(PT)" if k % 2 else "(FT)"]
             for k in range(len(kinds) + 1)]
    kinds = kinds + ["some"]  # the rows that print figures are never more than two apart
    rows = [(lab, [""] * len(kinds)) for lab in LABELS]
    for k, kind in enumerate(kinds):
        filled = [] if kind == "empty" else [(seed + k) % (len(LABELS) - 1)] if kind == "one" else [0, 2, 4]
        for i in filled:
            rows[i][1][k] = str((seed * (k + 1) + i) % 9 + 1)
        if filled:  # the Total row adds up the column
            rows[-1][1][k] = str(sum(int(rows[i][1][k]) for i in filled))
    doc = read_pdf(_render(heads, rows), "sparse.pdf")
    got = {}
    for t in doc.tables:
        head = [c.text for c in t.rows[0]]
        for r in t.rows[1:]:
            for j, c in enumerate(r[1:], 1):
                if c.text:
                    got[(r[0].text, head[j] if j < len(head) else "")] = c.text
    want = {(lab, " ".join(heads[k])): v for lab, vals in rows for k, v in enumerate(vals) if v}
    assert got == want


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(3, 12), st.integers(1, 9))
def test_rows_with_only_a_label_keep_the_grid_whole(empty: int, v: int) -> None:
    """A grid with many empty rows (a label in the first column, every cell blank) is one table to its Total
    row, however many such rows follow each other; the prose under it stays out."""
    heads = [["Strategic", "Manager"], ["Practitioners"], ["Total"]]
    labels = ["Permanent"] + [f"Secondee Other {k}" for k in range(empty)] + ["Total"]
    rows = [(lab, [str(v), "", str(v)] if lab in ("Permanent", "Total") else ["", "", ""]) for lab in labels]
    data = _render(heads, rows)
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        page = pdf[0]
        page.insert_text((50, 100 + (len(rows) + 3) * (SIZE * 1.25 + 6) + 20), "The board agreed the plan.", fontsize=10)
        data = pdf.tobytes()
    doc = read_pdf(data, "empty-rows.pdf")
    tables = [t for t in doc.tables if any(c.text == "Permanent" for r in t.rows for c in r)]
    assert len(tables) == 1
    assert [r[0].text for r in tables[0].rows[1:]] == labels


def test_a_heading_past_the_last_figures_heads_an_empty_column() -> None:
    """Two headings fall to the last column: the one that starts right of all its figures heads a column printed
    empty at the end ('Volunteer'), and the one over the figures keeps them ('Students/ trainees')."""
    from extractors.readers.pdf_grids import _heading_cells
    from extractors.readers.pdf_words import Word
    row = [Word(100.0, 10.0, 120.0, 15.0, "Sessional", 0, 0), Word(140.0, 10.0, 160.0, 15.0, "Students/", 0, 1),
           Word(140.0, 15.0, 158.0, 20.0, "trainees", 0, 2), Word(180.0, 10.0, 200.0, 15.0, "Volunteer", 0, 3)]
    cells = _heading_cells(row, [(110.0, 125.0), (160.0, 170.0)], 5.0)
    assert cells is not None and [c[0] for c in cells] == ["Sessional", "Students/ trainees"]

"""A staffing grid whose column headers are wrapped over two header rows ('Strategic' over 'Manager (PT)'), as a
reader gives a PDF table with headers wrapped in their cells: the header is read column by column, so every cell
lands under its own role and basis, whatever the words each header row holds (extract._choose_columns)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from extractors.readers.text import read_text
from extractors.staffing.extract import read_staffing_grids
from pipeline.settings import DEFAULT_SETTINGS

HEADS = (("Strategic Manager (PT)", ("strategic_manager", "part_time")),
         ("Strategic Manager (FT)", ("strategic_manager", "full_time")),
         ("Operational Managers (PT)", ("operational_manager", "part_time")),
         ("Operational Managers (FT)", ("operational_manager", "full_time")),
         ("Practitioner (PT)", ("practitioner", "part_time")), ("Practitioner (FT)", ("practitioner", "full_time")),
         ("Administrative (PT)", ("administrative", "part_time")),
         ("Administrative (FT)", ("administrative", "full_time")),
         ("Sessional workers", ("sessional", None)), ("Students", ("student", None)), ("Volunteer", ("volunteer", None)),
         ("Total", ("total", None)))


@settings(max_examples=30, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(st.integers(0, 3), min_size=len(HEADS), max_size=len(HEADS)), st.integers(1, 9))
def test_header_wrapped_over_two_rows_is_read_by_column(cuts: list[int], k: int) -> None:
    tops, bottoms = [], []
    for (head, _), cut in zip(HEADS, cuts):
        words = head.split()
        cut = min(cut, len(words) - 1) if len(words) > 1 else 1
        tops.append(" ".join(words[:cut]))
        bottoms.append(" ".join(words[cut:]))
    values = [str((k * (i + 2)) % 7 + 1) for i in range(len(HEADS) - 1)]
    total = str(sum(int(v) for v in values))
    lines = ["Staffing of the service", "\t".join(["Contract type"] + tops), "\t".join([""] + bottoms),
             "\t".join(["Permanent"] + values + [total]), "\t".join(["Total"] + values + [total]), ""]
    doc = read_text("\n".join(lines).encode(), "wrapped.txt")
    grids = read_staffing_grids(doc, DEFAULT_SETTINGS)
    assert len(grids) == 1
    assert list(grids[0].columns) == [c for _, c in HEADS]


def test_a_grid_printing_one_role_and_its_total_is_read() -> None:
    """The columns nobody fills left out (as a PDF reader leaves out columns printed empty): one role column and
    the Total, under contract rows, is still a grid (extract._narrow_but_named)."""
    lines = ["Staffing", "Contract type\tPractitioners (FT)\tTotal", "Permanent\t3\t3", "Fixed-term\t\t",
             "Vacant\t1.5\t1.5", "Secondee Police\t\t", "Total\t4.5\t4.5", ""]
    doc = read_text("\n".join(lines).encode(), "narrow.txt")
    grids = read_staffing_grids(doc, DEFAULT_SETTINGS)
    assert len(grids) == 1
    got = {(r.code, v) for r in grids[0].rows for (role, _), v in zip(grids[0].columns, r.values) if v and role != "total"}
    assert got == {("permanent", 3), ("vacant", 1.5)}


def test_a_grid_broken_over_a_page_is_one_grid() -> None:
    """The header printed again over the rest of the rows, a column that the first part prints empty left out of
    it (as a PDF reader does): one grid, its columns the wider header's, and its Total row adds up (no alarm)."""
    from pipeline.checks.staffing import check_grid
    lines = ["Staffing", "Contract type\tPractitioners (PT)\tPractitioners (FT)\tTotal", "Permanent\t1\t2\t3",
             "Vacant\t\t1\t1", "", "Page 2", "",
             "Contract type\tOperational Manager (FT)\tPractitioners (PT)\tPractitioners (FT)\tTotal",
             "Secondee Police\t2\t\t1\t3", "Secondee Other\t\t0.5\t\t0.5", "Total\t2\t1.5\t4\t7.5", ""]
    doc = read_text("\n".join(lines).encode(), "split.txt")
    grids = read_staffing_grids(doc, DEFAULT_SETTINGS)
    assert len(grids) == 1 and len(grids[0].rows) == 4
    assert [f for f in check_grid(grids[0], DEFAULT_SETTINGS) if f.severity == "error"] == []

"""Staffing headcount grids (the YJB template's "by gender / ethnicity" table and its printed variants): truth,
Hypothesis strategy, blocks, properties.

Printed as ethnicity rows by role columns, each role spanning an M and an F column (two header rows: roles over
sexes), with or without a Total column pair and a Total row. Expected output (tests/gold/seeds/README.md): one
``StaffingHeadcount`` per non-zero body cell, keyed ``(ethnicity as printed, role, sex)``; blank and 0 cells
are not records; the Total row and columns are printed totals, never records; nothing is read as a partner
budget or an FTE cell. A row the reader records as ambiguous (a warning naming it) may be left out. A seeded
slip (a row's total or a Total row cell off by a typing slip) is raised as an arithmetic error; a grid without
one raises none.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Optional

from hypothesis import strategies as st

from pipeline.records import Extraction
from tests.generated.grids import Block, Grid
from tests.generated.properties import Failure, cell_failures

SHAPES = ("plain", "partial_roles", "zeros", "no_total_col", "no_total_row", "female_first", "full_words",
          "detailed_ethnicities", "slip_row", "slip_column")
ROLES = (("strategic_manager", ("Strategic Managers", "Managers Strategic", "Strategic Manager")),
         ("operational_manager", ("Operational Managers", "Managers Operational", "Operational Manager")),
         ("practitioner", ("Practitioners", "Practitioner")),
         ("administrative", ("Administrative", "Administration")),
         ("sessional", ("Sessional", "Sessional workers")),
         ("student", ("Student", "Students")),
         ("referral_order_panel_volunteer", ("Referral Order Panel Volunteers", "Referral Order Panel Volunteer")),
         ("other_volunteer", ("Other Volunteers", "Other Volunteer")))
GROUPS = ("White", "Mixed", "Asian", "Black", "Chinese or other ethnic group", "Not known")
DETAILED = ("White British", "White Irish", "Any other White background", "White and Black Caribbean",
            "Indian", "Pakistani", "Bangladeshi", "Black Caribbean", "Black African", "Any other ethnic group",
            "Prefer not to say")
ANCHORS = ("By gender / ethnicity", "Staffing by ethnicity and gender", "Appendix 3 Staffing: headcount by ethnicity and sex")


@dataclass(frozen=True)
class HeadDoc:
    shape: str
    anchor: str
    corner: str
    roles: tuple[tuple[str, str], ...]  # (role code, header text)
    sexes: tuple[str, str]  # printed sub-headers, in print order
    codes: tuple[str, str]  # 'M'/'F' in print order
    rows: tuple[tuple[str, tuple[Optional[int], ...]], ...]  # ethnicity label, counts per (role, sex) column
    zero: str
    total_col: bool
    total_row: bool
    slip: Optional[tuple[str, int, int]] = None  # ('row', row index, added) on a row's first total; ('column', column, added)

    def _raw(self, v: Optional[int]) -> str:
        return str(v) if v else self.zero

    def blocks(self) -> list[Block]:
        top: tuple[str, ...] = (self.corner,) + tuple(x for _, name in self.roles for x in (name, ""))
        sub: tuple[str, ...] = ("",) + self.sexes * len(self.roles)
        if self.total_col:
            top += ("Total", "")
            sub += self.sexes
        rows: list[tuple[str, ...]] = [top, sub]
        kinds = ["header", "header"]
        for label, vals in self.rows:
            cells = tuple(self._raw(v) for v in vals)
            if self.total_col:
                extra = self.slip[2] if self.slip and self.slip[:2] == ("row", len(rows) - 2) else 0
                cells += (self._raw(sum(v or 0 for v in vals[0::2]) + extra), self._raw(sum(v or 0 for v in vals[1::2])))
            rows.append((label,) + cells)
            kinds.append("body")
        if self.total_row:
            sums = [sum(vals[i] or 0 for _, vals in self.rows) for i in range(2 * len(self.roles))]
            cells = tuple(self._raw(v + (self.slip[2] if self.slip and self.slip[:2] == ("column", i) else 0))
                          for i, v in enumerate(sums))
            if self.total_col:
                cells += tuple(self._raw(sum(sums[s::2])) for s in (0, 1))
            rows.append(("TOTAL",) + cells)
            kinds.append("total")
        return ["Youth Justice Plan 2019/20", "The service is staffed by the council and seconded partners.",
                self.anchor, Grid(tuple(rows), 2, tuple(kinds)), "No other ethnicities were represented."]

    def cells(self) -> dict[tuple[str, str, str], int]:
        cols = [(role, self.codes[s]) for role, _ in self.roles for s in (0, 1)]
        return {(label, role, sex): v for label, vals in self.rows for (role, sex), v in zip(cols, vals) if v}


@st.composite
def head_docs(draw: Callable[..., Any], shape: Optional[str] = None) -> HeadDoc:
    shape = shape or draw(st.sampled_from(SHAPES))
    assert shape is not None
    roles = list(ROLES)
    if shape == "partial_roles":
        keep = draw(st.lists(st.sampled_from([c for c, _ in ROLES]), min_size=3, max_size=6, unique=True))
        roles = [r for r in ROLES if r[0] in keep]
    printed = tuple((code, draw(st.sampled_from(names))) for code, names in roles)
    words = shape == "full_words"
    sexes = ("Male", "Female") if words else ("M", "F")
    codes = ("M", "F")
    if shape == "female_first":
        sexes, codes = (sexes[1], sexes[0]), ("F", "M")
    names = DETAILED if shape == "detailed_ethnicities" else GROUPS
    labels = draw(st.lists(st.sampled_from(names), min_size=2, max_size=min(6, len(names)), unique=True))
    count = st.one_of(st.none(), st.integers(1, 14))
    rows = []
    for k, label in enumerate(labels):
        vals = draw(st.lists(count, min_size=2 * len(printed), max_size=2 * len(printed)))
        if k == 0 and not any(vals):
            vals[0] = 1
        rows.append((label, tuple(vals)))
    slip: Optional[tuple[str, int, int]] = None
    added = draw(st.sampled_from((1, 2, 10, -1)))
    if shape == "slip_row":
        k = draw(st.sampled_from([k for k, (_, vals) in enumerate(rows) if any(vals[0::2])] or [0]))
        if any(rows[k][1][0::2]) and sum(v or 0 for v in rows[k][1][0::2]) + added > 0:
            slip = ("row", k, added)
    if shape == "slip_column":
        i = draw(st.sampled_from([i for i in range(2 * len(printed)) if any(vals[i] for _, vals in rows)]))
        if sum(vals[i] or 0 for _, vals in rows) + added > 0:
            slip = ("column", i, added)
    return HeadDoc(shape, draw(st.sampled_from(ANCHORS)), draw(st.sampled_from(("Ethnicity", "", "Ethnic group"))),
                   printed, sexes, codes, tuple(rows), "0" if shape == "zeros" else "",
                   shape != "no_total_col", shape != "no_total_row", slip)


ARITH = ("row_sum_mismatch", "column_sum_mismatch", "grand_total_mismatch")


def _label(text: str) -> str:
    return " ".join(text.split()).lower()


def judge_head(doc: HeadDoc, x: Extraction) -> list[Failure]:
    want = {(_label(e), r, s): v for (e, r, s), v in doc.cells().items()}
    warned = " ".join(i.message for g in x.staffing_grids for i in g.issues if i.severity == "warning").lower()
    excused = {_label(e) for e, _ in doc.rows if f"'{_label(e)}'" in warned}
    got: dict[tuple[str, str, str], int] = {}
    for h in x.staffing_headcount:
        key = (_label(h.ethnicity), h.role or "", h.sex or "")
        got[key] = got.get(key, 0) + h.headcount
    out: list[Failure] = []
    if want and not x.staffing_headcount and not excused:
        return [Failure("grid_missing", f"no headcount grid read ({len(want)} cells printed)")]
    out += cell_failures(want, got, lambda key: key[0] in excused)
    out += [Failure("invented_table", f"budget table {t.anchor!r} read from a headcount grid") for t in x.budget_tables]
    out += [Failure("invented_cell", f"FTE cell {s.contract}/{s.role} read from a headcount grid")
            for s in x.staffing_fte]
    arith = [f for f in x.findings if f.check_name in ARITH and f.severity == "error"]
    if doc.slip is None:
        out += [Failure("false_alarm", f"{f.check_name}: {f.message}") for f in arith]
    elif not any(f.difference is None or abs(f.difference) == abs(doc.slip[2]) for f in arith):
        out.append(Failure("slip_missed", f"{doc.slip} raised {[f.check_name for f in arith]}"))
    return out

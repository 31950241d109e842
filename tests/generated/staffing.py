"""Staffing FTE grids (the YJB template and its printed variants): truth, Hypothesis strategy, blocks, properties.

Expected output (tests/gold/seeds/README.md): one ``StaffingFTE`` per non-zero body cell, keyed
``(contract, role, basis)`` with ``basis`` None where the grid has no PT/FT split; blank and 0 cells are not
records; Total row and column are printed totals, never records; a row printed under the grid that is not a
contract type ("Disabled (self-classified)") is no record. A row the reader records as ambiguous (a
``staffing_layout`` warning naming it) may be left out; in a transposed grid the printed rows are the roles, so a
role row the reader names so may be left out. A seeded slip (a row or column total off by a typing
slip) is raised as ``row_sum_mismatch`` / ``column_sum_mismatch`` (or ``grand_total_mismatch``); a grid without
one raises no arithmetic error.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Callable, Optional

from hypothesis import strategies as st

from pipeline.records import Extraction
from tests.generated.grids import Block, Grid
from tests.generated.properties import Failure, cell_failures

SHAPES = ("plain", "no_split", "partial_rows", "zeros", "no_total_col", "no_total_row", "two_decimals",
          "row_after", "transposed", "slip_row", "slip_column")
CONTRACTS = (
    ("permanent", ("Permanent",)), ("fixed_term", ("Fixed-term", "Fixed Term")), ("outsourced", ("Outsourced",)),
    ("temporary", ("Temporary",)), ("vacant", ("Vacant",)),
    ("seconded_children_services", ("Secondee Children's Services", "Seconded Children's Services")),
    ("seconded_probation", ("Secondee Probation", "Seconded Probation")),
    ("seconded_police", ("Secondee Police", "Seconded Police")),
    ("seconded_health_substance_misuse", ("Secondee Health (Substance misuse)", "Seconded Health (Substance misuse)")),
    ("seconded_health_mental_health", ("Secondee Health (Mental health)", "Seconded Health (Mental health)")),
    ("seconded_health_physical_health", ("Secondee Health (Physical health)",)),
    ("seconded_health_speech_language", ("Secondee Health (Speech/language)",)),
    ("seconded_health_other", ("Other/Unspecified Secondee Health", "Other/Unspecified Seconded Health")),
    ("seconded_education", ("Secondee Education", "Seconded Education")),
    ("seconded_connexions", ("Secondee Connexions",)),
    ("seconded_other", ("Secondee Other", "Seconded Other")),
)
SPLIT = (("strategic_manager", ("Strategic Manager", "Strategic Managers")),
         ("operational_manager", ("Operational Manager", "Operational Managers")),
         ("practitioner", ("Practitioners", "Practitioner")),
         ("administrative", ("Administration", "Administrative")))
SINGLE = (("sessional", ("Sessional", "Sessional workers")), ("student", ("Students/ trainees", "Students", "Student")),
          ("volunteer", ("Volunteer", "Volunteers")))
ANCHORS = ("Staffing", "14. Staffing", "Appendix d) Staffing of the YOT by contract type (FTE)",
           "Staff by contract type and role (FTE)")

Column = tuple[str, Optional[str], str]  # role, basis, header text


@dataclass(frozen=True)
class StaffRow:
    label: str
    contract: str
    values: tuple[Optional[Decimal], ...]  # per body column; None blank
    raws: tuple[str, ...]
    total_raw: str = ""
    total: Optional[Decimal] = None


@dataclass(frozen=True)
class StaffDoc:
    shape: str
    title: str
    anchor: str
    corner: str
    columns: tuple[Column, ...]
    rows: tuple[StaffRow, ...]
    total_col: bool
    total_row: Optional[tuple[str, ...]]  # printed cells of the Total row (label first)
    slips: tuple[tuple[str, str, Decimal, Decimal], ...] = ()  # (kind, where, printed, true)
    after: tuple[tuple[str, ...], ...] = ()
    transposed: bool = False  # contract types as columns, roles as rows

    def blocks(self) -> list[Block]:
        head = (self.corner,) + tuple(c[2] for c in self.columns) + (("Total",) if self.total_col else ())
        rows: list[tuple[str, ...]] = [head]
        for r in self.rows:
            rows.append((r.label,) + r.raws + ((r.total_raw,) if self.total_col else ()))
        if self.total_row:
            rows.append(self.total_row)
        rows.extend(self.after)
        if self.transposed:
            rows = [tuple(r[i] if i < len(r) else "" for r in rows) for i in range(len(rows[0]))]
        g = Grid(tuple(rows), 1, ("header",) + ("body",) * (len(rows) - 1))
        return [self.title, "The service is staffed by the council and seconded partners.", self.anchor, g,
                "The plan was agreed by the management board."]

    def cells(self) -> dict[tuple[str, str, Optional[str]], Decimal]:
        return {(r.contract, c[0], c[1]): v for r in self.rows for c, v in zip(self.columns, r.values) if v}


def _fmt(v: Decimal, two: bool) -> str:
    if two:
        return f"{v:.2f}"
    return f"{v.normalize():f}" if v != v.to_integral_value() else str(int(v))


def _sum_raw(vals: list[Optional[Decimal]], two: bool, zero: str) -> tuple[Optional[Decimal], str]:
    s = sum((v for v in vals if v), Decimal(0))
    return (s, _fmt(s, two)) if s else (Decimal(0), zero)


def _slipped(draw: Callable[..., Any], v: Decimal) -> Decimal:
    return v + draw(st.sampled_from((Decimal(1), Decimal(2), Decimal("0.5"), Decimal(10), Decimal(-1))))


@st.composite
def staff_docs(draw: Callable[..., Any], shape: Optional[str] = None) -> StaffDoc:
    shape = shape or draw(st.sampled_from(SHAPES))
    assert shape is not None
    split = shape != "no_split"
    cols: list[Column] = []
    for role, names in SPLIT:
        name = draw(st.sampled_from(names))
        cols += [(role, "part_time", f"{name} (PT)"), (role, "full_time", f"{name} (FT)")] if split else [(role, None, name)]
    cols += [(role, None, draw(st.sampled_from(names))) for role, names in SINGLE]
    two = shape == "two_decimals"
    zero = "0" if shape == "zeros" else ""
    contracts = list(CONTRACTS)
    if shape == "partial_rows":
        keep = draw(st.lists(st.sampled_from([c for c, _ in CONTRACTS]), min_size=2, max_size=8, unique=True))
        contracts = [c for c in CONTRACTS if c[0] in keep]
    fte = st.sampled_from(tuple(Decimal(x) for x in ("0.2", "0.5", "0.6", "0.8", "1", "1", "2", "3", "4.5", "6", "15")))
    rows = []
    for k, (code, labels) in enumerate(contracts):
        active = draw(st.lists(st.integers(0, len(cols) - 1), unique=True, max_size=4,
                               min_size=1 if k == 0 else 0))
        vals = [draw(fte) if i in active else None for i in range(len(cols))]
        raws = tuple(_fmt(v, two) if v else zero for v in vals)
        total, traw = _sum_raw(vals, two, zero if zero else draw(st.sampled_from(("", "0"))))
        rows.append(StaffRow(draw(st.sampled_from(labels)), code, tuple(vals), raws, traw, total))
    total_col = shape != "no_total_col"
    total_row: Optional[tuple[str, ...]] = None
    slips: tuple[tuple[str, str, Decimal, Decimal], ...] = ()
    if shape == "slip_row":
        cands = [i for i, r in enumerate(rows) if r.total]
        i = draw(st.sampled_from(cands))
        r = rows[i]
        assert r.total is not None
        new = _slipped(draw, r.total)
        if new > 0:
            rows[i] = replace(r, total=new, total_raw=_fmt(new, two))
            slips = (("row", r.label, new, r.total),)
    if shape != "no_total_row":
        cells = []
        sums = []
        for i in range(len(cols)):
            s, raw = _sum_raw([r.values[i] for r in rows], two, zero)
            cells.append(raw)
            sums.append(s)
        if shape == "slip_column":
            cands = [i for i, s in enumerate(sums) if s]
            i = draw(st.sampled_from(cands))
            new = _slipped(draw, sums[i])
            if new > 0:
                cells[i] = _fmt(new, two)
                slips = (("column", cols[i][2], new, sums[i]),)
        grand = sum((r.total or Decimal(0) for r in rows), Decimal(0)) if shape != "slip_row" else \
            sum((s for s in sums), Decimal(0))
        total_row = (draw(st.sampled_from(("Total", "TOTAL"))),) + tuple(cells) + ((_fmt(grand, two),) if total_col else ())
    after = ((("Disabled (self-classified)",) + ("",) * (len(cols) - 1) + ("1",) + (("",) if total_col else ())),) \
        if shape == "row_after" else ()
    return StaffDoc(shape, "Youth Justice Plan 2019/20", draw(st.sampled_from(ANCHORS)),
                    draw(st.sampled_from(("Type of Contract", "", "Contract type"))), tuple(cols), tuple(rows),
                    total_col, total_row, slips, after, transposed=shape == "transposed")


ARITH = ("row_sum_mismatch", "column_sum_mismatch", "grand_total_mismatch")


def judge_staff(doc: StaffDoc, x: Extraction) -> list[Failure]:
    want = doc.cells()
    excused = {r.label for g in x.staffing_grids for i in g.issues if i.severity == "warning"
               for r in doc.rows if f"'{r.label}'" in i.message}
    excused_codes = {r.contract for r in doc.rows if r.label in excused}
    # printed transposed, the printed rows are the roles: a role row recorded as ambiguous may be left out too
    warned = [i.message for g in x.staffing_grids for i in g.issues if i.severity == "warning"]
    excused_roles = {(c[0], c[1]) for c in doc.columns if doc.transposed and any(f"'{c[2]}'" in m for m in warned)}
    got: dict[tuple[str, str, Optional[str]], Decimal] = {}
    out: list[Failure] = []
    if not x.staffing_grids and want:
        return [Failure("grid_missing", f"no staffing grid read ({len(want)} cells printed)")]
    for s in x.staffing_fte:
        key = (s.contract, s.role or "", s.basis)
        got[key] = got.get(key, Decimal(0)) + s.fte
    out += cell_failures(want, got, lambda key: key[0] in excused_codes or (key[1], key[2]) in excused_roles)
    out += [Failure("invented_table", f"budget table {t.anchor!r} read from a staffing grid") for t in x.budget_tables]
    arith = [f for f in x.findings if f.check_name in ARITH]
    for kind, where, printed, true in doc.slips:
        if not any(f.difference is None or abs(f.difference) == abs(printed - true) for f in arith):
            out.append(Failure("slip_missed", f"{kind} slip at {where!r}: printed {printed}, true {true}; "
                                              f"raised {[f.check_name for f in arith]}"))
    if not doc.slips:
        out += [Failure("false_alarm", f"{f.check_name}: {f.message}") for f in arith if f.severity == "error"]
    return out

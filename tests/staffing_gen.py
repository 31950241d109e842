"""A small generator of staffing grids (FTE by contract x role x basis; headcount by ethnicity x role x sex)
rendered into the text-conversion forms real plans show: tab rows, one cell per line (bare CR), a grid
flattened onto one line, cells with their blanks lost, transposed grids (roles as rows), partial grids, label
variants, missing Total row or column, decimal commas, dashes for zeros, numbers split over a CRLF.

Used by tests/staffing/test_staffing_generated.py (a fixed number of examples) and runnable on its own for a per-form
measurement: ``python -m tests.staffing_gen 2000``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from hypothesis import strategies as st

# contract code -> printed variants
CONTRACTS: dict[str, tuple[str, ...]] = {
    "permanent": ("Permanent", "Permanent staff", "Permanent "),
    "fixed_term": ("Fixed-term", "Fixed term", "Fixed Term Contract"),
    "outsourced": ("Outsourced",),
    "temporary": ("Temporary", "Agency staff", "Temporary/agency"),
    "vacant": ("Vacant", "Vacancies", "Vacant posts"),
    "seconded_children_services": ("Seconded Children's Services", "Secondee Children's Services"),
    "seconded_probation": ("Seconded Probation", "Secondee Probation", "Secondee - Probation"),
    "seconded_police": ("Seconded Police", "Secondee Police", "Secondee - Police", "Police secondee"),
    "seconded_health_substance_misuse": ("Seconded Health (Substance misuse)", "Secondee Health (Substance misuse)"),
    "seconded_health_mental_health": ("Seconded Health (Mental health)", "Seconded Health Mental Health",
                                      "Secondee - Health (CAMHS)"),
    "seconded_health_physical_health": ("Seconded Health (Physical health)",),
    "seconded_health_speech_language": ("Seconded Health (Speech/language)", "Seconded Health Speech & Language"),
    "seconded_health_other": ("Other/Unspecified Seconded Health",),
    "seconded_education": ("Seconded Education", "Secondee Education"),
    "seconded_connexions": ("Seconded Connexions",),
    "seconded_other": ("Seconded Other", "Secondee Other"),
}
ROLES: dict[str, tuple[str, ...]] = {
    "strategic_manager": ("Strategic Manager", "Strategic Managers", "Managers Strategic", "Senior Managers"),
    "operational_manager": ("Operational Manager", "Operational Managers", "Managers Operational",
                            "Team Managers"),
    "practitioner": ("Practitioners", "Practitioner", "Case Managers"),
    "administrative": ("Administration", "Administrative", "Business Support", "Admin"),
    "sessional": ("Sessional", "Sessional workers"),
    "student": ("Students/ trainees", "Student", "Students"),
    "volunteer": ("Volunteer", "Volunteers"),
}
SPLIT = ("strategic_manager", "operational_manager", "practitioner", "administrative")
ETHNICITIES = ("White British", "White Irish", "Other White", "White & Black Caribbean", "White & Black African",
               "White & Asian", "Other Mixed", "Indian", "Pakistani", "Bangladeshi", "Other Asian", "Caribbean",
               "African", "Other Black", "Chinese", "Any other ethnic group", "Not known")
HC_ROLES = ("strategic_manager", "operational_manager", "practitioner", "administrative", "sessional", "student",
            "referral_order_panel_volunteer", "other_volunteer")
HC_ROLE_WORDS = {"strategic_manager": ("Managers Strategic", "Strategic Managers"),
                 "operational_manager": ("Managers Operational", "Operational Managers"),
                 "practitioner": ("Practitioners",), "administrative": ("Administrative", "Business Support"),
                 "sessional": ("Sessional",), "student": ("Student",),
                 "referral_order_panel_volunteer": ("Referral Order Panel Volunteers",),
                 "other_volunteer": ("Other Volunteers",)}

FORMS = ("tab", "cells", "cells_lost", "flat", "flat_lost", "tab_transposed", "cells_transposed")


@dataclass
class Grid:
    kind: str  # "fte" | "headcount"
    col_labels: list[str]  # printed header of each body column
    cols: list[tuple[str, Optional[str]]]  # (role, basis or sex)
    row_labels: list[str]
    row_codes: list[str]  # contract code, or the ethnicity label for headcounts
    cells: list[list[Optional[Decimal]]]  # None = printed blank
    total_col: bool
    total_row: str  # "last" | "first" | "none"
    header_style: str  # "suffix" (Role (PT)) | "two_level" (role once, then Part-time Full-time)
    zero: str  # how a zero is printed: "0" or "-"
    comma: bool  # decimal comma
    form: str
    notes: list[str] = field(default_factory=list)
    slip_row: int = -1  # this body row prints its Total one higher than its cells add up to
    slip_col: int = -1  # the Total row prints this column's total one higher

    def expected(self) -> dict[tuple[str, str, Optional[str]], Decimal]:
        out: dict[tuple[str, str, Optional[str]], Decimal] = {}
        for code, row in zip(self.row_codes, self.cells):
            for (role, q), v in zip(self.cols, row):
                if v:
                    out[(code, role, q)] = v
        return out


def fmt(v: Optional[Decimal], g: Grid) -> str:
    if v is None:
        return ""
    if v == 0:
        return g.zero
    s = format(v.normalize(), "f")
    return s.replace(".", ",") if g.comma else s


_FTE_VALUES = st.one_of(st.integers(1, 12).map(Decimal),
                        st.sampled_from(["0.5", "0.2", "0.33", "0.8", "1.5", "2.4", "0.6", "3.5", "0.97", "5.29"]
                                        ).map(Decimal))


@st.composite
def grids(draw: st.DrawFn, form: Optional[str] = None, kind: Optional[str] = None) -> Grid:
    form = form or draw(st.sampled_from(FORMS))
    kind = kind or ("fte" if "transposed" in form else draw(st.sampled_from(["fte", "headcount"])))
    if kind == "fte":
        return draw(_fte(form))
    return draw(_headcount(form))


@st.composite
def _fte(draw: st.DrawFn, form: str) -> Grid:
    roles = draw(st.lists(st.sampled_from(list(ROLES)), min_size=3, max_size=7, unique=True))
    roles = [r for r in ROLES if r in roles]  # template order
    split = draw(st.booleans()) or True
    style = draw(st.sampled_from(["suffix", "two_level"]))
    labels: list[str] = []
    cols: list[tuple[str, Optional[str]]] = []
    for r in roles:
        word = draw(st.sampled_from(ROLES[r]))
        if r in SPLIT and split:
            for b, tag in (("part_time", "PT"), ("full_time", "FT")):
                cols.append((r, b))
                labels.append(f"{word} ({tag})" if style == "suffix" else word)
        else:
            cols.append((r, None))
            labels.append(word)
    codes = draw(st.lists(st.sampled_from(list(CONTRACTS)), min_size=1, max_size=10, unique=True))
    codes = [c for c in CONTRACTS if c in codes]
    row_labels = [draw(st.sampled_from(CONTRACTS[c])).strip() for c in codes]
    cells = [[draw(st.one_of(st.none(), st.none(), st.none(), st.just(Decimal(0)), _FTE_VALUES))
              for _ in cols] for _ in codes]
    if all(v is None or v == 0 for row in cells for v in row):
        cells[0][0] = Decimal(1)
    return Grid("fte", labels, cols, row_labels, codes, cells, draw(st.booleans()),
                draw(st.sampled_from(["last", "last", "first", "none"])), style,
                draw(st.sampled_from(["0", "-"])), draw(st.booleans()) and draw(st.booleans()), form)


@st.composite
def _headcount(draw: st.DrawFn, form: str) -> Grid:
    roles = draw(st.lists(st.sampled_from(list(HC_ROLES)), min_size=3, max_size=8, unique=True))
    roles = [r for r in HC_ROLES if r in roles]
    labels, cols = [], []
    for r in roles:
        word = draw(st.sampled_from(HC_ROLE_WORDS[r]))
        labels.append(word)
        cols += [(r, "M"), (r, "F")]
    eth = draw(st.lists(st.sampled_from(ETHNICITIES), min_size=2, max_size=8, unique=True))
    eth = [e for e in ETHNICITIES if e in eth]
    cells = [[draw(st.one_of(st.none(), st.none(), st.just(Decimal(0)), st.integers(1, 40).map(Decimal)))
              for _ in cols] for _ in eth]
    if all(v is None or v == 0 for row in cells for v in row):
        cells[0][0] = Decimal(1)
    return Grid("headcount", labels, cols, list(eth), list(eth), cells, draw(st.booleans()),
                draw(st.sampled_from(["last", "last", "none"])), "sex", draw(st.sampled_from(["0", "-"])), False,
                form)


# --------------------------------------------------------------------------- rendering

def _row_total(g: Grid, row: list[Optional[Decimal]]) -> list[Decimal]:
    if g.kind == "fte":
        return [sum((v for v in row if v is not None), Decimal(0))]
    return [sum((v for (r, q), v in zip(g.cols, row) if v is not None and q == s), Decimal(0)) for s in "MF"]


def table_rows(g: Grid) -> tuple[list[list[str]], list[list[str]]]:
    """(header rows, body rows including totals) as printed cells, before transposition."""
    corner = "Type of Contract" if g.kind == "fte" else "Ethnicity"
    if g.kind == "headcount":
        head = [[corner] + g.col_labels + (["Total"] if g.total_col else []),
                [""] + ["M", "F"] * (len(g.col_labels) + g.total_col)]
    elif g.header_style == "suffix":
        head = [[corner] + g.col_labels + (["Total"] if g.total_col else [])]
    else:
        names: list[str] = []
        for lab, (r, b) in zip(g.col_labels, g.cols):
            if b != "full_time":
                names.append(lab)
        bases = ["Part-time" if b == "part_time" else "Full-time" for _, b in g.cols if b]
        head = [[corner] + names + (["Total"] if g.total_col else []), [""] + bases]
    body = []
    for n, (lab, row) in enumerate(zip(g.row_labels, g.cells)):
        totals = [t + (n == g.slip_row) for t in _row_total(g, row)]
        body.append([lab] + [fmt(v, g) for v in row] + ([fmt(t, g) for t in totals] if g.total_col else []))
    if g.total_row != "none":
        sums = [sum((r[i] for r in g.cells if r[i] is not None), Decimal(i == g.slip_col)) for i in range(len(g.cols))]
        tot = ["Total"] + [fmt(v, g) for v in sums] + ([fmt(t, g) for t in _row_total(g, list(sums))]
                                                       if g.total_col else [])
        body = [tot] + body if g.total_row == "first" else body + [tot]
    return head, body


def _transpose(g: Grid, head: list[list[str]], body: list[list[str]]) -> list[list[str]]:
    """Roles as rows, contracts as columns (only the suffix style: one header row)."""
    labels = [f"{lab}" for lab in g.col_labels] + (["Total"] if g.total_col else [])
    if g.header_style == "two_level":  # a transposed grid names the basis on each role row
        labels = [f"{lab} ({'PT' if b == 'part_time' else 'FT'})" if b else lab
                  for lab, (_, b) in zip(g.col_labels, g.cols)] + (["Total"] if g.total_col else [])
    out = [["Role"] + [r[0] for r in body]]
    for j, lab in enumerate(labels):
        out.append([lab] + [r[j + 1] for r in body])
    return out


INTRO = "The tables below show the staffing of the service as at 31 March 2019.\n\n"
CAPTION = {"fte": "Staffing of the YOT by contract type", "headcount": "Staffing of the YOT by gender and ethnicity"}
OUTRO = "\n\nAll staff have had an enhanced DBS check. The service is fully compliant.\n"


def render(g: Grid) -> str:
    head, body = table_rows(g)
    text = INTRO + CAPTION[g.kind] + "\n"
    form = g.form
    if "transposed" in form:
        rows = _transpose(g, head, body)
        if form.startswith("tab"):
            return text + "\n".join("\t".join(r) for r in rows) + OUTRO
        return text + "".join(_cell(c) for r in rows for c in r) + "\r\n" + OUTRO
    if form == "tab":
        return text + "\n".join("\t".join(r) for r in head + body) + OUTRO
    if form.startswith("cells"):
        lost = form == "cells_lost"
        out = []
        for r in head + body:
            for c in r:
                if lost and not c.strip() and r not in head:
                    continue
                out.append(_cell(c))
        return text + "".join(out) + "\r\n" + OUTRO
    # flattened onto one line: single spaces between cells, blanks as extra spaces (or lost)
    lost = form == "flat_lost"
    parts = []
    for r in head:
        parts += [c for c in r if c]
    for r in body:
        parts += [c for c in r if c or not lost]
    return text + " ".join(parts) + " " + OUTRO


def _cell(c: str) -> str:
    if len(c) >= 3 and c.isdigit():  # some conversions split a number over a CRLF: "12" + "8"
        return c[:-1] + "\r\n" + c[-1] + "\r"
    return (c if c else " ") + "\r"


# --------------------------------------------------------------------------- scoring one grid

@dataclass
class Score:
    cells: int = 0  # expected non-zero cells
    exact: int = 0
    wrong: int = 0  # a cell read with another value, or a cell that is not in the grid
    missed_silent: int = 0  # expected cells not read and no finding says why
    grids: int = 0
    grids_exact: int = 0

    def add(self, o: "Score") -> None:
        for k in ("cells", "exact", "wrong", "missed_silent", "grids", "grids_exact"):
            setattr(self, k, getattr(self, k) + getattr(o, k))


def read(g: Grid) -> tuple[dict[tuple[str, str, Optional[str]], Decimal], int]:
    """What the extractor reads from the rendered grid, and how many issues its grids record."""
    from extractors.readers.text import read_text
    from extractors.staffing.extract import read_staffing_grids, staffing_records
    from pipeline.settings import DEFAULT_SETTINGS

    doc = read_text(render(g).encode(), "generated.txt")
    sg = read_staffing_grids(doc, DEFAULT_SETTINGS)
    fte, heads = staffing_records(sg)
    got: dict[tuple[str, str, Optional[str]], Decimal] = {}
    if g.kind == "fte":
        for x in fte:
            got[(x.contract, x.role, x.basis)] = got.get((x.contract, x.role, x.basis), Decimal(0)) + x.fte
    else:
        for y in heads:
            k = (y.ethnicity, y.role, y.sex)
            got[k] = got.get(k, Decimal(0)) + y.headcount
    return got, sum(len(x.issues) for x in sg)


def score(g: Grid) -> Score:
    want = g.expected()
    got, issues = read(g)
    s = Score(cells=len(want), grids=1)
    s.exact = sum(1 for k, v in want.items() if got.get(k) == v)
    s.wrong = sum(1 for k, v in got.items() if want.get(k) != v)
    missed = sum(1 for k in want if k not in got)
    s.missed_silent = missed if missed and not issues else 0
    s.grids_exact = int(s.exact == s.cells and s.wrong == 0)
    return s


def measure(n: int, forms: tuple[str, ...] = FORMS, kinds: tuple[str, ...] = ("fte", "headcount"),
            show: int = 0) -> dict[str, Score]:
    from hypothesis import given, settings, HealthCheck, Phase

    out: dict[str, Score] = {}
    shown: list[Grid] = []
    for form in forms:
        for kind in kinds:
            if "transposed" in form and kind == "headcount":
                continue
            tot = Score()

            @settings(max_examples=n, deadline=None, phases=[Phase.generate], database=None,
                      suppress_health_check=list(HealthCheck))
            @given(grids(form, kind))
            def run(g: Grid) -> None:
                s = score(g)
                tot.add(s)
                if (s.wrong if show < 0 else not s.grids_exact) and len(shown) < abs(show):
                    shown.append(g)
            run()
            out[f"{form}/{kind}"] = tot
    for g in shown:
        print("----", g.form, g.kind, g.total_col, g.total_row, g.header_style, g.zero, g.comma)
        print(repr(render(g)))
        want, (got, issues) = g.expected(), read(g)
        print("missed", {k: v for k, v in want.items() if got.get(k) != v})
        print("wrong ", {k: v for k, v in got.items() if want.get(k) != v}, "issues", issues)
    return out


if __name__ == "__main__":
    import sys
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    forms = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 else FORMS
    kinds = tuple(sys.argv[3].split(",")) if len(sys.argv) > 3 else ("fte", "headcount")
    show = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    res = measure(n, forms, kinds, show)
    for k, s in res.items():
        print(f"{k:28s} cells {s.exact}/{s.cells} = {s.exact / max(s.cells, 1):.3f}  wrong {s.wrong}  "
              f"silent-missed {s.missed_silent}  grids exact {s.grids_exact}/{s.grids}")

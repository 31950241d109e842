"""What probably happened when two figures disagree, and which value the arithmetic supports.

Pure functions. Given the two figures of a finding (the one printed and the one the arithmetic or another
printing gives) and, where relevant, the rows of the table they come from, return a :class:`Diagnosis`:

- ``typing_slip``: same number of digits, one or two of them differ (``1,223,757`` against ``1,234,757``);
- ``row_left_out``: the difference is exactly one row's amount (Merton's PCC row, 69,186);
- ``footnote_digit``: a footnote marker glued to a number (``6,7711`` is 6,771 with footnote 1);
- ``rounding``: the difference is within what rounding the printed figures can explain;
- ``format_slip``: the same value printed with a stray space inside it (``2,026, 615``).

The supported value is *beside* the printed ones, never in place of them: :func:`diagnose_finding` fills
``Finding.diagnosis`` (a :class:`~pipeline.records.Diagnosis`: kind, sentence, supported value) and leaves
``expected``/``found`` as they were. It reads the findings' values (:class:`~pipeline.records.Side`), never their
sentences. Convention (the checks'): ``found`` is the figure as printed, ``expected`` the figure it should agree
with (computed, or printed elsewhere). Where the extraction's own tables add up to one of the two figures, that
one is taken as the figure the arithmetic supports, whichever side it is on.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterable, Optional, Sequence

from pipeline.records import BUDGET_COLUMNS, Amount, BudgetTable, Diagnosis, Extraction, Finding, Side
from pipeline.wording import figure_text, grouped as fmt

log = logging.getLogger(__name__)

MIN_SLIP_DIGITS = 4  # below this, any two numbers differ in "one or two digits": no evidence of a slip
SUM_CHECK_WORDS = ("sum", "grand_total")  # check names whose expected side is computed by the check itself

_NUMBER = re.compile(r"-?\d+(?:,\s?\d+)*(?:\.\d+)?")


@dataclass(frozen=True)
class Figure:
    """A number as printed (``raw``) and its value; ``well_formed`` is False for e.g. ``6,7711``."""

    raw: str
    value: Decimal

    @property
    def groups(self) -> list[str]:
        return self.raw.lstrip("-").split(".")[0].replace(" ", "").split(",")

    @property
    def well_formed(self) -> bool:
        g = self.groups
        return " " not in self.raw and 1 <= len(g[0]) <= (3 if len(g) > 1 else 99) \
            and all(len(x) == 3 for x in g[1:])

    @property
    def decimals(self) -> int:
        return len(self.raw.split(".")[1]) if "." in self.raw else 0


@dataclass(frozen=True)
class Row:
    """A table row as the diagnoser sees it: where it is, what it is called, its amounts."""

    table_index: int
    label: str
    amounts: tuple[Decimal, ...]
    raws: tuple[str, ...] = ()
    agency: str = ""

    def same_item(self, other: "Row") -> bool:
        return self.label == other.label or bool(self.agency and self.agency == other.agency)


def parse_figure(text: str) -> Optional[Figure]:
    """The figure a table cell prints (``"£6,7711"`` -> 67711 as printed ``6,7711``); None if it holds no number."""
    for m in _NUMBER.finditer(text or ""):
        raw = m.group(0).rstrip(", ")
        return Figure(raw, Decimal(raw.replace(",", "").replace(" ", "")))
    return None


# --------------------------------------------------------------------------- single diagnoses


def _digits(v: Decimal) -> str:
    return format(abs(v), "f").replace(".", "")


def diagnose_typing_slip(printed: Decimal, supported: Decimal) -> Optional[Diagnosis]:
    """One or two digits differ between two figures of the same length (and at least four digits)."""
    a, b = _digits(printed), _digits(supported)
    if printed == supported or len(a) != len(b) or len(a) < MIN_SLIP_DIGITS or (printed < 0) != (supported < 0):
        return None
    if format(abs(printed), "f").find(".") != format(abs(supported), "f").find("."):
        return None
    pos = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(pos) not in (1, 2):
        return None
    where = " and ".join(_ordinal(i + 1) for i in pos)
    typed, meant = "".join(a[i] for i in pos), "".join(b[i] for i in pos)
    swapped = len(pos) == 2 and pos[1] == pos[0] + 1 and typed == meant[::-1]
    how = "two digits transposed" if swapped else ("a digit mistyped" if len(pos) == 1 else "two digits mistyped")
    text = (f"Typing slip ({how}): {fmt(printed)} and {fmt(supported)} differ only in the {where} digit"
            f"{'s' if len(pos) > 1 else ''} ('{typed}' printed where the arithmetic gives '{meant}').")
    return Diagnosis("typing_slip", text, supported)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def diagnose_row_left_out(a: Decimal, b: Decimal, rows: Sequence[Row],
                          other_tables: Sequence[int] = ()) -> Optional[Diagnosis]:
    """The difference between ``a`` and ``b`` is exactly the amount of one row: that row was left out.

    ``other_tables`` names tables the figures are compared with; a matching row absent from one of them is
    said to be left out of that table. The supported value is the larger figure (the one with the row).
    """
    diff = abs(a - b)
    if diff == 0:
        return None
    hits = {(r.table_index, r.label): r for r in rows if diff in r.amounts}
    if len(hits) != 1:
        return None
    row = next(iter(hits.values()))
    missing_from = [t for t in other_tables if t != row.table_index
                    and not any(r.table_index == t and r.same_item(row) for r in rows)]
    where = (f"table {row.table_index} has the '{row.label}' row ({fmt(diff)}) and table "
             f"{', '.join(map(str, missing_from))} does not" if missing_from
             else f"the '{row.label}' row of table {row.table_index} ({fmt(diff)}) is left out of the total")
    text = f"A row left out: the difference, {fmt(diff)}, is exactly one row's amount; {where}."
    return Diagnosis("row_left_out", text, max(a, b))


def strip_footnote(fig: Figure) -> Optional[Decimal]:
    """``6,7711`` -> 6771: trailing digits beyond a well-formed last group of three, read as a footnote."""
    g = fig.groups
    if " " in fig.raw or len(g) < 2 or not all(len(x) == 3 for x in g[1:-1]) or not 4 <= len(g[-1]) <= 5:
        return None
    return Decimal("".join(g[:-1]) + g[-1][:3])


def diagnose_footnote_digit(printed: Figure, supported: Decimal, rows: Sequence[Row] = ()) -> Optional[Diagnosis]:
    """A footnote digit glued to the printed figure, or to a row's figure that went into a sum."""
    stripped = strip_footnote(printed)
    if stripped is not None and stripped == supported:
        text = (f"A footnote digit glued to a number: '{printed.raw}' reads as {fmt(stripped)} with footnote "
                f"{printed.groups[-1][3:]}, and {fmt(stripped)} is what the arithmetic gives.")
        return Diagnosis("footnote_digit", text, stripped)
    diff = abs(printed.value - supported)
    for row in rows:
        for raw in row.raws:
            fig = parse_figure(raw)
            clean = strip_footnote(fig) if fig else None
            if fig and clean is not None and fig.value - clean == diff:
                text = (f"A footnote digit glued to a number: the '{row.label}' row prints '{raw}', which is "
                        f"{fmt(clean)} with footnote {fig.groups[-1][3:]}; read so, the sum agrees with "
                        f"{fmt(printed.value)}.")
                return Diagnosis("footnote_digit", text, printed.value)
    return None


def diagnose_rounding(printed: Figure, computed: Decimal, terms: int = 1) -> Optional[Diagnosis]:
    """Within half a unit of the printed precision per rounded term (a sum of n rounded rows: n/2)."""
    unit = Decimal(1).scaleb(-printed.decimals)
    diff = abs(printed.value - computed)
    if diff == 0 or diff > unit * Decimal(max(terms, 1)) / 2:
        return None
    text = (f"Rounding: {fmt(computed)} printed to {printed.decimals} decimal place"
            f"{'' if printed.decimals == 1 else 's'} is {printed.raw}" if terms <= 1 else
            f"Rounding: the {terms} rounded figures can add up to within {fmt(diff)} of {printed.raw}")
    return Diagnosis("rounding", text + ".", None)


def diagnose_format(printed: Figure, other: Optional[Figure]) -> Optional[Diagnosis]:
    """The same value printed with a stray space inside the number (``2,026, 615``)."""
    if " " not in printed.raw or (other is not None and other.value != printed.value):
        return None
    return Diagnosis("format_slip", f"A format slip: '{printed.raw}' has a stray space inside the number; "
                                    f"it reads as {fmt(printed.value)}.", printed.value)


def diagnose_figures(printed: Figure, computed: Figure, *, rows: Sequence[Row] = (), terms: int = 1,
                     other_tables: Sequence[int] = (), computed_is_supported: bool = True) -> Optional[Diagnosis]:
    """The first diagnosis that explains ``printed`` against ``computed`` (most specific first).

    ``computed_is_supported`` False means the second figure is not backed by arithmetic: the diagnosis is
    still given, without a supported value.
    """
    d = (diagnose_format(printed, computed)
         or diagnose_footnote_digit(printed, computed.value, rows)
         or diagnose_row_left_out(printed.value, computed.value, rows, other_tables)
         or diagnose_rounding(printed, computed.value, terms)
         or diagnose_typing_slip(printed.value, computed.value))
    if d is not None and not computed_is_supported and d.kind in ("typing_slip", "footnote_digit"):
        d = replace(d, supported_value=None)
    return d


# --------------------------------------------------------------------------- findings and extractions


def table_rows(tables: Iterable[BudgetTable]) -> list[Row]:
    out = []
    for t in tables:
        for bl in t.lines:
            amounts = tuple(a.value for a in (bl.amount(c) for c in BUDGET_COLUMNS) if a.value is not None)
            raws = tuple(a.raw for a in (bl.amount(c) for c in BUDGET_COLUMNS) if a.raw)
            out.append(Row(t.index, bl.label, tuple(dict.fromkeys(amounts)), raws, bl.agency))
    return out


def _values(amounts: Iterable[Amount]) -> list[Decimal]:
    return [a.value for a in amounts if a.value is not None]


def arithmetic_values(tables: Iterable[BudgetTable]) -> set[Decimal]:
    """Values the tables' own arithmetic gives: column sums, and row totals that equal their parts."""
    out: set[Decimal] = set()
    for t in tables:
        for col in BUDGET_COLUMNS:
            vals = _values(bl.amount(col) for bl in t.lines)
            if vals:
                out.add(sum(vals, Decimal(0)))
        for bl in t.lines:
            parts = _values(bl.amount(c) for c in BUDGET_COLUMNS[:-1])
            if bl.total.value is not None and parts and sum(parts, Decimal(0)) == bl.total.value:
                out.add(bl.total.value)
    return out


def _finding_lines(f: Finding) -> set[int]:
    """The finding's places as one key each: a line, or a page as its negative."""
    return {loc.line if loc.line is not None else -(loc.page or 0) for loc in f.locations}


def _table_span(t: BudgetTable) -> tuple[int, int]:
    provs = [t.prov] + [bl.prov for bl in t.lines] + ([t.printed_total.prov] if t.printed_total else [])
    keys = [p.line if p.line is not None else -(p.page or 0) for p in provs if p.line or p.page]
    return (min(keys), max(keys)) if keys else (0, -1)


def relevant_tables(f: Finding, x: Extraction) -> tuple[tuple[BudgetTable, ...], bool]:
    """The budget tables the finding's lines (or pages) fall in, and True; all of them and False if none."""
    keys = _finding_lines(f)
    hit = tuple(t for t in x.budget_tables if any(lo <= k <= hi for k in keys for lo, hi in [_table_span(t)]))
    return (hit, True) if hit else (x.budget_tables, False)


def diagnose_finding(f: Finding, x: Optional[Extraction] = None) -> Finding:
    """The finding with ``diagnosis`` filled when the figures support one.

    A diagnosis the check already gave is kept; when it gave no supported value and ours is of the same kind,
    ours supplies the value. The printed figures are never changed.
    """
    ours = _diagnose(f, x)
    if f.diagnosis is None:
        return f if ours is None else replace(f, diagnosis=ours)
    if f.diagnosis.supported_value is None and ours is not None and ours.kind == f.diagnosis.kind \
            and ours.supported_value is not None:
        return replace(f, diagnosis=replace(f.diagnosis, supported_value=ours.supported_value))
    return f


def figure_of(side: Side) -> Optional[Figure]:
    """The side's figure: as printed where it was printed, else as a computed value is written."""
    if side.value is None:
        return None
    return Figure(figure_text(side).strip().lstrip("£").rstrip("%").strip(), side.value)


def _diagnose(f: Finding, x: Optional[Extraction]) -> Optional[Diagnosis]:
    exp, found = figure_of(f.expected), figure_of(f.found)
    if found is not None and exp is None:  # one figure only: a malformed printing of it
        return diagnose_format(found, None)
    if exp is None or found is None:
        return None
    tables, located = relevant_tables(f, x) if x is not None else ((), False)
    backed = arithmetic_values(tables)
    is_sum = any(w in f.check_name for w in SUM_CHECK_WORDS)
    if is_sum and found.value in backed and exp.value not in backed:
        return None  # the printed figure is what the rows add up to: the slip is in other printed figures
    printed, computed = (exp, found) if (exp.value not in backed and found.value in backed) else (found, exp)
    d = diagnose_figures(printed, computed, rows=table_rows(tables),
                         terms=len(tables[0].lines) if is_sum and located and len(tables) == 1 else 1,
                         other_tables=[t.index for t in tables] if len(tables) > 1 else (),
                         computed_is_supported=is_sum or computed.value in backed)
    if d is not None:
        log.debug("diagnosed %s: %s", f.check_name, d.kind)
    return d


def diagnose_findings(findings: Iterable[Finding], x: Optional[Extraction] = None) -> list[Finding]:
    return [diagnose_finding(f, x) for f in findings]

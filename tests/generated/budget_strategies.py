"""Hypothesis strategies of partner budget documents (typed truth; rendering is elsewhere).

Every document has one ``shape``: the class its failures are counted under. Variation common to all shapes
(number style, blanks, dashes, £ in cells, labels, order, zero rows) is drawn in every one of them.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Callable, Optional

from hypothesis import strategies as st

from tests.generated import vocab
from tests.generated.truth import COLS, PARTS, BudgetDoc, Slip, TCell, TList, TRow, TTable

SHAPES = ("plain", "blanks_dashes", "text_cells", "duplicated", "no_total_row", "partial_total_row",
          "no_total_col", "subtotals", "subtotals_second_col", "periods_side", "per_year", "transposed", "funding_streams", "welsh",
          "list_under", "slip_row", "slip_column", "slip_grand", "prose_only")
MONEY = ("plain", "pound", "pound_space", "pence", "pound_pence", "nocomma")
Draw = Callable[..., object]


def fmt_money(v: Decimal, style: str) -> str:
    pence = style in ("pence", "pound_pence") or v != v.to_integral_value()
    body = f"{v:,.2f}" if pence else f"{int(v):,}"
    if style == "nocomma":
        body = body.replace(",", "")
    return {"pound": "£", "pound_pence": "£", "pound_space": "£ "}.get(style, "") + body


def _amount(draw: Draw, style: str, big: bool = False) -> Decimal:
    """A partner's amount; ``big``: the size of a table's main contribution (a budget prints thousands of pounds)."""
    n = draw(st.integers(10_000, 2_500_000) if big else st.one_of(
        st.integers(1, 2_500).map(lambda k: k * 1000), st.integers(1_000, 2_500_000), st.integers(100, 60_000)))
    v = Decimal(n)  # type: ignore[arg-type]
    if style in ("pence", "pound_pence") and draw(st.booleans()):
        v += Decimal(draw(st.integers(1, 99))) / 100  # type: ignore[arg-type]
    return v


def _zero_raw(draw: Draw, style: str) -> str:
    if style in ("pound", "pound_space", "pound_pence"):
        return draw(st.sampled_from(("£ -", "£0", "£0.00", "£-", "-")))  # type: ignore[return-value]
    return draw(st.sampled_from(("-", "0", "-", "0.00" if style == "pence" else "0")))  # type: ignore[return-value]


def _cell(draw: Draw, v: Optional[Decimal], style: str, empty: str) -> TCell:
    """A cell for amount ``v`` (None: nothing there) in the doc's style; ``empty``: blank | zero | mixed."""
    if v is not None and v != 0:
        return TCell("amount", v, fmt_money(v, style))
    kind = empty if empty != "mixed" else draw(st.sampled_from(("blank", "zero")))
    if kind == "zero" or v == 0:
        return TCell("zero", Decimal(0), _zero_raw(draw, style))
    return TCell("blank", None, "")


def _funder(draw: Draw, label: str, agency: str, alt: tuple[str, ...], cols: tuple[str, ...], style: str,
            empty: str, *, dup: bool = False, text: bool = False, section: str = "", must: bool = False,
            big: bool = False) -> TRow:
    parts = [c for c in cols if c in PARTS]
    active = draw(st.lists(st.sampled_from(parts), unique=True, min_size=int(must), max_size=len(parts))) if parts else []
    zero_row = not active and draw(st.booleans())
    vals: dict[str, Optional[Decimal]] = {c: (_amount(draw, style, big and c == active[0]) if c in active else None)
                                          for c in parts}
    counted = sum((v for v in vals.values() if v is not None), Decimal(0))
    if not parts and (must or draw(st.integers(0, 3))):
        counted = _amount(draw, style, big)  # a single amount column (one per period)
        zero_row = False
    if dup and len(parts) >= 2:
        a, b = parts[0], parts[1]
        x = _amount(draw, style, big)
        counted = counted - (vals[a] or 0) - (vals[b] or 0) + x
        vals[a] = vals[b] = x
    cells = {c: _cell(draw, vals[c], style, empty) for c in parts}
    if text and parts:
        c = draw(st.sampled_from(parts))
        counted -= cells[c].figure
        cells[c] = TCell("text", None, draw(st.sampled_from(vocab.TEXT_CELLS)))  # type: ignore[arg-type]
    if "total" in cols:
        cells["total"] = _cell(draw, counted if (counted or not zero_row) else Decimal(0), style,
                               "zero" if zero_row else empty)
    return TRow(label, agency, cells, alt, duplicated=dup and len(parts) >= 2, section=section)


def _sum_row(draw: Draw, rows: tuple[TRow, ...], cols: tuple[str, ...], style: str, label: str,
             agency: str, printed: tuple[str, ...]) -> TRow:
    cells = {}
    for c in cols:
        if c not in printed:
            cells[c] = TCell("blank", None, "")
            continue
        v = sum((r.cells[c].figure for r in rows if c in r.cells), Decimal(0))
        cells[c] = TCell("amount", v, fmt_money(v, style)) if v else TCell("zero", Decimal(0), _zero_raw(draw, style))
    return TRow(label, agency, cells)


def _slipped(draw: Draw, v: Decimal) -> Decimal:
    """A typing slip of ``v`` of at least £10 (less is the level of rounding, a warning not an error)."""
    new = _slip(draw, v)
    return new if abs(new - v) >= 10 else v + draw(st.sampled_from((10, 100, 1000, -100)))  # type: ignore[operator]


def _slip(draw: Draw, v: Decimal) -> Decimal:
    """One digit changed, two neighbours swapped, or a place value added or lost."""
    digits = list(str(int(v)))
    how = draw(st.sampled_from(("digit", "swap", "place")))
    if how == "swap" and len(digits) >= 2:
        pairs = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1] and not (i == 0 and digits[1] == "0")]
        if pairs:
            i = draw(st.sampled_from(pairs))
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
            return Decimal("".join(digits)) + (v - int(v))
    if how == "digit":
        i = draw(st.integers(0, len(digits) - 1))
        choices = [d for d in "0123456789" if d != digits[i] and not (i == 0 and d == "0")]
        if choices:
            digits[i] = draw(st.sampled_from(choices))
            return Decimal("".join(digits)) + (v - int(v))
    k = draw(st.integers(1, max(1, min(4, len(digits) - 1))))
    return v + draw(st.sampled_from((1, -1))) * Decimal(10) ** k


def _labels(draw: Draw, shape: str) -> list[tuple[str, str, tuple[str, ...]]]:
    order = list(draw(st.sampled_from(vocab.TEMPLATE_ORDERS)))  # type: ignore[call-overload]
    if draw(st.booleans()):
        keep = draw(st.lists(st.sampled_from(order), min_size=3, max_size=len(order), unique=True))
        order = [a for a in order if a in keep]  # type: ignore[operator]
    rows = [draw(st.sampled_from(vocab.TEMPLATE[a])) for a in order]
    if shape == "funding_streams":
        extra = draw(st.lists(st.sampled_from(vocab.STREAMS), min_size=1, max_size=4, unique_by=lambda s: s[0]))
        at = draw(st.integers(0, len(rows)))
        rows[at:at] = extra  # type: ignore[misc]
    if shape == "welsh":
        extra = draw(st.lists(st.sampled_from(vocab.WELSH), min_size=2, max_size=4, unique_by=lambda s: s[0]))
        rows = [r for r in rows if r[1] not in {e[1] for e in extra}] + extra  # type: ignore[misc,index]
    seen: set[str] = set()
    return [r for r in rows if not (r[0] in seen or seen.add(r[0]))]  # type: ignore[misc,index,func-returns-value]


def _table(draw: Draw, shape: str, style: str, period: str, cols: tuple[str, ...],
           labels: list[tuple[str, str, tuple[str, ...]]], sections: bool = False) -> TTable:
    empty = draw(st.sampled_from(("blank", "zero", "mixed")))
    dup_at = draw(st.integers(0, len(labels) - 1)) if shape == "duplicated" else -1
    text_at = set(draw(st.lists(st.integers(0, len(labels) - 1), min_size=1, max_size=2))) if shape == "text_cells" else set()
    # at least two funders print amounts: a table of dashes only is not what the properties are about
    must = set(draw(st.lists(st.integers(0, len(labels) - 1), min_size=2, max_size=2, unique=True)))
    big = min(must)  # one funder prints the table's main contribution (tens of thousands of pounds or more)
    funders = [_funder(draw, lab, ag, alt, cols, style, empty, dup=i == dup_at, text=i in text_at and i != big,
                       must=i in must, big=i == big) for i, (lab, ag, alt) in enumerate(labels)]
    rows: tuple[TRow, ...] = tuple(funders)
    if sections:
        rows = _sectioned(draw, funders, cols, style)
    total_row: Optional[TRow] = None
    if shape != "no_total_row":
        printed = cols
        if shape == "partial_total_row":
            keep = draw(st.lists(st.sampled_from(cols), min_size=1, max_size=len(cols) - 1, unique=True))
            printed = tuple(c for c in cols if c in keep or c == "total")  # type: ignore[operator]
        total_row = _sum_row(draw, tuple(funders), cols, style, draw(st.sampled_from(vocab.TOTAL_LABELS)),
                             "total", printed)
    headers = tuple(draw(st.sampled_from(vocab.HEADERS[c])) for c in cols)
    anchor = draw(st.sampled_from(vocab.ANCHORS)).format(p=period)  # type: ignore[attr-defined]
    t = TTable(anchor, period, cols, headers, draw(st.sampled_from(vocab.CORNERS)), rows, total_row)  # type: ignore[arg-type]
    return _with_slip(draw, t, shape, style)


def _sectioned(draw: Draw, funders: list[TRow], cols: tuple[str, ...], style: str) -> tuple[TRow, ...]:
    out: list[TRow] = []
    label = draw(st.sampled_from(vocab.SUBTOTAL_LABELS))
    for title, agencies in vocab.SECTIONS:
        members = tuple(replace(r, section=title) for r in funders if r.agency in agencies)
        if not members:
            continue
        out.extend(members)
        out.append(replace(_sum_row(draw, members, cols, style, label, "subtotal", cols), section=title))
    rest = [r for r in funders if not any(r.agency in a for _, a in vocab.SECTIONS)]
    return tuple(out + rest)


def _with_slip(draw: Draw, t: TTable, shape: str, style: str) -> TTable:
    if shape == "slip_row":
        cands = [i for i, r in enumerate(t.rows) if r.agency != "subtotal" and "total" in r.cells
                 and r.cells["total"].figure >= 1000 and sum(1 for c in PARTS if c in r.cells and r.cells[c].value) >= 1]
        if not cands:
            return t
        i = draw(st.sampled_from(cands))
        r = t.rows[i]
        return _slip_cell(draw, t, r, "total", style, "row", lambda new: replace(
            t, rows=t.rows[:i] + (new,) + t.rows[i + 1:]))
    if shape in ("slip_column", "slip_grand") and t.total_row is not None:
        col = "total" if shape == "slip_grand" else draw(st.sampled_from([c for c in t.columns if c in PARTS]))
        r = t.total_row
        if r.cells[col].figure < 1000 or (shape == "slip_column" and sum(
                1 for f in t.funders if f.cells.get(col) and f.cells[col].value) < 2):
            return t
        return _slip_cell(draw, t, r, col, style, "column" if shape == "slip_column" else "grand",
                          lambda new: replace(t, total_row=new))
    return t


def _slip_cell(draw: Draw, t: TTable, r: TRow, col: str, style: str, kind: str,
               rebuild: Callable[[TRow], TTable]) -> TTable:
    true = r.cells[col].figure
    printed = _slipped(draw, true)
    if printed <= 0 or printed == true:
        return t
    new = replace(r, cells={**r.cells, col: TCell("amount", printed, fmt_money(printed, style))})
    return replace(rebuild(new), slips=(Slip(kind, r.label, col, printed, true),))  # type: ignore[arg-type]


@st.composite
def budget_docs(draw: Draw, shape: Optional[str] = None) -> BudgetDoc:
    shape = shape or draw(st.sampled_from(SHAPES))  # type: ignore[assignment]
    assert shape is not None
    style = draw(st.sampled_from(MONEY if shape != "blanks_dashes" else ("pound", "pound_space", "pound_pence")))
    period = draw(st.sampled_from(vocab.PERIODS))
    title = f"Youth Justice Plan {period}"
    prose = tuple(draw(st.lists(st.sampled_from(vocab.PROSE), min_size=1, max_size=2)))
    if shape == "prose_only":
        v = _amount(draw, "plain")
        prose = prose + (f"The partnership budget for {period} is {fmt_money(v, 'pound')}, "
                         f"of which the YJB grant is {fmt_money((v / 3).quantize(Decimal(1)), 'pound')}.",)
        return BudgetDoc(shape, title, (), "none", prose=prose, money=str(style))
    labels = _labels(draw, shape)
    cols: tuple[str, ...] = COLS
    if draw(st.integers(0, 4)) == 0 or shape == "no_total_col":
        drop = draw(st.sampled_from(PARTS))
        cols = tuple(c for c in COLS if c != drop)
    if shape == "no_total_col":
        cols = tuple(c for c in cols if c != "total")
    if shape == "periods_side":
        n, last = draw(st.integers(2, 5)), draw(st.integers(19, 21))  # up to a five-year table
        years = tuple(f"20{y - 1}/{y}" for y in range(last - n + 1, last + 1))
        tabs = tuple(replace(_table(draw, "plain", style, y, ("total",), labels), check_period=True)
                     for y in years)
        return BudgetDoc(shape, title, tabs, "periods_side", prose=prose, money=str(style))
    if shape == "per_year":
        tabs = tuple(replace(_table(draw, "plain", style, y, cols, labels), check_period=True)
                     for y in ("2018/19", "2019/20"))
        return BudgetDoc(shape, title, tabs, "per_year", prose=prose, money=str(style))
    if shape == "subtotals_second_col":  # item amounts in one £ column, section sub-totals in a second (Norfolk)
        cols = ("total",)
    t = _table(draw, shape, style, str(period), cols, labels, sections=shape.startswith("subtotals"))
    layout = {"transposed": "transposed", "subtotals": "sections", "subtotals_second_col": "sections2"}.get(shape, "rows")
    lst = None
    if shape == "list_under":
        heading, items = draw(st.sampled_from(vocab.LISTS))  # type: ignore[misc]
        chosen = draw(st.lists(st.sampled_from(items), min_size=2, max_size=len(items), unique=True))
        lst = TList(heading, tuple((lab, fmt_money(_amount(draw, "plain"), style)) for lab in chosen))
    return BudgetDoc(shape, title, (t,), layout, list_after=lst, prose=prose, money=str(style))

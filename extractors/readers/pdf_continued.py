"""A table that runs on over a page break, read as one table whatever each page's part looks like alone.

The whitespace finder sees one page at a time: the part of a table left on one page may be a single row (too
few for its columns to show), or a widow Total row that reads as a line of text. Where a table is the last
thing on a page and the next page starts with rows (or a table) whose words fall into the same columns, the
part with the most body rows lends its column spans and the other part's words are cut into those columns
(:func:`recut`). Each row keeps its own page; the stitcher then joins the parts (``continues``).
"""
from __future__ import annotations

from typing import Optional, Sequence

from extractors.readers.pdf_grids import CURRENCY_SIGNS, column_spans, is_amount, repeated_header, same_columns, slot
from extractors.readers.pdf_ruled import RawTable
from extractors.readers.pdf_words import Word, rows_of, union

Cells = list[list[tuple[str, Optional[tuple[float, float, float, float]]]]]


def body_rows(t: RawTable) -> int:
    return sum(1 for r in t.cells if any(is_amount(x) for x, _ in r[1:]))


def recut(words: Sequence[Word], spans: list[tuple[float, float]], page: int, method: str,
          allow_heading: bool) -> Optional[RawTable]:
    """``words`` cut into rows and into the columns ``spans`` describes, or None unless every row is a table
    row: a label then amounts (or currency signs), an amounts-only row, or (``allow_heading``) heading rows
    before the first amount row."""
    if len(spans) < 2 or not words:
        return None
    cells: Cells = []
    seen_amounts = False
    for row in rows_of(words):
        cols: list[list[Word]] = [[] for _ in spans]
        label_end = spans[0][1]  # a number set inside the label column ('Table 3 ...') is words of the label
        numeric = any(is_amount(w.text) and w.x0 > label_end for w in row)
        for w in row:  # in a row with amounts the words that are not amounts are its label
            money = (is_amount(w.text) or w.text in CURRENCY_SIGNS) and w.x0 > label_end
            cols[(1 + slot(spans[1:], w.x0)) if money else 0 if numeric else slot(spans, w.x0)].append(w)
        texts = [" ".join(w.text for w in c) for c in cols]
        amounts = [t for t in texts[1:] if t]
        if (amounts and all(is_amount(t) or t in CURRENCY_SIGNS or _signed(t) for t in amounts)
                and any(is_amount(t) or _signed(t) for t in amounts)):  # signs alone ('£ £') are a heading row
            seen_amounts = True
        elif seen_amounts or not allow_heading or any(is_amount(t) for t in amounts):
            return None
        cells.append([(t, union([(w.x0, w.top, w.x1, w.bottom) for w in c]) if c else None)
                      for t, c in zip(texts, cols)])
    if not seen_amounts:
        return None
    box = union([(w.x0, w.top, w.x1, w.bottom) for w in words])
    return RawTable(page, box, cells, method + "+continued", 0.9, 0, list(words))


def _signed(text: str) -> bool:
    """'£ 12,000' or '£ -': a currency sign and an amount printed apart in one column."""
    parts = text.split(" ", 1)
    return len(parts) == 2 and parts[0] in CURRENCY_SIGNS and is_amount(parts[1])


def continued(a: RawTable, b_words: Sequence[Word], b_page: int,
              b_table: Optional[RawTable] = None) -> Optional[tuple[RawTable, RawTable]]:
    """(a, b) with the smaller part recut into the larger part's columns, when the words at the top of the next
    page (``b_words``) continue table ``a``; None when they do not. A part found on the next page with the same
    columns (``b_table``) is kept as found."""
    if b_table is not None and (same_columns(a, b_table) or _same_width_no_new_heading(a, b_table)):
        return a, b_table
    if b_table is not None and _lends(b_table, a):  # the next page's part lends its columns
        a2 = _recut_into(a, b_table)
        if a2 is not None:
            return a2, b_table
    spans_a = column_spans(a, min(len(r) for r in a.cells)) if a.cells else None
    b = recut(b_words, spans_a, b_page, a.method, allow_heading=True) if spans_a else None
    if b is None:
        return None
    if body_rows(b) > body_rows(a):  # the part on the next page shows the columns better: it lends them
        a2 = _recut_into(a, b)
        if a2 is not None:
            return a2, b
    return a, b


def _same_width_no_new_heading(a: RawTable, b: RawTable) -> bool:
    """As many columns in both parts, and the part on the next page starts with rows (or repeats a's headings):
    each part's own columns are kept (a part's column edges move with what its rows print: a text cell set
    left, a column of short amounts), rather than one part's words recut into the other's."""
    if _width(a) != _width(b) or not body_rows(a) or not body_rows(b):
        return False
    starts_with_rows = any(is_amount(x) for x, _ in b.cells[0][1:]) or sum(1 for x, _ in b.cells[0] if x) < 2
    return starts_with_rows or repeated_header(a, b) > 0


def _width(t: RawTable) -> int:
    return min((len(r) for r in t.cells), default=0)


def _lends(b: RawTable, a: RawTable) -> bool:
    """Part ``b`` shows the table's columns better than part ``a``: more columns (a column left empty in every
    row of one part is not seen there), or as many and more body rows."""
    return _width(b) > _width(a) or (_width(b) == _width(a) and body_rows(b) > body_rows(a))


def _recut_into(a: RawTable, b: RawTable) -> Optional[RawTable]:
    """Table ``a`` cut into the columns of ``b`` (None when its words do not fit them)."""
    spans = column_spans(b, min(len(r) for r in b.cells)) if b.cells else None
    return recut(a.words, spans, a.page, a.method, allow_heading=True) if spans and a.words else None

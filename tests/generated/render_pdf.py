"""PDF renderings of generated documents drawn with PyMuPDF (tests only; package code never imports it).

Layouts: ``pdf_ruled`` (every cell ruled), ``pdf_borderless`` (columns by position only), ``pdf_pound`` (£ at
the left of every money cell, the figure right-aligned: the accounting format), ``pdf_twolevel`` (a spanning
first header row over the amount columns, ruled), ``pdf_pagesplit`` (the table broken across a page, header
repeated), ``pdf_landscape`` (a landscape page, borderless, wide columns).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pymupdf

from tests.generated.grids import Grid, blocks, two_level
from tests.generated.truth import BudgetDoc

PDF_FORMS = ("pdf_ruled", "pdf_borderless", "pdf_pound", "pdf_twolevel", "pdf_pagesplit", "pdf_landscape")
FONT = "helv"
_FONT = pymupdf.Font("helv")


_ADVANCE: dict[str, float] = {}


def _len(text: str, size: float) -> float:
    """Width of ``text`` in points (per-character advances cached: PyMuPDF measures a character at a time)."""
    total = 0.0
    for ch in text:
        w = _ADVANCE.get(ch)
        if w is None:
            w = _ADVANCE[ch] = float(_FONT.text_length(ch, fontsize=1.0))
        total += w
    return total * size
MONEY_RE = re.compile(r"^£\s*(.*)$")


@dataclass
class _Pen:
    doc: pymupdf.Document
    page: pymupdf.Page
    y: float
    width: float
    height: float
    margin: float = 50.0
    writer: "pymupdf.TextWriter | None" = None
    rects: list[pymupdf.Rect] | None = None

    def rect(self, r: pymupdf.Rect) -> None:
        self.rects = (self.rects or []) + [r]

    def text(self, x: float, y: float, s: str, size: float) -> None:
        if self.writer is None:
            self.writer = pymupdf.TextWriter(self.page.rect)
        self.writer.append((x, y), s, font=_FONT, fontsize=size)

    def flush(self) -> None:
        if self.rects:
            shape = self.page.new_shape()
            for r in self.rects:
                shape.draw_rect(r)
            shape.finish(width=0.6, color=(0, 0, 0))
            shape.commit()
            self.rects = None
        if self.writer is not None:
            self.writer.write_text(self.page)
            self.writer = None

    def new_page(self) -> None:
        self.flush()
        self.page = self.doc.new_page(width=self.width, height=self.height)
        self.y = self.margin + 20


def _wrap(text: str, width: float, size: float) -> list[str]:
    words, lines, cur = text.split(), [], ""
    for w in words:
        cand = f"{cur} {w}".strip()
        if cur and _len(cand, size) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    return lines + [cur] if cur else lines or [""]


def _para(pen: _Pen, text: str, size: float = 10.0) -> None:
    for ln in _wrap(text, pen.width - 2 * pen.margin, size):
        if pen.y > pen.height - pen.margin - 20:
            pen.new_page()
        pen.text(pen.margin, pen.y, ln, size)
        pen.y += size * 1.4
    pen.y += size * 0.8


def _is_money(text: str) -> bool:
    return bool(re.search(r"\d", text)) and len(text) < 20 and not re.search(r"[a-z]{3}", text)


def _cell(pen: _Pen, x0: float, x1: float, y: float, text: str, size: float, first: bool, pound: bool) -> int:
    """Draw one cell's text (wrapped); returns its line count. Money is right-aligned."""
    if not text:
        return 1
    if not first and (_is_money(text) or text.strip() in ("-", "£ -", "£-")):
        m = MONEY_RE.match(text)
        body = m.group(1) if (pound and m) else text
        w = _len(body, size)
        pen.text(x1 - 4 - w, y, body, size)
        if pound and m:
            pen.text(x0 + 4, y, "£", size)
        return 1
    lines = _wrap(text, x1 - x0 - 8, size)
    for k, ln in enumerate(lines):
        pen.text(x0 + 4, y + k * size * 1.25, ln, size)
    return len(lines)


def _columns(pen: _Pen, n: int) -> list[float]:
    usable = pen.width - 2 * pen.margin
    first = min(190.0, usable * 0.36) if n <= 5 else usable * 0.22
    rest = (usable - first) / max(1, n - 1)
    xs = [pen.margin, pen.margin + first]
    for _ in range(n - 1):
        xs.append(xs[-1] + rest)
    return xs[: n + 1]


def _row_height(g_row: tuple[str, ...], xs: list[float], size: float) -> int:
    return max((len(_wrap(c, xs[i + 1] - xs[i] - 8, size)) if c and not (i and _is_money(c)) else 1)
               for i, c in enumerate(g_row))


def _grid(pen: _Pen, g: Grid, ruled: bool, pound: bool, split_at: int = -1) -> None:
    n = len(g.rows[0])
    xs = _columns(pen, n)
    size = 9.0 if n <= 6 else 7.5
    for row in g.rows:  # every word must fit its column: a narrow grid is set in a smaller type
        for i, c in enumerate(row[1:], 1):
            for word in c.split():
                size = min(size, (xs[i + 1] - xs[i] - 8) / max(1.0, _len(word, 1.0)))
    header = g.rows[: g.header_rows]
    for i, row in enumerate(g.rows):
        if i == split_at or pen.y > pen.height - pen.margin - 30:
            pen.new_page()
            for h in header:  # the header row printed again on the new page
                _row(pen, h, xs, size, ruled, pound)
        _row(pen, row, xs, size, ruled, pound)
    pen.y += 14


def _row(pen: _Pen, row: tuple[str, ...], xs: list[float], size: float, ruled: bool, pound: bool) -> None:
    lines = _row_height(row, xs, size)
    h = lines * size * 1.25 + 6
    top = pen.y
    spanning = len(set(row[1:])) == 1 and row[1] == "£" and not row[0]
    for i, c in enumerate(row):
        if spanning and i:
            if i == 1:
                w = _len("£", size)
                pen.text((xs[1] + xs[-1] - w) / 2, top + size + 2, "£", size)
            continue
        _cell(pen, xs[i], xs[i + 1], top + size + 2, c, size, i == 0, pound)
    if ruled:
        if spanning:
            pen.rect(pymupdf.Rect(xs[0], top, xs[1], top + h))
            pen.rect(pymupdf.Rect(xs[1], top, xs[-1], top + h))
        else:
            for i in range(len(row)):
                pen.rect(pymupdf.Rect(xs[i], top, xs[i + 1], top + h))
    pen.y = top + h


def render_pdf(doc: object, form: str, variant: int = 0) -> tuple[bytes, str]:
    landscape = form == "pdf_landscape"
    w, h = (842.0, 595.0) if landscape else (595.0, 842.0)
    pdf = pymupdf.open()
    pen = _Pen(pdf, pdf.new_page(width=w, height=h), 70.0, w, h)
    ruled = form in ("pdf_ruled", "pdf_twolevel", "pdf_pagesplit") and not (form == "pdf_pagesplit" and variant & 1)
    pound = form == "pdf_pound"
    for k, b in enumerate(blocks(doc)):
        if isinstance(b, Grid):
            g = two_level(b) if form == "pdf_twolevel" and b.header_rows else b
            split = -1
            if form == "pdf_pagesplit" and b.header_rows and len(g.rows) > 3:
                split = 1 + (variant % max(1, len(g.rows) - 2))
            _grid(pen, g, ruled and b.header_rows > 0, pound, split)
        else:
            _para(pen, b, 14.0 if k == 0 else 10.0)
    pen.flush()
    data = pdf.tobytes()
    pdf.close()
    return data, "gen.pdf"

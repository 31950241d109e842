"""Text renderings of generated documents, as the real text conversions give them (data/samples/real/*.txt).

``variant`` bits choose the small habits of a conversion: trailing spaces after cells, a blank kept as one
space, a row break (CRLF) inside a row, CRLF or LF paragraphs.
"""
from __future__ import annotations

import html
from typing import Callable

from tests.generated.grids import Block, Grid, blocks, two_level
from tests.generated.truth import BudgetDoc

TEXT_FORMS = ("tab", "cr", "cr_lost", "flat_rows", "flat_table", "markdown", "html")


def _bit(variant: int, k: int) -> bool:
    return bool(variant >> k & 1)


def _tab(g: Grid, variant: int) -> str:
    return "\n".join("\t".join(r) for r in g.rows)


def _wrapped(label: str) -> str:
    """A long label broken by a paragraph end inside its cell (N Somerset: 'Public Health, P&C, NSC\r\n(for ...')."""
    words = label.split(" ")
    if len(label) <= 25 or len(words) < 3:
        return label
    half = len(words) // 2
    return " ".join(words[:half]) + "\r\n" + " ".join(words[half:])


def _cr_cells(g: Grid, variant: int, lose_blanks: bool) -> list[str]:
    pad = " " if _bit(variant, 0) else ""
    out = []
    for r in g.rows:
        for k, c in enumerate(r):
            if not c.strip():
                if lose_blanks:
                    continue
                c = " " if _bit(variant, 1) else ""
            if k == 0 and _bit(variant, 3):
                c = _wrapped(c)
            out.append(c + (pad if c else ""))
    return out


def _cr(g: Grid, variant: int, lose_blanks: bool = False) -> str:
    """One cell per line with bare CR between cells; the table ends with CR CRLF (Newham, Rotherham)."""
    return "\r".join(_cr_cells(g, variant, lose_blanks)) + "\r"


def _flat_rows(g: Grid, variant: int) -> str:
    return "\n".join(" ".join(c for c in r if c.strip()) for r in g.rows)


def _flat_table(g: Grid, variant: int) -> str:
    """The whole table on one line, cells joined by one space, a blank cell an extra space (seed 000)."""
    cells = [c for r in g.rows for c in r]
    if _bit(variant, 1):
        cells = [c for c in cells if c.strip()]
    return " ".join(cells) + " "


def _markdown(g: Grid, variant: int) -> str:
    rows = [("|" + "|".join(f" {c} " for c in r) + "|") for r in g.rows]
    if not g.header_rows:
        return "\n".join(rows)
    sep = "|" + "|".join("---" if i == 0 else "---:" for i in range(len(g.rows[0]))) + "|"
    return "\n".join(rows[:1] + [sep] + rows[1:])


def _html_table(g: Grid, variant: int) -> str:
    out = ["<table>"]
    for i, r in enumerate(g.rows):
        tag = "th" if i < g.header_rows else "td"
        out.append("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in r) + "</tr>")
    return "\n".join(out + ["</table>"])


def _join(doc: object, variant: int, grid: Callable[[Grid, int], str], par: str, end: str) -> str:
    parts: list[str] = []
    for b in blocks(doc):
        parts.append(grid(b, variant) if isinstance(b, Grid) else b)
    return par.join(parts) + end


def render_text(doc: object, form: str, variant: int = 0) -> tuple[bytes, str]:
    """(bytes, source name) of ``doc`` in a text form."""
    if form == "tab":
        return _join(doc, variant, _tab, "\n\n", "\n").encode("utf-8"), "gen.txt"
    if form in ("cr", "cr_lost"):
        par = "\r\n\r\n" if _bit(variant, 2) else "\r\n"
        text = _join(doc, variant, lambda g, v: _cr(g, v, form == "cr_lost"), par, "\r\n")
        return text.encode("cp1252"), "gen.txt"
    if form == "flat_rows":
        return _join(doc, variant, _flat_rows, "\n\n", "\n").encode("utf-8"), "gen.txt"
    if form == "flat_table":
        return _join(doc, variant, _flat_table, " \n \n", "\n").encode("utf-8"), "gen.txt"
    if form == "markdown":
        def md(b: Block) -> str:
            return _markdown(b, variant) if isinstance(b, Grid) else b
        items = blocks(doc)
        text = "# " + str(items[0]) + "\n\n" + "\n\n".join(md(b) for b in items[1:]) + "\n"
        return text.encode("utf-8"), "gen.md"
    if form == "html":
        body = []
        for i, b in enumerate(blocks(doc)):
            if isinstance(b, Grid):
                body.append(_html_table(two_level(b) if _bit(variant, 3) and b.header_rows else b, variant))
            else:
                body.append(f"<h1>{html.escape(b)}</h1>" if i == 0 else f"<p>{html.escape(b)}</p>")
        text = "<!DOCTYPE html><html><body>\n" + "\n".join(body) + "\n</body></html>\n"
        return text.encode("utf-8"), "gen.html"
    raise ValueError(form)

"""Write a flat OpenDocument text file (.fodt) from paragraphs and tables, as a council's Word export would be.

Used only by ``make_pdf_corpus.py``; LibreOffice then turns the .fodt into a PDF. The writer knows the
layouts real plans have: ruled and borderless tables, header rows repeated on every page, a landscape page,
two-level headers (a cell spanning columns), superscript footnote markers and narrow label columns that wrap.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union
from xml.sax.saxutils import escape

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


@dataclass
class Para:
    text: str
    style: str = "P"  # P | H | B (bullet) | Small
    page_break: bool = False
    space_before_cm: float = 0.0
    master: str = ""  # "Landscape" or "Standard": this paragraph starts a page of that style


@dataclass
class TableSpec:
    rows: list[list[str]]
    ruled: bool = True
    header_rows: int = 1
    widths_cm: list[float] = field(default_factory=list)
    repeat_header: bool = True
    spans: dict[tuple[int, int], int] = field(default_factory=dict)  # (row, col) -> columns spanned
    min_row_cm: float = 0.0
    font_pt: float = 10.0
    bold_rows: tuple[int, ...] = ()


Block = Union[Para, TableSpec]

_PARA_STYLES = """
  <style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/></style:style>
  <style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
  <style:style style:name="B" style:family="paragraph"><style:paragraph-properties fo:margin-left="0.6cm" fo:text-indent="-0.4cm" fo:margin-bottom="0.15cm"/></style:style>
  <style:style style:name="Small" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.1cm"/><style:text-properties fo:font-size="8pt"/></style:style>
  <style:style style:name="Cell" style:family="paragraph"><style:paragraph-properties fo:margin="0cm"/></style:style>
  <style:style style:name="CellNum" style:family="paragraph"><style:paragraph-properties fo:margin="0cm" fo:text-align="end"/></style:style>
  <style:style style:name="Sup" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
  <style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
"""


def _page_layout(name: str, landscape: bool) -> str:
    w, h = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
    orient = "landscape" if landscape else "portrait"
    return (f'<style:page-layout style:name="{name}"><style:page-layout-properties fo:page-width="{w}" '
            f'fo:page-height="{h}" style:print-orientation="{orient}" fo:margin-top="2cm" fo:margin-bottom="2cm" '
            f'fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>')


def _is_number(text: str) -> bool:
    t = text.replace("£", "").replace(",", "").replace(" ", "").strip()
    return bool(t) and (t in ("-", "–") or t.replace(".", "", 1).lstrip("-").isdigit())


def _inline(text: str) -> str:
    """Escape text; a leading '*' footnote marker is set as superscript, '**…**' as bold."""
    out = escape(text)
    stars = len(out) - len(out.lstrip("*"))
    if stars and out[stars:stars + 1] == " " and not out.endswith("**"):
        out = f'<text:span text:style-name="Sup">{"*" * stars}</text:span>{out[stars:]}'
    return out


class FodtWriter:
    def __init__(self, font: str = "Liberation Sans") -> None:
        self.font = font
        self.auto: list[str] = []
        self.body: list[str] = []
        self.n_tables = 0

    def add(self, block: Block) -> None:
        if isinstance(block, Para):
            self._para(block)
        else:
            self._table(block)

    def _para(self, p: Para) -> None:
        style = p.style
        if p.page_break or p.space_before_cm or p.master:
            name = f"{p.style}x{len(self.auto)}"
            props = 'fo:break-before="page"' if p.page_break else ""
            if p.space_before_cm:
                props += f' fo:margin-top="{p.space_before_cm}cm"'
            master = f' style:master-page-name="{p.master}"' if p.master else ""
            self.auto.append(f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name='
                             f'"{p.style}"{master}><style:paragraph-properties {props}/></style:style>')
            style = name
        self.body.append(f'<text:p text:style-name="{style}">{_inline(p.text)}</text:p>')

    def _table(self, t: TableSpec) -> None:
        self.n_tables += 1
        name = f"T{self.n_tables}"
        ncols = max(len(r) for r in t.rows)
        widths = t.widths_cm or [17.0 / ncols] * ncols
        self.auto.append(f'<style:style style:name="{name}" style:family="table"><style:table-properties '
                         f'style:width="{sum(widths):.2f}cm" table:align="left" fo:margin-top="0.2cm" '
                         f'fo:margin-bottom="0.3cm"/></style:style>')
        for j, w in enumerate(widths):
            self.auto.append(f'<style:style style:name="{name}.C{j}" style:family="table-column">'
                             f'<style:table-column-properties style:column-width="{w:.2f}cm"/></style:style>')
        border = "0.5pt solid #000000" if t.ruled else "none"
        self.auto.append(f'<style:style style:name="{name}.cell" style:family="table-cell"><style:table-cell-properties '
                         f'fo:padding-left="0.1cm" fo:padding-right="0.1cm" fo:padding-top="0.05cm" '
                         f'fo:padding-bottom="0.05cm" fo:border="{border}"/></style:style>')
        row_style = ""
        if t.min_row_cm:
            self.auto.append(f'<style:style style:name="{name}.row" style:family="table-row"><style:table-row-properties '
                             f'style:min-row-height="{t.min_row_cm}cm"/></style:style>')
            row_style = f' table:style-name="{name}.row"'
        out = [f'<table:table table:name="Table{self.n_tables}" table:style-name="{name}">']
        out += [f'<table:table-column table:style-name="{name}.C{j}"/>' for j in range(ncols)]
        for i, row in enumerate(t.rows):
            if i == 0 and t.header_rows and t.repeat_header:
                out.append("<table:table-header-rows>")
            out.append(f"<table:table-row{row_style}>")
            out += self._cells(t, name, i, row, ncols)
            out.append("</table:table-row>")
            if i == t.header_rows - 1 and t.repeat_header:
                out.append("</table:table-header-rows>")
        out.append("</table:table>")
        self.body.append("".join(out))

    def _cells(self, t: TableSpec, name: str, i: int, row: list[str], ncols: int) -> list[str]:
        cells: list[str] = []
        j = 0
        row = row + [""] * (ncols - len(row))
        while j < ncols:
            span = t.spans.get((i, j), 1)
            text = row[j]
            pstyle = "CellNum" if (j > 0 and i >= t.header_rows and _is_number(text)) else "Cell"
            inner = _inline(text)
            if i < t.header_rows or i in t.bold_rows:
                inner = f'<text:span text:style-name="Bold">{inner}</text:span>' if inner else ""
            fs = f'<text:span text:style-name="Sz{int(t.font_pt)}">{inner}</text:span>' if inner else ""
            attr = f' table:number-columns-spanned="{span}"' if span > 1 else ""
            cells.append(f'<table:table-cell table:style-name="{name}.cell" office:value-type="string"{attr}>'
                         f'<text:p text:style-name="{pstyle}">{fs}</text:p></table:table-cell>')
            cells += ["<table:covered-table-cell/>"] * (span - 1)
            j += span
        return cells

    def render(self) -> str:
        sizes = "".join(f'<style:style style:name="Sz{s}" style:family="text"><style:text-properties '
                        f'fo:font-size="{s}pt"/></style:style>' for s in (7, 8, 9, 10))
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.2" '
                f'office:mimetype="application/vnd.oasis.opendocument.text">'
                f'<office:font-face-decls><style:font-face style:name="{self.font}" svg:font-family="\'{self.font}\'"/>'
                f'</office:font-face-decls><office:styles><style:default-style style:family="paragraph">'
                f'<style:text-properties style:font-name="{self.font}" fo:font-size="10pt" fo:language="en" '
                f'fo:country="GB"/></style:default-style>{_PARA_STYLES}{sizes}</office:styles>'
                f'<office:automatic-styles>{_page_layout("pmP", False)}{_page_layout("pmL", True)}'
                f'{"".join(self.auto)}</office:automatic-styles><office:master-styles>'
                f'<style:master-page style:name="Standard" style:page-layout-name="pmP"/>'
                f'<style:master-page style:name="Landscape" style:page-layout-name="pmL"/></office:master-styles>'
                f'<office:body><office:text>{"".join(self.body)}</office:text></office:body></office:document>\n')

"""Read a Word document (.docx, python-docx) into the document model, the way the PDF reader does.

A Word table is exact in the file: its rows and cells are read from the document XML, no geometry guessed.
In body order, each paragraph becomes one line (a line break inside it starts another line) and each table
row one tab-separated line, so the text-table extractors read Word tables as they read tab-separated text;
each table is also a :class:`Table` of cells, as the PDF reader gives its grids. Provenance: the 1-based
line of the paragraph or table row; a cell's ``raw_text`` is the cell as printed and its extractor names the
table, row and cell (``docx table 2 row 3 cell 1``).

- A cell spanning columns (``gridSpan``) holds its text in its first column, the columns it covers are
  empty, as a printed page shows them; a vertically merged cell (``vMerge``) holds its text in its top row.
- A table nested in a cell is read as a table of its own, after the table that holds it; the cell's text
  is its own paragraphs only.
- Deleted tracked changes (``w:delText``) and field codes are not text; inserted ones are.
- An old binary ``.doc`` (an OLE compound file) is a failed document whose reason says to save it as .docx.
"""
from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from extractors.readers.text import sha256_of
from pipeline.errors import DocumentError
from pipeline.records import Cell, Document, Line, Provenance, Table

log = logging.getLogger(__name__)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DOCX_PART = "word/document.xml"
EXTRACTOR = "docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def is_office(data: bytes) -> bool:
    """Bytes that are a ZIP package or an OLE compound file (what Office formats are), by content."""
    return data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC)


def read_office(data: bytes, source: str) -> Document:
    """A .docx to a Document; any other Office container raises a DocumentError that says what it is."""
    if data.startswith(OLE_MAGIC):
        raise DocumentError(_ole_reason(data), source=source)
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile as e:
        raise DocumentError(f"corrupt ZIP package: cannot be opened ({e})", source=source,
                            hint="download it again") from e
    if DOCX_PART not in names:
        what = "a spreadsheet (.xlsx)" if "xl/workbook.xml" in names else \
            "an OpenDocument file" if "content.xml" in names else "a ZIP archive"
        raise DocumentError(f"not a Word document: it is {what} without {DOCX_PART}", source=source)
    return read_docx(data, source)


def _ole_reason(data: bytes) -> str:
    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data
    if has("EncryptedPackage"):
        return "encrypted Office document: it needs a password to open; ask the publisher for an unprotected copy"
    if has("WordDocument"):
        return "old binary Word document (.doc): it cannot be read; open it in Word or LibreOffice and save it as .docx"
    return "old binary Office file (OLE compound document, not .docx): save it in a current format (.docx)"


def read_docx(data: bytes, source: str) -> Document:
    """Bytes of a .docx to a :class:`Document`; raises DocumentError for a corrupt or empty document."""
    import docx

    try:
        wd = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors ... for a damaged package
        raise DocumentError(f"corrupt Word document: cannot be opened ({type(e).__name__}: {e})",
                            source=source) from e
    sha = sha256_of(data)
    b = _Builder(sha)
    b.block(wd.element.body)
    if not any(ln.text.strip() for ln in b.lines):
        raise DocumentError("no text: the Word document has no paragraphs or table cells with text", source=source)
    title = wd.core_properties.title or ""
    log.debug("%s: %d lines, %d tables", source, len(b.lines), len(b.tables))
    return Document(sha256=sha, source=source, kind="docx", lines=tuple(b.lines),
                    tables=tuple(sorted(b.tables, key=lambda t: t.first_line)), encoding="docx", title_hint=title)


def para_lines(p: Any) -> list[str]:
    """The text of a paragraph, split at line breaks; tabs kept as tabs. Text boxes anchored in it are not
    its text (they are read as their own paragraphs), nor is a drawing's fallback copy of them."""
    out = [""]
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if _aside(el, p):
            continue
        tag = el.tag[len(W):]
        if tag == "t":
            out[-1] += el.text or ""
        elif tag == "tab":
            out[-1] += "\t"
        elif tag == "noBreakHyphen":
            out[-1] += "-"
        elif el.get(f"{W}type") not in ("page", "column"):
            out.append("")
    return out


def text_boxes(p: Any) -> list[Any]:
    """The text boxes anchored in a paragraph (each once: the drawing, not its VML fallback)."""
    return [t for t in p.iter(f"{W}txbxContent") if not _aside(t, p, boxes=False)]


def _aside(el: Any, top: Any, boxes: bool = True) -> bool:
    node = el.getparent()
    while node is not None and node is not top:
        if node.tag == FALLBACK or (boxes and node.tag == f"{W}txbxContent"):
            return True
        node = node.getparent()
    return False


@dataclass
class _Grid:
    """A table's rows as grid cells (spanned positions empty) and the tables nested in its cells."""

    rows: list[list[str]] = field(default_factory=list)
    nested: list[Any] = field(default_factory=list)


@dataclass
class _Builder:
    sha: str
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def block(self, parent: Any) -> None:
        """Paragraphs and tables of a body (or a content control) in order."""
        for el in parent.iterchildren():
            if el.tag == f"{W}p":
                for text in para_lines(el):
                    self.lines.append(Line(len(self.lines) + 1, text, "\n"))
                for box in text_boxes(el):
                    self.block(box)
            elif el.tag == f"{W}tbl":
                self.table(el)
            elif el.tag in (f"{W}sdt", f"{W}customXml"):
                self.block(el.find(f"{W}sdtContent") if el.tag == f"{W}sdt" else el)

    def table(self, tbl: Any) -> None:
        grid = _grid(tbl)
        index = len(self.tables) + 1
        first = len(self.lines)
        rows: list[tuple[Cell, ...]] = []
        for r, texts in enumerate(grid.rows):
            if not any(t.strip() for t in texts):
                continue
            number = len(self.lines) + 1
            self.lines.append(Line(number, "\t".join(texts), "\n"))
            rows.append(tuple(Cell(t, len(rows), c, Provenance(
                self.sha, line=number, raw_text=t, extractor=f"{EXTRACTOR} table {index} row {r + 1} cell {c + 1}"))
                for c, t in enumerate(texts)))
        if rows:
            self.tables.append(Table(rows=tuple(rows), method=EXTRACTOR, first_line=first,
                                     last_line=len(self.lines) - 1))
        for inner in grid.nested:
            self.table(inner)


def _grid(tbl: Any) -> _Grid:
    g = _Grid()
    for tr in tbl.iterchildren(f"{W}tr"):
        row: list[str] = []
        trpr = tr.find(f"{W}trPr")
        before = _int_val(trpr, "gridBefore") if trpr is not None else 0
        row += [""] * before
        for tc in _cells(tr):
            span = _int_val(tc.find(f"{W}tcPr"), "gridSpan") or 1
            text = "" if _continues(tc) else _cell_text(tc, g.nested)
            row += [text] + [""] * (span - 1)
        g.rows.append(row)
    width = max((len(r) for r in g.rows), default=0)
    g.rows = [r + [""] * (width - len(r)) for r in g.rows]
    return g


def _cells(tr: Any) -> Iterator[Any]:
    for el in tr.iterchildren():
        if el.tag == f"{W}tc":
            yield el
        elif el.tag in (f"{W}sdt", f"{W}customXml"):  # cells wrapped in a content control
            inner = el.find(f"{W}sdtContent") if el.tag == f"{W}sdt" else el
            if inner is not None:
                yield from (c for c in inner.iterchildren(f"{W}tc"))


def _cell_text(tc: Any, nested: list[Any]) -> str:
    parts: list[str] = []
    for el in tc.iterchildren():
        if el.tag == f"{W}p":
            parts += [t.strip() for t in para_lines(el) if t.strip()]
        elif el.tag == f"{W}tbl":
            nested.append(el)
    return " ".join(parts).replace("\t", " ")


def _continues(tc: Any) -> bool:
    pr = tc.find(f"{W}tcPr")
    vm = pr.find(f"{W}vMerge") if pr is not None else None
    return vm is not None and vm.get(f"{W}val", "continue") == "continue"


def _int_val(pr: Optional[Any], name: str) -> int:
    el = pr.find(f"{W}{name}") if pr is not None else None
    try:
        return int(el.get(f"{W}val")) if el is not None else 0
    except (TypeError, ValueError):
        return 0

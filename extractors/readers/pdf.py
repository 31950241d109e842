"""Read a PDF into the document model: lines in reading order with page and bbox, and its tables.

PyMuPDF gives words and vector drawings (a few ms a page); tables come from ``pdf_tables`` (pdfplumber only
as a fallback on pages with rules the fast reader could not grid). ``Document.lines`` read like the text
rendition: one line per paragraph of running text, one tab-separated line per table row; each line keeps its
1-based ``page`` and ``bbox`` (PDF points, origin top-left: ``pipeline.records.BBOX_ORIGIN``). A table broken
across a page break is stitched into one ``Table``: the repeated header rows are dropped, each cell keeps its
own page. Bad files raise :class:`DocumentError` naming the document, the page and the reason.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from extractors.readers import pdf_guard
from extractors.readers.pdf_continued import body_rows, continued
from extractors.readers.pdf_grids import page_tables, repeated_header, row_bbox, same_columns
from extractors.readers.pdf_ocr import OcrPage, ocr_page, stamp
from extractors.readers.pdf_ruled import RawTable
from extractors.readers.pdf_words import TextLine, Word, page_words, paragraphs
from extractors.readers.text import sha256_of
from pipeline.errors import DocumentError
from pipeline.records import Cell, Document, Finding, Line, Provenance, Side, Table

log = logging.getLogger(__name__)

MARGIN = 0.08  # top/bottom share of the page where running headers, footers and page numbers sit


@dataclass
class _Item:
    page: int
    obj: Union[TextLine, RawTable]
    margin: bool = False
    continues: bool = False  # a table part that continues the table ending the previous page (pdf_continued)


@dataclass
class _Stitched:
    parts: list[tuple[RawTable, int]] = field(default_factory=list)  # (page table, leading rows to drop)


def read_pdf(data: bytes, source: str) -> Document:
    """PDF bytes to a :class:`Document`; raises DocumentError for corrupt, encrypted, empty or scanned files."""
    import pymupdf

    pdf_guard.check_complete(data, source)
    pdf_guard.quiet_mupdf()
    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")  # type: ignore[no-untyped-call]
    except Exception as e:  # mupdf raises its own FileDataError/RuntimeError types
        raise DocumentError(f"corrupt PDF: cannot be opened ({e})", source=source) from e
    try:
        if pdf.needs_pass:
            raise DocumentError("encrypted PDF: it needs a password to open", source=source,
                                hint="ask the publisher for an unprotected copy")
        if pdf.page_count == 0:
            raise pdf_guard.no_pages(pdf, data, source)
        pdf_guard.check_inflation(pdf, source)  # before any page is parsed: memory stays bounded
        ocr: dict[int, OcrPage] = {}  # pages without a text layer, read by OCR (extractors/readers/pdf_ocr.py)
        items, text_pages = _read_pages(pdf, data, source, ocr)
        _check_text(pdf, text_pages, source, ocr)
        sha = sha256_of(data)
        lines, tables = _assemble(items, sha)
        title = (pdf.metadata or {}).get("title", "") or ""
        doc = Document(sha256=sha, source=source, kind="pdf", lines=tuple(lines), tables=tuple(tables),
                       pages=pdf.page_count, encoding="pdf", title_hint=title,
                       reader_findings=_image_only_pages(pdf, items, sha, ocr))
        return stamp(doc, ocr) if ocr else doc
    finally:
        pdf.close()  # type: ignore[no-untyped-call]


def _read_pages(pdf: Any, data: bytes, source: str, ocr: dict[int, OcrPage]) -> tuple[list[_Item], int]:
    items: list[_Item] = []
    words_of: dict[int, list[Word]] = {}
    text_pages = 0
    for i in range(pdf.page_count):
        try:
            page = pdf.load_page(i)
            words = page_words(page)
            if not words:  # no text layer: a scan is read by OCR, a blank page is skipped
                scanned = ocr_page(page, i + 1)
                if scanned is not None:
                    ocr[i + 1] = scanned
                    words = list(scanned.words)
            if not words:
                continue
            text_pages += 1
            words_of[i + 1] = words
            scan = ocr.get(i + 1)
            items += _page_items(page, i + 1, words, None if scan else data, scan.rules if scan else None)
        except DocumentError:
            raise
        except Exception as e:
            raise DocumentError(f"corrupt page: {type(e).__name__}: {e}", source=source, page=i + 1) from e
    return _join_continued(items, words_of), text_pages


MAX_CONTINUED_ITEMS = 4  # lines or tables at the top of a page that may continue the table ending the page before


def _join_continued(items: list[_Item], words_of: dict[int, list[Word]]) -> list[_Item]:
    """Where a table ends a page and the next page starts with rows in its columns, the two parts are read in
    one set of columns and the second is marked as its continuation (see ``pdf_continued``)."""
    out = list(items)
    content = [k for k, it in enumerate(out) if not it.margin]
    folded: set[int] = set()  # items read into a continuation: not content of their own
    for pos, k in enumerate(content[:-1]):
        a = out[k]
        nxt = [j for j in content[pos + 1:pos + 1 + MAX_CONTINUED_ITEMS] if out[j].page == a.page + 1]
        if k in folded or not isinstance(a.obj, RawTable) or not nxt or content[pos + 1] != nxt[0]:
            continue
        taken = {id(w) for it in out if it.page == a.page + 1 and isinstance(it.obj, RawTable) for w in it.obj.words}
        repeated = nxt[:1] if len(nxt) > 1 and _repeats_heading(a.obj, out[nxt[0]].obj) else []
        nxt = nxt[len(repeated):]  # the table's headings printed again as a line over the continuation
        best: Optional[tuple[int, RawTable, RawTable]] = None
        for n in range(1, len(nxt) + 1):
            words = [w for j in nxt[:n] for w in _item_words(out[j], words_of.get(a.page + 1, []), taken)]
            top = out[nxt[0]].obj
            joined = continued(a.obj, words, a.page + 1, top if n == 1 and isinstance(top, RawTable) else None)
            if joined is None:
                break
            best = (n, *joined)
        if best is None:
            continue
        n, first, second = best
        out[k] = _Item(a.page, first, a.margin, a.continues)
        out[nxt[0]] = _Item(a.page + 1, second, continues=True)
        folded.update(nxt[1:n] + repeated)
    return [it for k, it in enumerate(out) if k not in folded]


def _repeats_heading(t: RawTable, line: object) -> bool:
    """Is ``line`` (a text line) the table's first heading row printed again, its cells run together?"""
    if not isinstance(line, TextLine) or not t.cells:
        return False
    heading = " ".join(x for x, _ in t.cells[0] if x).split()
    return len(heading) >= 2 and line.text.split() == heading


def _item_words(it: _Item, page_words_: list[Word], taken: set[int]) -> list[Word]:
    if isinstance(it.obj, RawTable):
        return list(it.obj.words)
    b = it.obj.bbox
    return [w for w in page_words_ if id(w) not in taken
            and b[0] - 1 <= w.xc <= b[2] + 1 and b[1] - 1 <= w.yc <= b[3] + 1]


def _page_items(page: Any, pno: int, words: list[Word], data: Optional[bytes],
                rules: Optional[tuple[Any, ...]] = None) -> list[_Item]:
    tables = page_tables(page, pno, words, data, rules)
    in_table = {id(w) for t in tables for w in t.words}
    paras = paragraphs([w for w in words if id(w) not in in_table] if in_table else words)
    h = page.rect.height
    items = [_Item(pno, p, p.bbox[3] < MARGIN * h or p.bbox[1] > (1 - MARGIN) * h) for p in paras]
    for t in tables:  # a table goes before the first paragraph (in content order) that starts below its top
        at = next((k for k, it in enumerate(items) if isinstance(it.obj, TextLine) and it.obj.bbox[1] >= t.bbox[1]),
                  len(items))
        items.insert(at, _Item(pno, t))
    return items


def _image_only_pages(pdf: Any, items: list[_Item], sha: str, ocr: dict[int, OcrPage]) -> tuple[Finding, ...]:
    """A page with an image and no text inside a PDF that has text (a scanned appendix, say): its content was
    not read, which is a finding naming the page; a blank page is not."""
    with_text = {it.page for it in items}
    out = []
    for i in range(pdf.page_count):
        if i + 1 in with_text or not pdf.load_page(i).get_images():
            continue
        where = Provenance(sha, page=i + 1, bbox=tuple(pdf.load_page(i).rect), raw_text="", extractor="read_pdf")
        why = _not_ocr(ocr.get(i + 1))
        out.append(Finding("page_not_read", "warning",
                           f"Page {i + 1} is an image with no text layer (scanned?), so nothing on it was read"
                           f"{f' ({why})' if why else ''}; "
                           "a table or figure printed there is not in the warehouse.",
                           expected=Side(None, "a text layer"), found=Side(None, "an image only"), prov=where, evidence=(where,)))
    return tuple(out)


def _not_ocr(o: Optional[OcrPage]) -> str:
    """Why OCR did not read a scanned page, as a clause (empty when it was not tried)."""
    if o is None:
        return ""
    return f"not OCR'd: {o.skipped}" if o.skipped else "OCR found no words on it"


def _check_text(pdf: Any, text_pages: int, source: str, ocr: dict[int, OcrPage]) -> None:
    if text_pages:
        if text_pages < pdf.page_count:
            log.info("%s: %d of %d pages hold no text", source, pdf.page_count - text_pages, pdf.page_count)
        return
    with_images = [i + 1 for i in range(pdf.page_count) if pdf.load_page(i).get_images()]
    if with_images:
        why = _not_ocr(ocr.get(with_images[0]))
        raise DocumentError(f"scanned: no text layer on any of its {pdf.page_count} pages (page {with_images[0]} "
                            f"is an image{'; ' + why if why else ''})", source=source, page=with_images[0],
                            hint="a scan of at least 150 dpi is read by OCR")
    raise DocumentError(f"no text: none of its {pdf.page_count} pages holds text or images", source=source, page=1)


def _stitch(items: list[_Item]) -> dict[int, _Stitched]:
    """Group page tables that continue on the next page; key: id of the first part."""
    groups: dict[int, _Stitched] = {}
    content = [it for it in items if not it.margin]
    prev_group: Optional[_Stitched] = None
    for k, it in enumerate(content):
        if not isinstance(it.obj, RawTable):
            prev_group = None
            continue
        before = content[k - 1] if k else None
        last = prev_group.parts[-1][0] if prev_group else None
        if (prev_group is not None and last is not None and before is not None and before.obj is last
                and it.page == last.page + 1 and (it.continues or same_columns(last, it.obj))):
            drop = _leading_headings(it.obj) if it.continues else repeated_header(prev_group.parts[0][0], it.obj)
            prev_group.parts.append((it.obj, drop))
            continue
        prev_group = _Stitched([(it.obj, 0)])
        groups[id(it.obj)] = prev_group
    return groups


def _leading_headings(t: RawTable) -> int:
    """Heading rows (no amounts, two or more cells printed) at the top of a continued part: the table's headings
    repeated on the new page. A row with its label alone is a funder whose figures are blank, or a section row."""
    return next((k for k in range(len(t.cells)) if body_rows(RawTable(t.page, t.bbox, [t.cells[k]], t.method)) > 0
                 or sum(1 for x, _ in t.cells[k] if x) < 2), len(t.cells))


def _assemble(items: list[_Item], sha: str) -> tuple[list[Line], list[Table]]:
    groups = _stitch(items)
    skip = {id(t): n for g in groups.values() for t, n in g.parts[1:]}
    lines: list[Line] = []
    spans: dict[int, tuple[int, int]] = {}
    for it in items:
        if isinstance(it.obj, TextLine):
            lines.append(Line(len(lines) + 1, it.obj.text, "\n", it.page, it.obj.bbox))
            continue
        first = len(lines)
        for row in it.obj.cells[skip.get(id(it.obj), 0):]:
            lines.append(Line(len(lines) + 1, "\t".join(t for t, _ in row), "\n", it.page, row_bbox(row)))
        spans[id(it.obj)] = (first, len(lines) - 1)
    tables = [_table(g, spans, sha) for g in groups.values()]
    return lines, sorted(tables, key=lambda t: t.first_line)


def _table(g: _Stitched, spans: dict[int, tuple[int, int]], sha: str) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for part, drop in g.parts:
        for row in part.cells[drop:]:
            r = len(rows)
            rows.append(tuple(Cell(text, r, c, Provenance(sha, page=part.page, bbox=box, raw_text=text,
                                                          extractor=part.method))
                              for c, (text, box) in enumerate(row)))
    first = g.parts[0][0]
    methods = sorted({p.method for p, _ in g.parts})
    return Table(rows=tuple(rows), method="+".join(methods), first_line=spans[id(first)][0],
                 last_line=spans[id(g.parts[-1][0])][1], page=first.page, quality=min(p.quality for p, _ in g.parts))

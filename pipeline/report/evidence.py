"""The evidence of a finding as the report shows it: quoted lines of a text document with their numbers,
or for a PDF the page number and an image crop of the region (PyMuPDF, bbox with top-left origin).

The archived raw file (``documents.raw_path``) is read when it is there, to quote the lines around the
evidence; without it the report falls back to the provenance's own ``raw_text``. Never raises for a missing
or unreadable file: the evidence is then the stored text, and the reason is logged.
"""
from __future__ import annotations

import base64
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from .queries import DocumentRow, EvidenceRef, FindingRow

log = logging.getLogger(__name__)

CONTEXT_LINES = 1  # lines quoted before and after each evidence line
CONTEXT_CHARS = 240  # a context line longer than this is shortened
EVIDENCE_CHARS = 2000  # an evidence line longer than this is shortened (its place is still given)
MAX_QUOTED = 12  # evidence lines quoted per finding; the rest are counted ("and N more places")
MAX_CROPS = 4  # page crops drawn per finding
CROP_MARGIN = 18.0  # points around a PDF bbox
CROP_ZOOM = 2.0


@dataclass(frozen=True)
class QuotedLine:
    number: int
    text: str
    is_evidence: bool


@dataclass(frozen=True)
class Crop:
    page: int
    png_data_uri: str
    raw_text: str


@dataclass(frozen=True)
class Evidence:
    """What the report prints under a finding: quoted lines (text) and/or page crops (PDF)."""

    quotes: tuple[tuple[QuotedLine, ...], ...]  # one block per run of nearby lines
    crops: tuple[Crop, ...]
    pages_without_image: tuple[tuple[int, str], ...]  # (page, raw_text) where no crop could be drawn
    omitted: int = 0  # evidence places not shown (the finding's full list of places is in findings.csv)


class EvidenceReader:
    """Reads each raw document at most once per report."""

    def __init__(self) -> None:
        self._lines: dict[int, Optional[tuple[str, ...]]] = {}
        self._pdf: dict[int, Optional[bytes]] = {}

    def for_finding(self, f: FindingRow, doc: DocumentRow) -> Evidence:
        all_text = sorted({e.line for e in f.evidence if e.line is not None and e.page is None})
        all_pdf = [e for e in f.evidence if e.page is not None]
        text_refs, pdf_refs = all_text[:MAX_QUOTED], all_pdf[:MAX_CROPS]
        stored = {e.line: short(e.raw_text, EVIDENCE_CHARS) for e in f.evidence if e.line is not None}
        quotes = self._quotes(doc, text_refs, stored) if text_refs else ()
        crops, bare = self._crops(doc, pdf_refs, figures_of(f))
        return Evidence(quotes, crops, bare, len(all_text) - len(text_refs) + len(all_pdf) - len(pdf_refs))

    # ----------------------------------------------------------------- text documents

    def _doc_lines(self, doc: DocumentRow) -> Optional[tuple[str, ...]]:
        if doc.document_id not in self._lines:
            self._lines[doc.document_id] = _read_lines(doc)
        return self._lines[doc.document_id]

    def _quotes(self, doc: DocumentRow, numbers: list[int], stored: dict[int, str]) -> tuple[tuple[QuotedLine, ...], ...]:
        lines = self._doc_lines(doc)
        if lines is None:
            return tuple((QuotedLine(n, stored.get(n, ""), True),) for n in numbers)
        if any(not 1 <= n <= len(lines) for n in numbers):  # not the file the lines were numbered in
            log.warning("%s: evidence lines %s outside the file's %d lines", doc.source, numbers, len(lines))
            return tuple((QuotedLine(n, stored.get(n, ""), True),) for n in numbers)
        wanted: set[int] = set()
        for n in numbers:
            wanted.update(range(max(1, n - CONTEXT_LINES), min(len(lines), n + CONTEXT_LINES) + 1))
        blocks: list[list[QuotedLine]] = []
        for n in sorted(wanted):
            is_ev = n in numbers
            text = short(lines[n - 1], EVIDENCE_CHARS if is_ev else CONTEXT_CHARS)
            if blocks and blocks[-1][-1].number == n - 1:
                blocks[-1].append(QuotedLine(n, text, is_ev))
            else:
                blocks.append([QuotedLine(n, text, is_ev)])
        return tuple(tuple(b) for b in blocks)

    # ----------------------------------------------------------------- PDFs

    def _crops(self, doc: DocumentRow, refs: list[EvidenceRef],
               figures: list[str]) -> tuple[tuple[Crop, ...], tuple[tuple[int, str], ...]]:
        crops: list[Crop] = []
        bare: list[tuple[int, str]] = []
        seen: set[tuple[int, Optional[tuple[float, ...]]]] = set()
        for e in refs:
            assert e.page is not None
            if (e.page, e.bbox) in seen:
                continue
            seen.add((e.page, e.bbox))
            uri = self._crop(doc, e.page, e.bbox, figures) if e.bbox else None
            if uri:
                crops.append(Crop(e.page, uri, short(e.raw_text, EVIDENCE_CHARS)))
            else:
                bare.append((e.page, short(e.raw_text, EVIDENCE_CHARS)))
        return tuple(crops), tuple(bare)

    def _crop(self, doc: DocumentRow, page: int, bbox: tuple[float, float, float, float],
              figures: list[str]) -> Optional[str]:
        if doc.document_id not in self._pdf:
            self._pdf[doc.document_id] = _read_bytes(doc.raw_path)
        data = self._pdf[doc.document_id]
        if data is None:
            return None
        try:
            return crop_png_data_uri(data, page, bbox, figures)
        except Exception as e:  # a damaged PDF or a page out of range: say so, keep the text evidence
            log.warning("%s page %s: no image crop (%s: %s)", doc.source, page, type(e).__name__, e)
            return None


def crop_png_data_uri(pdf: bytes, page: int, bbox: tuple[float, float, float, float],
                      figures: Sequence[str] = ()) -> str:
    """A PNG (as a data URI) of 1-based ``page`` around ``bbox``; drawn by the PDF reader package."""
    from extractors.readers.pdf_render import crop_png  # PyMuPDF only when a PDF's evidence is drawn

    png = crop_png(pdf, page, bbox, figures, margin=CROP_MARGIN, zoom=CROP_ZOOM)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


_FIGURE = re.compile(r"\d[\d,. ]*\d%?|\d%?")


def short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out."""
    return text if len(text) <= limit else f"{text[:limit]} … ({len(text) - limit:,} more characters)"


def figures_of(f: FindingRow) -> list[str]:
    """The figures of a finding's two sides as printed (``'table 1 total 2,062,840'`` gives '1', '2,062,840')."""
    return [m.strip() for t in (f.expected, f.found) for m in _FIGURE.findall(t) if len(m.strip()) >= 2]


def _read_bytes(path: Optional[str]) -> Optional[bytes]:
    if not path:
        return None
    try:
        return Path(path).read_bytes()
    except OSError as e:
        log.warning("raw file %s not readable (%s); quoting the stored text instead", path, e)
        return None


def _read_lines(doc: DocumentRow) -> Optional[tuple[str, ...]]:
    """The document's lines numbered as the reader numbered them (the same reader, so the same numbers)."""
    data = _read_bytes(doc.raw_path)
    if data is None or doc.kind == "pdf":
        return None
    from pipeline.errors import YJError
    from pipeline.stages import read_document  # text, HTML, Markdown or Word: the reader that numbered them
    try:
        d = read_document(data, doc.source)
    except YJError as e:
        log.warning("%s: cannot re-read for quotes (%s)", doc.source, e)
        return None
    return tuple(ln.text for ln in d.lines)

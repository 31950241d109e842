"""OCR of PDF pages that have no text layer (a scanned plan, a scanned budget appendix), with Tesseract.

Only a page with no words and an image on it is OCR'd. PyMuPDF renders it (greyscale, at the scan's own
resolution, 150-300 dpi) and Debian's ``tesseract`` (``scripts/ensure_tesseract.sh``) reads it as TSV: each word
with its box and a confidence. PyMuPDF's own OCR text page (``get_textpage_ocr``) carries no confidence,
which every OCR'd value must record, so the page image goes to the Tesseract binary instead. The words
join the page as the text layer's words would (PDF points, origin top-left), so tables and paragraphs are
found on them by the same readers; :func:`stamp` then marks every line and cell of an OCR'd page: the
table method and cell extractor say ``ocr-tesseract``, and ``ocr_confidence`` is the lowest word
confidence in the line or table row (0-1).

Money misreads (``£`` as ``E``/``f``, ``O`` for 0, ``l``/``I`` for 1, ``,`` before pence) are read by
:func:`normalisers.money.ocr_money_reading`; each page's readings are an ``info`` finding that lists them,
and the table arithmetic checks the figures as it checks any other. A scan coarser than ``MIN_DPI`` is not
OCR'd (its figures could not be trusted): the page stays a ``page_not_read`` finding, saying why.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, replace
from typing import Any, Optional, Sequence

from extractors.readers.pdf_ruled import _Seg
from extractors.readers.pdf_words import Word
from normalisers.money import ocr_money_reading
from pipeline.records import BBox, Cell, Document, Finding, Line, Provenance, Side, Table

log = logging.getLogger(__name__)

METHOD = "ocr-tesseract"
MIN_DPI = 150  # a scan coarser than this is not read: its digits are guesses
MAX_DPI = 300  # rendering finer than this costs time and gains Tesseract nothing
MIN_WORD_CONFIDENCE = 30.0  # Tesseract's 0-100; below it a "word" is usually a speck or a rule
TIMEOUT_S = 120
DARK = 160  # grey level below which a pixel is ink
MIN_RULE_H = 20.0  # points: a horizontal dark run this long is a rule, not a letter
MIN_RULE_V = 14.0  # points: a vertical one (a tall letter's stroke is shorter)
LINE_PAD = 0.15  # share of a line's ink height added above and below (type height vs ink height)
_RULE_ONLY = re.compile(r"^[|\[\]_]+$")  # table rules Tesseract reads as characters
_RULE_EDGE = re.compile(r"^\|+|\|+$")


@dataclass(frozen=True)
class OcrPage:
    """What OCR made of one page: words (as text-layer words are) and a confidence per word (0-1)."""

    page: int
    words: tuple[Word, ...] = ()
    confidences: tuple[float, ...] = ()
    dpi: int = 0
    seconds: float = 0.0
    readings: tuple[tuple[str, str, BBox], ...] = ()  # (as OCR read it, as taken, where)
    rules: tuple[_Seg, ...] = ()  # table rules seen in the image, for the ruled-table reader
    skipped: str = ""  # why the page was not OCR'd (too coarse, Tesseract missing)

    def confidence(self, box: Optional[BBox]) -> Optional[float]:
        """The lowest confidence of the words whose centre lies in ``box`` (None when none does)."""
        if box is None:
            return None
        inside = [c for w, c in zip(self.words, self.confidences)
                  if box[0] - 1 <= w.xc <= box[2] + 1 and box[1] - 1 <= w.yc <= box[3] + 1]
        return round(min(inside), 2) if inside else None


@functools.lru_cache(maxsize=1)
def tesseract() -> Optional[str]:
    """The tesseract binary when it and its English data are installed, else None."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    return exe if "eng" in langs.stdout.split() else None


def image_dpi(page: Any) -> float:
    """The resolution of the largest image on the page, in pixels per inch as placed (0 when none)."""
    best, dpi = 0.0, 0.0
    for info in page.get_image_info():
        x0, y0, x1, y1 = info["bbox"]
        area = (x1 - x0) * (y1 - y0)
        if area > best:  # pixels per inch over the placed area: the same whether the image is turned or not
            best, dpi = area, 72 * (info["width"] * info["height"] / area) ** 0.5
    return dpi


def ocr_page(page: Any, pno: int) -> Optional[OcrPage]:
    """OCR a page without a text layer; None when it holds no image (a blank page)."""
    if not page.get_images():
        return None
    exe = tesseract()
    if exe is None:
        return OcrPage(pno, skipped="Tesseract is not installed (scripts/ensure_tesseract.sh installs it)")
    dpi = image_dpi(page)
    if dpi < MIN_DPI:
        return OcrPage(pno, dpi=round(dpi), skipped=f"the scan is {dpi:.0f} dpi, below the {MIN_DPI} dpi "
                                                    "needed to read figures reliably")
    render = int(min(max(dpi, MIN_DPI), MAX_DPI))
    start = time.perf_counter()
    import pymupdf
    pix = page.get_pixmap(dpi=render, colorspace=pymupdf.csGRAY)
    png = pix.tobytes("png")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one thread: the machine's cores go to the other documents
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "-l", "eng", "--psm", "3", "tsv"], input=png,
                              capture_output=True, timeout=TIMEOUT_S, env=env, check=False)
    except subprocess.TimeoutExpired:
        return OcrPage(pno, dpi=render, skipped=f"Tesseract took longer than {TIMEOUT_S} s")
    if proc.returncode != 0:
        return OcrPage(pno, dpi=render, skipped=f"Tesseract failed: {proc.stderr.decode(errors='replace')[:200]}")
    scale = 72 / render
    words, confs, readings = _words(proc.stdout.decode("utf-8", errors="replace"), scale)
    rules = image_rules(pix.samples, pix.stride, pix.width, pix.height, scale)
    return OcrPage(pno, tuple(words), tuple(confs), render, time.perf_counter() - start, tuple(readings), tuple(rules))


def image_rules(samples: bytes, stride: int, width: int, height: int, scale: float) -> list[_Seg]:
    """Straight dark runs in a greyscale image, as rules in PDF points: a ruled table's lines, which a scan
    keeps only as pixels. A horizontal run must be ``MIN_RULE_H`` long, a vertical one ``MIN_RULE_V``
    (longer than any letter's stroke); each pixel row or column of a thick rule is a segment, and the
    ruled-table reader snaps those within its tolerance into one."""
    import numpy as np
    dark = np.frombuffer(samples, dtype=np.uint8).reshape(height, stride)[:, :width] < DARK
    out = [_Seg(True, (y + 0.5) * scale, a * scale, b * scale) for y, a, b in _runs(dark, MIN_RULE_H / scale)]
    out += [_Seg(False, (x + 0.5) * scale, a * scale, b * scale) for x, a, b in _runs(dark.T, MIN_RULE_V / scale)]
    return out


def _runs(dark: Any, min_len: float) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True at least ``min_len`` long, row by row."""
    import numpy as np
    edges = np.diff(np.pad(dark, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    keep = (ends - starts) >= min_len
    return [(int(r), int(a), int(b)) for r, a, b in zip(rows[keep], starts[keep], ends[keep])]


def _words(tsv: str, scale: float) -> tuple[list[Word], list[float], list[tuple[str, str, BBox]]]:
    """Tesseract's TSV to words in PDF points. A word's height is its text line's, grown by ``LINE_PAD`` above
    and below: Tesseract boxes the ink, a text layer the type's full height, and the row and paragraph
    grouping (``pdf_words``, ``pdf_stream``) expects the latter."""
    rows = [f for f in (r.split("\t") for r in tsv.splitlines()[1:]) if len(f) == 12]
    lines = {tuple(f[2:5]): (int(f[7]), int(f[7]) + int(f[9])) for f in rows if f[0] == "4"}
    words: list[Word] = []
    confs: list[float] = []
    readings: list[tuple[str, str, BBox]] = []
    for f in rows:
        if f[0] != "5" or float(f[10]) < MIN_WORD_CONFIDENCE:
            continue
        text = _RULE_EDGE.sub("", f[11].strip())
        if not text or _RULE_ONLY.match(text):
            continue
        left, width = int(f[6]), int(f[8])
        top, bottom = lines.get(tuple(f[2:5]), (int(f[7]), int(f[7]) + int(f[9])))
        pad = LINE_PAD * (bottom - top)
        # the pixmap is the displayed (rotation-applied) page, as page_words gives text-layer words
        box = (left * scale, (top - pad) * scale, (left + width) * scale, (bottom + pad) * scale)
        taken = ocr_money_reading(text)
        if taken is not None:
            readings.append((text, taken, box))
            text = taken
        block = int(f[2]) * 100 + int(f[3])  # Tesseract block and paragraph: PyMuPDF's block
        words.append(Word(box[0], box[1], box[2], box[3], text, block, int(f[4])))
        confs.append(float(f[10]) / 100)
    return words, confs, readings


# --------------------------------------------------------------------------- marking what OCR read


def stamp(doc: Document, pages: dict[int, OcrPage]) -> Document:
    """Mark every line and table cell of an OCR'd page, and add the reader's OCR findings."""
    read = {p: o for p, o in pages.items() if o.words}
    lines = tuple(_line(ln, read) for ln in doc.lines)
    tables = tuple(_table(t, read) for t in doc.tables)
    return replace(doc, lines=lines, tables=tables,
                   reader_findings=doc.reader_findings + tuple(_findings(doc.sha256, read)))


def _line(ln: Line, read: dict[int, OcrPage]) -> Line:
    o = read.get(ln.page or 0)
    return ln if o is None else replace(ln, ocr_confidence=o.confidence(ln.bbox))


def _table(t: Table, read: dict[int, OcrPage]) -> Table:
    if not any(c.prov.page in read for r in t.rows for c in r):
        return t
    rows = tuple(_row(r, read) for r in t.rows)
    return replace(t, rows=rows, method=f"{METHOD}+{t.method}")


def _row(row: Sequence[Cell], read: dict[int, OcrPage]) -> tuple[Cell, ...]:
    """Each cell of a row read by OCR gets the row's lowest word confidence (a row is read as one)."""
    o = next((read[c.prov.page] for c in row if c.prov.page in read), None)
    if o is None:
        return tuple(row)
    boxes = [c.prov.bbox for c in row if c.prov.bbox is not None]
    conf = o.confidence((min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                         max(b[3] for b in boxes))) if boxes else None
    return tuple(replace(c, prov=replace(c.prov, extractor=f"{METHOD}+{c.prov.extractor}", ocr_confidence=conf))
                 for c in row)


def _findings(sha: str, read: dict[int, OcrPage]) -> list[Finding]:
    out = []
    for pno, o in sorted(read.items()):
        where = Provenance(sha, page=pno, raw_text="", extractor=METHOD,
                           ocr_confidence=round(sum(o.confidences) / len(o.confidences), 2))
        out.append(Finding("page_read_by_ocr", "info",
                           f"Page {pno} has no text layer; it was read by OCR ({len(o.words)} words, mean confidence "
                           f"{where.ocr_confidence:.2f}), so its figures are as good as the scan: the checks test them.",
                           expected=Side(None, "a text layer"), found=Side(None, f"a {o.dpi} dpi scan read by OCR"),
                           prov=where))
        if o.readings:
            shown = "; ".join(f"{a!r} as {b}" for a, b, _ in o.readings[:8])
            more = f" and {len(o.readings) - 8} more" if len(o.readings) > 8 else ""
            evidence = tuple(Provenance(sha, page=pno, bbox=box, raw_text=a, extractor=METHOD) for a, _, box in o.readings)
            out.append(Finding("ocr_money_misread", "info",
                               f"On page {pno} OCR read {len(o.readings)} money figure(s) with the usual misreads "
                               f"(£ as E or f, O for 0, l or I for 1): {shown}{more}.",
                               expected=Side(None, "digits and £"), found=Side(None, raw=", ".join(a for a, _, _ in o.readings[:8])),
                               prov=evidence[0], evidence=evidence))
    return out

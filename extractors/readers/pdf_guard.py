"""Checks on PDF bytes before any page is read: complete, not a decompression bomb, honest about damage.

- :func:`check_complete`: a ``%PDF`` header, and the ``%%EOF`` marker at the end once trailing padding
  (NULs, white space, as some servers and archives add) is set aside.
- :func:`check_inflation`: every Flate stream is inflated *to count its size only*, in 1 MB steps, and the
  PDF is refused when a stream that readers parse (content streams, forms, fonts, object streams) or all of
  them together exceed :class:`pipeline.settings.DocumentLimits` (``max_stream_bytes``,
  ``max_inflated_bytes``), or one image exceeds ``max_inflated_bytes`` (images are only decoded when the
  report draws a crop). Memory stays bounded by the step, whatever the stream holds, so a 1 MB file that
  inflates to 1 GB never reaches PyMuPDF's or pdfplumber's page parsers.
- :func:`no_pages`: why a PDF with no readable page is unusable (empty, or damaged / cut short).
"""
from __future__ import annotations

import re
import zlib
from typing import Any, Optional

from pipeline.errors import DocumentError
from pipeline.settings import DEFAULT_LIMITS, DocumentLimits

STEP = 1 << 20  # bytes inflated at a time while counting
PADDING = b"\x00\r\n\t\f "


def check_complete(data: bytes, source: str) -> None:
    if not data.lstrip()[:1024].startswith(b"%PDF"):
        raise DocumentError("not a PDF: no %PDF header", source=source, text=data[:40].decode("latin-1"))
    body = data.rstrip(PADDING)
    if b"%%EOF" not in body[-2048:]:
        raise DocumentError(f"truncated PDF: the file ends without the %%EOF end marker after {len(data)} bytes",
                            source=source, text=body[-40:].decode("latin-1"), hint="download it again")


def inflated_size(raw: bytes, cap: int) -> int:
    """How many bytes ``raw`` (zlib data) inflates to, counting no further than ``cap + 1``."""
    d = zlib.decompressobj()
    total = 0
    buf = raw
    try:
        while buf and total <= cap:
            total += len(d.decompress(buf, STEP))
            buf = d.unconsumed_tail
    except zlib.error:
        pass  # a damaged stream: the reader will say so; its size so far is what counts here
    return total


def _is_flate(pdf: Any, xref: int) -> bool:
    kind, value = pdf.xref_get_key(xref, "Filter")
    if kind == "name":
        return bool(value in ("/FlateDecode", "/Fl"))
    if kind == "array":
        first = re.findall(r"/\w+", value)
        return bool(first) and first[0] in ("/FlateDecode", "/Fl")
    return False


# Deflate cannot inflate one byte to more than 1032 (a 258-byte match coded in two bits): a stream of n raw bytes
# inflates to at most MAX_RATIO * n bytes (zlib's header and check bytes only lower it)
MAX_RATIO = 1032


def _raw_sizes(pdf: Any) -> Optional[list[tuple[bool, int]]]:
    """(is an image, raw size) of every Flate stream; None when a stream cannot be read (the full check says)."""
    out = []
    try:
        for xref in range(1, pdf.xref_length()):
            if pdf.xref_is_stream(xref) and _is_flate(pdf, xref):
                out.append((pdf.xref_get_key(xref, "Subtype") == ("name", "/Image"), len(pdf.xref_stream_raw(xref))))
    except Exception:  # mupdf raises its own types: the full check meets the same error where it did
        return None
    return out


def _cannot_exceed(pdf: Any, limits: DocumentLimits) -> bool:
    """Whether even the most every Flate stream could inflate to stays within every limit."""
    sizes = _raw_sizes(pdf)
    if sizes is None:
        return False
    bounds = [(image, MAX_RATIO * n) for image, n in sizes]
    return all(b <= (limits.max_inflated_bytes if image else limits.max_stream_bytes) for image, b in bounds) \
        and sum(b for image, b in bounds if not image) <= limits.max_inflated_bytes


def check_inflation(pdf: Any, source: str, limits: DocumentLimits = DEFAULT_LIMITS) -> None:
    """DocumentError when a Flate stream (images aside) inflates past the limits (see the module doc). A PDF
    whose streams are too small to reach a limit at Deflate's greatest ratio is not inflated."""
    if _cannot_exceed(pdf, limits):
        return
    total = 0
    for xref in range(1, pdf.xref_length()):
        if not pdf.xref_is_stream(xref) or not _is_flate(pdf, xref):
            continue
        if pdf.xref_get_key(xref, "Subtype") == ("name", "/Image"):
            if inflated_size(pdf.xref_stream_raw(xref), limits.max_inflated_bytes) > limits.max_inflated_bytes:
                raise _bomb(source, f"image object {xref} inflates to more than {limits.max_inflated_bytes:,} bytes")
            continue
        size = inflated_size(pdf.xref_stream_raw(xref), min(limits.max_stream_bytes,
                                                            limits.max_inflated_bytes - total))
        if size > limits.max_stream_bytes:
            raise _bomb(source, f"object {xref} inflates to more than {limits.max_stream_bytes:,} bytes "
                                f"(limit per stream)")
        total += size
        if total > limits.max_inflated_bytes:
            raise _bomb(source, f"its streams inflate to more than {limits.max_inflated_bytes:,} bytes together")


def _bomb(source: str, what: str) -> DocumentError:
    return DocumentError(f"refused as a decompression bomb: {what}", source=source,
                         hint="raise DocumentLimits.max_stream_bytes / max_inflated_bytes if the PDF is genuine")


def no_pages(pdf: Any, data: bytes, source: str) -> DocumentError:
    """The reason for a PDF in which no page could be found: empty when its page tree says so (``/Count 0``),
    else damaged (MuPDF had to repair it, or it names pages: cut short or corrupt)."""
    if re.search(rb"/Count\s+0\b", data) and not re.search(rb"/Type\s*/Page\b", data):
        return DocumentError("empty PDF: it has no pages", source=source)
    if getattr(pdf, "is_repaired", False) or re.search(rb"/Type\s*/Page\b", data):
        return DocumentError(f"damaged PDF: no page could be read from its {len(data):,} bytes (the file looks "
                             "cut short or corrupt)", source=source, hint="download it again")
    return DocumentError("empty PDF: it has no pages", source=source)


def quiet_mupdf() -> None:
    """MuPDF prints its warnings and errors on stdout; keep them out of the command's output (the errors
    still become DocumentErrors with their reason)."""
    import pymupdf
    pymupdf.TOOLS.mupdf_display_errors(False)  # type: ignore[no-untyped-call]
    pymupdf.TOOLS.mupdf_display_warnings(False)  # type: ignore[no-untyped-call]

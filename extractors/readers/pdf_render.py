"""Page crops for the report's evidence: the only drawing on PDFs, kept with the readers that open them."""
from __future__ import annotations

from typing import Sequence


def crop_png(pdf: bytes, page: int, bbox: tuple[float, float, float, float], figures: Sequence[str] = (),
             *, margin: float = 18.0, zoom: float = 2.0) -> bytes:
    """PNG bytes of 1-based ``page`` around ``bbox`` (top-left origin, points).

    The crop is the full width of the page (so a row's label and its figures are both in it) and the height
    of the region plus ``margin``; the region is outlined in red and each of ``figures`` printed in the band
    is outlined in amber. Drawing happens on an in-memory copy; the raw file is never written.
    """
    import pymupdf as fitz

    with fitz.open(stream=pdf, filetype="pdf") as d:  # type: ignore[no-untyped-call]
        p = d[page - 1]
        region = fitz.Rect(*bbox)  # type: ignore[no-untyped-call]
        band = fitz.Rect(p.rect.x0, region.y0 - margin,  # type: ignore[no-untyped-call]
                         p.rect.x1, region.y1 + margin) & p.rect
        for fig in figures:
            for hit in p.search_for(fig, clip=band):
                p.draw_rect(hit + (-1.5, -1.5, 1.5, 1.5), color=(0.9, 0.55, 0.0), width=1.2)
        p.draw_rect(region + (-2, -2, 2, 2), color=(0.85, 0.1, 0.1), width=1.2)
        matrix = fitz.Matrix(zoom, zoom)  # type: ignore[no-untyped-call]
        png: bytes = p.get_pixmap(matrix=matrix, clip=band, alpha=False).tobytes("png")
    return png

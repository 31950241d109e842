"""Draw what the PDF reader saw: a page rendered with its paragraphs, tables and cells outlined.

    python -m extractors.readers.pdf_debug data/samples/pdf/004_672ac932354f9781.pdf 9 /tmp/p9.png

Paragraph lines are green, tables red (labelled with their engine), table cells blue; boxes are the bboxes
stored in provenance (PDF points, top-left origin), so a wrong box shows up on the picture.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from extractors.readers.pdf import read_pdf
from pipeline.records import BBox

log = logging.getLogger(__name__)


def draw_page(data: bytes, page: int, out: str, dpi: int = 100) -> str:
    """Render ``page`` (1-based) of the PDF with the reader's boxes drawn over it; returns ``out``."""
    import pymupdf

    doc = read_pdf(data, "debug.pdf")
    table_lines = {i for t in doc.tables for i in range(t.first_line, t.last_line + 1)}
    with pymupdf.open(stream=data, filetype="pdf") as pdf:  # type: ignore[no-untyped-call]
        p = pdf[page - 1]
        inv = ~p.rotation_matrix if p.rotation else None
        def box(b: BBox) -> "pymupdf.Rect":
            r = pymupdf.Rect(*b)  # type: ignore[no-untyped-call]
            return r * inv if inv is not None else r
        for i, ln in enumerate(doc.lines):
            if ln.page == page and ln.bbox and i not in table_lines:
                p.draw_rect(box(ln.bbox), color=(0, 0.6, 0), width=0.5)
        for t in doc.tables:
            for row in t.rows:
                for c in row:
                    if c.prov.page == page and c.prov.bbox:
                        p.draw_rect(box(c.prov.bbox), color=(0, 0, 1), width=0.4)
            first = next((c for r in t.rows for c in r if c.prov.page == page and c.prov.bbox), None)
            if first is not None and first.prov.bbox:
                p.insert_text(box(first.prov.bbox).tl + (0, -2), f"{t.method} q={t.quality}", fontsize=6,
                              color=(1, 0, 0))
        p.get_pixmap(dpi=dpi).save(out)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    print(draw_page(Path(argv[0]).read_bytes(), int(argv[1]), argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

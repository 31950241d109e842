"""The same bytes give the same extraction whatever was processed before in the process (module caches such as
tables/text_grids.py's last-document tables, memo caches of text functions, PyMuPDF state between documents)."""
from __future__ import annotations

from tests.conftest import SAMPLES

from pipeline.stages import process

PDFS = sorted((SAMPLES / "pdf").glob("*.pdf"))[2:5]


def _read(order: list[int]) -> dict[str, str]:
    return {PDFS[k].name: repr(process(PDFS[k].read_bytes(), PDFS[k].name)) for k in order}


def test_output_does_not_depend_on_documents_processed_before() -> None:
    assert len(PDFS) == 3
    forward, backward, again = _read([0, 1, 2]), _read([2, 1, 0]), _read([1, 1, 0, 2])
    assert forward == backward == again

"""Seconds per OCR'd page: the seeds' budget pages scanned to image-only pages (200 dpi greyscale, as
``tests/readers/test_pdf_ocr.py`` makes them) and read by ``extractors.readers.pdf_ocr.ocr_page`` (render + Tesseract + rules).

Each page is timed on its own after a garbage collection; the median and the slowest page are reported.
Target: at most 3 s a page on this machine.
"""
from __future__ import annotations

import gc
import resource
import statistics
import time
from typing import Any

from bench.speed import PDF_DIR

TARGET_S = 3.0


def run() -> dict[str, Any]:
    import pymupdf

    from extractors.readers.pdf_ocr import ocr_page, tesseract
    from tests.readers.test_pdf_ocr import SCANS, scanned_twin
    if tesseract() is None:
        return {"error": "tesseract is not installed (bash scripts/ensure_tesseract.sh)"}
    times: list[float] = []
    cpu: list[float] = []
    words = 0
    for stem, pages in SCANS.items():
        with pymupdf.open(stream=scanned_twin(PDF_DIR / f"{stem}.pdf", pages), filetype="pdf") as doc:  # type: ignore[no-untyped-call]
            for pno in pages:
                gc.collect()
                t0, c0 = time.perf_counter(), _cpu()
                page = ocr_page(doc.load_page(pno - 1), pno)
                times.append(time.perf_counter() - t0)
                cpu.append(_cpu() - c0)
                words += len(page.words) if page else 0
    return {"pages": len(times), "words": words, "median": statistics.median(times), "max": max(times),
            "cpu": statistics.median(cpu)}


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract): what a page costs on an idle core."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def report(r: dict[str, Any]) -> str:
    if "error" in r:
        return f"OCR: {r['error']}"
    verdict = "meets" if r["median"] <= TARGET_S else "misses"
    return (f"OCR of {r['pages']} scanned budget pages ({r['words']} words): median {r['median']:.2f} s/page, "
            f"slowest {r['max']:.2f} s ({verdict} the target of <= {TARGET_S:.0f} s/page); CPU {r['cpu']:.2f} s/page "
            f"(wall time above it is waiting for a core: load average {_load():.1f})")


def _load() -> float:
    import os
    return os.getloadavg()[0]

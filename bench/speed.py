"""Ingest speed on the bundled PDFs as a ratio to PyMuPDF's plain text extraction, and peak memory.

Our figure is the whole ``pipeline.stages.process`` (read, tables, every extractor, checks; no database) on
each bundled PDF; the reference is ``pymupdf.open`` + ``page.get_text()`` on every page of the same files.
Both are the median of a few runs in this process, each started after a garbage collection and with the memo
caches of our pure text functions emptied (a second run over the same pages must not look faster than the first). Peak memory is
measured in a fresh subprocess (its ru_maxrss, which includes MuPDF's C allocations) for the largest bundled
PDF and for a generated several-hundred-page PDF.
"""
from __future__ import annotations

import gc
import json
import logging
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = ROOT / "data" / "samples" / "pdf"


def clear_text_memos() -> None:
    """Empty the memo caches of our pure text functions (period search, vocabulary terms...), so that a repeated
    run over the same files costs what the first did: a harvest does not read the same pages twice. Caches of
    loaded tables and built matchers (maxsize 16 or less, or unbounded) are start-up costs and stay."""
    for name, module in list(sys.modules.items()):
        if not name.startswith(("extractors", "normalisers", "pipeline")) or module is None:
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if callable(info) and info().maxsize is not None and info().maxsize > 16:
                value.cache_clear()


def _median_seconds(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        clear_text_memos()
        gc.collect()  # start each run from a clean heap: not collecting garbage an earlier section (tables) left
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def plain_text(files: list[tuple[str, bytes]]) -> None:
    import pymupdf
    for _, data in files:
        with pymupdf.open(stream=data, filetype="pdf") as doc:  # type: ignore[no-untyped-call]
            for page in doc:
                page.get_text()


def whole_ingest(files: list[tuple[str, bytes]]) -> None:
    from pipeline.stages import process
    for name, data in files:
        process(data, name)


def read_only(files: list[tuple[str, bytes]]) -> None:
    from extractors.readers.pdf import read_pdf
    for name, data in files:
        read_pdf(data, name)


def run(repeat: int = 3) -> dict[str, Any]:
    import pymupdf
    paths = sorted(PDF_DIR.glob("*.pdf"))
    files = [(p.name, p.read_bytes()) for p in paths]
    pages = sum(pymupdf.open(stream=d, filetype="pdf").page_count for _, d in files)  # type: ignore[no-untyped-call]
    whole_ingest(files[:1])  # warm imports (spaCy, SQLAlchemy models) outside the timing
    out: dict[str, Any] = {"files": len(files), "pages": pages}
    for name, fn in (("plain_text", plain_text), ("read_pdf", read_only), ("ingest", whole_ingest)):
        secs = _median_seconds(lambda: fn(files), repeat)
        out[name] = {"seconds": secs, "pages_per_second": pages / secs}
    out["ratio"] = out["ingest"]["pages_per_second"] / out["plain_text"]["pages_per_second"]
    out["ratio_read"] = out["read_pdf"]["pages_per_second"] / out["plain_text"]["pages_per_second"]
    largest = max(paths, key=lambda p: p.stat().st_size)
    out["memory_largest"] = {"file": largest.name, **peak_memory(str(largest))}
    out["memory_long"] = {"file": "generated 400 pages", **peak_memory("--generate=400")}
    return out


_CHILD = r"""
import json, resource, sys, time
arg = sys.argv[1]
if arg.startswith("--generate="):
    from tests.readers.test_pdf_bad import _long_pdf
    data, name = _long_pdf(int(arg.split("=")[1])), "long.pdf"
else:
    data, name = open(arg, "rb").read(), arg
import pymupdf
pages = pymupdf.open(stream=data, filetype="pdf").page_count
from pipeline.stages import process
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
process(data, name)
secs = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"pages": pages, "seconds": secs, "peak_mb": peak / 1024, "before_mb": before / 1024}))
"""


def peak_memory(arg: str) -> dict[str, Any]:
    res = subprocess.run([sys.executable, "-c", _CHILD, arg], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if res.returncode != 0:
        return {"error": res.stderr.strip().splitlines()[-1:]}
    return json.loads(res.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def report(r: dict[str, Any]) -> str:
    lines = [f"ingest speed on the bundled PDFs ({r['files']} files, {r['pages']} pages):",
             f"  PyMuPDF plain page.get_text():      {r['plain_text']['pages_per_second']:8.1f} pages/s",
             f"  our read_pdf (lines + tables):       {r['read_pdf']['pages_per_second']:8.1f} pages/s"
             f"  (ratio {r['ratio_read']:.2f})",
             f"  our whole ingest (stages.process):   {r['ingest']['pages_per_second']:8.1f} pages/s"
             f"  (ratio {r['ratio']:.2f}; target >= 0.25)",
             f"  share of ingest time in reading the PDF: {r['read_pdf']['seconds'] / r['ingest']['seconds']:.0%}"
             " (the rest: extractors and checks)"]
    for key in ("memory_largest", "memory_long"):
        m = r[key]
        if "error" in m:
            lines.append(f"  peak memory, {m['file']}: failed {m['error']}")
        else:
            lines.append(f"  peak memory, {m['file']} ({m['pages']} pages, {m['seconds']:.1f} s): "
                         f"{m['peak_mb']:.0f} MB RSS (after imports {m['before_mb']:.0f} MB; target < 500 MB)")
    return "\n".join(lines)

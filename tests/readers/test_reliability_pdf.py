"""Issue 12, PDFs: padding after %%EOF, a half PDF, and a decompression bomb read with bounded memory."""
from __future__ import annotations

import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from pipeline.errors import DocumentError
from pipeline.stages import read_document

from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.timeout(90)


def plan_pdf(pages: int = 3, objstms: bool = False) -> bytes:
    import pymupdf
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 100), f"Sometown Youth Justice Plan 2019/20, page {n + 1}", fontsize=12)
        page.insert_text((72, 140), "Police and Crime Commissioner     69,186", fontsize=11)
    data: bytes = doc.tobytes(use_objstms=1, garbage=3, deflate=True) if objstms else doc.tobytes()
    doc.close()
    return data


def flate_bomb(megabytes: int) -> bytes:
    """A zlib stream of ``megabytes`` MB of spaces, built from one flushed block repeated (about 1 KB a MB)."""
    chunk = b" " * (1 << 20)
    c = zlib.compressobj(9)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(chunk, adler)
    return first + block * (megabytes - 1) + b"\x03\x00" + adler.to_bytes(4, "big")


def bomb_pdf(path: Path, megabytes: int) -> None:
    """A one-page PDF with a small ruled grid whose page content continues in a stream inflating to ``megabytes``."""
    import pymupdf
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 100), "Budget 2019/20", fontsize=14)
    for i in range(4):
        page.draw_line((72, 120 + 20 * i), (400, 120 + 20 * i))
    x = doc.get_new_xref()
    doc.update_object(x, "<<>>")
    doc.update_stream(x, flate_bomb(megabytes), compress=False)
    doc.xref_set_key(x, "Filter", "/FlateDecode")
    kind, value = doc.xref_get_key(page.xref, "Contents")
    refs = value[1:-1] if kind == "array" else value
    doc.xref_set_key(page.xref, "Contents", f"[{refs} {x} 0 R]")
    doc.save(path, garbage=0, deflate=False)
    doc.close()


def test_padding_after_eof_is_accepted():
    data = plan_pdf()
    for pad in (b"\x00" * 5000, b"\r\n\n\n", b"\n" + b"\x00" * 100 + b" \n"):
        doc = read_document(data + pad, "padded.pdf")
        assert doc.pages == 3 and any("Police and Crime Commissioner" in ln.text for ln in doc.lines)


def test_half_a_pdf_with_eof_added_back_is_called_damaged_not_empty(capfd):
    data = plan_pdf(6, objstms=True)
    half = data[: len(data) // 2] + b"\n%%EOF\n"
    with pytest.raises(DocumentError, match="damaged PDF: no page could be read"):
        read_document(half, "half.pdf")
    out = capfd.readouterr()
    assert "MuPDF" not in out.out + out.err  # MuPDF's own messages stay out of the command's output


def test_a_decompression_bomb_is_refused_with_memory_bounded(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    bomb_pdf(bomb, 1200)  # 1.2 MB on disk, 1.2 GB inflated
    assert bomb.stat().st_size < 2_000_000
    script = ("import resource, sys\nfrom pipeline.cli import main\n"
              "code = main(sys.argv[1:])\n"
              "print('maxrss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
              "sys.exit(code)\n")
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script, "ingest", "--no-flow", "--db",
                           f"sqlite:///{tmp_path / 'w.db'}", "--raw-dir", str(tmp_path / "raw"), str(bomb),
                           str(SEEDS[0])], cwd=ROOT, capture_output=True, text=True, timeout=80)
    took = time.monotonic() - t0
    maxrss = int(proc.stderr.split("maxrss_kb ")[1].split()[0]) * 1024
    assert proc.returncode == 1, proc.stderr
    assert "refused as a decompression bomb" in proc.stderr and "1 ingested, 0 unchanged, 1 failed" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert maxrss < 1024 ** 3, f"{maxrss:,} bytes"
    assert took < 60

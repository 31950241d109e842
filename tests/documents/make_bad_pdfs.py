"""Write the small bad-PDF fixtures next to this file (committed; re-run to regenerate).

    .venv/bin/python tests/documents/make_bad_pdfs.py

Each is a way a harvested "PDF" goes wrong: cut short by a dropped download, garbage after a valid header,
password-protected, a scan with no text layer, a page tree with no pages, and a web server's HTML error page
saved under a .pdf name. The several-hundred-page PDF is made inside the test instead (too big to commit).
"""
from __future__ import annotations

from pathlib import Path

import pymupdf

HERE = Path(__file__).resolve().parent
GOOD = HERE.parents[1] / "data" / "samples" / "pdf" / "003_4cc41449b754ee5d.pdf"

ZERO_PAGES = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
              b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
              b"trailer\n<< /Root 1 0 R /Size 3 >>\n%%EOF\n")

HTML_ERROR = (b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n<body><h1>Not Found</h1>\n"
              b"<p>The requested URL /downloads/youth-justice-plan-2019.pdf was not found on this server.</p>\n"
              b"</body></html>\n")


def truncated(good: bytes) -> bytes:
    return good[: int(len(good) * 0.6)]


def corrupt(good: bytes) -> bytes:
    junk = bytes((i * 131 + 7) % 256 for i in range(4000))
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + junk + b"\n%%EOF\n"


def encrypted(good: bytes) -> bytes:
    doc = pymupdf.open(stream=good, filetype="pdf")
    doc.select([0])
    out = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="council", owner_pw="council-owner")
    doc.close()
    return out


def scanned(good: bytes) -> bytes:
    src = pymupdf.open(stream=good, filetype="pdf")
    pix = src[0].get_pixmap(dpi=50, colorspace=pymupdf.csGRAY)
    out = pymupdf.open()
    page = out.new_page(width=src[0].rect.width, height=src[0].rect.height)
    page.insert_image(page.rect, stream=pix.tobytes("jpg", jpg_quality=40))
    data = out.tobytes(garbage=3, deflate=True)
    src.close()
    out.close()
    return data


def main() -> None:
    good = GOOD.read_bytes()
    files = {"bad_truncated.pdf": truncated(good), "bad_corrupt.pdf": corrupt(good),
             "bad_encrypted.pdf": encrypted(good), "bad_scanned.pdf": scanned(good),
             "bad_zero_pages.pdf": ZERO_PAGES, "bad_html_error_page.pdf": HTML_ERROR}
    for name, data in files.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()

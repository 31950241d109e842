from __future__ import annotations

import pytest

from extractors.readers.text import read_text
from pipeline.errors import DocumentError

from tests.conftest import REAL, SEEDS


def test_line_ends_are_kept_apart():
    doc = read_text(b"a\r\nb\rc\nd", "x.txt")
    assert [(ln.number, ln.text, ln.end) for ln in doc.lines] == [
        (1, "a", "\r\n"), (2, "b", "\r"), (3, "c", "\n"), (4, "d", "")]


def test_cp1252_pound_sign():
    doc = read_text("Total £1,234".encode("cp1252"), "x.txt")
    assert doc.encoding == "cp1252" and doc.lines[0].text == "Total £1,234"


def test_utf8_bom():
    doc = read_text("\ufeffPlan £5".encode("utf-8"), "x.txt")
    assert doc.lines[0].text == "Plan £5"


def test_html_table_rows_become_tab_lines():
    html = b"<html><body><h1>Budget</h1><table><tr><th>Agency</th><th>Total</th></tr>" \
           b"<tr><td><b>Police</b></td><td>1,000</td></tr></table></body></html>"
    doc = read_text(html, "x.html")
    assert doc.kind == "html"
    assert [ln.text for ln in doc.lines] == ["Budget", "Agency\tTotal", "Police\t1,000"]


@pytest.mark.parametrize("data,reason", [(b"", "empty file"), (b"  \n\n", "empty file"),
                                         (b"\x00\x01\x02binary", "binary file")])
def test_bad_input_names_the_problem(data, reason):
    with pytest.raises(DocumentError) as e:
        read_text(data, "bad.txt")
    assert reason in str(e.value) and "bad.txt" in str(e.value)


@pytest.mark.parametrize("path", SEEDS + REAL, ids=lambda p: p.name[:30])
def test_every_bundled_document_reads(path):
    doc = read_text(path.read_bytes(), str(path))
    assert len(doc.lines) > 100
    assert "\ufffd" not in doc.text

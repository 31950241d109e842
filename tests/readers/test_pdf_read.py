"""The PDF reader over the bundled PDF renditions of the seeds (data/samples/pdf, made by scripts/make_pdf_corpus.py)."""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from extractors.readers.pdf import read_pdf
from pipeline.records import BBOX_ORIGIN, Document, Table
from tests.conftest import SAMPLES

PDFS = sorted((SAMPLES / "pdf").glob("*.pdf"))
_CACHE: dict[str, Document] = {}


def doc_of(stem_prefix: str) -> Document:
    path = next(p for p in PDFS if p.stem.startswith(stem_prefix))
    if path.stem not in _CACHE:
        _CACHE[path.stem] = read_pdf(path.read_bytes(), path.name)
    return _CACHE[path.stem]


def table_with(doc: Document, text: str) -> Table:
    return next(t for t in doc.tables if any(c.text == text for r in t.rows for c in r))


def test_corpus_is_bundled() -> None:
    assert len(PDFS) == 5 and BBOX_ORIGIN == "top-left"
    assert sum(p.stat().st_size for p in PDFS) < 2_000_000


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem[:3])
def test_lines_have_page_and_bbox_on_the_page(path: Path) -> None:
    doc = doc_of(path.stem[:3])
    assert doc.kind == "pdf" and doc.pages and doc.lines
    with pymupdf.open(path) as pdf:
        sizes = [(p.rect.width, p.rect.height) for p in pdf]
    assert [ln.number for ln in doc.lines] == list(range(1, len(doc.lines) + 1))
    for ln in doc.lines:
        assert ln.text.strip() and ln.page is not None and ln.bbox is not None
        w, h = sizes[ln.page - 1]
        x0, top, x1, bottom = ln.bbox
        assert -1 <= x0 < x1 <= w + 1 and -1 <= top < bottom <= h + 1, ln
    assert [ln.page for ln in doc.lines] == sorted(ln.page for ln in doc.lines)


def test_prose_reads_like_the_text_rendition() -> None:
    doc = doc_of("000")
    sentence = "The budget for 2019/20 has been established at £1,223,757."
    assert any(sentence in ln.text for ln in doc.lines)
    seed = (SAMPLES / "seeds" / "000_b3670cbf2782132e.txt").read_text(encoding="utf-8")
    assert sentence in seed


def test_ruled_table_with_wrapped_labels_joined() -> None:
    t = table_with(doc_of("000"), "Police and Crime Commissioner")
    assert t.method == "pymupdf-rules" and t.page == 7
    assert [c.text for c in t.rows[0]] == ["Income", "Staff (£)", "Delegated funds (£)", "Total (£)"]
    assert [c.text for c in t.rows[2]] == ["Police and Crime Commissioner", "", "116,900", "116,900"]
    assert [c.text for c in t.rows[-1]] == ["TOTAL", "108,921", "1,125,836", "1,234,757"]
    t2 = table_with(doc_of("002"), "YJB Good Practice and Remand Placements Grants")
    assert [c.text for c in t2.rows[1]][:2] == ["Local Authority", "£595,998"]  # £ in some cells only
    assert [c.text for c in t2.rows[2]][:2] == ["Police Service", "43,674"]


def test_table_lines_cover_the_table() -> None:
    doc = doc_of("000")
    t = table_with(doc, "Police and Crime Commissioner")
    covered = doc.lines[t.first_line:t.last_line + 1]
    assert [ln.text.split("\t") for ln in covered] == [[c.text for c in r] for r in t.rows]
    assert doc.lines[t.first_line - 1].text == "Appendix 1 Financial Summary 2019/20"


def test_borderless_table_found_by_whitespace() -> None:
    doc = doc_of("002")
    t = table_with(doc, "Probation")
    t = next(x for x in doc.tables if x.method == "pymupdf-whitespace" and any(c.text == "43,674" for r in x.rows for c in r))
    rows = [[c.text for c in r] for r in t.rows]
    assert rows[0] == ["Agency", "Staffing Costs", "Payments in kind", "Other delegated funds", "Total"]
    assert ["Police", "43,674", "", "41,941", "85,615"] in rows
    assert rows[-1] == ["Total", "1,076,787", "-", "949,828", "2,026, 615"]
    assert doc.lines[t.first_line - 1].text == "12. Budget Plan 2018-19"


def test_table_split_over_two_pages_is_stitched() -> None:
    doc = doc_of("004")
    t = table_with(doc, "* Welsh Government")
    rows = [[c.text for c in r] for r in t.rows]
    assert rows.count(["Agency", "Staffing Costs", "Payments in kind", "Other delegated funds", "Total"]) == 1
    assert len(rows) == 10 and rows[-1][0] == "Total"
    pages = {r[0].text: r[0].prov.page for r in t.rows}
    assert pages["Police"] == 9 and pages["* Welsh Government"] == 10 and pages["Total"] == 10
    assert t.page == 9 and doc.lines[t.first_line].page == 9 and doc.lines[t.last_line].page == 10
    texts = [ln.text for ln in doc.lines]
    assert texts.count("Agency\tStaffing Costs\tPayments in kind\tOther delegated funds\tTotal") == 1


def test_landscape_staffing_grid_with_two_level_header() -> None:
    doc = doc_of("000")
    t = table_with(doc, "Seconded Health Speech & Language")
    with pymupdf.open(next(p for p in PDFS if p.stem.startswith("000"))) as pdf:
        page = pdf[t.page - 1]
        assert page.rect.width > page.rect.height
    assert [c.text for c in t.rows[0]][:3] == ["Contract type", "Strategic Managers", ""]
    assert [c.text for c in t.rows[1]][1:3] == ["Part-time", "Full-time"]
    assert [c.text for c in t.rows[2]][:2] == ["Permanent", "0.33"]


def test_cells_carry_page_and_bbox_around_their_text() -> None:
    path = next(p for p in PDFS if p.stem.startswith("003"))
    doc = doc_of("003")
    t = table_with(doc, "£304,366")
    with pymupdf.open(path) as pdf:
        for row in t.rows:
            for c in row:
                if not c.text:
                    continue
                assert c.prov.page == t.page and c.prov.bbox and c.prov.sha256 == doc.sha256
                inside = pdf[c.prov.page - 1].get_textbox(pymupdf.Rect(*c.prov.bbox))
                assert " ".join(inside.split()) == c.text
                assert c.prov.extractor == t.method


def test_pdfplumber_fallback_reads_the_same_ruled_grid() -> None:
    """pdfplumber runs only on pages with rules the fast reader cannot grid; on a clean grid both agree."""
    from extractors.readers.pdf_grids import page_tables, plumber_tables
    from extractors.readers.pdf_words import page_words

    path = next(p for p in PDFS if p.stem.startswith("000"))
    data = path.read_bytes()
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        words = page_words(pdf[6])
        fast = page_tables(pdf[6], 7, words, data)
    slow = plumber_tables(data, 7, words)
    assert [t.method for t in fast] == ["pymupdf-rules", "pymupdf-whitespace"]
    assert [t.method for t in slow] == ["pdfplumber-lines"]
    assert [[c for c, _ in r] for r in slow[0].cells] == [[c for c, _ in r] for r in fast[0].cells]


def test_debug_drawing_renders_the_boxes(tmp_path: Path) -> None:
    from extractors.readers.pdf_debug import draw_page

    path = next(p for p in PDFS if p.stem.startswith("004"))
    out = draw_page(path.read_bytes(), 10, str(tmp_path / "p10.png"), dpi=40)
    assert Path(out).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

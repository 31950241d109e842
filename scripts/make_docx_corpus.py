"""Make the bundled Word corpus: one .docx per seed, written with python-docx as a council's plan would be.

The seed's paragraphs and tables are laid out exactly as for the PDF corpus (``make_pdf_corpus.seed_blocks``:
the same tables, two-level headers as cells merged across columns, the grids the text conversion flattened
given back); here they become Word paragraphs (headings, bullets) and Word tables (``Table Grid`` when ruled),
so the seed's gold values apply to the .docx.

    python scripts/make_docx_corpus.py            # writes data/samples/docx/<seed stem>.docx

The files are deterministic (fixed core properties and ZIP timestamps), so re-running changes nothing.
"""
from __future__ import annotations

import argparse
import io
import logging
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_pdf_corpus import SEEDS, seed_blocks  # noqa: E402
from pdf_corpus_fodt import Para, TableSpec  # noqa: E402

log = logging.getLogger("make_docx_corpus")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "samples" / "docx"
FIXED = datetime(2020, 1, 1)


def add_para(doc: Any, p: Para) -> None:
    style = {"H": "Heading 2", "B": "List Bullet"}.get(p.style)
    para = doc.add_paragraph(p.text.lstrip("• ").strip() if p.style == "B" else p.text, style=style)
    if p.style == "Small":
        for run in para.runs:
            run.font.size = 101600  # 8 pt in EMU
    if p.page_break:
        para.paragraph_format.page_break_before = True


def add_table(doc: Any, t: TableSpec) -> None:
    width = max(len(r) for r in t.rows)
    table = doc.add_table(rows=len(t.rows), cols=width)
    if t.ruled:
        table.style = "Table Grid"
    for r, row in enumerate(t.rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
            if r in t.bold_rows or r < t.header_rows:
                for para in table.cell(r, c).paragraphs:
                    for run in para.runs:
                        run.bold = True
    for (r, c), n in t.spans.items():  # a header cell spanning columns: one merged Word cell
        table.cell(r, c).merge(table.cell(r, c + n - 1))
        table.cell(r, c).text = t.rows[r][c]


def build_docx(seed: Path) -> bytes:
    import docx
    doc = docx.Document()
    props = doc.core_properties
    props.author, props.created, props.modified = "yjplans corpus", FIXED, FIXED
    props.last_modified_by, props.revision = "yjplans corpus", 1
    text = seed.read_bytes().decode("utf-8")
    for block in seed_blocks(seed.stem, text.splitlines()):
        if isinstance(block, TableSpec):
            add_table(doc, block)
        else:
            add_para(doc, block)
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same package with fixed member timestamps, so the bytes depend only on the content."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        path = out / (seed.stem + ".docx")
        path.write_bytes(build_docx(seed))
        log.info("%s (%d bytes)", path, path.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Make the bundled PDF corpus: one PDF per seed, typeset the way councils publish plans.

Each seed text (data/samples/seeds/*.txt) becomes a flat OpenDocument file with real tables (ruled,
borderless, landscape, two-level headers, a table broken across pages with its header repeated), which
LibreOffice headless exports to PDF, as a Word/Writer "Save as PDF" would. Prose keeps the seed's sentences
and figures, so the seed's gold values apply to the PDF.

    python scripts/make_pdf_corpus.py            # writes data/samples/pdf/<seed stem>.pdf
    python scripts/make_pdf_corpus.py --keep     # also keeps the .fodt sources next to them

Needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui fonts-liberation); the tests do not.
"""
from __future__ import annotations

import argparse
import logging
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdf_corpus_fodt import Block, FodtWriter, Para, TableSpec  # noqa: E402
from pdf_corpus_specs import PARA_STYLES, REPLACE, TABLE_STYLES, two_level_header  # noqa: E402

log = logging.getLogger("make_pdf_corpus")
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "samples" / "seeds"
OUT = ROOT / "data" / "samples" / "pdf"
_MARKUP = re.compile(r"</?b>")
_BOLD_MD = re.compile(r"\*\*(.+?)\*\*")
_AMOUNT = re.compile(r"^-?\d[\d,]*(\.\d+)?$")


def clean(text: str) -> str:
    """Drop the text conversion's markup (Markdown emphasis, <b>), keep the words."""
    return _BOLD_MD.sub(r"\1", _MARKUP.sub("", text)).strip()


def para_for(stem: str, line: str) -> Para:
    text = line.strip()
    style = "P"
    if text.startswith("#"):
        text, style = text.lstrip("#").strip(), "H"
    elif re.match(r"^-\s", text):
        text, style = text[1:].strip(), "B"
    elif text.startswith("•"):
        style = "B"
    elif text.startswith("*"):
        style = "Small"
    elif len(text) < 70 and not text.endswith((".", ",", ";", ":")) and not text[:1].islower():
        style = "H"
    text = clean(text).replace("\t", " ")
    opts: dict[str, Any] = {}
    for (prefix, start), o in PARA_STYLES.items():
        if stem.startswith(prefix) and text.startswith(start):
            opts = o
    return Para(text, style, **opts)


def table_for(stem: str, raw_rows: list[str]) -> list[Block]:
    key_text = "\n".join(raw_rows)
    style: dict[str, Any] = {}
    for key, s in TABLE_STYLES.items():
        if key_text.startswith(key):
            style = dict(s)
    rows = [[clean(c) for c in r.split("\t")] for r in raw_rows]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    spans: dict[tuple[int, int], int] = {}
    header_rows = style.pop("header_rows", 1)
    if style.pop("two_level", False):
        head, spans = two_level_header(rows[0])
        rows, header_rows = head + rows[1:], 2
    for r in style.pop("pound_rows", ()):
        rows[r] = [c if j == 0 or not _AMOUNT.match(c) else "£" + c for j, c in enumerate(rows[r])]
    bold = (len(rows) - 1,) if style.pop("bold_last", False) else ()
    landscape = style.pop("landscape", False)
    if not style:
        style = dict(ruled=False)
    t = TableSpec(rows, header_rows=header_rows, spans=spans, bold_rows=bold, **style)
    if landscape and not any(k[0] == stem[:3] for k in PARA_STYLES):
        log.warning("landscape table in %s without a landscape heading", stem)
    return [t]


def _is_row(line: str) -> bool:
    return "\t" in line and sum(1 for c in line.split("\t") if clean(c)) >= 2


def seed_blocks(stem: str, lines: list[str]) -> list[Block]:
    """Seed lines to blocks: runs of tab-separated rows become tables, other non-blank lines paragraphs."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        rep = next((r for r in REPLACE if stem.startswith(r[0]) and line.strip().startswith(r[1])), None)
        if rep is not None:
            j = i
            while not lines[j].strip().startswith(rep[2]):
                j += 1
            blocks += rep[3]()
            i = j + 1
            continue
        if _is_row(line) or (line.startswith("<b>") and "\t" in line):
            j = i
            while j < len(lines) and ("\t" in lines[j] and lines[j].strip()):
                j += 1
            blocks += table_for(stem, [ln.rstrip("\r\n") for ln in lines[i:j]])
            i = j
            continue
        if line.strip().replace("\t", ""):
            blocks.append(para_for(stem, line))
        i += 1
    return blocks


def build_fodt(seed: Path) -> str:
    text = seed.read_bytes().decode("utf-8")
    writer = FodtWriter()
    for block in seed_blocks(seed.stem, text.splitlines()):
        writer.add(block)
    return writer.render()


def convert(fodt: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice not found: apt-get install libreoffice-writer-nogui fonts-liberation")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "pdf:writer_pdf_Export", "--outdir", str(outdir), str(fodt)],
                       check=True, capture_output=True, timeout=180)
    return outdir / (fodt.stem + ".pdf")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--keep", action="store_true", help="keep the .fodt files")
    ap.add_argument("--only", nargs="*", help="seed stem prefixes")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in sorted(SEEDS.glob("*.txt")):
            if args.only and not any(seed.stem.startswith(p) for p in args.only):
                continue
            fodt = (out if args.keep else Path(tmp)) / (seed.stem + ".fodt")
            fodt.write_text(build_fodt(seed), encoding="utf-8")
            pdf = convert(fodt, out)
            log.info("%s (%d bytes)", pdf.relative_to(ROOT), pdf.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())

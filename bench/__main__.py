"""``python -m bench`` (``make bench``): table F1 on peer ground truth, indicator recall and precision on the labelled
set, ingest speed and memory, then seconds per OCR'd page.

    python -m bench                  # all
    python -m bench --only tables    # or: speed, indicators, ocr
    python -m bench --only indicators --detail   # with every missed and false statement
    python -m bench --cases eu-0     # a subset of table cases by id substring
"""
from __future__ import annotations

import argparse
import logging
import sys
import warnings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=("tables", "speed", "indicators", "ocr"))
    ap.add_argument("--docs", nargs="*", help="substrings of indicator document names")
    ap.add_argument("--detail", action="store_true", help="list missed and false indicator statements")
    ap.add_argument("--cases", nargs="*", help="substrings of table case ids")
    ap.add_argument("--repeat", type=int, default=3, help="timing runs (median kept)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    warnings.filterwarnings("ignore")
    if args.only in (None, "tables"):
        from bench import tables
        print("## Table cells: our reader vs plain pdfplumber and PyMuPDF find_tables (whole page, no area)\n")
        print(tables.report(tables.run(args.cases)))
        print()
    if args.only in (None, "indicators"):
        from bench import indicators
        print("## Indicator statements: recall and precision on the labelled set\n")
        print(indicators.report(indicators.run(args.docs), args.detail))
        print()
    if args.only in (None, "speed"):
        from bench import speed
        print("## Ingest speed and memory\n")
        print(speed.report(speed.run(args.repeat)))
    if args.only in (None, "ocr"):
        from bench import ocr
        print("\n## OCR of scanned pages\n")
        print(ocr.report(ocr.run()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

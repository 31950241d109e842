"""Warehouses for the report tests: the five seeds ingested through the real pipeline, plus (where the
checks or extractors have not produced them yet) the gold findings and budget tables constructed by hand
with their real line numbers, diagnosed as ``run_checks`` does and stored with ``store_extraction``.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from normalisers.diagnosis import diagnose_findings
from pipeline.records import Extraction, Finding, Provenance, Side
from pipeline.sources import read_source
from pipeline.stages import PIPELINE_VERSION, extract, process, read_document
from pipeline.warehouse.load import store_extraction

from tests.conftest import SEEDS
from tests.checks.test_diagnosis import BP4, BP12, MK, printed, table

D = Decimal

def gold_table(seed_prefix: str, index: int, line0: int) -> Any:
    """A budget table of a seed with the amounts as the gold file has them (read by hand from the document)."""
    from tests.conftest import gold_for
    gold = gold_for(next(p for p in SEEDS if p.name.startswith(seed_prefix))) or {}
    rows = gold["budget_tables"][index - 1]["rows"]

    def printed(v: Any) -> str | None:
        return None if v is None else f"{v:,}"
    return table(index, line0, [(r["label"], r["agency"], printed(r["staffing"]), printed(r["delegated"]),
                                 printed(r["total"])) for r in rows])


def _findings(sha: str) -> dict[str, tuple[tuple[Any, ...], list[Finding]]]:
    """Per seed prefix: (budget tables, findings) as the gold README lists them."""
    def p(line: int, raw: str = "") -> Provenance:
        return Provenance(sha, line=line, raw_text=raw, extractor="test")
    return {
        "000_": ((MK,), [Finding(
            "narrative_total_mismatch", "error",
            "The plan's text states a 2019/20 budget of £1,223,757 but its budget table adds up to £1,234,757.",
            expected=Side(D(1234757)), found=printed("1,223,757"), difference=D("-11000"), prov=p(88),
            evidence=(p(88, "The budget for 2019/20 has been established at £1,223,757."), p(252, "TOTAL ...")))]),
        "001_": ((), []),
        "002_": ((BP4, BP12), [
            Finding("tables_disagree", "error",
                    "The two partner budget tables differ: section 4 totals £2,062,840, section 12 £2,026,615.",
                    expected=printed("2,062,840"), found=printed("2,026,615"), difference=D("36225"), prov=p(120),
                    evidence=(p(120), p(226))),
            Finding("malformed_number", "warning", "The section 12 grand total is printed with a stray space.",
                    expected=Side(D(2026615)), found=printed("2,026, 615"), prov=p(226), evidence=(p(226),))]),
        "003_": ((gold_table("003_", 1, 32),), [Finding(
            "unit_conflict", "warning",
            "The custody rate is stated per 10,000 population but written as a percentage (0.48%, 0.45%).",
            expected=Side(None, "per 10,000 population"), found=Side(None, raw="0.48%"), prov=p(82),
            evidence=(p(82),))]),
        "004_": ((gold_table("004_", 1, 200),), [Finding(
            "unit_conflict", "warning",
            "The custody rate is stated per 1000 children but written as percentages (0.06%, 0.36%).",
            expected=Side(None, "per 1000 children"), found=Side(None, raw="0.06%"), prov=p(83),
            evidence=(p(83),))]),
    }


def seed_warehouse(engine: Engine, raw_dir: Path, *, construct: str = "never") -> dict[str, int]:
    """The five seeds through the real pipeline (read, extract, check) into the warehouse, each extracted once.

    By default (``"never"``) the report is tested on what the real pipeline gives.
    ``construct="always"`` replaces each seed's findings (and budget tables) with the constructed gold ones
    (for tests of rendering alone);
    ``"missing"`` does so only for a seed on which the real checks raise nothing while gold lists findings;
    ``"never"`` stores what the real pipeline gives.
    Returns document_id by seed prefix.
    """
    ids: dict[str, int] = {}
    for path in SEEDS:
        fetched = read_source(str(path), str(raw_dir))
        x = _processed(fetched.data, str(path))
        prefix = path.name[:4]
        tables, findings = _findings(x.document.sha256)[prefix]
        if construct == "always" or (construct == "missing" and findings and not x.findings):
            if construct == "always" or not x.budget_tables:
                x = replace(x, budget_tables=tables or x.budget_tables)
            x = replace(x, findings=tuple(diagnose_findings(findings, x)))
        ids[prefix] = store_extraction(engine, x, version=PIPELINE_VERSION, raw_path=fetched.raw_path)
    return ids


_EXTRACTIONS: dict[tuple[str, int], Extraction] = {}


def _processed(data: bytes, source: str) -> Extraction:
    """Read, extract and check once per session (a pure function of the bytes and the source name)."""
    key = (source, hash(data))
    if key not in _EXTRACTIONS:
        _EXTRACTIONS[key] = process(data, source)
    return _EXTRACTIONS[key]


def store_pdf_document(engine: Engine, tmp: Path) -> tuple[int, Path]:
    """A real one-page PDF (drawn with PyMuPDF) with a budget row, and a finding pointing at its bbox."""
    import pymupdf as fitz
    pdf = fitz.open()
    page = pdf.new_page(width=595, height=842)
    page.insert_text((72, 100), "Partner budget 2019/20", fontsize=14)
    page.insert_text((72, 140), "Police and Crime Commissioner     69,186", fontsize=11)
    page.insert_text((72, 160), "Total                            241,017", fontsize=11)
    path = tmp / "pdf-plan.pdf"
    pdf.save(path)
    pdf.close()
    data = path.read_bytes()
    x = extract(read_document(b"Sometown Youth Justice Plan 2019/20\n", "sometown.txt"))
    sha = __import__("hashlib").sha256(data).hexdigest()
    doc = replace(x.document, sha256=sha, source=str(path), kind="pdf", pages=1, lines=())
    ev = Provenance(sha, page=1, bbox=(70.0, 148.0, 330.0, 164.0), raw_text="Total 241,017", extractor="test")
    f = Finding("column_sum_mismatch", "error", "The delegated funds column total does not add up.",
                expected=Side(D(310203)), found=printed("241,017"), difference=D("-69186"), prov=ev,
                evidence=(ev,))
    x = Extraction(doc, replace(x.meta, council="Sometown", period="2019/20"), findings=(f,))
    return store_extraction(engine, x, version=PIPELINE_VERSION, raw_path=str(path)), path


"""Reading the warehouse's contract views into typed records for the report. Read-only; no writes."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, Optional

from sqlalchemy import Engine, text

log = logging.getLogger(__name__)

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class DocumentRow:
    document_id: int
    source: str
    council: Optional[str]
    period: Optional[str]
    doc_type: Optional[str]
    title: Optional[str]
    kind: Optional[str]
    status: str
    error: Optional[str]
    raw_path: Optional[str]
    pages: Optional[int]

    @property
    def name(self) -> str:
        """The file name (or last URL segment) of the source, for headings."""
        return self.source.rstrip("/").rsplit("/", 1)[-1] or self.source


@dataclass(frozen=True)
class EvidenceRef:
    """One provenance of a finding, as stored in ``quality_issues.evidence`` (or the finding's own)."""

    line: Optional[int]
    page: Optional[int]
    bbox: Optional[tuple[float, float, float, float]]
    raw_text: str
    extractor: str = ""


@dataclass(frozen=True)
class FindingRow:
    finding_id: int
    document_id: int
    council: Optional[str]
    period: Optional[str]
    check_name: str
    severity: str
    message: str
    expected: str
    found: str
    difference: Optional[Decimal]
    page: Optional[int]
    line: Optional[int]
    diagnosis: str
    supported_value: str
    raw_text: str
    evidence: tuple[EvidenceRef, ...] = field(default=())


@dataclass(frozen=True)
class BudgetRow:
    document_id: int
    council: Optional[str]
    period: Optional[str]  # the table's own period where it prints one, else the document's
    table_index: int
    agency: str
    label: str
    total: Decimal


@dataclass(frozen=True)
class Warehouse:
    """Everything the report shows, read once."""

    documents: tuple[DocumentRow, ...]
    findings: tuple[FindingRow, ...]
    budget: tuple[BudgetRow, ...]

    def document(self, document_id: int) -> DocumentRow:
        return self._documents_by_id[document_id]

    def findings_of(self, document_id: int) -> list[FindingRow]:
        return self._findings_by_document.get(document_id, [])

    @cached_property
    def _documents_by_id(self) -> dict[int, DocumentRow]:
        return {d.document_id: d for d in self.documents}

    @cached_property
    def _findings_by_document(self) -> dict[int, list[FindingRow]]:
        grouped: dict[int, list[FindingRow]] = {}
        for f in self.findings:
            grouped.setdefault(f.document_id, []).append(f)
        return grouped


def parse_bbox(value: Any) -> Optional[tuple[float, float, float, float]]:
    """A bbox as stored ('x0,top,x1,bottom' text) or as a JSON list; None when absent or malformed."""
    if value is None or value == "":
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        x0, top, x1, bottom = (float(p) for p in parts)
    except (TypeError, ValueError):
        log.warning("ignoring malformed bbox %r", value)
        return None
    return (x0, top, x1, bottom)


def parse_evidence(raw: Optional[str]) -> tuple[EvidenceRef, ...]:
    """The JSON list of provenance dicts of ``quality_issues.evidence``."""
    if not raw:
        return ()
    try:
        items = json.loads(raw)
    except json.JSONDecodeError:
        log.warning("ignoring malformed evidence JSON %.80r", raw)
        return ()
    return tuple(EvidenceRef(line=i.get("line"), page=i.get("page"), bbox=parse_bbox(i.get("bbox")),
                             raw_text=i.get("raw_text") or "", extractor=i.get("extractor") or "")
                 for i in items if isinstance(i, dict))


def _decimal(v: Any) -> Optional[Decimal]:
    return None if v is None else Decimal(str(v))


def read_documents(engine: Engine) -> tuple[DocumentRow, ...]:
    sql = ("SELECT document_id, source, council, period, doc_type, title, kind, status, error, raw_path, pages "
           "FROM documents ORDER BY council IS NULL, council, period, source")
    with engine.connect() as c:
        return tuple(DocumentRow(**dict(r)) for r in c.execute(text(sql)).mappings())


def read_findings(engine: Engine) -> tuple[FindingRow, ...]:
    sql = ("SELECT finding_id, document_id, council, period, check_name, severity, message, expected, found, "
           "difference, page, line, diagnosis, supported_value, raw_text, evidence, bbox FROM quality_issues "
           "ORDER BY council IS NULL, council, period, document_id, "
           "CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, finding_id")
    out = []
    with engine.connect() as c:
        for r in c.execute(text(sql)).mappings():
            ev = parse_evidence(r["evidence"]) or (EvidenceRef(r["line"], r["page"], parse_bbox(r["bbox"]),
                                                               r["raw_text"] or ""),)
            out.append(FindingRow(
                finding_id=r["finding_id"], document_id=r["document_id"], council=r["council"], period=r["period"],
                check_name=r["check_name"], severity=r["severity"], message=r["message"],
                expected=r["expected"] or "", found=r["found"] or "", difference=_decimal(r["difference"]),
                page=r["page"], line=r["line"], diagnosis=r["diagnosis"] or "",
                supported_value=r["supported_value"] or "", raw_text=r["raw_text"] or "",
                evidence=tuple(e for e in ev if e.line is not None or e.page is not None or e.raw_text)))
    return tuple(out)


def read_budget(engine: Engine) -> tuple[BudgetRow, ...]:
    """Budget lines of documents ingested ok, with the table's own period where it prints one."""
    sql = ("SELECT b.document_id, b.council, COALESCE(t.table_period, b.period) AS period, b.table_index, "
           "b.agency, b.label, b.total, b.staffing, b.payments_in_kind, b.delegated "
           "FROM budget_lines b JOIN budget_tables t "
           "ON t.document_id = b.document_id AND t.table_index = b.table_index "
           "JOIN documents d ON d.document_id = b.document_id WHERE d.status = 'ok' "
           "ORDER BY b.council, period, b.document_id, b.table_index")
    out = []
    with engine.connect() as c:
        for r in c.execute(text(sql)).mappings():
            total = _decimal(r["total"])
            if total is None:  # a row printed without its total: its parts as printed
                total = sum((_decimal(r[k]) or Decimal(0) for k in ("staffing", "payments_in_kind", "delegated")),
                            Decimal(0))
            out.append(BudgetRow(r["document_id"], r["council"], r["period"], r["table_index"], r["agency"],
                                 r["label"], total))
    return tuple(out)


def read_warehouse(engine: Engine) -> Warehouse:
    return Warehouse(read_documents(engine), read_findings(engine), read_budget(engine))

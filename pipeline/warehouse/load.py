"""Idempotent loading: one transaction per document, upsert on sha256, facts replaced whole."""
from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Optional

from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from pipeline.wording import grouped, side_text
from pipeline.records import (BUDGET_COLUMNS, Amount, BudgetTable, ExpenditureTable, Extraction, Finding, Provenance)

from . import models as m

FACT_TABLES = (m.budget_line, m.budget_table, m.expenditure_line, m.narrative_total, m.staffing_fte_cell,
               m.staffing_headcount_cell, m.indicator_statement, m.inspection, m.finding)


def pence(value: Optional[Decimal]) -> Optional[int]:
    """Exact pounds to integer pence; refuses sub-penny amounts rather than rounding them away."""
    if value is None:
        return None
    p = value * 100
    if p != p.to_integral_value():
        raise ValueError(f"amount {value} has a fraction of a penny")
    return int(p)


def _bbox(b: Any) -> Optional[str]:
    return None if b is None else ",".join(f"{x:.1f}" for x in b)


def prov_cols(p: Optional[Provenance]) -> dict[str, Any]:
    if p is None:
        return {"page": None, "line": None, "bbox": None, "raw_text": None, "extractor": None}
    return {"page": p.page, "line": p.line, "bbox": _bbox(p.bbox), "raw_text": p.raw_text,
            "extractor": p.extractor_label or None}


def _evidence(p: Provenance) -> dict[str, Any]:
    """A provenance as evidence JSON; ``ocr_confidence`` only for a value read by OCR."""
    d = asdict(p)
    if d.get("ocr_confidence") is None:
        d.pop("ocr_confidence", None)
    return d


def find_document(conn: Connection, sha256: str) -> Optional[dict[str, Any]]:
    row = conn.execute(select(m.document).where(m.document.c.sha256 == sha256)).mappings().first()
    return dict(row) if row else None


def _upsert_document(conn: Connection, values: dict[str, Any]) -> int:
    dialect = conn.dialect.name
    ins_mod = postgresql if dialect == "postgresql" else sqlite
    stmt = ins_mod.insert(m.document).values(**values)
    update = {k: v for k, v in values.items() if k != "sha256"}
    stmt = stmt.on_conflict_do_update(index_elements=["sha256"], set_=update).returning(m.document.c.document_id)
    return int(conn.execute(stmt).scalar_one())


def _money(prefix: str, amounts: dict[str, Amount]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in BUDGET_COLUMNS:
        a = amounts.get(c)
        out[f"{prefix}{c}_pence"] = pence(a.value) if a else None
        out[f"{prefix}{c}_raw"] = a.raw if a else None
    return out


def _budget_rows(doc_id: int, t: BudgetTable) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    total = t.printed_total
    table_row = {
        "document_id": doc_id, "table_index": t.index, "anchor": t.anchor,
        "columns_printed": json.dumps(list(t.columns_printed)), "method": t.method, "quality": t.quality,
        "period": t.period, "notes": "; ".join(t.notes) or None,
        **_money("printed_", {c: total.amount(c) for c in BUDGET_COLUMNS} if total else {}),
        "total_page": total.prov.page if total else None, "total_line": total.prov.line if total else None,
        **prov_cols(t.prov),
    }
    lines = []
    for i, bl in enumerate(t.lines, start=1):
        lines.append({
            "document_id": doc_id, "table_index": t.index, "line_index": i, "agency": bl.agency,
            "label": bl.label, **_money("", {c: bl.amount(c) for c in BUDGET_COLUMNS}),
            "placement_inferred": bl.placement_inferred, "ambiguous": bl.ambiguous,
            "notes": "; ".join(a.note for a in (bl.amount(c) for c in BUDGET_COLUMNS) if a.note) or None,
            "subtotal_of": ",".join(str(k + 1) for k in bl.subtotal_of) or None,  # line_index counts from 1
            **prov_cols(bl.prov),
        })
    return table_row, lines


def _expenditure_rows(doc_id: int, t: ExpenditureTable) -> list[dict[str, Any]]:
    """One row per printed cell: the lines, then the total row (``is_total``) after them."""
    lines = [(ln, False) for ln in t.lines] + ([(t.total, True)] if t.total is not None else [])
    return [{
        "document_id": doc_id, "table_index": t.index, "anchor": t.anchor, "period": t.period, "line_index": i,
        "label": ln.label, "is_total": is_total, "column_index": c + 1,
        "column_name": t.columns[c] if c < len(t.columns) else None, "is_total_column": c == t.total_column,
        "amount_pence": pence(a.value), "amount_raw": a.raw.strip(), **prov_cols(ln.prov),
    } for i, (ln, is_total) in enumerate(lines, start=1) for c, a in enumerate(ln.amounts)]


def _finding_row(doc_id: int, f: Finding) -> dict[str, Any]:
    return {
        "document_id": doc_id, "check_name": f.check_name, "severity": f.severity, "message": f.message,
        "expected": side_text(f.expected), "found": side_text(f.found), "difference": f.difference,
        "diagnosis": f.diagnosis.text if f.diagnosis else None,
        "supported_value": grouped(f.diagnosis.supported_value)
        if f.diagnosis and f.diagnosis.supported_value is not None else None,
        "evidence": json.dumps([_evidence(p) for p in f.evidence]) if f.evidence else None,
        **prov_cols(f.prov),
    }


def _fact_rows(doc_id: int, x: Extraction) -> dict[Any, list[dict[str, Any]]]:
    rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in FACT_TABLES}
    for t in x.budget_tables:
        table_row, lines = _budget_rows(doc_id, t)
        rows[m.budget_table].append(table_row)
        rows[m.budget_line].extend(lines)
    for e in x.expenditure_tables:
        rows[m.expenditure_line].extend(_expenditure_rows(doc_id, e))
    for n in x.narrative_totals:
        rows[m.narrative_total].append({"document_id": doc_id, "amount_pence": pence(n.amount),
                                        "amount_raw": n.raw, "quote": n.quote, **prov_cols(n.prov)})
    for s in x.staffing_fte:
        rows[m.staffing_fte_cell].append({"document_id": doc_id, "table_index": s.table_index,
                                          "contract": s.contract, "role": s.role, "basis": s.basis,
                                          "fte": s.fte, "fte_raw": s.raw, **prov_cols(s.prov)})
    for h in x.staffing_headcount:
        rows[m.staffing_headcount_cell].append({
            "document_id": doc_id, "table_index": h.table_index, "ethnicity": h.ethnicity,
            "ethnicity_group": h.ethnicity_group, "role": h.role, "sex": h.sex, "headcount": h.headcount,
            "headcount_raw": h.raw, **prov_cols(h.prov)})
    for i in x.indicators:
        rows[m.indicator_statement].append({
            "document_id": doc_id, "indicator": i.indicator, "value": i.value, "value_raw": i.raw,
            "unit": i.unit, "scope": i.scope, "comparator": i.comparator, "kind": i.kind,
            "period_label": i.period_label, "sentence": i.sentence, "qualifier": i.qualifier, **prov_cols(i.prov)})
    for ins in x.inspections:
        rows[m.inspection].append({"document_id": doc_id, "inspectorate": ins.inspectorate,
                                   "overall": ins.overall, "grades": json.dumps([list(g) for g in ins.grades]),
                                   **prov_cols(ins.prov)})
    for f in x.findings:
        rows[m.finding].append(_finding_row(doc_id, f))
    return rows


def store_extraction(engine: Engine, x: Extraction, *, version: str, run_id: str = "",
                     raw_path: Optional[str] = None) -> int:
    """Write one document and all its facts in one transaction; returns document_id."""
    d = x.document
    values = {
        "source": d.source, "sha256": d.sha256, "kind": d.kind, "encoding": d.encoding,
        "council": x.meta.council, "period": x.meta.period, "doc_type": x.meta.doc_type, "service": x.meta.service,
        "title": x.meta.title, "pages": d.pages, "lines": None if d.kind == "pdf" else len(d.lines),
        "status": "ok", "error": None, "raw_path": raw_path, "pipeline_version": version, "run_id": run_id,
        "ingested_at": datetime.now(timezone.utc),
    }
    with engine.begin() as conn:
        doc_id = _upsert_document(conn, values)
        for table in FACT_TABLES:
            conn.execute(delete(table).where(table.c.document_id == doc_id))
        for table, rows in _fact_rows(doc_id, x).items():
            if rows:
                conn.execute(table.insert(), rows)
    return doc_id


def store_failure(engine: Engine, *, source: str, sha256: str, error: str, version: str, run_id: str = "",
                  kind: Optional[str] = None, raw_path: Optional[str] = None) -> int:
    """Record a document that could not be ingested; an earlier good ingest of the same bytes is kept."""
    with engine.begin() as conn:
        prior = find_document(conn, sha256)
        if prior and prior["status"] == "ok":
            return int(prior["document_id"])
        values = {"source": source, "sha256": sha256, "kind": kind, "status": "failed", "error": error,
                  "raw_path": raw_path, "pipeline_version": version, "run_id": run_id,
                  "ingested_at": datetime.now(timezone.utc)}
        return _upsert_document(conn, values)


def document_row(engine: Engine, sha256: str) -> Optional[dict[str, Any]]:
    """The stored document row of these bytes, if any."""
    with engine.connect() as conn:
        return find_document(conn, sha256)


def already_done(engine: Engine, sha256: str, version: str) -> Optional[int]:
    """document_id when these bytes were ingested ok by this pipeline version (so no work is needed)."""
    with engine.connect() as conn:
        row = find_document(conn, sha256)
    if row and row["status"] == "ok" and row["pipeline_version"] == version:
        return int(row["document_id"])
    return None

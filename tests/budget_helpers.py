"""Shared by the budget tests: run the budget extractors and checks on a bundled document, as JSON."""
from __future__ import annotations

import json
import os
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from extractors.budget.extract import extract_budget_tables
from extractors.budget.narrative import agency_statements, extract_narrative_totals
from extractors.readers.text import read_text
from pipeline.checks import budget as budget_checks
from pipeline.checks import budget_presence
from pipeline.records import BUDGET_COLUMNS, Amount, BudgetLine, Extraction
from pipeline.settings import DEFAULT_SETTINGS
from extractors.metadata import extract_meta

GOLDEN = Path(__file__).resolve().parent / "golden"
BUDGET_CHECKS = {"row_sum_mismatch", "column_sum_mismatch", "grand_total_mismatch", "narrative_total_mismatch",
                 "tables_disagree", "malformed_number", "narrative_value_mismatch"}


@lru_cache(maxsize=None)
def budget_extraction(path: Path) -> Extraction:
    return extraction_of(path.read_bytes(), str(path))


def extraction_of(data: bytes, source: str) -> Extraction:
    """Budget tables, prose figures and the budget findings of a document given as bytes."""
    doc = read_text(data, source)
    x = Extraction(document=doc, meta=extract_meta(doc),
                   budget_tables=extract_budget_tables(doc, DEFAULT_SETTINGS),
                   narrative_totals=extract_narrative_totals(doc), agency_statements=agency_statements(doc))
    return Extraction(document=doc, meta=x.meta, budget_tables=x.budget_tables, narrative_totals=x.narrative_totals,
                      agency_statements=x.agency_statements,
                      findings=tuple(budget_checks.check(x, DEFAULT_SETTINGS))
                      + tuple(budget_presence.check(x, DEFAULT_SETTINGS)))


def _amount(a: Amount) -> Any:
    out: dict[str, Any] = {"raw": a.raw, "value": None if a.value is None else str(a.value)}
    if a.note:
        out["note"] = a.note
    return out


def _line(ln: BudgetLine) -> dict[str, Any]:
    return {"agency": ln.agency, "label": ln.label, **{c: _amount(ln.amount(c)) for c in BUDGET_COLUMNS},
            "line": ln.prov.line, "page": ln.prov.page, "placement_inferred": ln.placement_inferred,
            "ambiguous": ln.ambiguous, **({"subtotal_of": list(ln.subtotal_of)} if ln.subtotal_of else {})}


def as_json(x: Extraction) -> dict[str, Any]:
    return {
        "budget_tables": [{"index": t.index, "anchor": t.anchor, "method": t.method, "period": t.period,
                           "columns_printed": list(t.columns_printed), "quality": t.quality, "notes": list(t.notes),
                           "lines": [_line(ln) for ln in t.lines],
                           "printed_total": _line(t.printed_total) if t.printed_total else None}
                          for t in x.budget_tables],
        "narrative_totals": [{"amount": str(n.amount), "raw": n.raw, "quote": n.quote, "line": n.prov.line}
                             for n in x.narrative_totals],
        "findings": [{"check": f.check_name, "severity": f.severity, "message": f.message,
                      "difference": None if f.difference is None else str(f.difference), "line": f.prov.line if f.prov else None}
                     for f in x.findings],
    }


def golden_check(stem: str, data: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The stored golden JSON (rewritten first when REGENERATE_GOLDEN=1)."""
    path = GOLDEN / stem / "budget.json"
    if os.environ.get("REGENERATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return json.loads(path.read_text()) if path.exists() else None


def same(a: Optional[Decimal], b: Any) -> bool:
    """Gold compares null and 0 as equal."""
    return (a or Decimal(0)) == Decimal(str(b or 0))

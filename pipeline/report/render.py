"""Rendering the report: one self-contained HTML file, a CSV of all findings, a Markdown summary.

Values are shown as the warehouse holds them (printed figures); a diagnosis's supported value is shown
beside them, labelled, never in their place.
"""
from __future__ import annotations

import csv
import io
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from typing import Optional

from markupsafe import Markup

from .charts import agency_chart, council_budgets, overview_chart, period_chart
from .evidence import Evidence, EvidenceReader, figures_of
from .queries import SEVERITIES, DocumentRow, FindingRow, Warehouse

log = logging.getLogger(__name__)


TITLE = "Youth Justice Plans: data-quality report"
NO_COUNCIL = "Council not identified"
CSV_COLUMNS = ("finding_id", "document_id", "council", "period", "source", "check_name", "severity", "message",
               "expected", "found", "difference", "diagnosis", "supported_value", "page", "line", "evidence")
MAX_PLACES = 12  # places named in a finding's 'where' (then "and N more")
CSV_FIELD_CHARS = 10_000  # longest CSV cell (Python's csv module refuses fields over 131,072 by default)
MAX_FINDINGS_PER_DOCUMENT = 100  # findings shown in full per document on the page (all are in the CSV)
MAX_FINDINGS_ON_PAGE = 1500  # findings shown on the page in all (all are in the CSV)
DIAGNOSIS_KINDS = (("Typing slip", "typing slip"), ("A row left out", "row left out"),
                   ("A footnote digit", "footnote digit"), ("Rounding", "rounding"), ("A format slip", "format slip"))


@dataclass(frozen=True)
class Summary:
    ok: int
    failed: int
    findings: int
    by_severity: dict[str, int]
    by_check: list[tuple[str, dict[str, int]]]


@dataclass(frozen=True)
class FindingView:
    row: FindingRow
    evidence: Evidence

    @property
    def where(self) -> str:
        return where(self.row)

    @property
    def difference(self) -> str:
        return fmt_decimal(self.row.difference)

    @property
    def diagnosis_kind(self) -> str:
        return diagnosis_kind(self.row.diagnosis)

    @property
    def figures(self) -> list[str]:
        """The two printed figures as they may appear in the quoted lines (for highlighting)."""
        return figures_of(self.row)

    @property
    def where_short(self) -> str:
        places = self.where.split(", ")
        return ", ".join(places[:3]) + (f" and {len(places) - 3} more" if len(places) > 3 else "")


@dataclass(frozen=True)
class DocumentView:
    doc: DocumentRow
    findings: list[FindingView]
    hidden: int = 0  # findings of this document not shown on the page (listed in findings.csv)


@dataclass(frozen=True)
class CouncilView:
    name: str
    documents: list[DocumentView]
    charts: list[str]
    chart_note: str


def fmt_decimal(v: Optional[Decimal]) -> str:
    """A stored difference for display: thousands separators, without the storage's trailing zeros."""
    if v is None:
        return ""
    return f"{int(v):,}" if v == v.to_integral_value() else f"{v.normalize():,}"


def plain_decimal(v: Optional[Decimal]) -> str:
    """A difference for the CSV, the same on every database: '-69186', '8.72' (no storage zeros)."""
    if v is None:
        return ""
    return str(int(v)) if v == v.to_integral_value() else format(v.normalize(), "f")


def where(f: FindingRow, limit: int = MAX_PLACES) -> str:
    """'line 88, line 252' or 'page 3': the places the evidence points at (the first ``limit``, then a count)."""
    places: dict[str, None] = {}
    for e in f.evidence:
        p = f"page {e.page}" if e.page is not None else (f"line {e.line}" if e.line is not None else "")
        if p:
            places[p] = None
    shown = list(places)[:limit]
    more = len(places) - len(shown)
    return (", ".join(shown) + (f" and {more:,} more" if more else "")) or "not recorded"


def diagnosis_kind(text: str) -> str:
    return next((kind for prefix, kind in DIAGNOSIS_KINDS if text.startswith(prefix)), "diagnosed" if text else "")


def summarise(w: Warehouse) -> Summary:
    by_check: dict[str, Counter[str]] = defaultdict(Counter)
    for f in w.findings:
        by_check[f.check_name][f.severity] += 1
    return Summary(
        ok=sum(1 for d in w.documents if d.status == "ok"),
        failed=sum(1 for d in w.documents if d.status != "ok"),
        findings=len(w.findings),
        by_severity=dict(Counter(f.severity for f in w.findings)),
        by_check=[(c, dict(n)) for c, n in sorted(by_check.items())])


def council_views(w: Warehouse) -> list[CouncilView]:
    """Per council (documents without one last), its ok documents with their findings and evidence."""
    reader = EvidenceReader()
    charts = {cb.council: cb for cb in council_budgets(w.budget)}
    by_council: dict[str, list[DocumentView]] = defaultdict(list)
    budget = MAX_FINDINGS_ON_PAGE
    for d in w.documents:
        if d.status != "ok":
            continue
        rows = w.findings_of(d.document_id)
        shown = rows[:max(0, min(MAX_FINDINGS_PER_DOCUMENT, budget))]
        budget -= len(shown)
        views = [FindingView(f, reader.for_finding(f, d)) for f in shown]
        by_council[d.council or NO_COUNCIL].append(DocumentView(d, views, len(rows) - len(shown)))
    out = []
    for name in sorted(by_council, key=lambda n: (n == NO_COUNCIL, n)):
        cb = charts.get(name)
        svgs = [s for s in ((agency_chart(cb), period_chart(cb)) if cb else ()) if s]
        note = ""
        if cb:
            note = "Bars add up the printed row totals of one budget table per period: " + "; ".join(
                f"{p}: table {k.table_index} of {w.document(k.document_id).name}" for p, k in sorted(cb.tables.items()))
        out.append(CouncilView(name, by_council[name], svgs, note))
    return out


def render_html(w: Warehouse, *, warehouse_label: str, version: str, generated: Optional[datetime] = None) -> str:
    from jinja2 import Environment

    from .templates import CSS, ERROR_CAPTURE, FINISH, HTML
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["mark"] = mark_figures
    councils = council_views(w)
    for c in councils:
        c.charts[:] = [Markup(s) for s in c.charts]
    failed = [d for d in w.documents if d.status != "ok"]
    overview = overview_chart(council_budgets(w.budget))
    when = (generated or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    return env.from_string(HTML).render(
        title=TITLE, generated=when, warehouse=warehouse_label, version=version, s=summarise(w),
        severities=SEVERITIES, failed=failed, councils=councils, overview=Markup(overview) if overview else None,
        css=Markup(CSS), error_capture=Markup(ERROR_CAPTURE), finish=Markup(FINISH))


def csv_rows(w: Warehouse) -> list[dict[str, str]]:
    rows = []
    for f in w.findings:
        d = w.document(f.document_id)
        rows.append({"finding_id": str(f.finding_id), "document_id": str(f.document_id), "council": f.council or "",
                     "period": f.period or "", "source": d.source, "check_name": f.check_name,
                     "severity": f.severity, "message": f.message, "expected": f.expected, "found": f.found,
                     "difference": plain_decimal(f.difference), "diagnosis": f.diagnosis,
                     "supported_value": f.supported_value, "page": "" if f.page is None else str(f.page),
                     "line": "" if f.line is None else str(f.line), "evidence": where(f)})
    return rows


def mark_figures(text: str, figures: list[str]) -> Markup:
    """The quoted text, escaped, with each occurrence of the finding's figures in ``<mark>``."""
    from markupsafe import escape
    wanted = sorted({f for f in figures if len(f) >= 2 or f.isdigit()}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile(r"(?<![\d,.])(" + "|".join(map(re.escape, wanted)) + r")(?![\d,]|\.\d)")
    out, last = [], 0
    for m in pattern.finditer(text):
        out += [escape(text[last:m.start()]), Markup("<mark>") + escape(m.group(0)) + Markup("</mark>")]
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def render_csv(w: Warehouse) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in csv_rows(w))
    return buf.getvalue()


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting with = + - @ tab or CR (a formula) gets a leading
    apostrophe, unless it is a plain number; a cell longer than CSV_FIELD_CHARS is cut, saying so."""
    if len(value) > CSV_FIELD_CHARS:
        value = f"{value[:CSV_FIELD_CHARS]} … ({len(value) - CSV_FIELD_CHARS:,} more characters)"
    if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(w: Warehouse, *, version: str) -> str:
    s = summarise(w)
    sev = ", ".join(f"{s.by_severity.get(k, 0)} {k}" for k in SEVERITIES)
    out = [f"# {TITLE}", "", f"{plural(s.ok, 'document')} ingested, {s.failed} failed; "
           f"{plural(s.findings, 'finding')} ({sev}). Pipeline {version}.", ""]
    failed = [d for d in w.documents if d.status != "ok"]
    if failed:
        out += ["## Documents that could not be ingested", ""]
        out += [f"- `{_md(d.source)}`: {_md(d.error or 'no reason recorded')}" for d in failed] + [""]
    out += ["## Findings by check and severity", ""]
    if s.by_check:
        out += ["| check | " + " | ".join(SEVERITIES) + " |", "|---|" + "---:|" * len(SEVERITIES)]
        out += [f"| {c} | " + " | ".join(str(n.get(k, 0)) for k in SEVERITIES) + " |" for c, n in s.by_check]
    else:
        out.append("No findings: every checked figure agrees.")
    out += ["", "## Findings", ""]
    out += ["| # | council | check | severity | finding | expected | found | diagnosis | supported value | where |",
            "|---:|---|---|---|---|---:|---:|---|---:|---|"]
    for f in w.findings[:MAX_FINDINGS_ON_PAGE]:
        out.append(f"| {f.finding_id} | {_md(f.council or NO_COUNCIL)} | {f.check_name} | {f.severity} | "
                   f"{_md(f.message)} | {_md(f.expected)} | {_md(f.found)} | {_md(f.diagnosis)} | "
                   f"{_md(f.supported_value)} | {where(f)} |")
    if len(w.findings) > MAX_FINDINGS_ON_PAGE:
        out += ["", f"{len(w.findings) - MAX_FINDINGS_ON_PAGE:,} more findings are listed in findings.csv."]
    return "\n".join(out) + "\n"

"""What every view and column of the warehouse means: one catalogue for the workbook's first sheet
(``run-flow export``) and Datasette's metadata (``run-flow browse``).

Each column has a ``kind`` that says how to carry its value exactly outside SQL: ``money`` (pounds, two
decimals; integer pence underneath), ``decimal`` (a stored ``numeric`` with its scale), ``int``, ``float`` (a
score, never money), ``bool`` (0/1 on SQLite) and ``text``. A column the catalogue does not know yet is
exported as text and described as such, so adding a column to a view never breaks an export.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["money", "decimal", "int", "float", "bool", "text"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str
    unit: str = ""
    scale: int = 0  # digits after the decimal point for money (2) and decimal columns


@dataclass(frozen=True)
class View:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        return Column(name, "text", "(not described in the catalogue yet; exported as text)")


def _m(name: str, what: str) -> Column:
    return Column(name, "money", what, "pounds (£)", 2)


_PROV = (
    Column("page", "int", "1-based PDF page the figure was read from (empty for a text document)", "page"),
    Column("line", "int", "1-based line of the text document the figure was read from (empty for a PDF)", "line"),
    Column("bbox", "text", "where on the page: x0,top,x1,bottom in PDF points, origin top-left", "PDF points"),
    Column("raw_text", "text", "the text exactly as printed where the figure was read"),
    Column("extractor", "text", "which reader/extractor produced the value (e.g. ocr-tesseract for a scanned page)"),
)
_DOC = (
    Column("document_id", "int", "the document the row comes from (joins every view to documents)"),
    Column("council", "text", "the local authority the document is about, as recognised from it"),
    Column("period", "text", "the plan year, like 2019/20"),
)


def _prov(*names: str) -> tuple[Column, ...]:
    return tuple(c for c in _PROV if c.name in names)


_VIEWS = (
    View("documents", "Documents", "One row per document ingested (or that failed), with where it came from.", (
        _DOC[0],
        Column("source", "text", "the path or URL the document was read from, as given"),
        Column("sha256", "text", "SHA-256 of the raw bytes: the document's identity"),
        *_DOC[1:],
        Column("doc_type", "text", "youth_justice_plan, inspection_report, committee_report, national_report or other"),
        Column("title", "text", "the document's title as found in it"),
        Column("pages", "int", "number of pages (PDF)", "pages"),
        Column("status", "text", "ok, or failed (then error says why)"),
        Column("error", "text", "why the document could not be ingested, in one sentence"),
        Column("ingested_at", "text", "when it was ingested (UTC)", "timestamp"),
        Column("kind", "text", "how it was read: text, markdown, html, pdf or docx"),
        Column("lines", "int", "number of lines the reader produced", "lines"),
        Column("encoding", "text", "the text encoding found (pdf/docx for those formats)"),
        Column("raw_path", "text", "where the raw bytes are archived"),
        Column("pipeline_version", "text", "the yjplans version that extracted it"),
        Column("run_id", "text", "the harvest run that ingested it"))),
    View("budget_lines", "Partner budget lines",
         "One row per partner row of a budget table: the contribution of one agency, in pounds.", (
             *_DOC, Column("table_index", "int", "which budget table of the document, from 1 in reading order"),
             Column("agency", "text", "police, pcc, probation, health, local_authority, yjb, welsh_government, other"),
             Column("label", "text", "the row label as printed"),
             _m("staffing", "staffing costs contributed"), _m("payments_in_kind", "payments in kind"),
             _m("delegated", "other delegated funds"), _m("total", "the row's total contribution"),
             *_prov("page", "line", "raw_text"),
             Column("line_index", "int", "position of the row in its table, from 1"),
             *_prov("bbox"),
             *(Column(f"{c}_raw", "text", f"the {c.replace('_', ' ')} cell exactly as printed")
               for c in ("staffing", "payments_in_kind", "delegated", "total")),
             Column("placement_inferred", "bool", "1 when the column of an amount was inferred (blanks lost)"),
             Column("ambiguous", "bool", "1 when the amounts could be placed in more than one way"),
             Column("notes", "text", "what the reader noticed about the row (footnote digit removed, ...)"),
             *_prov("extractor"),
             Column("subtotal_of", "text", "on a section sub-total row: the line_index values it adds up (2,3,4); "
                    "sum the lines WHERE subtotal_of IS NULL so that nothing is counted twice"))),
    View("budget_tables", "Budget tables", "One row per budget table: its heading, its printed Total row, how it was read.", (
        *_DOC, Column("table_index", "int", "which budget table of the document, from 1 in reading order"),
        Column("anchor", "text", "the heading or caption just before the table"),
        Column("columns_printed", "text", "the column headings as printed (JSON list)"),
        *(_m(f"printed_{c}", f"the {c.replace('_', ' ')} of the Total row as printed (not recomputed)")
          for c in ("staffing", "payments_in_kind", "delegated", "total")),
        Column("method", "text", "how the table was found (tab, markdown, html, pdf grid, docx, ocr ...)"),
        Column("quality", "float", "the reader's confidence in the table's structure, 0 to 1", "score 0-1"),
        Column("table_period", "text", "the period the table's heading states, if any"),
        Column("notes", "text", "what the reader noticed about the table"),
        *_prov("page", "line", "bbox"),
        Column("total_page", "int", "page of the printed Total row", "page"),
        Column("total_line", "int", "line of the printed Total row", "line"))),
    View("expenditure_lines", "Expenditure (cost tables)", "One row per printed cell of a table of how the money is "
         "spent (CIPFA groups, out-turn, a forecast split by priority): the lines, then the printed total row.", (
        *_DOC, Column("table_index", "int", "which cost table of the document, from 1 in reading order"),
        Column("table_period", "text", "the period the table's heading states, if any"),
        Column("anchor", "text", "the heading or caption just before the table"),
        Column("line_index", "int", "the row, from 1 in printed order (the total row comes last)"),
        Column("label", "text", "the row's label as printed (empty where the conversion lost it)"),
        Column("is_total", "bool", "1 on the table's printed total row (a printed total, not recomputed)"),
        Column("column_index", "int", "the amount column, from 1 in printed order"),
        Column("column_name", "text", "the column heading as printed"),
        Column("is_total_column", "bool", "1 in the column that prints each row's total"),
        _m("amount", "the amount as printed (empty for a blank cell)"),
        Column("amount_raw", "text", "the cell exactly as printed"),
        *_prov("page", "line", "bbox", "raw_text", "extractor"))),
    View("narrative_budget_totals", "Budget totals in prose", "A budget total stated in the text, with its quote.", (
        *_DOC, _m("amount", "the amount stated"), Column("amount_raw", "text", "the amount as printed"),
        Column("quote", "text", "the words around it"), *_prov("page", "line", "raw_text", "extractor"))),
    View("staffing_fte", "Staffing (FTE)", "One row per non-zero cell of a staffing grid in full-time equivalents.", (
        *_DOC, Column("contract", "text", "permanent, fixed_term, vacant, seconded_police, ..."),
        Column("role", "text", "strategic_manager, operational_manager, practitioner, administrative, ..."),
        Column("basis", "text", "part_time, full_time, or empty where the grid has no split"),
        Column("fte", "decimal", "full-time equivalents", "FTE", 4), *_prov("page", "line"),
        Column("fte_raw", "text", "the cell as printed"), *_prov("bbox"),
        Column("table_index", "int", "which staffing grid of the document, from 1"), *_prov("raw_text", "extractor"))),
    View("staffing_headcount", "Staffing (headcount)", "One row per non-zero cell of a headcount grid by ethnicity and sex.", (
        *_DOC, Column("ethnicity", "text", "ethnicity as the grid names it"),
        Column("role", "text", "role (adds referral_order_panel_volunteer, other_volunteer)"),
        Column("sex", "text", "male or female"), Column("headcount", "int", "number of people", "people"),
        *_prov("page", "line"), Column("ethnicity_group", "text", "the broad ethnic group"),
        Column("headcount_raw", "text", "the cell as printed"), *_prov("bbox"),
        Column("table_index", "int", "which headcount grid of the document, from 1"), *_prov("raw_text", "extractor"))),
    View("indicators", "Outcome indicators", "One row per statement of an outcome measure (first-time entrants, reoffending, custody).", (
        *_DOC, Column("indicator", "text", "first_time_entrants, reoffending or custody"),
        Column("value", "decimal", "the figure stated, in the unit of the unit column", "see unit", 6),
        Column("unit", "text", "percent, percent_change, count, per_1000, per_10000 or per_100000"),
        Column("scope", "text", "local, regional, family_group or national"),
        Column("comparator", "text", "what the figure is compared with, if stated"),
        Column("kind", "text", "actual, or target"), Column("period_label", "text", "when, as printed"),
        Column("sentence", "text", "the sentence the figure is in"), *_prov("page", "line"),
        Column("value_raw", "text", "the figure as printed"), *_prov("bbox", "extractor"))),
    View("quality_issues", "Data-quality findings", "One row per finding: a figure that does not add up, or a slip.", (
        *_DOC, Column("check_name", "text", "which check raised it"),
        Column("severity", "text", "error (figures disagree), warning (a likely slip) or info"),
        Column("message", "text", "the finding in one plain sentence"),
        Column("expected", "text", "what the figures say it should be"), Column("found", "text", "what is printed"),
        Column("difference", "decimal", "expected minus found, where it applies", "as the figures", 4),
        *_prov("page", "line"), Column("diagnosis", "text", "the likely cause"),
        Column("supported_value", "text", "the value the other figures support"),
        Column("evidence", "text", "every place the finding rests on (JSON list of provenance)"),
        *_prov("bbox", "raw_text"), Column("finding_id", "int", "the finding's id"), *_prov("extractor"))),
    View("harvest_runs", "Harvest runs", "One row per run of the harvesting flow.", (
        Column("run_id", "text", "the run's id"), Column("started_at", "text", "start (UTC)", "timestamp"),
        Column("finished_at", "text", "end (UTC)", "timestamp"), Column("status", "text", "how the run ended"),
        Column("reason", "text", "why, when it did not finish"), Column("sources", "int", "sources in the registry"),
        Column("ingested", "int", "documents ingested"), Column("unchanged", "int", "documents already in"),
        Column("failed", "int", "documents that failed"), Column("registry", "text", "the registry file"),
        Column("host", "text", "machine"), Column("pid", "int", "process id"),
        Column("pipeline_version", "text", "yjplans version"))),
    View("harvest_results", "Harvest results", "One row per source per harvest run.", (
        Column("run_id", "text", "the run's id"), Column("source", "text", "path or URL from the registry"),
        Column("council", "text", "council named in the registry"), Column("doc_type", "text", "document type"),
        Column("period", "text", "period named in the registry"), Column("status", "text", "ok, unchanged or failed"),
        Column("reason", "text", "why it failed"), Column("http_status", "int", "HTTP status of the fetch"),
        Column("attempts", "int", "fetch attempts"), Column("sha256", "text", "hash of the bytes fetched"),
        Column("document_id", "int", "the document row"), Column("findings", "int", "findings raised"),
        Column("raw_path", "text", "where the raw bytes are archived"),
        Column("started_at", "text", "start (UTC)", "timestamp"), Column("finished_at", "text", "end (UTC)", "timestamp"))),
)

VIEWS: dict[str, View] = {v.name: v for v in _VIEWS}


def view(name: str) -> View:
    """The catalogue entry of a view; an unknown view gets an entry that says it is not described yet."""
    return VIEWS.get(name) or View(name, name, "(not described in the catalogue yet)", ())

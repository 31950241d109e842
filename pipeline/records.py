"""Typed, immutable records that flow between stages.

A reader turns raw bytes into a :class:`Document`; extractors read only this model (never the file
format); normalisers add canonical values beside the raw ones; checks turn results into
:class:`Finding` records; the warehouse loader stores them. Every value carries a :class:`Provenance`.

Coordinates: every ``bbox`` is ``(x0, top, x1, bottom)`` in PDF points with the origin at the
**top-left** of the page (PyMuPDF's and pdfplumber's convention), ``BBOX_ORIGIN`` says so once.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal, Optional

BBOX_ORIGIN = "top-left"

DocKind = Literal["text", "pdf", "html", "markdown", "docx"]
DocType = Literal["youth_justice_plan", "inspection_report", "committee_report", "national_report", "other"]
LineEnd = Literal["\n", "\r\n", "\r", ""]
BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Provenance:
    """Where a value came from: document hash plus a 1-based line (text) or page (PDF)."""

    sha256: str
    line: Optional[int] = None
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    raw_text: str = ""
    extractor: str = ""
    # set only for a value read by OCR from a scanned page: Tesseract's confidence in the weakest word it
    # read there, 0 to 1 (``extractors/pdf_ocr.py``); None for everything read from text
    ocr_confidence: Optional[float] = None

    def with_extractor(self, name: str) -> "Provenance":
        return replace(self, extractor=name)

    @property
    def extractor_label(self) -> str:
        """The extractor as stored in the warehouse: an OCR'd value says so, with its confidence."""
        if self.ocr_confidence is None:
            return self.extractor
        return f"{self.extractor or 'reader'}/ocr conf={self.ocr_confidence:.2f}"


@dataclass(frozen=True)
class Line:
    """One physical line as the document has it.

    ``number`` is 1-based. ``end`` is the line terminator as found: in real text conversions a bare
    CR separates table cells while CRLF ends a paragraph, so the distinction is kept.
    For PDFs ``page`` and ``bbox`` are set and ``number`` counts lines across the document.
    """

    number: int
    text: str
    end: LineEnd = "\n"
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    ocr_confidence: Optional[float] = None  # a line read by OCR (see Provenance.ocr_confidence)


@dataclass(frozen=True)
class Cell:
    text: str
    row: int
    col: int
    prov: Provenance


@dataclass(frozen=True)
class Table:
    """A grid of cells found by a reader (PDF ruling/whitespace, HTML, Markdown, tabs).

    ``rows`` is row-major; a missing cell is an empty-text Cell. ``method`` names how it was found
    (e.g. ``pdfplumber-lines``, ``pymupdf-text``, ``tab``, ``markdown``, ``html``).
    ``first_line`` is the index in ``Document.lines`` of the first line the table covers (-1 if unknown)
    so extractors can look back for an anchor heading.
    """

    rows: tuple[tuple[Cell, ...], ...]
    method: str
    first_line: int = -1
    last_line: int = -1
    page: Optional[int] = None
    quality: float = 1.0


@dataclass(frozen=True)
class Document:
    """A document as read: identity, its lines, and tables a reader could see structurally."""

    sha256: str
    source: str
    kind: DocKind
    lines: tuple[Line, ...]
    tables: tuple[Table, ...] = ()
    pages: Optional[int] = None
    encoding: str = "utf-8"
    title_hint: str = ""
    # what the reader itself noticed (a page with no text layer inside a PDF that has text, say):
    # findings, not errors, because the rest of the document was read
    reader_findings: tuple["Finding", ...] = ()

    def prov(self, line_index: int, raw_text: Optional[str] = None, extractor: str = "") -> Provenance:
        """Provenance for ``self.lines[line_index]`` (an index, not the 1-based number)."""
        ln = self.lines[line_index]
        return Provenance(
            sha256=self.sha256,
            line=None if self.kind == "pdf" else ln.number,
            page=ln.page,
            bbox=ln.bbox,
            raw_text=ln.text if raw_text is None else raw_text,
            extractor=extractor,
            ocr_confidence=ln.ocr_confidence,
        )

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


# --------------------------------------------------------------------------- metadata


@dataclass(frozen=True)
class DocumentMeta:
    council: Optional[str]
    period: Optional[str]
    doc_type: str
    title: str
    service: Optional[str] = None  # the Youth Justice Service (for a single-council service, the council)


# --------------------------------------------------------------------------- budget


@dataclass(frozen=True)
class Amount:
    """A money amount as printed and as parsed. ``value`` is None for a blank cell; a printed '-' is 0."""

    raw: str
    value: Optional[Decimal]
    note: str = ""  # e.g. "footnote digit 2 removed", "stray space inside number"


BUDGET_COLUMNS = ("staffing", "payments_in_kind", "delegated", "total")


@dataclass(frozen=True)
class BudgetLine:
    agency: str
    label: str
    staffing: Amount
    payments_in_kind: Amount
    delegated: Amount
    total: Amount
    prov: Provenance
    placement_inferred: bool = False
    ambiguous: bool = False
    # a printed sub-total: the 0-based indexes (in its table's lines) of the rows it adds up; not counted again
    subtotal_of: tuple[int, ...] = ()
    section: str = ""  # the section heading printed above the row, if any
    unplaced: tuple[Amount, ...] = ()  # an ambiguous row's amounts (besides its total) whose column is unknown

    def amount(self, column: str) -> Amount:
        return getattr(self, column)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class BudgetTable:
    index: int  # 1-based in reading order
    anchor: str
    columns_printed: tuple[str, ...]
    lines: tuple[BudgetLine, ...]
    printed_total: Optional[BudgetLine]
    prov: Provenance
    method: str
    quality: float = 1.0
    period: Optional[str] = None
    notes: tuple[str, ...] = ()
    # columns outside the template whose amounts were not loaded: the rows' sums cannot be checked
    unloaded_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class NarrativeTotal:
    amount: Decimal
    raw: str
    quote: str
    prov: Provenance
    period: Optional[str] = None  # the one financial year its sentence names, if exactly one


@dataclass(frozen=True)
class AgencyStatement:
    """One funder's amount stated in prose ("The Youth Justice Board Grant for 19/20 is £239,206")."""

    agency: str
    who: str
    amount: Decimal
    raw: str
    period: Optional[str]
    quote: str
    prov: Provenance


# --------------------------------------------------------------------------- expenditure


@dataclass(frozen=True)
class ExpenditureLine:
    """One printed row of a cost table (``Employees  465,342  116,336 ... 775,570``): its amounts in the table's
    columns as printed (``Amount.raw`` beside the exact value; a blank cell has value None)."""

    label: str
    amounts: tuple[Amount, ...]  # one per column of the table, in printed order
    prov: Provenance


@dataclass(frozen=True)
class ExpenditureTable:
    """A table of how the money is spent (CIPFA subjective groups, out-turn, a forecast split by priority).

    ``columns`` are the amount columns as printed (one unnamed column for a single list of amounts);
    ``total_column`` is the index of the column that prints each row's total, when one does; ``total`` is the
    printed total row (its label may be empty when the conversion lost it); ``shares`` the printed percentage
    split of the columns (``60% 15% 20% 5% 100%``), when printed."""

    index: int  # 1-based in reading order
    anchor: str
    columns: tuple[str, ...]
    lines: tuple[ExpenditureLine, ...]
    total: Optional[ExpenditureLine]
    prov: Provenance
    method: str
    period: Optional[str] = None
    total_column: Optional[int] = None
    shares: tuple[Amount, ...] = ()
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------- staffing & indicators


@dataclass(frozen=True)
class StaffingFTE:
    contract: str
    role: Optional[str]
    basis: Optional[str]
    fte: Decimal
    raw: str
    prov: Provenance
    table_index: int = 1


@dataclass(frozen=True)
class StaffingHeadcount:
    ethnicity: str
    role: Optional[str]
    sex: Optional[str]
    headcount: int
    raw: str
    prov: Provenance
    table_index: int = 1
    ethnicity_group: Optional[str] = None


GridColumn = tuple[str, Optional[str]]  # (role or "total", basis or sex)


@dataclass(frozen=True)
class GridRow:
    """One printed row of a staffing grid: every cell as read, so printed totals can be checked."""

    label: str
    code: Optional[str]  # contract code (FTE) or ethnicity group (headcount); None for a Total row
    values: tuple[Optional[Decimal], ...]  # one per column; None is an empty cell
    raws: tuple[str, ...]
    provs: tuple[Optional[Provenance], ...]
    prov: Provenance
    placement_inferred: bool = False


@dataclass(frozen=True)
class GridIssue:
    severity: Literal["info", "warning"]
    message: str
    prov: Provenance


@dataclass(frozen=True)
class UnplacedRow:
    """A grid row whose cells could not be placed in columns (blanks lost): its printed cells in order, and how
    many placements agreed with its printed totals (0: none), so checks can still test what it prints."""

    label: str
    values: tuple[Decimal, ...]
    raws: tuple[str, ...]
    provs: tuple[Provenance, ...]
    prov: Provenance
    fits: int


@dataclass(frozen=True)
class StaffingGrid:
    """A staffing grid whole: columns, body rows, the printed Total row and what could not be settled."""

    kind: str  # "fte" | "headcount"
    index: int  # 1-based among grids of its kind
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]
    total_row: Optional[GridRow]
    method: str
    prov: Provenance
    issues: tuple[GridIssue, ...] = ()
    total_first: bool = False  # the Total row is printed before the body rows (a partial breakdown)
    unplaced: tuple[UnplacedRow, ...] = ()  # rows not loaded because their cells could not be placed

    def column_index(self, role: str, qualifier: Optional[str]) -> Optional[int]:
        for i, c in enumerate(self.columns):
            if c == (role, qualifier):
                return i
        return None


@dataclass(frozen=True)
class StaffClaim:
    """Staff numbers stated in prose: a headcount and its FTE for some roles."""

    headcount: Decimal
    fte: Decimal
    roles: tuple[str, ...]  # template role codes
    quote: str
    prov: Provenance


@dataclass(frozen=True)
class GradeList:
    """A list of inspection grades with the count it says it has ("12 standards: 7 good, 4 ...")."""

    group: str  # "standards" | "indicators" | "domains" | "items"
    stated: Optional[int]
    counts: tuple[tuple[str, int], ...]  # (grade code, count) in printed order
    prov: Provenance


@dataclass(frozen=True)
class Indicator:
    indicator: str
    value: Decimal
    unit: str
    scope: str
    kind: str  # "actual" | "target"
    sentence: str
    prov: Provenance
    comparator: Optional[str] = None
    period_label: Optional[str] = None
    raw: str = ""
    qualifier: Optional[str] = None  # 'about', 'just below', 'approximately': as printed beside the figure
    unit_printed: Optional[str] = None  # the unit printed beside the figure when it cannot be right ('704 per 1,000')


@dataclass(frozen=True)
class ShareStatement:
    """A percentage printed with the count it is of and/or the base it is a share of: "26 of 67 (38.8%)",
    "37 (68%) were ...", "82% (39) respondents", "Of these 86% ..." after "18 were identified". ``part`` or
    ``base`` is None when the text does not print it; ``base_from`` says where the base was read ("phrase": the
    same phrase; "preceding": the count of the sentence or list item before, named by "of these")."""

    percent: Decimal
    percent_raw: str
    part: Optional[Decimal]
    base: Optional[Decimal]
    quote: str
    prov: Provenance
    base_from: str = "phrase"


@dataclass(frozen=True)
class StatedBreakdown:
    """A total printed with its parts in brackets: "Cases open = 109 (93 Males - 15 Females)"."""

    total: Decimal
    total_raw: str
    parts: tuple[tuple[Decimal, str], ...]  # (count, label as printed)
    quote: str
    prov: Provenance


@dataclass(frozen=True)
class ReadingAmbiguity:
    """A block an extractor found but left unread because the evidence fits more than one reading (a data-summary
    grid whose figure count fits neither print order; a dashboard row with more figures than kind columns): kept
    so that a check can say so, never resolved by a guess."""

    family: str  # "indicators", ...
    what: str  # the block, as a reader names it: "data summary 'FTE PNC rate per 100,000 ...'"
    why: str  # one plain clause: "14 figures for 4 areas and 3 period labels"
    prov: Provenance


@dataclass(frozen=True)
class Inspection:
    inspectorate: str
    overall: Optional[str]
    grades: tuple[tuple[str, str, int], ...]  # (group e.g. "standards", grade, count)
    prov: Provenance


# --------------------------------------------------------------------------- findings


Severity = Literal["error", "warning", "info"]
FigureStyle = Literal["money", "number", "percent"]
DiagnosisKind = Literal["typing_slip", "row_left_out", "row_counted_twice", "row_differs", "footnote_digit",
                        "rounding", "format_slip"]


@dataclass(frozen=True)
class Side:
    """One side of a finding's comparison, as a value: the figure (None when the side is not a number), what
    it is ('sum of rows', 'printed total', 'pounds'), and the figure exactly as printed where it was printed."""

    value: Optional[Decimal] = None
    what: str = ""
    raw: str = ""
    style: FigureStyle = "money"


@dataclass(frozen=True)
class Diagnosis:
    """What probably happened, and the value the arithmetic supports (beside the printed figures, never in
    place of them). ``text`` is the sentence (:mod:`pipeline.wording` writes its numbers)."""

    kind: DiagnosisKind
    text: str
    supported_value: Optional[Decimal] = None


@dataclass(frozen=True)
class Location:
    """A place in a document: a 1-based page (PDF) or line (text)."""

    page: Optional[int] = None
    line: Optional[int] = None


@dataclass(frozen=True)
class Finding:
    """A data-quality finding. ``message`` is one plain sentence; ``expected`` is the figure the printed one
    should agree with (computed, or printed elsewhere) and ``found`` the figure as printed."""

    check_name: str
    severity: Severity
    message: str
    expected: Side = Side()
    found: Side = Side()
    difference: Optional[Decimal] = None
    prov: Optional[Provenance] = None
    diagnosis: Optional[Diagnosis] = None
    evidence: tuple[Provenance, ...] = ()

    @property
    def locations(self) -> tuple[Location, ...]:
        """Every place the finding points at: its own, then its evidence's (in order, without repeats)."""
        provs = ((self.prov,) if self.prov else ()) + self.evidence
        return tuple(dict.fromkeys(Location(p.page, p.line) for p in provs if p.page is not None or p.line is not None))


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document: the input to checks and to the warehouse loader."""

    document: Document
    meta: DocumentMeta
    budget_tables: tuple[BudgetTable, ...] = ()
    expenditure_tables: tuple[ExpenditureTable, ...] = ()
    narrative_totals: tuple[NarrativeTotal, ...] = ()
    staffing_fte: tuple[StaffingFTE, ...] = ()
    staffing_headcount: tuple[StaffingHeadcount, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    inspections: tuple[Inspection, ...] = ()
    # what the checks compare beyond the warehouse facts: grids with their printed totals, funder figures in
    # prose, inspection grade lists (checks read these records and never the extractors)
    staffing_grids: tuple[StaffingGrid, ...] = ()
    agency_statements: tuple[AgencyStatement, ...] = ()
    staff_claims: tuple[StaffClaim, ...] = ()
    grade_lists: tuple[GradeList, ...] = ()
    shares: tuple[ShareStatement, ...] = ()
    breakdowns: tuple[StatedBreakdown, ...] = ()
    ambiguities: tuple[ReadingAmbiguity, ...] = ()
    findings: tuple[Finding, ...] = field(default=())

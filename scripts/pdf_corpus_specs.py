"""How each seed is laid out as a council would have typeset it (used only by ``make_pdf_corpus.py``).

The seeds reached us as text; this says which tables were ruled or borderless, which sat on a landscape
page, which broke across a page, and gives back the grids that the text conversion flattened (000's
appendix). Every figure and sentence is the seed's own; only layout is added.
"""
from __future__ import annotations

from typing import Any

from pdf_corpus_fodt import Para, TableSpec

# Per table, keyed by the start of its first row as the seed prints it (tabs kept).
TABLE_STYLES: dict[str, dict[str, Any]] = {
    # 002 Blackpool: ruled, narrow label column so long labels wrap, £ in the first row and total only
    "Agency\tStaffing costs (£)": dict(ruled=True, widths_cm=[3.4, 2.9, 3.2, 3.2, 2.8], pound_rows=(1, -1)),
    # 002 budget plan: borderless, aligned by whitespace only
    "Agency\tStaffing Costs\tPayments in kind\tOther delegated funds\tTotal\nPolice\t43,674":
        dict(ruled=False, widths_cm=[4.0, 3.0, 3.0, 3.5, 3.0]),
    # 002 effective practice grant: label | amount, no header row, long wrapped labels
    "Strategic Leadership, setting direction": dict(ruled=True, header_rows=0, widths_cm=[12.5, 3.0]),
    # 002 staffing grid: landscape, two-level header (role over PT/FT)
    "Type of Contract\tStrategic Manager (PT)": dict(ruled=True, two_level=True, font_pt=8, landscape=True,
                                                     widths_cm=[4.6] + [1.45] * 8 + [2.1, 2.1, 2.1, 1.5]),
    # 003 Medway: ruled, £ in every amount cell
    "<b>Delegated Funds from Partner Agencies</b>": dict(ruled=True, widths_cm=[9.0, 4.0], bold_last=True),
    "<b>Other</b>": dict(ruled=False, widths_cm=[9.0, 4.0]),
    "Risk\tDescription": dict(ruled=True, widths_cm=[4.6, 4.2, 5.6, 2.0], font_pt=9),
    # 004 Warwickshire: ruled, breaks across two pages with the header row repeated
    "Agency\tStaffing Costs\tPayments in kind\tOther delegated funds\tTotal\nPolice\t187,479":
        dict(ruled=True, widths_cm=[4.0, 3.0, 3.0, 3.5, 3.0], bold_last=True),
}

# Paragraph layout, keyed by (seed stem prefix, start of the paragraph).
PARA_STYLES: dict[tuple[str, str], dict[str, Any]] = {
    ("002", "14. Staffing"): dict(master="Landscape"),
    ("002", "15. Management Board Signature"): dict(master="Standard"),
    ("004", "Appendix 1: Partner contribution"): dict(page_break=True, space_before_cm=21.0),
    ("000", "Appendix 1 Financial Summary"): dict(page_break=True),
    ("000", "Appendix 3 Staffing"): dict(master="Landscape"),
}

_ROLES4 = ["Strategic Managers", "Operational Managers", "Practitioners", "Administration"]


def _two_level(top: list[str], sub: list[str], lead: str, tail: list[str]) -> tuple[list[list[str]], dict]:
    row0, row1, spans = [lead], [""], {}
    for name in top:
        spans[(0, len(row0))] = len(sub)
        row0 += [name] + [""] * (len(sub) - 1)
        row1 += sub
    return [row0 + tail, row1 + [""] * len(tail)], spans


def _mk_000_budget() -> list[Any]:
    rows = [["Income", "Staff (£)", "Delegated funds (£)", "Total (£)"],
            ["Police", "54,015", "", "54,015"],
            ["Police and Crime Commissioner", "", "116,900", "116,900"],
            ["Probation", "", "29,776", "29,776"],
            ["Health", "32,185", "31,502", "63,687"],
            ["Local Authority", "", "609,347", "609,347"],
            ["YJB", "", "268,311", "268,311"],
            ["Other (for breakdown see below)", "22,721", "70,000", "92,721"],
            ["TOTAL", "108,921", "1,125,836", "1,234,757"]]
    return [TableSpec(rows, ruled=True, widths_cm=[3.3, 2.8, 3.6, 3.0], bold_rows=(8,))]


def _mk_000_other() -> list[Any]:
    rows = [["'Other' Income", ""], ["DSG for SLT provision", "£ 22,721"], ["Strengthening Families", ""],
            ["• Contribution to core costs", ""], ["• Family work projects", "£ 70,000"], ["", "£ 92,721"]]
    return [TableSpec(rows, ruled=False, header_rows=1, repeat_header=False, widths_cm=[6.5, 3.0])]


def _mk_000_headcount() -> list[Any]:
    roles = ["Strategic Managers", "Operational Managers", "Practitioners", "Administrative",
             "Referral Order Panel Volunteers", "Other Volunteers", "TOTAL"]
    head, spans = _two_level(roles, ["M", "F"], "Ethnicity", [])
    body = [["White", "1", "", "1", "1", "4", "13", "1", "2", "2", "13", "1", "7", "10", "36"],
            ["Asian", "", "", "", "", "", "", "", "", "1", "", "", "1", "1", "1"],
            ["Black", "", "", "", "", "1", "", "", "1", "", "", "", "1", "1", "2"],
            ["TOTAL", "1", "", "1", "1", "5", "13", "1", "3", "3", "13", "1", "9", "12", "39"]]
    return [TableSpec(head + body, ruled=True, header_rows=2, spans=spans, font_pt=9,
                      widths_cm=[2.6] + [1.6] * 14),
            Para("No other ethnicities were represented.")]


def _mk_000_fte() -> list[Any]:
    head, spans = _two_level(_ROLES4, ["Part-time", "Full-time"], "Contract type", ["Sessional", "Students", "TOTAL"])
    z = [""] * 8
    def row(label: str, cells: dict[int, str], total: str) -> list[str]:
        r = list(z)
        for k, v in cells.items():
            r[k] = v
        return [label] + r + ["", "", total]
    body = [row("Permanent", {0: "0.33", 3: "2", 4: "5.29", 5: "6", 6: "0.97", 7: "2"}, "16.59"),
            row("Seconded Police", {5: "1"}, "1"),
            row("Seconded Probation", {}, "0"),
            row("Seconded Health Mental Health", {4: "0.8"}, "0.8"),
            row("Seconded Health Physical Health", {}, "0"),
            row("Seconded Health Speech & Language", {4: "0.4"}, "0.4"),
            row("Vacant", {5: "1"}, "1"),
            row("TOTAL", {0: "0.33", 3: "2", 4: "6.49", 5: "8", 6: "0.97", 7: "2"}, "19.79")]
    return [TableSpec(head + body, ruled=True, header_rows=2, spans=spans, font_pt=9,
                      widths_cm=[4.2] + [1.75] * 8 + [1.9, 1.9, 1.9])]


# Seed lines that a text conversion flattened: (stem prefix, first line starts, last line starts) -> blocks
REPLACE: list[tuple[str, str, str, Any]] = [
    ("000", "Income Staff (£)", "Income Staff (£)", _mk_000_budget),
    ("000", "'Other' Income", "£ 70,000", _mk_000_other),
    ("000", "Ethnicity Strategic Managers", "Ethnicity Strategic Managers", _mk_000_headcount),
    ("000", "Contract type Strategic", "TOTAL Part-time", _mk_000_fte),
]


def two_level_header(first: list[str]) -> tuple[list[list[str]], dict]:
    """'Role (PT)', 'Role (FT)' pairs in a one-row header become role over PT / FT."""
    row0, row1, spans = [first[0]], [""], {}
    j = 1
    while j < len(first):
        a = first[j]
        b = first[j + 1] if j + 1 < len(first) else ""
        if a.endswith("(PT)") and b.endswith("(FT)") and a[:-4] == b[:-4]:
            spans[(0, len(row0))] = 2
            row0 += [a[:-4].strip(), ""]
            row1 += ["PT", "FT"]
            j += 2
        else:
            row0.append(a)
            row1.append("")
            j += 1
    return [row0, row1], spans

"""The Excel workbook of ``run-flow export --format xlsx`` (openpyxl): an About sheet, then a sheet per view.

Money cells are numbers (exact ``Decimal`` pounds) formatted ``£#,##0.00``; every other value as the view holds
it. A text value holding a control character an .xlsx cell cannot store has it shown as U+FFFD, one longer than
an Excel cell holds is cut and marked so, and the About sheet says how many cells that touched (the CSV and
Parquet exports keep such text whole).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from pipeline.export import _ILLEGAL_XLSX, POUNDS_FORMAT, ViewData, about_rows

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

ABOUT = "About"
MAX_CELL = 32767  # what an Excel cell holds
CUT = " [cut: longer than an Excel cell holds; see the CSV or Parquet export]"


def write_xlsx(data: Sequence[ViewData], path: Path, *, made_at: str, db_label: str, version: str) -> tuple[str, ...]:
    from openpyxl import Workbook

    wb = Workbook()
    about = wb.active
    assert about is not None
    about.title = ABOUT
    replaced = 0
    for d in data:
        replaced += _sheet(wb.create_sheet(d.view.name[:31]), d)
    notes = (f"{replaced} text cells held control characters an .xlsx cannot store (shown as U+FFFD) or more text "
             f"than an Excel cell holds (cut, and marked so); the CSV and Parquet exports keep them whole",) if replaced else ()
    _about(about, data, made_at=made_at, db_label=db_label, version=version, notes=notes)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    os.replace(tmp, path)
    return notes


def _cell(value: Any) -> tuple[Any, int]:
    if not isinstance(value, str):
        return value, 0
    changed = 0
    if _ILLEGAL_XLSX.search(value):
        value, changed = _ILLEGAL_XLSX.sub("\ufffd", value), 1
    if len(value) > MAX_CELL:
        value, changed = value[:MAX_CELL - len(CUT)] + CUT, 1
    return value, changed


def _sheet(ws: "Worksheet", d: ViewData) -> int:
    from openpyxl.styles import Font
    ws.append([c.name for c in d.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    money = [i for i, c in enumerate(d.columns) if c.kind == "money"]
    replaced = 0
    for r in d.rows:
        values = []
        for x in r:
            v, n = _cell(x)
            values.append(v)
            replaced += n
        ws.append(values)
    for i in money:
        for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
            cell.number_format = POUNDS_FORMAT
    ws.freeze_panes = "A2"
    if d.rows:
        ws.auto_filter.ref = ws.dimensions
    for i, c in enumerate(d.columns):
        ws.column_dimensions[ws.cell(1, i + 1).column_letter].width = 14 if c.kind != "text" else 24
    return replaced


def _about(ws: "Worksheet", data: Sequence[ViewData], *, made_at: str, db_label: str, version: str,
           notes: tuple[str, ...]) -> None:
    from openpyxl.styles import Font
    ws.append(["yjplans warehouse export"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["pipeline version", version])
    ws.append(["made at (UTC)", made_at])
    ws.append(["warehouse", db_label])
    ws.append(["money", "pounds, exact (stored as integer pence); cells formatted £#,##0.00"])
    ws.append(["provenance", "page (PDF) or line (text) and raw_text say where each figure was read"])
    for n in notes:
        ws.append(["note", n])
    ws.append([])
    ws.append(["sheet", "column", "kind", "unit", "meaning"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in about_rows(data):
        ws.append(list(row))
    for letter, width in zip("ABCDE", (24, 26, 10, 14, 90)):
        ws.column_dimensions[letter].width = width

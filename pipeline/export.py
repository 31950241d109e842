"""``run-flow export``: the analysts' views out of SQL, into an Excel workbook, CSV files or Parquet files.

Every view of WAREHOUSE.md is exported whole (``SELECT *``), in the catalogue's column order. Values are
carried exactly: money is a ``Decimal`` of pounds with two decimals (a number formatted in pounds in Excel,
``decimal128(18, 2)`` in Parquet, ``1234.50`` in CSV); stored ``numeric`` columns keep their scale. A value
that would change by being carried (a float with more digits than its column's scale) stops the export with
the view, column and row named rather than being rounded.

- ``xlsx``: one workbook, a first sheet ``About`` (what each sheet and column means, units, the pipeline version,
  when it was made) and one sheet per view.
- ``csv``: a folder with ``<view>.csv`` per view (UTF-8, header row) and ``about.csv``.
- ``parquet``: a folder with ``<view>.parquet`` per view (column descriptions in the schema metadata) and
  ``about.csv``.
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional, Sequence

from sqlalchemy import Engine, make_url, text

from pipeline import __version__
from pipeline.errors import YJError
from pipeline.warehouse.catalog import Column, View, view
from pipeline.warehouse.views import view_sql

FORMATS = ("xlsx", "csv", "parquet")
POUNDS_FORMAT = '"£"#,##0.00'
_ILLEGAL_XLSX = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # what an .xlsx cell cannot hold


class ExportError(YJError):
    """The warehouse could not be exported (missing, or a value that cannot be carried exactly)."""


@dataclass(frozen=True)
class ViewData:
    view: View
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class ExportResult:
    format: str
    path: Path
    files: tuple[Path, ...]
    rows: dict[str, int]
    made_at: str
    notes: tuple[str, ...] = field(default=())


def exact(value: Any, col: Column, where: str) -> Any:
    """A view value as it is exported: money and decimals become ``Decimal`` at their scale, exactly."""
    if value is None:
        return None
    if col.kind in ("money", "decimal"):
        d = value if isinstance(value, Decimal) else Decimal(str(value))
        q = d.quantize(Decimal(1).scaleb(-col.scale))
        if q != d:
            raise ExportError(f"{where}: {col.name} = {value!r} has more than {col.scale} decimals; "
                              "it would be rounded, so it is not exported")
        return q
    if col.kind == "bool":
        return bool(value)
    if col.kind == "int":
        return int(value)
    if col.kind == "float":
        return float(value)
    return value if isinstance(value, str) else str(value)


def read_view(engine: Engine, name: str) -> ViewData:
    """Every row of one view, each value converted by its catalogue kind."""
    v = view(name)
    with engine.connect() as conn:
        result = conn.execute(text(f"SELECT * FROM {name}"))
        cols = tuple(v.column(k) for k in result.keys())
        rows = tuple(tuple(exact(x, c, f"{name} row {i + 1}") for x, c in zip(r, cols))
                     for i, r in enumerate(result))
    return ViewData(v, cols, rows)


def read_views(engine: Engine) -> list[ViewData]:
    return [read_view(engine, name) for name in view_sql(engine.dialect.name)]


def about_rows(data: Sequence[ViewData]) -> list[tuple[str, str, str, str, str]]:
    """(sheet, column, kind, unit, meaning): one row per view, then one per column."""
    out: list[tuple[str, str, str, str, str]] = []
    for d in data:
        out.append((d.view.name, "", "", f"{len(d.rows)} rows", f"{d.view.title}: {d.view.description}"))
        out += [(d.view.name, c.name, c.kind, c.unit, c.description) for c in d.columns]
    return out


def export(engine: Engine, fmt: str, out: str | Path, *, db_label: str = "") -> ExportResult:
    """Write every view of the warehouse behind ``engine`` to ``out`` in ``fmt`` (xlsx, csv or parquet)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    made_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    data = read_views(engine)
    path = Path(out)
    if fmt == "xlsx":
        from pipeline.export_xlsx import write_xlsx
        notes = write_xlsx(data, path, made_at=made_at, db_label=db_label, version=__version__)
        files: tuple[Path, ...] = (path,)
    else:
        path.mkdir(parents=True, exist_ok=True)
        files = tuple(_write_csv(d, path) if fmt == "csv" else _write_parquet(d, path, made_at) for d in data)
        files += (_write_about_csv(data, path, made_at, db_label),)
        notes = ()
    return ExportResult(fmt, path, files, {d.view.name: len(d.rows) for d in data}, made_at, notes)


def export_url(url: Optional[str], fmt: str, out: str | Path) -> ExportResult:
    """Open the warehouse at ``url`` (which must exist) and export it."""
    from pipeline.warehouse.db import open_warehouse, resolve_url
    url = resolve_url(url)
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database not in (None, "", ":memory:") \
            and not Path(u.database or "").exists():
        raise ExportError(f"no warehouse at {u.database}: run `run-flow harvest` (or `make run`) first")
    engine = open_warehouse(url)
    try:
        return export(engine, fmt, out, db_label=u.render_as_string(hide_password=True))
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- csv


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)  # a Decimal keeps its scale: 1234.50


def _write_csv(d: ViewData, folder: Path) -> Path:
    path = folder / f"{d.view.name}.csv"
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([c.name for c in d.columns])
        w.writerows([csv_value(x) for x in r] for r in d.rows)
    os.replace(tmp, path)
    return path


def _write_about_csv(data: Sequence[ViewData], folder: Path, made_at: str, db_label: str) -> Path:
    path = folder / "about.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["view", "column", "kind", "unit", "meaning"])
        w.writerow(["", "", "", "", f"yjplans {__version__} export made {made_at} from {db_label}"])
        w.writerows(about_rows(data))
    return path


# --------------------------------------------------------------------------- parquet


def _arrow_type(c: Column) -> Any:
    import pyarrow as pa
    if c.kind in ("money", "decimal"):
        return pa.decimal128(18, c.scale)
    return {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}.get(c.kind, pa.string())


def _write_parquet(d: ViewData, folder: Path, made_at: str) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq
    fields = [pa.field(c.name, _arrow_type(c), metadata={"description": c.description, "unit": c.unit,
                                                           "kind": c.kind}) for c in d.columns]
    schema = pa.schema(fields, metadata={"view": d.view.name, "description": d.view.description,
                                         "pipeline_version": __version__, "made_at": made_at})
    arrays = [pa.array([r[i] for r in d.rows], type=f.type) for i, f in enumerate(fields)]
    path = folder / f"{d.view.name}.parquet"
    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), tmp)
    os.replace(tmp, path)
    return path

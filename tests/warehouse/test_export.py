"""`run-flow export`: the seeds' warehouse out to xlsx, csv and parquet, read back and compared with the views."""
from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import __version__
from pipeline.cli import main
from pipeline.export import POUNDS_FORMAT, ExportError, exact
from pipeline.warehouse.catalog import VIEWS, Column
from pipeline.warehouse.views import view_sql

from tests.conftest import SEEDS

MONEY = {"budget_lines": {"staffing", "payments_in_kind", "delegated", "total"},
         "budget_tables": {"printed_staffing", "printed_payments_in_kind", "printed_delegated", "printed_total"},
         "narrative_budget_totals": {"amount"}, "expenditure_lines": {"amount"}}
DECIMALS = {("staffing_fte", "fte"), ("indicators", "value"), ("quality_issues", "difference")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline.stages import ingest_source
    from pipeline.warehouse.db import open_warehouse
    tmp = tmp_path_factory.mktemp("export")
    db = tmp / "warehouse.db"
    engine = open_warehouse(f"sqlite:///{db}")
    for p in SEEDS:
        assert ingest_source(engine, str(p), raw_dir=str(tmp / "raw")).status == "ok"
    engine.dispose()
    return db


def views(db: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Each view as SQLite gives it (columns, rows)."""
    out = {}
    with sqlite3.connect(db) as c:
        for name in view_sql("sqlite"):
            cur = c.execute(f"SELECT * FROM {name}")
            out[name] = ([d[0] for d in cur.description], cur.fetchall())
    return out


def norm(view: str, col: str, v: Any, text: bool = False) -> Any:
    """A value for comparison: numbers of money and numeric columns as Decimal, empty as None (``text``: the
    rest as text, for CSV)."""
    if v is None or v == "":
        return None
    if col in MONEY.get(view, ()) or (view, col) in DECIMALS:
        return Decimal(str(v)).normalize()
    if col in ("placement_inferred", "ambiguous", "is_total", "is_total_column"):
        return bool(int(v)) if not isinstance(v, str) else v == "true"
    return str(v) if text else v


def run_export(db: Path, fmt: str, out: Path) -> None:
    assert main(["export", "--db", f"sqlite:///{db}", "--format", fmt, "--out", str(out)]) == 0


def test_xlsx_has_about_sheet_and_a_sheet_per_view_equal_to_the_views(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "w.xlsx"
    run_export(warehouse, "xlsx", out)
    wb = openpyxl.load_workbook(out)
    want = views(warehouse)
    assert wb.sheetnames == ["About", *want]
    money_cells = 0
    for name, (cols, rows) in want.items():
        ws = wb[name]
        got = list(ws.iter_rows(values_only=True))
        assert list(got[0]) == cols
        assert len(got) - 1 == len(rows) and (name in ("harvest_runs", "harvest_results") or rows)
        for r_got, r_want in zip(got[1:], rows):
            assert [norm(name, c, x) for c, x in zip(cols, r_got)] == [norm(name, c, x) for c, x in zip(cols, r_want)]
        for i, c in enumerate(cols):
            if c in MONEY.get(name, ()):
                for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                    if cell.value is not None:
                        assert cell.data_type == "n" and cell.number_format == POUNDS_FORMAT
                        money_cells += 1
    assert money_cells > 100
    about = [r for r in wb["About"].iter_rows(values_only=True)]
    assert ("pipeline version", __version__) == about[1][:2] and about[2][0] == "made at (UTC)" and about[2][1]
    described = {(r[0], r[1]) for r in about if r and r[1] and r[4]}
    assert {(n, c) for n, (cols, _) in want.items() for c in cols} <= described


def test_csv_one_file_per_view_equal_to_the_views(warehouse: Path, tmp_path: Path) -> None:
    run_export(warehouse, "csv", tmp_path / "csv")
    want = views(warehouse)
    assert sorted(p.stem for p in (tmp_path / "csv").glob("*.csv")) == sorted([*want, "about"])
    for name, (cols, rows) in want.items():
        df = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(df.columns) == cols and len(df) == len(rows)
        for r_got, r_want in zip(df.itertuples(index=False), rows):
            assert [norm(name, c, x, True) for c, x in zip(cols, r_got)] == [
                norm(name, c, x, True) for c, x in zip(cols, r_want)]
    pounds = pd.read_csv(tmp_path / "csv" / "budget_lines.csv", dtype=str)["total"]
    assert pounds.str.fullmatch(r"\d+\.\d\d").all()  # pounds with pence, never 1.2e5


def test_parquet_has_decimal_types_and_equals_the_views(warehouse: Path, tmp_path: Path) -> None:
    run_export(warehouse, "parquet", tmp_path / "pq")
    want = views(warehouse)
    for name, (cols, rows) in want.items():
        path = tmp_path / "pq" / f"{name}.parquet"
        schema = pq.read_schema(path)
        for c in MONEY.get(name, ()):
            assert str(schema.field(c).type) == "decimal128(18, 2)"
            assert schema.field(c).metadata[b"unit"] == "pounds (£)".encode()
        df = pd.read_parquet(path)
        assert list(df.columns) == cols and len(df) == len(rows)
        for r_got, r_want in zip(df.astype(object).where(df.notna(), None).itertuples(index=False), rows):
            assert [norm(name, c, x) for c, x in zip(cols, r_got)] == [norm(name, c, x) for c, x in zip(cols, r_want)]
    totals = pd.read_parquet(tmp_path / "pq" / "budget_lines.parquet")["total"]
    assert all(isinstance(v, Decimal) for v in totals) and sum(totals) == sum(
        Decimal(str(r[cols.index("total")])) for cols, rs in [want["budget_lines"]] for r in rs)


def test_every_view_column_is_described() -> None:
    for name in view_sql("sqlite"):
        assert name in VIEWS, name
        assert all(col.description and not col.description.startswith("(not") for col in VIEWS[name].columns)


def test_a_value_that_would_be_rounded_stops_the_export() -> None:
    money = Column("total", "money", "t", "pounds", 2)
    assert exact(1234.5, money, "x") == Decimal("1234.50") and exact(7, money, "x") == Decimal("7.00")
    with pytest.raises(ExportError, match=r"budget_lines row 3: total = 1\.005 has more than 2 decimals"):
        exact(1.005, money, "budget_lines row 3")


def test_export_refuses_a_missing_warehouse_and_an_unknown_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", f"sqlite:///{tmp_path / 'none.db'}", "--format", "xlsx",
                 "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "no warehouse at" in capsys.readouterr().err and not (tmp_path / "none.db").exists()
    assert main(["export", "--format", "ods", "--out", str(tmp_path / "x")]) == 2


@pytest.mark.postgres
def test_postgres_export_equals_the_sqlite_export(warehouse: Path, tmp_path: Path) -> None:
    """The same seeds in PostgreSQL (numeric money) export the same Parquet values as from SQLite."""
    from pipeline.export import export_url
    from pipeline.stages import ingest_source
    from pipeline.warehouse.db import open_warehouse

    from tests.warehouse.test_postgres import VOLATILE, fresh_database
    with fresh_database("export") as url:
        engine = open_warehouse(url)
        for p in SEEDS:
            assert ingest_source(engine, str(p), raw_dir=str(tmp_path / "raw")).status == "ok"
        engine.dispose()
        export_url(url, "parquet", tmp_path / "pg")
    export_url(f"sqlite:///{warehouse}", "parquet", tmp_path / "lite")
    for name in ("budget_lines", "budget_tables", "narrative_budget_totals", "staffing_fte", "indicators"):
        pg, lite = (pd.read_parquet(tmp_path / d / f"{name}.parquet") for d in ("pg", "lite"))
        cols = [c for c in lite.columns if c not in VOLATILE | {"extractor", "raw_path", "sha256"}]
        key = [c for c in ("council", "table_index", "line_index", "line", "indicator", "contract", "role", "basis")
               if c in cols]
        a, b = (df[cols].sort_values(key).reset_index(drop=True).astype(object) for df in (pg, lite))
        rows_a, rows_b = (sorted(d.where(d.notna(), None).values.tolist(), key=repr) for d in (a, b))
        assert rows_a == rows_b, name  # two statements on one line may come in either order
        assert str(pq.read_schema(tmp_path / "pg" / f"{name}.parquet").field(cols[-1]).type) == \
            str(pq.read_schema(tmp_path / "lite" / f"{name}.parquet").field(cols[-1]).type)


def test_xlsx_marks_text_it_cannot_hold_and_says_so() -> None:
    from pipeline.export_xlsx import MAX_CELL, _cell
    assert _cell("a\x0bb") == ("a\ufffdb", 1) and _cell("plain") == ("plain", 0) and _cell(Decimal("1.50")) == (Decimal("1.50"), 0)
    long, n = _cell("x" * (MAX_CELL + 10))
    assert n == 1 and len(long) == MAX_CELL and long.endswith("see the CSV or Parquet export]")

"""The README's analyst examples run, against a warehouse built from the seeds, and return rows."""
from __future__ import annotations

import re
import sqlite3

import pytest

from pipeline.stages import ingest_source

from tests.conftest import ROOT, SEEDS

README = (ROOT / "README.md").read_text()


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.S)


@pytest.fixture(scope="module")
def warehouse_dir(tmp_path_factory):
    from pipeline.warehouse.db import open_warehouse
    d = tmp_path_factory.mktemp("readme")
    engine = open_warehouse(f"sqlite:///{d / 'data' / 'warehouse.db'}")
    for p in SEEDS:
        assert ingest_source(engine, str(p), raw_dir=str(d / "raw")).status == "ok"
    engine.dispose()
    return d


def test_readme_has_examples():
    assert len(blocks("sql")) >= 3 and len(blocks("python")) >= 1


@pytest.mark.parametrize("i", range(len(blocks("sql"))))
def test_sql_examples_return_rows(i, warehouse_dir):
    con = sqlite3.connect(warehouse_dir / "data" / "warehouse.db")
    rows = con.execute(blocks("sql")[i]).fetchall()
    assert rows, blocks("sql")[i]


@pytest.mark.parametrize("i", range(len(blocks("python"))))
def test_python_examples_run(i, warehouse_dir, monkeypatch, capsys):
    monkeypatch.chdir(warehouse_dir)
    exec(compile(blocks("python")[i], f"README python block {i}", "exec"), {})
    out = capsys.readouterr().out
    assert "police" in out or "yjb" in out

"""The README's main job (`make run`) works as written: its recipe lines run, in a scratch directory that
holds the bundled registry and corpus, and fill the default SQLite warehouse and the report."""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run_recipe() -> list[str]:
    text = (ROOT / "Makefile").read_text()
    body = re.search(r"^run:.*\n((?:\t.*\n)+)", text, re.M)
    assert body, "Makefile has no run target"
    venv = str(Path(sys.executable).parent.parent)
    return [ln.strip().replace("$(VENV)", venv) for ln in body.group(1).splitlines()]


def test_readme_quick_start_names_make_run_and_make_test():
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make run" in quick and "make test" in quick


@pytest.mark.slow
def test_make_run_recipe_fills_the_default_warehouse_and_writes_the_report(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sources.csv").write_bytes((ROOT / "data" / "sources.csv").read_bytes())
    (tmp_path / "data" / "samples").symlink_to(ROOT / "data" / "samples")
    env = {k: v for k, v in os.environ.items() if k != "WAREHOUSE_URL"}
    for command in run_recipe():
        proc = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, f"{command}\n{proc.stderr[-2000:]}"
    con = sqlite3.connect(tmp_path / "data" / "warehouse.db")
    registry_rows = len((ROOT / "data" / "sources.csv").read_text().strip().splitlines()) - 1
    assert con.execute("select count(*) from documents where status = 'ok'").fetchone()[0] == registry_rows
    assert con.execute("select count(distinct council) from budget_lines").fetchone()[0] >= 10
    assert con.execute("select count(*) from quality_issues where severity = 'error'").fetchone()[0] > 0
    html = (tmp_path / "reports" / "report.html").read_text()
    assert "Milton Keynes" in html and "narrative_total_mismatch" in html

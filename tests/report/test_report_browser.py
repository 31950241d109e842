"""The report in a real browser: headless Chromium (Debian's, installed by scripts/ensure_chromium.sh).

The five seeds go into a fresh SQLite warehouse through the real pipeline (with the gold findings constructed
where the checks do not produce them yet), the report is written, and Chromium opens it offline: the page
records script errors, failed resources and CSP violations into ``#report-errors`` and measures what it
rendered (``data-rendered-*`` on ``<body>``); ``--dump-dom`` reads that back, ``--screenshot`` gives the image.
"""
from __future__ import annotations

import html as htmllib
import os
import re
import statistics
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.report import write_report_from

from tests.report.test_report_data import seed_warehouse

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: no name resolves
         "--virtual-time-budget=5000", "--window-size=1280,2400"]


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"headless Chromium not found at {CHROMIUM}: run `bash scripts/ensure_chromium.sh` "
                    "(make test does) or `apt-get install chromium`", pytrace=False)
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, timeout=60, check=False)


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from pipeline.warehouse.db import open_warehouse
    tmp = tmp_path_factory.mktemp("browser")
    engine = open_warehouse(f"sqlite:///{tmp / 'warehouse.db'}")
    seed_warehouse(engine, tmp / "raw")
    with engine.connect() as c:
        issues = [dict(r) for r in c.execute(text("select * from quality_issues")).mappings()]
        councils = [r[0] for r in c.execute(text("select distinct council from budget_lines"))]
    files = write_report_from(engine, tmp / "out")
    engine.dispose()
    url = files.html.resolve().as_uri()
    dom = chromium(["--enable-logging=stderr", "--v=0", "--dump-dom", url], tmp / "profile-dom")
    shot = tmp / "report.png"
    snap = chromium([f"--screenshot={shot}", url], tmp / "profile-shot")
    return {"dom": dom, "shot": shot, "snap": snap, "issues": issues, "councils": councils, "files": files}


def _body_attr(dom: str, name: str) -> str:
    m = re.search(rf'<body[^>]*\b{name}="([^"]*)"', dom)
    assert m, f"<body> has no {name}: the report's script did not run"
    return m.group(1)


def test_page_loads_without_console_errors(opened):
    dom = opened["dom"]
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert _body_attr(dom.stdout, "data-report-ready") == "1"
    m = re.search(r'<pre id="report-errors" data-count="(\d+)">(.*?)</pre>', dom.stdout, re.S)
    assert m, "the error log element is missing or was never filled"
    assert (m.group(1), htmllib.unescape(m.group(2))) == ("0", "")
    console = [ln for ln in dom.stderr.splitlines() if "CONSOLE" in ln or "Uncaught" in ln]
    assert not console, console


def test_findings_table_and_charts_are_rendered(opened):
    dom = opened["dom"].stdout
    assert int(_body_attr(dom, "data-rendered-findings")) == len(opened["issues"]) > 0
    ids = set(re.findall(r'<tr data-finding-id="(\d+)"', dom))
    assert ids == {str(i["finding_id"]) for i in opened["issues"]}
    assert int(_body_attr(dom, "data-rendered-charts")) == 1 + 2 * len(opened["councils"]) > 1  # overview + 2 each


def test_the_seeds_findings_are_on_the_page(opened):
    page = htmllib.unescape(re.sub(r"<[^>]+>", "", opened["dom"].stdout))
    for i in opened["issues"]:
        assert i["message"] in page
        assert i["diagnosis"] is None or i["diagnosis"] in page
    assert "Milton Keynes" in page and "Typing slip" in page and "1,234,757" in page


def test_screenshot_is_not_blank(opened):
    import pymupdf
    snap, shot = opened["snap"], opened["shot"]
    assert snap.returncode == 0 and shot.exists(), snap.stderr[-2000:]
    pix = pymupdf.Pixmap(str(shot))
    assert (pix.width, pix.height) == (1280, 2400)
    data, step = pix.samples, pix.n * 97  # every 97th pixel (``samples`` copies: read it once)
    pixels = [data[i:i + 3] for i in range(0, len(data) - 3, step)]
    assert statistics.pstdev(sum(p) / 3 for p in pixels) > 20  # text, charts, the header band: not one colour
    assert len(set(pixels)) > 50

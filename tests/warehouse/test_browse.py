"""`run-flow browse`: a real Datasette on 127.0.0.1 over a warehouse of the seeds, looked at in headless Chromium
(Debian's, scripts/ensure_chromium.sh): the home page lists the views, a canned query returns the rows SQL gives,
column descriptions are shown, and a write is refused (ad-hoc SQL and every non-GET method)."""
from __future__ import annotations

import html as htmllib
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from pipeline.browse import QUERIES, metadata
from pipeline.cli import main
from pipeline.warehouse.catalog import VIEWS
from pipeline.warehouse.views import view_sql

from tests.conftest import SEEDS
from tests.report.test_report_browser import chromium

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    from pipeline.stages import ingest_source
    from pipeline.warehouse.db import open_warehouse
    tmp = tmp_path_factory.mktemp("browse")
    db = tmp / "warehouse.db"
    engine = open_warehouse(f"sqlite:///{db}")
    for p in SEEDS:
        assert ingest_source(engine, str(p), raw_dir=str(tmp / "raw")).status == "ok"
    engine.dispose()
    port = _free_port()
    run_flow = Path(sys.executable).parent / "run-flow"
    proc = subprocess.Popen([str(run_flow), "browse", "--db", f"sqlite:///{db}", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stdout.read().decode()[-2000:] if proc.stdout else ""
            assert time.monotonic() < deadline, "Datasette did not answer within 90 s"
            time.sleep(0.5)
        yield {"base": base, "db": db, "tmp": tmp, "proc": proc}
    finally:
        proc.terminate()  # SIGTERM: run-flow stops its Datasette child too
        proc.wait(timeout=30)
    with pytest.raises(httpx.TransportError):
        httpx.get(base + "/", timeout=2)  # nothing left listening


LOCAL_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"  # still offline, but for our server


def dom(served: dict, path: str, name: str) -> str:
    out = chromium([LOCAL_ONLY, "--dump-dom", served["base"] + path], served["tmp"] / f"profile-{name}")
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as c:
        return {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("document", "budget_line", "finding")}


def test_home_page_lists_every_view_and_hides_the_internal_tables(served: dict) -> None:
    page = dom(served, "/", "home")
    assert "yjplans warehouse" in page
    for name in view_sql("sqlite"):
        assert f'href="/warehouse/{name}"' in page, name
    for q in QUERIES:
        assert f'href="/warehouse/{q.name}"' in page, q.name
    db_page = dom(served, "/warehouse", "db")
    assert 'href="/warehouse/budget_lines"' in db_page and 'href="/warehouse/budget_line"' not in db_page


def test_canned_query_returns_the_rows_sql_gives(served: dict) -> None:
    page = dom(served, "/warehouse/partner_contributions_by_agency", "canned")
    cells = re.findall(r'<td class="col-(council|agency|total_pounds)[^"]*"[^>]*>(.*?)</td>', page, re.S)
    got = [htmllib.unescape(re.sub(r"<[^>]+>", "", v)).strip() for _, v in cells]
    sql = next(q.sql for q in QUERIES if q.name == "partner_contributions_by_agency")
    with sqlite3.connect(served["db"]) as c:
        want = [str(x) for r in c.execute(sql).fetchall() for x in (r[0], r[2], r[3])]
    assert want and got == want


def test_where_a_figure_came_from_takes_an_agency(served: dict) -> None:
    r = httpx.get(served["base"] + "/warehouse/where_a_figure_came_from.json",
                  params={"agency": "yjb", "_shape": "array"}, timeout=30)
    rows = r.json()
    assert rows and {x["agency"] for x in rows} == {"yjb"}
    assert all(x["sha256"] and x["source"] and (x["line"] or x["page"]) and x["raw_text"] for x in rows)


def test_view_page_shows_column_descriptions_and_units(served: dict) -> None:
    page = htmllib.unescape(dom(served, "/warehouse/budget_lines", "view"))
    assert VIEWS["budget_lines"].description in page
    assert "the row's total contribution [pounds (£)]" in page
    assert 'id="facet-agency"' in page and 'id="facet-council"' in page  # offered as facets


def test_a_write_is_refused_and_nothing_changes(served: dict) -> None:
    before = counts(served["db"])
    page = htmllib.unescape(dom(served, "/warehouse?sql=DELETE+FROM+document", "write"))
    assert "Statement must be a SELECT" in page
    for path in ("/warehouse/partner_contributions_by_agency", "/warehouse/budget_lines", "/-/messages",
                 "/warehouse/-/create"):
        r = httpx.post(served["base"] + path, data={"sql": "DELETE FROM document"}, timeout=30)
        assert r.status_code == 405 and "read-only" in r.text, (path, r.status_code)
    assert counts(served["db"]) == before and before["document"] == len(SEEDS)


def test_metadata_describes_every_view_column() -> None:
    meta = metadata("warehouse", ("document",))
    tables = meta["databases"]["warehouse"]["tables"]
    assert tables["document"] == {"hidden": True}
    for name in view_sql("sqlite"):
        cols = [c.name for c in VIEWS[name].columns]
        assert cols and set(tables[name]["columns"]) == set(cols)


def test_browse_refuses_postgres_and_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["browse", "--db", "postgresql+psycopg://u@localhost/yj"]) == 1
    assert "browse serves a SQLite warehouse only" in capsys.readouterr().err
    assert main(["browse", "--db", f"sqlite:///{tmp_path / 'none.db'}"]) == 1
    assert "no warehouse at" in capsys.readouterr().err

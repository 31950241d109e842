"""``run-flow browse``: the warehouse served read-only with Datasette on 127.0.0.1.

Datasette opens the SQLite file in immutable mode (``-i``: SQLite's ``immutable=1``, nothing can be written
through it), with metadata from the column catalogue (``pipeline/warehouse/catalog.py``): a title and
description for every view and column, units, and where each figure comes from. The home page lists the
views; the internal tables are hidden (still reachable by SQL). Canned queries answer the README's questions.
There is no writable canned query, ad-hoc SQL is SELECT-only, and our one plugin
(``datasette_plugins/read_only.py``) answers every method but GET and HEAD with 405: no endpoint writes.

Datasette runs as a child process of the same Python (``python -m datasette``), so the command works in the
project's venv whatever else is installed; ``run-flow browse`` waits for it and stops it on Ctrl-C.
SQLite only: for PostgreSQL, see the README.
"""
from __future__ import annotations

import html
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import make_url

from pipeline import __version__
from pipeline.errors import YJError
from pipeline.warehouse.catalog import VIEWS, View
from pipeline.warehouse.views import view_sql

HOST = "127.0.0.1"
PLUGINS = Path(__file__).parent / "datasette_plugins"  # read_only.py: any method but GET/HEAD gets a 405


class BrowseError(YJError):
    """The warehouse cannot be browsed (not SQLite, or no file)."""


@dataclass(frozen=True)
class Canned:
    name: str
    title: str
    description: str
    sql: str


QUERIES = (
    Canned("partner_contributions_by_agency", "Partner contributions by agency",
           "Each council's partner contributions by agency, in pounds, from the first budget table of each plan.",
           "SELECT council, period, agency, SUM(total) AS total_pounds, COUNT(*) AS lines\n"
           "FROM budget_lines\nWHERE table_index = 1\nGROUP BY council, period, agency\nORDER BY council, agency"),
    Canned("findings_with_where", "Every finding, with where it is",
           "Every data-quality finding: what does not add up, and the page (PDF) or line (text) to look at.",
           "SELECT q.council, q.period, q.severity, q.check_name, q.message, q.expected, q.found, q.difference,\n"
           "       q.page, q.line, q.raw_text, d.source\n"
           "FROM quality_issues q JOIN documents d ON d.document_id = q.document_id\n"
           "ORDER BY q.council, CASE q.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, q.check_name"),
    Canned("where_a_figure_came_from", "Where a figure came from",
           "Every budget figure with the document it was read from (path or URL, SHA-256), the page or line, "
           "the text as printed and the extractor. Leave agency empty for all agencies.",
           "SELECT b.council, b.period, b.agency, b.label, b.total, d.source, d.sha256, b.page, b.line, b.bbox,\n"
           "       b.raw_text, b.extractor\n"
           "FROM budget_lines b JOIN documents d ON d.document_id = b.document_id\n"
           "WHERE :agency = '' OR b.agency = :agency\nORDER BY b.council, b.table_index, b.line_index"),
)


FACETS = {"budget_lines": ["council", "period", "agency"], "quality_issues": ["severity", "check_name", "council"],
          "documents": ["status", "doc_type", "kind"], "indicators": ["indicator", "unit", "scope"],
          "staffing_fte": ["council", "contract", "role"]}


def _table_meta(v: View) -> dict[str, Any]:
    columns = {c.name: c.description + (f" [{c.unit}]" if c.unit else "") for c in v.columns}
    meta: dict[str, Any] = {"title": v.title, "description": v.description, "columns": columns}
    if v.name in FACETS:
        meta["facets"] = FACETS[v.name]
    return meta


def metadata(db_name: str, internal: tuple[str, ...] = ()) -> dict[str, Any]:
    """Datasette metadata: titles and descriptions of every view and column, hidden internals, canned queries."""
    views = [VIEWS[n] for n in view_sql("sqlite") if n in VIEWS]
    items = "".join(f'<li><a href="/{db_name}/{v.name}">{html.escape(v.title)}</a> (<code>{v.name}</code>): '
                    f"{html.escape(v.description)}</li>" for v in views)
    queries = "".join(f'<li><a href="/{db_name}/{q.name}">{html.escape(q.title)}</a></li>' for q in QUERIES)
    tables: dict[str, Any] = {v.name: _table_meta(v) for v in views}
    tables.update({t: {"hidden": True} for t in internal})
    return {
        "title": "yjplans warehouse",
        "description_html": (
            "<p>Youth Justice Plans: partner budgets, staffing and outcome indicators, with a data-quality "
            "finding for every figure that does not add up. Money is in pounds, exact. Every figure has its "
            "source document, page (PDF) or line (text), and the text as printed. Read-only.</p>"
            f"<p>Views:</p><ul>{items}</ul><p>Questions:</p><ul>{queries}</ul>"),
        "source": f"yjplans {__version__}: the published plans listed in the documents view",
        "databases": {db_name: {
            "title": "Youth Justice Plans warehouse",
            "description": "The analysts' views (WAREHOUSE.md); internal tables are hidden.",
            "tables": tables,
            "queries": {q.name: {"title": q.title, "description": q.description, "sql": q.sql} for q in QUERIES},
        }},
    }


def sqlite_path(url: str) -> Path:
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        raise BrowseError(f"browse serves a SQLite warehouse only, not {u.get_backend_name()}: export it "
                          "(run-flow export) or point Datasette at a SQLite copy; see the README")
    path = Path(u.database or "")
    if not u.database or not path.exists():
        raise BrowseError(f"no warehouse at {u.database or '(memory)'}: run `run-flow harvest` (or `make run`) first")
    return path


def internal_tables(path: Path) -> tuple[str, ...]:
    """The warehouse's tables (not views): hidden from the home page, still reachable by SQL."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return tuple(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))


def checkpoint(path: Path) -> None:
    """Fold a pending write-ahead log into the file: an immutable reader does not look at the -wal file."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def command(path: Path, metadata_file: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "datasette", "serve", "-i", str(path), "--host", HOST, "--port", str(port),
            "--metadata", str(metadata_file), "--plugins-dir", str(PLUGINS), "--setting", "sql_time_limit_ms", "5000",
            "--setting", "default_page_size", "200"]


def start(url: str, port: int, workdir: Path) -> subprocess.Popen[bytes]:
    """Start Datasette on 127.0.0.1:``port`` over the warehouse at ``url``; returns the child process."""
    path = sqlite_path(url)
    checkpoint(path)
    meta = workdir / "datasette-metadata.json"
    meta.write_text(json.dumps(metadata(path.stem, internal_tables(path)), indent=1))
    env = dict(os.environ, DATASETTE_SECRET=os.environ.get("DATASETTE_SECRET", os.urandom(16).hex()))
    return subprocess.Popen(command(path, meta, port), env=env)


def browse(url: Optional[str], port: int) -> int:
    """Serve until interrupted (Ctrl-C or SIGTERM, which stop Datasette too); returns its exit status."""
    from pipeline.warehouse.db import resolve_url

    def stop(signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with tempfile.TemporaryDirectory(prefix="yjplans-browse-") as tmp:
            proc = start(resolve_url(url), port, Path(tmp))
            try:
                return proc.wait()
            except KeyboardInterrupt:
                proc.terminate()
                proc.wait(timeout=10)
                return 0
    finally:
        signal.signal(signal.SIGTERM, previous)

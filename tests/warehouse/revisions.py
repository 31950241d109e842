"""A SQLite warehouse built at an old migration revision with some rows, upgraded to head, then taken back: the
shared frame of the tests that each migration keeps the rows it finds and can be undone."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from alembic import command
from sqlalchemy import Connection, Engine, inspect, text

from pipeline.warehouse.db import alembic_config, make_engine, migrate

OLD_DOCUMENT = ("INSERT INTO document (source, sha256, council, status, ingested_at) "
                "VALUES ('old.txt', 'abc', 'Leeds', 'ok', '2020-01-01 00:00:00')")


def upgrade_and_back(tmp_path: Path, revision: str, rows: list[str], at_head: Callable[[Engine], None],
                     table: str, column: str = "") -> None:
    """Build at ``revision`` with ``rows`` inserted, migrate to head and run ``at_head``; then downgrade to
    ``revision`` and assert ``table`` no longer has ``column`` (no ``column``: that ``table`` is gone)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        cfg = alembic_config()
        with engine.begin() as conn:
            _to(cfg, conn, revision, command.upgrade)
            for sql in rows:
                conn.execute(text(sql))
        migrate(engine)
        at_head(engine)
        with engine.begin() as conn:
            _to(cfg, conn, revision, command.downgrade)
            if column:
                assert column not in [c["name"] for c in inspect(conn).get_columns(table)]
            else:
                assert table not in inspect(conn).get_table_names()
    finally:
        engine.dispose()


def _to(cfg, conn: Connection, revision: str, step) -> None:  # type: ignore[no-untyped-def]
    cfg.attributes["connection"] = conn
    step(cfg, revision)

"""Engine creation, URL resolution and migrations. No engine exists at import time."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text

from .views import create_views

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_SQLITE = "data/warehouse.db"


def resolve_url(url: Optional[str] = None) -> str:
    """--db URL, else $WAREHOUSE_URL, else SQLite at data/warehouse.db under the current directory."""
    if url:
        return url
    env = os.environ.get("WAREHOUSE_URL")
    if env:
        return env
    return f"sqlite:///{Path.cwd() / DEFAULT_SQLITE}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def make_engine(url: Optional[str] = None) -> Engine:
    url = resolve_url(url)
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration and recreate the views (derived objects)."""
    cfg = alembic_config()
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # two processes migrating at once would race on alembic_version; serialise them
            conn.execute(text("SELECT pg_advisory_xact_lock(424242)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        create_views(lambda sql: conn.execute(text(sql)), engine.dialect.name)


def open_warehouse(url: Optional[str] = None) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine

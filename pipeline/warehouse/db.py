"""Engine creation, URL resolution and migrations. No engine exists at import time."""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Optional

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from pipeline.errors import UsageError, WarehouseError

from .views import create_views

log = logging.getLogger(__name__)

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


def safe_url(url: str) -> str:
    """The URL as it may be printed: any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.split("@", 1)[-1] if "@" in url else url


def check_url(url: str) -> str:
    """``url`` if SQLAlchemy knows its kind of database (and its driver is installed); else UsageError."""
    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError) as e:
        raise UsageError(f"--db {safe_url(url)!r} is not a database URL this warehouse can use ({type(e).__name__})",
                         hint="use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB") from e
    return url


def sqlite_path(url: str) -> Optional[Path]:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///"):].split("?")[0]
    return Path(path) if path and path != ":memory:" else None


def require_existing(url: str) -> None:
    """WarehouseError when a SQLite warehouse file does not exist (a report must not create an empty one)."""
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise WarehouseError("no warehouse at this path (nothing has been ingested into it)", source=str(path),
                             hint="check --db, or run `run-flow harvest` / `run-flow ingest` first")


def describe_db_error(url: str, e: SQLAlchemyError) -> WarehouseError:
    """A database failure in one line: the URL (password hidden) and the driver's first line."""
    orig = getattr(e, "orig", None) or e
    first = next((ln.strip() for ln in str(orig).splitlines() if ln.strip()), type(orig).__name__)
    return WarehouseError(f"the warehouse cannot be used: {first}", source=safe_url(url),
                          hint="check the server is running and the URL is right")


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
    if engine.dialect.name == "postgresql":
        event.listen(engine, "before_cursor_execute", _no_nul, retval=True)
    return engine


NUL_MARK = "\ufffd"  # what a NUL character in text becomes on PostgreSQL (which refuses NUL in text)


def _no_nul(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
            executemany: bool) -> tuple[str, Any]:
    """PostgreSQL refuses NUL in text: each NUL in a text parameter is stored as U+FFFD (a visible mark
    that a character was unreadable, never silently dropped), and the replacement is logged."""
    cleaned, changed = _scrub(parameters)
    if changed:
        log.warning("%d NUL character(s) in text stored as U+FFFD (PostgreSQL refuses NUL in text)", changed)
    return statement, cleaned


def _scrub(value: Any) -> tuple[Any, int]:
    if isinstance(value, str):
        n = value.count("\x00")
        return (value.replace("\x00", NUL_MARK), n) if n else (value, 0)
    if isinstance(value, dict):
        out, total = {}, 0
        for k, v in value.items():
            out[k], n = _scrub(v)
            total += n
        return (out, total) if total else (value, 0)
    if isinstance(value, (list, tuple)):
        items = [_scrub(v) for v in value]
        total = sum(n for _, n in items)
        return (type(value)(v for v, _ in items), total) if total else (value, 0)
    return value, 0


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

"""`run-flow`: a thin command line. Parses arguments, calls one function, maps errors to exit codes.

Exit status: 0 when every document was ingested (findings do not fail a run); 1 when any document could
not be ingested (each named on one line with its reason), or the command could not run (an unreachable
warehouse, a bad registry: one line); 2 for a usage error (a bad option, a --db URL of no known kind).
Tracebacks are shown only with ``--debug``.
"""
from __future__ import annotations

import logging
import os
import sys
from typing import Optional

import typer

from pipeline.warehouse.db import check_url, resolve_url

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="yjplans: Youth Justice Plans into a SQL warehouse (see docs/WAREHOUSE.md for the views).")

DB_HELP = "SQLAlchemy URL of the warehouse (default: $WAREHOUSE_URL, else sqlite:///data/warehouse.db)"
DEADLINE_HELP = "wall-clock seconds allowed for one document (fetch and extraction); it then fails with a reason"
_state: dict[str, object] = {"debug": False, "db": ""}


def _db(db: Optional[str]) -> str:
    url = check_url(resolve_url(db))
    _state["db"] = url
    return url


class _OneLine(logging.Formatter):
    """Log records on one line each: tracebacks are left out (``--debug`` shows them)."""

    def formatException(self, ei: object) -> str:  # noqa: N802 - logging's name
        return ""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_text = ""
        saved, record.exc_info = record.exc_info, None
        try:
            return super().format(record)
        finally:
            record.exc_info = saved


def _quiet_prefect() -> None:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    # the ephemeral API server can take longer than Prefect's 20 s default to start on a loaded machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _err(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="show tracebacks")) -> None:
    _state["debug"] = debug
    fmt = "%(levelname)s %(name)s: %(message)s"
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format=fmt)
    if not debug:
        for handler in logging.getLogger().handlers:
            handler.setFormatter(_OneLine(fmt))


def report_results(results: list) -> int:  # type: ignore[type-arg]
    """Print one line per failure (and a summary); return the exit status."""
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        _err(f"failed: {r.error}")
    counts = {s: sum(1 for r in results if r.status == s) for s in ("ok", "skipped", "failed")}
    findings = sum(r.findings for r in results)
    typer.echo(f"{counts['ok']} ingested, {counts['skipped']} unchanged, {counts['failed']} failed; "
               f"{findings} data-quality findings", err=True)
    return 1 if failed else 0


@app.command()
def ingest(sources: list[str] = typer.Argument(..., metavar="PATH_OR_URL...", help="documents to ingest"),
           db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
           raw_dir: str = typer.Option("data/raw", "--raw-dir", help="where raw bytes are archived by sha256"),
           force: bool = typer.Option(False, "--force", help="re-extract even if these bytes are already in"),
           deadline: float = typer.Option(180.0, "--deadline", min=0.1, metavar="SECONDS", help=DEADLINE_HELP),
           no_flow: bool = typer.Option(False, "--no-flow", help="run the stages without Prefect")) -> None:
    """One-off ingestion of documents (PDF, Word .docx, text, HTML, Markdown) into the warehouse."""
    url = _db(db)
    if no_flow:
        from pipeline.limits import document_deadline
        from pipeline.stages import ingest_source
        from pipeline.warehouse.db import open_warehouse
        engine = open_warehouse(url)
        results = []
        for s in _progress(sources):
            with document_deadline(deadline):
                results.append(ingest_source(engine, s, raw_dir=raw_dir, force=force))
    else:
        _quiet_prefect()
        from flows.ingest import ingest_flow
        results = ingest_flow(sources, url, raw_dir, force, deadline)
    raise typer.Exit(report_results(results))


SOURCES_HELP = "the source registry CSV (council,url,doc_type,period,notes); relative paths in it are " \
               "resolved against its folder"
DASK_HELP = "run the per-document tasks on Dask: a scheduler address (tcp://host:8786) or 'local'"


@app.command()
def harvest(sources: str = typer.Option("data/sources.csv", "--sources", metavar="FILE", help=SOURCES_HELP),
            db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
            raw_dir: str = typer.Option("data/raw", "--raw-dir", help="where raw bytes are archived by sha256"),
            workers: int = typer.Option(4, "--workers", min=1, help="documents processed at once"),
            dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS", help=DASK_HELP),
            deadline: float = typer.Option(180.0, "--deadline", min=0.1, metavar="SECONDS", help=DEADLINE_HELP),
            allow_dir: Optional[list[str]] = typer.Option(None, "--allow-dir", metavar="DIR",
                                                          help="a folder registry rows may read local files "
                                                               "from (repeatable; default: the registry's "
                                                               "folder and data/)"),
            no_flow: bool = typer.Option(False, "--no-flow", help="run the stages without Prefect")) -> None:
    """The harvesting flow over the source registry (new or changed documents only; a run record is kept)."""
    from pipeline.harvest import HarvestSettings
    from pipeline.settings import DocumentLimits
    url = _db(db)
    allowed = None
    if allow_dir:
        from pipeline.registry import default_allowed
        from pathlib import Path
        allowed = default_allowed(Path(sources).resolve().parent) + tuple(str(Path(d).resolve()) for d in allow_dir)
    settings = HarvestSettings(raw_dir=raw_dir, workers=workers, task_runner="dask" if dask else "thread",
                               dask_address=None if dask in (None, "local") else dask,
                               limits=DocumentLimits(deadline_seconds=deadline), allowed_dirs=allowed)
    if no_flow:
        from pipeline.harvest import run_harvest
        results = run_harvest(url, sources, settings)
    else:
        _quiet_prefect()
        from flows.harvest import harvest_command
        results = harvest_command(sources, url, settings, progress=sys.stderr.isatty())
    raise typer.Exit(report_results(results))


@app.command()
def serve(sources: str = typer.Option("data/sources.csv", "--sources", metavar="FILE", help=SOURCES_HELP),
          db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
          cron: str = typer.Option("0 2 * * *", "--cron", envvar="YJPLANS_HARVEST_CRON",
                                   help="when to harvest (cron: minute hour day month weekday)"),
          timezone: str = typer.Option("Europe/London", "--timezone", envvar="YJPLANS_HARVEST_TIMEZONE",
                                       help="time zone of the cron"),
          name: str = typer.Option("nightly-harvest", "--name", help="the Prefect deployment's name"),
          raw_dir: str = typer.Option("data/raw", "--raw-dir", help="where raw bytes are archived by sha256"),
          workers: int = typer.Option(4, "--workers", min=1, help="documents processed at once"),
          dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS", help=DASK_HELP)) -> None:
    """Runs the nightly harvest on a schedule: a Prefect deployment served by this process
    (needs a Prefect server: PREFECT_API_URL; see the README)."""
    if db:
        _db(db)
    _quiet_prefect()
    from flows.serve import ServeOptions, serve_harvest
    serve_harvest(ServeOptions(sources, db, cron, timezone, name, raw_dir, workers, "dask" if dask else "thread",
                               None if dask in (None, "local") else dask))


@app.command()
def report(out: str = typer.Option("reports", "--out", help="directory for report.html, findings.csv, summary.md"),
           db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
           flow: bool = typer.Option(False, "--flow", help="run as the Prefect 'report' flow and publish "
                                                           "the summary and findings as Prefect artifacts")) -> None:
    """Writes the data-quality report (self-contained HTML, CSV of all findings, Markdown summary)."""
    from pipeline.warehouse.db import require_existing
    url = _db(db)
    require_existing(url)  # a report never creates an empty warehouse
    if flow:
        _quiet_prefect()
        from flows.report import report_flow
        files = report_flow(url, out)
    else:
        from pipeline.report import write_report
        files = write_report(url, out)
    typer.echo(f"{files.html}\n{files.csv}\n{files.markdown}")
    typer.echo(f"{files.documents - files.failed} documents ingested, {files.failed} failed; "
               f"{files.findings} data-quality findings", err=True)


@app.command()
def recheck(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
            interim_dir: str = typer.Option("data/interim", "--interim-dir",
                                            help="where ingest stored each document's extraction"),
            version: Optional[str] = typer.Option(None, "--version",
                                                  help="the pipeline version whose extractions to re-check "
                                                       "(default: this one)")) -> None:
    """Re-runs the checks and the load for every stored extraction, without reading any source document
    (after a change to a check or a tolerance)."""
    from pipeline.handoff import recheck as run_recheck
    from pipeline.stages import PIPELINE_VERSION
    from pipeline.warehouse.db import open_warehouse
    results = run_recheck(open_warehouse(resolve_url(db)), interim_dir, version or PIPELINE_VERSION)
    for r in results:
        if r.status == "failed":
            _err(f"failed: {r.error}")
    ok = [r for r in results if r.status == "ok"]
    typer.echo(f"{len(ok)} documents re-checked from {interim_dir}, {len(results) - len(ok)} failed; "
               f"{sum(r.findings for r in ok)} data-quality findings", err=True)
    raise typer.Exit(1 if len(ok) < len(results) else 0)



@app.command()
def export(fmt: str = typer.Option(..., "--format", metavar="xlsx|csv|parquet",
                                   help="xlsx: one workbook (About sheet + a sheet per view); csv or parquet: "
                                        "a folder with a file per view"),
           out: str = typer.Option(..., "--out", metavar="PATH", help="the workbook file, or the folder"),
           db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Exports every warehouse view to Excel, CSV or Parquet (money exact, in pounds)."""
    from pipeline.export import FORMATS, export_url
    if fmt not in FORMATS:
        _err(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        raise typer.Exit(2)
    result = export_url(db, fmt, out)
    for f in result.files:
        typer.echo(str(f))
    typer.echo(f"{sum(result.rows.values())} rows from {len(result.rows)} views", err=True)


@app.command()
def browse(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP + " (SQLite only)"),
           port: int = typer.Option(8001, "--port", min=1, max=65535, help="port on 127.0.0.1")) -> None:
    """Serves the warehouse read-only in Datasette on 127.0.0.1 (views, column descriptions, canned queries)."""
    from pipeline.browse import browse as serve_browse
    typer.echo(f"serving read-only at http://127.0.0.1:{port}/ (Ctrl-C stops)", err=True)
    raise typer.Exit(serve_browse(db, port))


def _progress(items: list[str]):  # type: ignore[no-untyped-def]
    """Progress on a terminal, plain iteration in a pipe."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import track
    yield from track(items, description="ingesting", console=None, transient=True)


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point; takes an argument list so tests can call it. Returns the exit status."""
    _state["debug"] = "--debug" in (sys.argv[1:] if argv is None else argv)
    try:
        rv = app(args=argv, prog_name="run-flow", standalone_mode=False)
    except typer.Exit as e:
        return int(e.exit_code)
    except SystemExit as e:
        return int(e.code or 0)
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except Exception as e:
        if _state["debug"]:
            raise
        return _one_line(e)
    return int(rv) if isinstance(rv, int) else 0


def _one_line(e: Exception) -> int:
    """An error that reached the command line: one red line and the exit status of the contract."""
    from sqlalchemy.exc import SQLAlchemyError

    from pipeline.errors import UsageError, YJError
    from pipeline.warehouse.db import describe_db_error
    usage, click_error, abort = _click_errors()
    if isinstance(e, SQLAlchemyError):
        e = describe_db_error(str(_state["db"]), e)
    if isinstance(e, YJError):
        _err(e.describe())
        return 2 if isinstance(e, UsageError) else 1
    if isinstance(e, usage):
        _err(e.format_message())  # type: ignore[attr-defined]
        return 2
    if isinstance(e, click_error):
        e.show()  # type: ignore[attr-defined]
        return int(e.exit_code)  # type: ignore[attr-defined]
    if isinstance(e, abort):
        return 1
    _err(f"internal error {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''} "
         "(run with --debug for the traceback)")
    return 1


def _click_errors() -> tuple[type, type, type]:
    """Click's exception classes (typer may vendor click as typer._click)."""
    import importlib
    try:
        ex = importlib.import_module("typer._click.exceptions")
    except ImportError:  # pragma: no cover - older typer uses click itself
        ex = importlib.import_module("click.exceptions")
    from typer import Abort
    return ex.UsageError, ex.ClickException, Abort


def _entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    _entry()

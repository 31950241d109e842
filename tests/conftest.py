"""Shared fixtures: the real documents (seeds, real plans) and fresh warehouses."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.generated.reproducible import without_local_constants

# generated examples must not depend on which project modules earlier tests imported (tests/generated/reproducible.py)
without_local_constants()

# Prefect's ephemeral API server can take minutes to start on a loaded 2-core machine; set before any test
# module imports Prefect (its settings are read then)
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SEEDS = sorted((SAMPLES / "seeds").glob("*.txt"))
REAL = sorted((SAMPLES / "real").glob("*.txt"))
GOLD = ROOT / "tests" / "gold"  # copied from the shared gold: the repository stands alone
GOLD_SETS = ("seeds", "real", "real-2")
# the sets the gold-parametrised tests hold the extractors to; "real-2" (non-template forms) joins as they read it
TESTED_GOLD = ("seeds", "real")


def gold_for(path: Path, sets: tuple[str, ...] = TESTED_GOLD) -> dict | None:
    """The gold JSON of a bundled document from ``tests/gold/<set>/`` (None if it was not checked)."""
    for folder in sets:
        g = GOLD / folder / (path.stem + ".json")
        if g.exists():
            return json.loads(g.read_text())
    return None


@pytest.fixture(autouse=True, scope="session")
def _prefect_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("DO_NOT_TRACK", "1")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'warehouse.db'}"


@pytest.fixture
def engine(db_url: str):
    from pipeline.warehouse.db import open_warehouse
    eng = open_warehouse(db_url)
    yield eng
    eng.dispose()


# modules that run whole commands, servers, flows or many documents end to end: `make test` runs them,
# `make test-fast` (the inner loop) leaves them out with the slow, postgres and browser marks
INTEGRATION_MODULES = {"test_harvest", "test_harvest_flow", "test_harvest_crash", "test_fetch", "test_serve",
                       "test_cli", "test_readme", "test_quickstart", "test_report", "test_report_flow",
                       "test_report_browser", "test_report_data", "test_handoff", "test_pdf_bad", "test_postgres"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.stem in INTEGRATION_MODULES or item.path.stem.startswith("test_reliability"):
            item.add_marker(pytest.mark.integration)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Prefect stops its ephemeral API server at interpreter exit and logs it to a stream pytest has
    already closed; quiet logging then so the test summary stays the last thing printed."""
    import logging
    logging.disable(logging.CRITICAL)

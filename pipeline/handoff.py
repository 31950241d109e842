"""The durable hand-off between extraction and checking: each document's Extraction, stored per pipeline version.

``data/interim/<pipeline version>/<sha256>.json.gz`` holds everything the checks and the loader read (the
document model, its facts and the records the checks compare), serialised exactly (Decimals as text) by
pydantic from the frozen records of :mod:`pipeline.records`. :func:`recheck` re-runs the checks and the load
for every stored document of a version without reading a byte of its source, so a changed tolerance or check
reaches the whole warehouse in seconds and a stored finding can be reproduced from stored data.
"""
from __future__ import annotations

import gzip
import logging
import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Optional

from pydantic import TypeAdapter
from sqlalchemy import Engine

from pipeline.errors import DocumentError
from pipeline.records import Extraction
from pipeline.settings import DEFAULT_SETTINGS, Settings

log = logging.getLogger(__name__)

DEFAULT_INTERIM_DIR = "data/interim"
_ADAPTER: TypeAdapter[Extraction] = TypeAdapter(Extraction)


def interim_path(folder: str | Path, version: str, sha256: str) -> Path:
    return Path(folder) / version / f"{sha256}.json.gz"


def save_extraction(x: Extraction, folder: str | Path, version: str) -> Path:
    """Write the Extraction (without findings: those are the checks' to make) atomically; returns its path."""
    path = interim_path(folder, version, x.document.sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # writers never collide
    tmp.write_bytes(gzip.compress(_ADAPTER.dump_json(replace(x, findings=())), compresslevel=5))
    tmp.replace(path)
    return path


def load_extraction(path: str | Path) -> Extraction:
    """The stored Extraction, exactly as it was saved; a damaged file is a DocumentError naming it."""
    try:
        return _ADAPTER.validate_json(gzip.decompress(Path(path).read_bytes()))
    except (OSError, EOFError, ValueError) as e:
        raise DocumentError(f"stored extraction cannot be read: {type(e).__name__}: {str(e)[:200]}",
                            source=str(path)) from e


def stored(folder: str | Path, version: str) -> Iterator[Path]:
    """Every stored extraction of ``version``, in a stable order."""
    yield from sorted((Path(folder) / version).glob("*.json.gz"))


@dataclass(frozen=True)
class RecheckResult:
    sha256: str
    source: str
    status: str  # "ok" | "failed"
    findings: int = 0
    error: str = ""


def recheck(engine: Engine, folder: str | Path, version: str,
            settings: Settings = DEFAULT_SETTINGS) -> list[RecheckResult]:
    """Re-run the checks and the load for every stored document of ``version`` (no source is opened)."""
    from pipeline.stages import check  # the stages save hand-offs through this module
    from pipeline.warehouse import load

    out = []
    for path in stored(folder, version):
        try:
            x = check(load_extraction(path), settings)
        except DocumentError as e:
            out.append(RecheckResult(path.name.split(".")[0], str(path), "failed", error=e.describe()))
            continue
        prior = load.document_row(engine, x.document.sha256)
        load.store_extraction(engine, x, version=version, run_id=(prior or {}).get("run_id") or "",
                              raw_path=(prior or {}).get("raw_path"))
        out.append(RecheckResult(x.document.sha256, x.document.source, "ok", len(x.findings)))
    return out

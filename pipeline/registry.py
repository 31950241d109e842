"""The source registry: a CSV of documents to harvest (``data/sources.csv`` by default).

Columns: ``council,url,doc_type,period,notes`` (a header row is required; ``period`` and ``notes`` may be
empty). ``url`` is an http(s) URL, a ``file://`` URL, or a path. **A relative path is resolved against the
folder of the registry file** (not the current directory), so the bundled ``data/sources.csv`` lists
``samples/seeds/…`` and works from any directory. Lines whose council starts with ``#`` are comments.
"""
from __future__ import annotations

import csv
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

from pipeline.errors import YJError

log = logging.getLogger(__name__)

COLUMNS = ("council", "url", "doc_type", "period", "notes")
DOC_TYPES = ("youth_justice_plan", "inspection_report", "committee_report", "national_report", "other")
DEFAULT_REGISTRY = "data/sources.csv"


class RegistryError(YJError):
    """A registry file that cannot be used as it is (missing, wrong header, bad row)."""


@dataclass(frozen=True)
class SourceEntry:
    """One registry row. ``location`` is ``url`` resolved: an http(s) URL or an absolute file path."""

    council: str
    url: str
    doc_type: str
    period: Optional[str]
    notes: str
    location: str
    row: int  # 1-based line of the CSV, for error messages

    @property
    def is_url(self) -> bool:
        return urlparse(self.location).scheme in ("http", "https")

    @property
    def source(self) -> str:
        """The ``source`` recorded in the warehouse: the URL, or the file path relative to the current
        directory when it lies under it (as ``run-flow ingest data/…`` records it), else absolute."""
        if self.is_url:
            return self.location
        rel = os.path.relpath(self.location)
        return self.location if rel.startswith("..") else rel


def resolve_location(url: str, base: Path) -> str:
    scheme = urlparse(url).scheme
    if scheme in ("http", "https"):
        return url
    if scheme == "file":
        from pipeline.sources import local_path
        return str(local_path(url).resolve())
    path = Path(url).expanduser()
    return str((path if path.is_absolute() else base / path).resolve())


def load_registry(path: str | os.PathLike[str]) -> list[SourceEntry]:
    """Read and validate the registry; raises RegistryError naming the file, line and fix."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise RegistryError("registry file not found", source=str(p),
                            hint="pass --sources FILE (columns: council,url,doc_type,period,notes)") from e
    except OSError as e:
        raise RegistryError(f"cannot read registry: {e.strerror}", source=str(p)) from e
    return parse_registry(text, str(p), p.resolve().parent)


def parse_registry(text: str, name: str, base: Path) -> list[SourceEntry]:
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(h.strip().lower() for h in (reader.fieldnames or ()))
    missing = [c for c in ("council", "url", "doc_type") if c not in header]
    if missing:
        raise RegistryError(f"header lacks column(s) {', '.join(missing)}", source=name, line=1,
                            text=",".join(header), hint=f"the header must be {','.join(COLUMNS)}")
    entries: list[SourceEntry] = []
    seen: set[str] = set()
    for row in reader:
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
        line = reader.line_num
        if not any(clean.values()) or clean.get("council", "").startswith("#"):
            continue
        entry = _entry(clean, name, line, base)
        if entry.location in seen:
            log.warning("%s line %d: %s is listed twice; harvested once", name, line, entry.url)
            continue
        seen.add(entry.location)
        entries.append(entry)
    return entries


def _entry(row: dict[str, str], name: str, line: int, base: Path) -> SourceEntry:
    if not row.get("url"):
        raise RegistryError("row has no url", source=name, line=line, text=",".join(row.values()))
    if not row.get("council"):
        raise RegistryError("row has no council", source=name, line=line, text=row["url"])
    doc_type = row.get("doc_type") or "youth_justice_plan"
    if doc_type not in DOC_TYPES:
        raise RegistryError(f"doc_type {doc_type!r} is not one of {', '.join(DOC_TYPES)}", source=name,
                            line=line, text=row["url"])
    return SourceEntry(council=row["council"], url=row["url"], doc_type=doc_type,
                       period=row.get("period") or None, notes=row.get("notes", ""),
                       location=resolve_location(row["url"], base), row=line)

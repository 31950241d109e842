"""The source registry: a CSV of documents to harvest (``data/sources.csv`` by default).

Columns: ``council,url,doc_type,period,notes`` (a header row is required; ``period`` and ``notes`` may be
empty). ``url`` is an http(s) URL, a ``file://`` URL, or a path. **A relative path is resolved against the
folder of the registry file** (not the current directory), so the bundled ``data/sources.csv`` lists
``samples/seeds/…`` and works from any directory. Lines whose council starts with ``#`` are comments.

A registry saved in Windows-1252 / Latin-1 is read (with a warning). A row whose URL cannot be used (malformed,
an unsupported scheme such as ``ftp://``, or a local path outside the allowed folders) does not stop the
registry: its entry carries the ``problem`` and the harvest records it as a failed source. Local paths are
confined to the allowed folders: by default the registry's own folder and ``data/`` under the current
directory (``allowed_dirs`` names others; ``("/",)`` allows any path).
"""
from __future__ import annotations

import csv
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from pipeline.errors import YJError
from pipeline.urls import BadURLError, check_fetchable, is_fetchable, is_foreign, redact, scheme_of

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
    problem: str = ""  # why this row cannot be harvested (it is then recorded as a failed source)

    @property
    def is_url(self) -> bool:
        """A well-formed http(s) URL (its fetch state is kept)."""
        return is_fetchable(self.location) and not self.problem

    @property
    def source(self) -> str:
        """The ``source`` recorded in the warehouse: the URL without credentials, or the file path relative
        to the current directory when it lies under it (as ``run-flow ingest data/…`` records it), else
        absolute."""
        if self.is_url or self.problem:
            return redact(self.location)
        rel = os.path.relpath(self.location)
        return self.location if rel.startswith("..") else rel


def resolve_location(url: str, base: Path) -> str:
    scheme = scheme_of(url)
    if scheme in ("http", "https") or is_foreign(url):
        return url
    if scheme == "file":
        from pipeline.sources import local_path
        return str(local_path(url).resolve())
    path = Path(url).expanduser()
    return str((path if path.is_absolute() else base / path).resolve())


def default_allowed(base: Path) -> tuple[str, ...]:
    """The registry's folder and ``data/`` under the current directory."""
    return tuple(dict.fromkeys((str(base), os.path.normpath(Path.cwd() / "data"))))


def _lexical(url: str, base: Path) -> str:
    """The path as written, made absolute without following symbolic links (``..`` removed)."""
    from pipeline.sources import local_path
    path = local_path(url).expanduser() if scheme_of(url) == "file" else Path(url).expanduser()
    return os.path.normpath(path if path.is_absolute() else base / path)


def _problem(url: str, location: str, allowed: Sequence[str], written: str = "") -> str:
    """Why a row's location cannot be harvested ('' when it can)."""
    if is_fetchable(url):
        try:
            check_fetchable(url)
        except BadURLError as e:
            return e.message
        return ""
    if is_foreign(url):
        return f"unsupported URL scheme {scheme_of(url)!r}: only http, https and file sources are read"
    roots = [Path(os.path.normpath(a)) for a in allowed]
    roots += [Path(a).resolve() for a in allowed]
    # inside when the path as written is (a symlink the operator put in an allowed folder is followed)
    if not any(Path(p).is_relative_to(r) for p in (written or location, location) for r in roots):
        return (f"local path outside the allowed folders ({', '.join(str(r) for r in roots)}); "
                "allow its folder with --allow-dir")
    return ""


def load_registry(path: str | os.PathLike[str],
                  allowed_dirs: Optional[Sequence[str]] = None) -> list[SourceEntry]:
    """Read and validate the registry; raises RegistryError naming the file, line and fix."""
    p = Path(path)
    try:
        if not p.is_file() and p.exists():
            raise RegistryError("the registry is not a regular file", source=str(p))
        data = p.read_bytes()
    except FileNotFoundError as e:
        raise RegistryError("registry file not found", source=str(p),
                            hint="pass --sources FILE (columns: council,url,doc_type,period,notes)") from e
    except OSError as e:
        raise RegistryError(f"cannot read registry: {e.strerror}", source=str(p)) from e
    base = p.resolve().parent
    return parse_registry(_decode(data, str(p)), str(p), base,
                          default_allowed(base) if allowed_dirs is None else allowed_dirs)


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM); else Windows-1252 (Latin-1 for its holes), with a warning."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if b"\x00" in data[:4096]:
            raise RegistryError("registry is not UTF-8 text (UTF-16 or binary?)", source=name,
                                hint="save it as UTF-8 CSV") from e
        log.warning("%s is not UTF-8 (byte %d); read as Windows-1252", name, e.start)
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def parse_registry(text: str, name: str, base: Path,
                   allowed_dirs: Optional[Sequence[str]] = None) -> list[SourceEntry]:
    allowed = default_allowed(base) if allowed_dirs is None else allowed_dirs
    _check_quotes(text, name)
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
        entry = _entry(clean, name, line, base, allowed)
        if entry.location in seen:
            log.warning("%s line %d: %s is listed twice; harvested once", name, line, redact(entry.url))
            continue
        seen.add(entry.location)
        entries.append(entry)
    return entries


def _check_quotes(text: str, name: str) -> None:
    """An opening quote that never closes swallows the rest of the file into one field: say so."""
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as e:
        start = _open_quote_line(text)
        raise RegistryError(f"unterminated quote: a quoted field{f' opened on line {start}' if start else ''} "
                            f"never closes ({e})", source=name, line=start or reader.line_num,
                            hint="close the quote or remove it") from e


def _open_quote_line(text: str) -> int:
    inside, start = False, 0
    for n, line in enumerate(text.splitlines(), 1):
        for k, ch in enumerate(line):
            if ch == '"' and (inside or k == 0 or line[k - 1] == ","):
                if not inside:
                    start = n
                inside = not inside
    return start if inside else 0


def _entry(row: dict[str, str], name: str, line: int, base: Path, allowed: Sequence[str]) -> SourceEntry:
    if not row.get("url"):
        raise RegistryError("row has no url", source=name, line=line, text=",".join(row.values()))
    if not row.get("council"):
        raise RegistryError("row has no council", source=name, line=line, text=row["url"])
    doc_type = row.get("doc_type") or "youth_justice_plan"
    if doc_type not in DOC_TYPES:
        raise RegistryError(f"doc_type {doc_type!r} is not one of {', '.join(DOC_TYPES)}", source=name,
                            line=line, text=row["url"])
    try:
        location = resolve_location(row["url"], base)
    except (OSError, RuntimeError, ValueError) as e:  # a symlink loop, say: recorded for this row only
        return SourceEntry(row["council"], redact(row["url"]), doc_type, row.get("period") or None,
                           row.get("notes", ""), row["url"], line, problem=f"cannot resolve the path: {e}")
    return SourceEntry(council=row["council"], url=redact(row["url"]), doc_type=doc_type,
                       period=row.get("period") or None, notes=row.get("notes", ""),
                       location=location, row=line,
                       problem=_problem(row["url"], location, allowed, _lexical(row["url"], base)))

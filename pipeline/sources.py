"""Reading a source (a local path, file:// URL or http(s) URL) to bytes, and archiving raw bytes.

Raw bytes are archived under ``raw_dir`` by sha256 and never edited, so a bad document is kept too.
HTTP fetching with conditional GET, retries and limits lives in ``pipeline.fetch`` (the harvest);
one-off ``ingest`` of a URL uses the same fetcher.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse

from pipeline.errors import DocumentError

DEFAULT_RAW_DIR = "data/raw"


@dataclass(frozen=True)
class Fetched:
    source: str
    data: bytes
    raw_path: Optional[str] = None
    content_type: str = ""


def is_url(source: str) -> bool:
    return urlparse(source).scheme in ("http", "https")


def local_path(source: str) -> Path:
    if source.startswith("file://"):
        return Path(unquote(urlparse(source).path))
    return Path(source)


def archive(data: bytes, raw_dir: Optional[str], suffix: str = "") -> Optional[str]:
    """Write bytes to raw_dir/<sha256><suffix> unless already there; returns the path (or None if off)."""
    if not raw_dir:
        return None
    sha = hashlib.sha256(data).hexdigest()
    d = Path(raw_dir)
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"{sha}{suffix}"
    if not path.exists():
        tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return str(path)


def read_source(source: str, raw_dir: Optional[str] = DEFAULT_RAW_DIR) -> Fetched:
    """Bytes of a local file or URL. Raises DocumentError (or a FetchError) with a readable reason."""
    if is_url(source):
        from pipeline.fetch import fetch_url  # the harvest's fetcher: limits, retries, sniffing
        fetched = fetch_url(source)
        return Fetched(source, fetched.data, archive(fetched.data, raw_dir, _suffix(source)), fetched.content_type)
    path = local_path(source)
    if not path.exists():
        raise DocumentError("file not found", source=source)
    if path.is_dir():
        raise DocumentError("is a directory, not a document", source=source)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DocumentError(f"cannot read file: {e.strerror}", source=source) from e
    return Fetched(source, data, archive(data, raw_dir, _suffix(source)))


def _suffix(source: str) -> str:
    ext = Path(urlparse(source).path).suffix.lower()
    return ext if ext in (".pdf", ".txt", ".html", ".htm", ".md") else ""

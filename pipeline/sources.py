"""Reading a source (a local path, file:// URL or http(s) URL) to bytes, and archiving raw bytes.

Raw bytes are archived under ``raw_dir`` by sha256 and never edited, so a bad document is kept too.
HTTP fetching with conditional GET, retries and limits lives in ``pipeline.fetch`` (the harvest);
one-off ``ingest`` of a URL uses the same fetcher.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse

from pipeline.errors import DocumentError, YJError
from pipeline.settings import DEFAULT_LIMITS, DocumentLimits
from pipeline.urls import is_fetchable, is_foreign, redact, scheme_of

DEFAULT_RAW_DIR = "data/raw"


@dataclass(frozen=True)
class Fetched:
    source: str
    data: bytes
    raw_path: Optional[str] = None
    content_type: str = ""


def is_url(source: str) -> bool:
    return is_fetchable(source)


def local_path(source: str) -> Path:
    """The path of a plain path or ``file:`` URL (``file:///a/b``, ``file://localhost/a/b``, ``file:/a/b``)."""
    if scheme_of(source) != "file":
        return Path(source)
    rest = source.split(":", 1)[1]
    if rest.startswith("//"):
        rest = "/" + rest[2:].partition("/")[2]  # the host part (empty or localhost) is dropped
    return Path(unquote(rest.split("?")[0].split("#")[0]))


def archive(data: bytes, raw_dir: Optional[str], suffix: str = "") -> Optional[str]:
    """Write bytes to raw_dir/<sha256><suffix> unless already there; returns the path (or None if off)."""
    if not raw_dir:
        return None
    sha = hashlib.sha256(data).hexdigest()
    d = Path(raw_dir)
    d.mkdir(parents=True, exist_ok=True)
    path = (d / f"{sha}{suffix}").resolve()  # absolute: a report run elsewhere still finds it
    if not path.exists():
        tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return str(path)


def read_source(source: str, raw_dir: Optional[str] = DEFAULT_RAW_DIR,
                limits: DocumentLimits = DEFAULT_LIMITS) -> Fetched:
    """Bytes of a local file or URL. Raises DocumentError (or a FetchError) with a readable reason."""
    if is_url(source):
        from pipeline.fetch import fetch_url  # the harvest's fetcher: limits, retries, sniffing
        fetched = fetch_url(source)
        return Fetched(redact(source), fetched.data, archive(fetched.data, raw_dir, _suffix(source)),
                       fetched.content_type)
    if is_foreign(source):
        raise DocumentError(f"unsupported URL scheme {scheme_of(source)!r}: only http, https and file "
                            "sources are read", source=redact(source))
    data = read_local(local_path(source), source, limits.max_file_bytes)
    return Fetched(source, data, archive(data, raw_dir, _suffix(source)))


def read_local(path: Path, source: str, max_bytes: int) -> bytes:
    """A regular file's bytes, at most ``max_bytes``; a FIFO, device, directory or symlink loop is refused
    with its reason, without blocking (the file is opened non-blocking and checked before reading)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise DocumentError(_open_reason(path, e), source=source) from e
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise DocumentError("is a directory, not a document", source=source)
        if not stat.S_ISREG(st.st_mode):
            raise DocumentError(f"not a regular file ({_kind(st.st_mode)}): only files are read", source=source)
        if st.st_size > max_bytes:
            raise DocumentError(f"too large: {st.st_size:,} bytes, limit {max_bytes:,}", source=source,
                                hint="raise DocumentLimits.max_file_bytes if such a file is expected")
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read(max_bytes + 1)
    except YJError:
        raise
    except OSError as e:
        raise DocumentError(f"cannot read file: {e.strerror}", source=source) from e
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise DocumentError(f"too large: more than {max_bytes:,} bytes", source=source)
    return data


def _open_reason(path: Path, e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "symlink loop: the path's symbolic links point at each other"
    if e.errno == errno.ENOENT:
        return "broken symlink: it points at a file that does not exist" if path.is_symlink() else "file not found"
    if e.errno == errno.EISDIR:
        return "is a directory, not a document"
    if e.errno == errno.EACCES:
        return "permission denied"
    return f"cannot open file: {e.strerror}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _suffix(source: str) -> str:
    ext = Path(urlparse(source).path).suffix.lower()
    return ext if ext in (".pdf", ".txt", ".html", ".htm", ".md") else ""

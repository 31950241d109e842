"""Bounds on one document: a wall-clock deadline covering connect, headers, body and extraction.

- :class:`Deadline` is a point in monotonic time. :func:`document_deadline` makes it the current one for
  this thread of control (a ``ContextVar``), so the fetcher and the extraction watchdog both see it.
- :class:`DeadlineBackend` wraps httpcore's socket backend so every connect, read and write waits at most
  until the deadline: a server that trickles its headers one byte a second is stopped at the deadline,
  which a per-read timeout (restarted by every byte) cannot do.
- :func:`run_bounded` runs a pure function (the extraction) under the deadline: when the deadline passes,
  :class:`DeadlineExceeded` is raised inside the running thread (at its next Python instruction), so a
  runaway extraction ends with a reason instead of holding a worker for ever.
"""
from __future__ import annotations

import contextvars
import ctypes
import threading
import time
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Optional, TypeVar

import httpcore

from pipeline.errors import DocumentError
from pipeline.settings import DEFAULT_LIMITS as DEFAULT_DOCUMENT_LIMITS

T = TypeVar("T")

DEFAULT_DOCUMENT_SECONDS = 180.0


@dataclass(frozen=True)
class Deadline:
    """``seconds`` allowed, ending at ``at`` (``time.monotonic()``)."""

    seconds: float
    at: float

    @classmethod
    def after(cls, seconds: float) -> "Deadline":
        return cls(seconds, time.monotonic() + seconds)

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0


_current: contextvars.ContextVar[Optional[Deadline]] = contextvars.ContextVar("yjplans_deadline", default=None)


def current_deadline() -> Optional[Deadline]:
    return _current.get()


@contextmanager
def document_deadline(seconds: Optional[float]) -> Iterator[Optional[Deadline]]:
    """Make a deadline ``seconds`` from now the current one (``None``: no deadline) for the block."""
    with use_deadline(Deadline.after(seconds) if seconds else None) as deadline:
        yield deadline


@contextmanager
def use_deadline(deadline: Optional[Deadline]) -> Iterator[Optional[Deadline]]:
    """Make ``deadline`` the current one for the block."""
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)


def cap(timeout: Optional[float]) -> Optional[float]:
    """``timeout`` shortened to what is left of the current deadline; raises when nothing is left."""
    deadline = _current.get()
    if deadline is None:
        return timeout
    left = deadline.remaining()
    if left <= 0:
        raise httpcore.ReadTimeout(f"the per-document deadline of {deadline.seconds:g}s passed")
    return left if timeout is None else min(timeout, left)


# --------------------------------------------------------------------------- HTTP: every socket wait capped


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Optional[Deadline]) -> None:
        self.inner = inner
        self.deadline = deadline

    def _cap(self, timeout: Optional[float]) -> Optional[float]:
        token = _current.set(self.deadline)
        try:
            return cap(timeout)
        finally:
            _current.reset(token)

    def read(self, max_bytes: int, timeout: Optional[float] = None) -> bytes:
        return self.inner.read(max_bytes, self._cap(timeout))

    def write(self, buffer: bytes, timeout: Optional[float] = None) -> None:
        self.inner.write(buffer, self._cap(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: typing.Any, server_hostname: Optional[str] = None,
                  timeout: Optional[float] = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, self._cap(timeout)),
                               self.deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self.inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, with every wait capped by the deadline current when the connection opened."""

    def __init__(self, inner: Optional[httpcore.NetworkBackend] = None) -> None:
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: Optional[float] = None,
                    local_address: Optional[str] = None,
                    socket_options: typing.Optional[typing.Iterable[typing.Any]] = None) -> httpcore.NetworkStream:
        stream = self.inner.connect_tcp(host, port, cap(timeout), local_address, socket_options)
        return _DeadlineStream(stream, _current.get())

    def connect_unix_socket(self, path: str, timeout: Optional[float] = None,
                            socket_options: typing.Optional[typing.Iterable[typing.Any]] = None
                            ) -> httpcore.NetworkStream:
        return _DeadlineStream(self.inner.connect_unix_socket(path, cap(timeout), socket_options), _current.get())

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def install_deadline_backend(client: typing.Any) -> None:
    """Put :class:`DeadlineBackend` under every connection pool of an ``httpx.Client`` (direct and proxies)."""
    transports = [getattr(client, "_transport", None), *getattr(client, "_mounts", {}).values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        if pool is not None and hasattr(pool, "_network_backend"):
            pool._network_backend = DeadlineBackend(pool._network_backend)


# --------------------------------------------------------------------------- extraction: a watchdog


class DeadlineExceeded(DocumentError):
    """The per-document deadline passed while the document was being read or extracted."""

    def __init__(self, message: str = "the per-document deadline passed during extraction", **kw: typing.Any) -> None:
        super().__init__(message, **kw)


def check_text_size(data: bytes, source: str, limit: Optional[int] = None) -> None:
    """DocumentError when a document that is not a PDF is larger than ``limit``
    (``DocumentLimits.max_text_bytes``): text extraction holds about ten times its size in memory."""
    limit = DEFAULT_DOCUMENT_LIMITS.max_text_bytes if limit is None else limit
    if len(data) > limit and not data[:1024].lstrip().startswith(b"%PDF"):
        raise DocumentError(f"too large for a text document: {len(data):,} bytes, limit {limit:,}", source=source,
                            hint="raise DocumentLimits.max_text_bytes if such a document is expected")


class _Stop(BaseException):
    """Raised inside the running thread at the deadline. A BaseException, so an extractor's broad
    ``except Exception`` cannot swallow it and carry on; :func:`run_bounded` turns it into DeadlineExceeded."""


def run_bounded(fn: Callable[[], T], source: str, deadline: Optional[Deadline] = None) -> T:
    """``fn()`` in this thread, stopped with DeadlineExceeded (naming ``source``) when the deadline passes."""
    deadline = deadline or _current.get()
    if deadline is None:
        return fn()
    if deadline.expired():
        raise _exceeded(deadline, source)
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                _async_raise(thread_id, _Stop)

    timer = threading.Timer(max(deadline.remaining(), 0.0), fire)
    timer.daemon = True
    timer.start()
    try:
        try:
            return fn()
        finally:
            with lock:
                state["armed"] = False
            timer.cancel()
            if state["fired"]:
                _async_raise(thread_id, None)  # clear an exception not yet delivered
    except _Stop as e:
        raise _exceeded(deadline, source) from e


def _exceeded(deadline: Deadline, source: str) -> DeadlineExceeded:
    return DeadlineExceeded(f"stopped: the per-document deadline of {deadline.seconds:g}s passed while the "
                            "document was being read", source=source,
                            hint="raise the document deadline setting if such a document is expected")


def _async_raise(thread_id: int, exc: Optional[type[BaseException]]) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc is not None else None)

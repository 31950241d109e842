"""HTTP fetching for the harvest (and one-off ``ingest`` of a URL): polite, bounded and honest about failure.

- Conditional GET: pass the ETag / Last-Modified of the last fetch; a 304 comes back as ``not_modified``.
- Content sniffing: when a PDF is expected (``expect="pdf"``) an HTML page is a failure that says so.
- Limits: a size cap (declared and streamed), a per-request timeout, a wall-clock deadline (the current
  per-document deadline of ``pipeline.limits``, else ``deadline``) that caps every socket wait, so headers or
  a body trickling in byte by byte stop at it; a redirect cap (a redirect loop fails with a reason), and a
  per-host concurrency limit.
- Retries with exponential backoff for transient errors only (timeouts, 5xx/429, resets, truncated
  bodies), never past the deadline; a 404, a wrong content type, a TLS error, a malformed URL or a 304 to a
  request without validators fails at once.
- URLs are checked before any request (``pipeline.urls``), and every error and log line names the URL
  without its ``user:password@``.

Errors: :class:`pipeline.errors.FetchError` (terminal) and :class:`TransientFetchError` (retrying may help).
"""
from __future__ import annotations

import hashlib
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Optional
from urllib.parse import urlparse

import httpx

from pipeline import __version__
from pipeline.errors import FetchError, SettingsError, TransientFetchError
from pipeline.limits import Deadline, current_deadline, install_deadline_backend, use_deadline
from pipeline.urls import check_fetchable, redact, redact_in

log = logging.getLogger(__name__)

USER_AGENT = (f"yjplans/{__version__} (harvester of published Youth Justice Plans; "
              f"python-httpx/{httpx.__version__})")
TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchLimits:
    """How a fetch behaves. Times are seconds; ``max_bytes`` bytes."""

    timeout: float = 30.0          # connect / read / write / pool timeout of one request
    deadline: float = 180.0        # wall clock for one fetch including its retries
    max_bytes: int = 100 * 1024 * 1024
    max_redirects: int = 5
    attempts: int = 4              # tries of one fetch (1 = no retry)
    backoff: float = 1.0           # first wait; doubles each retry, with +-20% jitter
    backoff_max: float = 30.0      # longest wait between tries (also caps a server's Retry-After)
    per_host: int = 2              # concurrent requests to one host (per process)
    user_agent: str = USER_AGENT
    trust_env: bool = True         # honour HTTP(S)_PROXY / NO_PROXY from the environment

    def __post_init__(self) -> None:
        for name in ("timeout", "deadline", "backoff", "backoff_max"):
            if not getattr(self, name) > 0:
                raise SettingsError(f"FetchLimits.{name} must be a positive number of seconds, "
                                    f"got {getattr(self, name)!r}")
        for name in ("max_bytes", "attempts", "per_host"):
            if not (isinstance(getattr(self, name), int) and getattr(self, name) >= 1):
                raise SettingsError(f"FetchLimits.{name} must be an integer >= 1, got {getattr(self, name)!r}")
        if not (isinstance(self.max_redirects, int) and self.max_redirects >= 0):
            raise SettingsError(f"FetchLimits.max_redirects must be an integer >= 0, got {self.max_redirects!r}")


DEFAULT_LIMITS = FetchLimits()


@dataclass(frozen=True)
class FetchResult:
    """What a fetch got. ``status`` is ``fetched`` (``data`` holds the bytes) or ``not_modified`` (304)."""

    url: str
    status: str
    data: bytes = b""
    content_type: str = ""
    final_url: str = ""
    http_status: int = 200
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    sha256: str = ""
    attempts: int = 1


class ContentMismatchError(FetchError):
    """The server answered, but not with what was expected (e.g. an HTML page instead of a PDF).

    ``data`` keeps the bytes so the caller can archive them: bad input is kept, never lost.
    """

    def __init__(self, message: str, *, source: str, data: bytes, content_type: str) -> None:
        self.data = data
        self.content_type = content_type
        super().__init__(message, source=source, hint="check the registry URL points at the document itself")


class HostLimiter:
    """At most ``per_host`` requests in flight to any one host, across the threads of this process."""

    def __init__(self, per_host: int) -> None:
        self.per_host = per_host
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            sem = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with sem:
            yield


_limiters: dict[int, HostLimiter] = {}
_limiters_lock = threading.Lock()


def limiter_for(per_host: int) -> HostLimiter:
    """The process-wide limiter for this per-host limit (threads of one harvest share it)."""
    with _limiters_lock:
        return _limiters.setdefault(per_host, HostLimiter(per_host))


def sniff(data: bytes) -> str:
    """``pdf``, ``html`` or ``text``, from the bytes (never from the name or the Content-Type header)."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    low = head.lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low or b"<body" in low:
        return "html"
    return "text"


def expected_kind(url: str) -> Optional[str]:
    """What the URL's file name promises: ``pdf`` for ``*.pdf`` (else no expectation)."""
    return "pdf" if urlparse(url).path.lower().endswith(".pdf") else None


def check_content(url: str, data: bytes, content_type: str, expect: Optional[str]) -> None:
    """Raise ContentMismatchError when the bytes are not what was expected."""
    if not data:
        raise ContentMismatchError("the server sent an empty body", source=url, data=data,
                                   content_type=content_type)
    got = sniff(data)
    if expect is None or got == expect:
        return
    ct = f" (Content-Type {content_type})" if content_type else ""
    if got == "html":
        title = _html_title(data)
        msg = f"expected a PDF but the server sent an HTML page{ct}" + (f" titled {title!r}" if title else "")
    else:
        msg = f"expected a PDF but the bytes do not start with %PDF{ct}"
    raise ContentMismatchError(msg, source=url, data=data, content_type=content_type)


def _html_title(data: bytes) -> str:
    m = re.search(rb"<title[^>]*>(.*?)</title>", data[:8192], re.I | re.S)
    return m.group(1).decode("utf-8", "replace").strip()[:80] if m else ""


def make_client(limits: FetchLimits = DEFAULT_LIMITS) -> httpx.Client:
    """A client whose every socket wait is capped by the current per-document deadline."""
    client = httpx.Client(follow_redirects=True, max_redirects=limits.max_redirects,
                          timeout=httpx.Timeout(limits.timeout), trust_env=limits.trust_env,
                          headers={"User-Agent": limits.user_agent})
    install_deadline_backend(client)
    return client


def fetch_url(url: str, *, expect: Optional[str] = None, etag: Optional[str] = None,
              last_modified: Optional[str] = None, limits: FetchLimits = DEFAULT_LIMITS,
              client: Optional[httpx.Client] = None, sleep: Callable[[float], None] = time.sleep) -> FetchResult:
    """GET ``url`` with retries for transient errors; raises FetchError / TransientFetchError.

    The whole fetch (retries included) ends by the current per-document deadline
    (:func:`pipeline.limits.document_deadline`), else by ``limits.deadline``. Errors and logs name the
    URL without its credentials."""
    check_fetchable(url)
    outer = current_deadline()
    deadline = Deadline.after(limits.deadline)
    if outer is not None and outer.at <= deadline.at:
        deadline = outer
    own = client is None
    http = make_client(limits) if client is None else client
    try:
        with use_deadline(deadline):
            return _with_retries(http, url, expect, _conditional(etag, last_modified), limits, sleep, deadline)
    finally:
        if own:
            http.close()


def _conditional(etag: Optional[str], last_modified: Optional[str]) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _with_retries(http: httpx.Client, url: str, expect: Optional[str], headers: dict[str, str],
                  limits: FetchLimits, sleep: Callable[[float], None], deadline: Deadline) -> FetchResult:
    host = urlparse(url).netloc
    attempt = 0
    while True:
        attempt += 1
        try:
            with limiter_for(limits.per_host).slot(host):
                result = _once(http, url, expect, headers, limits, deadline)
            return replace(result, attempts=attempt)
        except TransientFetchError as e:
            wait = backoff_delay(attempt, limits, getattr(e, "retry_after", None))
            if attempt >= limits.attempts or time.monotonic() + wait > deadline.at:
                final = TransientFetchError(f"gave up after {attempt} attempt{'s' if attempt > 1 else ''}: "
                                            f"{e.message}", source=redact(url),
                                            hint="a transient error: a later harvest may succeed")
                final.http_status = getattr(e, "http_status", None)  # type: ignore[attr-defined]
                final.attempts = attempt  # type: ignore[attr-defined]
                raise final from e
            log.info("fetch %s failed (%s); retry %d in %.1fs", redact(url), e.message, attempt, wait)
            sleep(wait)


def backoff_delay(attempt: int, limits: FetchLimits, retry_after: Optional[float] = None) -> float:
    """Exponential backoff with jitter; a server's Retry-After is honoured up to ``backoff_max``."""
    if retry_after is not None:
        return min(max(retry_after, 0.0), limits.backoff_max)
    base = limits.backoff * (2.0 ** (attempt - 1))
    return min(base * random.uniform(0.8, 1.2), limits.backoff_max)


def _once(http: httpx.Client, url: str, expect: Optional[str], headers: dict[str, str],
          limits: FetchLimits, deadline: Deadline) -> FetchResult:
    safe = redact(url)
    try:
        with http.stream("GET", url, headers=headers) as resp:
            _check_status(safe, resp)
            if resp.status_code == 304:
                if not headers:  # a 304 to a request that asked for no validation has nothing to reuse
                    raise FetchError("the server answered 304 Not Modified to a request without validators "
                                     "(no copy to reuse)", source=safe, hint="the server is misbehaving")
                return FetchResult(url, "not_modified", final_url=redact(str(resp.url)), http_status=304,
                                   etag=resp.headers.get("etag"),
                                   last_modified=resp.headers.get("last-modified"))
            data = _read_body(safe, resp, limits, deadline)
            content_type = resp.headers.get("content-type", "")
            result = FetchResult(url, "fetched", data, content_type, redact(str(resp.url)), resp.status_code,
                                 resp.headers.get("etag"), resp.headers.get("last-modified"),
                                 hashlib.sha256(data).hexdigest())
    except httpx.TooManyRedirects as e:
        raise FetchError(f"more than {limits.max_redirects} redirects (a redirect loop?)", source=safe) from e
    except (httpx.TransportError, httpx.InvalidURL) as e:
        raise _transport_error(e, url, limits, deadline) from e
    check_content(safe, result.data, result.content_type, expect)
    return result


def _transport_error(e: Exception, url: str, limits: FetchLimits, deadline: Deadline) -> FetchError:
    """A transport failure as a typed error: terminal unless retrying may help (never past the deadline)."""
    safe = redact(url)
    text = redact_in(str(e), url)
    if deadline.expired():
        return FetchError(f"stopped: the per-document deadline of {deadline.seconds:g}s passed before the "
                          f"document arrived ({type(e).__name__})", source=safe,
                          hint="the server is too slow; a later harvest may succeed")
    if isinstance(e, httpx.TimeoutException):
        return TransientFetchError(f"timed out ({type(e).__name__}, limit {limits.timeout:g}s)", source=safe)
    if isinstance(e, httpx.RemoteProtocolError):
        return TransientFetchError(f"connection closed early: {text}", source=safe)
    if isinstance(e, (httpx.UnsupportedProtocol, httpx.ProxyError, httpx.InvalidURL)):
        return FetchError(f"cannot fetch: {text}", source=safe)
    if _is_tls(e):
        return FetchError(f"TLS error (not retried): {text}", source=safe,
                          hint="the server's certificate does not match or is not trusted")
    return TransientFetchError(f"network error {type(e).__name__}: {text}", source=safe)


def _is_tls(e: BaseException) -> bool:
    import ssl
    seen: Optional[BaseException] = e
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen) or "SSL:" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _check_status(url: str, resp: httpx.Response) -> None:
    code = resp.status_code
    if code == 200 or code == 304:
        return
    reason = f"HTTP {code} {resp.reason_phrase}".strip()
    err = (TransientFetchError if code in TRANSIENT_STATUS or code >= 500 else FetchError)(reason, source=url)
    err.http_status = code  # type: ignore[attr-defined]
    err.retry_after = _retry_after(resp.headers.get("retry-after"))  # type: ignore[attr-defined]
    raise err


def _retry_after(value: Optional[str]) -> Optional[float]:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


def _read_body(url: str, resp: httpx.Response, limits: FetchLimits, deadline: Deadline) -> bytes:
    declared = resp.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"too large: {int(declared):,} bytes declared, limit {limits.max_bytes:,}", source=url)
    buf = bytearray()
    for chunk in resp.iter_bytes():
        buf += chunk
        if len(buf) > limits.max_bytes:
            raise FetchError(f"too large: more than {limits.max_bytes:,} bytes", source=url)
        if deadline.expired():
            raise FetchError(f"stopped: the per-document deadline of {deadline.seconds:g}s passed during the "
                             f"download ({len(buf):,} bytes received)", source=url)
    if declared and declared.isdigit() and resp.num_bytes_downloaded != int(declared):
        raise TransientFetchError(f"truncated body: {resp.num_bytes_downloaded:,} of {int(declared):,} bytes "
                                  "(Content-Length)", source=url)
    return bytes(buf)

"""URLs as the pipeline meets them: classified without crashing, checked before a request, and shown
without the credentials they may carry.

- :func:`scheme_of` never raises (``http://[::1/x.pdf`` is a string with scheme ``http``, not a crash).
- :func:`check_fetchable` raises :class:`BadURLError` (terminal, one sentence) for a malformed URL, an
  unsupported scheme (``ftp://``, ``gopher://``), a missing host or an invalid port.
- :func:`redact` removes ``user:password@`` from a URL: everything stored or printed goes through it;
  the full URL is only used, in memory, for the request itself.
"""
from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit, urlunsplit

from pipeline.errors import FetchError

FETCH_SCHEMES = ("http", "https")
LOCAL_SCHEMES = ("file",)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


class BadURLError(FetchError):
    """A URL that cannot be requested as it is written (terminal: retrying cannot help)."""


def scheme_of(text: str) -> str:
    """The scheme in lower case ('' for a plain path; a Windows drive letter ``C:`` is a path)."""
    m = _SCHEME.match(text.strip())
    if not m or len(m.group(1)) == 1:
        return ""
    return m.group(1).lower()


def is_fetchable(text: str) -> bool:
    return scheme_of(text) in FETCH_SCHEMES


def is_foreign(text: str) -> bool:
    """A URL with a scheme this pipeline does not read (ftp, gopher, mailto…)."""
    s = scheme_of(text)
    return bool(s) and s not in FETCH_SCHEMES + LOCAL_SCHEMES


def redact(text: str) -> str:
    """``text`` without the ``user:password@`` of a URL (unchanged when it has none or is not a URL)."""
    if "@" not in text or not scheme_of(text) or "://" not in text:
        return text
    head, rest = text.strip().split("://", 1)
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    netloc = rest[:end]
    return f"{head}://{netloc.rpartition('@')[2]}{rest[end:]}" if "@" in netloc else text


def redact_in(message: str, url: str) -> str:
    """A message with every copy of ``url`` (and its credentials) replaced by the redacted URL."""
    safe = redact(url)
    if safe == url:
        return message
    out = message.replace(url, safe)
    rest = url.split("://", 1)[1]
    netloc = re.split(r"[/?#]", rest, maxsplit=1)[0]
    userinfo = netloc.rpartition("@")[0]
    return out.replace(userinfo + "@", "") if userinfo else out


def check_fetchable(url: str) -> SplitResult:
    """The parsed URL, or BadURLError naming what is wrong with it (source: the redacted URL)."""
    safe = redact(url)
    scheme = scheme_of(url)
    if scheme not in FETCH_SCHEMES:
        what = f"scheme {scheme!r}" if scheme else "no scheme"
        raise BadURLError(f"unsupported URL ({what}): only http and https are fetched", source=safe,
                          hint="give an http(s) URL or a local path")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError as e:
        raise BadURLError(f"malformed URL: {e}", source=safe, hint="check the URL in the registry") from e
    if not parts.hostname:
        raise BadURLError("malformed URL: it names no host", source=safe)
    if port == 0:
        raise BadURLError("malformed URL: port 0 is not a port", source=safe)
    if any(c.isspace() for c in url.strip()):
        raise BadURLError("malformed URL: it contains white space", source=safe)
    return parts


def without_fragment(parts: SplitResult) -> str:
    return urlunsplit(parts._replace(fragment=""))

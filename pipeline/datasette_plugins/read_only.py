"""Refuse every HTTP method that could change something: the browsed warehouse answers GET and HEAD only.

Datasette itself writes only through writable canned queries (we define none) and its database is opened
immutable; this wrapper also turns away the POST endpoints Datasette has for its own tools, so no request
can write, whatever the route.
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable

from datasette import hookimpl

ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
READ = ("GET", "HEAD")
REFUSAL = b"405 Method Not Allowed: this warehouse is served read-only (GET and HEAD only)\n"


def refuse_writes(app: ASGIApp) -> ASGIApp:
    async def read_only(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") == "http" and scope.get("method") not in READ:
            await send({"type": "http.response.start", "status": 405,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")]})
            await send({"type": "http.response.body", "body": REFUSAL})
            return
        await app(scope, receive, send)
    return read_only


@hookimpl  # type: ignore[untyped-decorator,unused-ignore]
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    return refuse_writes

"""A real HTTP server on 127.0.0.1 with failure knobs, for the fetch and harvest tests (no mocks).

Routes (``GET``):
- ``/doc/<name>``: a registered document, with ETag (its sha256) and Last-Modified; answers 304 to a
  matching If-None-Match / If-Modified-Since. ``etags=False`` turns validators off.
- ``/flaky/<n>/<name>``: 500 for the first ``n`` requests, then the document.
- ``/missing`` 404; ``/slow/<seconds>`` sleeps (bounded) before answering; ``/truncated`` declares
  more bytes than it sends; ``/loop/a`` and ``/loop/b`` redirect to each other; ``/landing.pdf`` is an
  HTML page; ``/redirect/<name>`` redirects once to ``/doc/<name>``; ``/delay/<seconds>/<name>`` sends
  the document after a (bounded) pause.
- ``/slowheaders/<seconds>``: sends the status line, then one header line every ``seconds`` (bounded),
  never finishing the headers: a read timeout restarted by each byte never fires.
- ``/always304/<name>``: answers 304 Not Modified to every request, validators or not.
- ``die_after(n)``: the server stops listening after ``n`` requests (a server dying mid-harvest).

Requests are counted per path (``hits``), headers kept (``seen_headers``), and the largest number of
requests waiting in a pause at once is kept (``max_in_flight``).
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

HOST = "127.0.0.1"
MAX_SLEEP = 10.0


class FaultServer:
    def __init__(self, documents: Optional[dict[str, bytes]] = None, *, etags: bool = True) -> None:
        self.documents: dict[str, bytes] = dict(documents or {})
        self.etags = etags
        self.hits: Counter[str] = Counter()
        self.seen_headers: list[tuple[str, dict[str, str]]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._die_after: Optional[int] = None
        self._requests = 0
        self.last_modified = formatdate(time.time() - 3600, usegmt=True)
        self.httpd = ThreadingHTTPServer((HOST, 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def start(self) -> "FaultServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self.thread.is_alive():
            self.httpd.shutdown()
        self.httpd.server_close()

    def die_after(self, n: int) -> None:
        self._die_after = n

    def __enter__(self) -> "FaultServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def count(self) -> bool:
        """Count a request; False when the server has 'died' and must drop it."""
        with self.lock:
            self._requests += 1
            dead = self._die_after is not None and self._requests > self._die_after
        if dead and not self.stopping.is_set():
            self.stopping.set()
            threading.Thread(target=self._die, daemon=True).start()
        return not dead

    def _die(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()  # later connections are refused, as with a crashed server


def _handler_for(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args: object) -> None:  # keep the test output quiet
            pass

        def do_GET(self) -> None:
            if not server.count():
                self.close_connection = True
                self.connection.close()
                return
            with server.lock:
                server.hits[self.path] += 1
                server.seen_headers.append((self.path, dict(self.headers.items())))
            try:
                self.route()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def route(self) -> None:
            parts = self.path.strip("/").split("/")
            head = parts[0]
            if head == "doc" and len(parts) == 2:
                return self.document(parts[1])
            if head == "flaky" and len(parts) == 3:
                if server.hits[self.path] <= int(parts[1]):
                    return self.plain(500, b"internal server error")
                return self.document(parts[2])
            if head == "delay" and len(parts) == 3:
                self.pause(float(parts[1]))
                return self.document(parts[2])
            if head == "slow" and len(parts) == 2:
                self.pause(float(parts[1]))
                return self.plain(200, b"too late\n")
            if head == "truncated":
                return self.truncated()
            if head == "slowheaders" and len(parts) == 2:
                return self.slow_headers(float(parts[1]))
            if head == "always304":
                self.send_response(304)
                self.end_headers()
                return None
            if head == "loop" and len(parts) == 2:
                return self.redirect("/loop/b" if parts[1] == "a" else "/loop/a")
            if head == "redirect" and len(parts) == 2:
                return self.redirect(f"/doc/{parts[1]}")
            if head == "landing.pdf":
                return self.plain(200, b"<!DOCTYPE html><html><head><title>Youth Justice Plan | Council</title>"
                                       b"</head><body><a href='/plan.pdf'>Download</a></body></html>",
                                  "text/html; charset=utf-8")
            return self.plain(404, b"not found")

        def pause(self, seconds: float) -> None:
            """Wait (bounded); requests waiting here at once are counted as in flight."""
            with server.lock:
                server.in_flight += 1
                server.max_in_flight = max(server.max_in_flight, server.in_flight)
            server.stopping.wait(min(seconds, MAX_SLEEP))
            with server.lock:
                server.in_flight -= 1

        def document(self, name: str) -> None:
            data = server.documents.get(name)
            if data is None:
                return self.plain(404, b"not found")
            etag = f'"{hashlib.sha256(data).hexdigest()[:32]}"'
            if server.etags and (self.headers.get("If-None-Match") == etag
                                 or self.headers.get("If-Modified-Since") == server.last_modified):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            ctype = "application/pdf" if data.startswith(b"%PDF") else "text/plain; charset=windows-1252"
            extra = {"ETag": etag, "Last-Modified": server.last_modified} if server.etags else {}
            self.plain(200, data, ctype, extra)

        def truncated(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b"Youth Justice Plan 2019/20\n" * 10)
            self.wfile.flush()
            self.close_connection = True

        def slow_headers(self, every: float) -> None:
            self.wfile.write(b"HTTP/1.0 200 OK\r\n")
            self.wfile.flush()
            started = time.monotonic()
            n = 0
            while not server.stopping.is_set() and time.monotonic() - started < 6 * MAX_SLEEP:
                server.stopping.wait(every)
                n += 1
                self.wfile.write(f"X-Trickle-{n}: {'y' * 8}\r\n".encode())
                self.wfile.flush()
            self.close_connection = True

        def redirect(self, location: str) -> None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def plain(self, code: int, body: bytes, ctype: str = "text/plain",
                  extra: Optional[dict[str, str]] = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

    return Handler

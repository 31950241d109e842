"""pipeline.fetch against a real HTTP server on 127.0.0.1 with failure knobs."""
from __future__ import annotations

import threading
import time

import pytest

from pipeline.errors import FetchError, TransientFetchError
from pipeline.fetch import USER_AGENT, ContentMismatchError, FetchLimits, fetch_url, sniff

from tests.conftest import SEEDS
from tests.http_server import FaultServer

# short timeouts and backoff so the suite stays fast; the loops are bounded in count and time
FAST = FetchLimits(timeout=0.5, deadline=10, attempts=3, backoff=0.05, backoff_max=0.2, trust_env=False)
PLAN = SEEDS[0].read_bytes()
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def server():
    with FaultServer({"plan.txt": PLAN, "plan.pdf": PDF}) as s:
        yield s


def test_document_fetched_with_validators_and_honest_user_agent(server):
    r = fetch_url(server.url("/doc/plan.txt"), limits=FAST)
    assert r.status == "fetched" and r.data == PLAN and r.attempts == 1
    assert r.etag and r.last_modified and len(r.sha256) == 64
    assert server.seen_headers[0][1]["User-Agent"] == USER_AGENT and "yjplans/" in USER_AGENT


def test_500_then_success_is_retried(server):
    r = fetch_url(server.url("/flaky/2/plan.txt"), limits=FAST)
    assert r.data == PLAN and r.attempts == 3
    assert server.hits["/flaky/2/plan.txt"] == 3


def test_persistent_500_gives_up_as_transient(server):
    with pytest.raises(TransientFetchError, match=r"gave up after 3 attempts: HTTP 500"):
        fetch_url(server.url("/flaky/99/plan.txt"), limits=FAST)
    assert server.hits["/flaky/99/plan.txt"] == 3


def test_404_is_not_retried_and_says_so(server):
    with pytest.raises(FetchError) as e:
        fetch_url(server.url("/missing"), limits=FAST)
    assert not isinstance(e.value, TransientFetchError) and not e.value.transient
    assert e.value.describe() == f"{server.url('/missing')}: HTTP 404 Not Found"
    assert server.hits["/missing"] == 1


def test_timeout_is_transient_and_bounded(server):
    t0 = time.monotonic()
    with pytest.raises(TransientFetchError, match=r"gave up after 2 attempts: timed out \(ReadTimeout"):
        fetch_url(server.url("/slow/5"), limits=FetchLimits(timeout=0.3, attempts=2, backoff=0.05,
                                                            trust_env=False))
    assert time.monotonic() - t0 < 3


def test_truncated_body_is_detected_and_retried(server):
    with pytest.raises(TransientFetchError, match=r"gave up after 3 attempts: (truncated body|connection closed early)"):
        fetch_url(server.url("/truncated"), limits=FAST)
    assert server.hits["/truncated"] == 3


def test_redirect_loop_is_capped(server):
    with pytest.raises(FetchError, match=r"more than 5 redirects \(a redirect loop\?\)") as e:
        fetch_url(server.url("/loop/a"), limits=FAST)
    assert not e.value.transient
    assert server.hits["/loop/a"] + server.hits["/loop/b"] == 6


def test_one_redirect_is_followed(server):
    r = fetch_url(server.url("/redirect/plan.txt"), limits=FAST)
    assert r.data == PLAN and r.final_url.endswith("/doc/plan.txt")


def test_html_where_a_pdf_was_expected_fails_saying_so(server):
    with pytest.raises(ContentMismatchError) as e:
        fetch_url(server.url("/landing.pdf"), expect="pdf", limits=FAST)
    assert "expected a PDF but the server sent an HTML page (Content-Type text/html" in e.value.describe()
    assert "Youth Justice Plan | Council" in e.value.describe()
    assert e.value.data.startswith(b"<!DOCTYPE html>") and server.hits["/landing.pdf"] == 1


def test_pdf_expected_and_received(server):
    assert fetch_url(server.url("/doc/plan.pdf"), expect="pdf", limits=FAST).data == PDF
    assert sniff(PDF) == "pdf" and sniff(PLAN) == "text" and sniff(b"  <html><body>") == "html"


def test_conditional_get_gives_304(server):
    first = fetch_url(server.url("/doc/plan.txt"), limits=FAST)
    again = fetch_url(server.url("/doc/plan.txt"), etag=first.etag, last_modified=first.last_modified,
                      limits=FAST)
    assert again.status == "not_modified" and again.http_status == 304 and again.data == b""
    assert server.seen_headers[1][1]["If-None-Match"] == first.etag


def test_size_limit(server):
    with pytest.raises(FetchError, match=r"too large: [\d,]+ bytes declared, limit 100"):
        fetch_url(server.url("/doc/plan.txt"), limits=FetchLimits(max_bytes=100, trust_env=False))


def test_dead_server_is_transient(server):
    url = server.url("/doc/plan.txt")
    server.stop()
    with pytest.raises(TransientFetchError, match=r"gave up after 3 attempts: network error ConnectError"):
        fetch_url(url, limits=FAST)


def test_per_host_concurrency_limit(server):
    limits = FetchLimits(per_host=2, timeout=5, trust_env=False)
    errors: list[BaseException] = []

    def get() -> None:
        try:
            fetch_url(server.url("/delay/0.3/plan.txt"), limits=limits)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=get) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors and server.hits["/delay/0.3/plan.txt"] == 6
    assert server.max_in_flight == 2


def test_not_http_is_refused():
    with pytest.raises(FetchError, match="unsupported URL"):
        fetch_url("ftp://127.0.0.1/x", limits=FAST)


def test_run_flow_ingest_of_a_url_uses_the_fetcher(server, engine, tmp_path):
    from pipeline.stages import ingest_source
    ok = ingest_source(engine, server.url("/doc/plan.txt"), raw_dir=str(tmp_path / "raw"))
    gone = ingest_source(engine, server.url("/missing"), raw_dir=str(tmp_path / "raw"))
    assert ok.status == "ok" and (tmp_path / "raw" / f"{ok.sha256}.txt").read_bytes() == PLAN
    assert gone.status == "failed" and gone.error == f"{server.url('/missing')}: HTTP 404 Not Found"

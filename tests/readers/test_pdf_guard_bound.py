"""check_inflation skips inflating a PDF whose Flate streams could not reach a limit even at Deflate's greatest
ratio (``pdf_guard.MAX_RATIO``): the bound must hold for every stream, so no skipped PDF is one the full check
refuses."""
from __future__ import annotations

import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.readers import pdf_guard

_RUNS = st.lists(st.tuples(st.integers(0, 255), st.integers(1, 200_000)), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(_RUNS, st.integers(1, 9))
def test_no_stream_inflates_past_the_greatest_ratio(runs: list[tuple[int, int]], level: int) -> None:
    data = b"".join(bytes([b]) * n for b, n in runs)  # runs of one byte: the most compressible input there is
    raw = zlib.compress(data, level)
    assert pdf_guard.inflated_size(raw, len(data) + 1) == len(data) <= pdf_guard.MAX_RATIO * len(raw)


def test_the_greatest_ratio_is_near_deflates() -> None:
    raw = zlib.compress(b"\0" * 50_000_000, 9)
    assert 1000 * len(raw) < 50_000_000 <= pdf_guard.MAX_RATIO * len(raw)

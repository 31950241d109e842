"""Generated examples that depend only on the strategy and the test, not on which project modules are imported.

Hypothesis (6.13x on) draws, now and then, a literal harvested from the source of every local module in
``sys.modules`` at the time of the draw. Which of the project's modules are imported depends on the tests run or
collected before and on what the code under test imports lazily, so a ``derandomize=True`` test saw other
examples alone than inside a larger run (pagesplit text_cells: a docx reader test collected first changed 3 of its
12 tables), and an edit to any constant anywhere in the package shifted every test's examples. The harvested pool
is kept empty here; Hypothesis's own fixed constants are still drawn. Applied on import of ``tests.generated``
and by ``tests/conftest.py``; tests/test_reproducible_examples.py holds it."""
from __future__ import annotations

from hypothesis.internal.conjecture import providers

_NONE = providers.Constants()


def _no_local_constants() -> providers.Constants:
    return _NONE


def without_local_constants() -> None:
    """Every later draw sees no constants from local modules (idempotent)."""
    if getattr(providers, "_get_local_constants", None) is not _no_local_constants:
        providers._get_local_constants = _no_local_constants
        providers.CONSTANTS_CACHE.cache.clear()

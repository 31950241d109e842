"""Column headings printed as one line of words (a table whose rows were flattened: the cells' borders are lost).

The words are cut into a leading heading (the label column's, may be empty) and exactly ``n`` column names,
each a run of words that the caller's vocabulary recognises. The label column's heading is taken to be printed
when some cut has one (``Agency Police ...`` is not read as a column 'Agency Police'). The cut is used only when
exactly one cut fits: two cuts that fit equally are an ambiguity (None), never a guess. Nothing here knows what a
column means.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Optional

MAX_WORDS = 40  # a longer line is no header
MAX_CUTS = 64  # cuts looked at; more than this fitting makes the header ambiguous


def split_header(text: str, n: int, is_name: Callable[[str], bool], is_lead: Callable[[str], bool] = lambda s: True,
                 together: Callable[[tuple[str, ...]], bool] = lambda names: True) -> Optional[
                     tuple[str, tuple[str, ...]]]:
    """(lead, names) when exactly one cut of ``text`` gives a lead accepted by ``is_lead`` and ``n`` names each
    accepted by ``is_name`` and together by ``together``; else None."""
    words = text.split()
    if n < 1 or len(words) > MAX_WORDS or len(words) < n:
        return None

    @lru_cache(maxsize=None)
    def name(i: int, j: int) -> bool:
        return is_name(" ".join(words[i:j]))

    @lru_cache(maxsize=None)
    def cuts(i: int, left: int) -> tuple[tuple[int, ...], ...]:
        """Up to MAX_CUTS ways to cut words[i:] into ``left`` names (each a tuple of start indexes)."""
        if left == 0:
            return ((),) if i == len(words) else ()
        out: list[tuple[int, ...]] = []
        for j in range(i + 1, len(words) - left + 2):
            if name(i, j):
                out += [(i, *rest) for rest in cuts(j, left - 1)]
                if len(out) >= MAX_CUTS:
                    break
        return tuple(out[:MAX_CUTS])

    found: list[tuple[int, ...]] = []
    for start in range(1, len(words) - n + 1):
        if is_lead(" ".join(words[:start])):
            found += cuts(start, n)
        if len(found) >= MAX_CUTS:
            return None
    if not found:  # no heading over the label column: the names start at the first word
        found = list(cuts(0, n))
    if len(found) >= MAX_CUTS:
        return None
    fits = [c for c in found if together(_names(words, c))]
    if len(fits) != 1:
        return None
    return " ".join(words[:fits[0][0]]), _names(words, fits[0])


def _names(words: list[str], starts: tuple[int, ...]) -> tuple[str, ...]:
    ends = (*starts[1:], len(words))
    return tuple(" ".join(words[a:b]) for a, b in zip(starts, ends))

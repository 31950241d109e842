"""Column headings of a table whose rows were flattened (one line of words over rows of amounts), cut into
cells with the budget's vocabulary: years side by side (``Agency 2017/18 2018/19``) or funders as the columns
(``Agency Police Police and Crime Commissioner YJB Total``, a table printed transposed).

The number of columns is the widest row's; the cut is :func:`extractors.tables.header_words.split_header`'s,
used only when exactly one cut fits. Headings naming the template's amount columns are read by
:mod:`extractors.budget.extract` as they are.
"""
from __future__ import annotations

import re
from dataclasses import replace

from extractors.budget.periods import period_of
from extractors.tables.header_words import split_header
from extractors.tables.text_grids import TCell, TextTable
from normalisers.agencies import agency_of, name_end

_YEAR = re.compile(r"^(?:20\d\d\s?[/-]\s?(?:20)?\d\d|\d\d\s?/\s?\d\d)\b")
_ANY_YEAR = re.compile(r"\b20\d\d\s?[/-]\s?(?:20)?\d\d\b|\b\d\d\s?/\s?\d\d\b")
_TOTAL = re.compile(r"^(?:grand\s+)?totals?\b", re.I)
_BARE_OTHER = re.compile(r"^\W*other(?:\s+(?:income|funding|grants?|contributions?|sources?))?\W*$", re.I)
_CONNECTOR = re.compile(r"^(?:and|&|of|the|for|in|to|-)$", re.I)  # a name does not end on these
_TAIL_WORD = re.compile(r"^(?:services?|group|trust|board|commissioner|government|grant|income|council|team|"
                        r"partnership|authority|company|centre|fund(?:ing)?|contributions?)\W*$", re.I)  # nor start
MAX_TOTAL_WORDS = 3  # 'Total', 'Grand Total', 'Total income'
FLAT_METHODS = ("spaced-rows", "flattened")


def header_cells(t: TextTable) -> TextTable:
    """A one-cell header over flattened rows, cut into column headings when the words fit exactly one way."""
    if len(t.header) != 1 or not t.method.startswith(FLAT_METHODS) or not t.rows:
        return t
    text = t.header[0].clean
    n = max(len(r.values) for r in t.rows)
    for is_name, is_lead, together in ((_year_heading, _no_year, _distinct_years),
                                       (funder_heading, _names_no_funder, distinct_funders)):
        cut = split_header(text, n, is_name, is_lead, together)
        if cut is not None:
            lead, names = cut
            cell = t.header[0]
            return replace(t, header=(replace(cell, text=lead), *(replace(cell, text=name) for name in names)))
    return t


def _year_heading(text: str) -> bool:
    """A column heading that starts with a year and names only that one."""
    return bool(_YEAR.match(text)) and len(_ANY_YEAR.findall(text)) == 1 and period_of(text) is not None


def _no_year(text: str) -> bool:
    return not _ANY_YEAR.search(text)


def standalone(text: str) -> bool:
    """A name that stands for a funder (or the Total) on its own: 'Police', 'Other', 'Total'; a grant named
    only by the word 'Grant' does not ('Good Practice Grant' is part of 'YJB Good Practice Grant')."""
    return agency_of(text) not in (None, "other") or bool(_BARE_OTHER.match(text)) or bool(_TOTAL.match(text))


def funder_heading(text: str) -> bool:
    """One funder's column (or the Total column): recognised, starting with a capital but not with a word that
    only ends names ('Service', 'Group'), not ending on a connecting word ('Police and') or on 'Grand' (of
    'Grand Total'), and not two names run together ('Health Local Authority')."""
    if not text[:1].isupper() or not (agency_of(text) or _TOTAL.match(text)):
        return False
    words = text.split()
    if _CONNECTOR.match(words[-1]) or _TAIL_WORD.match(words[0]) or words[-1].lower() == "grand":
        return False
    if _TOTAL.match(text):
        return len(words) <= MAX_TOTAL_WORDS
    end = name_end(text)
    if end is None or not all(_TAIL_WORD.match(w) for w in re.findall(r"[A-Za-z']+", text[end:])):
        return False  # words after the name that do not qualify it ('OPCC National', 'Grant Grand Total')
    return not any(
        standalone(" ".join(words[:k])) and standalone(" ".join(words[k:])) for k in range(1, len(words))
        if words[k][0].isalnum() and " ".join(words[:k]).count("(") == " ".join(words[:k]).count(")"))
    # ('Health (Public Health)' is one name)


def _names_no_funder(text: str) -> bool:
    return agency_of(text) is None and not _TOTAL.match(text)


def _distinct_years(names: tuple[str, ...]) -> bool:
    return True


def distinct_funders(names: tuple[str, ...]) -> bool:
    """A table printed with the funders as its columns gives each funder one column ('Other' grants aside)."""
    agencies = [agency_of(n) for n in names if not _TOTAL.match(n)]
    named = [a for a in agencies if a != "other"]
    return len(named) == len(set(named)) and sum(bool(_TOTAL.match(n)) for n in names) <= 1


def run_label_name(text: str) -> bool:
    """A name in labels run together on one line: a funder's heading that stands on its own (a name that is only
    'a Grant' is not cut off: 'YJB Practice Grant' stays one label)."""
    return funder_heading(text) and standalone(text)

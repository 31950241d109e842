"""The council and joint-service name scans group their alternatives by first letter
(``councils.by_first_letter``): they must find exactly what the plain longest-first alternation finds (generated
texts of names, capitals, hyphens and noise)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalisers import areas, councils
from normalisers.councils import ALIASES, COUNCILS
from normalisers.services import joint_service_names


def _plain(forms: set[str], space: str, hyphen: bool) -> re.Pattern[str]:
    forms = forms | {f.upper() for f in forms}
    alts = []
    for f in sorted(forms, key=len, reverse=True):
        a = re.escape(f).replace(r"\ ", space)
        alts.append(a.replace(r"\-", space) if hyphen else a)
    return re.compile(rf"(?=[A-Z])(?<![A-Za-z])({'|'.join(alts)})(?![A-Za-z])")


_COUNCILS = _plain(set(COUNCILS) | set(ALIASES), r"[\s-]+", True)
_SERVICES = _plain(set(joint_service_names()), r"\s+", False)
_NAMES = sorted(set(COUNCILS) | set(ALIASES) | set(joint_service_names()))
_NOISE = ["and", "&", ",", "Youth", "Justice", "Service", "North", "West", "city", "-", "Police", "x", "\t", "  "]


def _variants(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from([name, name.upper(), name.lower(), name.replace(" ", "-"), name + "s", "A" + name])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_NAMES).flatmap(_variants), st.sampled_from(_NOISE),
                          st.text(alphabet="ABCSWabcn -", max_size=5)), max_size=20))
def test_the_letter_grouped_scans_find_what_the_plain_scans_find(parts: list[str]) -> None:
    text = " ".join(parts)
    for plain, grouped in ((_COUNCILS, councils._pattern()), (_SERVICES, areas._service_pattern())):
        assert [(m.span(), m.group(1)) for m in grouped.finditer(text)] == \
            [(m.span(), m.group(1)) for m in plain.finditer(text)]


def test_an_alternative_opening_with_no_letter_is_refused() -> None:
    try:
        councils.by_first_letter([r"\d+ council"])
    except ValueError:
        return
    raise AssertionError("an alternative the grouping cannot place was accepted")

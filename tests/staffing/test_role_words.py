"""Role words in staffing headers: the scan that first checks the letters a role word can start with finds exactly
what the plain alternation finds (generated headers from the role vocabulary, with noise between)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from normalisers import staffing_vocab as sv

_PLAIN = re.compile("|".join(f"(?P<g{i}>{p})" for i, (p, _) in enumerate(sv._ROLE_PATTERNS)), re.I)
_WORDS = ["Strategic Manager", "Managers Strategic", "Senior managers", "Head of Service", "Operational Manager",
          "Team Leaders", "Middle managers", "Practitioners", "Case Workers", "YOT officer", "Youth Justice workers",
          "Administration", "admin", "Business Support", "Clerical", "Sessional workers", "Students/trainees",
          "Trainee", "Referral Order Panel Volunteers", "Other volunteers", "Volunteer", "Total", "(PT)", "(FT)",
          "Part-time", "subtotal", "Permanent", "Fixed-term", "Secondee Police", "FTE", "x", "|", "12.5", "\t"]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(alphabet="aehimnorstx -/()", max_size=8)), max_size=25))
def test_the_letter_gate_finds_what_the_plain_scan_finds(parts: list[str]) -> None:
    text = " ".join(parts)
    assert [(m.span(), m.lastgroup) for m in sv._ROLE_RX.finditer(text)] == \
        [(m.span(), m.lastgroup) for m in _PLAIN.finditer(text)]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_WORDS + ["ſtudent", "TOTAL", "admın", "İ", "\u212a", "Ｔotal", "–", "’"]),
                          st.text(alphabet="aehimnorstxſıİ\u212aé -/()", max_size=8)), max_size=25))
def test_the_openings_scan_finds_what_the_plain_scan_finds(parts: list[str]) -> None:
    text = " ".join(parts)
    assert [(m.span(), m.lastgroup) for m in sv._role_matches(text)] == \
        [(m.span(), m.lastgroup) for m in _PLAIN.finditer(text)]


def test_every_role_alternative_has_an_opening() -> None:
    assert sv._prefixes(r"heads?\s+of|(?:yot|yos)\s+x") == {"head", "yot", "yos"}
    for bad in (r"s?tudent", r"(?:a|b)?c"):
        try:
            sv._prefixes(bad)
        except ValueError:
            continue
        raise AssertionError(f"an opening the scan cannot rely on was accepted: {bad}")


def test_a_pattern_opening_with_no_letter_is_refused() -> None:
    try:
        sv._first_letters(r"\d+ staff")
    except ValueError as e:
        assert "must open with a letter" in str(e)
    else:
        raise AssertionError("a pattern the gate cannot cover was accepted")


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list(" \t\n\r\f\v\x0b\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2009\u200b\u2028"
                                             "\u2029\u202f\u205f\u3000\ufeffab1-")), max_size=30) | st.text(max_size=30))
def test_clean_label_is_the_regex_squeeze(text: str) -> None:
    assert sv.clean_label(text) == re.sub(r"\s+", " ", text).strip()

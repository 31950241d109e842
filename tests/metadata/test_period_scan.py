"""Plan-period patterns that open with a digit no digit stands before are tried only at the starts of runs of digits
(``plan_periods._finditer``): they must find what a scan of every position finds (generated dates, spans and
noise)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalisers import plan_periods as pp

_PARTS = ["2019", "20", "2019/20", "2019-20", "2019 - 2022", "19/20", "1920", "2019 20", "01/04/2019", "1 April 2019",
          "Apr 2019", "to", "-", "–", "/", ".", ",", "£", "%", "0161 770 1920", "31st March 2021", "2020/21 - 2022/23",
          "Act 2014", "(YJB, 2019)", "since", "page", " ", "\t", "x"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(_PARTS), st.text(alphabet="0123456789/-–. ,£%a", max_size=8)), max_size=20),
       st.sampled_from(["", " "]))
def test_digit_led_patterns_find_what_the_full_scan_finds(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    runs = pp._digit_runs(text)
    for rx in pp._DIGIT_LED:
        assert [m.span() for m in pp._finditer(rx, text, runs)] == [m.span() for m in rx.finditer(text)], rx.pattern


def test_every_digit_led_pattern_refuses_a_digit_before_it() -> None:
    for rx in pp._DIGIT_LED:
        assert rx.pattern.startswith(("(?<![\\d/.,£])", "(?<![\\d/])")), rx.pattern
        for sample in _PARTS:
            if rx.match(sample):  # a match right after a digit would not start a run of digits
                assert rx.match("1" + sample, 1) is None, (rx.pattern, sample)

"""Blocks the indicator readers leave unread become ``ambiguous_reading`` findings: one per block, naming the block
and the line its figures start on, with why the evidence did not decide."""
from __future__ import annotations

from pipeline.stages import process

COUNCIL = "Barsetshire"


def _plan(body: list[str]) -> str:
    cells = ["FTE PNC rate per 100,000 of 10-17 population", "Indicators", f"{COUNCIL}\tEngland"] + body + \
        ["", "The summary above is published by the Youth Justice Board."]
    head = [f"{COUNCIL} Youth Justice Plan 2019-20", "",
            "Our partnership reviewed its performance against the national indicators this year.", "",
            "Appendix 2 - Data summary", ""]
    return "\r\n".join(head) + "\r\n" + "\r".join(cells) + "\r\n"


def test_an_ambiguous_block_gives_one_finding_naming_it_and_its_line() -> None:
    x = process(_plan(["301", "262", "359", "314", "299", "Jul 17 - Jun 18", "Jul 16 - Jun 17"]).encode(), f"{COUNCIL} Youth Justice Plan 2019-20.txt")
    found = [f for f in x.findings if f.check_name == "ambiguous_reading"]
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    assert "FTE PNC rate per 100,000 of 10-17 population" in f.message
    assert "5 figures do not fill 2 areas x 2 periods" in f.message
    assert f.severity == "info"
    assert f.prov is not None and f.prov.line == 10 and f.prov.raw_text == "301"  # where its figures start
    assert not [i for i in x.indicators if i.indicator == "first_time_entrants" and i.raw in ("301", "299")]


def test_a_block_that_reads_gives_no_finding() -> None:
    x = process(_plan(["301", "262", "Jul 17 - Jun 18", "359", "314", "Jul 16 - Jun 17"]).encode(), f"{COUNCIL} Youth Justice Plan 2019-20.txt")
    assert not [f for f in x.findings if f.check_name == "ambiguous_reading"]
    assert {i.raw for i in x.indicators if i.indicator == "first_time_entrants"} >= {"301", "262", "359", "314"}

from __future__ import annotations

import json

import pytest

from extractors.metadata import extract_meta, period_in
from extractors.readers.text import read_text
from normalisers.councils import find_councils

from tests.conftest import GOLD_SETS, REAL, SEEDS, gold_for


def gold_of(path):
    """Gold council and period for a bundled document: every gold set (tests/gold/seeds, real, real-2)."""
    return gold_for(path, GOLD_SETS)


GOLD_DOCS = [p for p in SEEDS + REAL if gold_of(p)]


def meta(path):
    return extract_meta(read_text(path.read_bytes(), str(path)))


@pytest.mark.parametrize("path", GOLD_DOCS, ids=lambda p: p.name[:30])
def test_council_and_period_match_gold(path):
    m, g = meta(path), gold_of(path)
    assert (m.council, m.period) == (g["council"], g["period"])


def test_every_bundled_real_plan_has_gold_for_its_council_and_period():
    assert len(GOLD_DOCS) == len(SEEDS) + len(REAL) == 25


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:12])
def test_seed_period_and_type_match_gold(path):
    m, g = meta(path), gold_for(path)
    assert (m.period, m.doc_type) == (g["period"], g["doc_type"])


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name[:30])
def test_real_plans_are_plans_of_their_years(path):
    m = meta(path)
    assert m.doc_type == "youth_justice_plan"
    assert m.period and m.period[:4] in ("2018", "2019") and m.title


@pytest.mark.parametrize("text,period", [
    ("Youth Justice Plan 2019/20", "2019/20"), ("Plan 2019 - 2020", "2019/20"),
    ("STRATEGIC PLAN 2019 - 2021", "2019-21"),
    ("Plan 01/04/19 - 31/03/22", "2019-22"), ("Youth Justice Plan April 2019 - March 2020", "2019/20"),
    ("no years here", None), ("as required by the Crime and Disorder Act 1998 - 99 pages", None),
    ("Plan 2019-2022 2019-20 update", "2019-22"), ("YOT Plan Cymru 2019/21 - 2019/20 plan", "2019/20"),
    ("PLAN 2016 - 2019 UPDATE 2019", "2019/20"), ("the 2019-20 refresh of the 2018-21 Plan", "2019/20"),
    ("Review of Youth Justice Plan 2018-19", None),
    ("Youth Justice Plan 2019/20 - 2021/22", "2019-22"), ("Plan 2019/2020 to 2020/2021", "2019-21"),
    ("guidance (YJB, 2018-19) for the plan", None)])
def test_period_in(text, period):
    assert period_in(text) == period


@pytest.mark.parametrize("text,period", [
    ("YOT Plan Cymru 2019/21 - 19/20 plan", "2019/20"), ("YJ plan 1920 Final", "2019/20"),
    ("Plan 2019 20", "2019/20"), ("Plan 18-19", "2018/19"), ("Inspection dates: 24 – 28 June 2013", None),
    ("see pages 19-22 of the plan", None), ("Tel: 0161 770 1920", None), ("Appendix 1 1415 Plan", "2014/15"), ("Budget 2025-26 and 2025-28 plan", "2025/26"),
    ("Plan 2021", None), ("Plan 19-22", "2019-22")])
def test_short_forms_in_titles_and_file_names(text, period):
    assert period_in(text, allow_short=True) == period


def test_council_mentions_need_a_capital_and_join_joint_services():
    assert find_councils("reading the plan in Reading") == ["Reading"]
    assert find_councils("Monmouthshire & Torfaen YOS; N Somerset") == ["Monmouthshire & Torfaen", "North Somerset"]
    assert find_councils("Cheshire West and Chester, Halton and Warrington YJS") == [
        "Cheshire West and Chester & Halton & Warrington"]
    assert find_councils("Stoke on Trent, Newcastle-upon-Tyne; B&NES") == [
        "Stoke-on-Trent", "Newcastle upon Tyne", "Bath and North East Somerset"]
    assert find_councils("Leeds, Bradford; Leicester and Rutland") == ["Leeds", "Bradford", "Leicester City & Rutland"]


@pytest.mark.parametrize("path", GOLD_DOCS, ids=lambda p: p.name[:30])
def test_council_needs_no_file_name(path):
    """A document fetched from an anonymous URL is still placed: the file name is only a hint."""
    doc = read_text(path.read_bytes(), "https://example.org/download/12345.txt")
    assert extract_meta(doc).council == gold_of(path)["council"]


@pytest.mark.parametrize("path", [p for p in GOLD_DOCS if p.stem != "Oldham YJ plan 1920 Final  draft"],
                         ids=lambda p: p.name[:30])
def test_period_needs_no_file_name(path):
    """Oldham's plan has no title page and says it is for 2018/19 in its first paragraph; only its file
    name ('1920') says 2019/20, so it is left out here."""
    doc = read_text(path.read_bytes(), "https://example.org/download/12345.txt")
    assert extract_meta(doc).period == gold_of(path)["period"]


def test_a_joint_service_plan_is_filed_under_the_service_and_all_its_councils():
    m = meta(next(p for p in REAL if p.name.startswith("Monmouthshire")))
    assert (m.council, m.service) == ("Monmouthshire & Torfaen", "Monmouthshire and Torfaen")
    assert meta(next(p for p in REAL if p.name.startswith("Plymouth"))).service == "Plymouth"

from __future__ import annotations

import pytest

from extractors.metadata import extract_meta, period_in
from extractors.readers.text import read_text
from normalisers.councils import find_councils

from .conftest import REAL, SEEDS, gold_for

GOLD_DOCS = [p for p in SEEDS + REAL if gold_for(p)]


def meta(path):
    return extract_meta(read_text(path.read_bytes(), str(path)))


@pytest.mark.parametrize("path", GOLD_DOCS, ids=lambda p: p.name[:30])
def test_council_matches_gold(path):
    assert meta(path).council == gold_for(path)["council"]


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
    ("Youth Justice Plan 2019/20", "2019/20"), ("Plan 2019 - 2020", "2019/20"), ("STRATEGIC PLAN 2019 - 2021", "2019-21"),
    ("Plan 01/04/19 - 31/03/22", "2019-22"), ("Youth Justice Plan April 2019 - March 2020", "2019/20"),
    ("no years here", None)])
def test_period_in(text, period):
    assert period_in(text) == period


def test_council_mentions_need_a_capital_and_join_joint_services():
    assert find_councils("reading the plan in Reading") == ["Reading"]
    assert find_councils("Monmouthshire & Torfaen YOS; N Somerset") == ["Monmouthshire & Torfaen", "North Somerset"]


@pytest.mark.parametrize("path", GOLD_DOCS, ids=lambda p: p.name[:30])
def test_council_needs_no_file_name(path):
    """A document fetched from an anonymous URL is still placed: the file name is only a hint."""
    doc = read_text(path.read_bytes(), "https://example.org/download/12345.txt")
    assert extract_meta(doc).council == gold_for(path)["council"]

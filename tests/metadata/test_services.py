"""The registry of Youth Justice Services (data/youth_justice_services.csv) and its loader."""
from __future__ import annotations

import pytest

from normalisers.councils import COUNCILS, WELSH
from normalisers.services import (RegistryError, parse_registry, service_covering, service_named, service_of,
                                  services)

HEADER = "service,aliases,councils,nation,region,confidence,notes\n"


def test_the_registry_lists_about_155_services_in_both_nations():
    nations = [s.nation for s in services()]
    assert 150 <= len(nations) <= 160
    assert nations.count("Wales") == 16 and set(nations) == {"England", "Wales"}
    assert len({s.name for s in services()}) == len(nations), "a service is listed twice"


@pytest.mark.parametrize("year", [2017, 2019, 2021, None])
def test_every_council_the_project_knows_is_served_by_exactly_one_service(year):
    for council in COUNCILS:
        serving = [s.name for s in services() if council in s.councils(year)]
        assert len(serving) == 1, (council, year, serving)


def test_every_member_of_the_registry_is_a_known_council_and_welsh_services_are_in_wales():
    for s in services():
        assert all(m.council in COUNCILS for m in s.members), s.name
        assert (s.nation == "Wales") == all(c in WELSH for c in s.councils(2018) + s.councils(2020)), s.name


@pytest.mark.parametrize("name,members", [
    ("South Tees", ("Middlesbrough", "Redcar and Cleveland")),
    ("West Mercia", ("Herefordshire", "Shropshire", "Telford and Wrekin", "Worcestershire")),
    ("Monmouthshire & Torfaen", ("Monmouthshire", "Torfaen")),
    ("Cwm Taf", ("Merthyr Tydfil", "Rhondda Cynon Taf")),
    ("Gwynedd and Ynys Môn", ("Gwynedd", "Isle of Anglesey")),
    ("conwy & denbighshire", ("Conwy", "Denbighshire")),
    ("Cheshire West, Halton & Warrington", ("Cheshire West and Chester", "Halton", "Warrington")),
    ("Western Bay", ("Swansea", "Neath Port Talbot")),
])
def test_known_joint_services_have_several_councils(name, members):
    svc = service_named(name)
    assert svc is not None and svc.is_joint(2019)
    assert svc.councils(2019) == members
    for council in members:
        assert service_of(council, 2019) == svc


def test_bridgend_left_western_bay_in_april_2019():
    assert service_of("Bridgend", 2018).name == "Western Bay"
    assert service_named("Western Bay").council_label(2018) == "Swansea & Neath Port Talbot & Bridgend"
    assert service_of("Bridgend", 2019).name == "Bridgend"
    assert not service_of("Bridgend", 2019).is_joint(2019)


def test_a_single_council_service_is_named_as_its_council():
    for name in ("Wiltshire", "Swindon", "Bristol", "Bath and North East Somerset", "Cumbria", "Leicester City"):
        svc = service_of(name)
        assert svc.name == name and svc.councils() == (name,) and svc.council_label() == name


def test_councils_that_span_two_services_have_no_common_service():
    assert service_covering(["Middlesbrough", "Redcar and Cleveland"]).name == "South Tees"
    assert service_covering(["Middlesbrough", "Hartlepool"]) is None
    assert service_covering(["Plymouth"]).name == "Plymouth"


@pytest.mark.parametrize("text,message", [
    ("service,councils\nX,Leeds\n", "header lacks column(s) aliases, nation, region, confidence"),
    (HEADER + "Nowhere,,Atlantis,England,London,high,\n", "row 2: 'Atlantis' is not a council"),
    (HEADER + "Empty,,,England,London,high,\n", "row 2: a service needs a name and at least one council"),
    (HEADER + "Leeds,,Leeds (after 2019),England,Yorkshire,high,\n", "'Leeds (after 2019)' is not a council"),
])
def test_a_bad_registry_row_is_named(text, message):
    with pytest.raises(RegistryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_registry(text.splitlines(keepends=True), "reg.csv")


def test_comment_lines_are_skipped_and_dated_memberships_read():
    (svc,) = parse_registry(["# a comment\n", HEADER, "A and B,,Leeds; Bradford (from 2020),England,Y,medium,\n"])
    assert svc.councils(2019) == ("Leeds",) and svc.councils(2020) == ("Leeds", "Bradford")

"""Which plan it is, on generated title pages: a council or a joint service, a period in any printed form,
then body text full of years that are not the period (Acts, citations, looked-back years, a stray year) and
of other councils. The title page decides; no year in the body does."""
from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape

import pymupdf

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.metadata import extract_meta
from pipeline.stages import read_document
from extractors.readers.text import read_text
from normalisers.councils import ALIASES, COUNCILS
from normalisers.services import Service, services

ANON = "https://example.org/download/12345.txt"
# a fixed, fast number in the suite; YJ_METADATA_EXAMPLES=5000 runs more (no failure in 5,000 when written)
N = int(os.environ.get("YJ_METADATA_EXAMPLES", "100"))
EXAMPLES = settings(max_examples=N, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RENDERED = settings(max_examples=max(1, N // 2), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Named:
    printed: str
    council: str
    service: str


def _period_forms(y: int, n: int) -> list[str]:
    z, yy, zz = y + n, y % 100, (y + n) % 100
    forms = [f"{y}-{z}", f"{y} to {z}", f"{y}/{zz:02d}", f"{y}-{zz:02d}", f"April {y} - March {z}",
             f"April {y} to March {z}", f"1 April {y} to 31 March {z}", f"{y} – {z}"]
    if n > 1:
        forms.append(f"{y}/{(y + 1) % 100:02d} - {z - 1}/{zz:02d}")
    if n == 1:
        forms += [f"{y}/{z}", f"{yy:02d}/{zz:02d}", f"{yy:02d}-{zz:02d}"]
        if not 1990 <= yy * 100 + zz <= 2039:  # "1920" is 2019/20; "2021" is the year 2021, not 2020/21
            forms.append(f"{yy:02d}{zz:02d}")
    return forms


@st.composite
def periods(draw: st.DrawFn) -> tuple[str, str, int]:
    """(printed, label, first year)."""
    y = draw(st.integers(2014, 2024))
    n = draw(st.sampled_from([1, 1, 1, 2, 3]))
    label = f"{y}/{(y + 1) % 100:02d}" if n == 1 else f"{y}-{(y + n) % 100:02d}"
    return draw(st.sampled_from(_period_forms(y, n))), label, y


def _council_forms(council: str) -> list[str]:
    forms = [council, council.upper(), *[a for a, c in ALIASES.items() if c == council and len(a) > 4]]
    return forms + [f"London Borough of {council}", f"{council} Council"]


def _service_forms(svc: Service, year: int) -> list[Named]:
    members = svc.councils(year)
    if len(members) == 1:
        return [Named(f, members[0], svc.name) for f in _council_forms(members[0])]
    label = svc.council_label(year)
    own = [n for n in (svc.name, *svc.aliases) if n not in COUNCILS]
    joined = [" & ".join(members), ", ".join(members[:-1]) + " and " + members[-1]]
    return [Named(f, label, svc.name) for f in own + [o.upper() for o in own] + joined]


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, Named, str]:
    """A plan's text with the area and period its title page names, and the period label."""
    printed, label, year = draw(periods())
    svc = draw(st.sampled_from([s for s in services() if s.councils(year)]))
    area = draw(st.sampled_from(_service_forms(svc, year)))
    others = [c for c in COUNCILS if c not in svc.councils(year) and c not in area.printed]
    other = draw(st.sampled_from(others))
    a, p = area.printed, printed
    title = draw(st.sampled_from([
        f"{a} Youth Justice Plan {p}", f"{a}\nYouth Justice Plan\n{p}", f"{a} Youth Offending Service\n"
        f"Youth Justice Strategic Plan {p}", f"{p} Youth Justice Plan\n{a} YOT", f"Youth Justice Plan {p}\n{a}",
        f"{a} Youth Justice Service\nAnnual Youth Justice Plan {p}\nDRAFT"]))
    if draw(st.booleans()):
        title = title.upper()
    title += draw(st.sampled_from(["", "\n(As required under Section 40 of the Crime and Disorder Act 1998)",
                                   "\nEstablished 2008", "\nApproved by the Board on 5 August 2019"]))
    before = draw(st.sampled_from(["", "Children's Services\n", "Appendix 1\n", "DRAFT\n",
                                   # partners' names on the title page, before the area's
                                   f"{other} Police | {other} Clinical Commissioning Group | {other} NHS Trust\n"]))
    # a short line under the title naming another council more often than the title names its own
    title += draw(st.sampled_from(["", f"\nPartners: {other} Police, {other} schools, {other} health"]))
    stray = draw(st.integers(1995, 2013))
    body = draw(st.permutations([
        "The Crime and Disorder Act 1998 (Section 40) requires each local authority to publish a youth "
        "justice plan after consulting its partners.",
        f"The Children Act 1989, the Children Act 2004 and the Legal Aid, Sentencing and Punishment of "
        f"Offenders Act 2012 shape the work of the {a} Youth Offending Service.",
        f"The service was formed in {stray} and moved to new offices in {stray + 2}.",
        f"Guidance (YJB, May {year - 1}) and the practice note (Ministry of Justice, {year - 2}) set out the "
        f"content of the plan.",
        f"Review of {year - 1}/{year % 100:02d}: first time entrants fell; in {year - 2}-{(year - 1) % 100:02d} "
        f"they had risen.",
        f"In {year - 1}/{year % 100:02d} we saw fewer first time entrants.",  # short: may join the title page
        f"The Police and Crime Plan {year - 3}-{year + 1} and the Early Help Strategy {year - 2}-{year % 100:02d} "
        f"are partner strategies.",
        f"We share a custody suite with {other} Youth Offending Team; {other} and our {a} staff train "
        f"together. {other} hosts the panel.",
    ]))
    return before + title + "\n\n" + "\n\n".join(body) + "\n", area, label


@st.composite
def updates(draw: st.DrawFn) -> tuple[str, str]:
    """A multi-year plan's title page with the year's update or refresh, and the period it is."""
    y, n = draw(st.integers(2014, 2023)), draw(st.integers(2, 3))
    u = draw(st.integers(y, y + n - 1))
    span = draw(st.sampled_from(_period_forms(y, n)))
    word = draw(st.sampled_from(["update", "refresh", "Update", "REFRESH"]))
    year = draw(st.sampled_from([f"{u}-{(u + 1) % 100:02d} {word}", f"{u}/{(u + 1) % 100:02d} {word}",
                                 f"{word} {u}", f"{u} {word}"]))
    council = draw(st.sampled_from(sorted(COUNCILS)))
    title = f"{council} Youth Justice Plan {span}\n{year}\n\nThe Crime and Disorder Act 1998 applies.\n"
    # the update in a plan's first year is that plan; a later one is the plan of its own year
    return title, (f"{y}-{(y + n) % 100:02d}" if u == y else f"{u}/{(u + 1) % 100:02d}")


def _meta(text: str, source: str = ANON):
    return extract_meta(read_text(text.encode("utf-8"), source))


def _render(text: str, form: str) -> tuple[bytes, str]:
    """The generated plan as a file in one of the forms plans come in: (bytes, anonymous source)."""
    title, _, body = text.partition("\n\n")
    lines, paras = title.split("\n"), [p for p in body.split("\n\n") if p.strip()]
    if form == "text-crlf":
        return text.replace("\n", "\r\n").encode("cp1252", "replace"), ANON
    if form == "markdown":
        md = "\n\n".join([f"# {lines[0]}", *(f"**{t}**" for t in lines[1:]), *paras])
        return md.encode("utf-8"), ANON.replace(".txt", ".md")
    if form == "html":
        html = "".join([f"<h1>{escape(lines[0])}</h1>", *(f"<h2>{escape(t)}</h2>" for t in lines[1:]),
                        *(f"<p>{escape(p)}</p>" for p in paras)])
        return f"<!doctype html><html><body>{html}</body></html>".encode("utf-8"), ANON.replace(".txt", ".html")
    pdf = pymupdf.open()  # HTML boxes: PyMuPDF's own fonts carry '–' and 'ô' as printed
    page = pdf.new_page()
    page.insert_htmlbox(pymupdf.Rect(60, 80, 540, 700),
                        "".join(f'<p style="font-size:18pt">{escape(t)}</p>' for t in lines))
    page = pdf.new_page()
    page.insert_htmlbox(pymupdf.Rect(60, 60, 540, 800),
                        "".join(f'<p style="font-size:10pt">{escape(p)}</p>' for p in paras))
    data = pdf.tobytes()
    pdf.close()
    return data, ANON.replace(".txt", ".pdf")


@EXAMPLES
@given(plans())
def test_title_page_names_the_area_and_period_whatever_the_body_says(plan):
    text, area, label = plan
    m = _meta(text)
    assert (m.council, m.service, m.period) == (area.council, area.service, label), text[:200]
    assert m.doc_type == "youth_justice_plan"


@RENDERED
@given(plans(), st.sampled_from(["text-crlf", "markdown", "html", "pdf"]))
def test_the_same_title_page_reads_the_same_as_markdown_html_and_pdf(plan, form):
    text, area, label = plan
    data, source = _render(text, form)
    m = extract_meta(read_document(data, source))
    assert (m.council, m.service, m.period) == (area.council, area.service, label), (form, text[:200])


@EXAMPLES
@given(plans())
def test_a_file_name_naming_the_same_plan_changes_nothing(plan):
    text, area, label = plan
    m = _meta(text, f"https://example.org/{area.service} YJ Plan.txt")
    assert (m.council, m.service, m.period) == (area.council, area.service, label)


@EXAMPLES
@given(updates())
def test_an_update_of_a_multi_year_plan_is_read_as_the_year_it_updates(case):
    text, label = case
    assert _meta(text).period == label, text


@EXAMPLES
@given(st.integers(1995, 2013), st.sampled_from(sorted(COUNCILS)))
def test_a_plan_whose_title_states_no_period_gets_none_rather_than_a_stray_year(stray, council):
    text = (f"{council} Youth Justice Plan\n\nThe Crime and Disorder Act 1998 requires this plan. The team was "
            f"set up in {stray}; since {stray} it has worked with the Children Act 1989 in mind.\n")
    assert _meta(text).period is None


@EXAMPLES
@given(st.sampled_from([s for s in services() if s.is_joint(2020) and s.name not in COUNCILS]))
def test_a_joint_service_plan_titled_by_one_member_but_naming_its_service_is_the_service_plan(svc):
    first = svc.councils(2020)[0]
    text = (f"{first} Youth Justice Plan 2020/21\n\nThe {svc.name} Youth Offending Service serves the area. "
            f"The {svc.name} management board approves this plan.\n")
    m = _meta(text)
    assert (m.council, m.service) == (svc.council_label(2020), svc.name)


def test_a_report_is_of_the_year_it_is_dated_and_a_plan_of_the_year_it_starts():
    assert _meta("2024 Annual Report\nArmed Forces Covenant in Kent\n\nText.\n").period == "2024"
    assert _meta("Youth Justice Plan 2024\nKent Youth Justice Service\n\nText.\n").period == "2024/25"


def test_a_council_report_about_one_member_of_a_joint_service_stays_with_that_council():
    m = _meta("Middlesbrough Council\nExecutive report\n14 March 2020\n\nThe report sets out the budget.\n")
    assert (m.council, m.service, m.period) == ("Middlesbrough", "South Tees", "2020")


@pytest.mark.parametrize("text,council,service", [
    ("Western Bay Youth Justice and Early Intervention Service\nYouth Justice Plan 2018/19\n\nSwansea and the "
     "team.\n", "Swansea & Neath Port Talbot & Bridgend", "Western Bay"),
    ("Western Bay Youth Justice and Early Intervention Service\nYouth Justice Plan 2019/20\n\nSwansea and the "
     "team.\n", "Swansea & Neath Port Talbot", "Western Bay"),
    ("Bridgend Youth Justice Plan 2019/20\n\nSince April 2019 Bridgend has left the Western Bay Youth Justice "
     "Service.\n", "Bridgend", "Bridgend"),
    ("Bridgend Youth Justice Plan 2018/19\n\nThe Western Bay Youth Justice Service covers Bridgend.\n",
     "Swansea & Neath Port Talbot & Bridgend", "Western Bay"),
])
def test_a_dated_membership_follows_the_plan_year(text, council, service):
    m = _meta(text)
    assert (m.council, m.service) == (council, service)


@pytest.mark.parametrize("text,council,service", [
    ("Cornwall Youth Justice Plan 2019/20\n\nThe service also covers the Isles of Scilly. Isles of Scilly "
     "cases are few; Isles of Scilly schools take part.\n", "Cornwall", "Cornwall"),
    ("Middlesbrough Youth Justice Plan 2019/20\n\nRedcar and Cleveland's police and Redcar and Cleveland's "
     "schools are partners.\n", "Middlesbrough", "South Tees"),
    ("Middlesbrough Youth Justice Plan 2019/20\n\nThe Middlesbrough and Redcar and Cleveland youth offending "
     "service.\n", "Middlesbrough & Redcar and Cleveland", "South Tees"),
])
def test_a_plan_is_a_joint_service_plan_only_when_it_names_the_joint_service(text, council, service):
    m = _meta(text)
    assert (m.council, m.service) == (council, service)


@pytest.mark.parametrize("text,council,service", [
    ("Devon and Cornwall Police\nPlymouth Youth Justice Plan 2019/20\n\nText.\n", "Plymouth", "Plymouth"),
    ("West Mercia Police\nWarwickshire Youth Justice Plan 2019/20\n\nText.\n", "Warwickshire", "Warwickshire"),
    ("Cwm Taf Morgannwg University Health Board\nBridgend Youth Justice Plan 2019/20\n\nText.\n", "Bridgend",
     "Bridgend"),
])
def test_a_partner_organisation_named_after_an_area_is_not_the_area(text, council, service):
    m = _meta(text)
    assert (m.council, m.service) == (council, service)

"""Which area a text is about: a council, or a Youth Justice Service that serves several councils.

Pure functions over strings and the services registry. A mention is a council ("Plymouth"), councils joined
as one ("Monmouthshire & Torfaen", "Cheshire West and Chester, Halton and Warrington") or a joint service by
its own name ("South Tees", "Western Bay"). The first area the title page names decides; the head and the
source name are weaker hints, and the body counts only to break ties or when nothing else names an area.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from normalisers.councils import COUNCILS, by_first_letter, council_mentions, unligature
from normalisers.services import joint_service_names, service_covering, service_named, services_with_dated_members


# a name followed by one of these is a partner organisation, not the area: "West Mercia Police",
# "Devon and Cornwall Constabulary", "Leicester City CCG", "Cwm Taf Morgannwg University Health Board"
_PARTNER = re.compile(r"['’]?s?\s*(?:Morgannwg\s+)?(?:Police|Constabulary|Fire|NHS|CCG|Clinical\s+Commissioning|"
                      r"(?:University\s+)?Health\s+Board|University|Hospitals?|Probation|Community\s+Rehabilitation|"
                      r"CRC|Magistrates|Crown\s+Court|Partnership\s+NHS|(?:NHS\s+)?Foundation\s+Trust|"
                      r"Healthcare|Mental\s+Health|College)\b", re.I)


@dataclass(frozen=True)
class Area:
    """``council`` as ``documents.council`` holds it (a joint service's councils joined by ' & ');
    ``service`` the Youth Justice Service's name (for a single-council service, the council)."""

    council: str
    service: str

    @property
    def councils(self) -> tuple[str, ...]:
        return tuple(self.council.split(" & "))


@lru_cache(maxsize=1)
def _service_pattern() -> re.Pattern[str]:
    forms = set(joint_service_names())
    forms |= {f.upper() for f in forms}
    alt = by_first_letter([re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True)])
    return re.compile(rf"(?=[A-Z])(?<![A-Za-z])({alt})(?![A-Za-z])")


@lru_cache(maxsize=2048)
def _from_councils(mention: str, year: Optional[int]) -> Area:
    names = mention.split(" & ")
    svc = service_covering(names, year)
    if svc is None:
        return Area(mention, mention)
    if len(names) == 1 and svc.is_joint(year):
        return Area(mention, svc.name)  # one member council named alone: that council, served by the service
    return Area(svc.council_label(year), svc.name)


@lru_cache(maxsize=16)
def area_mentions(text: str, year: Optional[int] = None) -> tuple[tuple[int, Area], ...]:
    """(offset, area) of each area a text names, in order; ``year`` is the plan year for dated memberships.
    (Cached: a document's body is read for areas more than once.)"""
    found: list[tuple[int, Area]] = []
    text = unligature(text)  # "Sheﬃeld" as a PDF's text layer may keep it

    def blank(m: re.Match[str]) -> str:
        svc = service_named(m.group(1))
        if svc is None:
            return m.group(0)
        if not _PARTNER.match(text, m.end()):
            found.append((m.start(), Area(svc.council_label(year), svc.name)))
        return " " * len(m.group(0))

    rest = _service_pattern().sub(blank, text)
    found += [(a, _from_councils(c, year)) for a, b, c in council_mentions(rest) if not _PARTNER.match(rest, b)]
    return tuple(sorted(found, key=lambda x: x[0]))


def areas_in(text: str, year: Optional[int] = None) -> tuple[Area, ...]:
    """Areas a text names, in order (with repeats)."""
    return tuple(a for _, a in area_mentions(text, year))


def _first_named(named: tuple[Area, ...]) -> Area:
    """The title page's area: the first it names, or a joint area it names that includes that one
    ('Monmouthshire YJ Plan - Monmouthshire & Torfaen YOS' is the joint service's)."""
    first = named[0]
    joint = [a for a in named if set(first.councils) < set(a.councils)]
    return joint[0] if joint else first


def _best(named: tuple[Area, ...], body: Counter[Area]) -> Area:
    """The area named most in the head or source name (each mention there counts ten of the body's); a
    joint area over one of its own councils."""
    score: Counter[Area] = Counter()
    for a in named:
        score[a] += 10
    for a in list(score):
        score[a] += body[a]
        if len(a.councils) > 1:  # "Monmouthshire & Torfaen" is about the joint service, not Monmouthshire
            for other in list(score):
                if other != a and set(other.councils) < set(a.councils):
                    score[a] += score[other]
    return max(score, key=lambda a: (score[a], -named.index(a)))


def area_of(title: str, head: str, source_name: str, text: str, year: Optional[int] = None,
            page: str = "") -> Optional[Area]:
    """The area a document is about: the first its title names, or the rest of its title page (``page``),
    else the one its head or source name names most, else the one its body names most. A document naming
    many areas, none dominant (a national report), has none."""
    body = Counter(areas_in(text, year))
    for zone in (title, page):  # the title, then the rest of the title page
        titled = areas_in(zone, year)
        if titled:
            return _first_named(titled)
    named = areas_in(head, year) + areas_in(source_name, year)
    if named:
        return _best(named, body)
    if not body:
        return None
    best, n = body.most_common(1)[0]
    if len(body) >= 8 and n < 0.4 * sum(body.values()):
        return None  # many areas, none dominant: a national or regional document
    return best


def depends_on_year(area: Area) -> bool:
    """Whether the area's reading could change with the plan year (a dated membership is involved)."""
    svc = service_named(area.service)
    dated = {m.council for s in services_with_dated_members() for m in s.members}
    return bool(dated & set(area.councils)) or (svc is not None and svc in services_with_dated_members())


def as_plan_of_service(area: Area, text: str, year: Optional[int] = None) -> Area:
    """A youth justice plan is its service's plan: a plan placed under one council of a joint service is the
    joint service's when its text names that service (by its own name, 'South Tees', or by all its councils
    together). A service named as one of its councils (Cornwall, serving the Isles of Scilly too) is left as
    that council: its name alone does not say the plan is the joint one."""
    svc = service_named(area.service)
    if svc is None or len(area.councils) > 1 or not svc.is_joint(year) or svc.name in COUNCILS:
        return area
    dated = svc in services_with_dated_members()  # else the body already read (year None) answers
    if any(a.service == svc.name and len(a.councils) > 1 for a in areas_in(text, year if dated else None)):
        return Area(svc.council_label(year), svc.name)
    return area

"""The Youth Justice Services (youth offending teams) of England and Wales and the councils each serves.

The registry is data, ``data/youth_justice_services.csv`` (compiled by hand; its header says how and how
sure). A joint service is one service with several member councils (South Tees: Middlesbrough, Redcar and
Cleveland); a membership may be dated (Bridgend was in Western Bay until April 2019). Council names are the
canonical ones of :mod:`normalisers.councils`. Loading reads that one bundled file; everything else here is
a pure function over the loaded records.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from normalisers.councils import COUNCILS

REGISTRY = Path(__file__).resolve().parents[1] / "data" / "youth_justice_services.csv"
COLUMNS = ("service", "aliases", "councils", "nation", "region", "confidence", "notes")
_DATED = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<kind>until|from)\s+(?P<year>\d{4})\))?$")


@dataclass(frozen=True)
class Membership:
    """A council in a service; ``since``/``until`` are the April the membership began/ended (None: always)."""

    council: str
    since: Optional[int] = None
    until: Optional[int] = None

    def holds_in(self, year: Optional[int]) -> bool:
        """Whether the council is a member in the plan year starting April ``year`` (None: today)."""
        if year is None:
            return self.until is None
        return (self.since is None or year >= self.since) and (self.until is None or year < self.until)


@dataclass(frozen=True)
class Service:
    name: str
    aliases: tuple[str, ...]
    members: tuple[Membership, ...]
    nation: str
    region: str
    confidence: str
    notes: str = ""

    def councils(self, year: Optional[int] = None) -> tuple[str, ...]:
        """Member councils in the plan year starting April ``year`` (None: as the registry stands today)."""
        return tuple(m.council for m in self.members if m.holds_in(year))

    def is_joint(self, year: Optional[int] = None) -> bool:
        return len(self.councils(year)) > 1

    def council_label(self, year: Optional[int] = None) -> str:
        """How ``documents.council`` names the area: the council, or a joint service's councils joined by '&'."""
        return " & ".join(self.councils(year)) or self.name


class RegistryError(ValueError):
    """A row of the services registry that cannot be read; names the file, line and what is wrong."""


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()]


def _membership(text: str, where: str) -> Membership:
    m = _DATED.match(text)
    if not m or m.group("name") not in COUNCILS:
        raise RegistryError(f"{where}: {text!r} is not a council of normalisers.councils")
    year = int(m.group("year")) if m.group("year") else None
    kind = m.group("kind")
    return Membership(m.group("name"), since=year if kind == "from" else None, until=year if kind == "until" else None)


def parse_registry(lines: Iterable[str], source: str = "registry") -> tuple[Service, ...]:
    """Services from the CSV text (lines starting with '#' are comments)."""
    rows = [ln for ln in lines if not ln.startswith("#")]
    reader = csv.DictReader(rows)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise RegistryError(f"{source}: header lacks column(s) {', '.join(missing)}")
    out: list[Service] = []
    for i, row in enumerate(reader, start=2):
        where = f"{source}, row {i}"
        members = tuple(_membership(c, where) for c in _split(row["councils"] or ""))
        if not row["service"] or not members:
            raise RegistryError(f"{where}: a service needs a name and at least one council")
        out.append(Service(row["service"].strip(), tuple(_split(row["aliases"] or "")), members,
                           row["nation"].strip(), row["region"].strip(), row["confidence"].strip(),
                           (row["notes"] or "").strip()))
    return tuple(out)


@lru_cache(maxsize=1)
def services() -> tuple[Service, ...]:
    """The bundled registry (read once)."""
    if not REGISTRY.is_file():
        raise RegistryError(f"{REGISTRY}: the services registry is missing; it ships with the repository "
                            "(install it editable: make install)")
    with REGISTRY.open(encoding="utf-8", newline="") as f:
        return parse_registry(f, REGISTRY.name)


@lru_cache(maxsize=1024)
def service_of(council: str, year: Optional[int] = None) -> Optional[Service]:
    """The service that serves a council in the plan year starting April ``year``."""
    for s in services():
        if council in s.councils(year):
            return s
    return None


def service_covering(councils: Iterable[str], year: Optional[int] = None) -> Optional[Service]:
    """The one service whose members include every one of ``councils`` (None if they span services)."""
    wanted = set(councils)
    found = {s.name: s for c in wanted for s in [service_of(c, year)] if s is not None}
    if len(found) != 1:
        return None
    (svc,) = found.values()
    return svc if wanted <= set(svc.councils(year)) else None


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("&", "and")).strip().lower()


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Service]:
    out: dict[str, Service] = {}
    for s in services():
        for n in (s.name, *s.aliases):
            out.setdefault(_key(n), s)
    return out


def service_named(name: str) -> Optional[Service]:
    """A service by its name or an alias ('Monmouthshire & Torfaen', 'South Tees'); case and '&' ignored."""
    return _by_name().get(_key(name))


@lru_cache(maxsize=1)
def joint_service_names() -> tuple[str, ...]:
    """Names and aliases of joint services that are not a council's name ('South Tees', 'Western Bay'),
    longest first; a joint service named by its councils ('Monmouthshire & Torfaen') is found as councils."""
    names = {n for s in services() if len(s.members) > 1 for n in (s.name, *s.aliases) if n not in COUNCILS}
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def services_with_dated_members() -> tuple[Service, ...]:
    return tuple(s for s in services() if any(m.since is not None or m.until is not None for m in s.members))

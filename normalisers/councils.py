"""Local authorities of England and Wales (the areas Youth Offending Teams serve), and matching them in text.

The list is of upper-tier and unitary councils as they stood around 2019-2021, plus the Welsh principal
areas, with the short forms plans use ("N Somerset", "City of York", "Kingston upon Hull"). Pure data and
pure functions: no file or database access.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

ENGLAND = """
Barking and Dagenham; Barnet; Barnsley; Bath and North East Somerset; Bedford; Bexley; Birmingham;
Blackburn with Darwen; Blackpool; Bolton; Bournemouth, Christchurch and Poole; Bracknell Forest; Bradford;
Brent; Brighton and Hove; Bristol; Bromley; Buckinghamshire; Bury; Calderdale; Cambridgeshire; Camden;
Central Bedfordshire; Cheshire East; Cheshire West and Chester; City of London; Cornwall; Coventry; Croydon;
Cumbria; Darlington; Derby; Derbyshire; Devon; Doncaster; Dorset; Dudley; Durham; Ealing; East Riding of Yorkshire;
East Sussex; Enfield; Essex; Gateshead; Gloucestershire; Greenwich; Hackney; Halton; Hammersmith and Fulham;
Hampshire; Haringey; Harrow; Hartlepool; Havering; Herefordshire; Hertfordshire; Hillingdon; Hounslow;
Isle of Wight; Isles of Scilly; Islington; Kensington and Chelsea; Kent; Kingston upon Hull; Kingston upon Thames;
Kirklees; Knowsley; Lambeth; Lancashire; Leeds; Leicester City; Leicestershire; Lewisham; Lincolnshire; Liverpool;
Luton; Manchester; Medway; Merton; Middlesbrough; Milton Keynes; Newcastle upon Tyne; Newham; Norfolk;
North East Lincolnshire; North Lincolnshire; North Somerset; North Tyneside; North Yorkshire; Northamptonshire;
Northumberland; Nottingham; Nottinghamshire; Oldham; Oxfordshire; Peterborough; Plymouth; Portsmouth; Reading;
Redbridge; Redcar and Cleveland; Richmond upon Thames; Rochdale; Rotherham; Rutland; Salford; Sandwell; Sefton;
Sheffield; Shropshire; Slough; Solihull; Somerset; South Gloucestershire; South Tyneside; Southampton;
Southend-on-Sea; Southwark; St Helens; Staffordshire; Stockport; Stockton-on-Tees; Stoke-on-Trent; Suffolk;
Sunderland; Surrey; Sutton; Swindon; Tameside; Telford and Wrekin; Thurrock; Torbay; Tower Hamlets; Trafford;
Wakefield; Walsall; Waltham Forest; Wandsworth; Warrington; Warwickshire; West Berkshire; West Sussex;
Westminster; Wigan; Wiltshire; Windsor and Maidenhead; Wirral; Wokingham; Wolverhampton; Worcestershire; York
"""

WALES = """
Blaenau Gwent; Bridgend; Caerphilly; Cardiff; Carmarthenshire; Ceredigion; Conwy; Denbighshire; Flintshire;
Gwynedd; Isle of Anglesey; Merthyr Tydfil; Monmouthshire; Neath Port Talbot; Newport; Pembrokeshire; Powys;
Rhondda Cynon Taf; Swansea; Torfaen; Vale of Glamorgan; Wrexham
"""

# Other spellings plans use -> the canonical name above.
ALIASES = {
    "N Somerset": "North Somerset", "NE Lincolnshire": "North East Lincolnshire",
    "Hull": "Kingston upon Hull", "City of York": "York", "County Durham": "Durham",
    "Bath & North East Somerset": "Bath and North East Somerset", "Brighton & Hove": "Brighton and Hove",
    "Telford & Wrekin": "Telford and Wrekin", "Redcar & Cleveland": "Redcar and Cleveland",
    "Blackburn With Darwen": "Blackburn with Darwen", "Hammersmith & Fulham": "Hammersmith and Fulham",
    "Kensington & Chelsea": "Kensington and Chelsea", "Barking & Dagenham": "Barking and Dagenham",
    "Windsor & Maidenhead": "Windsor and Maidenhead", "Anglesey": "Isle of Anglesey",
    "Southend": "Southend-on-Sea", "Stockton": "Stockton-on-Tees", "Stoke": "Stoke-on-Trent",
    "Newcastle": "Newcastle upon Tyne", "Richmond": "Richmond upon Thames",
    "Kingston": "Kingston upon Thames", "BCP": "Bournemouth, Christchurch and Poole",
    "Leicester": "Leicester City", "Ynys Môn": "Isle of Anglesey", "Ynys Mon": "Isle of Anglesey",
    "Rhondda Cynon Taff": "Rhondda Cynon Taf", "Bath & NE Somerset": "Bath and North East Somerset",
    "B&NES": "Bath and North East Somerset", "BaNES": "Bath and North East Somerset",
    "Cheshire West & Chester": "Cheshire West and Chester", "St. Helens": "St Helens",
}


def _names(block: str) -> list[str]:
    return [n.strip() for n in block.replace("\n", " ").split(";") if n.strip()]


COUNCILS: tuple[str, ...] = tuple(_names(ENGLAND) + _names(WALES))
WELSH: frozenset[str] = frozenset(_names(WALES))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """Case-sensitive: each name as written and in capitals; a match must start at a capital letter
    (the lookahead lets the engine skip every other position cheaply)."""
    forms = set(COUNCILS) | set(ALIASES)
    forms |= {f.upper() for f in forms}
    ordered = sorted(forms, key=len, reverse=True)  # longest first: North Somerset before Somerset
    # a space or a hyphen between words either way: "Stoke on Trent", "Newcastle-upon-Tyne"
    alt = by_first_letter([re.escape(f).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+") for f in ordered])
    return re.compile(rf"(?=[A-Z])(?<![A-Za-z])({alt})(?![A-Za-z])")


def by_first_letter(alternatives: list[str]) -> str:
    """The alternation of regex alternatives that each open with a literal letter, grouped by that letter
    ('A(?:rest|rest)|B(?:...)', each group keeping the given order): at a position only the alternatives that can
    start there are tried, in the order they were given, so it matches what the plain alternation matches."""
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        if not a[:1].isalpha() or not a[:1].isascii():
            raise ValueError(f"an alternative must open with a letter: {a!r}")
        groups.setdefault(a[0], []).append(a[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


@lru_cache(maxsize=1)
def _canonical_map() -> dict[str, str]:
    out = {_key(alias): name for alias, name in ALIASES.items()}
    out.update({_key(name): name for name in COUNCILS})
    return out


def _key(form: str) -> str:
    return re.sub(r"[\s-]+", " ", form).lower()


def _canonical(form: str) -> str:
    return _canonical_map().get(_key(form), re.sub(r"\s+", " ", form))


# typographic ligatures a PDF's text layer may keep ("Sheﬃeld", "Oﬀending"), spelt out
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LIGATURE = re.compile("[ﬀﬁﬂﬃﬄﬅﬆ]")


def unligature(text: str) -> str:
    return _LIGATURE.sub(lambda m: LIGATURES[m.group(0)], text) if _LIGATURE.search(text) else text


_JOIN = re.compile(r"\s*(?:,|&|and)\s*", re.I)
_LAST_JOIN = re.compile(r"\s*(?:&|and)\s*", re.I)


def find_councils(text: str) -> list[str]:
    """Canonical council names in the order they are mentioned (with repeats).

    A mention must start with a capital letter ("Reading", "READING"; not "reading"), and councils joined
    by "&" or "and" ("Monmouthshire & Torfaen", "Cheshire West and Chester, Halton and Warrington") are one
    joint service, named as printed with " & " between its councils.
    """
    return [name for _, _, name in council_mentions(unligature(text))]


def council_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each mention, as :func:`find_councils` names them (ligatures not spelt out:
    offsets are those of the text given)."""
    out: list[tuple[int, int, str]] = []
    matches = list(_pattern().finditer(text))
    i = 0
    while i < len(matches):
        j = i
        while j + 1 < len(matches) and _JOIN.fullmatch(text[matches[j].end():matches[j + 1].start()]):
            j += 1
        while j > i and not _LAST_JOIN.fullmatch(text[matches[j - 1].end():matches[j].start()]):
            j -= 1  # a list "A, B and C" is joint only up to its "and": "A, B" alone is a list
        out.append((matches[i].start(), matches[j].end(), " & ".join(_canonical(m.group(1)) for m in matches[i:j + 1])))
        i = j + 1
    return out


def count_councils(text: str) -> Counter[str]:
    return Counter(find_councils(text))

"""Staffing grid labels to the warehouse vocabulary (contract, role, basis, ethnicity group). Pure functions.

The YJB staffing template prints contract types as rows ("Seconded Health (Mental health)", "Secondee Police"),
roles with a part/full-time split as columns ("Practitioners (PT)") and, in the headcount grid, an M/F pair per
role. Councils reword these freely, so matching is by key words, never by exact strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

_SECONDED_HEALTH = (
    (re.compile(r"substance|drug|alcohol|misuse", re.I), "seconded_health_substance_misuse"),
    (re.compile(r"mental|camhs", re.I), "seconded_health_mental_health"),
    (re.compile(r"physical", re.I), "seconded_health_physical_health"),
    (re.compile(r"speech|language|salt", re.I), "seconded_health_speech_language"),
)
_SECONDED_OTHER = (
    (re.compile(r"children", re.I), "seconded_children_services"),
    (re.compile(r"probation|\bnps\b|\bcrc\b", re.I), "seconded_probation"),
    (re.compile(r"police", re.I), "seconded_police"),
    (re.compile(r"education", re.I), "seconded_education"),
    (re.compile(r"connexions|careers", re.I), "seconded_connexions"),
)
_PLAIN = (
    (re.compile(r"^permanent\b", re.I), "permanent"),
    (re.compile(r"^fixed[\s-]*term\b", re.I), "fixed_term"),
    (re.compile(r"^outsourced\b", re.I), "outsourced"),
    (re.compile(r"^temporary\b|^agency\b", re.I), "temporary"),  # YJB: temporary staff are agency staff
    (re.compile(r"^vacan(t|cy|cies)\b", re.I), "vacant"),
)
_SECONDED = re.compile(r"\bsecond(ed|ee|ment)s?\b", re.I)


def clean_label(text: str) -> str:
    """A label as printed, with runs of whitespace (wraps inside a cell) made single spaces (the regex squeeze
    ``re.sub(r"\\s+", " ", text).strip()``: str.split and the regex know the same whitespace, every code point)."""
    return " ".join(text.split())


def contract_code(label: str) -> Optional[str]:
    """'Secondee Health (Mental health)' -> 'seconded_health_mental_health'; None when not a contract type."""
    text = clean_label(label)
    if len(text) > 60:
        return None
    for rx, code in _PLAIN:
        if rx.search(text):
            return code
    if not _SECONDED.search(text):
        return None
    if re.search(r"health", text, re.I):
        if re.search(r"other|unspecified", text, re.I):
            return "seconded_health_other"
        for rx, code in _SECONDED_HEALTH:
            if rx.search(text):
                return code
        return "seconded_health_other"
    for rx, code in _SECONDED_OTHER:
        if rx.search(text):
            return code
    return "seconded_other" if re.search(r"other|unspecified", text, re.I) else None


@dataclass(frozen=True)
class RoleMention:
    role: str  # a role code or "total"
    basis: Optional[str]  # "part_time" / "full_time" when the header says so
    start: int
    end: int


_ROLE_PATTERNS = (
    (r"strategic\s+managers?|managers?\s+strategic|senior\s+managers?|heads?\s+of\s+service", "strategic_manager"),
    (r"operational\s+managers?|managers?\s+operational|team\s+(?:managers?|leaders?)|middle\s+managers?",
     "operational_manager"),
    (r"practitioners?|case\s*(?:managers?|workers?)|(?:yot|yos|youth\s+justice)\s+(?:officers?|workers?)",
     "practitioner"),
    (r"administration|administrative|admin\b|business\s+support|clerical", "administrative"),
    (r"sessional(?:\s+workers?)?", "sessional"),
    (r"students?(?:\s*/\s*trainees?)?|trainees?", "student"),
    (r"referral\s+order\s+panel\s+volunteers?", "referral_order_panel_volunteer"),
    (r"other\s+volunteers?", "other_volunteer"),
    (r"volunteers?", "volunteer"),
    (r"total", "total"),
)
def _alternatives(pattern: str) -> list[str]:
    """A pattern's top-level alternatives (split at '|' outside brackets)."""
    out, depth, start = [], 0, 0
    for k, ch in enumerate(pattern):
        if ch == "(" and (k == 0 or pattern[k - 1] != "\\"):
            depth += 1
        elif ch == ")" and pattern[k - 1] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:k])
            start = k + 1
    return out + [pattern[start:]]


def _first_letters(pattern: str) -> set[str]:
    """The letters a match of the pattern can start with (every alternative opens with a letter or a group)."""
    letters: set[str] = set()
    for alt in _alternatives(pattern):
        if alt.startswith("(?:"):
            depth = next(k for k in range(len(alt)) if alt[:k + 1].count("(") == alt[:k + 1].count(")"))
            letters |= _first_letters(alt[3:depth])
        elif alt[:1].isalpha():
            letters.add(alt[0].lower())
        else:
            raise ValueError(f"role pattern alternative must open with a letter or a group: {alt!r}")
    return letters


# every alternative opens with a letter: a lookahead on those letters lets the scan skip other positions at once,
# and one on each role's own letters skips that role's alternatives where none can start
_ROLE_START = "".join(sorted(set().union(*(_first_letters(p) for p, _ in _ROLE_PATTERNS))))
_ROLE_RX = re.compile(f"(?=[{_ROLE_START}])(?:" + "|".join(f"(?P<g{i}>(?=[{''.join(sorted(_first_letters(p)))}])(?:{p}))"
                                                           for i, (p, _) in enumerate(_ROLE_PATTERNS)) + ")", re.I)


def basis_code(text: str) -> Optional[str]:
    t = text.lower().replace(" ", "").replace("-", "")
    if t in ("pt", "parttime"):
        return "part_time"
    if t in ("ft", "fulltime"):
        return "full_time"
    return None


def _prefixes(pattern: str) -> set[str]:
    """Lower-case literal openings of the pattern: every match starts with one of them."""
    out: set[str] = set()
    for alt in _alternatives(pattern):
        if alt.startswith("(?:"):
            depth = next(k for k in range(len(alt)) if alt[:k + 1].count("(") == alt[:k + 1].count(")"))
            if alt[depth + 1:depth + 2] in ("?", "*", "{"):
                raise ValueError(f"role pattern alternative must not open with an optional group: {alt!r}")
            out |= _prefixes(alt[3:depth])
            continue
        letters = re.match(r"[A-Za-z]*", alt).group(0)  # type: ignore[union-attr]
        if alt[len(letters):len(letters) + 1] in ("?", "*", "{"):
            letters = letters[:-1]  # 'heads?': the 's' may be missing
        if not letters:
            raise ValueError(f"role pattern alternative must open with a letter: {alt!r}")
        out.add(letters.lower())
    return out


_ROLE_PREFIXES = tuple(sorted(set().union(*(_prefixes(p) for p, _ in _ROLE_PATTERNS))))
# the only characters re.IGNORECASE matches with an ASCII letter that str.lower does not turn into it (İ ı ſ K)
_FOLDS = frozenset("\u0130\u0131\u017f\u212a")


def _role_matches(header: str) -> Iterator[re.Match[str]]:
    """``_ROLE_RX.finditer(header)``, tried only where a role word's opening is printed (found with str.find in
    the lower-cased text, which matches as the regex does unless it holds one of ``_FOLDS`` or lower-casing
    changes its length: then the regex scans it all)."""
    low = header.lower()
    if len(low) != len(header) or not _FOLDS.isdisjoint(header):
        yield from _ROLE_RX.finditer(header)
        return
    starts: set[int] = set()
    for prefix in _ROLE_PREFIXES:
        k = low.find(prefix)
        while k >= 0:
            starts.add(k)
            k = low.find(prefix, k + 1)
    end = 0
    for k in sorted(starts):
        if k < end:
            continue
        m = _ROLE_RX.match(header, k)
        if m:
            yield m
            end = m.end()


def role_mentions(header: str) -> list[RoleMention]:
    """Roles named in a header text, in order, each with its '(PT)'/'(FT)' suffix when printed."""
    out: list[RoleMention] = []
    for m in _role_matches(header):
        idx = next(i for i, v in enumerate(m.groups()) if v is not None)
        role = _ROLE_PATTERNS[idx][1]
        basis = None
        end = m.end()
        suffix = re.match(r"\s*\|?\s*\(\s*(PT|FT|part[\s-]*time|full[\s-]*time)\s*\)", header[end:], re.I)
        if suffix:
            basis = basis_code(suffix.group(1))
            end += suffix.end()
        out.append(RoleMention(role, basis, m.start(), end))
    if any(r.role == "referral_order_panel_volunteer" for r in out):
        out = [RoleMention("other_volunteer", r.basis, r.start, r.end) if r.role == "volunteer" else r for r in out]
    return out


SPLIT_ROLES = ("strategic_manager", "operational_manager", "practitioner", "administrative")

# The YJB template's columns, used only when a grid's header was lost and its width matches exactly.
TEMPLATE_FTE: tuple[tuple[str, Optional[str]], ...] = (
    ("strategic_manager", "part_time"), ("strategic_manager", "full_time"),
    ("operational_manager", "part_time"), ("operational_manager", "full_time"),
    ("practitioner", "part_time"), ("practitioner", "full_time"),
    ("administrative", "part_time"), ("administrative", "full_time"),
    ("sessional", None), ("student", None), ("volunteer", None), ("total", None),
)
TEMPLATE_HEADCOUNT_ROLES = ("strategic_manager", "operational_manager", "practitioner", "administrative",
                            "sessional", "student", "referral_order_panel_volunteer", "other_volunteer", "total")


_UNDISCLOSED = re.compile(r"not\s+known|unknown|not\s+stated|prefer\s+not|not\s+(?:disclosed|recorded|given)|"
                         r"undisclosed|declined|refused|not\s+declared|undeclared", re.I)


def undisclosed(label: str) -> bool:
    """An ethnicity row for staff whose ethnicity is not known or not given ('Not known', 'Prefer not to say')."""
    return bool(_UNDISCLOSED.search(label))


def ethnicity_group(label: str) -> Optional[str]:
    """The 5+1 group of an ethnicity row label ('White & Black Caribbean' -> 'Mixed')."""
    t = clean_label(label).lower()
    if undisclosed(t):
        return None
    if "mixed" in t or re.search(r"white\s*(&|and)\s*(black|asian)", t):
        return "Mixed"
    if "white" in t or "gypsy" in t or "traveller" in t:
        return "White"
    if re.search(r"asian|indian|pakistani|bangladeshi", t):
        return "Asian"
    if re.search(r"black|african|caribbean", t):
        return "Black"
    if re.search(r"chinese|other|arab", t):
        return "Other"
    return None


def sex_code(text: str) -> Optional[str]:
    t = clean_label(text).lower()
    if t in ("m", "male", "males"):
        return "M"
    if t in ("f", "female", "females"):
        return "F"
    return None

"""Budget row label -> agency code (vocabulary of ../shared/gold/README.md).

Funders are mapped by who pays: council money (education included) is ``local_authority``; PCC money
(OPCC, MOPAC, a Community Safety Partnership passing PCC money on) is ``pcc``; CCG, NHS, CAMHS and Public
Health are ``health``; national grants other than the YJB's (Troubled Families, DSG) are ``other``.
An ``Other (...)`` label is mapped by what its brackets name when they name a funder.
"""
from __future__ import annotations

import logging
import re
from typing import Optional

log = logging.getLogger(__name__)

AGENCIES = ("police", "pcc", "probation", "health", "local_authority", "yjb", "welsh_government", "other")

# Order matters: the first rule that matches wins (PCC before police, YJB before grants).
_RULES: tuple[tuple[str, str], ...] = (
    ("pcc", r"police\s*(?:(?:and|&)\s*)?crime\s*commissioner|\bo?pcc\b|\bmopac\b|community\s+safety"),
    ("yjb", r"\by\.?j\.?s?\.?b\b|youth\s+justice\s+board|^\W*(?:the\s+)?youth\s+justice\s+(?:yot\s+|yos\s+|core\s+|"
            r"(?:good|effective)\s+practice\s+)?grant|"
            r"junior\s+attendance\s+cent"),
    ("welsh_government", r"welsh\s+(assembly\s+)?government|wales\s+assembly|\bwelsh\s+gov"),
    ("probation", r"probation|\bnps\b|\bcrc\b|\bhmpps\b|community\s+rehabilitation\s+company"),
    ("health", r"health|\bccg\b|\bnhs\b|camhs|clinical\s+commissioning|substance\s+misuse|"
               r"foundation\s+trust"),
    ("police", r"\bpolice\b|constabulary"),
    ("other", r"troubled\s+families|\bdsg\b|dedicated\s+schools\s+grant|\bgrant\b"),
    ("local_authority", r"local\s+authority|\bcouncil\b|education|children'?s\s+services|\bla\b"),
)
_OTHER = re.compile(r"^\W*other\b", re.I)
_BRACKETS = re.compile(r"\(([^)]*)\)")


def agency_of(label: str) -> Optional[str]:
    """The agency a budget row label names, or None when it names none (not a partner budget row)."""
    text = _clean(label)
    if not text:
        return None
    if _OTHER.match(text):
        inner = _BRACKETS.search(text)
        named = _match(inner.group(1)) if inner else None
        return named or "other"
    return _match(text)


def _match(text: str) -> Optional[str]:
    for code, pattern in _RULES:
        if re.search(pattern, text, re.I):
            return code
    return None


def _clean(label: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"</?b>|[*†‡]", " ", label)).strip()


def name_end(label: str) -> Optional[int]:
    """Where the last agency name printed in ``label`` ends (an index into ``label``), or None when it names none:
    the words after it qualify the name ('Service', '(Public Health)') or start another one."""
    ends = [m.end() for _, pattern in _RULES for m in re.finditer(pattern, label, re.I)]
    other = _OTHER.match(label)
    if other:
        ends.append(other.end())
    return max(ends) if ends else None

"""Staff numbers stated in prose ("22 practitioner and admin staff (17.46 FTE)"), which the staffing checks
compare with the grids."""
from __future__ import annotations

import re
from decimal import Decimal

from pipeline.records import Document, StaffClaim

EXTRACTOR = "staffing.claims"
_CLAIM = re.compile(r"\b(\d{1,3})\s+((?:[a-z]+(?:,|\s+and)?\s+){0,4}?)staff\s*\(\s*(\d+(?:\.\d+)?)\s*FTE\s*\)", re.I)
_STAFF = re.compile(r"staff", re.I)  # with '(', in every _CLAIM match: other lines are not searched
_CLAIM_ROLES = (("practitioner", "practitioner"), ("admin", "administrative"), ("manager", "manager"))


def claim_roles(words: str) -> frozenset[str]:
    """The template roles a claim's words name ('managers' are both strategic and operational managers)."""
    roles = {code for key, code in _CLAIM_ROLES if key in words.lower()}
    if "manager" in roles:
        roles |= {"strategic_manager", "operational_manager"}
    return frozenset(roles - {"manager"})


def staff_claims(doc: Document) -> tuple[StaffClaim, ...]:
    out = []
    for i, line in enumerate(doc.lines):
        if "(" not in line.text or not _STAFF.search(line.text):
            continue
        for m in _CLAIM.finditer(line.text):
            roles = claim_roles(m.group(2))
            if roles:
                out.append(StaffClaim(Decimal(m.group(1)), Decimal(m.group(3)), tuple(sorted(roles)), m.group(0),
                                      doc.prov(i, m.group(0), EXTRACTOR)))
    return tuple(out)

"""The frequency measures of re-offending stated in a sentence: '3.3 re-offences per re-offender', 'offences per
offender of 3.47', '1.62 Reoffences/offender' (a slash for 'per'). The unit (per re-offender, the re-offenders only;
per offender, the whole cohort) is the vocabulary's reading of the words printed beside the figure. A figure printed with '%' beside these words is a
unit slip the checks report, not a value read here.
"""
from __future__ import annotations

import re
from decimal import Decimal

from extractors.indicators import vocabulary as vocab
from extractors.indicators.rules import Reading

_PER = r"(?:re-?\s?)?offences(?:\s+per\s+|\s*/\s*)(?:re-?\s?)?offender"  # 'per' or a slash: 'Reoffences/offender'
_FIGURE = r"(?<![\d.,])(\d{1,2}\.\d{1,2}|\d)(?![\d.,]*\d|\s?%)"
_BEFORE = re.compile(_FIGURE + r"\s+(" + _PER + r")\b", re.I)  # '3.3 reoffences per reoffender'
_AFTER = re.compile(r"\b(" + _PER + r")\s*(?:\([^)]{0,20}\)\s*)?(?P<where>(?:\s*[A-Za-z]+ly)?)\s*(?:of|is|was|as|at|to|:|=|"
                    r"has\s+(?:risen|fallen|increased|decreased)\s+to)\s+" + _FIGURE, re.I)  # '... nationally was 3.90'


def frequency_readings(sentence: str, scope: str) -> list[Reading]:
    out = []
    for m in _BEFORE.finditer(sentence):
        out += _reading(m.group(1), m.group(2), m.start(1), scope)
    for m in _AFTER.finditer(sentence):
        where = {"nationally": "national", "regionally": "regional", "locally": "local"}.get(
            m.group("where").strip().lower(), scope)
        out += _reading(m.group(3), m.group(1), m.start(3), where)
    return out


def _reading(figure: str, words: str, start: int, scope: str) -> list[Reading]:
    unit = vocab.unit(re.sub(r"\s*/\s*", " per ", words))  # the slash read as the word it stands for
    if unit not in ("reoffences_per_reoffender", "reoffences_per_offender"):
        return []
    return [Reading("reoffending", Decimal(figure), unit, scope, "actual", figure, start)]

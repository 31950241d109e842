"""Money as printed -> Decimal (never float), with the raw text kept beside it.

Handles what real conversions print: ``£`` (also on its own line), thousands commas, a stray space inside
a number (``2,026, 615``), ``-`` for nil, blanks, pence, ``(1,234)`` for a negative, footnote stars, and a
footnote digit glued to the last group (``82,4202``: the arithmetic decides, see :func:`footnote_reading`).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from pipeline.records import Amount

log = logging.getLogger(__name__)

_NIL = {"-", "–", "—", "nil", "£-", "£ -", "£–"}
_STRIP = re.compile(r"[£*\s]|&nbsp;|GBP", re.I)
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")
_PLAIN = re.compile(r"^\d+(\.\d{1,2})?$")
_DOT_GROUPED = re.compile(r"^\d{1,3}(?:[.,]\d{3})*\.\d{3}(?:[.,]\d{3})*(?:\.\d{2})?$")  # 570.283, 1,536.514.00
_GLUED = re.compile(r"^(\d{1,3}(?:,\d{3})*),(\d{3})(\d)$")
_STRAY_SPACE = re.compile(r"\d,\s+\d")
_MONEY_IN_TEXT = re.compile(r"£\s?(\d{1,3}(?:[,.]\s?\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)(?![\d,]\d)(\s?(?:m|k|bn|million|billion)\b)?", re.I)


@dataclass(frozen=True)
class MoneyMention:
    """A £ figure found in prose: its raw text, value and character span."""

    raw: str
    value: Decimal
    start: int
    end: int


def is_blank(raw: str) -> bool:
    """True for an empty cell (whitespace, a lone £ or stars only)."""
    return _STRIP.sub("", raw) == ""


def _core(raw: str) -> tuple[str, bool]:
    """The digits of a cell without £, stars and spaces; and whether it is bracketed (negative)."""
    s = _STRIP.sub("", raw)
    negative = False
    if s.startswith("(") and s.endswith(")"):
        s, negative = s[1:-1], True
    elif s.startswith("-") and len(s) > 1:
        s, negative = s[1:], True
    return s, negative


def parse_amount(raw: str) -> Optional[Amount]:
    """A money cell to an Amount; None when the text is not a money amount at all.

    A blank cell gives ``value=None``; a printed dash gives 0. A footnote digit glued on (``82,4202``) is
    read as printed grouping allows: the value is None with a note, and :func:`footnote_reading` offers
    the reading without the digit for the caller to confirm by arithmetic.
    """
    text = raw.strip()
    if is_blank(text):
        return Amount(raw, None)
    compact = re.sub(r"\s+", "", text)
    if compact.lower() in _NIL or compact.strip("£") in _NIL:
        return Amount(raw, Decimal(0))
    core, negative = _core(text)
    note = _notes(text)
    if _GROUPED.match(core) or _PLAIN.match(core):
        value = _decimal(core.replace(",", ""))
        if value is None:
            return None
        return Amount(raw, -value if negative else value, note)
    if _DOT_GROUPED.match(core):
        value = _dot_grouped(core)
        return Amount(raw, -value if negative else value, "'.' printed as a thousands separator")
    if _GLUED.match(core):
        return Amount(raw, None, "digit glued to the last group (footnote?)")
    return None


def _dot_grouped(core: str) -> Decimal:
    """``1,536.514.00`` -> 1536514.00: every '.' before a group of three digits separates thousands."""
    pence = ""
    if re.search(r"\.\d{2}$", core):
        core, pence = core[:-3], core[-3:]
    return Decimal(re.sub(r"[.,]", "", core) + pence)


def _notes(text: str) -> str:
    notes = []
    if _STRAY_SPACE.search(text):
        notes.append("stray space inside number")
    if "*" in text:
        notes.append("footnote star removed")
    return "; ".join(notes)


def _decimal(s: str) -> Optional[Decimal]:
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def footnote_reading(raw: str) -> Optional[tuple[Decimal, str]]:
    """For ``82,4202`` the reading 82,420 with footnote digit ``2``; None when the grouping is regular."""
    core, negative = _core(raw.strip())
    m = _GLUED.match(core)
    if not m:
        return None
    value = Decimal((m.group(1) + m.group(2)).replace(",", ""))
    return (-value if negative else value), m.group(3)


def is_malformed(raw: str) -> bool:
    """True when a number is printed irregularly (a stray space inside its grouping)."""
    return bool(_STRAY_SPACE.search(raw))


def money_mentions(text: str) -> list[MoneyMention]:
    """Every £ amount in a sentence (``£1,223,757``, ``£ 239,206``); £822k-style shorthands are skipped."""
    out = []
    for m in _MONEY_IN_TEXT.finditer(text):
        if m.group(2):
            continue
        digits = re.sub(r"\s", "", m.group(1))
        value = _dot_grouped(digits) if _DOT_GROUPED.match(digits) else _decimal(digits.replace(",", ""))
        if value is not None:
            out.append(MoneyMention(m.group(0).strip(), value, m.start(), m.end()))
    return out


_SHORTHAND = re.compile(r"£\s?(\d{1,4}(?:\.\d{1,3})?)\s?(k|m|bn|million|billion)\b", re.I)
_MULTIPLIER = {"k": Decimal(1000), "m": Decimal(10) ** 6, "million": Decimal(10) ** 6, "bn": Decimal(10) ** 9,
               "billion": Decimal(10) ** 9}


def shorthand_at(text: str, pos: int) -> Optional[MoneyMention]:
    """A rounded figure starting at ``pos`` (``£358K``, ``£ 2.9 million``) in pounds; the raw text keeps the unit."""
    m = _SHORTHAND.match(text, pos)
    if m is None:
        return None
    value = Decimal(m.group(1)) * _MULTIPLIER[m.group(2).lower()]
    whole = value == value.to_integral_value()
    return MoneyMention(m.group(0), value.to_integral_value() if whole else value, m.start(), m.end())


def stated_precision(raw: str) -> Decimal:
    """Half the last printed unit of a rounded figure (``£2.9 million``: 50,000; ``£358K``: 500); 0 if exact."""
    m = _SHORTHAND.fullmatch(raw.strip())
    if m is None:
        return Decimal(0)
    decimals = len(m.group(1).partition(".")[2])
    return _MULTIPLIER[m.group(2).lower()] / Decimal(10 ** decimals) / 2


# --------------------------------------------------------------------------- OCR misreads (scanned pages only)

_OCR_POUND = {"E": "£", "f": "£", "£": "£"}  # a pound sign Tesseract often reads as E or f
_OCR_DIGIT = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
_OCR_TOKEN = re.compile(r"^(?P<pound>[Ef£]?)(?P<open>\(?)(?P<body>[\dOolI|,.]+)(?P<close>\)?)$")
_OCR_PENCE_COMMA = re.compile(r"^(\d{1,3}(?:,\d{3})+),(\d{2})$")


def ocr_money_reading(token: str) -> Optional[str]:
    """The money amount an OCR'd token stands for, when it is one read with the usual misreads; else None.

    For words read by OCR only (never for text from a text layer): ``£`` read as ``E`` or ``f``, ``O``/``o``
    for 0, ``l``/``I``/``|`` for 1, and ``,`` for the decimal point before pence (``1,234,56``). A token is
    taken only when it holds at least two real digits and the reading parses as an amount in the printed
    grouping (``E54,O15`` -> ``£54,015``); ``Ellen``, ``f1``, ``E10``, ``IO`` or ``2019/20`` are left alone. Returns
    None when the token needs no change. The reading is then checked by the table's arithmetic.
    """
    m = _OCR_TOKEN.match(token)
    if not m or sum(ch.isdigit() for ch in m.group("body")) < 2 or bool(m.group("open")) != bool(m.group("close")):
        return None
    body = m.group("body").translate(_OCR_DIGIT)
    if m.group("pound") in ("E", "f") and "," not in body and len(body) < 3:
        return None  # E10, f12: more likely a code or a word than a pound amount
    pence = _OCR_PENCE_COMMA.match(body)
    if pence and "." not in body:
        body = f"{pence.group(1)}.{pence.group(2)}"
    if not (_GROUPED.match(body) or _PLAIN.match(body)):
        return None
    reading = _OCR_POUND.get(m.group("pound"), "") + m.group("open") + body + m.group("close")
    return None if reading == token else reading

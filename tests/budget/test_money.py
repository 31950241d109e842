"""Money as printed -> Decimal, raw kept: every form the real plans print."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.wording import amount as fmt
from normalisers.money import footnote_reading, is_blank, is_malformed, money_mentions, parse_amount


@pytest.mark.parametrize("raw, value", [
    ("54,015", Decimal("54015")),
    ("£1,333,335.86 ", Decimal("1333335.86")),
    ("£ \n104,244.00 ", Decimal("104244.00")),
    ("£5000", Decimal("5000")),
    ("0", Decimal("0")),
    ("-", Decimal("0")),
    ("£ -", Decimal("0")),
    ("-   ", Decimal("0")),
    ("(1,234)", Decimal("-1234")),
    ("2,026, 615", Decimal("2026615")),
    ("90,353*", Decimal("90353")),
    (" 69,186 ", Decimal("69186")),
])
def test_amounts_as_printed(raw: str, value: Decimal) -> None:
    a = parse_amount(raw)
    assert a is not None and a.value == value and isinstance(a.value, Decimal)
    assert a.raw == raw  # the raw text is kept exactly


@pytest.mark.parametrize("raw", ["", "  ", "£", " £          "])
def test_blank_cells_are_none_not_zero(raw: str) -> None:
    a = parse_amount(raw)
    assert a is not None and a.value is None and is_blank(raw)


@pytest.mark.parametrize("raw", ["Police", "2019/20", "Yes", "TBC", "1.2.3"])
def test_text_is_not_an_amount(raw: str) -> None:
    assert parse_amount(raw) is None


def test_stray_space_is_noted_and_malformed() -> None:
    a = parse_amount("2,026, 615")
    assert a is not None and "stray space" in a.note and is_malformed("2,026, 615")
    assert not is_malformed("2,026,615")


@pytest.mark.parametrize("raw, value, digit", [("82,4202", "82420", "2"), ("6,7711", "6771", "1"),
                                               ("231,9594", "231959", "4")])
def test_glued_footnote_digit_is_offered_not_applied(raw: str, value: str, digit: str) -> None:
    a = parse_amount(raw)
    assert a is not None and a.value is None and "glued" in a.note  # never silently altered
    assert footnote_reading(raw) == (Decimal(value), digit)
    assert footnote_reading("82,420") is None


def test_money_mentions_in_prose() -> None:
    found = money_mentions("The budget has been established at £1,223,757. Thames Valley secured £822k; "
                           "a grant of £2.9 million and £5000.")
    assert [(m.raw, m.value) for m in found] == [("£1,223,757", Decimal("1223757")), ("£5000", Decimal("5000"))]


def test_fmt() -> None:
    assert fmt(Decimal("1234757")) == "1,234,757"
    assert fmt(Decimal("1333335.86")) == "1,333,335.86"
    assert fmt(None) == "blank"

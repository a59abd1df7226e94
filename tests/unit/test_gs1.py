"""Scan interpreter: what a PDA scanner or phone camera delivers, read into form fields."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from engine.forms.gs1 import ScanError, parse_scan

GTIN = "09506000134352"  # GS1's own example GTIN-14, check digit 2
SSCC = "106141412345678908"  # GS1's own example SSCC, check digit 8
GS = "\x1d"


def test_gs1_128_with_symbology_id_and_separators() -> None:
    raw = f"]C101{GTIN}17261231{GS}10ABC123{GS}3712\r\n"

    result = parse_scan(raw)

    assert result.raw == raw
    assert result.kind == "gs1"
    assert result.gtin == GTIN
    assert result.expiry == date(2026, 12, 31)
    assert result.lot == "ABC123"
    assert result.quantity == Decimal(12)
    assert result.ais == {"01": GTIN, "17": "261231", "10": "ABC123", "37": "12"}


def test_parentheses_form() -> None:
    result = parse_scan(f"(01){GTIN}(17)261231(10)ABC123")

    assert result.kind == "gs1"
    assert (result.gtin, result.expiry, result.lot) == (GTIN, date(2026, 12, 31), "ABC123")


def test_datamatrix_with_serial() -> None:
    result = parse_scan(f"]d201{GTIN}1726123110LOT-7{GS}21SN000123")

    assert result.kind == "gs1"
    assert result.lot == "LOT-7"
    assert result.serial == "SN000123"
    assert result.text == f"01{GTIN}1726123110LOT-7{GS}21SN000123"


@pytest.mark.parametrize("separator", ["<GS>", "{GS}", "<gs>"])
def test_separator_spelled_out_by_the_scanner(separator: str) -> None:
    result = parse_scan(f"01{GTIN}10ABC123{separator}21S-0042{separator}15270630")

    assert result.lot == "ABC123"
    assert result.serial == "S-0042"
    assert result.best_before == date(2027, 6, 30)


def test_digital_link_with_path_and_query_ais() -> None:
    raw = f"https://id.example.com/01/{GTIN}/10/ABC123/21/S1?17=261231&11=260105&utm=x"

    result = parse_scan(raw)

    assert result.kind == "digital_link"
    assert (result.gtin, result.lot, result.serial) == (GTIN, "ABC123", "S1")
    assert result.expiry == date(2026, 12, 31)
    assert result.production_date == date(2026, 1, 5)
    assert "utm" not in result.ais


def test_digital_link_in_a_gs1_qr_code() -> None:
    result = parse_scan(f"]Q3https://id.example.com/01/{GTIN}/10/ABC123")

    assert result.kind == "digital_link"
    assert result.lot == "ABC123"


def test_sscc_pallet_label() -> None:
    result = parse_scan(f"]C100{SSCC}02{GTIN}3740{GS}10ABC123")

    assert result.kind == "gs1"
    assert result.sscc == SSCC
    assert result.gtin == GTIN  # contents (AI 02) when the label has no AI 01
    assert result.quantity == Decimal(40)
    assert result.lot == "ABC123"


def test_net_weight_3103_has_three_decimals() -> None:
    result = parse_scan(f"]C101{GTIN}310300125017261231")

    assert result.net_weight_kg == Decimal("1.250")
    assert result.ais["3103"] == "001250"


def test_expiry_day_00_is_last_day_of_month() -> None:
    result = parse_scan(f"]C101{GTIN}17280200")

    assert result.expiry == date(2028, 2, 29)
    assert result.ais["17"] == "280200"


@pytest.mark.parametrize(
    ("raw", "gtin"),
    [
        ("4006381333931", "04006381333931"),
        ("]E04006381333931", "04006381333931"),
        ("96385074", "00000096385074"),
        (GTIN, GTIN),
    ],
)
def test_plain_gtin_is_normalised_to_14_digits(raw: str, gtin: str) -> None:
    result = parse_scan(raw)

    assert result.kind == "gtin"
    assert result.gtin == gtin


def test_plain_sscc() -> None:
    result = parse_scan(SSCC)

    assert (result.kind, result.sscc) == ("sscc", SSCC)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("WO-2026-0001", "WO-2026-0001"),
        ("  WO-2026-0001\r\n", "WO-2026-0001"),
        ("]C0WO-2026-0001", "WO-2026-0001"),
        ("1000234", "1000234"),  # would read as lot "00234" if any AI prefix counted
        ("12345678", "12345678"),  # eight digits without a valid GTIN-8 check digit
        ("https://example.com/about", "https://example.com/about"),
        ("", ""),
    ],
)
def test_internal_codes_stay_plain(raw: str, text: str) -> None:
    result = parse_scan(raw)

    assert result.kind == "plain"
    assert result.raw == raw
    assert result.text == text
    assert result.ais == {}
    assert result.gtin is None


@pytest.mark.parametrize(
    ("raw", "expected", "got"),
    [
        (f"]C10109506000134353{GS}10ABC", "2", "3"),
        ("4006381333932", "1", "2"),
        ("https://id.example.com/01/09506000134353", "2", "3"),
        ("]C100106141412345678909", "8", "9"),
    ],
)
def test_wrong_check_digit_names_the_expected_digit(raw: str, expected: str, got: str) -> None:
    with pytest.raises(ScanError) as caught:
        parse_scan(raw)

    assert caught.value.code == "bad_check_digit"
    assert f"expected {expected}, got {got}" in caught.value.message


@pytest.mark.parametrize(
    "raw",
    [
        f"]C101{GTIN}17261301{GS}10ABC",
        f"(01){GTIN}(17)261301",
        f"https://id.example.com/01/{GTIN}?17=261301",
        f"]C101{GTIN}17260231",
    ],
)
def test_invalid_date(raw: str) -> None:
    with pytest.raises(ScanError) as caught:
        parse_scan(raw)

    assert caught.value.code == "invalid_date"
    assert "AI (17)" in caught.value.message


@pytest.mark.parametrize("raw", [f"]C101{GTIN}172612", f"(01){GTIN}(17)", f"]C101{GTIN}10"])
def test_truncated_scan(raw: str) -> None:
    with pytest.raises(ScanError) as caught:
        parse_scan(raw)

    assert caught.value.code == "truncated"


@pytest.mark.parametrize("raw", [f"]C101{GTIN}23ABC", f"(01){GTIN}(23)ABC", "]C1WO-2026-0001"])
def test_unknown_ai(raw: str) -> None:
    with pytest.raises(ScanError) as caught:
        parse_scan(raw)

    assert caught.value.code == "unknown_ai"


def test_missing_separator_after_a_variable_length_lot() -> None:
    with pytest.raises(ScanError) as caught:
        parse_scan(f"01{GTIN}10ABCDEFGHIJ12345678917261231")

    assert caught.value.code == "missing_separator"
    assert "AI (10)" in caught.value.message


def test_digital_link_with_a_dangling_path_segment() -> None:
    with pytest.raises(ScanError) as caught:
        parse_scan(f"https://id.example.com/01/{GTIN}/10")

    assert caught.value.code == "bad_format"


def test_lenient_mode_keeps_invalid_gs1_as_plain_text() -> None:
    raw = f"]C10109506000134353{GS}10ABC\n"

    result = parse_scan(raw, strict=False)

    assert result.kind == "plain"
    assert result.raw == raw
    assert result.text == f"0109506000134353{GS}10ABC"


def test_as_dict_is_json_friendly() -> None:
    result = parse_scan(f"]C101{GTIN}3103001250{GS}1726123110ABC123{GS}3712")

    data = result.as_dict()

    assert json.loads(json.dumps(data)) == data
    assert data["kind"] == "gs1"
    assert data["expiry"] == "2026-12-31"
    assert data["best_before"] is None
    assert data["net_weight_kg"] == "1.250"
    assert data["quantity"] == "12"
    assert data["ais"]["10"] == "ABC123"
    assert data["raw"] == result.raw

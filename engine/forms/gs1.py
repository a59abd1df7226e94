"""Scan interpreter behind the "scan code" field: GS1 element strings, Digital Link, GTIN, SSCC.

biip does the GS1 parsing; this module picks the reading that applies, names what is wrong in
`ScanError`, and flattens the result into the fields forms map (GTIN, lot, dates, quantity...).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from biip import ParseError
from biip.gs1_application_identifiers import GS1ApplicationIdentifier
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gs1_element_strings import GS1ElementString
from biip.gs1_messages import GS1Message
from biip.gtin import Gtin
from biip.sscc import Sscc
from biip.symbology import GS1Symbology, SymbologyIdentifier

ScanKind = Literal["gs1", "digital_link", "gtin", "sscc", "plain"]

GS = "\x1d"
# Scanners that cannot type a control character spell the separator out; biip only accepts
# one-character separators, so these become a real GS first.
_GS_TEXT = re.compile(r"<GS>|\{GS\}", re.IGNORECASE)
# Without a symbology identifier, parentheses or a GS, a string counts as GS1 only when it opens
# with a complete SSCC or GTIN: "1000234" is more often an internal code than lot "00234".
_BARE_GS1 = re.compile(r"00\d{18}|0[12]\d{14}")
_URL = re.compile(r"https?://", re.IGNORECASE)
# The parts of biip's ParseError sentences that say which element failed.
_BIIP_FAILURE = re.compile(
    r"Failed to match '([^']*)'|AI \((\d+)\) date/time from '([^']*)'|Identifier '(\d+)' in"
)
_CHECK_DIGIT = re.compile(r"check digit .*Expected (\d+), got (\d+)")
_FIXED_NUMERIC = re.compile(r"N\d\+N(\d+)")


class ScanError(ValueError):
    """A scan that looks like GS1 but cannot be read.

    Attributes:
        code: Stable reason (``bad_check_digit``, ``invalid_date``, ``unknown_ai``,
            ``missing_separator``, ``truncated``, ``bad_value``, ``bad_format``).
        message: Plain-language explanation naming the AI at fault.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class ScanResult:
    """What a scan says, ready to fill mapped form fields."""

    raw: str
    kind: ScanKind
    text: str
    """The scanned data without surrounding whitespace or symbology identifier."""
    gtin: str | None = None
    lot: str | None = None
    serial: str | None = None
    expiry: date | None = None
    best_before: date | None = None
    production_date: date | None = None
    quantity: Decimal | None = None
    net_weight_kg: Decimal | None = None
    sscc: str | None = None
    ais: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly copy: dates as ISO strings, decimals as strings."""
        return {key: _json_value(value) for key, value in asdict(self).items()}


def parse_scan(raw: str, *, strict: bool = True) -> ScanResult:
    """Interpret one scan.

    Args:
        raw: Exactly what the scanner or camera delivered.
        strict: Raise `ScanError` when the scan looks like GS1 but is invalid; when false,
            such scans come back as ``kind="plain"`` instead.

    Raises:
        ScanError: In strict mode, for GS1-looking input that fails validation.
    """
    # str.strip also drops a GS (FNC1) at either end, which carries no data there.
    data, symbology = raw.strip(), None
    if data.startswith("]"):
        try:
            identifier = SymbologyIdentifier.extract(data)
            data, symbology = data[len(identifier) :], identifier.gs1_symbology
        except (ParseError, ValueError, IndexError):  # biip indexes past a lone "]" or "]X"
            pass  # a leading "]" that is no symbology identifier is part of the data
    try:
        return _interpret(raw, data, symbology)
    except ScanError:
        if strict:
            raise
        return _plain(raw, data)


def _interpret(raw: str, data: str, symbology: GS1Symbology | None) -> ScanResult:
    body = _GS_TEXT.sub(GS, data).strip()
    if _URL.match(body):
        return _from_digital_link(raw, data, body)
    if body.startswith("("):
        return _from_elements(raw, data, "gs1", _parse_hri(body))
    if symbology in GS1Symbology.with_gtin():
        return _from_number(raw, data, body, declared=True) or _plain(raw, data)
    if symbology in GS1Symbology.with_gs1_messages() or GS in body or _BARE_GS1.match(body):
        return _from_elements(raw, data, "gs1", _parse_message(body))
    if body.isdecimal():
        return _from_number(raw, data, body, declared=False) or _plain(raw, data)
    try:
        elements = _parse_message(body)
    except ScanError:
        return _plain(raw, data)
    # A lone element of some other AI is too weak a sign; two or more read as GS1.
    if len(elements) < 2:
        return _plain(raw, data)
    return _from_elements(raw, data, "gs1", elements)


def _from_number(raw: str, data: str, body: str, *, declared: bool) -> ScanResult | None:
    """A bare GTIN or SSCC; None when the digits are better kept as an internal code."""
    try:
        if len(body) == 18:
            return ScanResult(raw=raw, kind="sscc", text=data, sscc=Sscc.parse(body).value)
        gtin = Gtin.parse(body)
    except ParseError as exc:
        # Eight-digit internal numbers are common and GTIN-8 is rare, so without an EAN/UPC
        # symbology only 12-14 and 18 digits are held to a check digit.
        if not declared and len(body) not in (12, 13, 14, 18):
            return None
        kind = "SSCC" if len(body) == 18 else "GTIN"
        raise _check_digit_error(f"{kind} {body}", str(exc)) from exc
    return ScanResult(raw=raw, kind="gtin", text=data, gtin=gtin.as_gtin_14())


def _parse_message(body: str) -> list[GS1ElementString]:
    try:
        return list(GS1Message.parse(body).element_strings)
    except ParseError as exc:
        raise _locate_failure(body) from exc


def _locate_failure(body: str) -> ScanError:
    """Name the AI at fault in a message biip rejected.

    biip's ParseError is one sentence; re-walking with its element-level API tells which element
    failed, whether it is the last one, and whether the one before it lacked its separator.
    """
    rest, previous, separated = body, None, True
    while rest:
        try:
            element = GS1ElementString.extract(rest)
        except ParseError:
            if previous is not None and previous.ai.separator_required and not separated:
                return ScanError(
                    "missing_separator",
                    f"{_name(previous.ai)} ({previous.value!r}) runs into {rest!r}: "
                    "the GS separator after it is probably missing.",
                )
            return _element_failure(rest.split(GS, 1)[0], body)
        previous, rest = element, rest[len(element) :]
        separated = rest.startswith(GS)
        rest = rest.lstrip(GS)
    return ScanError("bad_format", f"{body!r} is not a readable GS1 element string.")


def _parse_hri(body: str) -> list[GS1ElementString]:
    try:
        message = GS1Message.parse_hri(body)
    except ParseError as exc:
        raise _explain(exc, body) from exc
    # biip skips an AI with no value and stray text around the pairs, so compare.
    if message.as_hri() != "".join(body.split()):
        if found := re.search(r"\((\d+)\)$", body):
            raise ScanError("truncated", f"AI ({found[1]}) has no value: the scan is cut off.")
        raise ScanError("bad_format", f"{body!r} has text outside (AI)value pairs.")
    return list(message.element_strings)


def _from_digital_link(raw: str, data: str, body: str) -> ScanResult:
    try:
        uri = GS1DigitalLinkURI.parse(body)
    except ParseError as exc:
        if "primary identifier" in str(exc):
            return _plain(raw, data)  # an ordinary web address, not a Digital Link
        raise _explain(exc, body) from exc
    return _from_elements(raw, data, "digital_link", list(uri.element_strings))


def _explain(exc: ParseError, body: str) -> ScanError:
    """Turn biip's one-sentence ParseError into a code naming the AI at fault."""
    found = _BIIP_FAILURE.search(str(exc))
    if found is None:
        return ScanError("bad_format", f"Not readable as GS1: {exc}")
    if found[4]:
        return ScanError("unknown_ai", f"AI ({found[4]}) is not a known GS1 AI.")
    return _element_failure(found[1] or found[2] + found[3], body)


def _element_failure(text: str, body: str) -> ScanError:
    """Explain why `text` (AI digits then value, found in `body`) is no valid element string."""
    try:
        ai = GS1ApplicationIdentifier.extract(text)
    except ParseError:
        return ScanError("unknown_ai", f"{text[:8]!r} does not start with a known GS1 AI.")
    value, name = text[len(ai) :], _name(ai)
    if "YYMMDD" in ai.description and len(value) >= 6 and value[:6].isdecimal():
        return ScanError("invalid_date", f"{name}: {value[:6]} is not a valid YYMMDD date.")
    fixed = _FIXED_NUMERIC.fullmatch(ai.format)
    short = fixed is not None and value.isdecimal() and len(value) < int(fixed[1])
    if body.endswith(value) and (not value or short):
        return ScanError("truncated", f"{name}: {value!r} is cut short (format {ai.format}).")
    return ScanError("bad_value", f"{name}: {value!r} does not fit format {ai.format}.")


def _check_digit_error(label: str, reason: str) -> ScanError:
    found = _CHECK_DIGIT.search(reason)
    if found is None:
        return ScanError("bad_value", f"{label}: {reason}")
    return ScanError(
        "bad_check_digit", f"{label}: wrong check digit, expected {found[1]}, got {found[2]}."
    )


def _from_elements(
    raw: str, data: str, kind: ScanKind, elements: list[GS1ElementString]
) -> ScanResult:
    for element in elements:
        # biip records, rather than raises, a bad check digit inside an element string.
        reason = element.gtin_error or element.sscc_error or element.gln_error
        if reason:
            raise _check_digit_error(f"{_name(element.ai)} {element.value}", reason)
    by_ai = {element.ai.ai: element for element in elements}
    # A pallet label names its contents with AI 02 instead of 01.
    item = by_ai.get("01") or by_ai.get("02")
    count = by_ai.get("30") or by_ai.get("37")
    weight = next((e.decimal for e in elements if e.ai.ai.startswith("310")), None)
    return ScanResult(
        raw=raw,
        kind=kind,
        text=data,
        gtin=item.gtin.as_gtin_14() if item and item.gtin else None,
        lot=by_ai["10"].value if "10" in by_ai else None,
        serial=by_ai["21"].value if "21" in by_ai else None,
        expiry=by_ai["17"].date if "17" in by_ai else None,
        best_before=by_ai["15"].date if "15" in by_ai else None,
        production_date=by_ai["11"].date if "11" in by_ai else None,
        quantity=Decimal(count.value) if count and count.value else None,
        net_weight_kg=weight,
        sscc=by_ai["00"].value if "00" in by_ai else None,
        ais={element.ai.ai: element.value for element in elements},
    )


def _plain(raw: str, data: str) -> ScanResult:
    return ScanResult(raw=raw, kind="plain", text=data)


def _name(ai: GS1ApplicationIdentifier) -> str:
    return f"AI {ai} {ai.description}"


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value

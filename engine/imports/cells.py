"""Spreadsheet cells ↔ field values, one codec per kind of field.

A codec turns what a spreadsheet holds (text from CSV; numbers, dates and text from
Excel) into the raw value a field type's ``clean`` accepts, and a record's JSON value
back into a typed cell for export. The field type still decides what is valid: a codec
only translates spreadsheet habits (option labels instead of keys, ``2026/11/21``,
``1,234.5``, Excel dates without a time zone) and otherwise passes the cell on, so the
field's own error message reaches the user.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from engine.forms.compiled import FormField
from engine.forms.errors import FieldValueError
from engine.imports.labels import all_texts, localized, normalize
from engine.imports.readers import Cell, cell_text

CellReader = Callable[[Cell], Any]
CellWriter = Callable[[Any], Any]

_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_DATE_TEXT = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00)?)?")
_DATE_PREFIX = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_SPLIT = re.compile(r"[,;，；、\n]")
_TRUE = frozenset({"true", "yes", "y", "1", "是", "对", "✓", "✔"})
_FALSE = frozenset({"false", "no", "n", "0", "否", "错"})


@dataclass(frozen=True)
class CellContext:
    """What codecs need besides the field: the app's time zone and the sheet's language."""

    time_zone: ZoneInfo
    lang: str = "en"


def read_text(cell: Cell) -> Any:
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, int):
        return str(cell)
    return cell_text(cell)


class CellCodec:
    """Text-like fields, and the default for any type without a codec of its own."""

    number_format: str | None = None
    hint = {"en": "Text", "zh-CN": "文本"}

    def reader(self, field: FormField, context: CellContext) -> CellReader:
        return read_text

    def writer(self, field: FormField, context: CellContext) -> CellWriter:
        return _plain

    def cell_format(self, field: FormField) -> str | None:
        return self.number_format

    def choices(self, field: FormField, context: CellContext) -> list[str] | None:
        """Values a template offers in a drop-down list (None: free input)."""
        return None


def _plain(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


class NumberCellCodec(CellCodec):
    """Integers, decimals, money and percentages; ``1,234.5`` and ``12.5%`` are read too."""

    number_format = "0"
    hint = {"en": "Number", "zh-CN": "数字"}

    def reader(self, field: FormField, context: CellContext) -> CellReader:
        return _read_number

    def writer(self, field: FormField, context: CellContext) -> CellWriter:
        return _write_number

    def cell_format(self, field: FormField) -> str | None:
        scale = getattr(field.spec, "scale", 0)
        return "0." + "0" * scale if scale else "0"


def _read_number(cell: Cell) -> Any:
    if isinstance(cell, str):
        text = cell.strip().replace("\u00a0", "").removesuffix("%").strip()
        if _THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        return text
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        raise FieldValueError("type", f"must be a number, not {cell_text(cell)!r}")
    return cell


def _write_number(value: Any) -> Any:
    return Decimal(value) if isinstance(value, str) else value


class DateCellCodec(CellCodec):
    number_format = "yyyy-mm-dd"
    hint = {"en": "Date, like 2026-11-21", "zh-CN": "日期，如 2026-11-21"}

    def reader(self, field: FormField, context: CellContext) -> CellReader:
        return _read_date

    def writer(self, field: FormField, context: CellContext) -> CellWriter:
        return lambda v: None if v is None else date.fromisoformat(v)


def _read_date(cell: Cell) -> Any:
    if isinstance(cell, datetime):
        if cell.time() != time(0):
            raise FieldValueError("type", "must be a date without a time of day")
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, str):
        text = cell.strip()
        match = _DATE_TEXT.fullmatch(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise FieldValueError("type", f"'{text}' is not a valid date") from None
        return text
    raise FieldValueError("type", "must be a date like 2026-11-21")


class DateTimeCellCodec(CellCodec):
    """Excel times carry no zone: they are read, and written, in the app's time zone."""

    number_format = "yyyy-mm-dd hh:mm:ss"
    hint = {"en": "Date and time, like 2026-11-21 08:30", "zh-CN": "日期时间，如 2026-11-21 08:30"}

    def reader(self, field: FormField, context: CellContext) -> CellReader:
        zone = context.time_zone

        def read(cell: Cell) -> Any:
            if isinstance(cell, datetime):
                value = cell
            elif isinstance(cell, date):
                value = datetime.combine(cell, time(0))
            elif isinstance(cell, str):
                text = _DATE_PREFIX.sub(
                    lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", cell.strip()
                )
                try:
                    value = datetime.fromisoformat(text)
                except ValueError:
                    raise FieldValueError(
                        "type", f"must be a date and time like 2026-11-21 08:30, not {text!r}"
                    ) from None
            else:
                raise FieldValueError("type", "must be a date and time like 2026-11-21 08:30")
            return value if value.tzinfo is not None else value.replace(tzinfo=zone)

        return read

    def writer(self, field: FormField, context: CellContext) -> CellWriter:
        return lambda v: local_datetime(v, context.time_zone)


def local_datetime(value: Any, zone: ZoneInfo) -> datetime | None:
    """A stored UTC datetime (or its ``...Z`` text) as a zone-less time in ``zone``."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(zone).replace(tzinfo=None)


class TimeCellCodec(CellCodec):
    number_format = "hh:mm:ss"
    hint = {"en": "Time of day, like 08:30", "zh-CN": "时间，如 08:30"}

    def reader(self, field: FormField, context: CellContext) -> CellReader:
        return _read_time

    def writer(self, field: FormField, context: CellContext) -> CellWriter:
        return lambda v: None if v is None else time.fromisoformat(v)


def _read_time(cell: Cell) -> Any:
    if isinstance(cell, datetime):
        return cell.time()
    if isinstance(cell, timedelta) and timedelta(0) <= cell < timedelta(days=1):
        return (datetime.min + cell).time()
    if isinstance(cell, time | str):
        return cell.strip() if isinstance(cell, str) else cell
    raise FieldValueError("type", "must be a time of day like 08:30")


class BooleanCellCodec(CellCodec):
    hint = {"en": "Yes or no (true / false)", "zh-CN": "是 或 否"}

    def reader(self, field: FormField, context: CellContext) -> CellReader:
        return _read_boolean

    def choices(self, field: FormField, context: CellContext) -> list[str] | None:
        return ["是", "否"] if context.lang == "zh-CN" else ["true", "false"]


def _read_boolean(cell: Cell) -> Any:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, int | float) and cell in (0, 1):
        return bool(cell)
    word = normalize(cell) if isinstance(cell, str) else ""
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise FieldValueError("type", f"must be yes or no (true/false, 是/否), not {cell_text(cell)!r}")


class SingleSelectCellCodec(CellCodec):
    """An option by its key or by its label in any language, ignoring case and spaces."""

    hint = {"en": "One of the listed options", "zh-CN": "从列表中选择"}

    def reader(self, field: FormField, context: CellContext) -> CellReader:
        find = option_finder(field)
        return lambda cell: find(read_text(cell))

    def writer(self, field: FormField, context: CellContext) -> CellWriter:
        labels = {o.key: localized(o.label, context.lang) for o in field.spec.options}
        return lambda v: None if v is None else labels.get(v, v)

    def choices(self, field: FormField, context: CellContext) -> list[str] | None:
        return [localized(o.label, context.lang) for o in field.spec.options]


class MultiSelectCellCodec(SingleSelectCellCodec):
    """Several options separated by commas (``,``, ``;``, ``、`` and full-width ones)."""

    hint = {"en": "Options separated by commas", "zh-CN": "多个选项用逗号分隔"}

    def reader(self, field: FormField, context: CellContext) -> CellReader:
        find = option_finder(field)

        def read(cell: Cell) -> Any:
            parts = [p.strip() for p in _SPLIT.split(str(read_text(cell)))]
            return [find(p) for p in parts if p]

        return read

    def writer(self, field: FormField, context: CellContext) -> CellWriter:
        labels = {o.key: localized(o.label, context.lang) for o in field.spec.options}
        return lambda v: None if not v else ", ".join(labels.get(k, k) for k in v)

    def choices(self, field: FormField, context: CellContext) -> list[str] | None:
        return None  # a drop-down list holds one value only


def option_finder(field: FormField) -> Callable[[str], str]:
    """Option key for a key or label; unknown text is returned as is (the field reports it)."""
    keys = {o.key for o in field.spec.options}
    lookup: dict[str, str] = {}
    ambiguous: set[str] = set()
    for option in field.spec.options:
        lookup.setdefault(normalize(option.key), option.key)
    by_label: dict[str, str] = {}
    for option in field.spec.options:
        for text in all_texts(option.label):
            name = normalize(text)
            if by_label.get(name, option.key) != option.key:
                ambiguous.add(name)
            by_label[name] = option.key
    for name, key in by_label.items():
        if name not in ambiguous:
            lookup.setdefault(name, key)

    @lru_cache(maxsize=1024)  # a column repeats a handful of labels many times
    def find(text: str) -> str:
        if text in keys:
            return text
        return lookup.get(normalize(text), text)

    return find


class GeolocationCellCodec(CellCodec):
    hint = {"en": "Latitude, longitude", "zh-CN": "纬度, 经度"}

    def reader(self, field: FormField, context: CellContext) -> CellReader:
        return _read_point

    def writer(self, field: FormField, context: CellContext) -> CellWriter:
        return lambda v: None if not v else f"{v['lat']}, {v['lng']}"


def _read_point(cell: Cell) -> Any:
    parts = [p for p in re.split(r"[,;\s]+", str(read_text(cell))) if p]
    if len(parts) != 2:
        raise FieldValueError("type", "must be latitude and longitude, like 31.23, 121.47")
    try:
        return {"lat": float(parts[0]), "lng": float(parts[1])}
    except ValueError:
        raise FieldValueError("type", "latitude and longitude must be numbers") from None


class RelationCellCodec(CellCodec):
    """Links: cells hold record ids (several separated by commas); exports show the display."""

    hint = {"en": "Id of the linked record", "zh-CN": "关联记录的编号"}

    def reader(self, field: FormField, context: CellContext) -> CellReader:
        if not getattr(field.spec, "multiple", False):
            return read_text
        return lambda cell: [p.strip() for p in _SPLIT.split(str(read_text(cell))) if p.strip()]

    def writer(self, field: FormField, context: CellContext) -> CellWriter:
        def shown(link: Any) -> Any:
            if isinstance(link, dict):
                return link.get("display") or link.get("id")
            return link

        def write(value: Any) -> Any:
            if isinstance(value, list):
                return ", ".join(str(shown(v)) for v in value) or None
            return shown(value)

        return write


class CellCodecRegistry:
    """Cell codecs keyed by field ``type``; types without one use the text codec."""

    def __init__(self) -> None:
        self._codecs: dict[str, CellCodec] = {}
        self._default = CellCodec()

    def register(self, type_name: str, codec: CellCodec) -> None:
        if type_name in self._codecs:
            raise ValueError(f"a cell codec for {type_name!r} is already registered")
        self._codecs[type_name] = codec

    def get(self, type_name: str) -> CellCodec:
        return self._codecs.get(type_name, self._default)


def build_cell_codec_registry() -> CellCodecRegistry:
    """The registry with the codecs of the built-in field types."""
    registry = CellCodecRegistry()
    number = NumberCellCodec()
    for name in ("integer", "decimal", "currency", "percent"):
        registry.register(name, number)
    registry.register("date", DateCellCodec())
    registry.register("datetime", DateTimeCellCodec())
    registry.register("time", TimeCellCodec())
    registry.register("boolean", BooleanCellCodec())
    registry.register("single_select", SingleSelectCellCodec())
    registry.register("multi_select", MultiSelectCellCodec())
    registry.register("geolocation", GeolocationCellCodec())
    registry.register("relation", RelationCellCodec())
    return registry

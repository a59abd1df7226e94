"""The base of every field type: what a type can do is declared, never branched on."""

from __future__ import annotations

import builtins
import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy.types import TypeEngine

from engine.definitions.specs import FieldSpecBase
from engine.forms.errors import FieldValueError

S = TypeVar("S", bound=FieldSpecBase)


@dataclass(frozen=True)
class FillContext:
    """What computed fields may use while the write path fills them in.

    Attributes:
        uow: The writer's unit of work (counters are taken in the same transaction).
        form_id: The form's definition id.
        time_zone: The app's time zone, for date parts.
        now: The moment of the write (UTC).
        creating: True for new records, False for updates.
        field_kinds: Field id → field type, for expressions.
    """

    uow: Any
    form_id: int
    time_zone: str
    now: datetime
    creating: bool
    field_kinds: dict[str, str] = dataclasses.field(default_factory=dict)


EQUALITY_OPERATORS = ("eq", "ne", "in", "nin", "isnull")
RANGE_OPERATORS = ("gt", "gte", "lt", "lte")
TEXT_OPERATORS = ("contains", "startswith")


class FieldType(Generic[S]):
    """Behaviour of one kind of field, keyed by its ``type`` string.

    Class attributes:
        type: The discriminator in definitions (``"text"``) and the registry key.
        spec_model: The pydantic spec class of fields of this type.
        stored: The field has a column of its own.
        sortable: Records can be sorted by this field.
        indexable: The field's column can carry a database index.
        filter_operators: Operators the list API accepts for this field.
        compatible_from: Field types whose stored values this type can take over
            unchanged when an admin changes a field's type.
        numeric: Values can be summed and averaged in summaries and reports.
        can_be_unique: The field may be marked unique (a unique index on its column).
        computed: The engine fills the value in (auto-numbers, formulas); clients cannot.
        implies_unique: The column always gets a unique index.
        links: Values are ids of records of another form (relations).
        has_rows: Values are rows of a child table (sub-tables).
        live: Values are read from other records when shown (lookups), never stored.
        files: Values are ids of uploaded files, shown with their names and URLs.
        people: ``users`` or ``departments``: values name entries of the directory.
        shown_key: Reads show each value as an object with this key (``{"id", "display"}``).
        previewable: ``fill`` has no lasting effect, so a preview of an unsaved record may run
            it (auto-numbers take a number from a counter: they are not previewable).
    """

    type: ClassVar[str]
    spec_model: ClassVar[builtins.type[FieldSpecBase]]
    stored: ClassVar[bool] = True
    sortable: ClassVar[bool] = True
    indexable: ClassVar[bool] = True
    filter_operators: ClassVar[tuple[str, ...]] = EQUALITY_OPERATORS + RANGE_OPERATORS
    compatible_from: ClassVar[frozenset[str]] = frozenset()
    numeric: ClassVar[bool] = False
    can_be_unique: ClassVar[bool] = True
    computed: ClassVar[bool] = False
    implies_unique: ClassVar[bool] = False
    links: ClassVar[bool] = False
    has_rows: ClassVar[bool] = False
    live: ClassVar[bool] = False
    files: ClassVar[bool] = False
    people: ClassVar[str | None] = None
    shown_key: ClassVar[str | None] = None
    previewable: ClassVar[bool] = True

    def operators(self, spec: S) -> tuple[str, ...]:
        """Filter operators for this field (none when its values live elsewhere)."""
        return self.filter_operators if self.has_column(spec) else ()

    def differs(self, spec: S, value: Any, shown: Any) -> bool:
        """Whether a cleaned value differs from what a read of the record shows."""
        key = self.shown_key
        if key is None:
            return bool(self.to_json(spec, value) != shown)
        if isinstance(shown, list):
            return bool([item[key] for item in shown] != (value or []))
        return bool((shown or {}).get(key) != value)

    def is_live(self, spec: S) -> bool:
        """The value is read from other records whenever it is shown (never stored)."""
        return self.live

    def has_column(self, spec: S) -> bool:
        """The field is stored in a column of the record's own table."""
        return self.stored

    def column_type(self, spec: S) -> TypeEngine[Any]:
        """SQL column type for this field."""
        raise NotImplementedError

    def sql_signature(self, spec: S) -> str:
        """A short text that changes exactly when the column's SQL type must change."""
        return self.type

    def json_schema(self, spec: S) -> dict[str, Any]:
        """JSON Schema of the field's value in the records API (without null)."""
        raise NotImplementedError

    def coerce(self, spec: S, raw: Any) -> Any:
        """Turn a JSON value into the stored Python value, or raise FieldValueError."""
        raise NotImplementedError

    def validate(self, spec: S, value: Any) -> None:
        """Check a coerced non-null value against the field's rules (range, length...)."""

    def to_json(self, spec: S, value: Any) -> Any:
        """The API's JSON form of a stored value."""
        return value

    def parse_filter_value(self, spec: S, text: str) -> Any:
        """Turn a query-string value into a comparable Python value."""
        return self.coerce(spec, text)

    def filter_condition(self, column: Any, op: str, value: Any) -> Any:
        """SQL condition for an operator of this type's own (e.g. ``has``); None if unknown."""
        return None

    def expand(self, spec: S, data: dict[str, Any]) -> dict[str, Any]:
        """Before validation: values this field derives for others (e.g. from a scan)."""
        return data

    def fill(self, spec: S, rows: list[dict[str, Any]], context: FillContext) -> None:
        """Computed types set their value in each row about to be written (default: none)."""

    def default_value(self, spec: S) -> Any:
        return getattr(spec, "default", None)

    def check_spec(self, spec: S) -> list[tuple[str, str]]:
        """Semantic checks of a field spec: (property, message) pairs, empty when fine."""
        return []

    def clean(self, spec: S, raw: Any) -> Any:
        """Coerce and validate one value; ``None`` passes through (required is checked apart)."""
        if raw is None:
            return None
        value = self.coerce(spec, raw)
        if value is not None:
            self.validate(spec, value)
        return value


def check_range(spec: Any, value: Any, show: Any = str) -> None:
    """Raise when ``value`` is outside the spec's ``min``/``max``."""
    low = getattr(spec, "min", None)
    high = getattr(spec, "max", None)
    if low is not None and value < low:
        raise FieldValueError("min", f"must be at least {show(low)}")
    if high is not None and value > high:
        raise FieldValueError("max", f"must be at most {show(high)}")


def check_min_max_spec(spec: Any) -> list[tuple[str, str]]:
    low = getattr(spec, "min", None)
    high = getattr(spec, "max", None)
    if low is not None and high is not None and low > high:
        return [("max", "must not be less than min")]
    return []

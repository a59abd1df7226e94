"""Built-in field types, one module each."""

from engine.forms.field_types.base import FieldType
from engine.forms.field_types.boolean import BooleanFieldType
from engine.forms.field_types.date import DateFieldType
from engine.forms.field_types.datetime import DateTimeFieldType
from engine.forms.field_types.decimal import DecimalFieldType
from engine.forms.field_types.integer import IntegerFieldType
from engine.forms.field_types.long_text import LongTextFieldType
from engine.forms.field_types.single_select import SingleSelectFieldType
from engine.forms.field_types.text import TextFieldType

BUILTIN_FIELD_TYPES: tuple[type[FieldType], ...] = (  # type: ignore[type-arg]
    TextFieldType,
    LongTextFieldType,
    IntegerFieldType,
    DecimalFieldType,
    BooleanFieldType,
    DateFieldType,
    DateTimeFieldType,
    SingleSelectFieldType,
)

__all__ = ["BUILTIN_FIELD_TYPES", "FieldType"]

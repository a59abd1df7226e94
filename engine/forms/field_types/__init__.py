"""Built-in field types, one module each."""

from engine.forms.field_types.auto_number import AutoNumberFieldType
from engine.forms.field_types.base import FieldType
from engine.forms.field_types.boolean import BooleanFieldType
from engine.forms.field_types.contact import EmailFieldType, PhoneFieldType, UrlFieldType
from engine.forms.field_types.currency import CurrencyFieldType
from engine.forms.field_types.date import DateFieldType
from engine.forms.field_types.datetime import DateTimeFieldType
from engine.forms.field_types.decimal import DecimalFieldType
from engine.forms.field_types.files import AttachmentFieldType, ImageFieldType, SignatureFieldType
from engine.forms.field_types.formula import FormulaFieldType
from engine.forms.field_types.geolocation import GeolocationFieldType
from engine.forms.field_types.integer import IntegerFieldType
from engine.forms.field_types.long_text import LongTextFieldType
from engine.forms.field_types.lookup import LookupFieldType, RollupFieldType
from engine.forms.field_types.multi_select import MultiSelectFieldType
from engine.forms.field_types.people import DepartmentPickFieldType, UserPickFieldType
from engine.forms.field_types.percent import PercentFieldType
from engine.forms.field_types.relation import RelationFieldType
from engine.forms.field_types.scan_code import ScanCodeFieldType
from engine.forms.field_types.single_select import SingleSelectFieldType
from engine.forms.field_types.sub_table import SubTableFieldType
from engine.forms.field_types.text import TextFieldType
from engine.forms.field_types.time import TimeFieldType

BUILTIN_FIELD_TYPES: tuple[type[FieldType], ...] = (  # type: ignore[type-arg]
    TextFieldType,
    LongTextFieldType,
    IntegerFieldType,
    DecimalFieldType,
    BooleanFieldType,
    DateFieldType,
    DateTimeFieldType,
    SingleSelectFieldType,
    CurrencyFieldType,
    PercentFieldType,
    TimeFieldType,
    MultiSelectFieldType,
    EmailFieldType,
    PhoneFieldType,
    UrlFieldType,
    GeolocationFieldType,
    AutoNumberFieldType,
    ScanCodeFieldType,
    RelationFieldType,
    SubTableFieldType,
    FormulaFieldType,
    LookupFieldType,
    RollupFieldType,
    AttachmentFieldType,
    ImageFieldType,
    SignatureFieldType,
    UserPickFieldType,
    DepartmentPickFieldType,
)

__all__ = ["BUILTIN_FIELD_TYPES", "FieldType"]

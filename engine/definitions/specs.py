"""Typed specs parsed from definition documents. Engines execute these, never raw dicts."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, model_validator

Label = str | dict[str, str]
"""A plain string, or a locale map such as ``{"zh-CN": "批次", "en": "Lot"}``."""

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
AppKey = Annotated[str, StringConstraints(pattern=KEY_PATTERN, min_length=1, max_length=24)]
FormKey = Annotated[str, StringConstraints(pattern=KEY_PATTERN, min_length=1, max_length=40)]
FieldId = Annotated[str, StringConstraints(pattern=KEY_PATTERN, min_length=1, max_length=48)]

# Column names the record tables use themselves; a field id may not take them.
RESERVED_FIELD_IDS = frozenset(
    {"id", "version", "created_at", "updated_at", "created_by", "updated_by", "data"}
)


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Expression = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class FieldSpecBase(Spec):
    """What every field has.

    ``visible_if`` and ``required_if`` are expressions over the record's fields; a field
    that is hidden by its condition cannot be given a value, by the UI or the API.
    """

    id: FieldId
    label: Label
    description: Label | None = None
    required: bool = False
    index: bool = False
    unique: bool = False
    read_only: bool = False
    visible_if: Expression | None = None
    required_if: Expression | None = None


class TextFieldSpec(FieldSpecBase):
    type: Literal["text"]
    min_length: int | None = Field(default=None, ge=0)
    max_length: int = Field(default=255, ge=1, le=10_000)
    pattern: str | None = None
    default: str | None = None


class LongTextFieldSpec(FieldSpecBase):
    type: Literal["long_text"]
    min_length: int | None = Field(default=None, ge=0)
    max_length: int = Field(default=100_000, ge=1, le=1_000_000)
    default: str | None = None


class IntegerFieldSpec(FieldSpecBase):
    type: Literal["integer"]
    min: int | None = None
    max: int | None = None
    default: int | None = None


class ExactNumberSpec(FieldSpecBase):
    """Bounds and default shared by decimal, currency and percent fields."""

    min: Decimal | None = None
    max: Decimal | None = None
    default: Decimal | None = None


class DecimalFieldSpec(ExactNumberSpec):
    type: Literal["decimal"]
    precision: int = Field(default=15, ge=1, le=15)
    scale: int = Field(default=2, ge=0, le=10)


class BooleanFieldSpec(FieldSpecBase):
    type: Literal["boolean"]
    default: bool | None = None


class DateFieldSpec(FieldSpecBase):
    type: Literal["date"]
    min: date | None = None
    max: date | None = None
    default: date | None = None


class DateTimeFieldSpec(FieldSpecBase):
    type: Literal["datetime"]
    min: datetime | None = None
    max: datetime | None = None


class SelectOption(Spec):
    key: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    label: Label
    color: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] | None = None


class SingleSelectFieldSpec(FieldSpecBase):
    type: Literal["single_select"]
    options: list[SelectOption] = Field(min_length=1)
    default: str | None = None


class CurrencyFieldSpec(ExactNumberSpec):
    type: Literal["currency"]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "CNY"
    precision: int = Field(default=15, ge=1, le=15)
    scale: int = Field(default=2, ge=0, le=4)


class PercentFieldSpec(ExactNumberSpec):
    """A percentage, stored as the number people type: 12.5 means 12.5 %."""

    type: Literal["percent"]
    precision: int = Field(default=9, ge=1, le=15)
    scale: int = Field(default=2, ge=0, le=6)


class TimeFieldSpec(FieldSpecBase):
    type: Literal["time"]
    min: time | None = None
    max: time | None = None
    default: time | None = None


class MultiSelectFieldSpec(FieldSpecBase):
    type: Literal["multi_select"]
    options: list[SelectOption] = Field(min_length=1)
    min_items: int | None = Field(default=None, ge=0)
    max_items: int | None = Field(default=None, ge=1)
    default: list[str] | None = None


class EmailFieldSpec(FieldSpecBase):
    type: Literal["email"]
    default: str | None = None


class PhoneFieldSpec(FieldSpecBase):
    type: Literal["phone"]
    default: str | None = None


class UrlFieldSpec(FieldSpecBase):
    type: Literal["url"]
    default: str | None = None


class GeolocationFieldSpec(FieldSpecBase):
    """A point on earth (WGS 84) with an optional accuracy in metres."""

    type: Literal["geolocation"]


class AutoNumberFieldSpec(FieldSpecBase):
    """A number the engine gives each new record, e.g. ``RM-{yyyyMMdd}-{seq:4}``.

    Date parts use the app's time zone; the counter restarts whenever the text around
    ``{seq}`` changes (so a pattern with ``{yyyyMMdd}`` counts per day).
    """

    type: Literal["auto_number"]
    pattern: Annotated[str, StringConstraints(min_length=1, max_length=60)] = "{seq:6}"


ScanPart = Literal[
    "gtin",
    "lot",
    "serial",
    "expiry",
    "best_before",
    "production_date",
    "quantity",
    "net_weight_kg",
    "sscc",
    "text",
]


class ScanCodeFieldSpec(FieldSpecBase):
    """What a barcode scanner or camera reads; GS1 codes are checked and taken apart.

    ``fill`` maps parts of a GS1 scan to other fields of the form, which are filled in
    when the record does not give them itself, e.g. ``{"lot": "lot_code"}``.
    """

    type: Literal["scan_code"]
    accept: Literal["any", "gs1"] = "any"
    max_length: int = Field(default=200, ge=1, le=1000)
    fill: dict[ScanPart, FieldId] = Field(default_factory=dict)


TraceRole = Literal["consumes", "produces", "receives", "ships", "contains"]


class RelationFieldSpec(FieldSpecBase):
    """A link to one (or several) records of another form of the same app.

    ``trace_role`` makes the link part of the lineage graph: ``consumes`` (inputs of a
    transformation), ``produces`` (its outputs), ``receives``, ``ships``, ``contains``.
    ``trace_quantity`` names the field (beside this one) holding the quantity moved.
    """

    type: Literal["relation"]
    target: FormKey
    multiple: bool = False
    display_field: FieldId | None = None
    trace_role: TraceRole | None = None
    trace_quantity: FieldId | None = None


class FormulaFieldSpec(FieldSpecBase):
    """A value computed from the record's other fields, stored and recomputed on change."""

    type: Literal["formula"]
    expression: Expression
    result: Literal["number", "integer", "text", "boolean", "date", "datetime"] = "number"
    scale: int = Field(default=2, ge=0, le=10)


ColumnFieldSpec = Annotated[
    TextFieldSpec
    | LongTextFieldSpec
    | IntegerFieldSpec
    | DecimalFieldSpec
    | BooleanFieldSpec
    | DateFieldSpec
    | DateTimeFieldSpec
    | SingleSelectFieldSpec
    | CurrencyFieldSpec
    | PercentFieldSpec
    | TimeFieldSpec
    | MultiSelectFieldSpec
    | EmailFieldSpec
    | PhoneFieldSpec
    | UrlFieldSpec
    | GeolocationFieldSpec
    | AutoNumberFieldSpec
    | ScanCodeFieldSpec
    | RelationFieldSpec
    | FormulaFieldSpec,
    Field(discriminator="type"),
]
"""Fields that can stand in a sub-table row as well as on the form itself."""


class AttachmentFieldSpec(FieldSpecBase):
    """Uploaded files (certificates, photos): ids from ``POST /api/v1/files``."""

    type: Literal["attachment"]
    accept: list[Annotated[str, StringConstraints(pattern=r"^[a-z]+/([a-z0-9.+-]+|\*)$")]] = Field(
        default_factory=lambda: ["image/*", "application/pdf"], min_length=1
    )
    max_files: int = Field(default=10, ge=1, le=50)
    max_size_mb: int = Field(default=20, ge=1, le=50)


class ImageFieldSpec(FieldSpecBase):
    """Photos (JPEG, PNG, WebP, GIF), with thumbnails."""

    type: Literal["image"]
    max_files: int = Field(default=10, ge=1, le=50)
    max_size_mb: int = Field(default=20, ge=1, le=50)


class SignatureFieldSpec(FieldSpecBase):
    """A handwritten signature, uploaded as a PNG image."""

    type: Literal["signature"]


class UserPickFieldSpec(FieldSpecBase):
    """People of this installation, by login; ``current_user`` fills in the writer."""

    type: Literal["user"]
    multiple: bool = False
    current_user: bool = False


class DepartmentPickFieldSpec(FieldSpecBase):
    """A department of the organisation tree."""

    type: Literal["department"]


class LookupFieldSpec(FieldSpecBase):
    """A field of the record linked by a (single) relation of this form, shown read-only."""

    type: Literal["lookup"]
    relation: FieldId
    field: FieldId


class RollupFieldSpec(FieldSpecBase):
    """An aggregate over a sub-table's rows (stored) or over linked records (live)."""

    type: Literal["rollup"]
    source: FieldId
    field: FieldId | None = None
    aggregate: Literal["count", "sum", "avg", "min", "max"] = "count"
    scale: int = Field(default=2, ge=0, le=10)
    # Set by the form: True when the source is a multiple relation (then computed live).
    _over_links: bool = PrivateAttr(default=False)

    @property
    def over_links(self) -> bool:
        return self._over_links


class SubTableFieldSpec(FieldSpecBase):
    """Line items: rows with their own fields, stored in a child table."""

    type: Literal["sub_table"]
    fields: list[ColumnFieldSpec] = Field(min_length=1, max_length=100)
    min_rows: int | None = Field(default=None, ge=0)
    max_rows: int = Field(default=1000, ge=1, le=1000)


FieldSpec = Annotated[
    TextFieldSpec
    | LongTextFieldSpec
    | IntegerFieldSpec
    | DecimalFieldSpec
    | BooleanFieldSpec
    | DateFieldSpec
    | DateTimeFieldSpec
    | SingleSelectFieldSpec
    | CurrencyFieldSpec
    | PercentFieldSpec
    | TimeFieldSpec
    | MultiSelectFieldSpec
    | EmailFieldSpec
    | PhoneFieldSpec
    | UrlFieldSpec
    | GeolocationFieldSpec
    | AutoNumberFieldSpec
    | ScanCodeFieldSpec
    | RelationFieldSpec
    | FormulaFieldSpec
    | SubTableFieldSpec
    | LookupFieldSpec
    | RollupFieldSpec
    | AttachmentFieldSpec
    | ImageFieldSpec
    | SignatureFieldSpec
    | UserPickFieldSpec
    | DepartmentPickFieldSpec,
    Field(discriminator="type"),
]


class ValidationRule(Spec):
    """A check across fields, e.g. ``finished_at >= started_at``, with the admin's message."""

    expression: Expression
    message: Label
    fields: list[FieldId] = Field(default_factory=list)


class SectionSpec(Spec):
    """Layout: top-level fields shown together under a heading, in 1 to 3 columns."""

    id: FieldId
    label: Label | None = None
    columns: int = Field(default=1, ge=1, le=3)
    fields: list[FieldId] = Field(default_factory=list, max_length=500)


class FormSpec(Spec):
    """A form: the fields of one kind of record, and so one table."""

    schema_version: Literal[1] = 1
    key: FormKey
    label: Label
    description: Label | None = None
    title_field: FieldId | None = None
    fields: list[FieldSpec] = Field(min_length=1, max_length=500)
    sections: list[SectionSpec] = Field(default_factory=list, max_length=100)
    validations: list[ValidationRule] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _mark_rollups(self) -> FormSpec:
        """A rollup over a multiple relation is live; over a sub-table it is stored."""
        kinds = {f.id: (f.type, getattr(f, "multiple", False)) for f in self.fields}
        for f in self.fields:
            if isinstance(f, RollupFieldSpec):
                f._over_links = kinds.get(f.source) == ("relation", True)
        return self

    def field(self, field_id: str) -> FieldSpecBase | None:
        for f in self.fields:
            if f.id == field_id:
                return f
        return None


class AppSpec(Spec):
    """An app: a named bundle of forms (and later flows, rules, reports...)."""

    schema_version: Literal[1] = 1
    key: AppKey
    label: Label
    description: Label | None = None
    time_zone: str = "UTC"
    default_locale: Literal["zh-CN", "en"] = "en"


FORM_ACTIONS = ("create", "read", "update", "delete", "export", "import")


class RowExpression(Spec):
    """Rows where an expression over ``record`` and ``user`` holds, e.g.
    ``record.plant == 'north' or record.created_by == user.login``."""

    expression: Annotated[str, StringConstraints(min_length=1, max_length=500)]


class FormPermission(Spec):
    """What a role may do with one form (or with every form, under the key ``*``)."""

    actions: list[Literal["create", "read", "update", "delete", "export", "import"]]
    rows: Literal["all", "own", "department"] | RowExpression = "all"
    fields: dict[str, Literal["hidden", "read_only"]] = Field(default_factory=dict)


class RoleSpec(Spec):
    """A role: permissions per form of one app, held by the users who are its members."""

    schema_version: Literal[1] = 1
    key: Annotated[str, StringConstraints(pattern=KEY_PATTERN, min_length=1, max_length=40)]
    label: Label
    description: Label | None = None
    forms: dict[str, FormPermission] = Field(default_factory=dict)

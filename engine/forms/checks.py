"""Semantic checks of a form spec that the meta-schema cannot express."""

from __future__ import annotations

from typing import Any

from engine.definitions.specs import RESERVED_FIELD_IDS, FormSpec
from engine.errors import ErrorDetail
from engine.forms.errors import FieldValueError
from engine.forms.registry import FieldTypeRegistry

CHILD_RESERVED_IDS = frozenset({"id", "parent_id", "position", "target_id"})


def check_form(spec: FormSpec, registry: FieldTypeRegistry) -> list[ErrorDetail]:
    """Every semantic problem of a form: duplicate ids, bad references, impossible rules."""
    problems, seen = _check_fields(spec.fields, "/fields", registry, RESERVED_FIELD_IDS)
    problems += _check_scan_fill(spec)
    problems += _check_derived(spec, registry)
    from engine.forms.rules import check_expressions

    problems += check_expressions(spec)
    problems += _check_sections(spec, seen)
    if spec.title_field is not None and spec.title_field not in seen:
        problems.append(
            ErrorDetail(
                "/title_field", f"there is no field with id '{spec.title_field}'", "unknown_field"
            )
        )
    return problems


def _check_sections(spec: FormSpec, fields: dict[str, int]) -> list[ErrorDetail]:
    """Sections name existing top-level fields, each field in one section at most."""
    problems: list[ErrorDetail] = []
    section_ids: dict[str, int] = {}
    placed: dict[str, int] = {}
    for index, section in enumerate(spec.sections):
        where = f"/sections/{index}"
        if section.id in section_ids:
            first = section_ids[section.id]
            problems.append(
                ErrorDetail(
                    f"{where}/id",
                    f"section id '{section.id}' is already used by section {first}",
                    "duplicate",
                )
            )
        section_ids.setdefault(section.id, index)
        for position, field_id in enumerate(section.fields):
            pointer = f"{where}/fields/{position}"
            if field_id not in fields:
                problems.append(
                    ErrorDetail(pointer, f"there is no field with id '{field_id}'", "unknown_field")
                )
            elif field_id in placed:
                problems.append(
                    ErrorDetail(
                        pointer,
                        f"field '{field_id}' is already in section {placed[field_id]}",
                        "duplicate",
                        field=field_id,
                    )
                )
            placed.setdefault(field_id, index)
    return problems


def _check_fields(
    fields: Any, pointer: str, registry: FieldTypeRegistry, reserved: frozenset[str]
) -> tuple[list[ErrorDetail], dict[str, int]]:
    problems: list[ErrorDetail] = []
    seen: dict[str, int] = {}
    types = {f.id: registry.get(f.type) for f in fields}
    for index, field in enumerate(fields):
        where = f"{pointer}/{index}"
        if field.id in reserved:
            problems.append(
                ErrorDetail(
                    f"{where}/id",
                    f"'{field.id}' is reserved for the record's own columns; choose another id",
                    "reserved",
                    field=field.id,
                )
            )
        if field.id in seen:
            problems.append(
                ErrorDetail(
                    f"{where}/id",
                    f"field id '{field.id}' is already used by field {seen[field.id]}",
                    "duplicate",
                    field=field.id,
                )
            )
        seen.setdefault(field.id, index)
        field_type = registry.get(field.type)
        if field.index and not field_type.indexable:
            problems.append(
                ErrorDetail(
                    f"{where}/index",
                    f"fields of type {field_type.type} cannot be indexed",
                    "not_indexable",
                    field=field.id,
                )
            )
        if field.unique and not field_type.can_be_unique:
            problems.append(
                ErrorDetail(
                    f"{where}/unique",
                    f"fields of type {field_type.type} cannot be unique",
                    "not_uniqueable",
                    field=field.id,
                )
            )
        for prop, message in field_type.check_spec(field):
            problems.append(ErrorDetail(f"{where}/{prop}", message, "invalid", field=field.id))
        default = field_type.default_value(field)
        if default is not None:
            try:
                field_type.clean(field, default)
            except FieldValueError as exc:
                problems.append(
                    ErrorDetail(f"{where}/default", exc.message, exc.code, field=field.id)
                )
        quantity = getattr(field, "trace_quantity", None)
        if quantity is not None:
            if getattr(field, "trace_role", None) is None:
                problems.append(
                    ErrorDetail(
                        f"{where}/trace_quantity",
                        "only applies with a trace_role",
                        "invalid",
                        field=field.id,
                    )
                )
            elif quantity not in types or not types[quantity].numeric:
                problems.append(
                    ErrorDetail(
                        f"{where}/trace_quantity",
                        f"there is no number field '{quantity}' beside this one",
                        "unknown_field",
                        field=field.id,
                    )
                )
        if field_type.has_rows:
            rows = getattr(field, "fields", [])
            nested, _ = _check_fields(rows, f"{where}/fields", registry, CHILD_RESERVED_IDS)
            problems += nested
            for row_index, row_field in enumerate(rows):
                if getattr(row_field, "multiple", False) or registry.get(row_field.type).computed:
                    problems.append(
                        ErrorDetail(
                            f"{where}/fields/{row_index}/type",
                            "sub-table rows cannot hold multiple relations or computed fields yet",
                            "not_supported",
                            field=row_field.id,
                        )
                    )
    return problems, seen


def _check_scan_fill(spec: FormSpec) -> list[ErrorDetail]:
    from engine.definitions.specs import ScanCodeFieldSpec
    from engine.forms.field_types.scan_code import PART_TARGETS

    types = {f.id: f.type for f in spec.fields}
    problems = []
    for index, field in enumerate(spec.fields):
        if not isinstance(field, ScanCodeFieldSpec):
            continue
        for part, target in field.fill.items():
            where = f"/fields/{index}/fill/{part}"
            if target not in types:
                problems.append(
                    ErrorDetail(
                        where, f"there is no field '{target}'", "unknown_field", field=field.id
                    )
                )
            elif target == field.id:
                problems.append(
                    ErrorDetail(where, "a scan cannot fill itself", "invalid", field=field.id)
                )
            elif types[target] not in PART_TARGETS[part]:
                allowed = ", ".join(sorted(PART_TARGETS[part]))
                problems.append(
                    ErrorDetail(
                        where,
                        f"'{target}' is a {types[target]} field; "
                        f"the {part} of a scan fits {allowed}",
                        "incompatible_type",
                        field=field.id,
                    )
                )
    return problems


def _check_derived(spec: FormSpec, registry: FieldTypeRegistry) -> list[ErrorDetail]:
    """Lookups name a single relation of the form; rollups a sub-table and a number in it."""
    from engine.definitions.specs import LookupFieldSpec, RollupFieldSpec

    by_id = {f.id: f for f in spec.fields}
    problems: list[ErrorDetail] = []
    for index, field in enumerate(spec.fields):
        where = f"/fields/{index}"
        if isinstance(field, LookupFieldSpec):
            relation = by_id.get(field.relation)
            if (
                relation is None
                or relation.type != "relation"
                or getattr(relation, "multiple", False)
            ):
                problems.append(
                    ErrorDetail(
                        f"{where}/relation",
                        f"'{field.relation}' is not a single relation of this form",
                        "unknown_field",
                        field=field.id,
                    )
                )
        elif isinstance(field, RollupFieldSpec):
            source = by_id.get(field.source)
            if (
                source is not None
                and source.type == "relation"
                and getattr(source, "multiple", False)
            ):
                if field.aggregate != "count" and not field.field:
                    problems.append(
                        ErrorDetail(
                            f"{where}/field",
                            "name the linked records' field to add up",
                            "required",
                            field=field.id,
                        )
                    )
                continue  # the linked form's field is checked when the form is published
            if source is None or source.type != "sub_table":
                problems.append(
                    ErrorDetail(
                        f"{where}/source",
                        f"'{field.source}' is not a sub-table or a multiple relation of this form",
                        "unknown_field",
                        field=field.id,
                    )
                )
                continue
            rows = {f.id: f for f in getattr(source, "fields", [])}
            if field.aggregate != "count":
                target = rows.get(field.field or "")
                if target is None or not registry.get(target.type).numeric:
                    problems.append(
                        ErrorDetail(
                            f"{where}/field",
                            f"the rows of '{field.source}' have no number field '{field.field}'",
                            "unknown_field",
                            field=field.id,
                        )
                    )
    return problems

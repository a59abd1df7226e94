"""The FUNCTIONS allow-list as the designer's function picker sees it."""

from __future__ import annotations

import re
from types import MappingProxyType

import pytest

from engine.expressions import FUNCTIONS, FunctionSpec, compile_expression
from tests.unit.expressions.helpers import FIELDS, compile_fails

EXPECTED = {
    "logic": {"IF", "IFS", "AND", "OR", "NOT", "COALESCE", "ISBLANK"},
    "math": {"ROUND", "ROUNDUP", "ROUNDDOWN", "ABS", "MIN", "MAX", "SUM", "AVG", "INT", "MOD",
             "POWER"},
    "text": {"LEN", "UPPER", "LOWER", "TRIM", "CONCAT", "LEFT", "RIGHT", "MID", "REPLACE",
             "CONTAINS", "STARTSWITH", "ENDSWITH", "TEXT", "NUMBER", "LPAD"},
    "date": {"TODAY", "NOW", "DATE", "YEAR", "MONTH", "DAY", "WEEKDAY", "ADD_DAYS", "ADD_MONTHS",
             "DAYS_BETWEEN", "HOURS_BETWEEN", "DATE_OF"},
    "list": {"COUNT", "INCLUDES"},
}  # fmt: skip


def test_the_allow_list_is_exactly_the_documented_functions() -> None:
    by_category: dict[str, set[str]] = {}
    for spec in FUNCTIONS.values():
        by_category.setdefault(spec.category, set()).add(spec.name)
    assert by_category == EXPECTED


def test_the_allow_list_cannot_be_changed() -> None:
    assert isinstance(FUNCTIONS, MappingProxyType)
    with pytest.raises(TypeError):
        FUNCTIONS["EVAL"] = FUNCTIONS["IF"]  # type: ignore[index]


@pytest.mark.parametrize("spec", FUNCTIONS.values(), ids=lambda spec: spec.name)
def test_every_function_is_described(spec: FunctionSpec) -> None:
    assert spec.name.isupper()
    assert spec.signature.startswith(f"{spec.name}(")
    assert spec.doc.endswith(".")
    assert "\n" not in spec.doc
    assert spec.min_args >= 0
    assert spec.max_args is None or spec.max_args >= spec.min_args
    assert "implementation" not in repr(spec)


def _call(name: str, count: int) -> str:
    return f"{name}({', '.join(['quantity'] * count)})"


@pytest.mark.parametrize("spec", FUNCTIONS.values(), ids=lambda spec: spec.name)
def test_every_function_checks_its_argument_count(spec: FunctionSpec) -> None:
    if spec.min_args > 0:
        error = compile_fails(_call(spec.name, spec.min_args - 1))
        assert error.message.startswith(f"{spec.name} takes ")
        assert error.message.endswith(f"; it was given {spec.min_args - 1}")
        assert error.position == 1
    if spec.max_args is not None:
        error = compile_fails(_call(spec.name, spec.max_args + 1))
        assert error.message.endswith(f"; it was given {spec.max_args + 1}")


@pytest.mark.parametrize("spec", FUNCTIONS.values(), ids=lambda spec: spec.name)
def test_every_function_accepts_any_letter_case(spec: FunctionSpec) -> None:
    spellings = [spec.name.title()]
    if spec.name not in {"IF", "AND", "OR", "NOT"}:  # Python keywords in lower case
        spellings.append(spec.name.lower())
    count = spec.min_args
    for name in spellings:
        compiled = compile_expression(_call(name, count), FIELDS)
        assert compiled.functions == {spec.name}


def test_names_and_functions_are_reported() -> None:
    compiled = compile_expression(
        "IF(active, ROUND(quantity * unit_price, 2), sum(quantity, weight))", FIELDS
    )
    assert compiled.names == {"active", "quantity", "unit_price", "weight"}
    assert compiled.functions == {"IF", "ROUND", "SUM"}
    assert compiled.source == "IF(active, ROUND(quantity * unit_price, 2), sum(quantity, weight))"


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("quantity * 2", "number"),
        ("name", "text"),
        ("quantity > 1", "yes/no"),
        ("ADD_DAYS(received_on, 1)", "date"),
        ("NOW()", "date and time"),
        ("tags", "list"),
        ("null", "blank"),
        ("IF(active, 1, null)", "number"),
        ("IF(active, 1, 'a')", None),
        ("location", None),
    ],
)
def test_the_kind_of_result_is_worked_out_when_it_can_be(source: str, kind: str | None) -> None:
    assert compile_expression(source, FIELDS).kind == kind


def test_signatures_read_like_calls() -> None:
    for spec in FUNCTIONS.values():
        assert re.fullmatch(r"[A-Z_]+\(.*\)", spec.signature)

"""Deny by default and bound everything: hostile expressions, huge results, threads, speed."""

from __future__ import annotations

import ast
import decimal
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from engine.expressions import CompiledExpression, ExpressionError, compile_expression
from tests.unit.expressions.helpers import FIELDS, compile_fails, evaluate_fails


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os')",
        "__import__('os').system('id')",
        "().__class__",
        "().__class__.__bases__[0].__subclasses__()",
        "quantity.__class__",
        "quantity.__class__.__mro__",
        "name.format(quantity)",
        "'{0.__class__}'.format(1)",
        "tags.append(1)",
        "tags.pop()",
        "ROUND.__globals__",
        "ROUND(1).__class__",
        "__builtins__['eval']",
        "[x for x in tags]",
        "[c for c in ().__class__.__base__.__subclasses__()]",
        "lambda: 1",
        "(lambda: 1)()",
        "open('/etc/passwd')",
        "eval('1')",
        "exec('1')",
        "compile('1', 'x', 'eval')",
        "getattr(quantity, 'real')",
        "globals()",
        "locals()",
        "vars()",
        "type(1)",
        "print(1)",
        "input()",
        "breakpoint()",
        "str(1)",
        "int('1')",
        "rand()",
        "f'{quantity!r}'",
        "(x := 1)",
        "{**{}}",
        "[*tags]",
        "import os",
        "quantity; import os",
        "a = 1",
        "del quantity",
        "yield 1",
        "await quantity",
        "quantity if True else __import__('os')",
        "IF(true, 1, __import__('os'))",
        "[tags, 1][0]",
    ],
)
def test_hostile_expressions_do_not_compile(source: str) -> None:
    compile_fails(source)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("9**9**9", "the power is too large: the exponent must be between -100 and 100"),
        ("10**100", "the result is too large: numbers must stay below 10^30"),
        ("'a'*10**9", "the result is too long: text is limited to 10,000 characters"),
        ("'a'*10**29", "the result is too long: text is limited to 10,000 characters"),
        ("LPAD('a', 10**9, 'x')", "LPAD: the length must be at most 10,000, but it is 1000000000"),
    ],
)
def test_huge_constant_results_are_caught_at_compile(source: str, message: str) -> None:
    assert compile_fails(source).message == message


@pytest.mark.parametrize(
    ("source", "values"),
    [
        ("quantity ** 9 ** 9", {"quantity": 9}),
        ("quantity ** quantity ** quantity", {"quantity": 9}),
        ("POWER(quantity, quantity)", {"quantity": 10**9}),
        ("name * quantity", {"name": "a", "quantity": 10**9}),
        ("name * quantity", {"name": "a" * 5000, "quantity": 3}),
        ("REPLACE(name, 'a', name)", {"name": "a" * 5000}),
        ("CONCAT(name, name, name)", {"name": "a" * 4000}),
        ("LPAD(name, quantity, 'x')", {"name": "a", "quantity": 10**9}),
        ("tags + tags", {"tags": ["a"] * 1000}),
        ("ADD_DAYS(received_on, quantity)", {"received_on": date(2024, 1, 1), "quantity": 10**9}),
        (
            "ADD_MONTHS(received_on, quantity)",
            {"received_on": date(2024, 1, 1), "quantity": 10**20},
        ),
        ("TEXT(received_on, name)", {"received_on": date(2024, 1, 1), "name": "MMMM" * 3000}),
        ("quantity * quantity", {"quantity": 10**20}),
        ("quantity / weight", {"quantity": 10**29, "weight": Decimal("1e-20")}),
        ("SUM(tags)", {"tags": [10**29 - 1] * 20}),
    ],
)
def test_huge_results_from_values_fail_quickly(source: str, values: dict[str, object]) -> None:
    error = evaluate_fails(source, **values)
    assert "too" in error.message or "must be at most" in error.message


def test_the_evaluator_refuses_node_kinds_the_checker_would_have_refused() -> None:
    sneaked = CompiledExpression(
        source="().__class__",
        names=frozenset(),
        functions=frozenset(),
        _tree=ast.parse("().__class__", mode="eval").body,
    )
    with pytest.raises(ExpressionError) as info:
        sneaked.evaluate({})
    assert info.value.message == "Attribute is not allowed"


def test_an_uncompiled_expression_cannot_be_evaluated() -> None:
    bare = CompiledExpression(source="1", names=frozenset(), functions=frozenset())
    with pytest.raises(ExpressionError, match="not compiled"):
        bare.evaluate({})


def test_the_callers_decimal_context_neither_matters_nor_changes() -> None:
    compiled = compile_expression("quantity / 3", FIELDS)
    with decimal.localcontext() as context:
        context.prec = 5
        context.traps[decimal.Inexact] = True
        assert compiled.evaluate({"quantity": 1}) == Decimal("0.3333333333333333333333333333333333")
        assert decimal.getcontext().prec == 5


def test_one_compiled_expression_is_shared_by_many_threads() -> None:
    compiled = compile_expression(
        "CONCAT(name, ':', ROUND(quantity * unit_price, 2), ':', TODAY())", FIELDS
    )
    zones = ["UTC", "Asia/Tokyo", "America/New_York", "Europe/Paris"]
    moment = datetime(2024, 3, 15, 22, 30, tzinfo=UTC)
    expected_days = {"UTC": 15, "Asia/Tokyo": 16, "America/New_York": 15, "Europe/Paris": 15}

    def work(worker: int) -> list[str]:
        problems = []
        for index in range(500):
            tz = zones[(worker + index) % len(zones)]
            result = compiled.evaluate(
                {"name": f"w{worker}", "quantity": index, "unit_price": Decimal("0.5")},
                now=moment,
                tz=tz,
            )
            expected = (
                f"w{worker}:{Decimal(index) * Decimal('0.5'):.2f}:2024-03-{expected_days[tz]}"
            )
            if result != expected:
                problems.append(f"{result!r} != {expected!r}")
        return problems

    with ThreadPoolExecutor(max_workers=8) as pool:
        problems = [problem for found in pool.map(work, range(8)) for problem in found]
    assert problems == []


def test_errors_in_one_thread_do_not_leak_into_another() -> None:
    compiled = compile_expression("100 / quantity", FIELDS)

    def work(worker: int) -> int:
        failures = 0
        for index in range(300):
            quantity = 0 if (worker + index) % 3 == 0 else 4
            try:
                assert compiled.evaluate({"quantity": quantity}) == 25
            except ExpressionError as error:
                assert error.message == "division by zero"
                failures += 1
        return failures

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert sum(pool.map(work, range(6))) == 600


def test_compile_once_evaluate_a_hundred_thousand_times() -> None:
    compiled = compile_expression(
        "IF(quantity > 0, ROUND(quantity * unit_price, 2), 0)",
        {"quantity": "integer", "unit_price": "decimal"},
    )
    values = {"quantity": 3, "unit_price": Decimal("9.99")}
    results = {compiled.evaluate(values) for _ in range(100_000)}
    assert results == {Decimal("29.97")}

"""IF, IFS, AND, OR, NOT, COALESCE, ISBLANK."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.unit.expressions.helpers import compile_fails, run


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("IF(true, 'a', 'b')", "a"),
        ("IF(false, 'a', 'b')", "b"),
        ("IF(false, 'a')", None),
        ("IF(1, 'a', 'b')", "a"),
        ("IF(0, 'a', 'b')", "b"),
        ("IF('', 'a', 'b')", "b"),
        ("IF([], 'a', 'b')", "b"),
        ("IF(null, 'a', 'b')", "b"),
        ("If(true, 1, 2)", Decimal(1)),
        ("ifs(false, 1, true, 2)", Decimal(2)),
        ("And(true, true)", True),
        ("not(0)", True),
        ("IFS(false, 1, true, 2)", Decimal(2)),
        ("IFS(false, 1, false, 2)", None),
        ("IFS(false, 1, false, 2, 3)", Decimal(3)),
        ("IFS(true, 1, 1 / 0 > 1, 2)", Decimal(1)),
        ("AND(true, 1, 'x')", True),
        ("AND(true, 0)", False),
        ("AND(true, null)", False),
        ("OR(false, 0, 'x')", True),
        ("OR(false, null)", False),
        ("NOT(true)", False),
        ("NOT(null)", True),
        ("NOT(0)", True),
        ("COALESCE(null, '', [], 0, 5)", Decimal(0)),
        ("COALESCE(null, '')", None),
        ("ISBLANK(null)", True),
        ("ISBLANK('')", True),
        ("ISBLANK([])", True),
        ("ISBLANK(' ')", False),
        ("ISBLANK(0)", False),
        ("ISBLANK(false)", False),
    ],
)
def test_logic(source: str, expected: Any) -> None:
    result = run(source)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize("source", ["if(true, 1, 2)", "1 + and(true)", "or (true, false)"])
def test_lower_case_keywords_get_a_hint(source: str) -> None:
    word = source.split("(")[0].split()[-1]
    error = compile_fails(source)
    assert error.message == (
        f"syntax error: '{word}' is a word of the language; write the function as "
        f"{word.upper()}(...)"
    )


def test_if_evaluates_only_the_branch_it_takes() -> None:
    assert run("IF(quantity == 0, 0, 100 / quantity)", quantity=0) == 0
    assert run("IF(quantity != 0, 100 / quantity, 0)", quantity=4) == 25


def test_and_or_stop_at_the_first_decisive_condition() -> None:
    assert run("AND(quantity > 0, 100 / quantity > 1)", quantity=0) is False
    assert run("OR(quantity == 0, 100 / quantity > 1)", quantity=0) is True


def test_coalesce_evaluates_only_what_it_needs() -> None:
    assert run("COALESCE(name, 1 / quantity)", name="x", quantity=0) == "x"


def test_isblank_on_fields() -> None:
    assert run("ISBLANK(name)") is True
    assert run("ISBLANK(name)", name="") is True
    assert run("ISBLANK(tags)", tags=[]) is True
    assert run("ISBLANK(tags)", tags=["a"]) is False


def test_if_on_field_values() -> None:
    source = "IF(active, 'open', 'closed')"
    assert run(source, active=True) == "open"
    assert run(source, active=False) == "closed"
    assert run(source) == "closed"

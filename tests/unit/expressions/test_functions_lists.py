"""COUNT and INCLUDES, on multi-select values and list literals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.unit.expressions.helpers import fails, run


def test_count() -> None:
    assert run("COUNT(tags)", tags=["a", "b"]) == Decimal(2)
    assert run("COUNT(tags)", tags=[]) == Decimal(0)
    assert run("COUNT(tags)") == Decimal(0)
    assert run("COUNT([1, 2, null])") == Decimal(3)


def test_includes() -> None:
    assert run("INCLUDES(tags, 'a')", tags=["a", "b"]) is True
    assert run("INCLUDES(tags, 'c')", tags=["a", "b"]) is False
    assert run("INCLUDES(tags, 'a')") is False
    assert run("INCLUDES([1, 2], 2.0)") is True
    assert run("INCLUDES([1, 2], '1')") is False
    assert run("INCLUDES(tags, status)", tags=["x"], status="x") is True


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("COUNT('abc')", "COUNT: the value must be a list, but it is text 'abc'"),
        ("COUNT(3)", "COUNT: the value must be a list, but it is number 3"),
        ("INCLUDES('abc', 'a')", "INCLUDES: the first value must be a list, but it is text 'abc'"),
    ],
)
def test_bad_arguments(source: str, message: str) -> None:
    error = fails(source)
    assert error.message == message
    assert error.position == 1


def test_multi_select_in_conditions() -> None:
    source = "IF(INCLUDES(tags, 'urgent'), 'A', IF(COUNT(tags) > 2, 'B', 'C'))"
    assert run(source, tags=["urgent"]) == "A"
    assert run(source, tags=("x", "y", "z")) == "B"
    assert run(source) == "C"
    assert run("'urgent' in tags", tags=["urgent"]) is True

"""Row-scope expressions: checked once, compiled to SQL with the user's values bound."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table
from sqlalchemy.dialects import sqlite

from engine.identity.principal import Principal
from engine.identity.scope import ScopeError, compile_scope, parse_scope

TABLE = Table(
    "lot",
    MetaData(),
    Column("id", Integer),
    Column("plant", String),
    Column("quantity", Integer),
    Column("created_by", String),
)
FIELDS = {"plant", "quantity"}
ALICE = Principal(user_id=7, login="alice", department_id=3)


def sql(expression: str) -> str:
    tree = parse_scope(expression, FIELDS)
    condition = compile_scope(tree, lambda name: TABLE.c[name], ALICE)
    return str(condition.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("record.plant == 'north'", "lot.plant = 'north'"),
        (
            "record.quantity >= 10 and record.plant != 'x'",
            "lot.quantity >= 10 AND lot.plant != 'x'",
        ),
        ("record.plant in ['a', 'b']", "lot.plant IN ('a', 'b')"),
        ("record.plant not in ('a',)", "(lot.plant NOT IN ('a'))"),
        ("record.created_by == user.login", "lot.created_by = 'alice'"),
        ("record.plant == None", "lot.plant IS NULL"),
        ("not record.quantity < -1", "lot.quantity >= -1"),
        ("1 < record.quantity <= 5", "1 < lot.quantity AND lot.quantity <= 5"),
        (
            "record.quantity == user.department or record.id == user.id",
            "lot.quantity = 3 OR lot.id = 7",
        ),
    ],
)
def test_expressions_compile_to_sql(expression: str, expected: str) -> None:
    assert sql(expression) == expected


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("record.colour == 'red'", "the form has no field 'colour'"),
        ("user.password == 'x'", "user.password is not known"),
        ("__import__('os').system('ls')", "'Call' is not allowed"),
        ("record.plant.upper() == 'A'", "is not allowed"),
        ("(record.plant).x == 'A'", "only record.<field> and user.<attribute>"),
        ("record.plant == ", "is not a valid expression"),
        ("x == 1", "'x' is not known here"),
        ("lambda: 1", "'Lambda' is not allowed"),
        ("record.quantity in [" + "1," * 200 + "1]", "is too complex"),
        ("'" + "a" * 600 + "'", "is longer than 500 characters"),
    ],
)
def test_unsafe_or_wrong_expressions_are_refused(expression: str, message: str) -> None:
    with pytest.raises(ScopeError) as caught:
        parse_scope(expression, FIELDS)
    assert message in caught.value.message


def test_errors_name_the_position() -> None:
    with pytest.raises(ScopeError) as caught:
        parse_scope("record.plant == 'a' and record.colour == 1", FIELDS)
    assert caught.value.position == 25

"""Row-scope expressions of roles, compiled to SQL so the database filters the rows.

The language is a small, safe subset of Python expressions:
``record.<field>`` and ``user.id | user.login | user.department`` compared with
``== != < <= > >= in not in`` to constants or lists of constants, combined with
``and``, ``or``, ``not``. Anything else is refused when the role is published.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, literal, not_, or_

from engine.identity.principal import Principal

MAX_LENGTH = 500
MAX_NODES = 200
USER_ATTRIBUTES = ("id", "login", "department")
RECORD_SYSTEM = ("id", "created_by", "updated_by", "created_at", "updated_at")


class ScopeError(ValueError):
    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def parse_scope(expression: str, record_fields: set[str]) -> ast.Expression:
    """Parse and check an expression; raise ScopeError naming the position."""
    if len(expression) > MAX_LENGTH:
        raise ScopeError(f"is longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as exc:
        raise ScopeError(f"is not a valid expression: {exc.msg}", exc.offset) from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise ScopeError("is too complex")
    for node in nodes:
        if isinstance(node, ast.Attribute):
            if not isinstance(node.value, ast.Name) or node.value.id not in ("record", "user"):
                raise ScopeError(
                    "only record.<field> and user.<attribute> can be used", node.col_offset + 1
                )
            if node.value.id == "user" and node.attr not in USER_ATTRIBUTES:
                raise ScopeError(
                    f"user.{node.attr} is not known; use user.id, user.login or user.department",
                    node.col_offset + 1,
                )
            if node.value.id == "record" and node.attr not in record_fields | set(RECORD_SYSTEM):
                raise ScopeError(f"the form has no field '{node.attr}'", node.col_offset + 1)
        elif isinstance(node, ast.Name):
            if node.id not in ("record", "user", "None", "True", "False"):
                raise ScopeError(f"'{node.id}' is not known here", node.col_offset + 1)
        elif not isinstance(
            node,
            ast.Expression
            | ast.BoolOp
            | ast.And
            | ast.Or
            | ast.UnaryOp
            | ast.Not
            | ast.Compare
            | ast.Eq
            | ast.NotEq
            | ast.Lt
            | ast.LtE
            | ast.Gt
            | ast.GtE
            | ast.In
            | ast.NotIn
            | ast.Constant
            | ast.List
            | ast.Tuple
            | ast.Load
            | ast.USub,
        ):
            position = getattr(node, "col_offset", None)
            raise ScopeError(
                f"'{type(node).__name__}' is not allowed in a row scope",
                None if position is None else position + 1,
            )
    return tree


def compile_scope(
    tree: ast.Expression, column: Callable[[str], Any], principal: Principal
) -> ColumnElement[bool]:
    """SQL condition for a checked expression, with the user's values bound in."""
    return _bool(tree.body, column, principal)


def _bool(
    node: ast.expr, column: Callable[[str], Any], principal: Principal
) -> ColumnElement[bool]:
    if isinstance(node, ast.BoolOp):
        parts = [_bool(v, column, principal) for v in node.values]
        return and_(*parts) if isinstance(node.op, ast.And) else or_(*parts)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return not_(_bool(node.operand, column, principal))
    if isinstance(node, ast.Compare):
        terms = []
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            terms.append(_compare(op, _operand(left, column, principal), right, column, principal))
            left = right
        return and_(*terms)
    raise ScopeError(
        "must be a comparison such as record.plant == 'north'", getattr(node, "col_offset", 0) + 1
    )


def _operand(node: ast.expr, column: Callable[[str], Any], principal: Principal) -> Any:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        if node.value.id == "record":
            return column(node.attr)
        value = {
            "id": principal.user_id,
            "login": principal.login,
            "department": principal.department_id,
        }[node.attr]
        return literal(value)
    if isinstance(node, ast.Constant):
        return node.value
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
    ):
        return -node.operand.value  # type: ignore[operator]
    if isinstance(node, ast.List | ast.Tuple):
        return [_operand(e, column, principal) for e in node.elts]
    raise ScopeError(
        "compare fields with values or user attributes", getattr(node, "col_offset", 0) + 1
    )


def _compare(
    op: ast.cmpop,
    left: Any,
    right_node: ast.expr,
    column: Callable[[str], Any],
    principal: Principal,
) -> ColumnElement[bool]:
    right = _operand(right_node, column, principal)
    if not hasattr(left, "is_"):
        left, right = literal(left), right
    if isinstance(op, ast.In | ast.NotIn):
        values = right if isinstance(right, list) else [right]
        condition: ColumnElement[bool] = left.in_(values)
        return condition if isinstance(op, ast.In) else not_(condition)
    if right is None:
        if isinstance(op, ast.Eq):
            return left.is_(None)  # type: ignore[no-any-return]
        if isinstance(op, ast.NotEq):
            return left.is_not(None)  # type: ignore[no-any-return]
    comparisons: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
        ast.Eq: operator.eq,
        ast.NotEq: operator.ne,
        ast.Lt: operator.lt,
        ast.LtE: operator.le,
        ast.Gt: operator.gt,
        ast.GtE: operator.ge,
    }
    result: ColumnElement[bool] = comparisons[type(op)](left, right)
    return result

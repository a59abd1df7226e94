"""Conditionals and logic: IF, IFS, AND, OR, NOT, COALESCE, ISBLANK.

IF, IFS, AND, OR and COALESCE are lazy: they evaluate only the arguments they need.
A condition holds when it is true, a non-zero number, non-empty text or a non-empty list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from engine.expressions.context import EvaluationContext
from engine.expressions.functions.spec import FunctionSpec
from engine.expressions.values import BOOLEAN, is_blank

Thunk = Callable[[], Any]


def _if(ctx: EvaluationContext, args: Sequence[Thunk]) -> Any:
    if args[0]():
        return args[1]()
    return args[2]() if len(args) > 2 else None


def _ifs(ctx: EvaluationContext, args: Sequence[Thunk]) -> Any:
    pairs = len(args) // 2
    for index in range(pairs):
        if args[2 * index]():
            return args[2 * index + 1]()
    return args[-1]() if len(args) % 2 else None


def _and(ctx: EvaluationContext, args: Sequence[Thunk]) -> bool:
    return all(arg() for arg in args)


def _or(ctx: EvaluationContext, args: Sequence[Thunk]) -> bool:
    return any(arg() for arg in args)


def _not(ctx: EvaluationContext, args: Sequence[Any]) -> bool:
    return not args[0]


def _coalesce(ctx: EvaluationContext, args: Sequence[Thunk]) -> Any:
    for arg in args:
        value = arg()
        if not is_blank(value):
            return value
    return None


def _isblank(ctx: EvaluationContext, args: Sequence[Any]) -> bool:
    return is_blank(args[0])


# fmt: off
LOGIC_FUNCTIONS = (
    FunctionSpec(
        "IF", 2, 3, "IF(condition, then, else?)",
        "The 'then' value when the condition holds, else the 'else' value (blank if omitted).",
        "logic", None, _if, lazy=True, blank_in_blank_out=False,
    ),
    FunctionSpec(
        "IFS", 2, None, "IFS(condition1, value1, condition2, value2, ..., default?)",
        "The value after the first condition that holds, else the default (blank if omitted).",
        "logic", None, _ifs, lazy=True, blank_in_blank_out=False,
    ),
    FunctionSpec(
        "AND", 1, None, "AND(condition, ...)", "True when every condition holds.",
        "logic", BOOLEAN, _and, lazy=True, blank_in_blank_out=False,
    ),
    FunctionSpec(
        "OR", 1, None, "OR(condition, ...)", "True when at least one condition holds.",
        "logic", BOOLEAN, _or, lazy=True, blank_in_blank_out=False,
    ),
    FunctionSpec(
        "NOT", 1, 1, "NOT(condition)", "True when the condition does not hold.",
        "logic", BOOLEAN, _not, blank_in_blank_out=False,
    ),
    FunctionSpec(
        "COALESCE", 1, None, "COALESCE(value, ...)",
        "The first value that is not blank (blank, empty text and empty lists are skipped).",
        "logic", None, _coalesce, lazy=True, blank_in_blank_out=False,
    ),
    FunctionSpec(
        "ISBLANK", 1, 1, "ISBLANK(value)",
        "True when the value is blank, empty text or an empty list.",
        "logic", BOOLEAN, _isblank, blank_in_blank_out=False,
    ),
)
# fmt: on

"""Lists (such as the options of a multi-select): COUNT, INCLUDES."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from engine.expressions.context import EvaluationContext
from engine.expressions.functions.args import items
from engine.expressions.functions.spec import FunctionSpec
from engine.expressions.operators import contains
from engine.expressions.values import BOOLEAN, NUMBER


def _count(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
    if args[0] is None:
        return Decimal(0)
    return Decimal(len(items("COUNT", "the value", args[0])))


def _includes(ctx: EvaluationContext, args: Sequence[Any]) -> bool:
    if args[0] is None:
        return False
    return contains(args[1], items("INCLUDES", "the first value", args[0]))


# fmt: off
LIST_FUNCTIONS = (
    FunctionSpec(
        "COUNT", 1, 1, "COUNT(list)", "The number of items in the list (0 when blank).",
        "list", NUMBER, _count, blank_in_blank_out=False,
    ),
    FunctionSpec(
        "INCLUDES", 2, 2, "INCLUDES(list, value)",
        "True when the list has the value as one of its items (false when blank).",
        "list", BOOLEAN, _includes, blank_in_blank_out=False,
    ),
)
# fmt: on

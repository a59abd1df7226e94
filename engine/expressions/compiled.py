"""A checked expression, ready to be evaluated many times (from any number of threads)."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from engine.expressions.checker import check
from engine.expressions.context import EvaluationContext
from engine.expressions.errors import EvaluationProblem, ExpressionError
from engine.expressions.evaluator import evaluate_tree
from engine.expressions.values import to_expression_value

_FIXED_NOW = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CompiledExpression:
    """An expression that passed the checks; make one with :func:`compile_expression`.

    It holds no state of any evaluation, so one instance can be shared and used from
    many threads at once.

    Attributes:
        source: The expression as written.
        names: Field ids the expression reads.
        functions: Upper-case names of the functions it calls.
        kind: Kind of value it gives (``number``, ``text``, ``yes/no``, ``date``,
            ``date and time``, ``time``, ``list``, ``blank``), None when that depends on
            the values.
    """

    source: str
    names: frozenset[str]
    functions: frozenset[str]
    kind: str | None = None
    _tree: ast.expr | None = field(default=None, repr=False, compare=False)
    _prefix: int = field(default=0, repr=False, compare=False)

    def evaluate(
        self, values: Mapping[str, Any], *, now: datetime | None = None, tz: str = "UTC"
    ) -> Any:
        """Evaluate the expression with a record's values.

        Args:
            values: Field id -> value as the records engine holds it; a missing field is
                blank. Numbers may be int, float or Decimal (they become Decimal).
            now: The moment NOW() and TODAY() see (default: the current time); naive
                means UTC.
            tz: IANA time zone in which TODAY() and the dates of datetimes are taken.

        Returns:
            A Decimal, str, bool, date, datetime, time, list or None.

        Raises:
            ExpressionError: A value cannot be used, or the evaluation failed (division
                by zero, text added to a number, a result too large...).
        """
        if self._tree is None:
            raise ExpressionError("the expression was not compiled", source=self.source)
        try:
            ctx = EvaluationContext.create(now, tz)
        except EvaluationProblem as problem:
            raise ExpressionError(problem.message, source=self.source) from None
        names: dict[str, Any] = {}
        for name in self.names:
            try:
                names[name] = to_expression_value(values.get(name))
            except EvaluationProblem as problem:
                raise ExpressionError(
                    f"field '{name}' {problem.message}", source=self.source
                ) from None
        return evaluate_tree(self._tree, names, ctx, self.source, self._prefix)


def compile_expression(source: str, fields: Mapping[str, str]) -> CompiledExpression:
    """Parse and check an expression once, when the definition using it is published.

    Args:
        source: The expression, e.g. ``ROUND(quantity * unit_price, 2)``.
        fields: Field id -> field type name (``text``, ``integer``, ``date``...) of the
            fields the expression may read.

    Returns:
        The compiled expression.

    Raises:
        ExpressionError: Syntax errors, unknown fields or functions, wrong argument counts,
            anything outside the language, sources that are too long or too big, and
            expressions without fields that always fail (like ``1 / 0``).
    """
    checked = check(source, fields)
    compiled = CompiledExpression(
        source=source,
        names=checked.names,
        functions=checked.functions,
        kind=checked.kind,
        _tree=checked.tree,
        _prefix=checked.prefix,
    )
    if checked.constant:
        # Reads no field and no clock: if it fails once, it fails for every record.
        compiled.evaluate({}, now=_FIXED_NOW)
    return compiled

"""Runtime: a simpleeval evaluator that knows only the language's node kinds and operators."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import Decimal, DivisionByZero, DivisionImpossible, Overflow, localcontext
from functools import partial
from typing import Any

from simpleeval import SimpleEval  # type: ignore[import-untyped]

from engine.expressions.context import EvaluationContext
from engine.expressions.errors import EvaluationProblem, ExpressionError
from engine.expressions.functions import FUNCTIONS
from engine.expressions.limits import DECIMAL_CONTEXT
from engine.expressions.operators import OPERATORS
from engine.expressions.positions import position_of
from engine.expressions.values import TOO_LARGE, check_list_length, describe


class Evaluator(SimpleEval):  # type: ignore[misc]
    """Evaluates one checked tree once; a new one is made for every evaluation.

    simpleeval supplies the walk over the tree and the handling of operators, ``and``/
    ``or``, comparisons and ``if``/``else``. This subclass replaces what the language
    does differently: names come from the record, calls go to the allow-list, lists and
    list indexes are the only compound values, and any other node kind is refused.
    """

    def __init__(self, names: Mapping[str, Any], ctx: EvaluationContext) -> None:
        # SimpleEval.__init__ is not called: it would set up handlers for Python syntax
        # the language does not have. These are the attributes simpleeval's methods use.
        self.operators = OPERATORS
        self.functions: dict[str, Any] = {}
        self.names = names
        self.allowed_attrs = None
        self.ATTR_INDEX_FALLBACK = False
        self.ctx = ctx
        self.nodes: dict[type[ast.AST], Callable[[Any], Any]] = {
            ast.Constant: self._eval_constant,
            ast.Name: self._eval_name,
            ast.UnaryOp: self._eval_unaryop,
            ast.BinOp: self._eval_binop,
            ast.BoolOp: self._eval_boolop,
            ast.Compare: self._eval_compare,
            ast.IfExp: self._eval_ifexp,
            ast.Call: self._eval_call,
            ast.List: self._eval_list,
            ast.Subscript: self._eval_subscript,
        }

    def _eval(self, node: ast.AST) -> Any:
        try:
            handler = self.nodes[type(node)]
        except KeyError:
            raise EvaluationProblem(f"{type(node).__name__} is not allowed") from None
        try:
            return handler(node)
        except EvaluationProblem as problem:
            if problem.node is None:
                problem.node = node
            raise
        except (ArithmeticError, TypeError, ValueError) as exc:
            translated = EvaluationProblem(_plain_words(exc))
            translated.node = node
            raise translated from exc

    def _eval_name(self, node: ast.Name) -> Any:
        return self.names[node.id]

    def _eval_call(self, node: ast.Call) -> Any:
        spec = FUNCTIONS[node.func.id]  # type: ignore[attr-defined]
        if spec.lazy:
            return spec.implementation(self.ctx, [partial(self._eval, arg) for arg in node.args])
        args = [self._eval(arg) for arg in node.args]
        if spec.blank_in_blank_out and None in args:
            return None
        return spec.implementation(self.ctx, args)

    def _eval_list(self, node: ast.List) -> list[Any]:
        check_list_length(len(node.elts))
        items = [self._eval(element) for element in node.elts]
        if any(type(item) is list for item in items):
            raise EvaluationProblem("lists inside lists are not allowed")
        return items

    def _eval_subscript(self, node: ast.Subscript) -> Any:
        container = self._eval(node.value)
        index = self._eval(node.slice)
        if container is None or index is None:
            return None
        if type(container) is not list:
            raise EvaluationProblem(
                f"only lists can be indexed with [...], not {describe(container)}"
            )
        if type(index) is not Decimal or index != index.to_integral_value():
            raise EvaluationProblem(f"a list index must be a whole number, not {describe(index)}")
        position = int(index)
        if -len(container) <= position < len(container):
            return container[position]
        return None


def _plain_words(exc: Exception) -> str:
    """Words for an error raised by Python or decimal rather than by the language's code."""
    # decimal raises InvalidOperation([DivisionImpossible, ...]) when a trapped signal fires.
    signals = exc.args[0] if exc.args and isinstance(exc.args[0], list) else []
    if isinstance(exc, DivisionByZero | ZeroDivisionError):
        return "division by zero"
    if isinstance(exc, Overflow | OverflowError) or DivisionImpossible in signals:
        return TOO_LARGE
    if isinstance(exc, ArithmeticError):
        return "this calculation has no valid result"
    return f"this cannot be calculated ({exc})"


def evaluate_tree(
    tree: ast.expr, names: Mapping[str, Any], ctx: EvaluationContext, source: str, prefix: int
) -> Any:
    """Evaluate a checked tree with the record's converted ``names``.

    ``prefix`` is the count of blank characters before the expression in ``source``
    (the tree was parsed without them).

    Raises:
        ExpressionError: The evaluation failed, with the position of the failing part.
    """
    evaluator = Evaluator(names, ctx)
    try:
        with localcontext(DECIMAL_CONTEXT):
            return evaluator._eval(tree)
    except EvaluationProblem as problem:
        position = position_of(source[prefix:], problem.node)
        raise ExpressionError(
            problem.message,
            position=None if position is None else prefix + position,
            source=source,
        ) from None

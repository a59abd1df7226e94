"""Compile-time checks: accept only the language's syntax, names and functions.

After :func:`~engine.expressions.parsing.parse`, the checker walks the syntax tree,
rejects anything that is not allowed, rewrites number literals as exact ``Decimal`` and
``true``/``false``/``null`` as constants, upper-cases function names and works out, where
it can, the kind of value each part gives, so that ``'text' + 1`` is caught when the
definition is published.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation, localcontext
from typing import Any, NoReturn

from engine.expressions.errors import EvaluationProblem, ExpressionError
from engine.expressions.functions import FUNCTIONS
from engine.expressions.limits import (
    DECIMAL_CONTEXT,
    MAX_NUMBER,
)
from engine.expressions.operators import OPERATORS
from engine.expressions.parsing import parse
from engine.expressions.positions import end_position_of, position_of
from engine.expressions.values import (
    BLANK,
    BOOLEAN,
    DATE,
    DATETIME,
    LIST,
    NUMBER,
    TEXT,
    TIME,
    field_kind,
    kind_of,
)

CONSTANTS: Mapping[str, Any] = {"true": True, "false": False, "null": None}
"""Names that are constants (in any letter case) rather than fields."""

_SAMPLES: Mapping[str, Any] = {
    NUMBER: Decimal(2),
    TEXT: "a",
    BOOLEAN: True,
    DATE: date(2000, 1, 2),
    DATETIME: datetime(2000, 1, 2, tzinfo=UTC),
    TIME: time(1),
    LIST: [],
    BLANK: None,
}
"""One value of each kind, run through an operator to see whether the kinds go together."""

_SYMBOLS: Mapping[type[ast.AST], str] = {
    ast.BitAnd: "'&' is not allowed; use 'and'",
    ast.BitOr: "'|' is not allowed; use 'or'",
    ast.BitXor: "'^' is not allowed; use '**' for powers",
    ast.LShift: "'<<' is not allowed",
    ast.RShift: "'>>' is not allowed",
    ast.MatMult: "'@' is not allowed",
    ast.Invert: "'~' is not allowed; use 'not'",
    ast.Is: "'is' is not allowed; use '==' (for example: quantity == null)",
    ast.IsNot: "'is not' is not allowed; use '!=' (for example: quantity != null)",
}

_NOT_ALLOWED: Mapping[type[ast.AST], str] = {
    ast.Lambda: "lambda functions are not allowed",
    ast.ListComp: "comprehensions ('for ... in ...') are not allowed",
    ast.SetComp: "comprehensions ('for ... in ...') are not allowed",
    ast.DictComp: "comprehensions ('for ... in ...') are not allowed",
    ast.GeneratorExp: "comprehensions ('for ... in ...') are not allowed",
    ast.JoinedStr: "f-strings are not allowed; use CONCAT(...) and TEXT(...)",
    ast.NamedExpr: "':=' is not allowed; expressions cannot assign values",
    ast.Tuple: "tuples are not allowed; write a list in square brackets: [a, b]",
    ast.Dict: "dictionaries ({key: value}) are not allowed",
    ast.Set: "sets ({a, b}) are not allowed; write a list in square brackets: [a, b]",
    ast.Starred: "'*' is not allowed",
    ast.Slice: "slices ([a:b]) are not allowed; use LEFT, RIGHT or MID for text",
    ast.Await: "'await' is not allowed",
    ast.Yield: "'yield' is not allowed",
    ast.YieldFrom: "'yield' is not allowed",
}

_CLOCK_FUNCTIONS = frozenset({"TODAY", "NOW"})

_RESULT_FROM_ARGUMENTS: Mapping[str, Callable[[list[str | None]], list[str | None]]] = {
    "IF": lambda kinds: kinds[1:] if len(kinds) == 3 else [kinds[1], BLANK],
    "IFS": lambda kinds: kinds[1::2] + (kinds[-1:] if len(kinds) % 2 else [BLANK]),
    "COALESCE": lambda kinds: kinds,
    "ADD_DAYS": lambda kinds: kinds[:1],
    "ADD_MONTHS": lambda kinds: kinds[:1],
}
"""Functions whose result has the kind of some of their arguments (the others say it)."""


def merge_kinds(kinds: list[str | None]) -> str | None:
    """The one kind all of ``kinds`` share, blank going with any; None when they differ."""
    found = {kind for kind in kinds if kind != BLANK}
    if not found:
        return BLANK
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True)
class CheckedExpression:
    """The outcome of checking: the rewritten tree and what it uses.

    Attributes:
        tree: The expression's syntax tree, ready for the evaluator; never changed again.
        names: Field ids the expression reads.
        functions: Upper-case names of the functions it calls.
        kind: Kind of value it gives (``number``, ``text``...), None when unknown.
        prefix: Count of blank characters before the expression in its source; the
            tree's positions start after them.
    """

    tree: ast.expr
    names: frozenset[str]
    functions: frozenset[str]
    kind: str | None
    prefix: int

    @property
    def constant(self) -> bool:
        """The expression reads no field and no clock, so it always gives the same result."""
        return not self.names and not (self.functions & _CLOCK_FUNCTIONS)


def check(source: str, fields: Mapping[str, str]) -> CheckedExpression:
    """Parse and check ``source`` against the form's ``fields`` (field id -> type name).

    Raises:
        ExpressionError: The expression is too long, too big, not valid syntax, or uses
            anything outside the language.
    """
    parsed = parse(source)
    return _Checker(source, parsed.text, parsed.prefix, fields).run(parsed.tree)


class _Checker:
    """One walk over one expression's tree."""

    def __init__(self, source: str, text: str, prefix: int, fields: Mapping[str, str]) -> None:
        self.source = source
        self.text = text
        self.prefix = prefix
        self.fields = fields
        self.names: set[str] = set()
        self.functions: set[str] = set()

    def run(self, tree: ast.expr) -> CheckedExpression:
        checked, kind = self.visit(tree)
        return CheckedExpression(
            tree=checked,
            names=frozenset(self.names),
            functions=frozenset(self.functions),
            kind=kind,
            prefix=self.prefix,
        )

    def fail(self, message: str, node: ast.AST, *, after: bool = False) -> NoReturn:
        if after and isinstance(node, ast.expr):
            position = end_position_of(self.text, node)
        else:
            position = position_of(self.text, node)
        raise ExpressionError(
            message,
            position=None if position is None else self.prefix + position,
            source=self.source,
        )

    def visit(self, node: ast.expr) -> tuple[ast.expr, str | None]:
        """Check ``node``; return it (or its replacement) and the kind of value it gives."""
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BinOp):
            return self.binop(node)
        if isinstance(node, ast.UnaryOp):
            return self.unaryop(node)
        if isinstance(node, ast.BoolOp):
            kinds = set()
            for index, value in enumerate(node.values):
                node.values[index], kind = self.visit(value)
                kinds.add(kind)
            return node, BOOLEAN if kinds == {BOOLEAN} else None
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.IfExp):
            node.test = self.visit(node.test)[0]
            node.body, body_kind = self.visit(node.body)
            node.orelse, else_kind = self.visit(node.orelse)
            return node, merge_kinds([body_kind, else_kind])
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.List):
            return self.list(node)
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        if isinstance(node, ast.Attribute):
            self.fail(
                f"'.{node.attr}' is not allowed: expressions cannot read attributes; "
                "refer to a field by its id alone",
                node.value,
                after=True,
            )
        message = _NOT_ALLOWED.get(type(node), f"{type(node).__name__} is not allowed")
        self.fail(message, node)

    def constant(self, node: ast.Constant) -> tuple[ast.expr, str | None]:
        value = node.value
        if value is None or isinstance(value, bool | str):
            return node, kind_of(value)
        if isinstance(value, int | float):
            number = self.number_literal(node, value)
            # The evaluator returns a Constant's value as it is, so it may be a Decimal.
            literal = ast.Constant(value=number)  # type: ignore[arg-type]
            return ast.copy_location(literal, node), NUMBER
        if isinstance(value, complex):
            self.fail("imaginary numbers are not allowed", node)
        if isinstance(value, bytes):
            self.fail("byte strings (b'...') are not allowed; use plain text", node)
        self.fail(f"{value!r} is not allowed", node)

    def number_literal(self, node: ast.Constant, value: int | float) -> Decimal:
        written = (ast.get_source_segment(self.text, node) or "").replace("_", "")
        try:
            number = Decimal(written)
        except InvalidOperation:
            number = Decimal(value)  # 0x1F, 0o17, 0b101 (always ints)
        if not number.is_finite() or abs(number) >= MAX_NUMBER:
            self.fail(f"the number {written} is too large: numbers must stay below 10^30", node)
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1), context=DECIMAL_CONTEXT)  # 1e3 -> 1000
        return number

    def name(self, node: ast.Name) -> tuple[ast.expr, str | None]:
        name = node.id
        if name.startswith("__"):
            self.fail(f"'{name}' is not allowed: names cannot start with '__'", node)
        if name.lower() in CONSTANTS:
            value = CONSTANTS[name.lower()]
            return ast.copy_location(ast.Constant(value=value), node), kind_of(value)
        if name in self.fields:
            self.names.add(name)
            return node, field_kind(self.fields[name])
        if name.upper() in FUNCTIONS:
            upper = name.upper()
            self.fail(f"{upper} is a function: call it with parentheses, like {upper}()", node)
        self.fail(self.unknown_field(name), node)

    def unknown_field(self, name: str) -> str:
        if not self.fields:
            return f"unknown field '{name}'; there are no fields to use"
        known = sorted(self.fields)
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
        message = f"unknown field '{name}'"
        if close:
            message += f" (did you mean '{close[0]}'?)"
        shown = ", ".join(known[:30])
        if len(known) > 30:
            shown += f", ... ({len(known)} fields in all)"
        return f"{message}; fields are: {shown}"

    def binop(self, node: ast.BinOp) -> tuple[ast.expr, str | None]:
        operator = OPERATORS.get(type(node.op))
        if operator is None:
            self.fail(_SYMBOLS.get(type(node.op), "this operator is not allowed"), node)
        node.left, left = self.visit(node.left)
        node.right, right = self.visit(node.right)
        return node, self.try_operator(node, operator, left, right)

    def unaryop(self, node: ast.UnaryOp) -> tuple[ast.expr, str | None]:
        operator = OPERATORS.get(type(node.op))
        if operator is None:
            self.fail(_SYMBOLS.get(type(node.op), "this operator is not allowed"), node)
        node.operand, kind = self.visit(node.operand)
        if kind is None:
            return node, BOOLEAN if isinstance(node.op, ast.Not) else None
        try:
            return node, kind_of(operator(_SAMPLES[kind]))
        except EvaluationProblem as problem:
            self.fail(problem.message, node)

    def compare(self, node: ast.Compare) -> tuple[ast.expr, str | None]:
        node.left, left = self.visit(node.left)
        for index, (op, comparator) in enumerate(zip(node.ops, node.comparators, strict=True)):
            operator = OPERATORS.get(type(op))
            if operator is None:
                self.fail(_SYMBOLS.get(type(op), "this comparison is not allowed"), node)
            node.comparators[index], right = self.visit(comparator)
            self.try_operator(node, operator, left, right)
            left = right
        return node, BOOLEAN

    def try_operator(
        self, node: ast.expr, operator: Any, left: str | None, right: str | None
    ) -> str | None:
        """Run the operator on sample values of the operands' kinds, when both are known."""
        if left is None or right is None:
            return None
        try:
            with localcontext(DECIMAL_CONTEXT):
                return kind_of(operator(_SAMPLES[left], _SAMPLES[right]))
        except EvaluationProblem as problem:
            self.fail(problem.message, node)

    def call(self, node: ast.Call) -> tuple[ast.expr, str | None]:
        func = node.func
        if not isinstance(func, ast.Name):
            self.visit(func)  # fails for '.', lambda... with the fitting message
            self.fail("only the functions of the list can be called, by their name", node)
        name = func.id
        if name.startswith("__"):
            self.fail(f"'{name}' is not allowed: names cannot start with '__'", func)
        spec = FUNCTIONS.get(name.upper())
        if spec is None:
            if name in self.fields:
                self.fail(f"'{name}' is a field, not a function", func)
            close = difflib.get_close_matches(name.upper(), list(FUNCTIONS), n=1, cutoff=0.75)
            hint = f"; did you mean {close[0]}?" if close else ""
            self.fail(f"unknown function '{name}'{hint}", func)
        if node.keywords:
            keyword = node.keywords[0]
            written = f"{keyword.arg}=" if keyword.arg else "**"
            self.fail(
                f"{spec.name} takes its arguments in order, without names; remove '{written}'",
                keyword,
            )
        count = len(node.args)
        if count < spec.min_args or (spec.max_args is not None and count > spec.max_args):
            self.fail(
                f"{spec.name} takes {spec.arity_text()}: {spec.signature}; it was given {count}",
                node,
            )
        node.func = ast.copy_location(ast.Name(id=spec.name, ctx=ast.Load()), func)
        kinds: list[str | None] = []
        for index, arg in enumerate(node.args):
            node.args[index], kind = self.visit(arg)
            kinds.append(kind)
        self.functions.add(spec.name)
        pick = _RESULT_FROM_ARGUMENTS.get(spec.name)
        return node, spec.returns if pick is None else merge_kinds(pick(kinds))

    def list(self, node: ast.List) -> tuple[ast.expr, str | None]:
        for index, element in enumerate(node.elts):
            node.elts[index], kind = self.visit(element)
            if kind == LIST:
                self.fail("lists inside lists are not allowed", element)
        return node, LIST

    def subscript(self, node: ast.Subscript) -> tuple[ast.expr, str | None]:
        node.value, kind = self.visit(node.value)
        if kind != LIST:
            self.fail(
                "only lists can be indexed with [...]; use LEFT, RIGHT or MID for text",
                node,
            )
        if isinstance(node.slice, ast.Slice):
            self.fail(_NOT_ALLOWED[ast.Slice], node.slice)
        node.slice, index_kind = self.visit(node.slice)
        if index_kind not in (None, NUMBER):
            self.fail(f"a list index must be a whole number, not {index_kind}", node.slice)
        return node, None

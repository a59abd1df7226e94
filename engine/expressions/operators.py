"""The operators of the language, handed to simpleeval in place of Python's own.

Numbers are ``Decimal``; a blank operand makes arithmetic blank; comparisons with a blank
are false except ``==`` and ``!=``; operands of different kinds never compare equal and
cannot be ordered.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from engine.expressions.errors import EvaluationProblem
from engine.expressions.limits import MAX_EXPONENT
from engine.expressions.values import (
    ORDERED_TYPES,
    TOO_LARGE,
    check_list_length,
    check_number,
    check_text_length,
    kind_of,
)

_DATE_HINTS = {
    "+": "use ADD_DAYS(date, days) or ADD_MONTHS(date, months)",
    "-": "use DAYS_BETWEEN(start, end), HOURS_BETWEEN(start, end) or ADD_DAYS(date, -days)",
}


def _cannot(verb: str, symbol: str, left: Any, right: Any) -> EvaluationProblem:
    message = f"cannot {verb} {kind_of(left)} and {kind_of(right)} with '{symbol}'"
    if isinstance(left, date) or isinstance(right, date):
        hint = _DATE_HINTS.get(symbol, "use the date functions")
        return EvaluationProblem(f"{message}; {hint}")
    if isinstance(left, str) or isinstance(right, str):
        if symbol == "+":
            return EvaluationProblem(f"{message}; use CONCAT(...) to join text with other values")
        if symbol in "-*/":
            return EvaluationProblem(f"{message}; use NUMBER(text) to turn text into a number")
    return EvaluationProblem(message)


def add(left: Any, right: Any) -> Any:
    """``+``: numbers add, texts join, lists join."""
    if left is None or right is None:
        return None
    kind = type(left)
    if kind is type(right):
        if kind is Decimal:
            return check_number(left + right)
        if kind is str:
            check_text_length(len(left) + len(right))
            return left + right
        if kind is list:
            check_list_length(len(left) + len(right))
            return left + right
    raise _cannot("add", "+", left, right)


def sub(left: Any, right: Any) -> Any:
    """``-`` of two numbers."""
    if left is None or right is None:
        return None
    if type(left) is Decimal and type(right) is Decimal:
        return check_number(left - right)
    raise _cannot("subtract", "-", left, right)


def mul(left: Any, right: Any) -> Any:
    """``*`` of two numbers, or text repeated a whole number of times."""
    if left is None or right is None:
        return None
    if type(left) is Decimal and type(right) is Decimal:
        return check_number(left * right)
    if type(left) is str and type(right) is Decimal:
        return _repeat(left, right)
    if type(left) is Decimal and type(right) is str:
        return _repeat(right, left)
    raise _cannot("multiply", "*", left, right)


def _repeat(text: str, times: Decimal) -> str:
    if times != times.to_integral_value():
        raise EvaluationProblem("text can only be repeated a whole number of times")
    count = max(int(times), 0)
    check_text_length(len(text) * count)
    return text * count


def _numbers(verb: str, symbol: str, left: Any, right: Any) -> tuple[Decimal, Decimal]:
    if type(left) is Decimal and type(right) is Decimal:
        if not right:
            raise EvaluationProblem("division by zero")
        return left, right
    raise _cannot(verb, symbol, left, right)


def truediv(left: Any, right: Any) -> Any:
    """``/``: exact to 34 significant digits."""
    if left is None or right is None:
        return None
    left, right = _numbers("divide", "/", left, right)
    return check_number(left / right)


def floor_divmod(left: Decimal, right: Decimal) -> tuple[Decimal, Decimal]:
    """Quotient rounded down and remainder with the divisor's sign (like Python and Excel)."""
    try:
        quotient, remainder = divmod(left, right)  # Decimal truncates toward zero
    except InvalidOperation:
        # The quotient needs more digits than the precision holds.
        raise EvaluationProblem(TOO_LARGE) from None
    if remainder and (remainder < 0) != (right < 0):
        quotient -= 1
        remainder += right
    return quotient, remainder


def floordiv(left: Any, right: Any) -> Any:
    """``//``: the quotient rounded down to a whole number."""
    if left is None or right is None:
        return None
    left, right = _numbers("divide", "//", left, right)
    return check_number(floor_divmod(left, right)[0])


def mod(left: Any, right: Any) -> Any:
    """``%``: the remainder, with the sign of the divisor."""
    if left is None or right is None:
        return None
    left, right = _numbers("divide", "%", left, right)
    return check_number(floor_divmod(left, right)[1])


def power(left: Any, right: Any) -> Any:
    """``**`` with the exponent bounded by ``MAX_EXPONENT``."""
    if left is None or right is None:
        return None
    if type(left) is not Decimal or type(right) is not Decimal:
        raise _cannot("raise", "**", left, right)
    if abs(right) > MAX_EXPONENT:
        raise EvaluationProblem(
            f"the power is too large: the exponent must be between -{MAX_EXPONENT} "
            f"and {MAX_EXPONENT}"
        )
    if not left:
        if not right:
            raise EvaluationProblem("0 to the power of 0 is undefined")
        if right < 0:
            raise EvaluationProblem("division by zero")
    if left < 0 and right != right.to_integral_value():
        raise EvaluationProblem("a negative number cannot be raised to a fractional power")
    result = check_number(left**right)
    if right != right.to_integral_value():
        # A root is rounded to 34 digits: 9 ** 0.5 gives 3.000...0, which should read 3.
        integral = result == result.to_integral_value()
        result = result.quantize(Decimal(1)) if integral else result.normalize()
    return result


def neg(operand: Any) -> Any:
    """Unary ``-``."""
    if operand is None:
        return None
    if type(operand) is Decimal:
        return check_number(-operand)
    raise EvaluationProblem(f"cannot negate {kind_of(operand)} with '-'")


def pos(operand: Any) -> Any:
    """Unary ``+``."""
    if operand is None or type(operand) is Decimal:
        return operand
    raise EvaluationProblem(f"cannot use '+' on {kind_of(operand)}")


def not_(operand: Any) -> bool:
    """``not``: true for false, blank, zero, empty text and the empty list."""
    return not operand


def eq(left: Any, right: Any) -> bool:
    """``==``: values of different kinds are never equal; blank equals only blank."""
    kind = type(left)
    if kind is not type(right):
        return False
    if kind is list:
        return len(left) == len(right) and all(map(eq, left, right))
    return bool(left == right)


def ne(left: Any, right: Any) -> bool:
    """``!=``, the opposite of ``==``."""
    return not eq(left, right)


def _ordered(symbol: str, left: Any, right: Any) -> bool:
    """True when both can be ordered; False when one is blank; raises otherwise."""
    if left is None or right is None:
        return False
    kind = type(left)
    if kind is type(right) and kind in ORDERED_TYPES:
        return True
    message = f"cannot compare {kind_of(left)} and {kind_of(right)} with '{symbol}'"
    if {kind_of(left), kind_of(right)} == {"date", "date and time"}:
        message += "; use DATE_OF(...) to take the date of a date and time"
    raise EvaluationProblem(message)


def lt(left: Any, right: Any) -> bool:
    """``<``."""
    return _ordered("<", left, right) and bool(left < right)


def le(left: Any, right: Any) -> bool:
    """``<=``."""
    return _ordered("<=", left, right) and bool(left <= right)


def gt(left: Any, right: Any) -> bool:
    """``>``."""
    return _ordered(">", left, right) and bool(left > right)


def ge(left: Any, right: Any) -> bool:
    """``>=``."""
    return _ordered(">=", left, right) and bool(left >= right)


def contains(item: Any, container: Any) -> bool:
    """``item in container``: an item of a list, or a part of a text. Blank holds nothing."""
    if container is None:
        return False
    if type(container) is list:
        return any(eq(item, element) for element in container)
    if type(container) is str:
        if item is None:
            return False
        if type(item) is str:
            return item in container
        raise EvaluationProblem(
            f"cannot look for {kind_of(item)} in text with 'in'; only text can be found in text"
        )
    raise EvaluationProblem(f"'in' needs a list or text on its right, not {kind_of(container)}")


def not_contains(item: Any, container: Any) -> bool:
    """``item not in container``, the opposite of ``in``."""
    return not contains(item, container)


OPERATORS: dict[type[ast.AST], Callable[..., Any]] = {
    ast.Add: add,
    ast.Sub: sub,
    ast.Mult: mul,
    ast.Div: truediv,
    ast.FloorDiv: floordiv,
    ast.Mod: mod,
    ast.Pow: power,
    ast.USub: neg,
    ast.UAdd: pos,
    ast.Not: not_,
    ast.Eq: eq,
    ast.NotEq: ne,
    ast.Lt: lt,
    ast.LtE: le,
    ast.Gt: gt,
    ast.GtE: ge,
    ast.In: contains,
    ast.NotIn: not_contains,
}
"""Every operator the language has, keyed by its syntax-tree class (nothing else is allowed)."""

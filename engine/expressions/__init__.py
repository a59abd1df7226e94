"""The one expression language of formulas, visibility and required conditions, validation
rules and (later) flow and rule conditions.

An expression is checked once, when the definition using it is published, and evaluated
many times::

    total = compile_expression("ROUND(quantity * unit_price, 2)", fields)
    total.evaluate({"quantity": 3, "unit_price": Decimal("9.99")})  # Decimal('29.97')

The language is Python's expression syntax, cut down by an allow-list and run by
simpleeval:

* Field ids are bare names; ``true``/``false``/``null`` (any case, or ``True``...) are
  constants. Literals: numbers, ``'text'``/``"text"`` and lists ``[1, 2]``.
* Operators ``+ - * / // % **`` (exponent within +-100), comparisons (chains allowed),
  ``and or not``, ``in``/``not in``, ``a if condition else b`` and ``list[index]``
  (0-based, blank when out of range). Nothing else: no attributes, no other subscripts,
  no lambdas, comprehensions, f-strings, assignments or names starting with ``__``.
* Numbers are exact ``Decimal`` (``0.1 + 0.2 == 0.3``), 34 significant digits, below
  10^30. Texts are at most 10,000 characters, lists at most 1,000 items.
* Blank (None) in, blank out: arithmetic with a blank is blank; comparisons with a blank
  are false except ``==``/``!=``; ISBLANK is true for blank, ``''`` and ``[]``.
* Dates are not added or subtracted with ``+``/``-``: ADD_DAYS, ADD_MONTHS, DAYS_BETWEEN
  and HOURS_BETWEEN say what is meant. Datetimes are instants kept in UTC; their dates
  are taken in the time zone given to ``evaluate``.
* Functions are those of :data:`FUNCTIONS`, in any letter case.
"""

from engine.expressions.compiled import CompiledExpression, compile_expression
from engine.expressions.errors import ExpressionError
from engine.expressions.functions import FUNCTIONS, FunctionSpec

__all__ = [
    "FUNCTIONS",
    "CompiledExpression",
    "ExpressionError",
    "FunctionSpec",
    "compile_expression",
]

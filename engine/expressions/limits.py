"""Bounds on what an expression may be and produce (deny by default, bound everything)."""

from __future__ import annotations

from decimal import Context, Decimal, DivisionByZero, InvalidOperation, Overflow

MAX_SOURCE_LENGTH = 2_000
"""Characters in an expression's source."""

MAX_NODES = 400
"""Syntax tree nodes in one expression."""

MAX_DEPTH = 40
"""Nesting depth of the syntax tree."""

MAX_TEXT_LENGTH = 10_000
"""Characters in any text an expression produces."""

MAX_LIST_LENGTH = 1_000
"""Items in any list an expression produces."""

MAX_EXPONENT = 100
"""Largest absolute exponent of ``**`` and ``POWER``."""

MAX_NUMBER = Decimal(10) ** 30
"""Every number an expression produces is strictly smaller than this in absolute value."""

NUMBER_PRECISION = 34
"""Significant digits kept by arithmetic (IEEE decimal128)."""

MAX_DAYS = 3_660_000
"""Largest absolute day count ``ADD_DAYS`` accepts (about 10,000 years)."""

DECIMAL_CONTEXT = Context(
    prec=NUMBER_PRECISION,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""Decimal arithmetic of every evaluation, whatever the calling thread's context is."""

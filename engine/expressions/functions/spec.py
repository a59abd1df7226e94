"""How a function of the language is described: for the checker, the evaluator and the designer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from engine.expressions.context import EvaluationContext

Implementation = Callable[[EvaluationContext, Sequence[Any]], Any]
"""Runs a function: gets the context and the argument values (thunks for lazy functions)."""


@dataclass(frozen=True)
class FunctionSpec:
    """One function of the allow-list.

    Attributes:
        name: Upper-case name used in expressions (lower case is accepted too).
        min_args: Fewest arguments it takes.
        max_args: Most arguments it takes; None when there is no limit.
        signature: How a call looks, for the function picker (``ROUND(number, digits?)``).
        doc: One line saying what it does.
        category: Group in the function picker (``logic``, ``math``, ``text``, ``date``, ``list``).
        returns: Kind of value it returns (``number``, ``text``...), None when it varies.
        implementation: The code that runs it.
        lazy: The implementation gets argument thunks and evaluates only what it needs, so
            ``IF(qty == 0, 0, total / qty)`` never divides by zero.
        blank_in_blank_out: When any argument is blank the result is blank and the
            implementation is not called.
    """

    name: str
    min_args: int
    max_args: int | None
    signature: str
    doc: str
    category: str
    returns: str | None
    implementation: Implementation = field(repr=False, compare=False)
    lazy: bool = False
    blank_in_blank_out: bool = True

    def arity_text(self) -> str:
        """How many arguments it takes, in words."""
        if self.max_args is None:
            plural = "" if self.min_args == 1 else "s"
            return f"at least {self.min_args} argument{plural}"
        if self.min_args == self.max_args:
            plural = "" if self.min_args == 1 else "s"
            return f"exactly {self.min_args} argument{plural}" if self.min_args else "no arguments"
        return f"{self.min_args} to {self.max_args} arguments"

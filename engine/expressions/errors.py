"""Errors of the expression language."""

from __future__ import annotations


class ExpressionError(ValueError):
    """An expression that cannot be compiled or evaluated.

    Attributes:
        message: What is wrong, in plain words for a business admin.
        position: 1-based character offset in ``source`` where the problem is, when known.
        source: The expression's text.
    """

    def __init__(self, message: str, *, position: int | None = None, source: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.source = source

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"{self.message} (at character {self.position})"


class EvaluationProblem(Exception):
    """Internal: a runtime problem not yet tied to a place in the source.

    Operators and functions raise it; the evaluator adds the position of the node being
    evaluated and turns it into an :class:`ExpressionError`.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.node: object | None = None

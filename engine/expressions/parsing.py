"""Parsing: the source's bounds, Python's parser, and syntax errors in plain words."""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass

from engine.expressions.errors import ExpressionError
from engine.expressions.limits import MAX_DEPTH, MAX_NODES, MAX_SOURCE_LENGTH
from engine.expressions.positions import offset_of, position_of

_TOKEN = re.compile(r"\w+|==|!=|<=|>=|\S")

_KEYWORD_FUNCTIONS = frozenset({"if", "and", "or"})
"""Functions whose lower-case name is a Python keyword, so only other spellings parse."""


@dataclass(frozen=True)
class ParsedSource:
    """An expression's syntax tree, within bounds but not yet checked.

    Attributes:
        tree: The syntax tree of ``text``.
        text: The source without blanks around it (Python refuses a leading blank).
        prefix: Count of blank characters before ``text`` in the source.
    """

    tree: ast.expr
    text: str
    prefix: int


def parse(source: str) -> ParsedSource:
    """Parse ``source`` as one expression no longer, bigger or deeper than the limits.

    Raises:
        ExpressionError: The source is not text, too long, empty, not valid syntax, too
            big or nested too deeply.
    """
    if not isinstance(source, str):
        raise ExpressionError("the expression must be text", source=str(source))
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionError(
            f"the expression is too long: {len(source):,} characters, at most "
            f"{MAX_SOURCE_LENGTH:,} are allowed",
            source=source,
        )
    if "\x00" in source:
        raise ExpressionError("the expression contains a null character", source=source)
    text = source.strip()
    if not text:
        raise ExpressionError("the expression is empty", source=source)
    prefix = len(source) - len(source.lstrip())
    tree = _parse(source, text, prefix)
    _check_size(source, text, prefix, tree)
    return ParsedSource(tree=tree, text=text, prefix=prefix)


def _parse(source: str, text: str, prefix: int) -> ast.expr:
    try:
        # Warnings (an invalid escape like '\d') become errors: never printed, never ignored.
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        message, position = _syntax_problem(exc, text)
        raise ExpressionError(
            f"syntax error: {message}",
            position=None if position is None else prefix + position,
            source=source,
        ) from None
    except (RecursionError, MemoryError):
        raise ExpressionError("the expression is nested too deeply", source=source) from None


def _syntax_problem(exc: SyntaxError, text: str) -> tuple[str, int | None]:
    """Plain words and the 1-based position in ``text`` of a syntax error."""
    message = exc.msg or "invalid syntax"
    if not exc.lineno:
        return message, None
    line_start = offset_of(text, exc.lineno, 0) - 1
    if not exc.offset or line_start + exc.offset > len(text):
        return ("the expression ends too early" if message == "invalid syntax" else message), len(
            text
        )
    position = line_start + exc.offset
    if message == "invalid syntax" or "Maybe you meant '==' or ':='" in message:
        found = _TOKEN.match(text, position - 1)
        unexpected = found.group() if found else text[position - 1]
        if unexpected == "=":
            return "'=' is not allowed; use '==' to compare values", position
        if (
            unexpected in _KEYWORD_FUNCTIONS
            and text[position - 1 + len(unexpected) :].lstrip()[:1] == "("
        ):
            upper = unexpected.upper()
            return (
                f"'{unexpected}' is a word of the language; write the function as {upper}(...)",
                position,
            )
        return f"unexpected '{unexpected}'", position
    return message, position


def _check_size(source: str, text: str, prefix: int, tree: ast.expr) -> None:
    count = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ast.expr):
            count += 1
            if depth > MAX_DEPTH:
                position = position_of(text, node)
                raise ExpressionError(
                    f"the expression is nested too deeply (at most {MAX_DEPTH} levels)",
                    position=None if position is None else prefix + position,
                    source=source,
                )
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    if count > MAX_NODES:
        raise ExpressionError(
            f"the expression is too big: {count:,} parts, at most {MAX_NODES:,} are allowed",
            source=source,
        )

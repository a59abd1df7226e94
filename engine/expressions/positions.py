"""Where a syntax-tree node starts in an expression's source, as a 1-based character offset."""

from __future__ import annotations

import ast
import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(source: str) -> list[int]:
    """0-based character offset of the start of each line of ``source``."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(source)]


def offset_of(source: str, lineno: int, byte_column: int) -> int:
    """1-based character offset of a 1-based line and a 0-based UTF-8 byte column."""
    starts = line_starts(source)
    line_index = min(max(lineno, 1), len(starts)) - 1
    start = starts[line_index]
    line = source[start:]
    column = len(line.encode("utf-8")[:byte_column].decode("utf-8", errors="ignore"))
    return start + column + 1


def position_of(source: str, node: object) -> int | None:
    """1-based character offset of where ``node`` starts, None when it has no place."""
    lineno = getattr(node, "lineno", None)
    column = getattr(node, "col_offset", None)
    if not isinstance(node, ast.AST) or lineno is None or column is None:
        return None
    return offset_of(source, lineno, column)


def end_position_of(source: str, node: ast.expr) -> int | None:
    """1-based character offset just after where ``node`` ends."""
    if node.end_lineno is None or node.end_col_offset is None:
        return None
    return offset_of(source, node.end_lineno, node.end_col_offset)

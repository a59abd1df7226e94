"""The allow-list of functions expressions may call, keyed by upper-case name."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from engine.expressions.functions.dates import DATE_FUNCTIONS
from engine.expressions.functions.lists import LIST_FUNCTIONS
from engine.expressions.functions.logic import LOGIC_FUNCTIONS
from engine.expressions.functions.numbers import NUMBER_FUNCTIONS
from engine.expressions.functions.spec import FunctionSpec, Implementation
from engine.expressions.functions.text import TEXT_FUNCTIONS


def _by_name(*groups: tuple[FunctionSpec, ...]) -> Mapping[str, FunctionSpec]:
    found: dict[str, FunctionSpec] = {}
    for group in groups:
        for spec in group:
            if spec.name in found:
                raise ValueError(f"function {spec.name} is defined twice")
            found[spec.name] = spec
    return MappingProxyType(found)


FUNCTIONS: Mapping[str, FunctionSpec] = _by_name(
    LOGIC_FUNCTIONS, NUMBER_FUNCTIONS, TEXT_FUNCTIONS, DATE_FUNCTIONS, LIST_FUNCTIONS
)
"""Every function of the language (read-only); nothing else can be called."""

__all__ = ["FUNCTIONS", "FunctionSpec", "Implementation"]

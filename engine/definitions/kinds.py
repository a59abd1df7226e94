"""The definition-kind registry: how each kind is validated, checked and published."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from engine.errors import ErrorDetail

PublishHook = Callable[[Any, Any, "BaseModel | None", BaseModel, bool], list[dict[str, Any]]]
"""(unit of work, definition row, old spec, new spec, dry_run) -> plan of changes."""


@dataclass(frozen=True)
class DefinitionKind:
    """One kind of definition (``app``, ``form``, ...).

    Attributes:
        name: The kind's name; also the meta-schema file ``schemas/{name}.schema.json``.
        spec_model: Pydantic model the document parses into.
        check: Semantic checks after parsing (references resolve, rules are possible).
        on_publish: Applies what publishing means for this kind (e.g. table DDL for forms)
            and returns the plan; with ``dry_run`` it only plans.
    """

    name: str
    spec_model: type[BaseModel]
    check: Callable[[BaseModel], list[ErrorDetail]] | None = None
    on_publish: PublishHook | None = None


class DefinitionKindRegistry:
    def __init__(self) -> None:
        self._kinds: dict[str, DefinitionKind] = {}

    def register(self, kind: DefinitionKind) -> None:
        if kind.name in self._kinds:
            raise ValueError(f"definition kind {kind.name!r} is already registered")
        self._kinds[kind.name] = kind

    def get(self, name: str) -> DefinitionKind:
        try:
            return self._kinds[name]
        except KeyError:
            raise KeyError(f"unknown definition kind {name!r}") from None

    def names(self) -> list[str]:
        return list(self._kinds)

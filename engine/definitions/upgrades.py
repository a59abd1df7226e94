"""Upgrades of stored definition documents, one pure function per schema_version step.

Each step takes a document at version N and returns it at version N+1, saying in its
docstring what changed. Version 1 is the first published format, so there are no steps yet;
the mechanism is exercised by the tests with a sample step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

CURRENT_SCHEMA_VERSION: dict[str, int] = {"app": 1, "form": 1, "role": 1}

# kind -> {from_version: function returning the document at from_version + 1}
UPGRADES: dict[str, dict[int, Upgrade]] = {"app": {}, "form": {}, "role": {}}


class UpgradeError(ValueError):
    pass


def upgrade_document(
    kind: str,
    document: dict[str, Any],
    steps: dict[str, dict[int, Upgrade]] | None = None,
    current: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Bring a document up to the current schema_version of its kind (no-op when current)."""
    steps = UPGRADES if steps is None else steps
    current = CURRENT_SCHEMA_VERSION if current is None else current
    version = document.get("schema_version")
    target = current.get(kind)
    if not isinstance(version, int) or target is None or version >= target:
        return document  # the meta-schema reports a missing or unknown version
    for step in range(version, target):
        upgrade = steps.get(kind, {}).get(step)
        if upgrade is None:
            raise UpgradeError(f"no upgrade for {kind} documents from schema_version {step}")
        document = upgrade(dict(document))
        document["schema_version"] = step + 1
    return document

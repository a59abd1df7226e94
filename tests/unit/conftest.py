"""Fixtures of the unit tests: no database, only the engine's pure parts."""

from __future__ import annotations

import pytest

from engine.forms.registry import FieldTypeRegistry, build_field_type_registry


@pytest.fixture(scope="session")
def registry() -> FieldTypeRegistry:
    return build_field_type_registry()

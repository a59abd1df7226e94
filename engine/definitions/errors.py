"""Errors of definition validation, versioning and publishing."""

from __future__ import annotations

from engine.errors import Conflict, InvalidInput, NotFound


class DefinitionInvalid(InvalidInput):
    code = "definition_invalid"
    title = "The definition is not valid"


class DefinitionNotFound(NotFound):
    code = "definition_not_found"
    title = "Definition not found"


class DefinitionConflict(Conflict):
    code = "definition_conflict"
    title = "The definition conflicts with what is stored"


class PublishRefused(Conflict):
    """Publishing would lose data or cannot be applied to the stored records."""

    code = "publish_refused"
    title = "Publishing was refused"

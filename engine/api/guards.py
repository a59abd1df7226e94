"""Checks shared by routes that are not about one form's records."""

from __future__ import annotations

from engine.actor import Actor
from engine.bootstrap import Container
from engine.definitions.errors import DefinitionNotFound
from engine.storage.database import UnitOfWork


def require_member(container: Container, uow: UnitOfWork, actor: Actor, app: str) -> None:
    """Only administrators and holders of a role in the app see it; to others it does not exist."""
    principal = actor.principal
    if principal is None or principal.is_admin:
        return
    if app not in container.access.apps_of(uow, principal):
        raise DefinitionNotFound(f"There is no app with key '{app}'.")

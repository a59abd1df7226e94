"""Request dependencies: the container, the database for this request, the acting client.

Routes open their unit of work themselves (``with db.unit_of_work() as uow``), so that the
commit happens before the response is built and a failing commit is never reported as
success. The database is resolved per request: an organisation router can return a
tenant's database here without any engine noticing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from engine.bootstrap import Container
from engine.definitions.service import Actor
from engine.storage.database import Database


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


def get_database(container: ContainerDep) -> Database:
    return container.db


def get_actor(request: Request) -> Actor:
    # Until sign-in exists every request acts anonymously; the client is still recorded.
    agent = request.headers.get("user-agent", "")[:200]
    host = request.client.host if request.client else "?"
    return Actor(user=None, client=f"{host} {agent}".strip()[:256])


DatabaseDep = Annotated[Database, Depends(get_database)]
ActorDep = Annotated[Actor, Depends(get_actor)]

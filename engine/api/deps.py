"""Request dependencies: the container, the database for this request, who is asking.

Routes open their unit of work themselves (``with db.unit_of_work() as uow``), so that the
commit happens before the response is built and a failing commit is never reported as
success. The database is resolved per request: an organisation router can return a
tenant's database here without any engine noticing.

Authentication: ``Authorization: Bearer trc_...`` (API tokens) or the session cookie set
by ``POST /api/v1/auth/login``; writes made with the cookie must carry ``X-CSRF-Token``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from engine.actor import Actor
from engine.bootstrap import Container
from engine.errors import ErrorDetail
from engine.identity.errors import CsrfFailed, Forbidden, NotSignedIn, TokenScopeError
from engine.identity.principal import Principal
from engine.identity.tokens import same
from engine.storage.database import Database

SESSION_COOKIE = "tracery_session"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


def get_database(container: ContainerDep) -> Database:
    return container.db


DatabaseDep = Annotated[Database, Depends(get_database)]


def client_of(request: Request) -> str:
    agent = request.headers.get("user-agent", "")[:200]
    host = request.client.host if request.client else "?"
    return f"{host} {agent}".strip()[:256]


def get_principal(request: Request, container: ContainerDep) -> Principal:
    """Resolve the caller from a bearer token or the session cookie; enforce CSRF and scope."""
    auth = container.auth
    client = client_of(request)
    header = request.headers.get("authorization")
    with container.db.unit_of_work(read_only=True) as uow:
        if header:
            scheme, _, secret = header.partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                raise NotSignedIn("Send API tokens as 'Authorization: Bearer <token>'.")
            principal, touch = auth.resolve_token(uow, secret.strip())
        else:
            secret = request.cookies.get(SESSION_COOKIE, "")
            if not secret:
                raise NotSignedIn(
                    "Sign in, or send an API token as 'Authorization: Bearer <token>'."
                )
            principal, session = auth.resolve_session(uow, secret)
            touch = auth.session_needs_touch(session)
            if request.method in UNSAFE_METHODS and not same(
                request.headers.get(CSRF_HEADER, ""), session.csrf_token
            ):
                raise CsrfFailed(
                    "Requests that change data must send the X-CSRF-Token header "
                    "that sign-in returned.",
                    [ErrorDetail("/headers/X-CSRF-Token", "is missing or wrong", "csrf")],
                )
    if principal.via == "token":
        _check_token_scope(request, container, principal, client)
    if touch:
        with container.db.unit_of_work() as uow:
            if principal.via == "token":
                auth.touch_token(uow, principal, client)
            else:
                auth.touch_session(uow, secret)
    return principal


def _check_token_scope(
    request: Request, container: Container, principal: Principal, client: str
) -> None:
    app = request.path_params.get("app")
    problem = None
    if principal.token_apps is not None and (app is None or app not in principal.token_apps):
        covered = ", ".join(principal.token_apps) or "no app"
        problem = f"This API token covers {covered}; it cannot be used for " + (
            f"app '{app}'." if app else "requests outside those apps."
        )
    elif request.method in UNSAFE_METHODS and principal.token_access != "write":  # noqa: S105
        problem = "This API token is read-only; it cannot change data."
    if problem:
        with container.db.unit_of_work() as uow:
            container.audit.record(
                uow,
                Actor.of(principal, client),
                "token.refused",
                app_key=app,
                object_type="token",
                object_id=principal.token_id,
                detail={"method": request.method, "path": request.url.path},
            )
        raise TokenScopeError(problem)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_actor(request: Request, principal: PrincipalDep) -> Actor:
    return Actor.of(principal, client_of(request))


ActorDep = Annotated[Actor, Depends(get_actor)]


def get_admin(actor: ActorDep) -> Actor:
    if actor.principal is None or not actor.principal.is_admin:
        raise Forbidden("Only administrators may do this.")
    return actor


AdminDep = Annotated[Actor, Depends(get_admin)]

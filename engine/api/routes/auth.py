"""Sign-in, sign-out, the current user, and API tokens."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from engine.api.deps import SESSION_COOKIE, ActorDep, ContainerDep, DatabaseDep, client_of
from engine.api.models import PROBLEM_RESPONSES
from engine.identity.errors import Forbidden, SignInFailed
from engine.storage.models import SessionRow

router = APIRouter(tags=["identity"], responses=PROBLEM_RESPONSES)


class SignIn(BaseModel):
    login: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class TokenIn(BaseModel):
    name: str = Field(max_length=128, description="What the token is for, e.g. 'ERP sync'")
    apps: list[str] | None = Field(
        default=None, description="App keys the token may use; null for every app"
    )
    access: str = Field(default="read", description="read or write")
    expires_in_days: int | None = Field(
        default=None, description="Days until it expires; null: never"
    )
    owner: str | None = Field(
        default=None,
        description="Administrators only: the token's owner, e.g. a service account",
    )


@router.post("/auth/login", summary="Sign in; sets the session cookie")
def login(
    body: SignIn, request: Request, response: Response, container: ContainerDep, db: DatabaseDep
) -> Any:
    address = request.client.host if request.client else "?"
    with db.unit_of_work() as uow:
        signed_in = container.auth.sign_in(
            uow, body.login, body.password, client_of(request), address
        )
    if signed_in is None:
        # Same words whether the login exists or not: nobody learns which logins exist.
        raise SignInFailed("The login or the password is wrong, or the account is disabled.")
    secure = container.settings.cookie_secure
    response.set_cookie(
        SESSION_COOKIE,
        signed_in.secret,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https" if secure is None else secure,
        max_age=int(container.auth.settings.session_max.total_seconds()),
        path="/",
    )
    return {
        "user": signed_in.user,
        "csrf_token": signed_in.csrf_token,
        "expires_at": signed_in.expires_at.isoformat().replace("+00:00", "Z"),
    }


@router.post("/auth/logout", status_code=204, summary="Sign out")
def logout(request: Request, actor: ActorDep, container: ContainerDep, db: DatabaseDep) -> Response:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        with db.unit_of_work() as uow:
            container.auth.sign_out(uow, secret, actor)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/auth/me", summary="The signed-in user")
def me(request: Request, actor: ActorDep, container: ContainerDep, db: DatabaseDep) -> Any:
    principal = actor.principal
    assert principal is not None
    out: dict[str, Any] = {
        "user": {
            "id": principal.user_id,
            "login": principal.login,
            "display_name": principal.display_name,
            "is_admin": principal.is_admin,
        },
        "via": principal.via,
    }
    secret = request.cookies.get(SESSION_COOKIE)
    if principal.via == "session" and secret:
        from engine.identity.tokens import digest

        with db.unit_of_work(read_only=True) as uow:
            session = uow.session.get(SessionRow, digest(secret))
            if session is not None:
                out["csrf_token"] = session.csrf_token
                out["expires_at"] = session.expires_at.isoformat().replace("+00:00", "Z")
    return out


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


@router.post("/auth/password", status_code=204, summary="Change your own password")
def change_password(
    body: PasswordChange,
    request: Request,
    actor: ActorDep,
    container: ContainerDep,
    db: DatabaseDep,
) -> Response:
    principal = actor.principal
    assert principal is not None
    if principal.via == "token":
        raise Forbidden("Sign in to change your password; API tokens cannot.")
    with db.unit_of_work() as uow:
        container.auth.change_password(
            uow,
            actor,
            body.current_password,
            body.new_password,
            request.cookies.get(SESSION_COOKIE),
        )
    return Response(status_code=204)


@router.get("/auth/tokens", summary="API tokens (your own; administrators see all)")
def list_tokens(actor: ActorDep, container: ContainerDep, db: DatabaseDep) -> Any:
    principal = actor.principal
    assert principal is not None
    with db.unit_of_work(read_only=True) as uow:
        items = container.auth.list_tokens(uow, None if principal.is_admin else principal.user_id)
    return {"items": items}


@router.post(
    "/auth/tokens", status_code=201, summary="Create an API token (the secret is shown once)"
)
def create_token(body: TokenIn, actor: ActorDep, container: ContainerDep, db: DatabaseDep) -> Any:
    principal = actor.principal
    assert principal is not None
    if principal.via == "token":
        raise Forbidden("API tokens cannot create API tokens; sign in to create one.")
    with db.unit_of_work() as uow:
        if body.owner and body.owner != principal.login:
            if not principal.is_admin:
                raise Forbidden("Only administrators may create tokens for other users.")
            owner = container.users.get_user(uow, body.owner)
        else:
            owner = container.users.get_user(uow, principal.login)
        secret, view = container.auth.create_token(
            uow, actor, owner, body.name, body.apps, body.access, body.expires_in_days
        )
    return {**view, "token": secret}


@router.delete("/auth/tokens/{token_id}", status_code=204, summary="Revoke an API token")
def revoke_token(
    token_id: int, actor: ActorDep, container: ContainerDep, db: DatabaseDep
) -> Response:
    principal = actor.principal
    assert principal is not None
    with db.unit_of_work() as uow:
        container.auth.revoke_token(
            uow, actor, token_id, None if principal.is_admin else principal.user_id
        )
    return Response(status_code=204)

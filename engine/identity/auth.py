"""Sign-in, browser sessions, API tokens and sign-in throttling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from engine.actor import Actor
from engine.errors import ErrorDetail, InvalidInput, NotFound
from engine.identity.audit import AuditLog
from engine.identity.errors import NotSignedIn, SessionExpired, TooManyAttempts
from engine.identity.passwords import hash_password, verify_password
from engine.identity.principal import Principal
from engine.identity.tokens import TOKEN_PREFIX, digest, new_secret
from engine.storage.database import UnitOfWork
from engine.storage.models import (
    ApiTokenRow,
    DepartmentRow,
    LoginThrottleRow,
    SessionRow,
    UserRow,
)
from engine.storage.types import utcnow

# Verifying against this when the login is unknown makes both answers take as long.
_DUMMY_HASH = hash_password("not-a-real-password-but-as-slow-to-check")


@dataclass(frozen=True)
class AuthSettings:
    session_idle: timedelta = timedelta(hours=12)
    session_max: timedelta = timedelta(days=7)
    max_failures_per_login: int = 5
    max_failures_per_client: int = 30
    failure_window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)
    touch_every: timedelta = timedelta(minutes=1)


@dataclass
class SignedIn:
    secret: str
    csrf_token: str
    expires_at: datetime
    user: dict[str, Any]


def user_view(user: UserRow) -> dict[str, Any]:
    return {
        "id": user.id,
        "login": user.login,
        "display_name": user.display_name,
        "is_admin": user.is_admin,
    }


class AuthService:
    def __init__(self, audit: AuditLog, settings: AuthSettings | None = None) -> None:
        self.audit = audit
        self.settings = settings or AuthSettings()

    # -- sessions ------------------------------------------------------------------------

    def sign_in(
        self, uow: UnitOfWork, login: str, password: str, client: str, address: str
    ) -> SignedIn | None:
        """Check a password and open a session.

        Returns None when the login or password is wrong, after recording the failure
        (throttle counters and audit) in ``uow``: the caller commits, then answers
        :class:`SignInFailed`, so that failures count even though the request fails.
        """
        now = utcnow()
        login_key = f"login:{login.strip().lower()}"[:200]
        client_key = f"client:{address}"[:200]
        for key in (login_key, client_key):
            row = uow.session.get(LoginThrottleRow, key)
            if row is not None and row.locked_until is not None and row.locked_until > now:
                wait = int((row.locked_until - now).total_seconds()) + 1
                raise TooManyAttempts(
                    f"Too many failed sign-ins. Try again in {max(1, wait // 60)} minute(s).",
                    extra={"retry_after": wait},
                )
        user = uow.session.scalar(select(UserRow).where(UserRow.login == login.strip()))
        hashed = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
        ok = verify_password(hashed, password) and user is not None and user.is_active
        if not ok:
            self._fail(uow, login_key, self.settings.max_failures_per_login, now)
            self._fail(uow, client_key, self.settings.max_failures_per_client, now)
            self.audit.record(
                uow,
                Actor(user=None, client=client, via="session"),
                "auth.sign_in_failed",
                object_type="user",
                object_id=login.strip()[:64],
            )
            return None
        assert user is not None
        stale = uow.session.get(LoginThrottleRow, login_key)
        if stale is not None:
            uow.session.delete(stale)
        secret = new_secret()
        csrf = new_secret()
        expires = now + min(self.settings.session_idle, self.settings.session_max)
        uow.session.add(
            SessionRow(
                token_hash=digest(secret),
                user_id=user.id,
                csrf_token=csrf,
                client=client[:256],
                created_at=now,
                last_seen_at=now,
                expires_at=expires,
            )
        )
        principal = self._principal(uow, user, via="session")
        self.audit.record(
            uow,
            Actor.of(principal, client),
            "auth.sign_in",
            object_type="user",
            object_id=user.login,
        )
        return SignedIn(secret, csrf, expires, user_view(user))

    def sign_out(self, uow: UnitOfWork, secret: str, actor: Actor) -> None:
        row = uow.session.get(SessionRow, digest(secret))
        if row is not None and row.revoked_at is None:
            row.revoked_at = utcnow()
            self.audit.record(uow, actor, "auth.sign_out", object_type="user", object_id=actor.user)

    def resolve_session(self, uow: UnitOfWork, secret: str) -> tuple[Principal, SessionRow]:
        row = uow.session.get(SessionRow, digest(secret))
        now = utcnow()
        if row is None or row.revoked_at is not None:
            raise NotSignedIn("Sign in to continue.")
        if row.expires_at <= now:
            raise SessionExpired("Your session has expired; sign in again.")
        user = uow.session.get(UserRow, row.user_id)
        if user is None or not user.is_active:
            raise NotSignedIn("This account is disabled.")
        return self._principal(uow, user, via="session"), row

    def session_needs_touch(self, row: SessionRow) -> bool:
        return utcnow() - row.last_seen_at >= self.settings.touch_every

    def touch_session(self, uow: UnitOfWork, secret: str) -> None:
        """Slide the session's expiry (called at most about once a minute per session)."""
        row = uow.session.get(SessionRow, digest(secret))
        if row is not None:
            now = utcnow()
            row.last_seen_at = now
            row.expires_at = min(
                row.created_at + self.settings.session_max, now + self.settings.session_idle
            )

    def change_password(
        self, uow: UnitOfWork, actor: Actor, current: str, new: str, keep_session: str | None
    ) -> None:
        """Change the actor's own password and end their other sessions."""
        from sqlalchemy import update

        from engine.identity.users import MIN_PASSWORD_LENGTH

        principal = actor.principal
        assert principal is not None
        user = uow.session.get(UserRow, principal.user_id)
        assert user is not None
        if not user.password_hash or not verify_password(user.password_hash, current):
            raise InvalidInput(
                "The current password is wrong.",
                [
                    ErrorDetail(
                        "/current_password", "is not your current password", "wrong_password"
                    )
                ],
            )
        if len(new) < MIN_PASSWORD_LENGTH or new == current:
            raise InvalidInput(
                "Choose another new password.",
                [
                    ErrorDetail(
                        "/new_password",
                        f"must be at least {MIN_PASSWORD_LENGTH} characters and differ "
                        "from the current one",
                        "weak_password",
                    )
                ],
            )
        user.password_hash = hash_password(new)
        keep = digest(keep_session) if keep_session else ""
        uow.session.execute(
            update(SessionRow)
            .where(
                SessionRow.user_id == user.id,
                SessionRow.token_hash != keep,
                SessionRow.revoked_at.is_(None),
            )
            .values(revoked_at=utcnow())
        )
        self.audit.record(
            uow, actor, "auth.password_changed", object_type="user", object_id=user.login
        )

    # -- API tokens ----------------------------------------------------------------------

    def create_token(
        self,
        uow: UnitOfWork,
        actor: Actor,
        owner: UserRow,
        name: str,
        apps: list[str] | None,
        access: str,
        expires_in_days: int | None,
    ) -> tuple[str, dict[str, Any]]:
        errors = []
        if not name.strip():
            errors.append(ErrorDetail("/name", "must not be empty", "required"))
        if access not in ("read", "write"):
            errors.append(ErrorDetail("/access", "must be 'read' or 'write'", "enum"))
        if expires_in_days is not None and not 1 <= expires_in_days <= 3650:
            errors.append(ErrorDetail("/expires_in_days", "must be between 1 and 3650", "range"))
        if errors:
            raise InvalidInput("The token cannot be created.", errors)
        secret = new_secret(TOKEN_PREFIX)
        row = ApiTokenRow(
            user_id=owner.id,
            name=name.strip()[:128],
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            token_hash=digest(secret),
            apps=apps,
            access=access,
            created_at=utcnow(),
            expires_at=utcnow() + timedelta(days=expires_in_days) if expires_in_days else None,
        )
        uow.session.add(row)
        uow.session.flush()
        view = token_view(row, owner.login)
        self.audit.record(
            uow,
            actor,
            "token.created",
            object_type="token",
            object_id=row.id,
            detail={"owner": owner.login, "apps": apps, "access": access},
        )
        return secret, view

    def resolve_token(self, uow: UnitOfWork, secret: str) -> tuple[Principal, bool]:
        """The token's principal, and whether its last-used time is due for an update."""
        row = uow.session.scalar(
            select(ApiTokenRow).where(ApiTokenRow.token_hash == digest(secret))
        )
        now = utcnow()
        if row is None:
            raise NotSignedIn("The API token is not valid.")
        if row.revoked_at is not None:
            raise NotSignedIn("The API token has been revoked.")
        if row.expires_at is not None and row.expires_at <= now:
            raise NotSignedIn("The API token has expired.")
        user = uow.session.get(UserRow, row.user_id)
        if user is None or not user.is_active:
            raise NotSignedIn("The API token's owner is disabled.")
        principal = self._principal(uow, user, via="token", token=row)
        due = row.last_used_at is None or now - row.last_used_at >= self.settings.touch_every
        return principal, due

    def touch_token(self, uow: UnitOfWork, principal: Principal, client: str) -> None:
        """Record the token's use (last-used time and an audit entry, once a minute)."""
        row = uow.session.get(ApiTokenRow, principal.token_id)
        if row is not None:
            row.last_used_at = utcnow()
            self.audit.record(
                uow,
                Actor.of(principal, client),
                "token.used",
                object_type="token",
                object_id=row.id,
            )

    def list_tokens(self, uow: UnitOfWork, owner_id: int | None) -> list[dict[str, Any]]:
        query = select(ApiTokenRow, UserRow.login).join(UserRow, UserRow.id == ApiTokenRow.user_id)
        if owner_id is not None:
            query = query.where(ApiTokenRow.user_id == owner_id)
        return [
            token_view(t, login) for t, login in uow.session.execute(query.order_by(ApiTokenRow.id))
        ]

    def revoke_token(
        self, uow: UnitOfWork, actor: Actor, token_id: int, owner_id: int | None
    ) -> None:
        row = uow.session.get(ApiTokenRow, token_id)
        if row is None or (owner_id is not None and row.user_id != owner_id):
            raise NotFound(f"There is no token {token_id}.")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            self.audit.record(uow, actor, "token.revoked", object_type="token", object_id=token_id)

    # -- internals -----------------------------------------------------------------------

    def _fail(self, uow: UnitOfWork, key: str, limit: int, now: datetime) -> None:
        row = uow.session.get(LoginThrottleRow, key)
        if row is None:
            row = LoginThrottleRow(key=key, failures=0, window_start=now)
            uow.session.add(row)
        if now - row.window_start > self.settings.failure_window:
            row.failures, row.window_start, row.locked_until = 0, now, None
        row.failures += 1
        if row.failures >= limit:
            row.locked_until = now + self.settings.lockout
        uow.session.flush()

    @staticmethod
    def _principal(
        uow: UnitOfWork, user: UserRow, via: str, token: ApiTokenRow | None = None
    ) -> Principal:
        path = None
        if user.department_id is not None:
            path = uow.session.scalar(
                select(DepartmentRow.path).where(DepartmentRow.id == user.department_id)
            )
        return Principal(
            user_id=user.id,
            login=user.login,
            is_admin=user.is_admin,
            department_id=user.department_id,
            department_path=path,
            via=via,
            token_apps=tuple(token.apps) if token is not None and token.apps is not None else None,
            token_access=token.access if token is not None else "write",  # noqa: S106
            token_id=token.id if token is not None else None,
            display_name=user.display_name,
        )


def token_view(row: ApiTokenRow, owner: str) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat().replace("+00:00", "Z")

    return {
        "id": row.id,
        "name": row.name,
        "owner": owner,
        "prefix": row.prefix,
        "apps": row.apps,
        "access": row.access,
        "created_at": iso(row.created_at),
        "expires_at": iso(row.expires_at),
        "last_used_at": iso(row.last_used_at),
        "revoked_at": iso(row.revoked_at),
    }

"""Users: creation of accounts (sign-in, sessions and roles build on this)."""

from __future__ import annotations

import re

from sqlalchemy import select

from engine.errors import Conflict, ErrorDetail, InvalidInput
from engine.identity.passwords import hash_password
from engine.storage.database import UnitOfWork
from engine.storage.models import UserRow

LOGIN_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")
MIN_PASSWORD_LENGTH = 10


class UserService:
    def create_user(
        self,
        uow: UnitOfWork,
        login: str,
        password: str,
        display_name: str | None = None,
        email: str | None = None,
        is_admin: bool = False,
    ) -> UserRow:
        errors = []
        if not LOGIN_PATTERN.match(login):
            errors.append(
                ErrorDetail("/login", "use 2-64 letters, digits, '.', '_', '@' or '-'", "pattern")
            )
        if len(password) < MIN_PASSWORD_LENGTH:
            errors.append(
                ErrorDetail(
                    "/password", f"must be at least {MIN_PASSWORD_LENGTH} characters", "min_length"
                )
            )
        if errors:
            raise InvalidInput("The user cannot be created.", errors)
        if uow.session.scalar(select(UserRow).where(UserRow.login == login)) is not None:
            raise Conflict(
                f"A user with login '{login}' already exists.",
                [ErrorDetail("/login", "is already taken", "duplicate")],
            )
        user = UserRow(
            login=login,
            display_name=display_name or login,
            email=email,
            password_hash=hash_password(password),
            is_admin=is_admin,
            is_active=True,
        )
        uow.session.add(user)
        uow.session.flush()
        return user

"""Users and departments: the organisation that permissions refer to."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from engine.actor import Actor
from engine.errors import Conflict, ErrorDetail, InvalidInput, NotFound
from engine.identity.audit import AuditLog
from engine.identity.passwords import hash_password
from engine.storage.database import UnitOfWork
from engine.storage.models import DepartmentRow, UserRow

LOGIN_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()-]{5,32}$")
MIN_PASSWORD_LENGTH = 10
USER_FIELDS = (
    "display_name",
    "email",
    "phone",
    "is_admin",
    "is_active",
    "department_id",
    "password",
)


def user_out(user: UserRow) -> dict[str, Any]:
    return {
        "id": user.id,
        "login": user.login,
        "display_name": user.display_name,
        "email": user.email,
        "phone": user.phone,
        "is_admin": user.is_admin,
        "is_active": user.is_active,
        "is_service": user.is_service,
        "department_id": user.department_id,
    }


def department_out(dep: DepartmentRow) -> dict[str, Any]:
    return {
        "id": dep.id,
        "name": dep.name,
        "parent_id": dep.parent_id,
        "path": dep.path,
        "head_user_id": dep.head_user_id,
    }


class UserService:
    """Creates and changes users and departments; every change is audited."""

    def __init__(self, audit: AuditLog | None = None) -> None:
        self.audit = audit or AuditLog()

    def create_user(
        self,
        uow: UnitOfWork,
        login: str,
        password: str | None,
        display_name: str | None = None,
        email: str | None = None,
        is_admin: bool = False,
        phone: str | None = None,
        department_id: int | None = None,
        is_service: bool = False,
        actor: Actor | None = None,
    ) -> UserRow:
        errors: list[ErrorDetail] = []
        if not LOGIN_PATTERN.match(login or ""):
            errors.append(
                ErrorDetail("/login", "use 2-64 letters, digits, '.', '_', '@' or '-'", "pattern")
            )
        if is_service:
            if password is not None:
                errors.append(
                    ErrorDetail(
                        "/password", "service accounts sign in with API tokens only", "not_allowed"
                    )
                )
        elif password is None or len(password) < MIN_PASSWORD_LENGTH:
            errors.append(
                ErrorDetail(
                    "/password", f"must be at least {MIN_PASSWORD_LENGTH} characters", "min_length"
                )
            )
        errors += self._check_contact(uow, email, phone, department_id)
        if errors:
            raise InvalidInput("The user cannot be created.", errors)
        if uow.session.scalar(select(UserRow).where(UserRow.login == login)) is not None:
            raise Conflict(
                f"A user with login '{login}' already exists.",
                [ErrorDetail("/login", "is already taken", "duplicate")],
            )
        user = UserRow(
            login=login,
            display_name=(display_name or login)[:128],
            email=email,
            phone=phone,
            password_hash=hash_password(password) if password else None,
            is_admin=is_admin,
            is_active=True,
            is_service=is_service,
            department_id=department_id,
        )
        uow.session.add(user)
        uow.session.flush()
        self.audit.record(
            uow,
            actor,
            "user.created",
            object_type="user",
            object_id=login,
            detail=_safe(user_out(user)),
        )
        return user

    def update_user(
        self, uow: UnitOfWork, login: str, changes: dict[str, Any], actor: Actor
    ) -> UserRow:
        user = self.get_user(uow, login)
        errors: list[ErrorDetail] = []
        for key in changes:
            if key not in USER_FIELDS:
                errors.append(ErrorDetail(f"/{key}", "cannot be changed here", "unknown_property"))
        if "password" in changes and (
            not isinstance(changes["password"], str)
            or len(changes["password"]) < MIN_PASSWORD_LENGTH
        ):
            errors.append(
                ErrorDetail(
                    "/password", f"must be at least {MIN_PASSWORD_LENGTH} characters", "min_length"
                )
            )
        for flag in ("is_admin", "is_active"):
            if flag in changes and not isinstance(changes[flag], bool):
                errors.append(ErrorDetail(f"/{flag}", "must be true or false", "type"))
        errors += self._check_contact(
            uow, changes.get("email"), changes.get("phone"), changes.get("department_id")
        )
        if errors:
            raise InvalidInput("The user cannot be changed.", errors)
        before = user_out(user)
        for key, value in changes.items():
            if key == "password":
                user.password_hash = hash_password(value)
            else:
                setattr(user, key, value)
        uow.session.flush()
        after = user_out(user)
        diff = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if "password" in changes:
            diff["password"] = ["***", "***"]
        self.audit.record(
            uow, actor, "user.updated", object_type="user", object_id=login, detail=diff
        )
        return user

    def get_user(self, uow: UnitOfWork, login: str) -> UserRow:
        user = uow.session.scalar(select(UserRow).where(UserRow.login == login))
        if user is None:
            raise NotFound(f"There is no user '{login}'.")
        return user

    def list_users(self, uow: UnitOfWork) -> list[dict[str, Any]]:
        return [user_out(u) for u in uow.session.scalars(select(UserRow).order_by(UserRow.login))]

    def find_people(self, uow: UnitOfWork, text: str, limit: int) -> list[dict[str, Any]]:
        """Active people (not service accounts) whose login or name holds ``text``: what a
        user-pick field offers any signed-in user — names only, no contact details."""
        query = select(UserRow).where(UserRow.is_active.is_(True), UserRow.is_service.is_(False))
        if text:
            query = query.where(
                UserRow.login.icontains(text, autoescape=True)
                | UserRow.display_name.icontains(text, autoescape=True)
            )
        rows = uow.session.scalars(query.order_by(UserRow.login).limit(limit))
        return [
            {"login": u.login, "display_name": u.display_name, "department_id": u.department_id}
            for u in rows
        ]

    def find_departments(self, uow: UnitOfWork, text: str, limit: int) -> list[dict[str, Any]]:
        """Departments whose name holds ``text``, in tree order, for department-pick fields."""
        query = select(DepartmentRow)
        if text:
            query = query.where(DepartmentRow.name.icontains(text, autoescape=True))
        rows = uow.session.scalars(query.order_by(DepartmentRow.path).limit(limit))
        return [{"id": d.id, "name": d.name, "parent_id": d.parent_id} for d in rows]

    # -- departments ---------------------------------------------------------------------

    def create_department(
        self, uow: UnitOfWork, name: str, parent_id: int | None, head: str | None, actor: Actor
    ) -> DepartmentRow:
        if not name or not name.strip():
            raise InvalidInput(
                "The department needs a name.",
                [ErrorDetail("/name", "must not be empty", "required")],
            )
        parent = None
        if parent_id is not None:
            parent = uow.session.get(DepartmentRow, parent_id)
            if parent is None:
                raise InvalidInput(
                    "The parent department does not exist.",
                    [ErrorDetail("/parent_id", f"there is no department {parent_id}", "unknown")],
                )
        head_id = self.get_user(uow, head).id if head else None
        dep = DepartmentRow(
            name=name.strip()[:128], parent_id=parent_id, head_user_id=head_id, path="/"
        )
        uow.session.add(dep)
        uow.session.flush()
        dep.path = f"{parent.path if parent else '/'}{dep.id}/"
        uow.session.flush()
        self.audit.record(
            uow,
            actor,
            "department.created",
            object_type="department",
            object_id=dep.id,
            detail=department_out(dep),
        )
        return dep

    def list_departments(self, uow: UnitOfWork) -> list[dict[str, Any]]:
        return [
            department_out(d)
            for d in uow.session.scalars(select(DepartmentRow).order_by(DepartmentRow.path))
        ]

    def _check_contact(
        self, uow: UnitOfWork, email: Any, phone: Any, department_id: Any
    ) -> list[ErrorDetail]:
        errors = []
        if email is not None and (not isinstance(email, str) or not EMAIL_PATTERN.match(email)):
            errors.append(ErrorDetail("/email", "is not an email address", "format"))
        if phone is not None and (not isinstance(phone, str) or not PHONE_PATTERN.match(phone)):
            errors.append(ErrorDetail("/phone", "is not a phone number", "format"))
        if department_id is not None and (
            not isinstance(department_id, int)
            or uow.session.get(DepartmentRow, department_id) is None
        ):
            errors.append(
                ErrorDetail("/department_id", f"there is no department {department_id}", "unknown")
            )
        return errors


def _safe(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "password_hash"}

"""The ``role`` definition kind: checks at publish time and role membership."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import delete, select

from engine.actor import Actor
from engine.definitions.errors import DefinitionInvalid
from engine.definitions.specs import RoleSpec, RowExpression
from engine.errors import ErrorDetail, NotFound
from engine.forms.catalog import FormCatalog, FormNotFound
from engine.forms.compiled import CompiledForm
from engine.identity.audit import AuditLog
from engine.identity.scope import ScopeError, parse_scope
from engine.storage.database import UnitOfWork
from engine.storage.models import AppRow, DefinitionRow, RoleMemberRow, UserRow


class RoleService:
    def __init__(self, catalog: FormCatalog, audit: AuditLog) -> None:
        self.catalog = catalog
        self.audit = audit

    def on_publish(
        self,
        uow: UnitOfWork,
        definition: DefinitionRow,
        old: BaseModel | None,
        spec: BaseModel,
        dry_run: bool,
    ) -> list[dict[str, Any]]:
        """Check that every form, field and row expression the role names exists."""
        assert isinstance(spec, RoleSpec)
        app_key = uow.session.scalar(select(AppRow.key).where(AppRow.id == definition.app_id))
        assert app_key is not None
        errors: list[ErrorDetail] = []
        published = {
            f.form_key: f for f in self.catalog.published_forms(uow) if f.app_key == app_key
        }
        for form_key, permission in spec.forms.items():
            where = f"/forms/{form_key}"
            if form_key == "*":
                targets: list[CompiledForm] = list(published.values())
            else:
                try:
                    targets = [self.catalog.get(uow, app_key, form_key)]
                except FormNotFound:
                    errors.append(
                        ErrorDetail(
                            where,
                            f"app '{app_key}' has no published form '{form_key}'",
                            "unknown_form",
                        )
                    )
                    continue
            for form in targets:
                for fid in permission.fields:
                    if fid not in form.fields and form_key != "*":
                        errors.append(
                            ErrorDetail(
                                f"{where}/fields/{fid}",
                                f"form '{form_key}' has no field '{fid}'",
                                "unknown_field",
                            )
                        )
                if isinstance(permission.rows, RowExpression):
                    try:
                        parse_scope(permission.rows.expression, set(form.fields))
                    except ScopeError as exc:
                        at = f" (at character {exc.position})" if exc.position else ""
                        errors.append(
                            ErrorDetail(
                                f"{where}/rows/expression",
                                f"{exc.message}{at} for form '{form.form_key}'",
                                "expression",
                            )
                        )
        if errors:
            raise DefinitionInvalid(f"The role has {len(errors)} problem(s).", errors)
        return []

    def set_members(
        self, uow: UnitOfWork, app_key: str, role_key: str, logins: list[str], actor: Actor
    ) -> list[str]:
        app = uow.session.scalar(select(AppRow).where(AppRow.key == app_key))
        if app is None:
            raise NotFound(f"There is no app with key '{app_key}'.")
        role = uow.session.scalar(
            select(DefinitionRow).where(
                DefinitionRow.app_id == app.id,
                DefinitionRow.kind == "role",
                DefinitionRow.key == role_key,
            )
        )
        if role is None:
            raise NotFound(f"App '{app_key}' has no role '{role_key}'.")
        users = {
            u.login: u
            for u in uow.session.scalars(select(UserRow).where(UserRow.login.in_(logins)))
        }
        unknown = [login for login in logins if login not in users]
        if unknown:
            from engine.errors import InvalidInput

            raise InvalidInput(
                "Some users do not exist.",
                [
                    ErrorDetail(
                        f"/users/{logins.index(u)}", f"there is no user '{u}'", "unknown_user"
                    )
                    for u in unknown
                ],
            )
        before = self.members(uow, app_key, role_key)
        uow.session.execute(
            delete(RoleMemberRow).where(
                RoleMemberRow.app_id == app.id, RoleMemberRow.role_key == role_key
            )
        )
        for login in dict.fromkeys(logins):
            uow.session.add(
                RoleMemberRow(app_id=app.id, role_key=role_key, user_id=users[login].id)
            )
        uow.session.flush()
        after = self.members(uow, app_key, role_key)
        self.audit.record(
            uow,
            actor,
            "role.members_changed",
            app_key=app_key,
            object_type="role",
            object_id=role_key,
            detail={"before": before, "after": after},
        )
        return after

    def members(self, uow: UnitOfWork, app_key: str, role_key: str) -> list[str]:
        return list(
            uow.session.scalars(
                select(UserRow.login)
                .join(RoleMemberRow, RoleMemberRow.user_id == UserRow.id)
                .join(AppRow, AppRow.id == RoleMemberRow.app_id)
                .where(AppRow.key == app_key, RoleMemberRow.role_key == role_key)
                .order_by(UserRow.login)
            )
        )

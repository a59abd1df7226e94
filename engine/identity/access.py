"""Who may do what with which rows and fields of a form, applied in one place.

The records service asks :class:`AccessPolicy` for a :class:`FormAccess` and applies it to
every read and write, so the API, the UI, exports, reports and rule actions all see the
same rows and fields.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, false, or_, select

from engine.definitions.specs import FormPermission, RoleSpec, RowExpression
from engine.definitions.upgrades import upgrade_document
from engine.forms.compiled import CompiledForm
from engine.identity.principal import Principal
from engine.identity.scope import compile_scope, parse_scope
from engine.storage.database import UnitOfWork
from engine.storage.models import (
    AppRow,
    DefinitionRow,
    DefinitionVersionRow,
    DepartmentRow,
    RoleMemberRow,
    UserRow,
)


@dataclass
class FormAccess:
    """The permissions one principal has on one form.

    Attributes:
        actions: Allowed actions (create, read, update, delete, export, import).
        rows: Per action, the SQL condition on the form's table (None: every row).
        hidden: Fields the principal can neither see nor write.
        read_only: Fields the principal can see but not write.
    """

    actions: set[str]
    rows: dict[str, ColumnElement[bool] | None] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    read_only: set[str] = field(default_factory=set)
    unrestricted: bool = False

    def can(self, action: str) -> bool:
        return self.unrestricted or action in self.actions

    def row_condition(self, action: str) -> ColumnElement[bool] | None:
        if self.unrestricted:
            return None
        return self.rows.get(action, false())

    def readable(self, field_id: str) -> bool:
        return field_id not in self.hidden

    def writable(self, field_id: str) -> bool:
        return field_id not in self.hidden and field_id not in self.read_only


FULL_ACCESS = FormAccess(actions=set(), unrestricted=True)


class AccessPolicy:
    """Turns a principal's roles in an app into the access it has to a form."""

    def __init__(self) -> None:
        self._roles: dict[tuple[int, int], RoleSpec] = {}
        self._lock = threading.Lock()

    def form_access(
        self, uow: UnitOfWork, principal: Principal | None, form: CompiledForm
    ) -> FormAccess:
        if principal is None or principal.is_admin:
            return FULL_ACCESS
        permissions = [
            p
            for role in self.roles_of(uow, principal, form.app_key)
            if (p := role.forms.get(form.form_key) or role.forms.get("*")) is not None
        ]
        access = FormAccess(actions=set())
        read_grants: list[FormPermission] = []
        write_grants: list[FormPermission] = []
        for permission in permissions:
            condition = self._rows(uow, permission, form, principal)
            for action in permission.actions:
                access.actions.add(action)
                previous = access.rows.get(action, false())
                access.rows[action] = (
                    None if previous is None or condition is None else or_(previous, condition)
                )
            if "read" in permission.actions:
                read_grants.append(permission)
            if {"create", "update"} & set(permission.actions):
                write_grants.append(permission)
        for fid in form.fields:
            # Visible if any reading role shows it; writable if any writing role allows it.
            if not any(p.fields.get(fid) != "hidden" for p in read_grants):
                access.hidden.add(fid)
            elif not any(p.fields.get(fid) is None for p in write_grants):
                access.read_only.add(fid)
        return access

    def roles_of(self, uow: UnitOfWork, principal: Principal, app_key: str) -> list[RoleSpec]:
        rows = uow.session.execute(
            select(DefinitionRow.id, DefinitionRow.published_version)
            .join(AppRow, AppRow.id == DefinitionRow.app_id)
            .join(
                RoleMemberRow,
                (RoleMemberRow.app_id == AppRow.id) & (RoleMemberRow.role_key == DefinitionRow.key),
            )
            .where(
                AppRow.key == app_key,
                DefinitionRow.kind == "role",
                DefinitionRow.published_version.is_not(None),
                RoleMemberRow.user_id == principal.user_id,
            )
        ).all()
        return [
            self._role(uow, definition_id, version) for definition_id, version in rows if version
        ]

    def apps_of(self, uow: UnitOfWork, principal: Principal) -> set[str]:
        return set(
            uow.session.scalars(
                select(AppRow.key)
                .join(RoleMemberRow, RoleMemberRow.app_id == AppRow.id)
                .where(RoleMemberRow.user_id == principal.user_id)
            )
        )

    def _role(self, uow: UnitOfWork, definition_id: int, version: int) -> RoleSpec:
        key = (definition_id, version)
        cached = self._roles.get(key)
        if cached is None:
            document = uow.session.scalar(
                select(DefinitionVersionRow.document).where(
                    DefinitionVersionRow.definition_id == definition_id,
                    DefinitionVersionRow.version == version,
                )
            )
            cached = RoleSpec.model_validate(upgrade_document("role", document or {}))
            with self._lock:
                self._roles[key] = cached
        return cached

    @staticmethod
    def _rows(
        uow: UnitOfWork, permission: FormPermission, form: CompiledForm, principal: Principal
    ) -> ColumnElement[bool] | None:
        table = form.table
        rows = permission.rows
        if rows == "all":
            return None
        if rows == "own":
            return table.c.created_by == principal.login
        if rows == "department":
            if principal.department_path is None:
                return table.c.created_by == principal.login
            members = (
                select(UserRow.login)
                .join(DepartmentRow, DepartmentRow.id == UserRow.department_id)
                .where(DepartmentRow.path.startswith(principal.department_path))
            )
            return table.c.created_by.in_(members.scalar_subquery())
        assert isinstance(rows, RowExpression)
        tree = parse_scope(rows.expression, set(form.fields))
        return compile_scope(tree, lambda name: table.c[name], principal)

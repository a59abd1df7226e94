"""User and department fields at run time: they must name existing entries; reads show names."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engine.actor import Actor
from engine.errors import ErrorDetail
from engine.forms.compiled import CompiledForm, FormField
from engine.records.errors import row_place
from engine.storage.database import UnitOfWork
from engine.storage.models import DepartmentRow, UserRow


def _fields(form: CompiledForm, kind: str) -> list[FormField]:
    return [f for f in form.fields.values() if f.type.people == kind]


def _many(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def fill_current_user(form: CompiledForm, rows: list[dict[str, Any]], actor: Actor) -> None:
    """New records get the writer in user fields marked ``current_user`` that were left empty."""
    if actor.user is None:
        return
    for field in _fields(form, "users"):
        if getattr(field.spec, "current_user", False):
            for row in rows:
                if row.get(field.id) in (None, []):
                    row[field.id] = [actor.user] if field.spec.multiple else actor.user


def people_problems(
    uow: UnitOfWork, form: CompiledForm, rows: list[dict[str, Any]], first_row: int | None
) -> list[ErrorDetail]:
    problems: list[ErrorDetail] = []
    for kind, model, key in (("users", UserRow, "login"), ("departments", DepartmentRow, "id")):
        fields = _fields(form, kind)
        wanted = {v for row in rows for f in fields for v in _many(row.get(f.id))}
        if not wanted:
            continue
        column = getattr(model, key)
        query = select(column).where(column.in_(wanted))
        if kind == "users":
            query = query.where(UserRow.is_active.is_(True))
        found = set(uow.session.scalars(query))
        for index, row in enumerate(rows):
            base, row_no = row_place(index, first_row)
            for field in fields:
                for value in _many(row.get(field.id)):
                    if value not in found:
                        what = (
                            f"no active user '{value}'"
                            if kind == "users"
                            else f"no department {value}"
                        )
                        problems.append(
                            ErrorDetail(
                                f"{base}/{field.id}",
                                f"there is {what}",
                                "unknown_" + kind[:-1],
                                field.id,
                                row_no,
                            )
                        )
    return problems


def attach_people_views(uow: UnitOfWork, form: CompiledForm, views: list[dict[str, Any]]) -> None:
    users = _fields(form, "users")
    departments = _fields(form, "departments")
    logins = {v for view in views for f in users for v in _many(view["data"].get(f.id))}
    dep_ids = {v for view in views for f in departments for v in _many(view["data"].get(f.id))}
    names: dict[str, str] = {}
    if logins:
        rows = uow.session.execute(
            select(UserRow.login, UserRow.display_name).where(UserRow.login.in_(logins))
        )
        names = {str(row[0]): str(row[1]) for row in rows}
    deps: dict[int, str] = {}
    if dep_ids:
        found = uow.session.execute(
            select(DepartmentRow.id, DepartmentRow.name).where(DepartmentRow.id.in_(dep_ids))
        )
        deps = {int(row[0]): str(row[1]) for row in found}
    for view in views:
        for field in users:
            value = view["data"].get(field.id)
            shown = [{"login": v, "display_name": names.get(v, v)} for v in _many(value)]
            view["data"][field.id] = (
                shown if isinstance(value, list) else (shown[0] if shown else None)
            )
        for field in departments:
            value = view["data"].get(field.id)
            view["data"][field.id] = (
                None if value is None else {"id": value, "name": deps.get(value)}
            )

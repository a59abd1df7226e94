"""Users and departments (administrators), and the directory every signed-in user picks from."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

from engine.api.deps import ActorDep, AdminDep, ContainerDep, DatabaseDep
from engine.api.models import PROBLEM_RESPONSES
from engine.identity.users import department_out, user_out

router = APIRouter(tags=["identity"], responses=PROBLEM_RESPONSES)


class UserIn(BaseModel):
    login: str
    password: str | None = None
    display_name: str | None = None
    email: str | None = None
    phone: str | None = None
    is_admin: bool = False
    is_service: bool = Field(
        default=False, description="A service account: signs in with API tokens only"
    )
    department_id: int | None = None


class DepartmentIn(BaseModel):
    name: str
    parent_id: int | None = None
    head: str | None = Field(default=None, description="Login of the department head")


@router.get("/users", summary="List users")
def list_users(actor: AdminDep, container: ContainerDep, db: DatabaseDep) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        return {"items": container.users.list_users(uow)}


@router.post("/users", status_code=201, summary="Create a user or service account")
def create_user(body: UserIn, actor: AdminDep, container: ContainerDep, db: DatabaseDep) -> Any:
    with db.unit_of_work() as uow:
        user = container.users.create_user(
            uow,
            body.login,
            body.password,
            body.display_name,
            body.email,
            body.is_admin,
            body.phone,
            body.department_id,
            body.is_service,
            actor,
        )
        return user_out(user)


@router.patch(
    "/users/{login}", summary="Change a user (name, contact, department, admin, active, password)"
)
def update_user(
    login: str,
    actor: AdminDep,
    container: ContainerDep,
    db: DatabaseDep,
    changes: Annotated[dict[str, Any], Body()],
) -> Any:
    with db.unit_of_work() as uow:
        return user_out(container.users.update_user(uow, login, changes, actor))


@router.get("/departments", summary="The department tree (ordered by path)")
def list_departments(actor: AdminDep, container: ContainerDep, db: DatabaseDep) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        return {"items": container.users.list_departments(uow)}


@router.post("/departments", status_code=201, summary="Create a department")
def create_department(
    body: DepartmentIn, actor: AdminDep, container: ContainerDep, db: DatabaseDep
) -> Any:
    with db.unit_of_work() as uow:
        return department_out(
            container.users.create_department(uow, body.name, body.parent_id, body.head, actor)
        )


SearchText = Annotated[str, Query(max_length=100, description="Part of a login or name")]
SearchLimit = Annotated[int, Query(ge=1, le=100)]


@router.get(
    "/directory/users",
    summary="Find people to pick in a user field (any signed-in user; names only)",
)
def find_people(
    actor: ActorDep,
    container: ContainerDep,
    db: DatabaseDep,
    q: SearchText = "",
    limit: SearchLimit = 20,
) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        return {"items": container.users.find_people(uow, q.strip(), limit)}


@router.get(
    "/directory/departments",
    summary="Find departments to pick in a department field (any signed-in user)",
)
def find_departments(
    actor: ActorDep,
    container: ContainerDep,
    db: DatabaseDep,
    q: SearchText = "",
    limit: SearchLimit = 20,
) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        return {"items": container.users.find_departments(uow, q.strip(), limit)}

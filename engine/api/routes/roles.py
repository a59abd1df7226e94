"""Roles of an app (definitions of kind ``role``) and their members."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response
from pydantic import BaseModel

from engine.api.deps import ActorDep, AdminDep, ContainerDep, DatabaseDep
from engine.api.guards import require_member
from engine.api.models import PROBLEM_RESPONSES, DefinitionVersionOut, PublishOut

router = APIRouter(tags=["identity"], responses=PROBLEM_RESPONSES)
ROLE = "role"

RoleDocument = Annotated[
    Any,
    Body(
        description="A role definition (see /api/v1/schemas/role)",
        examples=[
            {
                "schema_version": 1,
                "key": "inspector",
                "label": {"en": "Inspector", "zh-CN": "质检员"},
                "forms": {
                    "inspection": {"actions": ["create", "read", "update"], "rows": "own"},
                    "supplier": {"actions": ["read"], "fields": {"gln": "hidden"}},
                },
            }
        ],
    ),
]


class Members(BaseModel):
    users: list[str]


@router.put(
    "/apps/{app}/roles/{role}",
    response_model=DefinitionVersionOut,
    summary="Save a role as a draft",
)
def save_role(
    app: str,
    role: str,
    document: RoleDocument,
    response: Response,
    actor: AdminDep,
    container: ContainerDep,
    db: DatabaseDep,
    comment: str | None = Query(None, max_length=500),
) -> Any:
    with db.unit_of_work() as uow:
        saved = container.definitions.save(uow, app, ROLE, role, document, actor, comment)
    response.status_code = 201 if saved["version"] == 1 else 200
    return saved


@router.post(
    "/apps/{app}/roles/{role}/publish", response_model=PublishOut, summary="Publish a role"
)
def publish_role(
    app: str,
    role: str,
    actor: AdminDep,
    container: ContainerDep,
    db: DatabaseDep,
    version: int | None = Query(None, ge=1),
) -> Any:
    with db.unit_of_work() as uow:
        return container.definitions.publish(uow, app, ROLE, role, actor, version)


@router.get("/apps/{app}/roles/{role}", response_model=DefinitionVersionOut, summary="Read a role")
def get_role(
    app: str,
    role: str,
    actor: ActorDep,
    container: ContainerDep,
    db: DatabaseDep,
    version: int | None = Query(None, ge=1),
) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        require_member(container, uow, actor, app)
        return container.definitions.get(uow, app, ROLE, role, version)


@router.get("/apps/{app}/roles/{role}/members", summary="Who holds the role")
def get_members(
    app: str, role: str, actor: AdminDep, container: ContainerDep, db: DatabaseDep
) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        return {"users": container.roles.members(uow, app, role)}


@router.put("/apps/{app}/roles/{role}/members", summary="Set who holds the role")
def set_members(
    app: str, role: str, body: Members, actor: AdminDep, container: ContainerDep, db: DatabaseDep
) -> Any:
    with db.unit_of_work() as uow:
        return {"users": container.roles.set_members(uow, app, role, body.users, actor)}

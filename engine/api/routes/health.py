"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from engine import __version__
from engine.api.deps import DatabaseDep
from engine.api.models import Health

router = APIRouter(tags=["platform"])


@router.get("/health", response_model=Health, summary="Server and database health")
def health(db: DatabaseDep) -> Health:
    with db.unit_of_work(read_only=True) as uow:
        uow.session.execute(text("SELECT 1"))
    return Health(status="ok", database=db.dialect, version=__version__)

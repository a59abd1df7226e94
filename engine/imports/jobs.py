"""Import jobs in the database: their states, claims and the JSON the API shows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, NamedTuple

from sqlalchemy import and_, func, or_, select, update

from engine.forms.field_types.datetime import format_utc
from engine.imports.errors import ImportBusy, ImportNotFound
from engine.storage.database import UnitOfWork
from engine.storage.models import ImportJobRow
from engine.storage.types import utcnow

UPLOADED, CHECKING, CHECKED, RUNNING, SUCCEEDED, FAILED = (
    "uploaded",
    "checking",
    "checked",
    "running",
    "succeeded",
    "failed",
)
STATES = (UPLOADED, CHECKING, CHECKED, RUNNING, SUCCEEDED, FAILED)
BUSY = (CHECKING, RUNNING)
# A check or commit updates its job when it begins and at least once per batch or every
# HEARTBEAT_SECONDS (a batch takes well under a second); one silent for this long belongs
# to a process that died, and the job may be taken up again (a run that was only slow
# stops at its next batch: its token is gone).
STALE_AFTER = timedelta(minutes=5)
HEARTBEAT_SECONDS = 10.0


class CommitRef(NamedTuple):
    """A claimed commit, as a queued task names it."""

    app_key: str
    form_key: str
    job_id: str
    token: str


class RunTakenOver(Exception):
    """The job's run token changed: another run owns the job now; this one must stop."""


def load_job(uow: UnitOfWork, app_key: str, form_key: str, job_id: str) -> ImportJobRow:
    job = uow.session.get(ImportJobRow, job_id)
    if job is None or job.app_key != app_key or job.form_key != form_key:
        raise ImportNotFound(f"Form '{form_key}' has no import '{job_id}'.")
    return job


def list_jobs(uow: UnitOfWork, app_key: str, form_key: str, limit: int) -> list[ImportJobRow]:
    return list(
        uow.session.scalars(
            select(ImportJobRow)
            .where(ImportJobRow.app_key == app_key, ImportJobRow.form_key == form_key)
            .order_by(ImportJobRow.created_at.desc(), ImportJobRow.id)
            .limit(limit)
        )
    )


def claim(
    uow: UnitOfWork, job: ImportJobRow, allowed: tuple[str, ...], to: str, **values: Any
) -> None:
    """Move the job to state ``to`` if it is in one of ``allowed`` (or stale), atomically.

    Two requests racing for the same job cannot both win: the UPDATE names the state it
    expects, and only one of them finds it.
    """
    now = _now(uow)
    takeable = [
        ImportJobRow.status.in_(allowed),
        and_(ImportJobRow.status.in_(BUSY), ImportJobRow.updated_at < now - STALE_AFTER),
    ]
    if to == RUNNING:  # a commit released by a stopping worker waits to be resumed
        takeable.append(and_(ImportJobRow.status == RUNNING, ImportJobRow.run_token.is_(None)))
    result = uow.session.execute(
        update(ImportJobRow)
        .where(ImportJobRow.id == job.id, or_(*takeable))
        .values(status=to, updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        current = uow.session.scalar(select(ImportJobRow.status).where(ImportJobRow.id == job.id))
        if current == RUNNING:
            why = "it is being imported right now; wait until it has finished"
        elif current == CHECKING:
            why = "it is being checked right now; try again in a moment"
        elif current == SUCCEEDED:
            why = "it has been imported already; upload the file again to import it again"
        else:
            why = f"it is {current}"
        raise ImportBusy(f"Import '{job.id}' cannot be {_verb(to)}: {why}.")


def _verb(state: str) -> str:
    return {CHECKING: "checked", RUNNING: "committed"}.get(state, f"set to {state}")


def set_state(uow: UnitOfWork, job_id: str, **values: Any) -> None:
    uow.session.execute(
        update(ImportJobRow)
        .where(ImportJobRow.id == job_id)
        .values(updated_at=_now(uow), **values)
        .execution_options(synchronize_session=False)
    )


def set_run_state(uow: UnitOfWork, job_id: str, token: str, **values: Any) -> None:
    """Like :func:`set_state`, for the run holding ``token``; raises if it lost the job.

    Called in a batch's unit of work, so a run that was taken over writes nothing more.
    """
    result = uow.session.execute(
        update(ImportJobRow)
        .where(
            ImportJobRow.id == job_id,
            ImportJobRow.status == RUNNING,
            ImportJobRow.run_token == token,
        )
        .values(updated_at=_now(uow), **values)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise RunTakenOver(job_id)


def stalled_runs(uow: UnitOfWork, limit: int = 100) -> list[ImportJobRow]:
    """Commits that no live run works on: released by a stopping worker, or silent too long."""
    now = _now(uow)
    return list(
        uow.session.scalars(
            select(ImportJobRow)
            .where(
                ImportJobRow.status == RUNNING,
                or_(
                    ImportJobRow.run_token.is_(None),
                    ImportJobRow.updated_at < now - STALE_AFTER,
                ),
            )
            .order_by(ImportJobRow.updated_at)
            .limit(limit)
        )
    )


def _now(uow: UnitOfWork) -> Any:
    """The clock jobs' heartbeats are written and judged by.

    PostgreSQL's own on PostgreSQL, where workers on several machines share the jobs and
    their clocks may disagree; on SQLite (one machine) this process's.
    """
    if uow.session.get_bind().dialect.name == "postgresql":
        return func.now()
    return utcnow()


def job_json(job: ImportJobRow) -> dict[str, Any]:
    total = job.total_rows or 0
    return {
        "id": job.id,
        "app": job.app_key,
        "form": job.form_key,
        "filename": job.filename,
        "format": job.file_format,
        "size": job.file_size,
        "encoding": job.encoding,
        "status": job.status,
        "columns": job.columns,
        "data_start_row": job.data_start_row,
        "total_rows": total,
        "processed_rows": job.processed_rows,
        "created_rows": job.created_rows,
        "updated_rows": job.updated_rows,
        "failed_rows": job.failed_rows,
        "progress": round(job.processed_rows / total, 4) if total else 0.0,
        "mapping": job.mapping,
        "key_field": job.key_field,
        "errors": job.error_summary,
        "created_by": job.created_by,
        "created_at": format_utc(job.created_at),
        "updated_at": format_utc(job.updated_at),
        "started_at": format_utc(job.started_at) if job.started_at else None,
        "finished_at": format_utc(job.finished_at) if job.finished_at else None,
    }

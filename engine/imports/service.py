"""ImportService: upload a spreadsheet, check it (dry run), commit it in batches.

Every record is written by :class:`RecordService` (``bulk_create`` for new rows, ``update``
with the current version for rows whose key matches a record), one transaction per batch
of at most 1,000 rows. The job row is updated in the same transaction as its batch, so its
progress always tells exactly which rows are in the database. Files are read as streams;
keys seen so far are kept in a temporary file, so memory does not grow with the rows.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from engine.actor import Actor
from engine.errors import ErrorDetail, TraceryError
from engine.forms.catalog import FormCatalog
from engine.forms.compiled import CompiledForm
from engine.identity.access import AccessPolicy, FormAccess
from engine.identity.audit import AuditLog
from engine.identity.errors import Forbidden
from engine.imports import jobs
from engine.imports.cells import CellCodecRegistry, CellContext
from engine.imports.commit import CommitRun
from engine.imports.errors import ImportBusy, ImportFileUnreadable, ImportInvalid
from engine.imports.jobs import (
    CHECKED,
    CHECKING,
    FAILED,
    RUNNING,
    UPLOADED,
    CommitRef,
    RunTakenOver,
)
from engine.imports.mapping import ColumnMapping, resolve_mapping, suggest_mapping
from engine.imports.prepare import data_rows, warm_up
from engine.imports.readers import (
    Cell,
    SheetSource,
    cell_text,
    format_of,
    header_columns,
    inspect,
    iter_rows,
    json_cell,
)
from engine.imports.rows import (
    CellError,
    KeyLedger,
    KeyMatcher,
    RowConverter,
    RowValidator,
    SheetRow,
    batched,
)
from engine.records.service import RecordService
from engine.storage.database import Database, UnitOfWork
from engine.storage.models import ImportJobRow
from engine.storage.types import utcnow

log = logging.getLogger("tracery.imports")
HEARTBEAT_SECONDS = 5.0


@dataclass(frozen=True)
class ImportLimits:
    """Bounds of one import (deny by default, bound everything)."""

    max_bytes: int = 50 * 1024 * 1024
    max_rows: int = 1_000_000
    batch_size: int = 1000
    preview_rows: int = 20
    listed_errors: int = 1000
    # Files of at least this size are read, converted and cleaned in a reader process
    # beside the writer (see engine/imports/prepare.py); None: never.
    reader_process_bytes: int | None = 1024 * 1024


@dataclass
class _Survey:
    columns: list[str]
    id_row: list[str | None] | None
    data_start_row: int
    total: int
    preview: list[dict[str, Any]]


@dataclass
class _Tally:
    """Counts of a check, and the first problems found."""

    limit: int
    rows: int = 0
    invalid: int = 0
    creates: int = 0
    updates: int = 0
    errors_total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, rows: list[SheetRow]) -> None:
        for row in rows:
            self.rows += 1
            if row.errors:
                self.invalid += 1
                self.errors_total += len(row.errors)
                room = self.limit - len(self.errors)
                self.errors.extend(e.as_dict() for e in row.errors[: max(room, 0)])
            elif row.match is None:
                self.creates += 1
            else:
                self.updates += 1

    def summary(self) -> dict[str, Any]:
        return {
            "kind": "check",
            "counts": {
                "rows": self.rows,
                "valid": self.rows - self.invalid,
                "invalid": self.invalid,
                "creates": self.creates,
                "updates": self.updates,
            },
            "errors": self.errors,
            "errors_total": self.errors_total,
            "errors_truncated": self.errors_total > len(self.errors),
        }


class ImportService:
    """Spreadsheet imports into a form's records, through the one write path."""

    def __init__(
        self,
        catalog: FormCatalog,
        records: RecordService,
        access: AccessPolicy,
        audit: AuditLog,
        codecs: CellCodecRegistry,
        data_dir: Path,
        limits: ImportLimits | None = None,
        xlsx_engine: str = "auto",
    ) -> None:
        self.catalog = catalog
        self.records = records
        self.access = access
        self.audit = audit
        self.codecs = codecs
        self.directory = data_dir / "imports"
        self.limits = limits or ImportLimits()
        self.batch_size = min(self.limits.batch_size, records.max_bulk)
        self.xlsx_engine = xlsx_engine

    # -- permissions and jobs ------------------------------------------------------------

    def authorize(
        self, uow: UnitOfWork, app_key: str, form_key: str, actor: Actor, action: str = "import"
    ) -> tuple[CompiledForm, FormAccess]:
        """The form and the actor's access to it; refused unless they may ``action``."""
        form = self.catalog.get(uow, app_key, form_key)
        access = self.access.form_access(uow, actor.principal, form)
        if not access.can(action):
            raise Forbidden(
                f"You may not {action} records of form '{form_key}'.",
                [ErrorDetail("/", f"your roles do not allow '{action}' on this form", "forbidden")],
            )
        return form, access

    def get(
        self, db: Database, app_key: str, form_key: str, job_id: str, actor: Actor
    ) -> dict[str, Any]:
        with db.unit_of_work(read_only=True) as uow:
            self.authorize(uow, app_key, form_key, actor)
            return jobs.job_json(jobs.load_job(uow, app_key, form_key, job_id))

    def list_jobs(
        self, db: Database, app_key: str, form_key: str, actor: Actor, limit: int = 50
    ) -> list[dict[str, Any]]:
        with db.unit_of_work(read_only=True) as uow:
            self.authorize(uow, app_key, form_key, actor)
            return [jobs.job_json(j) for j in jobs.list_jobs(uow, app_key, form_key, limit)]

    # -- upload -------------------------------------------------------------------------

    def new_upload(self, filename: str) -> tuple[str, Path]:
        """An id and a storage path for an upload; refuses names that are not .csv/.xlsx."""
        file_format = format_of(filename)
        if file_format is None or len(filename) > 255:
            raise ImportInvalid(
                "Upload a .csv or .xlsx file.",
                [ErrorDetail("/query/filename", "must end in .csv or .xlsx", "file_type")],
            )
        self.directory.mkdir(parents=True, exist_ok=True)
        job_id = uuid.uuid4().hex
        return job_id, self.directory / f"{job_id}.{file_format}"

    def create_job(
        self,
        db: Database,
        app_key: str,
        form_key: str,
        job_id: str,
        filename: str,
        path: Path,
        actor: Actor,
    ) -> dict[str, Any]:
        """Read a stored upload's header, preview and row count; record the job.

        The stored file is removed again when it cannot be read or is refused.
        """
        try:
            with db.unit_of_work(read_only=True) as uow:
                form, access = self.authorize(uow, app_key, form_key, actor)
            source = self._source(path, str(format_of(filename)))
            survey = self._survey(source, form)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        suggested = suggest_mapping(survey.columns, form, access, survey.id_row)
        threshold = self.limits.reader_process_bytes
        if threshold is not None and path.stat().st_size >= threshold:
            warm_up()  # the commit's reader process then starts at once
        now = utcnow()
        job = ImportJobRow(
            id=job_id,
            app_key=app_key,
            form_key=form_key,
            filename=filename,
            stored_path=str(path),
            file_format=source.file_format,
            file_size=path.stat().st_size,
            encoding=source.encoding,
            columns=survey.columns,
            data_start_row=survey.data_start_row,
            status=UPLOADED,
            total_rows=survey.total,
            processed_rows=0,
            created_rows=0,
            updated_rows=0,
            failed_rows=0,
            mapping=suggested,
            created_by=actor.user,
            created_at=now,
            updated_at=now,
        )
        with db.unit_of_work() as uow:
            uow.session.add(job)
            self.audit.record(
                uow,
                actor,
                "records.import_uploaded",
                app_key=app_key,
                object_type="form",
                object_id=form_key,
                detail={"import": job_id, "file": filename, "rows": survey.total},
            )
        return {
            **jobs.job_json(job),
            "preview": survey.preview,
            "suggested_mapping": suggested,
        }

    def _source(self, path: Path, file_format: str, encoding: str | None = None) -> SheetSource:
        if encoding is None:
            source = inspect(path, file_format)
        else:
            source = SheetSource(path, file_format, encoding)
        return SheetSource(
            source.path, source.file_format, source.encoding, source.delimiter, self.xlsx_engine
        )

    def _survey(self, source: SheetSource, form: CompiledForm) -> _Survey:
        rows = iter_rows(source)
        first = next(rows, None)
        if first is None:
            raise _refused("The file is empty: it needs a header row and data rows.")
        header_row, header = first
        columns = header_columns(header)
        if not columns:
            raise _refused("The first row of the file must name the columns.")
        width = len(columns)
        survey = _Survey(columns, None, header_row + 1, 0, [])
        for number, cells in rows:
            if survey.total == 0 and survey.id_row is None:
                id_row = _field_id_row(cells[:width], form)
                if id_row is not None:
                    survey.id_row = id_row
                    survey.data_start_row = number + 1
                    continue
            survey.total += 1
            if survey.total > self.limits.max_rows:
                raise _refused(
                    f"The file has more than {self.limits.max_rows:,} rows; split it into "
                    "smaller files."
                )
            if len(survey.preview) < self.limits.preview_rows:
                padded = (cells + [None] * width)[:width]
                survey.preview.append({"row": number, "cells": [json_cell(c) for c in padded]})
        return survey

    def job_source(self, job: ImportJobRow) -> SheetSource:
        """How to read the job's stored file."""
        source = self._source(Path(job.stored_path), job.file_format, job.encoding)
        if job.file_format == "csv":
            source = inspect(source.path, "csv")  # the separator again; cheap
        return source

    def data_rows(self, job: ImportJobRow) -> Iterator[tuple[int, list[Cell]]]:
        return data_rows(self.job_source(job), job.data_start_row)

    # -- check --------------------------------------------------------------------------

    def check(
        self,
        db: Database,
        app_key: str,
        form_key: str,
        job_id: str,
        mapping: dict[str, Any] | None,
        key_field: str | None,
        actor: Actor,
    ) -> dict[str, Any]:
        """Clean every row with the form's field types, write nothing; count and list problems."""
        with db.unit_of_work(read_only=True) as uow:
            form, access = self.authorize(uow, app_key, form_key, actor)
            job = jobs.load_job(uow, app_key, form_key, job_id)
        plan = resolve_mapping(
            mapping if mapping is not None else dict(job.mapping or {}),
            key_field,
            job.columns,
            form,
            access,
        )
        previous = job.status
        with db.unit_of_work() as uow:
            jobs.claim(
                uow,
                job,
                (UPLOADED, CHECKED, FAILED),
                CHECKING,
                mapping=plan.as_json(),
                key_field=plan.key.field.id if plan.key else None,
            )
        try:
            tally = self._check_rows(db, job, form, access, plan)
        except BaseException:
            with db.unit_of_work() as uow:
                jobs.set_state(uow, job.id, status=previous)
            raise
        summary = tally.summary()
        with db.unit_of_work() as uow:
            jobs.set_state(
                uow,
                job.id,
                status=CHECKED,
                total_rows=tally.rows,
                failed_rows=tally.invalid,
                error_summary=summary,
            )
        with db.unit_of_work(read_only=True) as uow:
            job_out = jobs.job_json(jobs.load_job(uow, app_key, form_key, job_id))
        return {**summary, "job": job_out}

    def _check_rows(
        self,
        db: Database,
        job: ImportJobRow,
        form: CompiledForm,
        access: FormAccess,
        plan: ColumnMapping,
    ) -> _Tally:
        converter = RowConverter(plan, self.codecs, CellContext(ZoneInfo(form.time_zone)))
        ledger = KeyLedger(self.directory)
        matcher = KeyMatcher(form, access, plan, ledger, with_values=True)
        validator = RowValidator(form, access, plan, ledger)
        may_create, may_update = access.can("create"), access.can("update")
        tally = _Tally(self.limits.listed_errors)
        beat = time.monotonic()
        try:
            for batch in batched(self.data_rows(job), self.batch_size):
                rows = [converter.convert(number, cells) for number, cells in batch]
                with db.unit_of_work(read_only=True) as uow:
                    matcher.match(uow, rows)
                    valid: list[tuple[SheetRow, dict[str, Any]]] = []
                    for row in rows:
                        values = validator.validate(row)
                        if not (may_create if row.match is None else may_update):
                            verb = "create" if row.match is None else "update"
                            row.errors.append(
                                CellError(
                                    row.number,
                                    None,
                                    None,
                                    "forbidden",
                                    f"your roles do not allow you to {verb} records",
                                )
                            )
                        if not row.errors:
                            valid.append((row, values))
                    validator.check_unique(uow, valid)
                tally.add(rows)
                if time.monotonic() - beat > HEARTBEAT_SECONDS:
                    beat = time.monotonic()
                    with db.unit_of_work() as uow:  # a sign of life for other processes
                        jobs.set_state(uow, job.id)
        finally:
            ledger.close()
        return tally

    # -- commit -------------------------------------------------------------------------

    def start_commit(
        self,
        db: Database,
        app_key: str,
        form_key: str,
        job_id: str,
        mapping: dict[str, Any] | None,
        key_field: str | None,
        actor: Actor,
    ) -> CommitClaim:
        """Claim the job for a commit; :meth:`run_commit` (a queued task) then does the work.

        Without a mapping the job's (checked) mapping is used. A failed commit started
        again resumes after the rows already imported.
        """
        with db.unit_of_work(read_only=True) as uow:
            form, access = self.authorize(uow, app_key, form_key, actor)
            job = jobs.load_job(uow, app_key, form_key, job_id)
        if mapping is None:
            mapping = dict(job.mapping or {})
            key_field = key_field or job.key_field
        plan = resolve_mapping(mapping, key_field, job.columns, form, access)
        new_mapping = plan.as_json()
        new_key = plan.key.field.id if plan.key else None
        same_plan = new_mapping == job.mapping and new_key == job.key_field
        if job.status == CHECKED and job.failed_rows and same_plan:
            raise ImportInvalid(
                f"The check found {job.failed_rows} row(s) with problems; correct the file "
                "and upload it again.",
                [ErrorDetail("/", "the checked file has rows with problems", "check_failed")],
            )
        resume = job.processed_rows > 0  # a commit that stopped part-way goes on
        if resume and not same_plan:
            raise ImportInvalid(
                f"{job.processed_rows} row(s) of this file were imported with another column "
                "mapping; commit again with the same mapping, or upload the file again.",
                [
                    ErrorDetail(
                        "/mapping", "differs from the one the import started with", "changed"
                    )
                ],
            )
        now = utcnow()
        progress: dict[str, Any] = (
            {} if resume else {"processed_rows": 0, "created_rows": 0, "updated_rows": 0}
        )
        token = uuid.uuid4().hex
        with db.unit_of_work() as uow:
            jobs.claim(
                uow,
                job,
                (UPLOADED, CHECKED, FAILED),
                RUNNING,
                mapping=new_mapping,
                key_field=new_key,
                started_at=now,
                finished_at=None,
                failed_rows=0,
                error_summary=None,
                run_token=token,
                run_actor=actor.as_json(),
                **progress,
            )
        with db.unit_of_work(read_only=True) as uow:
            shown = jobs.job_json(jobs.load_job(uow, app_key, form_key, job_id))
        return CommitClaim(shown, CommitRef(app_key, form_key, job_id, token))

    def resume_stalled(
        self, db: Database, skip: Callable[[CommitRef], bool] = lambda ref: False
    ) -> list[CommitRef]:
        """Take over the commits no live run works on, each under a new token, to queue again.

        A worker that stops between batches releases its job; a process that died leaves
        its job silent. ``skip`` spares runs known to be alive (still queued). Two workers
        resuming at once cannot both take a job (the claim is one conditional UPDATE).
        """
        with db.unit_of_work(read_only=True) as uow:
            stalled = jobs.stalled_runs(uow)
        taken: list[CommitRef] = []
        for job in stalled:
            if job.run_token is not None and skip(
                CommitRef(job.app_key, job.form_key, job.id, job.run_token)
            ):
                continue
            token = uuid.uuid4().hex
            try:
                with db.unit_of_work() as uow:
                    jobs.claim(uow, job, (), RUNNING, run_token=token)
            except ImportBusy:
                continue  # taken up meanwhile, or no longer stalled
            log.info("import %s: resuming after row %d", job.id, job.processed_rows)
            taken.append(CommitRef(job.app_key, job.form_key, job.id, token))
        return taken

    def release(self, db: Database, ref: CommitRef) -> None:
        """Let go of a claimed commit (it stays running, for a worker to resume later)."""
        try:
            with db.unit_of_work() as uow:
                jobs.set_run_state(uow, ref.job_id, ref.token, run_token=None)
        except RunTakenOver:
            log.info("import %s: another run holds the job; left as it is", ref.job_id)

    def unqueued(self, db: Database, ref: CommitRef, why: str) -> None:
        """Give up a claim whose task could not be queued: the job fails, resumable."""
        _fail_run(db, ref, f"The import could not be queued ({why}); commit again.")

    def run_commit(
        self,
        db: Database,
        ref: CommitRef,
        stopping: threading.Event | None = None,
    ) -> None:
        """Import the rows of a claimed job batch by batch; never raises (the job says why).

        ``stopping`` set (the worker shuts down) makes the run release the job after its
        current batch, for a worker to resume later.
        """
        try:
            CommitRun(self).execute(db, ref, stopping)
        except RunTakenOver:
            log.info("import %s: another run took the job over; this one stops", ref.job_id)
        except Exception as exc:
            log.exception("import %s stopped by an unexpected error", ref.job_id)
            detail = exc.detail if isinstance(exc, TraceryError) else type(exc).__name__
            _fail_run(
                db,
                ref,
                f"The import stopped: {detail}. The rows counted as processed were imported; "
                "commit again to resume after them.",
            )


def _fail_run(db: Database, ref: CommitRef, message: str) -> None:
    """Fail the job of the run ``ref`` (if it still holds it), to be committed again."""
    try:
        with db.unit_of_work() as uow:
            jobs.set_run_state(
                uow,
                ref.job_id,
                ref.token,
                status=FAILED,
                finished_at=utcnow(),
                run_token=None,
                error_summary={
                    "kind": "commit",
                    "message": message,
                    "errors": [],
                    "errors_total": 0,
                },
            )
    except RunTakenOver:
        log.info("import %s: another run holds the job; left as it is", ref.job_id)


class CommitClaim(NamedTuple):
    """What claiming a commit gives: the job as the API shows it, and the run's reference."""

    job: dict[str, Any]
    ref: CommitRef


def _field_id_row(cells: list[Cell], form: CompiledForm) -> list[str | None] | None:
    """The row of field ids a Tracery template keeps (hidden) below its header, if this is it."""
    texts = [cell_text(c) for c in cells]
    given = [t for t in texts if t]
    if given and len(set(given)) == len(given) and all(t in form.fields for t in given):
        return [t or None for t in texts]
    return None


def _refused(message: str) -> ImportFileUnreadable:
    return ImportFileUnreadable(message, [ErrorDetail("/file", message, "refused")])

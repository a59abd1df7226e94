"""The commit of an import: its rows, batch by batch, through the records service.

Each batch is one unit of work: the records (``bulk_create`` for new rows, ``bulk_update``
with the versions just read for rows whose key matches) and the job's progress commit
together, or not at all. The rows arrive converted, keyed and cleaned from
``engine/imports/prepare.py`` (a reader process for a large file); here keys are looked
up and the batch is written.
"""

from __future__ import annotations

import gc
import logging
import re
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from threading import Event
from typing import TYPE_CHECKING

from engine.actor import Actor
from engine.errors import ErrorDetail, TraceryError
from engine.forms.compiled import CompiledForm
from engine.identity.access import FormAccess
from engine.imports import jobs
from engine.imports.errors import ImportInvalid
from engine.imports.jobs import FAILED, HEARTBEAT_SECONDS, SUCCEEDED, CommitRef
from engine.imports.mapping import ColumnMapping, resolve_mapping
from engine.imports.prepare import (
    HAS_READER_PROCESS,
    PreparedBatch,
    ReaderTask,
    data_rows,
    prepare_batches,
    reader_process,
)
from engine.imports.rows import CellError, KeyMatcher, SheetRow
from engine.records.cleaning import CleanedBatch
from engine.storage.database import Database, UnitOfWork
from engine.storage.models import ImportJobRow
from engine.storage.types import utcnow

if TYPE_CHECKING:
    from engine.imports.service import ImportService

log = logging.getLogger("tracery.imports")
_POINTER = re.compile(r"^/records/(\d+)/data(?:/([^/]+))?|^/data(?:/([^/]+))?")


class BatchFailed(Exception):
    """A batch that the write path refused; nothing of it was written."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


class CommitRun:
    """Imports the rows of one claimed job."""

    def __init__(self, service: ImportService) -> None:
        self.service = service

    def execute(self, db: Database, ref: CommitRef, stopping: Event | None = None) -> None:
        """Import the rows after those already imported; a failing batch fails the job.

        Every write is conditional on the run's token (``RunTakenOver`` if another run took
        the job); with ``stopping`` set the run releases the job after its current batch.
        """
        token = ref.token
        with db.unit_of_work() as uow:
            jobs.set_run_state(uow, ref.job_id, token)  # begun: the job is not stalled
            job = jobs.load_job(uow, ref.app_key, ref.form_key, ref.job_id)
            if job.run_actor is None:
                raise ImportInvalid(
                    "This import was started by an earlier version and cannot be resumed "
                    "on its starter's behalf; commit it again",
                    [ErrorDetail("/", "started by an earlier version", "not_resumable")],
                )
            actor = Actor.from_json(job.run_actor)
            form, access = self.service.authorize(uow, ref.app_key, ref.form_key, actor)
        plan = resolve_mapping(dict(job.mapping or {}), job.key_field, job.columns, form, access)
        column_of = {c.field.id: c.column for c in plan.columns}
        matcher = KeyMatcher(form, access, plan, ledger=None)
        done, created, updated = job.processed_rows, job.created_rows, job.updated_rows
        last_row = None
        beat = time.monotonic()
        with _long_lived_frozen(), self._batches(form, access, plan, job) as batches:
            for batch in batches:
                if stopping is not None and stopping.is_set():
                    with db.unit_of_work() as uow:
                        jobs.set_run_state(uow, job.id, token, run_token=None)
                    log.info("import %s: released after %d row(s) to resume later", job.id, done)
                    return
                if batch.skipped_through is not None:
                    last_row = batch.skipped_through
                rows = batch.rows
                if not rows:  # rows imported before: passing them by takes time too
                    if time.monotonic() - beat > HEARTBEAT_SECONDS:
                        with db.unit_of_work() as uow:
                            jobs.set_run_state(uow, job.id, token)
                        beat = time.monotonic()
                    continue
                try:
                    with db.unit_of_work() as uow:
                        made, changed = self._write_batch(
                            uow, form, matcher, batch, column_of, actor
                        )
                        done, created, updated = done + len(rows), created + made, updated + changed
                        jobs.set_run_state(
                            uow,
                            job.id,
                            token,
                            processed_rows=done,
                            created_rows=created,
                            updated_rows=updated,
                        )
                except BatchFailed as failure:
                    self._fail(db, job, token, batch.number, rows, failure.errors, done, last_row)
                    return
                last_row = rows[-1].number
                beat = time.monotonic()
        with db.unit_of_work() as uow:
            jobs.set_run_state(
                uow,
                job.id,
                token,
                status=SUCCEEDED,
                total_rows=done,
                finished_at=utcnow(),
                run_token=None,
            )
            self.service.audit.record(
                uow,
                actor,
                "records.imported",
                app_key=ref.app_key,
                object_type="form",
                object_id=ref.form_key,
                detail={
                    "import": job.id,
                    "file": job.filename,
                    "rows": done,
                    "created": created,
                    "updated": updated,
                },
            )
        # The rows are in the database now; the file is not needed any more.
        Path(job.stored_path).unlink(missing_ok=True)

    @contextmanager
    def _batches(
        self, form: CompiledForm, access: FormAccess, plan: ColumnMapping, job: ImportJobRow
    ) -> Iterator[Iterator[PreparedBatch]]:
        """The file's prepared batches: from a reader process for a large file."""
        service = self.service
        source = service.job_source(job)
        threshold = service.limits.reader_process_bytes
        if threshold is None or job.file_size < threshold or not HAS_READER_PROCESS:
            prepared = prepare_batches(
                form,
                access,
                plan,
                service.codecs,
                data_rows(source, job.data_start_row),
                service.batch_size,
                job.processed_rows,
                service.directory,
            )
            with closing(prepared):  # a failed batch leaves no key ledger behind
                yield prepared
            return
        task = ReaderTask(
            app_key=form.app_key,
            definition_id=form.definition_id,
            version=form.version,
            table_name=form.table.name,
            spec=form.spec,
            time_zone=form.time_zone,
            registry=service.catalog.registry,
            codecs=service.codecs,
            unrestricted=access.unrestricted,
            hidden=frozenset(access.hidden),
            read_only=frozenset(access.read_only),
            mapping=dict(job.mapping or {}),
            key_field=job.key_field,
            columns=list(job.columns),
            source=source,
            start_row=job.data_start_row,
            batch_size=service.batch_size,
            skip_rows=job.processed_rows,
            ledger_dir=service.directory,
        )
        with reader_process(task) as batches:
            yield batches

    def _write_batch(
        self,
        uow: UnitOfWork,
        form: CompiledForm,
        matcher: KeyMatcher,
        batch: PreparedBatch,
        column_of: dict[str, str],
        actor: Actor,
    ) -> tuple[int, int]:
        rows = batch.rows
        matcher.lookup(uow, rows)
        problems = [e for r in rows for e in r.errors]
        if problems:
            raise BatchFailed(problems)
        cleaned = batch.cleaned
        creates = [(r, c) for r, c in zip(rows, cleaned.records, strict=True) if r.match is None]
        app_key, form_key = form.app_key, form.form_key
        records = self.service.records
        if creates:
            try:
                records.bulk_create(
                    uow,
                    app_key,
                    form_key,
                    [r.data for r, _ in creates],
                    actor,
                    cleaned=CleanedBatch(
                        cleaned.form_id, cleaned.form_version, [c for _, c in creates]
                    ),
                )
            except TraceryError as exc:
                raise BatchFailed(cell_errors(exc, [r for r, _ in creates], column_of)) from exc
        updates = [r for r in rows if r.match is not None]
        if updates:
            changes = [(*r.match, r.data) for r in updates if r.match is not None]
            try:
                records.bulk_update(uow, app_key, form_key, changes, actor)
            except TraceryError as exc:
                raise BatchFailed(cell_errors(exc, updates, column_of)) from exc
        return len(creates), len(updates)

    def _fail(
        self,
        db: Database,
        job: ImportJobRow,
        token: str,
        batch_number: int,
        rows: list[SheetRow],
        errors: list[CellError],
        done: int,
        last_row: int | None,
    ) -> None:
        first, last = rows[0].number, rows[-1].number
        before = (
            f"{done} row(s) before it were imported (through row {last_row})"
            if done
            else "no row was imported"
        )
        limit = self.service.limits.listed_errors
        with db.unit_of_work() as uow:
            jobs.set_run_state(
                uow,
                job.id,
                token,
                status=FAILED,
                finished_at=utcnow(),
                run_token=None,
                failed_rows=len({e.row for e in errors}),
                error_summary={
                    "kind": "commit",
                    "message": f"Batch {batch_number} (rows {first}–{last}) failed and nothing "
                    f"of it was written; {before}. Correct the file and upload it again (with "
                    "a key column, imported rows are updated, not duplicated), or commit again "
                    f"to retry from batch {batch_number}.",
                    "failed_batch": batch_number,
                    "failed_rows": {"first": first, "last": last},
                    "committed_rows": done,
                    "committed_through_row": last_row,
                    "errors": [e.as_dict() for e in errors[:limit]],
                    "errors_total": len(errors),
                },
            )


@contextmanager
def _long_lived_frozen() -> Iterator[None]:
    """Spare a long import the full garbage collections that walk every object of the process.

    An import creates and drops objects by the million; each full collection walks the
    whole heap (forms, definitions, the ORM's metadata) that will outlive the import anyway.
    Frozen, those objects are left out of collections until the import ends.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def cell_errors(
    exc: TraceryError, rows: list[SheetRow], column_of: dict[str, str]
) -> list[CellError]:
    """The write path's errors (``/records/3/data/qty``) as sheet rows and columns."""
    if not exc.errors:
        return [CellError(rows[0].number, None, None, exc.code, exc.detail)]
    out = []
    for detail in exc.errors:
        match = _POINTER.match(detail.pointer)
        index = detail.row
        fid = detail.field
        if match:
            if index is None and match[1] is not None:
                index = int(match[1])
            fid = fid or match[2] or match[3]
        row = rows[index] if index is not None and 0 <= index < len(rows) else rows[0]
        out.append(
            CellError(row.number, column_of.get(fid or ""), fid, detail.code, detail.message)
        )
    return out

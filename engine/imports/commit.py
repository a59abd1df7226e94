"""The commit of an import: its rows, batch by batch, through the records service.

Each batch is one unit of work: the records (``bulk_create`` for new rows, ``update``
with the version just read for rows whose key matches) and the job's progress commit
together, or not at all.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from engine.actor import Actor
from engine.errors import TraceryError
from engine.forms.compiled import CompiledForm
from engine.imports import jobs
from engine.imports.cells import CellContext
from engine.imports.jobs import FAILED, SUCCEEDED
from engine.imports.mapping import resolve_mapping
from engine.imports.rows import (
    CellError,
    KeyLedger,
    KeyMatcher,
    RowConverter,
    SheetRow,
    batched,
)
from engine.storage.database import Database, UnitOfWork
from engine.storage.models import ImportJobRow
from engine.storage.types import utcnow

if TYPE_CHECKING:
    from engine.imports.service import ImportService

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

    def execute(self, db: Database, app_key: str, form_key: str, job_id: str, actor: Actor) -> None:
        """Import the rows after those already imported; a failing batch fails the job."""
        with db.unit_of_work(read_only=True) as uow:
            form, access = self.service.authorize(uow, app_key, form_key, actor)
            job = jobs.load_job(uow, app_key, form_key, job_id)
        plan = resolve_mapping(dict(job.mapping or {}), job.key_field, job.columns, form, access)
        column_of = {c.field.id: c.column for c in plan.columns}
        converter = RowConverter(plan, self.service.codecs, CellContext(ZoneInfo(form.time_zone)))
        ledger = KeyLedger(self.service.directory)
        matcher = KeyMatcher(form, access, plan, ledger)
        skip = job.processed_rows
        done, created, updated = skip, job.created_rows, job.updated_rows
        seen, last_row = 0, None
        try:
            for number_in_file, batch in enumerate(
                batched(self.service.data_rows(job), self.service.batch_size), start=1
            ):
                rows = [converter.convert(number, cells) for number, cells in batch]
                already = max(0, min(len(rows), skip - seen))
                seen += len(rows)
                if already:
                    if plan.key is not None:
                        matcher.remember(rows[:already])
                    last_row = rows[already - 1].number
                    rows = rows[already:]
                    if not rows:
                        continue
                try:
                    with db.unit_of_work() as uow:
                        made, changed = self._write_batch(
                            uow, form, matcher, rows, column_of, actor
                        )
                        done, created, updated = done + len(rows), created + made, updated + changed
                        jobs.set_state(
                            uow,
                            job.id,
                            processed_rows=done,
                            created_rows=created,
                            updated_rows=updated,
                        )
                except BatchFailed as failure:
                    self._fail(db, job, number_in_file, rows, failure.errors, done, last_row)
                    return
                last_row = rows[-1].number
        finally:
            ledger.close()
        with db.unit_of_work() as uow:
            jobs.set_state(uow, job.id, status=SUCCEEDED, total_rows=done, finished_at=utcnow())
            self.service.audit.record(
                uow,
                actor,
                "records.imported",
                app_key=app_key,
                object_type="form",
                object_id=form_key,
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

    def _write_batch(
        self,
        uow: UnitOfWork,
        form: CompiledForm,
        matcher: KeyMatcher,
        rows: list[SheetRow],
        column_of: dict[str, str],
        actor: Actor,
    ) -> tuple[int, int]:
        matcher.match(uow, rows)
        problems = [e for r in rows for e in r.errors]
        if problems:
            raise BatchFailed(problems)
        creates = [r for r in rows if r.match is None]
        app_key, form_key = form.app_key, form.form_key
        records = self.service.records
        if creates:
            try:
                records.bulk_create(uow, app_key, form_key, [r.data for r in creates], actor)
            except TraceryError as exc:
                raise BatchFailed(cell_errors(exc, creates, column_of)) from exc
        updates = [r for r in rows if r.match is not None]
        for row in updates:
            assert row.match is not None
            record_id, version = row.match
            try:
                records.update(uow, app_key, form_key, record_id, row.data, version, actor)
            except TraceryError as exc:
                raise BatchFailed(cell_errors(exc, [row], column_of)) from exc
        return len(creates), len(updates)

    def _fail(
        self,
        db: Database,
        job: ImportJobRow,
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
            jobs.set_state(
                uow,
                job.id,
                status=FAILED,
                finished_at=utcnow(),
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

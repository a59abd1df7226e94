"""Background work: a Huey task queue and the tasks the engines hand to it.

The API queues work and answers at once; a worker (``tracery worker``, which ``tracery
serve`` starts beside the API) takes it up. The queue lives beside the data by default (in the
PostgreSQL database, or a SQLite file in the data dir), or in Redis
(``TRACERY_TASK_QUEUE=redis://…``).
A task's message only names its work (ids and a run token): what the work needs is in the
database, so a task that runs twice, late or after a restart does no harm, and work that
a stopped worker left is found in the database and queued again.
"""

from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path
from typing import Any

import psycopg
from huey import Huey, MemoryHuey, PostgresHuey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from psycopg.conninfo import make_conninfo

from engine.errors import Unavailable
from engine.imports.jobs import CommitRef
from engine.imports.service import ImportService
from engine.settings import REDIS_SCHEMES
from engine.storage.database import Database

log = logging.getLogger("tracery.tasks")

IMPORT_COMMIT = "import_commit"
ROUTINE_TASK = "resume_stalled_imports"
# An idle worker looks for work at least this often (Redis hands work over at once).
MAX_POLL_SECONDS = 1.0
# A stopping worker waits this long for its tasks to reach a point where they can stop.
SHUTDOWN_SECONDS = 60.0


def make_huey(spec: str, db: Database, data_dir: Path, name: str = "tracery") -> Huey:
    """The queue ``spec`` names: ``database``, a Redis URL, or ``immediate``.

    ``database`` keeps the queue beside the data: in PostgreSQL, the same database (tables
    ``huey_*``; a worker hears of new work at once through LISTEN/NOTIFY); with SQLite, the
    file ``tasks.db`` in the data dir (not the data file itself, whose write lock imports
    need for themselves). ``name`` tells queues apart that share a store. The queue's
    tables are made by :meth:`TaskQueue.prepare` (at migrate, serve and worker start), not
    by every process that opens the queue. Task results are not kept: the job rows say
    how work went.
    """
    if spec == "immediate":
        return MemoryHuey(name, immediate=True, results=False)
    if spec.startswith(REDIS_SCHEMES):
        return RedisHuey(name, url=spec, results=False)
    if spec != "database":
        raise ValueError(f"unknown task queue '{spec}'")
    if db.dialect == "postgresql":
        url = db.engine.url.set(drivername="postgresql")
        params = {"options": f"-csearch_path={db.schema}"} if db.schema else {}
        opener = _Connections(make_conninfo(url.render_as_string(hide_password=False), **params))
        return PostgresHuey(name, connection=opener, results=False, create_tables=False)
    return SqliteHuey(name, filename=str(data_dir / "tasks.db"), results=False, create_tables=False)


class _Connections:
    """Opens the PostgreSQL queue's connections (one per worker thread listens for work)
    and keeps them, so that closing the queue closes every one of them."""

    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo
        self.opened: list[psycopg.Connection[Any]] = []
        self.lock = threading.Lock()

    def __call__(self) -> psycopg.Connection[Any]:
        connection = psycopg.connect(self.conninfo)
        with self.lock:
            self.opened = [c for c in self.opened if not c.closed]
            self.opened.append(connection)
        return connection

    def close_all(self) -> None:
        with self.lock:
            opened, self.opened = self.opened, []
        for connection in opened:
            connection.close()


class TaskQueue:
    """The platform's tasks on one Huey instance; queues them and runs them in a worker.

    Attributes:
        huey: The queue.
        stopping: Set when the worker shuts down; long tasks stop at their next safe point.
    """

    def __init__(self, huey: Huey, db: Database, imports: ImportService) -> None:
        self.huey = huey
        self.db = db
        self.imports = imports
        self.stopping = threading.Event()
        self._commit = huey.task(name=IMPORT_COMMIT)(self._run_commit)
        # Each minute, but never queued up behind a long import: a late one is dropped.
        huey.periodic_task(crontab(minute="*"), name=ROUTINE_TASK, expires=60)(self.resume_stalled)

    def prepare(self) -> None:
        """Create the queue's tables if the store has any (SQLite, PostgreSQL) and lacks them."""
        create = getattr(self.huey.storage, "initialize_schema", None)
        if create is not None:
            create()

    @property
    def immediate(self) -> bool:
        return bool(self.huey.immediate)

    def commit_import(self, ref: CommitRef) -> None:
        """Queue the commit of a claimed import (run it at once with an immediate queue).

        If the queue cannot take it, the claim is given up (the job fails, to be committed
        again) and :class:`Unavailable` says why.
        """
        try:
            self._commit(*ref)
        except Exception as exc:
            if self.immediate:
                raise
            log.exception("import %s could not be queued", ref.job_id)
            self.imports.unqueued(self.db, ref, f"{type(exc).__name__}: {exc}")
            raise Unavailable(
                "The import could not be queued: the task queue is not reachable "
                f"({type(exc).__name__}). Nothing was imported; commit again when it is back."
            ) from exc

    def _run_commit(self, app_key: str, form_key: str, job_id: str, token: str) -> None:
        ref = CommitRef(app_key, form_key, job_id, token)
        self.imports.run_commit(self.db, ref, self.stopping)

    def resume_stalled(self) -> list[CommitRef]:
        """Queue again the imports no run works on (run by every worker each minute).

        A job whose task still waits in the queue is not stalled, however long it waits.
        """
        waiting = {
            tuple(task.args)
            for task in self.huey.pending()
            if task.name == IMPORT_COMMIT and task.args
        }
        resumed = self.imports.resume_stalled(self.db, skip=lambda ref: tuple(ref) in waiting)
        for number, ref in enumerate(resumed):
            try:
                self._commit(*ref)
            except Exception:
                # The queue is down: let the jobs wait, released, for the next look.
                log.exception("import %s could not be queued again", ref.job_id)
                for unqueued in resumed[number:]:
                    self.imports.release(self.db, unqueued)
                return resumed[:number]
        return resumed

    def close(self) -> None:
        """Let go of the queue's connections (a file handle or a Redis pool)."""
        storage = self.huey.storage
        storage.close()
        opener = getattr(storage, "connection", None)  # PostgreSQL
        if isinstance(opener, _Connections):
            opener.close_all()
        pool = getattr(storage, "pool", None)  # Redis
        if pool is not None:
            pool.disconnect()

    def consumer(self, threads: int = 1) -> Consumer:
        """A worker for this queue: ``threads`` tasks at once, plus the minute's schedule."""
        if self.immediate:
            raise ValueError("an immediate queue runs its tasks where they are queued")
        consumer = _Consumer(
            self.huey,
            workers=threads,
            worker_type="thread",
            periodic=True,
            max_delay=MAX_POLL_SECONDS,
            shutdown_timeout=SHUTDOWN_SECONDS,
            # SIGTERM (what systemd, Docker and `serve` send) stops gracefully: imports
            # release their jobs after the current batch. SIGINT (Ctrl-C) stops at once.
            graceful_signal="TERM",
        )
        self.stopping = consumer.stop_flag
        return consumer


def quiet_routine_tasks() -> None:
    """Keep the minute's look for stalled imports out of the log unless it goes wrong."""

    def noteworthy(record: logging.LogRecord) -> bool:
        return record.levelno > logging.INFO or f"{ROUTINE_TASK}:" not in record.getMessage()

    for name in ("huey", "huey.consumer.Scheduler"):
        logging.getLogger(name).addFilter(noteworthy)


class _Consumer(Consumer):  # type: ignore[misc]
    """Huey's consumer, with one change: a second SIGTERM does not cut a graceful stop short.

    Under systemd both the service manager and ``serve`` signal the worker; Huey would take
    the second SIGTERM as an interrupt. SIGINT still stops at once, stopping or not.
    """

    def _handle_signal(self, signum: int, frame: object) -> None:
        if self._signum is not None:  # already stopping
            if signum == self._graceful_sig:
                return
            raise KeyboardInterrupt
        super()._handle_signal(signum, frame)
        signal.signal(signum, self._handle_signal)  # Huey swaps in default_int_handler

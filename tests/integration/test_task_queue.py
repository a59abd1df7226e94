"""Background work through the task queue: queued imports, workers, stops and resumes.

The other integration tests run queued work at once (an immediate queue); these queue it
for real — in the database (SQLite file or PostgreSQL tables) and in Redis — and run it
with Huey workers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import select, update

from engine.bootstrap import Container
from engine.settings import Settings
from engine.storage.models import ImportJobRow
from engine.storage.types import utcnow
from engine.tasks import TaskQueue, make_huey
from tests.conftest import make_settings
from tests.factories import publish_form
from tests.integration.test_imports import (
    HEADER,
    IMPORTS,
    LOT_FORM,
    VALID_ROWS,
    csv_bytes,
    records,
    uploaded,
    use_limits,
)

REDIS_URL = "redis://127.0.0.1:6379/15"
FIVE_ROWS = [HEADER] + [[f"RM-{i:02d}", str(i), "2026-11-21", "", "", ""] for i in range(5)]


@pytest.fixture
def lot_form(client: Any) -> None:
    publish_form(client, doc=LOT_FORM)


def _queue(container: Container, spec: str) -> TaskQueue:
    """A real queue of the kind ``spec`` names, for this test alone, used by the API."""
    huey = make_huey(spec, container.db, container.settings.data_dir, f"t{uuid.uuid4().hex}")
    queue = TaskQueue(huey, container.db, container.imports)
    queue.prepare()
    container.tasks.close()
    container.tasks = queue
    return queue


def _committed_to_the_database_queue(
    client: Any, container: Container
) -> tuple[TaskQueue, dict[str, Any]]:
    queue = _queue(container, "database")
    job = uploaded(client, csv_bytes(VALID_ROWS))
    assert client.post(f"{IMPORTS}/{job['id']}/commit").status_code == 202
    return queue, job


@pytest.fixture
def running_worker() -> Iterator[Any]:
    """Starts a queue's worker threads; stops them (gracefully) after the test."""
    started: list[Any] = []
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}

    def start(queue: TaskQueue) -> Any:
        consumer = queue.consumer(threads=1)
        consumer.start()
        started.append(consumer)
        return consumer

    try:
        yield start
    finally:
        for consumer in started:
            consumer.stop(graceful=True)
        for signum, handler in handlers.items():  # the worker's own; the test runner's back
            signal.signal(signum, handler)


def _job(container: Container, job_id: str) -> ImportJobRow:
    with container.db.unit_of_work(read_only=True) as uow:
        job = uow.session.get(ImportJobRow, job_id)
        assert job is not None
        return job


def _wait_for(container: Container, job_id: str, status: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while _job(container, job_id).status != status:
        assert time.monotonic() < deadline, f"import {job_id} never became {status}"
        time.sleep(0.05)


@pytest.mark.parametrize("spec", ["database", REDIS_URL])
def test_a_commit_waits_in_the_queue_until_a_worker_imports_it(
    client: Any, lot_form: None, container: Container, running_worker: Any, spec: str
) -> None:
    queue = _queue(container, spec)
    job = uploaded(client, csv_bytes(VALID_ROWS))
    started = client.post(f"{IMPORTS}/{job['id']}/commit")
    assert started.status_code == 202, started.text
    # Queued, not run: the answer comes before any row is written.
    assert started.json()["status"] == "running"
    assert queue.huey.pending_count() == 1
    assert _job(container, job["id"]).processed_rows == 0
    assert records(client) == []

    running_worker(queue)
    _wait_for(container, job["id"], "succeeded")
    done = client.get(f"{IMPORTS}/{job['id']}").json()
    assert (done["processed_rows"], done["created_rows"]) == (3, 3)
    assert [r["data"]["lot_code"] for r in records(client)] == ["RM-0001", "RM-0002", "RM-0003"]
    assert queue.huey.pending_count() == 0
    assert _job(container, job["id"]).run_token is None


def test_a_stopping_worker_releases_its_import_and_the_next_one_resumes_it(
    client: Any, lot_form: None, container: Container
) -> None:
    job, claim = _claimed_in_batches_of_two(client, container)

    class StopAfterOneBatch:
        """The worker's stop flag, raised while the first batch is written."""

        calls = 0

        def is_set(self) -> bool:
            self.calls += 1
            return self.calls > 1

    container.imports.run_commit(container.db, claim.ref, StopAfterOneBatch())  # type: ignore[arg-type]
    released = _job(container, job["id"])
    assert (released.status, released.processed_rows, released.run_token) == ("running", 2, None)
    assert len(records(client)) == 2

    resumed = container.tasks.resume_stalled()  # what a worker does when it starts
    assert [r.job_id for r in resumed] == [job["id"]] and resumed[0].token != claim.ref.token
    done = _job(container, job["id"])
    assert (done.status, done.processed_rows, done.created_rows) == ("succeeded", 5, 5)
    assert [r["data"]["lot_code"] for r in records(client)] == [f"RM-{i:02d}" for i in range(5)]
    assert container.tasks.resume_stalled() == []


def test_a_run_that_lost_its_job_writes_nothing_more(
    client: Any, lot_form: None, container: Container
) -> None:
    job, claimed = _claimed_in_batches_of_two(client, container)
    first = claimed.ref
    # Its process went silent (say, it died): after a while another run takes the job.
    _age(container, job["id"], minutes=10)
    [second] = container.imports.resume_stalled(container.db)
    assert second.job_id == job["id"] and second.token != first.token

    container.imports.run_commit(container.db, first)  # the first run wakes up: stops
    assert records(client) == []
    assert _job(container, job["id"]).run_token == second.token
    container.imports.run_commit(container.db, second)
    assert _job(container, job["id"]).status == "succeeded"
    assert len(records(client)) == 5


def test_a_queued_commit_is_not_stalled_however_long_it_waits(
    client: Any, lot_form: None, container: Container
) -> None:
    queue, job = _committed_to_the_database_queue(client, container)
    _age(container, job["id"], minutes=30)  # workers were busy with other imports
    assert queue.resume_stalled() == []
    assert queue.huey.pending_count() == 1
    # Once its task is gone (a queue emptied by hand, say), the job is queued again.
    queue.huey.flush()
    assert [r.job_id for r in queue.resume_stalled()] == [job["id"]]
    assert queue.huey.pending_count() == 1


def test_a_commit_the_queue_cannot_take_fails_the_job_and_can_be_committed_again(
    client: Any, lot_form: None, container: Container
) -> None:
    immediate = container.tasks
    broken = TaskQueue(
        make_huey("redis://127.0.0.1:1/0", container.db, container.settings.data_dir),
        container.db,
        container.imports,
    )
    container.tasks = broken
    job = uploaded(client, csv_bytes(VALID_ROWS))
    refused = client.post(f"{IMPORTS}/{job['id']}/commit")
    assert refused.status_code == 503, refused.text
    body = refused.json()
    assert body["code"] == "unavailable"
    assert "could not be queued" in body["detail"] and "commit again" in body["detail"]
    shown = client.get(f"{IMPORTS}/{job['id']}").json()
    assert shown["status"] == "failed" and "could not be queued" in shown["errors"]["message"]
    assert records(client) == []

    documented = client.get("/openapi.json").json()["paths"]
    commit_path = "/api/v1/apps/{app}/forms/{form}/imports/{job_id}/commit"
    assert "503" in documented[commit_path]["post"]["responses"]

    container.tasks = immediate  # the queue is back
    again = client.post(f"{IMPORTS}/{job['id']}/commit")
    assert again.status_code == 202, again.text
    assert client.get(f"{IMPORTS}/{job['id']}").json()["status"] == "succeeded"
    assert len(records(client)) == 3


def test_the_queue_setting_is_checked(tmp_path: Path) -> None:
    assert make_settings(tmp_path, TRACERY_TASK_QUEUE="database").task_queue == "database"
    assert make_settings(tmp_path, TRACERY_TASK_QUEUE=REDIS_URL).task_queue == REDIS_URL
    with pytest.raises(ValidationError) as refused:
        Settings(TRACERY_TASK_QUEUE="rabbit://localhost")  # type: ignore[call-arg]
    assert "TRACERY_TASK_QUEUE is 'rabbit://localhost'" in str(refused.value)


def _claimed_in_batches_of_two(client: Any, container: Container) -> tuple[dict[str, Any], Any]:
    """Five rows uploaded and claimed for a commit (not queued): the test runs it."""
    from engine.actor import Actor

    use_limits(client, container, batch_size=2)
    job = uploaded(client, csv_bytes(FIVE_ROWS))
    admin = Actor(user="admin", client="tests", via="cli")
    claim = container.imports.start_commit(
        container.db, "trace", "lot", job["id"], None, None, admin
    )
    return job, claim


def _age(container: Container, job_id: str, minutes: int) -> None:
    with container.db.unit_of_work() as uow:
        uow.session.execute(
            update(ImportJobRow)
            .where(ImportJobRow.id == job_id)
            .values(updated_at=utcnow() - timedelta(minutes=minutes))
        )


def test_the_worker_command_imports_queued_work_and_stops_on_sigterm(
    client: Any, lot_form: None, container: Container
) -> None:
    queue, job = _committed_to_the_database_queue(client, container)
    worker = _worker_process(container, queue)
    try:
        _wait_for(container, job["id"], "succeeded")
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output
    assert "Shutting down gracefully" in output
    assert "engine.tasks.import_commit" in output  # its work is logged
    assert "resume_stalled_imports:" not in output  # the minute's routine look is not
    assert len(records(client)) == 3


def test_sigterm_makes_a_worker_release_its_import_for_the_next_to_resume(
    client: Any, lot_form: None, container: Container
) -> None:
    immediate = container.tasks
    queue = _queue(container, "database")
    rows = 100_000  # several seconds of work: the worker is stopped in the middle of it
    lines = [HEADER] + [[f"RM-{i:06d}", str(i % 97), "2026-11-21", "", "", ""] for i in range(rows)]
    job = uploaded(client, csv_bytes(lines))
    assert client.post(f"{IMPORTS}/{job['id']}/commit").status_code == 202
    worker = _worker_process(container, queue)
    try:
        deadline = time.monotonic() + 60
        while _job(container, job["id"]).processed_rows == 0:
            assert time.monotonic() < deadline and worker.poll() is None, "no batch written"
            time.sleep(0.02)
    finally:
        # Twice, as under systemd (the service manager and `serve` both signal it): still
        # a graceful stop, not an interrupt.
        worker.send_signal(signal.SIGTERM)
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=60)
    assert worker.returncode == 0, output
    released = _job(container, job["id"])
    assert released.status == "running" and released.run_token is None, output
    assert 0 < released.processed_rows < rows
    assert "released after" in output

    [resumed] = immediate.resume_stalled()  # as the next worker would (here: at once)
    assert resumed.job_id == job["id"]
    done = _job(container, job["id"])
    assert (done.status, done.processed_rows, done.created_rows) == ("succeeded", rows, rows)
    with container.db.unit_of_work(read_only=True) as uow:
        table = container.catalog.get(uow, "trace", "lot").table
        codes = uow.session.execute(select(table.c.lot_code)).scalars().all()
    assert len(codes) == len(set(codes)) == rows  # each row once: none lost, none twice


def test_an_import_begun_by_an_earlier_version_is_failed_not_run_as_nobody(
    client: Any, lot_form: None, container: Container
) -> None:
    job, claim = _claimed_in_batches_of_two(client, container)
    with container.db.unit_of_work() as uow:  # what migration 0007 leaves of such a job
        uow.session.execute(
            update(ImportJobRow)
            .where(ImportJobRow.id == job["id"])
            .values(run_token="earlier-version", run_actor=None)
        )
    assert container.tasks.resume_stalled() == []  # not while its old process may run
    _age(container, job["id"], minutes=10)
    [resumed] = container.tasks.resume_stalled()
    failed = client.get(f"{IMPORTS}/{job['id']}").json()
    assert failed["status"] == "failed"
    assert "started by an earlier version" in failed["errors"]["message"]
    assert records(client) == []
    assert client.post(f"{IMPORTS}/{job['id']}/commit").status_code == 202  # by its user now
    assert len(records(client)) == 5


def _worker_process(container: Container, queue: TaskQueue) -> subprocess.Popen[str]:
    """`tracery worker` on the test's database and queue."""
    url = str(container.db.engine.url.render_as_string(hide_password=False))
    if container.db.schema:
        url += f"?options=-csearch_path%3D{container.db.schema}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "TRACERY_DATA_DIR": str(container.settings.data_dir),
        "TRACERY_TASK_QUEUE": "database",
        "TRACERY_TASK_QUEUE_NAME": queue.huey.name,  # this test's own (see _queue)
    }
    return subprocess.Popen(
        [sys.executable, "-m", "engine.cli", "worker"],
        env=env,
        cwd=Path(__file__).parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_the_worker_command_refuses_an_immediate_queue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from engine.cli import cli

    monkeypatch.setenv("TRACERY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRACERY_TASK_QUEUE", "immediate")
    result = CliRunner().invoke(cli, ["worker"])
    assert result.exit_code == 1
    assert "TRACERY_TASK_QUEUE is 'immediate'" in result.output


def test_a_second_sigterm_keeps_a_stopping_worker_graceful(container: Container) -> None:
    """systemd and `serve` may both send SIGTERM; only SIGINT cuts a graceful stop short."""
    from huey import MemoryHuey

    queue = TaskQueue(MemoryHuey("graceful"), container.db, container.imports)
    consumer = queue.consumer()
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        consumer._handle_signal(signal.SIGTERM, None)  # the first: stop gracefully
        assert (consumer._signum, consumer._graceful) == (signal.SIGTERM, True)
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler) and handler is not signal.default_int_handler
        handler(signal.SIGTERM, None)  # the second: changes nothing
        assert (consumer._signum, consumer._graceful) == (signal.SIGTERM, True)
        with pytest.raises(KeyboardInterrupt):
            consumer._handle_signal(signal.SIGINT, None)  # Ctrl-C while stopping: at once
    finally:
        for signum, previous in saved.items():
            signal.signal(signum, previous)


def test_a_worker_whose_clock_runs_ahead_takes_over_no_live_run(
    client: Any,
    lot_form: None,
    container: Container,
    backend: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if backend == "sqlite":
        pytest.skip("SQLite serves one machine: there are no two clocks to disagree")
    import engine.imports.jobs

    job, claim = _claimed_in_batches_of_two(client, container)
    ahead = utcnow() + timedelta(minutes=30)
    monkeypatch.setattr(engine.imports.jobs, "utcnow", lambda: ahead)
    # Its heartbeats and the judging of them are on the database's clock.
    assert container.imports.resume_stalled(container.db) == []
    container.imports.run_commit(container.db, claim.ref)
    assert _job(container, job["id"]).status == "succeeded"

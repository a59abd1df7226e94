"""The ``tracery`` command: serve, migrate, app import/export, create-admin."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from engine.bootstrap import Container, bootstrap
from engine.errors import TraceryError

cli = typer.Typer(help="Tracery: no-code forms, flows and lot traceability.", no_args_is_help=True)
app_cli = typer.Typer(help="Import and export app bundles.", no_args_is_help=True)
cli.add_typer(app_cli, name="app")


def _container() -> Container:
    return bootstrap()


def _fail(exc: TraceryError) -> None:
    typer.secho(f"error: {exc.detail}", fg=typer.colors.RED, err=True)
    for e in exc.errors:
        typer.echo(f"  {e.pointer}: {e.message}", err=True)
    raise typer.Exit(code=1)


@cli.command()
def migrate() -> None:
    """Create or upgrade the platform tables."""
    from engine.storage.migrate import current_revision, upgrade

    with _container() as container:
        upgrade(container.db)
        container.tasks.prepare()
        typer.echo(
            f"database at revision {current_revision(container.db)} ({container.db.dialect})"
        )


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
    install: Annotated[
        bool, typer.Option(help="Install preset app templates on first start")
    ] = True,
    worker: Annotated[
        bool,
        typer.Option(help="Start a worker for background work beside the API (see `worker`)"),
    ] = True,
) -> None:
    """Migrate, install preset apps on first start, and serve the API and UI."""
    import uvicorn

    from engine.storage.migrate import upgrade
    from engine.templates import install_templates

    container = _container()
    upgrade(container.db)
    container.tasks.prepare()
    _first_admin(container)
    if install:
        try:
            for result in install_templates(container):
                typer.echo(f"installed app '{result['app']}' (seeded: {result['seeded']})")
        except TraceryError as exc:
            _fail(exc)
    typer.echo(f"Tracery on http://{host}:{port}  (database: {container.db.dialect})")
    worker = worker and not container.tasks.immediate
    container.close()
    helper = None
    if worker:
        # Its own session: a Ctrl-C in the terminal reaches the API only, which then stops
        # the worker gracefully (an interrupt would cut its tasks short).
        helper = subprocess.Popen(  # noqa: S603 - this program, with fixed arguments
            [sys.executable, "-m", "engine.cli", "worker", "--parent-pid", str(os.getpid())],
            start_new_session=True,
        )
    # uvicorn re-raises the signal that stopped it once it has shut down; as SystemExit it
    # lets the worker be stopped below (SIGTERM's default action would end this process at
    # once, and SIGINT's would be a KeyboardInterrupt inside the event loop).
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGINT, _exit_on_signal)
    try:
        uvicorn.run(
            "engine.api.asgi:app",
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            proxy_headers=False,
        )
    finally:
        if helper is not None:
            _stop_worker(helper)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _stop_worker(helper: subprocess.Popen[bytes]) -> None:
    """Ask the worker to stop gracefully (its imports release their jobs), then insist."""
    from engine.tasks import SHUTDOWN_SECONDS

    helper.send_signal(signal.SIGTERM)
    try:
        helper.wait(timeout=SHUTDOWN_SECONDS + 5)
    except subprocess.TimeoutExpired:
        helper.kill()
        helper.wait()


@cli.command()
def worker(
    threads: Annotated[int, typer.Option(help="Tasks run at once", min=1)] = 1,
    parent_pid: Annotated[
        int | None, typer.Option(help="Stop when this process has ended", hidden=True)
    ] = None,
) -> None:
    """Run background work (imports) from the task queue until stopped.

    `serve` starts one worker itself; start more (on this machine or, with PostgreSQL or
    Redis as the queue, on others) for more imports at once. SIGTERM lets running imports
    stop after their current batch, and a worker resumes them when one runs again; Ctrl-C
    stops at once (an import cut short is resumed after five minutes).
    """
    import logging

    from engine.tasks import quiet_routine_tasks

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    quiet_routine_tasks()
    with _container() as container:
        tasks = container.tasks
        if tasks.immediate:
            typer.secho(
                "error: TRACERY_TASK_QUEUE is 'immediate': work runs where it is queued, "
                "a worker has nothing to take",
                fg=typer.colors.RED,
                err=True,
            )
            raise typer.Exit(code=1)
        tasks.prepare()
        consumer = tasks.consumer(threads)
        if parent_pid is not None:
            _stop_with(parent_pid)
        for ref in tasks.resume_stalled():
            typer.echo(f"resuming import {ref.job_id}")
        consumer.run()


def _stop_with(parent_pid: int) -> None:
    """Stop this worker (gracefully) once the process ``parent_pid`` has ended."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)  # a second one changes nothing (see tasks.py)

    threading.Thread(target=watch, name="tracery-parent-watch", daemon=True).start()


def _first_admin(container: Container) -> None:
    """On a database without users, create 'admin' and print its initial password once."""
    from sqlalchemy import func, select

    from engine.actor import Actor
    from engine.storage.models import UserRow

    with container.db.unit_of_work() as uow:
        if uow.session.scalar(select(func.count()).select_from(UserRow)):
            return
        password = secrets.token_urlsafe(12)
        container.users.create_user(
            uow,
            "admin",
            password,
            "Administrator",
            is_admin=True,
            actor=Actor(user=None, client="tracery serve (first start)", via="cli"),
        )
    line = "=" * 64
    typer.echo(
        f"{line}\nFirst start: administrator 'admin' created.\n"
        f"Initial password: {password}\n(sign in at / and change it)\n{line}"
    )


@app_cli.command("import")
def app_import(path: Annotated[Path, typer.Argument(help="Bundle folder or .zip file")]) -> None:
    """Import (create or update) an app from a bundle folder or zip."""
    from engine.actor import Actor
    from engine.bundles.service import BundleService
    from engine.storage.migrate import upgrade

    if not path.exists():
        typer.secho(f"error: {path} does not exist", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1)
    actor = Actor(user="cli", client="tracery app import")
    with _container() as container:
        upgrade(container.db)
        bundles = BundleService(container)
        try:
            if path.is_dir():
                result = bundles.import_folder(path, actor)
            else:
                with path.open("rb") as stream:
                    result = bundles.import_zip(stream, actor)
        except TraceryError as exc:
            _fail(exc)
    typer.echo(json.dumps(result, indent=2, ensure_ascii=False))


@app_cli.command("export")
def app_export(
    name: Annotated[str, typer.Argument(help="App key")],
    path: Annotated[Path, typer.Argument(help="Folder to write the bundle into")],
    with_data: Annotated[bool, typer.Option(help="Also write all records as seed data")] = False,
) -> None:
    """Export an app as a bundle folder."""
    from engine.bundles.service import BundleService

    with _container() as container:
        try:
            written = BundleService(container).export_folder(name, path, with_data)
        except TraceryError as exc:
            _fail(exc)
    typer.echo(f"wrote {len(written)} files to {path}")


@cli.command("create-admin")
def create_admin(
    login: Annotated[str, typer.Option(help="Login name")] = "admin",
    display_name: Annotated[str | None, typer.Option(help="Display name")] = None,
    email: Annotated[str | None, typer.Option(help="Email")] = None,
    password_stdin: Annotated[
        bool, typer.Option(help="Read the password from standard input")
    ] = False,
) -> None:
    """Create an administrator. Without --password-stdin a one-time password is printed."""
    from engine.actor import Actor
    from engine.storage.migrate import upgrade

    password = sys.stdin.readline().rstrip("\n") if password_stdin else secrets.token_urlsafe(12)
    with _container() as container:
        upgrade(container.db)
        try:
            with container.db.unit_of_work() as uow:
                container.users.create_user(
                    uow,
                    login,
                    password,
                    display_name,
                    email,
                    is_admin=True,
                    actor=Actor(user=None, client="tracery create-admin", via="cli"),
                )
        except TraceryError as exc:
            _fail(exc)
    typer.echo(f"created administrator '{login}'")
    if not password_stdin:
        typer.echo(f"one-time password: {password}  (change it after signing in)")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()

"""An import's rows made ready for the write path, batch by batch, beside the writer.

Reading the file, converting its cells and cleaning the values is computation only; the
writes are not. A large file is therefore prepared in a reader process of its own while the
import's writer matches keys and writes the batches before it, so the two halves run on two
cores at once. The reader is forked from a fork server: it never inherits the threads,
locks or database connections of the process that starts it, and it never touches the
database. Batches travel through a pipe that holds about one batch, so memory stays flat
whatever the file's length. A small file is prepared in the writer's own process, where
starting a process would cost more than it saves; both ways run :func:`prepare_batches`.

What the reader does to a row is what the write path would do first (``clean_record``),
for the same published form version; the write path takes the result only for that
version (see ``CleanedRecord.fits``).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import pickle
import queue
import signal
import threading
import traceback
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from engine.definitions.specs import FormSpec
from engine.forms.compiled import CompiledForm, compile_form
from engine.forms.registry import FieldTypeRegistry
from engine.identity.access import FormAccess
from engine.imports.cells import CellCodecRegistry, CellContext
from engine.imports.mapping import ColumnMapping, resolve_mapping
from engine.imports.readers import Cell, SheetSource, iter_rows
from engine.imports.rows import KeyLedger, KeyMatcher, RowConverter, SheetRow, batched
from engine.records.cleaning import CleanedBatch, clean_new_record

log = logging.getLogger(__name__)

PIPE_BYTES = 1024 * 1024  # the most an unprivileged process may ask of Linux by default

# A fork server imports the engine once; each reader is a fork of it. A reader still runs
# the program's main module again (multiprocessing does so in every child), which is quick
# when the engine it imports is loaded already.
# Without fork servers (Windows), every file is prepared in the writer's process.
HAS_READER_PROCESS = "forkserver" in multiprocessing.get_all_start_methods()
_CONTEXT: Any = multiprocessing.get_context("forkserver" if HAS_READER_PROCESS else "spawn")
if HAS_READER_PROCESS:
    _CONTEXT.set_forkserver_preload([__name__, "engine.bootstrap", "engine.cli"])


@dataclass
class PreparedBatch:
    """One batch of the file, ready for the writer.

    Attributes:
        number: The batch's 1-based number in the file (skipped batches count).
        rows: The rows to write; rows imported before (a resumed import) are left out.
        cleaned: Per row, its values cleaned as a new record's (None where the row
            already has problems).
        skipped_through: The sheet row number of the last row left out, if any.
    """

    number: int
    rows: list[SheetRow]
    cleaned: CleanedBatch
    skipped_through: int | None = None

    def pack(self) -> tuple[Any, ...]:
        """Plain tuples for the pipe: they pickle, and unpickle, several times faster."""
        return (
            self.number,
            self.skipped_through,
            self.cleaned.form_id,
            self.cleaned.form_version,
            [(r.number, r.data, r.key, r.keyed, r.errors) for r in self.rows],
            self.cleaned.records,
        )

    @classmethod
    def unpack(cls, packed: tuple[Any, ...]) -> PreparedBatch:
        number, skipped_through, form_id, form_version, rows, records = packed
        return cls(
            number,
            [SheetRow(n, data, key, keyed, errors=errors) for n, data, key, keyed, errors in rows],
            CleanedBatch(form_id, form_version, records),
            skipped_through,
        )


def data_rows(source: SheetSource, start_row: int) -> Iterator[tuple[int, list[Cell]]]:
    """The non-blank rows of a sheet from ``start_row`` on (below the header)."""
    for number, cells in iter_rows(source):
        if number >= start_row:
            yield number, cells


def prepare_batches(
    form: CompiledForm,
    access: FormAccess,
    plan: ColumnMapping,
    codecs: CellCodecRegistry,
    rows: Iterable[tuple[int, list[Cell]]],
    batch_size: int,
    skip_rows: int,
    ledger_dir: Path,
) -> Generator[PreparedBatch, None, None]:
    """Convert, key and clean the file's rows; the first ``skip_rows`` only note their keys."""
    converter = RowConverter(plan, codecs, CellContext(ZoneInfo(form.time_zone)))
    ledger = KeyLedger(ledger_dir)
    keys = KeyMatcher(form, access, plan, ledger)
    seen = 0
    try:
        for number, batch in enumerate(batched(rows, batch_size), start=1):
            converted = [converter.convert(n, cells) for n, cells in batch]
            already = max(0, min(len(converted), skip_rows - seen))
            seen += len(converted)
            skipped_through = None
            if already:
                if plan.key is not None:
                    keys.remember(converted[:already])
                skipped_through = converted[already - 1].number
                converted = converted[already:]
            if plan.key is not None:
                keys.prepare(converted)
            cleaned = [
                None if row.errors else clean_new_record(form, row.data, access)
                for row in converted
            ]
            yield PreparedBatch(
                number,
                converted,
                CleanedBatch(form.definition_id, form.version, cleaned),
                skipped_through,
            )
    finally:
        ledger.close()


@dataclass(frozen=True)
class ReaderTask:
    """Everything a reader process needs, in a form that pickles (no SQL objects).

    The form is compiled again in the reader from its published spec; the access keeps
    only what cleaning uses (hidden and read-only fields).
    """

    app_key: str
    definition_id: int
    version: int
    table_name: str
    spec: FormSpec
    time_zone: str
    registry: FieldTypeRegistry
    codecs: CellCodecRegistry
    unrestricted: bool
    hidden: frozenset[str]
    read_only: frozenset[str]
    mapping: dict[str, Any]
    key_field: str | None
    columns: list[str]
    source: SheetSource
    start_row: int
    batch_size: int
    skip_rows: int
    ledger_dir: Path

    def run(self) -> Generator[PreparedBatch, None, None]:
        form = compile_form(
            self.app_key,
            self.definition_id,
            self.version,
            self.table_name,
            self.spec,
            self.registry,
            self.time_zone,
        )
        access = FormAccess(
            actions=set(),
            hidden=set(self.hidden),
            read_only=set(self.read_only),
            unrestricted=self.unrestricted,
        )
        plan = resolve_mapping(self.mapping, self.key_field, self.columns, form, access)
        return prepare_batches(
            form,
            access,
            plan,
            self.codecs,
            data_rows(self.source, self.start_row),
            self.batch_size,
            self.skip_rows,
            self.ledger_dir,
        )


class ReaderFailed(RuntimeError):
    """The reader process stopped without saying why (killed, out of memory)."""


class _Stopped(Exception):
    """The writer stopped the reader (it failed, or needs no more rows)."""


def _stop(signum: int, frame: Any) -> None:
    raise _Stopped


def _reader_main(task: ReaderTask, pipe: Any) -> None:
    """The reader process: send each prepared batch, then ``done`` (or what went wrong)."""
    # Stopped by the writer, the reader still closes (and removes) its key ledger.
    signal.signal(signal.SIGTERM, _stop)
    # What exists now lives as long as the reader: full collections need not walk it.
    gc.freeze()
    rows = batches = 0
    try:
        with contextlib.closing(task.run()) as prepared:
            for batch in prepared:
                pipe.send(("batch", batch.pack()))
                rows, batches = rows + len(batch.rows), batches + 1
        import resource  # a reader runs where fork servers do: on Unix

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        pipe.send(("done", {"rows": rows, "batches": batches, "peak_rss_mib": round(peak, 1)}))
    except _Stopped:
        pass
    except BaseException as exc:  # noqa: BLE001 - every failure is reported to the writer
        with contextlib.suppress(Exception):
            try:
                pipe.send(("error", exc))
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                pipe.send(("error", ReaderFailed("".join(traceback.format_exception(exc)))))
    finally:
        pipe.close()


@contextlib.contextmanager
def reader_process(task: ReaderTask, ahead: int = 8) -> Iterator[Iterator[PreparedBatch]]:
    """Prepared batches from a reader process; the process is stopped on leaving.

    A thread takes batches off the pipe as soon as they arrive and keeps up to ``ahead``
    of them, so the reader goes on while the writer is busy with a slow batch.
    """
    receive, send = _CONTEXT.Pipe(duplex=False)
    _widen(send)
    process = _CONTEXT.Process(
        target=_reader_main, args=(task, send), name="tracery-import-reader", daemon=True
    )
    process.start()
    send.close()  # the reader holds the only sending end: its exit ends the pipe
    arrived: queue.Queue[bytes | None] = queue.Queue(maxsize=ahead)
    stopping = threading.Event()

    def take() -> None:  # bytes only: unpickling stays with the writer (one GIL)
        while not stopping.is_set():
            try:
                message: bytes | None = receive.recv_bytes()
            except (EOFError, OSError):
                message = None
            while not stopping.is_set():
                try:
                    arrived.put(message, timeout=0.5)
                    break
                except queue.Full:
                    continue
            if message is None:
                return

    taker = threading.Thread(target=take, name="tracery-import-pipe", daemon=True)
    taker.start()

    def batches() -> Iterator[PreparedBatch]:
        while True:
            message = arrived.get()
            if message is None:
                process.join(timeout=5)
                raise ReaderFailed(
                    f"the file's reader process stopped (exit code {process.exitcode})"
                )
            # The bytes come from the reader process this writer started, never from a client.
            kind, payload = pickle.loads(message)  # noqa: S301
            if kind == "done":
                log.info(
                    "import reader: %(rows)d rows in %(batches)d batches, "
                    "peak memory %(peak_rss_mib).1f MiB",
                    payload,
                )
                return
            if kind == "error":
                raise payload if isinstance(payload, BaseException) else ReaderFailed(str(payload))
            yield PreparedBatch.unpack(payload)

    try:
        yield batches()
    finally:
        stopping.set()
        if process.is_alive():
            process.terminate()
        process.join(timeout=10)
        if process.is_alive():  # pragma: no cover - a reader that ignores SIGTERM
            process.kill()
            process.join()
        taker.join(timeout=10)
        receive.close()


def _widen(pipe: Any) -> None:
    """Let the pipe hold a few batches (Linux; 64 KiB otherwise) so neither side idles."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def warm_up() -> None:
    """Start the fork server now, so the first large import does not wait for it."""
    try:
        from multiprocessing import forkserver

        forkserver.ensure_running()
    except OSError:  # pragma: no cover - no processes allowed: readers start on demand
        log.warning("the import reader's fork server could not start", exc_info=True)

"""Benchmark of the records REST API over real HTTP (not a test: it asserts nothing).

Starts ``tracery serve`` on a free 127.0.0.1 port with a fresh data dir (embedded SQLite
unless --database-url is given), creates an app with a realistic "lot" form, drives the
records endpoints from --concurrency client threads and prints a table of throughput and
latency. With --big-rows N it also bulk-loads N rows into a second form and measures how
list requests behave on a table that large.

    .venv/bin/python bench/records_api.py [--records 5000] [--concurrency 4]
                                          [--big-rows 0] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from argparse import RawDescriptionHelpFormatter as RawFormatter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx2

ROOT = Path(__file__).resolve().parent.parent
TRACERY = ROOT / ".venv" / "bin" / "tracery"
API = "/api/v1"
BULK_BATCH = 1000  # the server's default maximum per bulk request
BULK_FACTOR = 10  # the bulk step creates BULK_FACTOR x --records rows
BIG_LIST_REQUESTS = 20  # requests per list operation on the --big-rows table
DEEP = 100  # "near the end": this many rows before the last one
FILTER = "filter[status]=released&filter[quantity][gt]=10"
MATERIALS = [f"{k}-{g}" for k in ("PET", "HDPE", "PP", "ALU", "STEEL") for g in "ABCD"]


def form_definition(key: str) -> dict[str, Any]:
    text, idx = "text", True
    return {
        "schema_version": 1,
        "key": key,
        "label": "Lot",
        "fields": [
            {"id": "lot_code", "type": text, "label": "Lot code", "required": True, "index": idx,
             "max_length": 64},
            {"id": "material", "type": text, "label": "Material", "index": idx},
            {"id": "quantity", "type": "decimal", "label": "Quantity", "precision": 12, "scale": 3},
            {"id": "received_on", "type": "date", "label": "Received on", "index": idx},
            {"id": "status", "type": "single_select", "label": "Status",
             "options": [{"key": "released", "label": "Released"},
                         {"key": "quarantined", "label": "Quarantined"}]},
            {"id": "note", "type": "long_text", "label": "Note"},
        ],
    }  # fmt: skip


def make_row(rng: random.Random, n: int) -> dict[str, Any]:
    return {
        "lot_code": f"LOT-{n:09d}",
        "material": rng.choice(MATERIALS),
        "quantity": f"{rng.uniform(0, 1000):.3f}",
        "received_on": (date(2022, 1, 1) + timedelta(days=rng.randrange(1200))).isoformat(),
        "status": "released" if rng.random() < 0.8 else "quarantined",
        "note": f"Incoming inspection {n}: " + rng.choice(["ok", "minor scratches", "re-labelled"]),
    }


class BenchError(Exception):
    """A response that was not what the API promises; keeps what was sent and what came back."""

    def __init__(self, method: str, url: str, sent: Any, status: int, body: str) -> None:
        sent_text = "(no body)" if sent is None else json.dumps(sent)
        cut = f"... ({len(sent_text)} chars)" if len(sent_text) > 600 else ""
        got = f"HTTP {status} {body[:1500]}"
        super().__init__(f"{method} {url}\n    sent: {sent_text[:600]}{cut}\n    got:  {got}")


def call(client: httpx2.Client, method: str, url: str, expect: int, body: Any = None) -> Any:
    response = client.request(method, url, json=body)
    if response.status_code != expect:
        raise BenchError(method, url, body, response.status_code, response.text)
    return response.json()


@dataclass
class Result:
    name: str
    errors: int = 0
    seconds: float = 0.0
    rows: int = 0
    latencies: list[float] = field(default_factory=list)
    first_error: str = ""


Job = Callable[[httpx2.Client, Any], int]
Prep = Callable[[Any], Any] | None
STOP = threading.Event()  # set on Ctrl-C so that the client threads stop after their request


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(
    name: str, base: str, jobs: list[Any], concurrency: int, fn: Job, prepare: Prep = None
) -> Result:
    """Run fn(client, job) for every job from `concurrency` threads; fn returns rows written.

    prepare(job), if given, builds the request body before the clock starts.
    """
    log(f"  {name} ({len(jobs)} requests)")
    result = Result(name)
    lock = threading.Lock()

    def worker(chunk: list[Any]) -> None:
        latencies, rows, errors, first = [], 0, 0, ""
        with httpx2.Client(base_url=base, headers=AUTH_HEADERS, timeout=600) as client:
            for job in chunk:
                if STOP.is_set():
                    break
                job = prepare(job) if prepare else job
                t0 = time.perf_counter()
                try:
                    rows += fn(client, job)
                except (BenchError, httpx2.HTTPError, ValueError) as exc:
                    errors += 1
                    first = first or f"{type(exc).__name__}: {exc}"
                    continue
                latencies.append(time.perf_counter() - t0)
        with lock:
            result.latencies += latencies
            result.rows += rows
            result.errors += errors
            result.first_error = result.first_error or first

    threads = [
        threading.Thread(target=worker, args=(jobs[i::concurrency],), daemon=True)
        for i in range(min(concurrency, len(jobs)))
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()  # Ctrl-C lands here; main() then sets STOP
    result.seconds = time.perf_counter() - start
    return result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)] * 1000 if ordered else float("nan")


def print_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    head = f"{'operation':<38}{'requests':>9}{'errors':>7}{'req/s':>9}{'rows/s':>10}"
    head += f"{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
    print(head)
    print("-" * len(head))
    for r in results:
        ok = len(r.latencies)
        rate = ok / r.seconds if r.seconds else 0.0
        rows = f"{r.rows / r.seconds:>10.0f}" if r.rows and r.seconds else f"{'':>10}"
        print(
            f"{r.name:<38}{ok + r.errors:>9}{r.errors:>7}{rate:>9.1f}{rows}"
            f"{percentile(r.latencies, 0.5):>9.1f}{percentile(r.latencies, 0.95):>9.1f}"
            f"{(max(r.latencies) * 1000 if ok else float('nan')):>9.1f}"
        )
    for r in results:
        if r.errors:
            print(f"\n{r.name}: {r.errors} failed request(s); first one:\n  {r.first_error}")


# Filled in by sign_in(): every benchmark client sends the API token.
AUTH_HEADERS: dict[str, str] = {}


def sign_in(work: Path, database_url: str | None, base: str) -> None:
    """Create a bench administrator, sign in, and mint an API token for the clients."""
    login = f"bench_{int(time.time())}"
    password = f"{login}-password"
    env = dict(os.environ, TRACERY_DATA_DIR=str(work / "data"))
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    subprocess.run(  # noqa: S603
        [str(TRACERY), "create-admin", "--login", login, "--password-stdin"],
        input=password + "\n",
        text=True,
        env=env,
        cwd=work,
        check=True,
        capture_output=True,
    )
    with httpx2.Client(base_url=base, timeout=60) as client:
        signed = call(
            client, "POST", f"{API}/auth/login", 200, {"login": login, "password": password}
        )
        client.headers["X-CSRF-Token"] = signed["csrf_token"]
        token = call(
            client, "POST", f"{API}/auth/tokens", 201, {"name": "bench", "access": "write"}
        )
    AUTH_HEADERS["Authorization"] = f"Bearer {token['token']}"


def start_server(work: Path, database_url: str | None) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    env = dict(os.environ, TRACERY_DATA_DIR=str(work / "data"))
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    command = [str(TRACERY), "serve", "--host", "127.0.0.1", "--port", str(port), "--no-install"]
    with (work / "server.log").open("wb") as log:
        proc = subprocess.Popen(command, env=env, cwd=work, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(proc: subprocess.Popen[bytes], base: str, seconds: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    with httpx2.Client(base_url=base, headers=AUTH_HEADERS, timeout=5) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited early with code {proc.returncode}")
            try:
                response = client.get(f"{API}/health")
                if response.status_code == 200:
                    return dict(response.json())
            except httpx2.TransportError:
                pass
            time.sleep(0.1)
    raise RuntimeError(f"server not healthy after {seconds:.0f} s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def create_form(client: httpx2.Client, app: str, form: str) -> str:
    call(client, "PUT", f"{API}/apps/{app}/forms/{form}", 201, form_definition(form))
    call(client, "POST", f"{API}/apps/{app}/forms/{form}/publish", 200)
    return f"{API}/apps/{app}/forms/{form}/records"


def bulk_jobs(first_row: int, rows: int) -> list[tuple[int, int]]:
    return [
        (n, min(BULK_BATCH, first_row + rows - n))
        for n in range(first_row, first_row + rows, BULK_BATCH)
    ]


def bulk_body(job: tuple[int, int]) -> dict[str, Any]:
    start, size = job
    rng = random.Random(start)
    return {"records": [{"data": make_row(rng, start + k)} for k in range(size)]}


def bulk(url: str, base: str, name: str, jobs: list[tuple[int, int]], conc: int) -> Result:
    def run(client: httpx2.Client, body: dict[str, Any]) -> int:
        answer = call(client, "POST", f"{url}/bulk", 201, body)
        size = len(body["records"])
        if answer.get("total") != size or len(answer.get("items", [])) != size:
            raise BenchError("POST", f"{url}/bulk", body, 201, f"total={answer.get('total')}")
        return size

    return measure(name, base, jobs, conc, run, bulk_body)


def list_fn(url: str, query: str) -> Job:
    def run(client: httpx2.Client, _: Any) -> int:
        page = call(client, "GET", f"{url}?{query}", 200)
        if not page.get("items"):
            raise BenchError("GET", f"{url}?{query}", None, 200, json.dumps(page)[:300])
        return 0  # rows/s is reported for writes only

    return run


def deep_queries(client: httpx2.Client, url: str, sort: str) -> tuple[str, str, int]:
    """Offset and cursor queries for a page DEEP rows before the end, in the same sort order.

    The cursor is the next_cursor of a one-row offset page at the same position, i.e. exactly
    what a client would hold after paging there with cursors.
    """
    total = call(client, "GET", f"{url}?limit=1&{sort}", 200)["total"]
    offset = max(0, total - DEEP)
    probe = f"{url}?limit=1&count=false&offset={max(0, offset - 1)}&{sort}"
    cursor = call(client, "GET", probe, 200).get("next_cursor")
    if not cursor:
        raise BenchError("GET", probe, None, 200, "no next_cursor on a page that is not the last")
    query = f"limit=50&count=false&{sort}"
    return f"{query}&offset={offset}", f"{query}&cursor={cursor}", total


def list_suite(base: str, url: str, n: int, conc: int) -> list[Result]:
    with httpx2.Client(base_url=base, headers=AUTH_HEADERS, timeout=600) as client:
        by_id = deep_queries(client, url, "sort=id")
        by_date = deep_queries(client, url, "sort=-received_on")
        matched = call(client, "GET", f"{url}?limit=1&{FILTER}", 200)["total"]
    log(f"  {by_id[2]:,} rows, {matched:,} match the filter; deep pages at {by_id[2] - DEEP:,}")
    sorted_filter = f"limit=50&sort=-received_on&{FILTER}"
    suite = {
        "list first page + total": "limit=50",
        "list filter+sort + total": sorted_filter,
        "list filter+sort, count=false": sorted_filter + "&count=false",
        "list deep cursor, sort=id": by_id[1],
        "list deep offset, sort=id": by_id[0],
        "list deep cursor, sort=-received_on": by_date[1],
        "list deep offset, sort=-received_on": by_date[0],
    }
    return [measure(name, base, list(range(n)), conc, list_fn(url, q)) for name, q in suite.items()]


def records_suite(base: str, app: str, n: int, conc: int) -> list[Result]:
    with httpx2.Client(base_url=base, headers=AUTH_HEADERS, timeout=60) as client:
        url = create_form(client, app, "lot")
    created: list[tuple[int, int]] = []

    def create(client: httpx2.Client, body: dict[str, Any]) -> int:
        record = call(client, "POST", url, 201, body)
        created.append((record["id"], record["version"]))  # list.append is atomic
        return 0

    def get(client: httpx2.Client, record_id: int) -> int:
        call(client, "GET", f"{url}/{record_id}", 200)
        return 0

    def patch(client: httpx2.Client, job: tuple[int, int, int]) -> int:
        record_id, version, i = job
        body = {"version": version, "data": {"quantity": f"{2.5 + i % 100}"}}
        call(client, "PATCH", f"{url}/{record_id}", 200, body)
        return 0

    def one(i: int) -> dict[str, Any]:
        return {"data": make_row(random.Random(i), i)}

    results = [measure("create single", base, list(range(n)), conc, create, one)]
    name = f"bulk create ({BULK_BATCH}/request)"
    results.append(bulk(url, base, name, bulk_jobs(n, n * BULK_FACTOR), conc))
    rng = random.Random(7)
    ids = [record_id for record_id, _ in created] or [1]  # all creates failed: gets fail too
    results.append(measure("get by id", base, [rng.choice(ids) for _ in range(n)], conc, get))
    patches = [(record_id, version, i) for i, (record_id, version) in enumerate(created)]
    results.append(measure("patch (with version)", base, patches, conc, patch))
    list_n = max(50, n // 10)
    return results + list_suite(base, url, list_n, conc)


def big_suite(base: str, app: str, rows: int, conc: int) -> list[Result]:
    with httpx2.Client(base_url=base, headers=AUTH_HEADERS, timeout=60) as client:
        url = create_form(client, app, "lot_big")
    load = bulk(url, base, f"bulk load {rows:,} rows", bulk_jobs(0, rows), conc)
    return [load, *list_suite(base, url, BIG_LIST_REQUESTS, conc)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=RawFormatter)
    add = parser.add_argument
    add("--records", type=int, default=5000, help="single creates, gets, patches (0 skips)")
    add("--concurrency", type=int, default=4, help="client threads")
    add("--big-rows", type=int, default=0, help="rows to load for the big-table list check")
    add("--database-url", default=None, help="use this database as-is instead of SQLite")
    args = parser.parse_args(argv)
    if args.concurrency < 1 or args.records < 0 or args.big_rows < 0:
        parser.error("--concurrency must be >= 1, --records and --big-rows >= 0")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # SIGTERM acts like Ctrl-C
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]

    work = Path(tempfile.mkdtemp(prefix="tracery-bench-"))
    proc: subprocess.Popen[bytes] | None = None
    try:
        proc, base = start_server(work, args.database_url)
        health = wait_healthy(proc, base)
        sign_in(work, args.database_url, base)
        python = platform.python_version()
        print(f"machine:  {platform.platform()}, {os.cpu_count()} CPUs, Python {python}")
        print(f"server:   {base}, database {health.get('database')}, v{health.get('version')}")
        # A given database is used as-is, so each run gets its own app key there.
        app = f"bench_{int(time.time())}" if args.database_url else "bench"
        print(f"settings: --records {args.records} --concurrency {args.concurrency} "
              f"--big-rows {args.big_rows}, app '{app}'")  # fmt: skip
        with httpx2.Client(base_url=base, headers=AUTH_HEADERS, timeout=60) as client:
            body = {"schema_version": 1, "key": app, "label": "Bench"}
            call(client, "POST", f"{API}/apps", 201, body)
        if args.records:
            results = records_suite(base, app, args.records, args.concurrency)
            table_rows = args.records * (1 + BULK_FACTOR)
            print_table(f"records API, table of {table_rows:,} rows (form '{app}/lot')", results)
        if args.big_rows:
            results = big_suite(base, app, args.big_rows, args.concurrency)
            print_table(f"big table, {args.big_rows:,} rows (form '{app}/lot_big')", results)
        return 0
    except (BenchError, RuntimeError, ValueError, OSError, httpx2.HTTPError) as exc:
        print(f"\nthe benchmark could not go on:\n  {exc}", file=sys.stderr)
        tail = (work / "server.log").read_text(errors="replace").splitlines()[-30:]
        print("server log (last lines):\n  " + "\n  ".join(tail), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        STOP.set()
        print("\ninterrupted", file=sys.stderr)
        return 130
    finally:
        if proc is not None:
            stop_server(proc)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of spreadsheet imports through the service layer (not a test: it asserts nothing).

Generates an inbound-receipt file (8 fields: text, decimal, date, single selects, integer)
as CSV and as XLSX, then uploads, checks and commits it with ``ImportService`` directly
(no HTTP) on a fresh SQLite file in a temp dir, or on --database-url. Every scenario runs
in a child process of its own, so its peak RSS (``ru_maxrss``) is its own; the table
compares a small and a large file to show whether memory stays flat.

    .venv/bin/python bench/import.py [--rows 100000] [--small 10000] [--formats csv,xlsx]
                                     [--updates 5000] [--tracemalloc] [--profile commit]
                                     [--database-url URL]
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import logging
import os
import platform
import pstats
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.actor import Actor  # noqa: E402
from engine.bootstrap import Container, bootstrap  # noqa: E402
from engine.imports import ImportService, build_cell_codec_registry  # noqa: E402
from engine.settings import Settings  # noqa: E402
from engine.storage.database import make_database  # noqa: E402
from engine.storage.migrate import upgrade  # noqa: E402

ACTOR = Actor(user="bench", client="bench/import.py", via="cli")
SUPPLIERS = [f"Supplier {c}" for c in "ABCDEFGHIJKLMNOPQRST"]
MATERIALS = [f"{k}-{g}" for k in ("PET", "HDPE", "PP", "ALU", "STEEL", "FLOUR") for g in "ABCD"]
UNITS = [("kg", "Kilogram", "千克"), ("t", "Tonne", "吨"), ("pcs", "Pieces", "件")]
STATUSES = [("accepted", "Accepted", "已接收"), ("quarantined", "Quarantined", "隔离")]
HEADER = [
    "Receipt no",
    "Supplier",
    "Material",
    "Quantity",
    "Unit",
    "Received on",
    "Pallets",
    "Status",
]


def receipt_form(key: str) -> dict[str, Any]:
    def options(items: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
        return [{"key": k, "label": {"en": en, "zh-CN": zh}} for k, en, zh in items]

    return {
        "schema_version": 1,
        "key": key,
        "label": {"en": "Inbound receipt", "zh-CN": "收货单"},
        "fields": [
            {"id": "receipt_no", "type": "text", "label": "Receipt no", "required": True,
             "index": True, "max_length": 32},
            {"id": "supplier", "type": "text", "label": {"en": "Supplier", "zh-CN": "供应商"}},
            {"id": "material", "type": "text", "label": "Material", "index": True},
            {"id": "quantity", "type": "decimal", "label": "Quantity", "precision": 12,
             "scale": 3, "min": 0},
            {"id": "unit", "type": "single_select", "label": "Unit", "options": options(UNITS)},
            {"id": "received_on", "type": "date", "label": "Received on", "required": True},
            {"id": "pallets", "type": "integer", "label": "Pallets", "min": 0},
            {"id": "status", "type": "single_select", "label": "Status",
             "options": options(STATUSES), "default": "quarantined"},
        ],
    }  # fmt: skip


def generated_rows(n: int, seed: int = 7) -> Any:
    rng = random.Random(seed)  # noqa: S311 - test data
    start = date(2024, 1, 1)
    for i in range(n):
        yield [
            f"RC-{i:08d}",
            rng.choice(SUPPLIERS),
            rng.choice(MATERIALS),
            f"{rng.uniform(1, 5000):.3f}",
            rng.choice(UNITS)[1],  # labels, as people type them
            (start + timedelta(days=rng.randrange(1000))).isoformat(),
            str(rng.randrange(1, 40)),
            rng.choice(STATUSES)[0],
        ]


def write_file(path: Path, file_format: str, n: int, seed: int = 7) -> None:
    if file_format == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            writer.writerows(generated_rows(n, seed))
        return
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Receipts")
    sheet.append(HEADER)
    for row in generated_rows(n, seed):
        quantity, pallets = float(row[3]), int(row[6])
        sheet.append([*row[:3], quantity, row[4], date.fromisoformat(row[5]), pallets, row[7]])
    book.save(path)


def maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- one scenario, in a child process --------------------------------------------------------


def run_scenario(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {"format": args.format, "rows": args.n, "rss_baseline_mib": maxrss_mib()}
    with tempfile.TemporaryDirectory(prefix="tracery-import-bench-") as tmp:
        base = Path(tmp)
        settings = Settings(
            TRACERY_DATA_DIR=str(base / "data"),  # type: ignore[call-arg]
            TRACERY_TEMPLATES_DIR=str(base / "none"),
            TRACERY_UI_DIST_DIR=str(base / "none"),
        )
        url = args.database_url or f"sqlite:///{base / 'bench.db'}"
        db = make_database(url)
        upgrade(db)
        container = bootstrap(settings, db=db)
        try:
            out |= scenario(container, args, base)
        finally:
            container.close()
    out["maxrss_mib"] = round(maxrss_mib(), 1)
    return out


class ReaderLog(logging.Handler):
    """Keeps what the import's reader process reports when it is done (its peak memory)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.reports: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.args, dict):
            self.reports.append(dict(record.args))


def scenario(container: Container, args: argparse.Namespace, base: Path) -> dict[str, Any]:
    reader_log = ReaderLog()
    logger = logging.getLogger("engine.imports.prepare")
    logger.addHandler(reader_log)
    logger.setLevel(logging.INFO)
    app_key = (
        f"bench{int(time.time()) % 100000}{os.getpid() % 1000}" if args.database_url else "bench"
    )
    with container.db.unit_of_work() as uow:
        app = {"schema_version": 1, "key": app_key, "label": "Bench", "time_zone": "Asia/Shanghai"}
        container.definitions.create_app(uow, app, ACTOR)
    with container.db.unit_of_work() as uow:
        container.definitions.save(uow, app_key, "form", "receipt", receipt_form("receipt"), ACTOR)
    with container.db.unit_of_work() as uow:
        container.definitions.publish(uow, app_key, "form", "receipt", ACTOR)
    service = ImportService(
        container.catalog,
        container.records,
        container.access,
        container.audit,
        build_cell_codec_registry(),
        container.settings.data_dir,
        xlsx_engine=args.xlsx_engine,
    )
    db = container.db
    result: dict[str, Any] = {}
    job_id, path = service.new_upload(f"receipts.{args.format}")
    started = time.perf_counter()
    write_file(path, args.format, args.n)
    result["generate_s"] = time.perf_counter() - started
    result["file_mib"] = path.stat().st_size / 2**20
    result["rss_after_generate_mib"] = maxrss_mib()

    started = time.perf_counter()
    job = service.create_job(db, app_key, "receipt", job_id, path.name, path, ACTOR)
    result["upload_s"] = time.perf_counter() - started
    mapping = job["suggested_mapping"]
    assert all(mapping.values()), mapping

    def timed(name: str, call: Any) -> Any:
        if args.tracemalloc:
            tracemalloc.start()
        profile = cProfile.Profile() if args.profile == name else None
        began = time.perf_counter()
        if profile:
            profile.enable()
        value = call()
        if profile:
            profile.disable()
        result[f"{name}_s"] = time.perf_counter() - began
        if args.tracemalloc:
            result[f"{name}_traced_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        result[f"rss_after_{name}_mib"] = maxrss_mib()
        if profile:
            text = io.StringIO()
            pstats.Stats(profile, stream=text).sort_stats(
                os.environ.get("BENCH_PROFILE_SORT", "cumulative")
            ).print_stats(45)
            result["profile"] = text.getvalue()
        return value

    checked = timed(
        "check",
        lambda: service.check(db, app_key, "receipt", job_id, mapping, "receipt_no", ACTOR),
    )
    result["check_counts"] = checked["counts"]

    def commit() -> dict[str, Any]:
        claim = service.start_commit(db, app_key, "receipt", job_id, None, None, ACTOR)
        service.run_commit(db, claim.ref)
        return service.get(db, app_key, "receipt", job_id, ACTOR)

    done = timed("commit", commit)
    reports = reader_log.reports
    result["reader_rss_mib"] = reports[-1]["peak_rss_mib"] if reports else None
    result["commit_status"] = done["status"]
    result["created"] = done["created_rows"]
    if args.updates:
        # Re-import the first rows with the key column and other values (another seed):
        # every row is an update that changes the record.
        job_id2, path2 = service.new_upload(f"again.{args.format}")
        write_file(path2, args.format, min(args.updates, args.n), seed=8)
        service.create_job(db, app_key, "receipt", job_id2, path2.name, path2, ACTOR)

        def reimport() -> dict[str, Any]:
            claim = service.start_commit(
                db, app_key, "receipt", job_id2, mapping, "receipt_no", ACTOR
            )
            service.run_commit(db, claim.ref)
            return service.get(db, app_key, "receipt", job_id2, ACTOR)

        again = timed("update", reimport)
        result["updated"] = again["updated_rows"]
        result["update_rows"] = min(args.updates, args.n)
    return result


# -- the parent: run scenarios, print the table ---------------------------------------------


def child(args: argparse.Namespace, file_format: str, n: int, updates: int) -> dict[str, Any]:
    command = [
        sys.executable, __file__, "--worker", "--format", file_format, "--n", str(n),
        "--updates", str(updates), "--xlsx-engine", args.xlsx_engine,
    ]  # fmt: skip
    if args.database_url:
        command += ["--database-url", args.database_url]
    if args.tracemalloc:
        command.append("--tracemalloc")
    if args.profile:
        command += ["--profile", args.profile]
    print(f"  ... {file_format} {n:,} rows", file=sys.stderr, flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"scenario {file_format}/{n} failed")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the large file")
    parser.add_argument("--small", type=int, default=10_000, help="rows of the small file")
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--updates", type=int, default=5000, help="rows re-imported by key")
    parser.add_argument("--xlsx-engine", default="auto", choices=["auto", "calamine", "openpyxl"])
    parser.add_argument("--tracemalloc", action="store_true", help="trace Python allocations")
    parser.add_argument("--profile", choices=["check", "commit", "update"])
    parser.add_argument("--database-url")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--format", default="csv", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_scenario(args)))
        return
    python = platform.python_version()
    print(f"machine:  {platform.platform()}, {os.cpu_count()} CPUs, Python {python}")
    print(f"database: {args.database_url or 'SQLite (temp dir)'}; xlsx reader: {args.xlsx_engine}")
    results = []
    for file_format in args.formats.split(","):
        for n in (args.small, args.rows):
            results.append(child(args, file_format, n, args.updates if n == args.rows else 0))
    traced = args.tracemalloc
    print()
    header = (
        f"{'file':<6}{'rows':>9}{'MiB':>7}{'upload s':>10}{'check s':>9}{'check r/s':>11}"
        f"{'commit s':>10}{'commit r/s':>12}{'maxrss MiB':>12}{'reader MiB':>12}"
        + (f"{'traced check':>14}{'traced commit':>15}" if traced else "")
    )
    print(header)
    print("-" * len(header))
    for r in results:
        line = (
            f"{r['format']:<6}{r['rows']:>9,}{r['file_mib']:>7.1f}{r['upload_s']:>10.2f}"
            f"{r['check_s']:>9.2f}{r['rows'] / r['check_s']:>11,.0f}"
            f"{r['commit_s']:>10.2f}{r['created'] / r['commit_s']:>12,.0f}{r['maxrss_mib']:>12.1f}"
            + (f"{r['reader_rss_mib']:>12.1f}" if r["reader_rss_mib"] else f"{'-':>12}")
        )
        if traced:
            line += f"{r['check_traced_peak_mib']:>14.1f}{r['commit_traced_peak_mib']:>15.1f}"
        print(line)
    for r in results:
        if "update_s" in r:
            print(
                f"re-import by key ({r['format']}): {r['updated']:,} updates in "
                f"{r['update_s']:.2f} s = {r['updated'] / r['update_s']:,.0f} rows/s"
            )
    print("\npeak RSS (MiB) after: imports / generating the file / check / commit")
    for r in results:
        print(
            f"  {r['format']:<5}{r['rows']:>9,}: {r['rss_baseline_mib']:.0f} / "
            f"{r['rss_after_generate_mib']:.0f} / {r['rss_after_check_mib']:.0f} / "
            f"{r['rss_after_commit_mib']:.0f}"
        )
    for r in results:
        if r.get("profile"):
            print(f"\nprofile of {args.profile} ({r['format']}, {r['rows']:,} rows):")
            print(r["profile"])


if __name__ == "__main__":
    main()

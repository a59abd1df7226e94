"""Benchmark of the expression language (not a test: it asserts nothing, it prints numbers).

Compiles a few typical expressions once, then evaluates each of them many times against
the same record and prints evaluations per second and microseconds per evaluation.

    .venv/bin/python bench/expressions.py [--count 100000]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from engine.expressions import compile_expression

FIELDS = {
    "quantity": "integer",
    "unit_price": "decimal",
    "status": "single_select",
    "lot_code": "text",
    "received_on": "date",
    "tags": "multi_select",
}

RECORD: dict[str, Any] = {
    "quantity": 12,
    "unit_price": Decimal("9.99"),
    "status": "released",
    "lot_code": "l-2024-117",
    "received_on": date(2024, 3, 1),
    "tags": ["urgent", "cold"],
}

EXPRESSIONS = {
    "arithmetic": "quantity * unit_price",
    "formula": "IF(quantity > 0, ROUND(quantity * unit_price, 2), 0)",
    "condition": "status == 'released' and quantity >= 10 and 'urgent' in tags",
    "text": "CONCAT(UPPER(lot_code), '-', LPAD(quantity, 5, '0'))",
    "dates": "DAYS_BETWEEN(received_on, TODAY()) > 30",
    "nested": "IFS(quantity > 100, 'big', quantity > 10, 'medium', 'small')",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="evaluations per expression")
    count = parser.parse_args().count
    now = datetime(2024, 6, 1, 12, tzinfo=UTC)
    print(f"machine: {platform.platform()}, Python {sys.version.split()[0]}")
    print(f"{'expression':<12} {'evaluations/s':>14} {'µs each':>9}  source")
    for label, source in EXPRESSIONS.items():
        compiled = compile_expression(source, FIELDS)
        compiled.evaluate(RECORD, now=now)  # warm up
        started = time.perf_counter()
        for _ in range(count):
            compiled.evaluate(RECORD, now=now)
        elapsed = time.perf_counter() - started
        print(f"{label:<12} {count / elapsed:>14,.0f} {elapsed / count * 1e6:>9.1f}  {source}")


if __name__ == "__main__":
    main()

"""Many rows into one table in one go (``executemany``; COPY on PostgreSQL), for the write path.

A Core ``insert(table)`` with a list of parameter dicts is correct but spends most of its time
in per-row bookkeeping (building each parameter set, looking up each column's processor). The
record history and the audit log write one row per record written — tens of thousands in an
import — so they use this path instead: the statement is compiled once per table, columns
and dialect, each column's own bind processor (the same one SQLAlchemy would apply: JSON
encoding, UTC datetimes, …) is looked up once, and the driver receives plain tuples.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, select, text
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError

Processor = Callable[[Any], Any] | None

Plan = tuple[str, list[Processor], list[str]]

# Per table object (a published form version gets a new one), so a plan never outlives the
# columns and types it was made for, and never passes to another table.
_PLANS: weakref.WeakKeyDictionary[Table, dict[tuple[tuple[str, ...], str], Plan]] = (
    weakref.WeakKeyDictionary()
)


def _plan(table: Table, columns: tuple[str, ...], dialect: Dialect) -> Plan:
    plans = _PLANS.setdefault(table, {})
    key = (columns, dialect.name)
    plan = plans.get(key)
    if plan is None:
        statement = insert(table).values({name: bindparam(name) for name in columns})
        compiled = statement.compile(dialect=dialect)
        # Positional drivers (SQLite's ``?``) take values in the compiled order; named ones
        # (psycopg's ``%(name)s``) take them by name.
        order = list(compiled.positiontup or ()) or list(columns)
        processors: list[Processor] = [
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order
        ]
        plan = (str(compiled), processors, order)
        plans[key] = plan
    return plan


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in one ``executemany``.

    A value that is the very object the previous row held (one timestamp or one actor for a
    whole batch) is processed once.
    """
    if rows:
        insert_columns(connection, table, {}, _columns_of(rows))


def _columns_of(rows: Sequence[dict[str, Any]]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in rows[0]}


def insert_columns(
    connection: Connection,
    table: Table,
    same: Mapping[str, Any],
    each: Mapping[str, Sequence[Any]],
) -> None:
    """Insert one row per entry of the ``each`` lists (all of one length) in one ``executemany``.

    ``same`` holds the values every row shares (the writer, the moment, the form): they are
    processed once, and no per-row dict is ever built.
    """
    count = len(next(iter(each.values()))) if each else 0
    if not count:
        return
    columns = (*same, *each)
    sql, processors, order = _plan(table, columns, connection.dialect)
    converted: list[Any] = []
    for name, process in zip(order, processors, strict=True):
        if name in same:
            value = same[name]
            converted.append(repeat(value if process is None else process(value), count))
            continue
        values = each[name]
        if len(values) != count:
            raise ValueError(f"column {name!r} has {len(values)} values, not {count}")
        if process is not None:
            out: list[Any] = []
            last: Any = _UNSET
            done: Any = None
            for value in values:
                if value is not last:
                    last, done = value, process(value)
                out.append(done)
            values = out
        converted.append(values)
    params: list[Any] = list(zip(*converted, strict=False))
    if connection.dialect.name == "postgresql":
        _copy(connection, table, order, params)
        return
    if not connection.dialect.positional:
        params = [dict(zip(order, values, strict=True)) for values in params]
    connection.exec_driver_sql(sql, params)


def _copy(connection: Connection, table: Table, order: list[str], rows: list[Any]) -> None:
    """PostgreSQL: the rows through ``COPY … FROM STDIN`` in the open transaction.

    An ``executemany`` sends one message per row and the server plans each; COPY streams
    them (about four times faster for the history and audit rows of an import). The values
    are already what the columns' bind processors make of them (JSON as text, UTC times).
    """
    quote = connection.dialect.identifier_preparer
    columns = ", ".join(quote.quote(name) for name in order)
    sql = f"COPY {_name(connection, table)} ({columns}) FROM STDIN"
    cursor = connection.connection.cursor()
    dbapi = connection.dialect.loaded_dbapi
    try:
        with cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except dbapi.Error as exc:  # as SQLAlchemy raises the driver's errors (IntegrityError…)
        raise DBAPIError.instance(sql, None, exc, dbapi.Error) from exc
    finally:
        cursor.close()


_UNSET = object()


def insert_returning_ids(
    connection: Connection, table: Table, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert ``rows`` and return their new ids, in the order of ``rows``.

    PostgreSQL: the ids are drawn from the table's own sequence first, then the rows go in,
    ids included, by COPY (a batched ``INSERT … RETURNING`` spends most of its time building
    and parsing one huge statement per batch). SQLite cannot tie RETURNING rows to parameter
    sets in a batch (SQLAlchemy then sends one INSERT per row), but a writer there holds
    the database's write lock for its whole transaction and an AUTOINCREMENT table gives
    each new row the next id: so the rows go in with one ``executemany`` and their ids are
    the run ending at ``last_insert_rowid()`` — checked by counting the run, never assumed.
    """
    if not rows:
        return []
    if connection.dialect.name == "postgresql":
        ids = sorted(
            connection.execute(
                _NEXT_IDS, {"table": _name(connection, table), "n": len(rows)}
            ).scalars()
        )
        insert_columns(connection, table, {}, {"id": ids, **_columns_of(rows)})
        return ids
    insert_rows(connection, table, rows)
    last = int(connection.exec_driver_sql("SELECT last_insert_rowid()").scalar_one())
    first = last - len(rows) + 1
    present = connection.execute(
        select(func.count()).select_from(table).where(table.c.id.between(first, last))
    ).scalar_one()
    if present != len(rows):
        raise RuntimeError(f"new ids of {table.name} are not the run {first}..{last}")
    return list(range(first, last + 1))


_NEXT_IDS = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)")


def _name(connection: Connection, table: Table) -> str:
    return str(connection.dialect.identifier_preparer.format_table(table))

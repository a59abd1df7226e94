"""From sheet rows to field values, batch by batch: conversion, key matching, validation."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select

from engine.forms.compiled import CompiledForm, FormField
from engine.forms.errors import FieldValueError
from engine.forms.rules import rule_problems
from engine.identity.access import FormAccess
from engine.imports.cells import CellCodecRegistry, CellContext, CellReader
from engine.imports.mapping import ColumnMapping
from engine.imports.readers import Cell
from engine.storage.database import UnitOfWork

_MISSING = object()
T = TypeVar("T")


@dataclass(frozen=True)
class CellError:
    """One problem in the sheet: its 1-based row number, column header and field."""

    row: int | None
    column: str | None
    field: str | None
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "message": self.message,
        }


@dataclass(slots=True)
class SheetRow:
    """One data row on its way to the write path.

    Attributes:
        number: The row's number in the sheet (the header is usually row 1).
        data: Raw field values for the records service; blank cells are left out, so a
            new record gets the field's default and an updated one keeps its value.
        key: The cleaned value of the key field, when rows are matched by key.
        keyed: The row has a key to look up (cleaned, not repeated from an earlier row).
        match: ``(record id, version)`` of the existing record this row updates.
        current: The stored values of that record (checks only; None otherwise).
        errors: Everything wrong with the row.
    """

    number: int
    data: dict[str, Any]
    key: Any = None
    keyed: bool = False
    match: tuple[int, int] | None = None
    current: dict[str, Any] | None = None
    errors: list[CellError] = field(default_factory=list)


class RowConverter:
    """Turns the mapped cells of a row into raw field values with the cell codecs."""

    def __init__(
        self, mapping: ColumnMapping, codecs: CellCodecRegistry, context: CellContext
    ) -> None:
        self._readers: list[tuple[int, str, str, CellReader]] = [
            (
                c.index,
                c.column,
                c.field.id,
                codecs.get(c.field.type.type).reader(c.field, context),
            )
            for c in mapping.columns
        ]

    def convert(self, number: int, cells: list[Cell]) -> SheetRow:
        data: dict[str, Any] = {}
        errors: list[CellError] = []
        width = len(cells)
        for index, column, fid, read in self._readers:
            cell = cells[index] if index < width else None
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            try:
                data[fid] = read(cell)
            except FieldValueError as exc:
                errors.append(CellError(number, column, fid, exc.code, exc.message))
        return SheetRow(number, data, errors=errors)


class KeyLedger:
    """The first row of every key value seen in the file so far, kept on disk.

    A file may have a million rows; remembering their keys in a temporary SQLite file
    keeps memory flat.
    """

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=directory, suffix=".keys")
        os.close(handle)
        self._path = Path(name)
        self._db = sqlite3.connect(self._path)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute(
            "CREATE TABLE seen (name TEXT, value TEXT, row INTEGER, PRIMARY KEY (name, value))"
            " WITHOUT ROWID"
        )

    def earlier_rows(self, name: str, entries: list[tuple[str, int]]) -> dict[int, int]:
        """Record ``(value, row)`` pairs; answer ``row → earlier row`` for repeated values."""
        repeats: dict[int, int] = {}
        first: dict[str, int] = {}
        for value, row in entries:
            if value in first:
                repeats[row] = first[value]
            else:
                first[value] = row
        values = list(first)
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found = self._db.execute(
                f"SELECT value, row FROM seen WHERE name = ? AND value IN ({marks})",  # noqa: S608
                [name, *chunk],
            )
            for value, row in found:
                repeats[first.pop(value)] = row
        self._db.executemany(
            "INSERT INTO seen VALUES (?, ?, ?)", [(name, v, r) for v, r in first.items()]
        )
        return repeats

    def close(self) -> None:
        self._db.close()
        with contextlib.suppress(OSError):
            self._path.unlink()


class KeyMatcher:
    """Cleans each row's key, flags keys repeated in the file and finds existing records."""

    def __init__(
        self,
        form: CompiledForm,
        access: FormAccess,
        mapping: ColumnMapping,
        ledger: KeyLedger | None,
        with_values: bool = False,
    ) -> None:
        """``ledger`` may be None where keys are prepared elsewhere (only :meth:`lookup`)."""
        self.form = form
        self.access = access
        self.key = mapping.key
        self.ledger = ledger
        self.with_values = with_values

    def remember(self, rows: list[SheetRow]) -> None:
        """Note the keys of rows already imported (a resumed import skips them)."""
        self._clean_keys(rows)

    def match(self, uow: UnitOfWork, rows: list[SheetRow]) -> None:
        """:meth:`prepare` the rows' keys, then :meth:`lookup` their records."""
        self.prepare(rows)
        self.lookup(uow, rows)

    def prepare(self, rows: list[SheetRow]) -> None:
        """Clean each row's key and flag keys repeated in the file (no database)."""
        if self.key is None:
            return
        for row in self._clean_keys(rows):
            row.keyed = True

    def lookup(self, uow: UnitOfWork, rows: list[SheetRow]) -> None:
        """Find the record each prepared key names (one query per batch)."""
        if self.key is None:
            return
        keyed = [r for r in rows if r.keyed]
        if not keyed:
            return
        fid = self.key.field.id
        table = self.form.table
        columns = table.c if self.with_values else [table.c.id, table.c.version, table.c[fid]]
        query = select(*columns).where(table.c[fid].in_({r.key for r in keyed}))
        scope = self.access.row_condition("read")
        if scope is not None:
            query = query.where(scope)
        found: dict[Any, list[Any]] = {}
        for record in uow.session.execute(query):
            found.setdefault(record._mapping[fid], []).append(record._mapping)
        for row in keyed:
            matches = found.get(row.key)
            if not matches:
                continue
            if len(matches) > 1:
                ids = ", ".join(str(m["id"]) for m in matches[:5])
                row.errors.append(self._error(row, "ambiguous_key", f"matches records {ids}"))
                continue
            record = matches[0]
            row.match = (record["id"], record["version"])
            if self.with_values:
                row.current = {f: record[f] for f in self.form.fields if f in record}

    def _clean_keys(self, rows: list[SheetRow]) -> list[SheetRow]:
        assert self.key is not None
        field = self.key.field
        keyed: list[SheetRow] = []
        for row in rows:
            raw = row.data.get(field.id, _MISSING)
            if raw is _MISSING:
                if not any(e.field == field.id for e in row.errors):
                    row.errors.append(
                        self._error(row, "key_missing", "is empty; rows are matched by it")
                    )
                continue
            try:
                row.key = field.type.clean(field.spec, raw)
            except FieldValueError:
                continue  # the validation of the row reports it
            if row.key is not None:
                keyed.append(row)
        assert self.ledger is not None, "keys are prepared where the ledger is"
        repeats = self.ledger.earlier_rows(
            "\x00key", [(_ledger_text(r.key), r.number) for r in keyed]
        )
        for row in keyed:
            if row.number in repeats:
                row.errors.append(
                    self._error(
                        row,
                        "duplicate_key",
                        f"{field.type.to_json(field.spec, row.key)!r} is also in row "
                        f"{repeats[row.number]}",
                    )
                )
        return [r for r in keyed if r.number not in repeats]

    def _error(self, row: SheetRow, code: str, message: str) -> CellError:
        assert self.key is not None
        return CellError(row.number, self.key.column, self.key.field.id, code, message)


def _ledger_text(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class RowValidator:
    """Cleans a row's values with the form's field types, as the write path will."""

    def __init__(
        self,
        form: CompiledForm,
        access: FormAccess,
        mapping: ColumnMapping,
        ledger: KeyLedger,
    ) -> None:
        self.form = form
        self.access = access
        self.ledger = ledger
        self.column_of = {c.field.id: c.column for c in mapping.columns}
        self.key_field = mapping.key.field.id if mapping.key else None
        self.fields = [f for f in form.fields.values() if not f.type.computed]
        self.unique = [
            f
            for f in self.fields
            if (f.spec.unique or f.type.implies_unique)
            and f.id in self.column_of
            and f.id != self.key_field
        ]

    def validate(self, row: SheetRow) -> dict[str, Any]:
        """Add the row's problems to ``row.errors``; return the cleaned values."""
        creating = row.match is None
        failed = {e.field for e in row.errors}
        data = row.data
        given = set(data)
        for f in self.fields:
            data = f.type.expand(f.spec, data)
        values: dict[str, Any] = {}
        for f in self.fields:
            fid = f.id
            if fid in failed:
                continue
            raw = data.get(fid, _MISSING)
            if raw is not _MISSING and fid not in given and not self.access.writable(fid):
                raw = _MISSING  # the write path never derives values into such fields
            if raw is _MISSING:
                if not creating:
                    continue
                raw = f.type.default_value(f.spec)
            try:
                value = f.type.clean(f.spec, raw)
            except FieldValueError as exc:
                row.errors.append(self._error(row, f, exc.code, exc.message))
                continue
            if (value is None or value == []) and f.spec.required and not f.spec.visible_if:
                row.errors.append(self._error(row, f, "required", "is required"))
                continue
            values[fid] = value
        failed |= {e.field for e in row.errors}
        merged = {**(row.current or {}), **values} if row.match is not None else values
        for problem in rule_problems(self.form, merged, given, "", None):
            if problem.field not in failed:
                row.errors.append(
                    CellError(
                        row.number,
                        self.column_of.get(problem.field or ""),
                        problem.field,
                        problem.code,
                        problem.message,
                    )
                )
        return values

    def check_unique(self, uow: UnitOfWork, rows: list[tuple[SheetRow, dict[str, Any]]]) -> None:
        """Values of unique fields repeated in the file or taken by another record."""
        table = self.form.table
        for f in self.unique:
            entries = [(r, v[f.id]) for r, v in rows if v.get(f.id) is not None]
            if not entries:
                continue
            repeats = self.ledger.earlier_rows(
                f.id, [(_ledger_text(value), r.number) for r, value in entries]
            )
            taken = dict(
                uow.session.execute(
                    select(table.c[f.id], table.c.id).where(
                        table.c[f.id].in_({value for _, value in entries})
                    )
                ).tuples()
            )
            for row, value in entries:
                shown = f.type.to_json(f.spec, value)
                other = taken.get(value)
                if row.number in repeats:
                    message = f"{shown!r} is also in row {repeats[row.number]}; it must be unique"
                elif other is not None and (row.match is None or row.match[0] != other):
                    message = f"{shown!r} is already used by record {other}; it must be unique"
                else:
                    continue
                row.errors.append(self._error(row, f, "unique", message))

    def _error(self, row: SheetRow, f: FormField, code: str, message: str) -> CellError:
        return CellError(row.number, self.column_of.get(f.id), f.id, code, message)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last one shorter), taken lazily from ``items``."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch

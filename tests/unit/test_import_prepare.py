"""Preparing an import's rows: batches, skipped rows, keys, the reader process and its pipe."""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from engine.definitions.specs import FormSpec
from engine.forms.compiled import CompiledForm, compile_form
from engine.forms.registry import build_field_type_registry
from engine.identity.access import FULL_ACCESS, FormAccess
from engine.imports.cells import build_cell_codec_registry
from engine.imports.errors import ImportFileUnreadable
from engine.imports.mapping import resolve_mapping
from engine.imports.prepare import (
    HAS_READER_PROCESS,
    PreparedBatch,
    ReaderTask,
    data_rows,
    prepare_batches,
    reader_process,
)
from engine.imports.readers import inspect

REGISTRY = build_field_type_registry()
CODECS = build_cell_codec_registry()
COLUMNS = ["Lot", "Qty"]
MAPPING = {"Lot": "lot_code", "Qty": "quantity"}
SPEC = FormSpec.model_validate(
    {
        "schema_version": 1,
        "key": "lot",
        "label": "Lot",
        "fields": [
            {"id": "lot_code", "type": "text", "label": "Lot", "required": True},
            {"id": "quantity", "type": "decimal", "label": "Qty", "precision": 9, "scale": 2},
        ],
    }
)


def lot_form() -> CompiledForm:
    return compile_form("trace", 7, 3, "trace__lot", SPEC, REGISTRY)


def sheet(tmp_path: Path, rows: list[tuple[str, str]]) -> Path:
    path = tmp_path / "lots.csv"
    path.write_text("Lot,Qty\n" + "".join(f"{a},{b}\n" for a, b in rows), encoding="utf-8")
    return path


def prepared(
    tmp_path: Path, rows: list[tuple[str, str]], key: str | None, skip: int = 0
) -> list[PreparedBatch]:
    form = lot_form()
    plan = resolve_mapping(MAPPING, key, COLUMNS, form, FULL_ACCESS)
    source = inspect(sheet(tmp_path, rows), "csv")
    return list(
        prepare_batches(
            form, FULL_ACCESS, plan, CODECS, data_rows(source, 2), 2, skip, tmp_path / "ledger"
        )
    )


def test_rows_come_in_batches_converted_keyed_and_cleaned(tmp_path: Path) -> None:
    rows = [("A", "1.5"), ("B", "x"), ("A", "2"), ("C", ""), ("", "3")]
    batches = prepared(tmp_path, rows, "lot_code")
    assert [b.number for b in batches] == [1, 2, 3]
    first, second, third = batches
    assert [(r.number, r.key, r.keyed, r.errors) for r in first.rows] == [
        (2, "A", True, []),
        (3, "B", True, []),
    ]
    ready, wrong = first.cleaned.records
    assert ready == ({"lot_code": "A", "quantity": Decimal("1.50")}, [], None)
    # The field type finds what is wrong with a value, as the write path would.
    assert wrong is not None
    assert [(p.pointer, p.code) for p in wrong[1]] == [("/data/quantity", "type")]
    assert (first.cleaned.form_id, first.cleaned.form_version) == (7, 3)
    # The same key again (row 4) is flagged and not looked up.
    assert [(r.number, r.keyed, [e.code for e in r.errors]) for r in second.rows] == [
        (4, False, ["duplicate_key"]),
        (5, True, []),
    ]
    # A row without its key cannot be matched: said at once, and not cleaned ahead.
    assert [(r.number, [e.code for e in r.errors]) for r in third.rows] == [(6, ["key_missing"])]
    assert third.cleaned.records == [None]


def test_rows_imported_before_are_left_out_but_their_keys_remembered(tmp_path: Path) -> None:
    batches = prepared(tmp_path, [("A", "1"), ("B", "2"), ("C", "3"), ("A", "4")], "lot_code", 3)
    assert [(b.number, b.skipped_through, [r.number for r in b.rows]) for b in batches] == [
        (1, 3, []),
        (2, 4, [5]),
    ]
    assert [e.code for e in batches[1].rows[0].errors] == ["duplicate_key"]


def test_a_batch_crosses_the_pipe_unchanged(tmp_path: Path) -> None:
    batch = prepared(tmp_path, [("A", "1.5"), ("B", "x")], "lot_code")[0]
    again = PreparedBatch.unpack(pickle.loads(pickle.dumps(batch.pack())))
    assert again == batch


def task(tmp_path: Path, path: Path, access: FormAccess = FULL_ACCESS) -> ReaderTask:
    return ReaderTask(
        app_key="trace",
        definition_id=7,
        version=3,
        table_name="trace__lot",
        spec=SPEC,
        time_zone="Asia/Shanghai",
        registry=REGISTRY,
        codecs=CODECS,
        unrestricted=access.unrestricted,
        hidden=frozenset(access.hidden),
        read_only=frozenset(access.read_only),
        mapping=MAPPING,
        key_field=None,
        columns=COLUMNS,
        source=inspect(path, "csv"),
        start_row=2,
        batch_size=2,
        skip_rows=0,
        ledger_dir=tmp_path / "ledger",
    )


needs_reader = pytest.mark.skipif(not HAS_READER_PROCESS, reason="no fork server here")


@needs_reader
def test_the_reader_process_prepares_what_the_writer_would(tmp_path: Path) -> None:
    rows = [(f"L{i}", str(i)) for i in range(5)]
    path = sheet(tmp_path, rows)
    with reader_process(task(tmp_path, path)) as batches:
        remote = list(batches)
    local = list(task(tmp_path, path).run())
    assert remote == local
    assert [len(b.rows) for b in remote] == [2, 2, 1]


@needs_reader
def test_the_readers_failure_reaches_the_writer(tmp_path: Path) -> None:
    path = tmp_path / "lots.csv"
    path.write_text("Lot,Qty\nA,1\nB,2\nC," + "9" * 200_000 + "\n", encoding="utf-8")
    seen: list[Any] = []
    with pytest.raises(ImportFileUnreadable, match="field larger than field limit"):
        with reader_process(task(tmp_path, path)) as batches:
            seen.extend(batches)
    assert [len(b.rows) for b in seen] == [2]  # the batch before the damage arrived


@needs_reader
def test_leaving_early_stops_the_reader_and_removes_its_key_ledger(tmp_path: Path) -> None:
    path = sheet(tmp_path, [(f"L{i}", "1") for i in range(20_000)])
    with reader_process(task(tmp_path, path)) as batches:
        first = next(iter(batches))
        assert list((tmp_path / "ledger").glob("*.keys"))  # the reader's, while it reads
    assert [r.number for r in first.rows] == [2, 3]
    assert not list((tmp_path / "ledger").glob("*.keys"))

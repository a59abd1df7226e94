"""Excel/CSV import (upload → check → commit), .xlsx export and import templates."""

from __future__ import annotations

import csv
import io
import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import update

from engine.bootstrap import Container
from engine.imports import (
    ImportLimits,
    ImportService,
    WorkbookService,
    build_cell_codec_registry,
)
from engine.storage.models import ImportJobRow
from tests.conftest import token_for
from tests.factories import field, form_doc, publish_form

FORM = "/api/v1/apps/trace/forms/lot"
RECORDS = FORM + "/records"
IMPORTS = FORM + "/imports"
FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"

LOT_FORM = form_doc(
    fields=[
        field("lot_code", required=True, index=True, label={"en": "Lot code", "zh-CN": "批号"}),
        field(
            "quantity",
            "decimal",
            precision=12,
            scale=3,
            min=0,
            label={"en": "Quantity", "zh-CN": "数量"},
        ),
        field(
            "received_on", "date", required=True, label={"en": "Received on", "zh-CN": "收货日期"}
        ),
        field(
            "status",
            "single_select",
            label={"en": "Status", "zh-CN": "状态"},
            options=[
                {"key": "released", "label": {"en": "Released", "zh-CN": "已放行"}},
                {"key": "quarantined", "label": {"en": "Quarantined", "zh-CN": "隔离"}},
            ],
            default="quarantined",
        ),
        field("pieces", "integer", label={"en": "Pieces", "zh-CN": "件数"}),
        field("supplier", label={"en": "Supplier", "zh-CN": "供应商"}),
        field("serial", unique=True, label="Serial"),
        field("lot_no", "auto_number", pattern="L{seq:4}", label="Lot number"),
    ]
)
HEADER = ["Lot code", "Quantity", "Received on", "Status", "Pieces", "Supplier"]


def csv_bytes(rows: list[list[Any]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client: Any, content: bytes, filename: str = "lots.csv", **headers: str) -> Any:
    return client.post(IMPORTS, params={"filename": filename}, content=content, headers=headers)


def uploaded(client: Any, content: bytes, filename: str = "lots.csv") -> dict[str, Any]:
    response = upload(client, content, filename)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def records(client: Any, **params: str) -> list[dict[str, Any]]:
    response = client.get(RECORDS, params={"sort": "lot_code", "limit": "1000", **params})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def use_limits(client: Any, container: Container, **limits: Any) -> None:
    """Give the app an import service with small limits (batches of 2, tiny uploads...)."""
    codecs = build_cell_codec_registry()
    container.imports = ImportService(
        container.catalog,
        container.records,
        container.access,
        container.audit,
        codecs,
        container.settings.data_dir,
        ImportLimits(**limits),
    )
    container.tasks.imports = container.imports  # the queue's tasks use it too
    container.workbooks = WorkbookService(
        container.catalog, container.records, container.access, codecs
    )


@pytest.fixture
def lot_form(client: Any) -> None:
    publish_form(client, doc=LOT_FORM)


@pytest.fixture(params=["writer", "reader"])
def prepared_in(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Where a commit prepares the file's rows: in the writer's process, or in a reader
    process beside it (what large files get); both must import exactly alike."""
    return {"reader_process_bytes": None if request.param == "writer" else 0}


VALID_ROWS = [
    HEADER,
    ["RM-0001", "250.5", "2026-11-21", "Released", "10", "Acme"],
    ["RM-0002", "1,200", "2026/11/22", "quarantined", "", "Bolt & Co"],
    ["RM-0003", "", "2026-11-23", "已放行", "3", ""],
]


# -- upload ---------------------------------------------------------------------------


def test_upload_answers_columns_preview_and_a_mapping_from_labels_in_any_locale(
    client: Any, lot_form: None, container: Container
) -> None:
    content = csv_bytes(
        [
            ["批号", "QUANTITY ", "收货日期", "status", "pieces", "Remarks", "lot_no"],
            ["RM-1", "1", "2026-11-21", "已放行", "2", "x", "L0001"],
            [],
            ["RM-2", "2", "2026-11-22", "隔离", "", "", ""],
        ]
    )
    job = uploaded(client, content)
    assert job["status"] == "uploaded"
    assert job["format"] == "csv" and job["encoding"] == "utf-8"
    assert job["columns"] == [
        "批号",
        "QUANTITY",
        "收货日期",
        "status",
        "pieces",
        "Remarks",
        "lot_no",
    ]
    # Computed fields (the auto-number) are never suggested; unknown columns map to nothing.
    assert job["suggested_mapping"] == {
        "批号": "lot_code",
        "QUANTITY": "quantity",
        "收货日期": "received_on",
        "status": "status",
        "pieces": "pieces",
        "Remarks": None,
        "lot_no": None,
    }
    assert job["total_rows"] == 2
    assert job["preview"] == [
        {"row": 2, "cells": ["RM-1", "1", "2026-11-21", "已放行", "2", "x", "L0001"]},
        {"row": 4, "cells": ["RM-2", "2", "2026-11-22", "隔离", None, None, None]},
    ]
    stored = Path(container.settings.data_dir) / "imports" / f"{job['id']}.csv"
    assert stored.read_bytes() == content
    again = client.get(f"{IMPORTS}/{job['id']}")
    assert again.status_code == 200 and again.json()["mapping"] == job["suggested_mapping"]
    listed = client.get(IMPORTS).json()["items"]
    assert [j["id"] for j in listed] == [job["id"]]


def test_upload_xlsx_reads_typed_cells_and_english_labels(client: Any, lot_form: None) -> None:
    job = uploaded(
        client,
        xlsx_bytes(
            [
                ["Lot Code", "quantity", "Received On", "STATUS", "Pieces", "Supplier"],
                ["RM-1", 12.5, date(2026, 11, 21), "Released", 4, "Acme"],
            ]
        ),
        "lots.xlsx",
    )
    assert job["format"] == "xlsx"
    assert job["suggested_mapping"] == {
        "Lot Code": "lot_code",
        "quantity": "quantity",
        "Received On": "received_on",
        "STATUS": "status",
        "Pieces": "pieces",
        "Supplier": "supplier",
    }
    assert job["preview"] == [
        {"row": 2, "cells": ["RM-1", 12.5, "2026-11-21", "Released", 4, "Acme"]}
    ]


def test_upload_refuses_other_files_empty_files_and_too_large_ones(
    client: Any, lot_form: None, container: Container
) -> None:
    wrong = upload(client, b"a,b\n1,2\n", "lots.txt")
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["code"] == "file_type"
    empty = upload(client, b"\r\n\r\n")
    assert empty.status_code == 422 and empty.json()["code"] == "import_file_unreadable"
    broken = upload(client, b"not a zip", "lots.xlsx")
    assert broken.status_code == 422 and broken.json()["code"] == "import_file_unreadable"
    use_limits(client, container, max_bytes=100, max_rows=2)
    big = upload(client, b"x" * 101)
    assert big.status_code == 413 and big.json()["code"] == "upload_too_large"
    many = upload(client, csv_bytes([["Lot code"], ["a"], ["b"], ["c"]]))
    assert many.status_code == 422 and "more than 2 rows" in many.json()["detail"]
    # Refused uploads leave no file behind.
    assert list((Path(container.settings.data_dir) / "imports").glob("*.csv")) == []


def test_gbk_csv_is_detected_and_imported(client: Any, lot_form: None) -> None:
    content = (FIXTURES / "lots_gbk.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    job = uploaded(client, content)
    assert job["encoding"] == "gb18030"
    assert job["columns"] == ["批号", "数量", "收货日期", "状态", "供应商"]
    assert job["preview"][0]["cells"] == ["GB-001", "12.5", "2026-11-21", "已放行", "上海供应商"]
    check = client.post(f"{IMPORTS}/{job['id']}/check", json={"mapping": job["suggested_mapping"]})
    assert check.status_code == 200, check.text
    assert check.json()["counts"]["valid"] == 2
    assert client.post(f"{IMPORTS}/{job['id']}/commit").status_code == 202
    rows = records(client)
    assert [(r["data"]["lot_code"], r["data"]["supplier"], r["data"]["status"]) for r in rows] == [
        ("GB-001", "上海供应商", "released"),
        ("GB-002", "杭州食品厂", "quarantined"),
    ]


# -- check ----------------------------------------------------------------------------


def test_check_lists_every_problem_per_cell_and_writes_nothing(client: Any, lot_form: None) -> None:
    job = uploaded(
        client,
        csv_bytes(
            [
                HEADER,
                ["RM-1", "12x", "2026-11-21", "released", "1", ""],  # row 2: bad number
                ["RM-2", "5", "2026-13-45", "released", "1", ""],  # row 3: bad date
                ["RM-3", "5", "2026-11-21", "lost", "1.5", ""],  # row 4: option, integer
                ["", "5", "", "released", "1", ""],  # row 5: two required missing
                ["RM-1", "7", "2026-11-21", "released", "1", ""],  # row 6: duplicate key
                ["RM-6", "-1", "2026-11-21", "", "", ""],  # row 7: below min
                ["RM-7", "8", "2026-11-21", "", "", ""],  # row 8: fine
            ]
        ),
    )
    mapping = job["suggested_mapping"]
    answer = client.post(f"{IMPORTS}/{job['id']}/check", json={"mapping": mapping})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["counts"] == {
        "rows": 7,
        "valid": 2,
        "invalid": 5,
        "creates": 2,
        "updates": 0,
    }
    cells = {(e["row"], e["column"], e["field"], e["code"]) for e in result["errors"]}
    assert cells == {
        (2, "Quantity", "quantity", "type"),
        (3, "Received on", "received_on", "type"),
        (4, "Status", "status", "option"),
        (4, "Pieces", "pieces", "type"),
        (5, "Lot code", "lot_code", "required"),
        (5, "Received on", "received_on", "required"),
        (7, "Quantity", "quantity", "min"),
    }
    assert result["errors_total"] == 7
    assert all(e["message"] for e in result["errors"])
    assert result["job"]["status"] == "checked"
    assert result["job"]["failed_rows"] == 5

    keyed = client.post(
        f"{IMPORTS}/{job['id']}/check", json={"mapping": mapping, "key_field": "lot_code"}
    ).json()
    duplicates = [e for e in keyed["errors"] if e["code"] in ("duplicate_key", "key_missing")]
    assert [(e["row"], e["column"], e["code"]) for e in duplicates] == [
        (5, "Lot code", "key_missing"),
        (6, "Lot code", "duplicate_key"),
    ]
    assert "row 2" in duplicates[1]["message"]
    assert keyed["counts"]["invalid"] == 6
    assert records(client) == []
    # A checked file with problems is not committed as it is.
    refused = client.post(f"{IMPORTS}/{job['id']}/commit")
    assert refused.status_code == 422 and refused.json()["errors"][0]["code"] == "check_failed"


def test_check_caps_the_listed_errors_but_counts_them_all(
    client: Any, lot_form: None, container: Container
) -> None:
    use_limits(client, container, listed_errors=3)
    rows = [HEADER] + [[f"RM-{i}", "bad", "2026-11-21", "", "", ""] for i in range(10)]
    job = uploaded(client, csv_bytes(rows))
    result = client.post(f"{IMPORTS}/{job['id']}/check", json={}).json()
    assert result["counts"]["invalid"] == 10
    assert result["errors_total"] == 10 and len(result["errors"]) == 3
    assert result["errors_truncated"] is True


def test_mapping_mistakes_name_their_column(client: Any, lot_form: None) -> None:
    job = uploaded(client, csv_bytes(VALID_ROWS))
    bad = client.post(
        f"{IMPORTS}/{job['id']}/check",
        json={
            "mapping": {
                "Lot code": "lot_code",
                "Quantity": "qty2",
                "Status": "lot_no",
                "Pieces": "lot_code",
                "Nope": "supplier",
            },
            "key_field": "serial",
        },
    )
    assert bad.status_code == 422
    problems = {(e["pointer"], e["code"]) for e in bad.json()["errors"]}
    assert problems == {
        ("/mapping/Quantity", "unknown_field"),
        ("/mapping/Status", "computed"),
        ("/mapping/Pieces", "duplicate_field"),
        ("/mapping/Nope", "unknown_column"),
        ("/key_field", "key_not_mapped"),
    }
    assert "'Quantity'" in next(
        e["message"] for e in bad.json()["errors"] if e["pointer"] == "/mapping/Quantity"
    )
    assert client.get(f"{IMPORTS}/{job['id']}").json()["status"] == "uploaded"


# -- commit ---------------------------------------------------------------------------


def test_commit_creates_records_and_a_reimport_with_a_key_updates_them(
    client: Any,
    lot_form: None,
    container: Container,
    prepared_in: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    use_limits(client, container, **prepared_in)
    caplog.set_level(logging.INFO, logger="engine.imports.prepare")
    job = uploaded(client, csv_bytes(VALID_ROWS))
    checked = client.post(f"{IMPORTS}/{job['id']}/check", json={}).json()
    assert checked["counts"] == {"rows": 3, "valid": 3, "invalid": 0, "creates": 3, "updates": 0}
    started = client.post(f"{IMPORTS}/{job['id']}/commit")
    assert started.status_code == 202, started.text
    assert started.json()["status"] == "running"
    done = client.get(f"{IMPORTS}/{job['id']}").json()
    assert done["status"] == "succeeded", done
    assert (done["processed_rows"], done["created_rows"], done["updated_rows"]) == (3, 3, 0)
    assert done["progress"] == 1.0 and done["finished_at"]
    by_reader = [r.getMessage() for r in caplog.records if r.name == "engine.imports.prepare"]
    if prepared_in["reader_process_bytes"] is None:
        assert by_reader == []
    else:
        assert len(by_reader) == 1 and by_reader[0].startswith("import reader: 3 rows in 1 batches")
    rows = records(client)
    assert [r["data"] | {"lot_no": None} for r in rows] == [
        {
            "lot_code": "RM-0001",
            "quantity": "250.500",
            "received_on": "2026-11-21",
            "status": "released",
            "pieces": 10,
            "supplier": "Acme",
            "serial": None,
            "lot_no": None,
        },
        {
            "lot_code": "RM-0002",
            "quantity": "1200.000",
            "received_on": "2026-11-22",
            "status": "quarantined",
            "pieces": None,
            "supplier": "Bolt & Co",
            "serial": None,
            "lot_no": None,
        },
        {
            "lot_code": "RM-0003",
            "quantity": None,
            "received_on": "2026-11-23",
            "status": "released",
            "pieces": 3,
            "supplier": None,
            "serial": None,
            "lot_no": None,
        },
    ]
    assert all(r["data"]["lot_no"].startswith("L") for r in rows)
    assert all(r["created_by"] == "admin" for r in rows)

    # The same lots again, one changed and one new: matched by lot code, nothing doubles.
    again = uploaded(
        client,
        csv_bytes(
            [
                HEADER,
                ["RM-0001", "250.5", "2026-11-21", "Released", "10", "Acme"],
                ["RM-0002", "99", "2026-11-22", "Released", "", ""],
                ["RM-0004", "1", "2026-11-24", "", "", ""],
            ]
        ),
    )
    keyed = client.post(f"{IMPORTS}/{again['id']}/check", json={"key_field": "lot_code"}).json()
    assert keyed["counts"]["creates"] == 1 and keyed["counts"]["updates"] == 2
    assert client.post(f"{IMPORTS}/{again['id']}/commit").status_code == 202
    final = client.get(f"{IMPORTS}/{again['id']}").json()
    assert (final["status"], final["created_rows"], final["updated_rows"]) == ("succeeded", 1, 2)
    after = {r["data"]["lot_code"]: r for r in records(client)}
    assert sorted(after) == ["RM-0001", "RM-0002", "RM-0003", "RM-0004"]
    assert after["RM-0001"]["version"] == 1  # nothing changed, nothing written
    assert after["RM-0002"]["version"] == 2
    # Blank cells leave stored values alone; given ones replace them.
    assert after["RM-0002"]["data"]["quantity"] == "99.000"
    assert after["RM-0002"]["data"]["status"] == "released"
    assert after["RM-0002"]["data"]["supplier"] == "Bolt & Co"
    history = client.get(f"{RECORDS}/{after['RM-0002']['id']}/history").json()
    assert [h["action"] for h in history] == ["create", "update"]
    audit = client.get("/api/v1/audit", params={"event": "records.imported"}).json()
    assert len(audit["items"]) == 2
    # A finished import is not committed twice.
    twice = client.post(f"{IMPORTS}/{again['id']}/commit")
    assert twice.status_code == 409 and "imported already" in twice.json()["detail"]


def test_a_failing_batch_stops_the_import_and_writes_nothing_of_it(
    client: Any, lot_form: None, container: Container, prepared_in: dict[str, Any]
) -> None:
    use_limits(client, container, batch_size=2, **prepared_in)
    made = client.post(
        RECORDS,
        json={"data": {"lot_code": "X", "received_on": "2026-11-01", "serial": "S-3"}},
    )
    assert made.status_code == 201
    rows = [[*HEADER, "Serial"]] + [
        [f"RM-{i}", "1", "2026-11-21", "", "", "", f"S-{i}"] for i in range(1, 7)
    ]
    job = uploaded(client, csv_bytes(rows))
    # Committed without a check: batch 2 (rows 4-5) hits the serial another record holds.
    assert client.post(f"{IMPORTS}/{job['id']}/commit").status_code == 202
    failed = client.get(f"{IMPORTS}/{job['id']}").json()
    assert failed["status"] == "failed"
    assert (failed["processed_rows"], failed["created_rows"], failed["failed_rows"]) == (2, 2, 1)
    summary = failed["errors"]
    assert summary["failed_batch"] == 2
    assert summary["failed_rows"] == {"first": 4, "last": 5}
    assert summary["committed_rows"] == 2 and summary["committed_through_row"] == 3
    assert [(e["row"], e["column"], e["field"], e["code"]) for e in summary["errors"]] == [
        (4, "Serial", "serial", "unique")
    ]
    assert "Batch 2 (rows 4–5)" in summary["message"]
    assert [r["data"]["lot_code"] for r in records(client)] == ["RM-1", "RM-2", "X"]
    # The key ledger of the stopped run is gone (the reader was stopped, not killed).
    assert not list((container.settings.data_dir / "imports").glob("*.keys"))

    # Once the conflict is gone, committing again resumes after the imported rows.
    assert client.delete(f"{RECORDS}/{made.json()['id']}").status_code == 204
    assert client.post(f"{IMPORTS}/{job['id']}/commit").status_code == 202
    resumed = client.get(f"{IMPORTS}/{job['id']}").json()
    assert resumed["status"] == "succeeded", resumed
    assert (resumed["processed_rows"], resumed["created_rows"]) == (6, 6)
    assert [r["data"]["lot_code"] for r in records(client)] == [f"RM-{i}" for i in range(1, 7)]


def test_a_file_that_breaks_part_way_fails_the_import_after_the_batches_before_it(
    client: Any, lot_form: None, container: Container, prepared_in: dict[str, Any]
) -> None:
    use_limits(client, container, batch_size=2, **prepared_in)
    job = uploaded(client, csv_bytes(VALID_ROWS))
    with container.db.unit_of_work(read_only=True) as uow:
        stored = uow.session.get(ImportJobRow, job["id"])
        assert stored is not None
        path = Path(stored.stored_path)
    # The stored file is damaged after its upload: row 4 holds a cell the CSV reader refuses.
    path.write_bytes(csv_bytes([*VALID_ROWS[:3], ["RM-0003", "x" * 200_000]]))
    assert client.post(f"{IMPORTS}/{job['id']}/commit").status_code == 202
    failed = client.get(f"{IMPORTS}/{job['id']}").json()
    assert failed["status"] == "failed", failed
    assert (
        "The CSV file cannot be read: field larger than field limit"
        in (failed["errors"]["message"])
    )
    assert (failed["processed_rows"], failed["created_rows"]) == (2, 2)
    assert [r["data"]["lot_code"] for r in records(client)] == ["RM-0001", "RM-0002"]


def test_a_commit_is_refused_while_another_runs(
    client: Any, lot_form: None, container: Container
) -> None:
    job = uploaded(client, csv_bytes(VALID_ROWS))
    with container.db.unit_of_work() as uow:  # as if another process were importing it
        uow.session.execute(
            update(ImportJobRow)
            .where(ImportJobRow.id == job["id"])
            .values(status="running", run_token="f" * 32)
        )
    busy = client.post(f"{IMPORTS}/{job['id']}/commit")
    assert busy.status_code == 409 and busy.json()["code"] == "import_busy"
    assert "being imported right now" in busy.json()["detail"]
    checking = client.post(f"{IMPORTS}/{job['id']}/check", json={})
    assert checking.status_code == 409
    assert records(client) == []
    missing = client.get(f"{IMPORTS}/0123456789abcdef0123456789abcdef")
    assert missing.status_code == 404 and missing.json()["code"] == "import_not_found"


def test_progress_is_kept_in_the_job_row(client: Any, lot_form: None, container: Container) -> None:
    use_limits(client, container, batch_size=2, reader_process_bytes=0)
    rows = [HEADER] + [[f"RM-{i:02d}", str(i), "2026-11-21", "", "", ""] for i in range(5)]
    job = uploaded(client, csv_bytes(rows))
    assert client.post(f"{IMPORTS}/{job['id']}/commit").status_code == 202
    with container.db.unit_of_work(read_only=True) as uow:
        row = uow.session.get(ImportJobRow, job["id"])
        assert row is not None
        assert (row.status, row.total_rows, row.processed_rows) == ("succeeded", 5, 5)
        assert row.mapping == {h: f for h, f in job["suggested_mapping"].items() if f}
        # Once imported, the uploaded file is removed.
        assert not Path(row.stored_path).exists()
    assert len(records(client)) == 5


# -- permissions ----------------------------------------------------------------------

CLERK = {
    "schema_version": 1,
    "key": "clerk",
    "label": "Clerk",
    "forms": {
        "lot": {
            "actions": ["create", "read", "update", "import"],
            "fields": {"supplier": "hidden", "status": "read_only"},
        }
    },
}
VIEWER = {
    "schema_version": 1,
    "key": "viewer",
    "label": "Viewer",
    "forms": {"lot": {"actions": ["create", "read", "export"], "fields": {"supplier": "hidden"}}},
}


@pytest.fixture
def people(client: Any, container: Container, lot_form: None) -> dict[str, dict[str, str]]:
    for login in ("clara", "victor"):
        made = client.post("/api/v1/users", json={"login": login, "password": f"{login}-pw-12345"})
        assert made.status_code == 201, made.text
    for role, login in ((CLERK, "clara"), (VIEWER, "victor")):
        assert client.put(f"/api/v1/apps/trace/roles/{role['key']}", json=role).status_code == 201
        assert client.post(f"/api/v1/apps/trace/roles/{role['key']}/publish").status_code == 200
        members = client.put(
            f"/api/v1/apps/trace/roles/{role['key']}/members", json={"users": [login]}
        )
        assert members.status_code == 200
    return {
        login: {"Authorization": f"Bearer {token_for(container, login)}"}
        for login in ("clara", "victor")
    }


def test_importing_needs_the_import_action(
    app_client: Any, people: dict[str, dict[str, str]]
) -> None:
    refused = app_client.post(
        IMPORTS,
        params={"filename": "lots.csv"},
        content=csv_bytes(VALID_ROWS),
        headers=people["victor"],
    )
    assert refused.status_code == 403 and "import" in refused.json()["detail"]
    template = app_client.get(FORM + "/import-template.xlsx", headers=people["victor"])
    assert template.status_code == 403


def test_hidden_and_read_only_fields_cannot_be_imported(
    app_client: Any,
    client: Any,
    container: Container,
    people: dict[str, dict[str, str]],
    prepared_in: dict[str, Any],
) -> None:
    use_limits(client, container, **prepared_in)
    clara = people["clara"]
    answer = app_client.post(
        IMPORTS, params={"filename": "lots.csv"}, content=csv_bytes(VALID_ROWS), headers=clara
    )
    assert answer.status_code == 201, answer.text
    job = answer.json()
    assert job["suggested_mapping"]["Supplier"] is None
    assert job["suggested_mapping"]["Status"] is None
    check = f"{IMPORTS}/{job['id']}/check"
    base = {"Lot code": "lot_code", "Received on": "received_on"}
    hidden = app_client.post(
        check, json={"mapping": {**base, "Supplier": "supplier"}}, headers=clara
    )
    assert hidden.status_code == 422
    assert [(e["pointer"], e["code"]) for e in hidden.json()["errors"]] == [
        ("/mapping/Supplier", "unknown_field")
    ]
    read_only = app_client.post(
        check, json={"mapping": {**base, "Status": "status"}}, headers=clara
    )
    assert read_only.status_code == 422
    assert [(e["pointer"], e["code"]) for e in read_only.json()["errors"]] == [
        ("/mapping/Status", "read_only")
    ]
    fine = app_client.post(check, json={"mapping": base}, headers=clara)
    assert fine.status_code == 200 and fine.json()["counts"]["valid"] == 3
    assert app_client.post(f"{IMPORTS}/{job['id']}/commit", headers=clara).status_code == 202
    assert app_client.get(f"{IMPORTS}/{job['id']}", headers=clara).json()["status"] == "succeeded"
    stored = records(client)
    assert [(r["data"]["supplier"], r["created_by"]) for r in stored] == [(None, "clara")] * 3
    # The template offers exactly the fields clara may import.
    template = app_client.get(FORM + "/import-template.xlsx", headers=clara)
    sheet = load_workbook(io.BytesIO(template.content)).worksheets[0]
    assert [c.value for c in sheet[2]] == [
        "lot_code",
        "quantity",
        "received_on",
        "pieces",
        "serial",
    ]


# -- export and template --------------------------------------------------------------


def seed(client: Any) -> None:
    for data in (
        {"lot_code": "B", "quantity": "250.5", "received_on": "2026-11-21", "status": "released",
         "pieces": 4, "supplier": "Acme"},
        {"lot_code": "A", "quantity": "3", "received_on": "2026-11-20", "pieces": 1},
        {"lot_code": "C", "received_on": "2026-11-22", "status": "released"},
    ):  # fmt: skip
        made = client.post(RECORDS, json={"data": data})
        assert made.status_code == 201, made.text


def test_xlsx_export_has_typed_values_filters_and_labels(client: Any, lot_form: None) -> None:
    seed(client)
    answer = client.get(
        RECORDS + "/export.xlsx", params={"sort": "lot_code", "filter[status]": "released"}
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "ID", "Lot code", "Quantity", "Received on", "Status", "Pieces", "Supplier", "Serial",
        "Lot number", "Created at", "Updated at",
    ]  # fmt: skip
    assert [r[1] for r in rows[1:]] == ["B", "C"]
    first = rows[1]
    assert isinstance(first[0], int)
    assert first[2:9] == [250.5, datetime(2026, 11, 21), "Released", 4, "Acme", None, "L0001"]
    assert isinstance(first[9], datetime) and isinstance(first[10], datetime)
    assert rows[2][2] is None and rows[2][5] is None
    assert sheet.cell(row=2, column=4).number_format == "yyyy-mm-dd"
    audit = client.get("/api/v1/audit", params={"event": "records.exported"}).json()["items"]
    assert audit[0]["detail"]["format"] == "xlsx" and audit[0]["detail"]["records"] == 2

    chinese = client.get(RECORDS + "/export.xlsx", params={"lang": "zh-CN", "sort": "lot_code"})
    sheet = load_workbook(io.BytesIO(chinese.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["编号", "批号", "数量", "收货日期", "状态"]
    assert [c.value for c in sheet[2]][4] == "隔离"
    bad = client.get(RECORDS + "/export.xlsx", params={"filter[nope]": "1"})
    assert bad.status_code == 422


def test_xlsx_export_shows_only_readable_columns(
    app_client: Any, client: Any, people: dict[str, dict[str, str]]
) -> None:
    seed(client)
    answer = app_client.get(RECORDS + "/export.xlsx", headers=people["victor"])
    assert answer.status_code == 200, answer.text
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert "Supplier" not in header and "Quantity" in header
    assert sheet.max_row == 4
    refused = app_client.get(RECORDS + "/export.xlsx", headers=people["clara"])
    assert refused.status_code == 403


def test_import_template_has_labels_ids_lists_and_formats(client: Any, lot_form: None) -> None:
    answer = client.get(FORM + "/import-template.xlsx", params={"lang": "zh-CN"})
    assert answer.status_code == 200, answer.text
    book = load_workbook(io.BytesIO(answer.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == [
        "批号",
        "数量",
        "收货日期",
        "状态",
        "件数",
        "供应商",
        "Serial",
    ]
    assert [c.value for c in sheet[2]] == [
        "lot_code", "quantity", "received_on", "status", "pieces", "supplier", "serial",
    ]  # fmt: skip
    assert sheet.row_dimensions[2].hidden
    assert sheet["A1"].comment is not None and "lot_code" in sheet["A1"].comment.text
    assert sheet.column_dimensions["C"].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions["B"].number_format == "0.000"
    validations = sheet.data_validations.dataValidation
    assert len(validations) == 1
    status = validations[0]
    assert status.type == "list" and str(status.sqref) == "D3:D1048576"
    options = book["Options"]
    assert options.sheet_state == "hidden"
    assert status.formula1 == "'Options'!$D$1:$D$2"
    assert [options["D1"].value, options["D2"].value] == ["已放行", "隔离"]

    # Filled in and uploaded, the hidden id row makes the mapping exact.
    sheet["A3"], sheet["B3"], sheet["C3"], sheet["D3"] = "T-1", 5, date(2026, 11, 21), "隔离"
    buffer = io.BytesIO()
    book.save(buffer)
    job = uploaded(client, buffer.getvalue(), "filled.xlsx")
    assert job["data_start_row"] == 3 and job["total_rows"] == 1
    assert job["suggested_mapping"] == {
        "批号": "lot_code",
        "数量": "quantity",
        "收货日期": "received_on",
        "状态": "status",
        "件数": "pieces",
        "供应商": "supplier",
        "Serial": "serial",
    }
    result = client.post(f"{IMPORTS}/{job['id']}/check", json={}).json()
    assert result["counts"]["valid"] == 1, result
    assert client.post(f"{IMPORTS}/{job['id']}/commit").status_code == 202
    stored = records(client)
    assert [
        (r["data"]["lot_code"], r["data"]["status"], r["data"]["quantity"]) for r in stored
    ] == [("T-1", "quarantined", "5.000")]

    english = client.get(FORM + "/import-template.xlsx")
    assert [c.value for c in load_workbook(io.BytesIO(english.content)).worksheets[0][1]][:2] == [
        "Lot code",
        "Quantity",
    ]


def test_relations_are_imported_by_id_and_exported_by_display_value(
    client: Any, lot_form: None
) -> None:
    supplier = form_doc(
        "supplier", fields=[field("name", required=True)], label="Supplier", title_field="name"
    )
    publish_form(client, doc=supplier)
    acme = client.post("/api/v1/apps/trace/forms/supplier/records", json={"data": {"name": "Acme"}})
    receipt = form_doc(
        "receipt",
        fields=[field("code", required=True), field("supplier", "relation", target="supplier")],
        label="Receipt",
    )
    publish_form(client, doc=receipt)
    base = "/api/v1/apps/trace/forms/receipt"
    content = csv_bytes([["Code", "Supplier"], ["R-1", str(acme.json()["id"])], ["R-2", "999"]])
    job = client.post(f"{base}/imports", params={"filename": "r.csv"}, content=content).json()
    assert job["suggested_mapping"] == {"Code": "code", "Supplier": "supplier"}
    # The dry run cleans values; whether record 999 exists is the write path's to say.
    assert client.post(f"{base}/imports/{job['id']}/check", json={}).json()["counts"]["valid"] == 2
    assert client.post(f"{base}/imports/{job['id']}/commit").status_code == 202
    failed = client.get(f"{base}/imports/{job['id']}").json()
    assert failed["status"] == "failed"
    assert [(e["row"], e["column"]) for e in failed["errors"]["errors"]] == [(3, "Supplier")]
    good = csv_bytes([["Code", "Supplier"], ["R-1", str(acme.json()["id"])]])
    job = client.post(f"{base}/imports", params={"filename": "r.csv"}, content=good).json()
    assert client.post(f"{base}/imports/{job['id']}/commit").status_code == 202
    assert client.get(f"{base}/imports/{job['id']}").json()["status"] == "succeeded"
    exported = client.get(f"{base}/records/export.xlsx")
    sheet = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    assert [c.value for c in sheet[2]][1:3] == ["R-1", "Acme"]

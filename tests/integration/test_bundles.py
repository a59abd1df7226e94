"""App bundles: import, export, lossless round trip, bad bundles change nothing."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from engine.actor import Actor
from engine.bootstrap import Container
from engine.bundles.errors import BundleInvalid
from engine.bundles.service import BundleService
from engine.templates import install_templates
from tests.factories import FIXTURES

BUNDLE = FIXTURES / "bundles" / "qc_demo"
ACTOR = Actor(user="test")


def read_tree(folder: Path) -> dict[str, Any]:
    return {
        str(p.relative_to(folder)): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(folder.rglob("*.json"))
    }


def test_folder_round_trip_is_lossless(container: Container, tmp_path: Path) -> None:
    bundles = BundleService(container)
    result = bundles.import_folder(BUNDLE, ACTOR)
    assert result["created"] is True
    assert result["seeded"] == {"supplier": 3}
    out = tmp_path / "export"
    bundles.export_folder("qc_demo", out)
    expected = {k: v for k, v in read_tree(BUNDLE).items() if not k.startswith("seed/")}
    assert read_tree(out) == expected
    # Byte-for-byte too for the definitions: key order and text survive storage.
    for rel in expected:
        assert (out / rel).read_text(encoding="utf-8") == json.dumps(
            json.loads((BUNDLE / rel).read_text(encoding="utf-8")), indent=2, ensure_ascii=False
        ) + "\n"

    with_data = tmp_path / "with-data"
    bundles.export_folder("qc_demo", with_data, with_data=True)
    supplier_rows = json.loads((with_data / "seed" / "supplier.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in supplier_rows] == ["华北面粉厂", "Sunrise Dairy", "Coastal Salt Co."]
    assert supplier_rows[2]["approval"] == "pending"


def test_reimport_updates_without_reseeding(container: Container, tmp_path: Path) -> None:
    bundles = BundleService(container)
    bundles.import_folder(BUNDLE, ACTOR)
    copy = tmp_path / "qc_demo"
    shutil.copytree(BUNDLE, copy)
    form = json.loads((copy / "forms" / "inspection.json").read_text(encoding="utf-8"))
    form["fields"].append({"id": "inspector", "type": "text", "label": "Inspector"})
    (copy / "forms" / "inspection.json").write_text(json.dumps(form), encoding="utf-8")
    result = bundles.import_folder(copy, ACTOR)
    assert result["created"] is False
    assert result["seeded"] == {}
    changes = {f["key"]: f["changes"] for f in result["forms"]}
    assert changes["supplier"] == []
    assert changes["inspection"] == [
        {"op": "add_column", "field": "inspector", "sql": "varchar(255)"}
    ]
    from engine.records.query import RecordQuery

    with container.db.unit_of_work(read_only=True) as uow:
        assert (
            container.records.list_page(uow, "qc_demo", "supplier", RecordQuery(), ACTOR).total == 3
        )


def test_bad_bundle_reports_every_problem_and_writes_nothing(
    container: Container, tmp_path: Path
) -> None:
    copy = tmp_path / "qc_demo"
    shutil.copytree(BUNDLE, copy)
    (copy / "forms" / "inspection.json").write_text(
        json.dumps(
            {
                "schema_version": 1,
                "key": "inspection",
                "label": "I",
                "fields": [{"id": "x", "type": "nope", "label": "X"}],
            }
        ),
        encoding="utf-8",
    )
    (copy / "forms" / "lot.json").write_text(
        json.dumps(
            {
                "schema_version": 1,
                "key": "batch",
                "label": "L",
                "fields": [{"id": "x", "type": "text", "label": "X"}],
            }
        ),
        encoding="utf-8",
    )
    (copy / "seed" / "ghost.json").write_text("[]", encoding="utf-8")
    with pytest.raises(BundleInvalid) as caught:
        BundleService(container).import_folder(copy, ACTOR)
    pointers = {e.pointer for e in caught.value.errors}
    assert pointers == {
        "forms/inspection.json#/fields/0/type",
        "forms/lot.json#/key",
        "seed/ghost.json",
    }
    with container.db.unit_of_work(read_only=True) as uow:
        assert container.definitions.list_apps(uow) == []


def test_bad_seed_rolls_back_the_whole_import(container: Container, tmp_path: Path) -> None:
    copy = tmp_path / "qc_demo"
    shutil.copytree(BUNDLE, copy)
    (copy / "seed" / "supplier.json").write_text(
        json.dumps([{"name": "ok"}, {"name": "bad", "gln": "12"}]), encoding="utf-8"
    )
    with pytest.raises(BundleInvalid) as caught:
        BundleService(container).import_folder(copy, ACTOR)
    assert caught.value.errors[0].pointer == "seed/supplier.json#/1/gln"
    with container.db.unit_of_work(read_only=True) as uow:
        assert container.definitions.list_apps(uow) == []


def test_zip_import_and_export_over_the_api(client: Any) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in BUNDLE.rglob("*.json"):
            archive.write(path, f"qc_demo/{path.relative_to(BUNDLE)}")
    imported = client.post(
        "/api/v1/apps/import",
        content=buffer.getvalue(),
        headers={"Content-Type": "application/zip"},
    )
    assert imported.status_code == 201, imported.text
    assert imported.json()["seeded"] == {"supplier": 3}
    assert client.get("/api/v1/apps/qc_demo/forms/supplier/records").json()["total"] == 3

    exported = client.get("/api/v1/apps/qc_demo/export")
    assert exported.status_code == 200
    assert exported.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(exported.content)).namelist()
    assert sorted(names) == [
        "qc_demo/app.json",
        "qc_demo/forms/inspection.json",
        "qc_demo/forms/supplier.json",
    ]

    not_zip = client.post(
        "/api/v1/apps/import", content=b"hello", headers={"Content-Type": "application/zip"}
    )
    assert not_zip.status_code == 422 and not_zip.json()["code"] == "bundle_invalid"
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("app.json", "{}")
        archive.writestr("../escape.json", "{}")
    refused = client.post("/api/v1/apps/import", content=evil.getvalue())
    assert refused.status_code == 422
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("app.json", "{not json")
    bad_json = client.post("/api/v1/apps/import", content=broken.getvalue()).json()
    assert bad_json["errors"][0]["pointer"] == "app.json"
    assert "line 1" in bad_json["errors"][0]["message"]


def test_templates_install_once(container: Container, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(BUNDLE, templates / "qc_demo")
    first = install_templates(container, templates)
    assert [r["app"] for r in first] == ["qc_demo"]
    assert install_templates(container, templates) == []

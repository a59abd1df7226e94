"""Definition and record factories with sensible defaults and keyword overrides."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"


def load_fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def app_doc(key: str = "trace", **overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": 1,
        "key": key,
        "label": {"en": "Traceability", "zh-CN": "追溯"},
        "time_zone": "Asia/Shanghai",
    }
    doc.update(overrides)
    return doc


def field(id: str, type: str = "text", **extra: Any) -> dict[str, Any]:
    return {"id": id, "type": type, "label": id.replace("_", " ").title(), **extra}


def form_doc(
    key: str = "lot", fields: list[dict[str, Any]] | None = None, **overrides: Any
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": 1,
        "key": key,
        "label": {"en": "Lot", "zh-CN": "批次"},
        "fields": copy.deepcopy(fields)
        if fields is not None
        else [
            field("lot_code", required=True, index=True, max_length=64),
            field("quantity", "decimal", precision=12, scale=3, min=0),
            field(
                "status",
                "single_select",
                options=[
                    {"key": "released", "label": "Released", "color": "#2e7d32"},
                    {"key": "quarantined", "label": "Quarantined"},
                ],
                default="quarantined",
            ),
        ],
    }
    doc.update(overrides)
    return doc


def publish_form(
    client: Any, app: str = "trace", doc: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Create the app if needed, save the form and publish it; return the publish result."""
    if client.get(f"/api/v1/apps/{app}").status_code == 404:
        assert client.post("/api/v1/apps", json=app_doc(app)).status_code == 201
    doc = doc or form_doc()
    saved = client.put(f"/api/v1/apps/{app}/forms/{doc['key']}", json=doc)
    assert saved.status_code in (200, 201), saved.text
    published = client.post(f"/api/v1/apps/{app}/forms/{doc['key']}/publish")
    assert published.status_code == 200, published.text
    result: dict[str, Any] = published.json()
    return result

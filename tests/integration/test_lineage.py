"""The lineage table follows every write of a trace-role field, in the same transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from engine.bootstrap import Container
from engine.storage.models import LineageEdgeRow
from tests.integration.test_relations_subtables import API
from tests.integration.test_relations_subtables import world as world  # noqa: F401 - fixture


def edges(container: Container) -> list[tuple[Any, ...]]:
    with container.db.unit_of_work(read_only=True) as uow:
        rows = uow.session.scalars(select(LineageEdgeRow).order_by(LineageEdgeRow.id)).all()
        return [
            (
                r.from_form,
                r.from_id,
                r.to_form,
                r.to_id,
                r.role,
                r.event_form,
                r.event_id,
                r.field,
                r.quantity,
            )
            for r in rows
        ]


def test_work_order_links_inputs_and_outputs(
    container: Container, client: Any, world: dict[str, int]
) -> None:
    wo = client.post(
        f"{API}/work_order/records",
        json={
            "data": {
                "order_no": "WO-1",
                "consumed": [
                    {"lot": world["RM-1"], "qty": "10.5"},
                    {"lot": world["RM-2"], "qty": "4"},
                ],
                "produced": [{"lot": world["FG-1"], "qty": "12"}],
            }
        },
    ).json()
    w = wo["id"]
    assert edges(container) == [
        (
            "lot",
            world["RM-1"],
            "work_order",
            w,
            "consumes",
            "work_order",
            w,
            "consumed.lot",
            Decimal("10.5"),
        ),
        (
            "lot",
            world["RM-2"],
            "work_order",
            w,
            "consumes",
            "work_order",
            w,
            "consumed.lot",
            Decimal("4"),
        ),
        (
            "work_order",
            w,
            "lot",
            world["FG-1"],
            "produces",
            "work_order",
            w,
            "produced.lot",
            Decimal("12"),
        ),
    ]
    # An edit replaces the record's edges; other records' edges stay.
    client.patch(
        f"{API}/work_order/records/{w}",
        json={"version": 1, "data": {"consumed": [{"lot": world["RM-2"], "qty": "5"}]}},
    )
    assert sorted((e[1], e[4], e[8]) for e in edges(container)) == sorted(
        [(w, "produces", Decimal("12")), (world["RM-2"], "consumes", Decimal("5"))]
    )
    client.patch(
        f"{API}/work_order/records/{w}", json={"version": 2, "data": {"order_no": "WO-1b"}}
    )
    assert len(edges(container)) == 2  # untouched trace fields keep their edges
    assert client.delete(f"{API}/work_order/records/{w}").status_code == 204
    assert edges(container) == []


def test_shipments_and_bulk_writes(
    container: Container, client: Any, world: dict[str, int]
) -> None:
    bulk = client.post(
        f"{API}/shipment/records/bulk",
        json={
            "records": [
                {"data": {"waybill": "A", "lots": [world["FG-1"]]}},
                {"data": {"waybill": "B", "lots": [world["FG-1"], world["RM-1"]]}},
            ]
        },
    ).json()["items"]
    shipped = [(e[0], e[1], e[2], e[3], e[4]) for e in edges(container)]
    assert shipped == [
        ("lot", world["FG-1"], "shipment", bulk[0]["id"], "ships"),
        ("lot", world["FG-1"], "shipment", bulk[1]["id"], "ships"),
        ("lot", world["RM-1"], "shipment", bulk[1]["id"], "ships"),
    ]


def test_a_failed_write_leaves_no_edges(
    container: Container, client: Any, world: dict[str, int]
) -> None:
    bad = client.post(
        f"{API}/work_order/records/bulk",
        json={
            "records": [
                {"data": {"order_no": "ok", "consumed": [{"lot": world["RM-1"], "qty": 1}]}},
                {"data": {"order_no": "bad", "consumed": [{"lot": 12345, "qty": 1}]}},
            ]
        },
    )
    assert bad.status_code == 422
    assert edges(container) == []


@pytest.mark.parametrize("role", ["consumes", "produces"])
def test_edges_direction_by_role(role: str) -> None:
    from engine.definitions.specs import FormSpec
    from engine.forms.compiled import compile_form
    from engine.forms.registry import build_field_type_registry
    from engine.trace.lineage import edges_of

    spec = FormSpec.model_validate(
        {
            "key": "wo",
            "label": "WO",
            "fields": [
                {
                    "id": "lot",
                    "type": "relation",
                    "label": "Lot",
                    "target": "lot",
                    "trace_role": role,
                    "trace_quantity": "qty",
                },
                {"id": "qty", "type": "decimal", "label": "Qty"},
            ],
        }
    )
    form = compile_form("trace", 1, 1, "trace__wo", spec, build_field_type_registry())
    (edge,) = edges_of(form, 7, {"lot": {"id": 3, "display": "L3"}, "qty": "2.50"})
    forward = (edge["from_form"], edge["from_id"], edge["to_form"], edge["to_id"])
    assert forward == (("lot", 3, "wo", 7) if role == "consumes" else ("wo", 7, "lot", 3))
    assert edge["quantity"] == Decimal("2.50") and edge["field"] == "lot"

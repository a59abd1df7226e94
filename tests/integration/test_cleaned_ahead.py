"""Values cleaned ahead of the write (an import's reader process) and the write path."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.actor import Actor
from engine.bootstrap import Container
from engine.identity.access import FULL_ACCESS, FormAccess
from engine.identity.errors import Forbidden
from engine.records.cleaning import CleanedBatch, clean_new_record
from engine.records.errors import RecordInvalid
from tests.factories import app_doc, field, form_doc

ACTOR = Actor(user="tester", via="cli")
FORM = form_doc(
    fields=[
        field("lot_code", required=True),
        field("quantity", "decimal", precision=12, scale=3, min=0),
        field("note", read_only=True),
    ]
)


@pytest.fixture
def lot(container: Container) -> None:
    with container.db.unit_of_work() as uow:
        container.definitions.create_app(uow, app_doc(), ACTOR)
        container.definitions.save(uow, "trace", "form", "lot", FORM, ACTOR)
    with container.db.unit_of_work() as uow:
        container.definitions.publish(uow, "trace", "form", "lot", ACTOR)


def test_values_cleaned_for_this_form_version_are_written_as_they_are(
    container: Container, lot: None
) -> None:
    with container.db.unit_of_work() as uow:
        form = container.catalog.get(uow, "trace", "lot")
        ahead = clean_new_record(form, {"lot_code": "L-1", "quantity": "2.5"}, FULL_ACCESS)
        assert ahead == ({"lot_code": "L-1", "quantity": Decimal("2.500"), "note": None}, [], None)
        # The write takes the values as cleaned (not cleaning the item again).
        values = {**ahead[0], "lot_code": "AS-CLEANED"}
        made = container.records.bulk_create(
            uow,
            "trace",
            "lot",
            [{"lot_code": "L-1", "quantity": "2.5"}],
            ACTOR,
            cleaned=CleanedBatch(form.definition_id, form.version, [(values, [], None)]),
        )
    assert made[0]["data"]["lot_code"] == "AS-CLEANED" and made[0]["data"]["quantity"] == "2.500"


def test_values_cleaned_for_another_form_version_are_cleaned_again(
    container: Container, lot: None
) -> None:
    with container.db.unit_of_work() as uow:
        form = container.catalog.get(uow, "trace", "lot")
        stale = CleanedBatch(
            form.definition_id, form.version + 1, [({"lot_code": "FROM-ELSEWHERE"}, [], None)]
        )
        made = container.records.bulk_create(
            uow, "trace", "lot", [{"lot_code": "L-2"}], ACTOR, cleaned=stale
        )
    assert made[0]["data"]["lot_code"] == "L-2"


def test_problems_found_ahead_point_at_the_record_of_the_batch(
    container: Container, lot: None
) -> None:
    with container.db.unit_of_work() as uow:
        form = container.catalog.get(uow, "trace", "lot")
        items = [{"lot_code": "L-3"}, {"quantity": "-1"}]
        cleaned = CleanedBatch(
            form.definition_id,
            form.version,
            [clean_new_record(form, d, FULL_ACCESS) for d in items],
        )
        with pytest.raises(RecordInvalid) as caught:
            container.records.bulk_create(uow, "trace", "lot", items, ACTOR, cleaned=cleaned)
    assert [(e.pointer, e.code, e.row) for e in caught.value.errors] == [
        ("/records/1/data/lot_code", "required", 1),
        ("/records/1/data/quantity", "min", 1),
    ]


def test_a_field_refused_ahead_is_refused_by_the_write(container: Container, lot: None) -> None:
    clerk = FormAccess(actions={"create"}, read_only={"note"})
    with container.db.unit_of_work() as uow:
        form = container.catalog.get(uow, "trace", "lot")
        values, problems, refused = clean_new_record(form, {"lot_code": "L", "note": "x"}, clerk)
        assert values == {} and refused and "read-only" in refused
        cleaned = CleanedBatch(form.definition_id, form.version, [(values, problems, refused)])
        with pytest.raises(Forbidden) as caught:
            container.records.bulk_create(
                uow, "trace", "lot", [{"lot_code": "L", "note": "x"}, {}], ACTOR, cleaned=cleaned
            )
    assert [(e.pointer, e.code) for e in caught.value.errors] == [
        ("/records/0/data/note", "read_only")
    ]

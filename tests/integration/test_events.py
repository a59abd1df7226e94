"""Domain events run inside the writer's transaction: a failing subscriber undoes the write."""

from __future__ import annotations

from typing import Any

import pytest

from engine.actor import Actor
from engine.bootstrap import Container
from engine.records.events import EventDepthExceeded, RecordEvent
from engine.records.query import RecordQuery
from engine.storage.database import UnitOfWork
from tests.factories import app_doc, form_doc

ACTOR = Actor(user="tester", client="pytest")


def setup_form(container: Container) -> None:
    with container.db.unit_of_work() as uow:
        container.definitions.create_app(uow, app_doc(), ACTOR)
        container.definitions.save(uow, "trace", "form", "lot", form_doc(), ACTOR)
        container.definitions.publish(uow, "trace", "form", "lot", ACTOR)


def count(container: Container) -> int:
    with container.db.unit_of_work(read_only=True) as uow:
        return container.records.list_page(uow, "trace", "lot", RecordQuery(), ACTOR).total or 0


def test_subscribers_see_events_in_order(container: Container) -> None:
    setup_form(container)
    seen: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]] = []
    container.events.subscribe("*", lambda uow, e: seen.append((e.name, e.before, e.after)))
    with container.db.unit_of_work() as uow:
        record = container.records.create(uow, "trace", "lot", {"lot_code": "A"}, ACTOR)
        container.records.update(uow, "trace", "lot", record["id"], {"lot_code": "B"}, 1, ACTOR)
        container.records.delete(uow, "trace", "lot", record["id"], 2, ACTOR)
    assert [s[0] for s in seen] == ["record.created", "record.updated", "record.deleted"]
    assert seen[1][1]["lot_code"] == "A" and seen[1][2]["lot_code"] == "B"  # type: ignore[index]


def test_failing_subscriber_rolls_back_the_write_and_history(container: Container) -> None:
    setup_form(container)

    def refuse(uow: UnitOfWork, event: RecordEvent) -> None:
        raise RuntimeError("rule failed")

    container.events.subscribe("record.created", refuse)
    with pytest.raises(RuntimeError), container.db.unit_of_work() as uow:
        container.records.create(uow, "trace", "lot", {"lot_code": "A"}, ACTOR)
    assert count(container) == 0
    from sqlalchemy import func, select

    from engine.storage.models import RecordHistoryRow

    with container.db.unit_of_work(read_only=True) as uow:
        assert uow.session.scalar(select(func.count()).select_from(RecordHistoryRow)) == 0


def test_cascading_writes_stop_at_the_depth_limit(container: Container) -> None:
    setup_form(container)

    def cascade(uow: UnitOfWork, event: RecordEvent) -> None:
        container.records.create(uow, "trace", "lot", {"lot_code": "again"}, ACTOR)

    container.events.subscribe("record.created", cascade)
    with pytest.raises(EventDepthExceeded), container.db.unit_of_work() as uow:
        container.records.create(uow, "trace", "lot", {"lot_code": "A"}, ACTOR)
    assert count(container) == 0


def test_history_names_the_actor(container: Container) -> None:
    setup_form(container)
    with container.db.unit_of_work() as uow:
        record = container.records.create(uow, "trace", "lot", {"lot_code": "A"}, ACTOR)
    with container.db.unit_of_work(read_only=True) as uow:
        history = container.records.history(uow, "trace", "lot", record["id"], ACTOR)
    assert history[0]["actor"] == "tester" and history[0]["client"] == "pytest"
    assert record["created_by"] == "tester"


def test_a_bulk_write_hands_over_each_records_event_in_order(container: Container) -> None:
    setup_form(container)
    seen: list[tuple[int, str]] = []
    container.events.subscribe(
        "record.created", lambda uow, e: seen.append((e.record_id, (e.after or {})["lot_code"]))
    )
    with container.db.unit_of_work() as uow:
        made = container.records.bulk_create(
            uow, "trace", "lot", [{"lot_code": code} for code in "CAB"], ACTOR
        )
    assert seen == [(r["id"], r["data"]["lot_code"]) for r in made]
    assert [code for _, code in seen] == ["C", "A", "B"]

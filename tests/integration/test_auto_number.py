"""Auto-numbers: patterns with date parts, per-period counters, never the same number twice."""

from __future__ import annotations

import threading
from typing import Any

from engine.actor import Actor
from engine.bootstrap import Container
from tests.factories import app_doc, field, form_doc, publish_form

RECORDS = "/api/v1/apps/trace/forms/lot/records"
FORM = form_doc(
    fields=[field("receipt_no", "auto_number", pattern="RM-{yyyyMMdd}-{seq:4}"), field("lot_code")]
)


def test_numbers_follow_the_pattern_in_the_app_time_zone(client: Any) -> None:
    publish_form(client, doc=FORM)  # the app's time zone is Asia/Shanghai
    first = client.post(RECORDS, json={"data": {"lot_code": "A"}}).json()
    bulk = client.post(
        RECORDS + "/bulk", json={"records": [{"data": {"lot_code": c}} for c in "BCD"]}
    ).json()
    from datetime import datetime
    from zoneinfo import ZoneInfo

    day = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y%m%d")
    numbers = [first["data"]["receipt_no"]] + [r["data"]["receipt_no"] for r in bulk["items"]]
    assert numbers == [f"RM-{day}-{n:04d}" for n in range(1, 5)]
    refused = client.post(RECORDS, json={"data": {"lot_code": "E", "receipt_no": "RM-x"}})
    assert refused.status_code == 422 and refused.json()["errors"][0]["code"] == "computed"
    patch = client.patch(
        f"{RECORDS}/{first['id']}", json={"version": 1, "data": {"receipt_no": "X"}}
    )
    assert patch.status_code == 422
    assert client.get(RECORDS, params={"filter[receipt_no]": numbers[2]}).json()["total"] == 1


def test_a_rolled_back_write_gives_its_number_back(client: Any) -> None:
    publish_form(
        client,
        doc=form_doc(
            fields=[field("no", "auto_number", pattern="WO{seq:3}"), field("code", required=True)]
        ),
    )
    assert client.post(RECORDS, json={"data": {}}).status_code == 422
    assert client.post(RECORDS, json={"data": {"code": "a"}}).json()["data"]["no"] == "WO001"


def test_bad_patterns_are_refused_at_publish(client: Any) -> None:
    client.post("/api/v1/apps", json=app_doc())
    for pattern, message in (
        ("RM-{yyyyMMdd}", "exactly once"),
        ("{seq}{seq}", "exactly once"),
        ("{seq:4}-{week}", "{week} is not a known part"),
        ("A B{seq}", "may only use"),
    ):
        bad = client.put(
            "/api/v1/apps/trace/forms/lot",
            json=form_doc(fields=[field("no", "auto_number", pattern=pattern)]),
        )
        assert bad.status_code == 422, pattern
        assert message in bad.json()["errors"][0]["message"], pattern


def test_concurrent_writers_never_share_a_number(container: Container) -> None:
    actor = Actor(user="tester", via="cli")
    with container.db.unit_of_work() as uow:
        container.definitions.create_app(uow, app_doc(), actor)
        container.definitions.save(
            uow,
            "trace",
            "form",
            "lot",
            form_doc(fields=[field("no", "auto_number", pattern="N{seq:5}")]),
            actor,
        )
        container.definitions.publish(uow, "trace", "form", "lot", actor)
    numbers: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def writer() -> None:
        try:
            for _ in range(10):
                with container.db.unit_of_work() as uow:
                    made = container.records.bulk_create(uow, "trace", "lot", [{}, {}], actor)
                with lock:
                    numbers.extend(r["data"]["no"] for r in made)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert len(numbers) == 80 and len(set(numbers)) == 80
    assert sorted(numbers) == [f"N{n:05d}" for n in range(1, 81)]

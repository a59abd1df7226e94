"""Domain events of the write path and the bus that hands them to subscribers.

Subscribers run synchronously inside the writer's unit of work (rules, lineage upkeep,
outbox writes come as subscribers), so an exception in one rolls the whole change back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from engine.actor import Actor
from engine.storage.database import UnitOfWork


@dataclass(frozen=True)
class RecordEvent:
    """``record.created``, ``record.updated`` or ``record.deleted`` for one record.

    ``before``/``after`` are the record's field values in API (JSON) form; ``form`` is
    the compiled form the write used, so subscribers need not look it up again.
    """

    name: str
    app_key: str
    form_key: str
    record_id: int
    version: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    actor: Actor
    form: Any = None


Subscriber = Callable[[UnitOfWork, RecordEvent], None]

MAX_EVENT_DEPTH = 8


class EventDepthExceeded(RuntimeError):
    pass


class EventBus:
    """Synchronous in-transaction event dispatch with a cascade depth limit."""

    def __init__(self) -> None:
        self._subscribers: dict[str, list[Subscriber]] = defaultdict(list)
        # Per request/thread: a cascade in one request never counts against another.
        self._depth: ContextVar[int] = ContextVar("event_depth", default=0)

    def subscribe(self, name: str, subscriber: Subscriber) -> None:
        """Call ``subscriber`` for every event named ``name`` (``*`` for all)."""
        self._subscribers[name].append(subscriber)

    def publish(self, uow: UnitOfWork, event: RecordEvent) -> None:
        self.publish_many(uow, (event,))

    def publish_many(self, uow: UnitOfWork, events: Iterable[RecordEvent]) -> None:
        """Hand each event to its subscribers, in order (a bulk write's events at once)."""
        depth = self._depth.get()
        token = self._depth.set(depth + 1)
        try:
            for event in events:
                if depth >= MAX_EVENT_DEPTH:
                    raise EventDepthExceeded(
                        f"{event.name} on {event.app_key}/{event.form_key} cascaded more than "
                        f"{MAX_EVENT_DEPTH} levels deep"
                    )
                for subscriber in (*self._subscribers[event.name], *self._subscribers["*"]):
                    subscriber(uow, event)
        finally:
            self._depth.reset(token)

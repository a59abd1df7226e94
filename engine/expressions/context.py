"""What one evaluation knows besides field values: the clock and the time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engine.expressions.errors import EvaluationProblem


@dataclass(frozen=True)
class EvaluationContext:
    """The moment and the time zone one evaluation runs in.

    Attributes:
        now: The current moment in UTC, the same for every call of NOW() and TODAY().
        zone: The time zone that dates of datetimes and TODAY() are taken in.
    """

    now: datetime
    zone: tzinfo

    @classmethod
    def create(cls, now: datetime | None, tz: str) -> EvaluationContext:
        """Build the context of one evaluation; a naive ``now`` is taken as UTC."""
        zone = time_zone(tz)
        if now is None:
            now = datetime.now(UTC)
        elif now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        return cls(now=now.astimezone(UTC), zone=zone)

    def local(self, moment: datetime) -> datetime:
        """``moment`` seen in this context's time zone."""
        return moment.astimezone(self.zone)

    def date_of(self, moment: datetime) -> date:
        """The calendar date of ``moment`` in this context's time zone."""
        return moment.astimezone(self.zone).date()


def time_zone(name: str) -> tzinfo:
    """The time zone called ``name`` (an IANA name such as ``Europe/Paris``)."""
    if name == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise EvaluationProblem(f"unknown time zone {name!r}") from exc

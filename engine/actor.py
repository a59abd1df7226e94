"""Who performs a change, as every engine records it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from engine.identity.principal import Principal


@dataclass(frozen=True)
class Actor:
    """The acting party of a unit of work.

    Attributes:
        user: The login recorded in history (``created_by``), or None for anonymous/system.
        client: Where the request came from (address and user agent, or the command).
        principal: The signed-in identity whose permissions apply; None means a trusted
            internal caller (CLI, template install, engine actions) that is not checked.
        via: ``session``, ``token``, ``cli`` or ``system``.
    """

    user: str | None = None
    client: str | None = None
    principal: Principal | None = None
    via: str = "system"

    @classmethod
    def of(cls, principal: Principal, client: str | None) -> Actor:
        return cls(user=principal.login, client=client, principal=principal, via=principal.via)

    def as_json(self) -> dict[str, Any]:
        """A JSON-safe copy, for work done later on this actor's behalf (queued tasks)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        given = dict(data)
        principal = given.pop("principal", None)
        if principal is not None:
            apps = principal.get("token_apps")
            principal = Principal(
                **{**principal, "token_apps": tuple(apps) if apps is not None else None}
            )
        return cls(principal=principal, **given)

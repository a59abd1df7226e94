"""Who performs a change, as every engine records it."""

from __future__ import annotations

from dataclasses import dataclass

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

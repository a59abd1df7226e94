"""Who is making a request: a signed-in user, a token's owner, or the system itself."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Principal:
    """The identity a request acts as.

    Attributes:
        user_id: The user's id.
        login: The user's login (recorded as ``created_by`` / ``updated_by``).
        is_admin: Platform administrators may do everything.
        department_id: The user's department, for department-scoped rows.
        department_path: Materialised path of that department (``/1/5/``).
        via: ``session`` or ``token``.
        token_apps: For a token: the app keys it covers (None: every app).
        token_access: For a token: ``read`` or ``write``.
        token_id: For a token: its id.
    """

    user_id: int
    login: str
    is_admin: bool = False
    department_id: int | None = None
    department_path: str | None = None
    via: str = "session"
    token_apps: tuple[str, ...] | None = None
    token_access: str = "write"  # noqa: S105 - an access level, not a secret
    token_id: int | None = None
    display_name: str = ""
    extra: dict[str, str] = field(default_factory=dict)

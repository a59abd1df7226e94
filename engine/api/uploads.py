"""Request bodies read with a size cap, so an oversized upload is refused while it streams."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request


async def read_capped(request: Request, limit: int, too_large: Callable[[], Exception]) -> bytes:
    """The whole body, or ``too_large()`` raised as soon as it passes ``limit`` bytes."""
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise too_large()
    return bytes(body)

"""Secrets for sessions and API tokens: random, shown once, stored only as SHA-256."""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_PREFIX = "trc_"  # noqa: S105 - a visible marker, not a secret


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    # The secrets carry 256 random bits, so a fast hash is enough: there is nothing to
    # brute-force the way there is with a password.
    return hashlib.sha256(secret.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())

"""Errors of sign-in, sessions, tokens and permissions."""

from __future__ import annotations

from engine.errors import TraceryError


class NotSignedIn(TraceryError):
    status = 401
    code = "not_signed_in"
    title = "Sign in first"


class SessionExpired(NotSignedIn):
    code = "session_expired"
    title = "The session has expired"


class SignInFailed(TraceryError):
    status = 401
    code = "sign_in_failed"
    title = "Sign-in failed"


class TooManyAttempts(TraceryError):
    status = 429
    code = "too_many_attempts"
    title = "Too many failed sign-ins"


class Forbidden(TraceryError):
    status = 403
    code = "forbidden"
    title = "Not allowed"


class CsrfFailed(Forbidden):
    code = "csrf_failed"
    title = "The request lacks its CSRF token"


class TokenScopeError(Forbidden):
    code = "token_scope"
    title = "The API token does not cover this request"

"""RFC 9457 problem responses for every error the API returns."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from engine.errors import ErrorDetail, TraceryError

PROBLEM_MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("tracery.api")


def problem(
    status: int,
    code: str,
    title: str,
    detail: str,
    instance: str | None = None,
    errors: list[ErrorDetail] | None = None,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:tracery:problem:{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = [e.as_dict() for e in errors]
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _json_safe(value: Any) -> Any:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(value)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(TraceryError)
    async def _domain(request: Request, exc: TraceryError) -> JSONResponse:
        headers = None
        if "retry_after" in exc.extra:
            headers = {"Retry-After": str(exc.extra["retry_after"])}
        elif exc.status == 401:
            headers = {"WWW-Authenticate": 'Bearer realm="tracery"'}
        return problem(
            exc.status,
            exc.code,
            exc.title,
            exc.detail,
            request.url.path,
            exc.errors,
            _json_safe(exc.extra),
            headers=headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = []
        for err in exc.errors():
            loc = [str(p) for p in err.get("loc", ())]
            if err.get("type") == "json_invalid":
                ctx = err.get("ctx", {}) or {}
                where = ctx.get("error", "")
                return problem(
                    400,
                    "malformed_json",
                    "The request body is not valid JSON",
                    f"The body could not be parsed as JSON ({where}). "
                    "Check quotes, commas and brackets.",
                    request.url.path,
                    [
                        ErrorDetail(
                            "/",
                            f"JSON syntax error at character {loc[-1] if len(loc) > 1 else '?'}",
                            "malformed_json",
                        )
                    ],
                )
            source, path = (loc[0], loc[1:]) if loc else ("body", [])
            if source == "body":
                pointer = "/" + "/".join(path)
            else:
                pointer = f"/{source}/" + "/".join(path)
            errors.append(
                ErrorDetail(
                    pointer, err.get("msg", "is not valid"), str(err.get("type", "invalid"))
                )
            )
        return problem(
            422,
            "request_invalid",
            "The request is not valid",
            f"The request has {len(errors)} problem(s).",
            request.url.path,
            errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "Not found", 405: "Method not allowed", 413: "Request too large"}
        code = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
            exc.status_code, "http_error"
        )
        detail = exc.detail if isinstance(exc.detail, str) else "The request could not be handled."
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"There is nothing at {request.url.path}."
        return problem(
            exc.status_code,
            code,
            titles.get(exc.status_code, "Request failed"),
            detail,
            request.url.path,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(
            500,
            "internal_error",
            "Something went wrong on the server",
            "The error was logged; nothing was saved. Try again, or tell your administrator.",
            request.url.path,
        )

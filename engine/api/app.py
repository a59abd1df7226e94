"""The FastAPI application: routes under /api/v1, problem responses, OpenAPI, the UI at /."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from engine import __version__
from engine.api.openapi import OpenAPIBuilder
from engine.api.problems import install_problem_handlers
from engine.api.routes import (
    apps,
    audit,
    auth,
    files,
    forms,
    health,
    imports,
    records,
    roles,
    scan,
    users,
)
from engine.bootstrap import Container

API_PREFIX = "/api/v1"


def create_app(container: Container) -> FastAPI:
    """Build the HTTP application around an already bootstrapped container."""
    app = FastAPI(
        title="Tracery API",
        version=__version__,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.container = container
    install_problem_handlers(app)
    for module in (health, auth, users, apps, forms, roles, imports, records, audit, scan, files):
        app.include_router(module.router, prefix=API_PREFIX)
    app.openapi = OpenAPIBuilder(app)  # type: ignore[method-assign]
    _mount_ui(app, container.settings.ui_dist_dir)
    return app


def _mount_ui(app: FastAPI, dist: Path) -> None:
    index = dist / "index.html"
    if not index.is_file():

        @app.get("/", include_in_schema=False)
        def _no_ui() -> JSONResponse:
            return JSONResponse(
                {
                    "detail": "The designer UI is not built. Run `make run` (or `npm run build` "
                    "in designer_ui/). The API is at /api/v1 and its docs at /docs."
                }
            )

        return
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    @app.get("/", include_in_schema=False)
    def _index() -> FileResponse:
        return FileResponse(index)

    @app.get("/favicon.svg", include_in_schema=False)
    def _favicon() -> FileResponse:
        return (
            FileResponse(dist / "favicon.svg")
            if (dist / "favicon.svg").is_file()
            else FileResponse(index)
        )

"""ASGI entry point for uvicorn and other servers: ``engine.api.asgi:app``."""

from engine.api.app import create_app
from engine.bootstrap import bootstrap

app = create_app(bootstrap())

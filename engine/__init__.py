"""Tracery: a metadata-driven no-code platform for forms, flows and lot traceability."""

__version__ = "0.1.0"

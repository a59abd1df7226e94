"""Errors of app bundle import and export."""

from __future__ import annotations

from engine.errors import InvalidInput


class BundleInvalid(InvalidInput):
    code = "bundle_invalid"
    title = "The app bundle is not valid"

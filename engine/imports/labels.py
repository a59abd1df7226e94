"""Labels in a locale, and the loose comparison spreadsheet headers and options need."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from engine.definitions.labels import localized

__all__ = ["LANGS", "all_texts", "check_lang", "localized", "normalize"]

LANGS = ("en", "zh-CN")
_IGNORED = re.compile(r"[\s_\-*:：]+")


def all_texts(label: Any) -> list[str]:
    """Every wording of a label, in any locale."""
    if isinstance(label, dict):
        return [str(v) for v in label.values() if v]
    return [str(label)] if label else []


def normalize(text: str) -> str:
    """Case-, width- and space-insensitive form: ``'Lot  Code *'`` and ``'lot_code'`` match."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).casefold())


def check_lang(lang: str | None) -> str:
    """A supported locale; anything else falls back to English."""
    return lang if lang in LANGS else "en"

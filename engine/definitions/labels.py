"""Labels are text or a locale map (``{"zh-CN": "批次", "en": "Lot"}``)."""

from __future__ import annotations

from typing import Any


def localized(label: Any, lang: str = "en") -> str:
    """A label in ``lang``, else English, else Chinese, else any wording it has."""
    if isinstance(label, dict):
        text = label.get(lang) or label.get("en") or label.get("zh-CN")
        return str(text or next((v for v in label.values() if v), ""))
    return "" if label is None else str(label)

"""Readable differences between two versions of a definition document."""

from __future__ import annotations

from typing import Any

# Lists whose entries carry one of these keys are matched by it, so that reordering or
# inserting a field shows as what it is rather than as every later field changing.
_IDENTITY_KEYS = ("id", "key")


def diff_documents(before: Any, after: Any) -> list[dict[str, Any]]:
    """Changes from ``before`` to ``after`` as ``{"op", "path", "before", "after"}`` items.

    ``op`` is ``added``, ``removed``, ``changed`` or ``moved``; paths name list entries by
    their id where they have one (``/fields/quantity/label``).
    """
    changes: list[dict[str, Any]] = []
    _diff(before, after, "", changes)
    return changes


def _identity(before: list[Any], after: list[Any]) -> str | None:
    """The key that identifies entries of both lists uniquely, if there is one."""
    for key in _IDENTITY_KEYS:
        if all(_unique_by(items, key) for items in (before, after)):
            return key
    return None


def _unique_by(items: list[Any], key: str) -> bool:
    if not all(isinstance(i, dict) and isinstance(i.get(key), str) for i in items):
        return False
    values = [i[key] for i in items]
    return len(set(values)) == len(values)


def _diff(before: Any, after: Any, path: str, out: list[dict[str, Any]]) -> None:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in before:
            if key not in after:
                out.append({"op": "removed", "path": f"{path}/{key}", "before": before[key]})
        for key in after:
            if key not in before:
                out.append({"op": "added", "path": f"{path}/{key}", "after": after[key]})
            else:
                _diff(before[key], after[key], f"{path}/{key}", out)
        return
    if isinstance(before, list) and isinstance(after, list):
        key = _identity(before, after) if (before or after) else None
        if key is not None:
            old = {i[key]: i for i in before}
            new = {i[key]: i for i in after}
            for ident, item in old.items():
                if ident not in new:
                    out.append({"op": "removed", "path": f"{path}/{ident}", "before": item})
            for ident, item in new.items():
                if ident not in old:
                    out.append({"op": "added", "path": f"{path}/{ident}", "after": item})
                else:
                    _diff(old[ident], item, f"{path}/{ident}", out)
            kept_old = [i for i in old if i in new]
            kept_new = [i for i in new if i in old]
            if kept_old != kept_new:
                out.append({"op": "moved", "path": path, "before": kept_old, "after": kept_new})
            return
    if before != after:
        out.append({"op": "changed", "path": path or "/", "before": before, "after": after})

"""Installs the preset app bundles of ``app_templates/`` once, on first start."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from engine.actor import Actor
from engine.bootstrap import Container
from engine.bundles.service import BundleService
from engine.storage.models import SettingRow

log = logging.getLogger("tracery.templates")
SETTING = "installed_templates"


def install_templates(container: Container, folder: Path | None = None) -> list[dict[str, Any]]:
    """Install every bundle in the templates folder that was never installed here.

    A template is installed once: an admin who deletes or changes the app later does not
    get it back on the next start.
    """
    folder = folder or container.settings.templates_dir
    if not folder.is_dir():
        return []
    with container.db.unit_of_work() as uow:
        row = uow.session.get(SettingRow, SETTING)
        installed: list[str] = list(row.value) if row else []
    results = []
    bundles = BundleService(container)
    for bundle in sorted(p for p in folder.iterdir() if (p / "app.json").is_file()):
        if bundle.name in installed:
            continue
        result = bundles.import_folder(bundle, Actor(user="system", client="template install"))
        results.append(result)
        installed.append(bundle.name)
        with container.db.unit_of_work() as uow:
            row = uow.session.get(SettingRow, SETTING)
            if row is None:
                uow.session.add(SettingRow(key=SETTING, value=installed))
            else:
                row.value = list(installed)
        log.info("installed app template %s: %s", bundle.name, result)
    return results

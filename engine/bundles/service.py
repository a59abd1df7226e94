"""Import and export of app bundles.

A bundle is a folder (or a zip of one)::

    app.json                 the app definition
    forms/<form key>.json    one form definition each (file name = form key)
    seed/<form key>.json     optional: a list of record data objects, loaded on first install

Import validates every document first and reports every problem (file and JSON pointer),
then saves and publishes everything in one unit of work: a bad bundle changes nothing.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from engine.actor import Actor
from engine.bundles.errors import BundleInvalid
from engine.definitions.errors import DefinitionInvalid
from engine.errors import ErrorDetail, TraceryError
from engine.records.query import RecordQuery
from engine.storage.database import UnitOfWork

if TYPE_CHECKING:
    from engine.bootstrap import Container

SEED_BATCH = 500
SYSTEM = Actor(user=None, client="bundle export", via="system")
KNOWN_FOLDERS = ("forms", "seed")


@dataclass
class BundleFiles:
    """The JSON documents of a bundle, by their path inside the bundle."""

    documents: dict[str, Any]

    def forms(self) -> dict[str, Any]:
        return {
            PurePosixPath(p).stem: doc
            for p, doc in sorted(self.documents.items())
            if p.startswith("forms/")
        }

    def seeds(self) -> dict[str, Any]:
        return {
            PurePosixPath(p).stem: doc
            for p, doc in sorted(self.documents.items())
            if p.startswith("seed/")
        }


class BundleService:
    MAX_ZIP_BYTES = 50 * 1024 * 1024
    MAX_UNPACKED_BYTES = 200 * 1024 * 1024
    MAX_FILES = 2000

    def __init__(self, container: Container) -> None:
        self.container = container

    # -- reading ---------------------------------------------------------------------------

    def read_folder(self, folder: Path) -> BundleFiles:
        if not (folder / "app.json").is_file():
            raise BundleInvalid(
                f"{folder} is not an app bundle: it has no app.json.",
                [ErrorDetail("app.json", "is missing", "missing")],
            )
        raw: dict[str, bytes] = {"app.json": (folder / "app.json").read_bytes()}
        for sub in KNOWN_FOLDERS:
            for path in sorted((folder / sub).glob("*.json")) if (folder / sub).is_dir() else []:
                raw[f"{sub}/{path.name}"] = path.read_bytes()
        return self._parse(raw)

    def read_zip(self, stream: IO[bytes]) -> BundleFiles:
        try:
            archive = zipfile.ZipFile(stream)
        except zipfile.BadZipFile:
            raise BundleInvalid(
                "The upload is not a zip file.",
                [ErrorDetail("/", "is not a zip archive", "not_zip")],
            ) from None
        entries = [i for i in archive.infolist() if not i.is_dir()]
        if len(entries) > self.MAX_FILES:
            raise BundleInvalid(f"The bundle has more than {self.MAX_FILES} files.", [])
        if sum(i.file_size for i in entries) > self.MAX_UNPACKED_BYTES:
            raise BundleInvalid("The bundle unpacks to more than 200 MiB.", [])
        names = [i.filename for i in entries]
        # A zip of the folder itself ("trace/app.json") is as good as one of its content.
        root = ""
        if "app.json" not in names:
            tops = {n.split("/", 1)[0] for n in names}
            if len(tops) == 1 and f"{next(iter(tops))}/app.json" in names:
                root = next(iter(tops)) + "/"
        raw: dict[str, bytes] = {}
        for info in entries:
            name = info.filename
            if not name.startswith(root):
                continue
            rel = PurePosixPath(name[len(root) :])
            if rel.is_absolute() or ".." in rel.parts:
                raise BundleInvalid(
                    f"Unsafe path in bundle: {name}",
                    [ErrorDetail(name, "unsafe path", "unsafe_path")],
                )
            if (
                rel.suffix != ".json"
                or (len(rel.parts) == 2 and rel.parts[0] not in KNOWN_FOLDERS)
                or len(rel.parts) > 2
            ):
                continue  # README files, images for later kinds, ...: not ours to read yet
            raw[str(rel)] = archive.read(info)
        if "app.json" not in raw:
            raise BundleInvalid(
                "The bundle has no app.json.", [ErrorDetail("app.json", "is missing", "missing")]
            )
        return self._parse(raw)

    def _parse(self, raw: dict[str, bytes]) -> BundleFiles:
        documents: dict[str, Any] = {}
        errors: list[ErrorDetail] = []
        for path, content in raw.items():
            try:
                documents[path] = json.loads(content.decode("utf-8"))
            except UnicodeDecodeError:
                errors.append(ErrorDetail(path, "is not UTF-8 text", "encoding"))
            except json.JSONDecodeError as exc:
                errors.append(
                    ErrorDetail(
                        path,
                        f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                        "malformed_json",
                    )
                )
        if errors:
            raise BundleInvalid(f"{len(errors)} file(s) of the bundle cannot be read.", errors)
        return BundleFiles(documents)

    # -- import ------------------------------------------------------------------------------

    def import_folder(self, folder: Path, actor: Actor) -> dict[str, Any]:
        return self.install(self.read_folder(folder), actor)

    def import_zip(self, stream: IO[bytes], actor: Actor) -> dict[str, Any]:
        return self.install(self.read_zip(stream), actor)

    def install(self, bundle: BundleFiles, actor: Actor, load_seed: bool = True) -> dict[str, Any]:
        """Create or update the app, save and publish its forms, seed new forms' data."""
        definitions = self.container.definitions
        app_doc = bundle.documents["app.json"]
        forms = bundle.forms()
        seeds = bundle.seeds()
        errors: list[ErrorDetail] = []
        # Validate everything first so that the admin sees every problem at once.
        try:
            definitions.validate("app", app_doc)
        except DefinitionInvalid as exc:
            errors += [ErrorDetail(f"app.json#{e.pointer}", e.message, e.code) for e in exc.errors]
        for key, doc in forms.items():
            try:
                _, spec = definitions.validate("form", doc)
                if getattr(spec, "key", key) != key:
                    errors.append(
                        ErrorDetail(
                            f"forms/{key}.json#/key",
                            f"is '{getattr(spec, 'key', '')}' but the file is named {key}.json",
                            "key_mismatch",
                        )
                    )
            except DefinitionInvalid as exc:
                errors += [
                    ErrorDetail(f"forms/{key}.json#{e.pointer}", e.message, e.code)
                    for e in exc.errors
                ]
        for key, rows in seeds.items():
            if key not in forms:
                errors.append(
                    ErrorDetail(
                        f"seed/{key}.json",
                        f"there is no form '{key}' in the bundle",
                        "unknown_form",
                    )
                )
            elif not isinstance(rows, list):
                errors.append(
                    ErrorDetail(f"seed/{key}.json", "must be a list of record data objects", "type")
                )
        if errors:
            raise BundleInvalid(
                f"The bundle has {len(errors)} problem(s); nothing was imported.", errors
            )

        app_key = app_doc["key"]
        result: dict[str, Any] = {"app": app_key, "created": False, "forms": [], "seeded": {}}
        db = self.container.db
        with db.unit_of_work() as uow:
            try:
                definitions.app_row(uow, app_key)
                definitions.update_app(uow, app_key, app_doc, actor)
            except TraceryError as exc:
                if exc.status != 404:
                    raise
                definitions.create_app(uow, app_doc, actor)
                result["created"] = True
            new_forms: list[str] = []
            # Save every form first, so that relations between them resolve at publish.
            saved = {
                key: definitions.save(uow, app_key, "form", key, doc, actor, comment="imported")
                for key, doc in forms.items()
            }
            for key in forms:
                row = definitions.definition_row(uow, app_key, "form", key)
                version = saved[key]["version"]
                if row.published_version is None:
                    new_forms.append(key)
                changes: list[Any] = []
                if row.published_version != version:
                    changes = definitions.publish(
                        uow, app_key, "form", key, actor, version=version
                    )["changes"]
                result["forms"].append({"key": key, "version": version, "changes": changes})
            if load_seed:
                for key in new_forms:
                    if key in seeds:
                        result["seeded"][key] = self._seed(uow, app_key, key, seeds[key], actor)
        return result

    def _seed(
        self, uow: UnitOfWork, app_key: str, form_key: str, rows: list[Any], actor: Actor
    ) -> int:
        records = self.container.records
        for start in range(0, len(rows), SEED_BATCH):
            batch = rows[start : start + SEED_BATCH]
            try:
                records.bulk_create(uow, app_key, form_key, batch, actor)
            except TraceryError as exc:
                raise BundleInvalid(
                    f"The seed data of form '{form_key}' is not valid; nothing was imported.",
                    [
                        ErrorDetail(
                            f"seed/{form_key}.json#/{(e.row or 0) + start}"
                            + e.pointer.split("/data", 1)[-1],
                            e.message,
                            e.code,
                            e.field,
                            (e.row or 0) + start,
                        )
                        for e in exc.errors
                    ],
                ) from exc
        return len(rows)

    # -- export ------------------------------------------------------------------------------

    def export_documents(
        self, uow: UnitOfWork, app_key: str, with_data: bool = False
    ) -> dict[str, Any]:
        definitions = self.container.definitions
        app = definitions.get_app(uow, app_key)
        documents: dict[str, Any] = {"app.json": app["document"]}
        for form in app["forms"]:
            version = form["published_version"] or form["latest_version"]
            view = definitions.get(uow, app_key, "form", form["key"], version)
            documents[f"forms/{form['key']}.json"] = view["document"]
            if with_data and form["published_version"]:
                documents[f"seed/{form['key']}.json"] = self._all_data(uow, app_key, form["key"])
        return documents

    def _all_data(self, uow: UnitOfWork, app_key: str, form_key: str) -> list[Any]:
        records = self.container.records.iter_records(uow, app_key, form_key, RecordQuery(), SYSTEM)
        return [item["data"] for item in records]

    def export_folder(self, app_key: str, folder: Path, with_data: bool = False) -> list[Path]:
        with self.container.db.unit_of_work(read_only=True) as uow:
            documents = self.export_documents(uow, app_key, with_data)
        written = []
        for rel, doc in documents.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump_json(doc), encoding="utf-8")
            written.append(path)
        return written

    def export_zip(self, uow: UnitOfWork, app_key: str, with_data: bool = False) -> bytes:
        import io

        documents = self.export_documents(uow, app_key, with_data)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for rel, doc in documents.items():
                archive.writestr(f"{app_key}/{rel}", dump_json(doc))
        return buffer.getvalue()


def dump_json(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

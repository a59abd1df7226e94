"""Uploads with type and size limits, image checks and thumbnails; downloads by id."""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from PIL import Image, UnidentifiedImageError

from engine.actor import Actor
from engine.errors import ErrorDetail, InvalidInput, NotFound
from engine.storage.database import UnitOfWork
from engine.storage.models import FileRow
from engine.storage.types import utcnow

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
THUMBNAIL_SIZE = (320, 320)
# Deny by default: only these kinds are kept, recognised by name and checked by content.
ALLOWED_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_MAGIC = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
    "application/pdf": (b"%PDF-",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b"PK\x03\x04",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
}


class FileRejected(InvalidInput):
    code = "file_rejected"
    title = "The file cannot be stored"


@dataclass
class FileStore:
    """Bytes on disk: ``<root>/<id[:2]>/<id>`` and ``<id>.thumb.jpg`` beside it."""

    root: Path

    def path(self, file_id: str, thumbnail: bool = False) -> Path:
        name = f"{file_id}.thumb.jpg" if thumbnail else file_id
        return self.root / file_id[:2] / name

    def write(self, file_id: str, content: bytes, thumbnail: bool = False) -> None:
        target = self.path(file_id, thumbnail)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_bytes(content)
        partial.replace(target)  # readers never see half a file


def file_view(row: FileRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "content_type": row.content_type,
        "size": row.size,
        "width": row.width,
        "height": row.height,
        "url": f"/api/v1/files/{row.id}",
        "thumbnail_url": f"/api/v1/files/{row.id}/thumbnail" if row.has_thumbnail else None,
    }


class FileService:
    def __init__(self, store: FileStore) -> None:
        self.store = store

    def upload(self, uow: UnitOfWork, name: str, content: bytes, actor: Actor) -> dict[str, Any]:
        """Check and store one file; answer its description (id, urls, size...)."""
        clean_name = PurePath(name.replace("\\", "/")).name.strip()[:255] or "file"
        suffix = PurePath(clean_name).suffix.lower()
        content_type = ALLOWED_TYPES.get(suffix)
        if content_type is None:
            kinds = ", ".join(sorted(ALLOWED_TYPES))
            raise FileRejected(
                f"Files of type '{suffix or 'unknown'}' are not accepted.",
                [ErrorDetail("/filename", f"use one of {kinds}", "file_type")],
            )
        if not content:
            raise FileRejected("The file is empty.", [ErrorDetail("/", "is empty", "empty")])
        if len(content) > MAX_UPLOAD_BYTES:
            raise FileRejected(
                f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MiB.",
                [ErrorDetail("/", "is too large", "too_large")],
            )
        magic = _MAGIC.get(content_type)
        if magic and not content.startswith(magic):
            raise FileRejected(
                f"'{clean_name}' is not really a {suffix} file.",
                [ErrorDetail("/", f"the content does not match {content_type}", "file_content")],
            )
        width = height = None
        thumbnail = None
        if content_type.startswith("image/"):
            width, height, thumbnail = _inspect_image(content, clean_name)
        file_id = uuid.uuid4().hex
        self.store.write(file_id, content)
        if thumbnail is not None:
            self.store.write(file_id, thumbnail, thumbnail=True)
        row = FileRow(
            id=file_id,
            name=clean_name,
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            width=width,
            height=height,
            has_thumbnail=thumbnail is not None,
            created_by=actor.user,
            created_at=utcnow(),
        )
        uow.session.add(row)
        uow.session.flush()
        return file_view(row)

    def get(self, uow: UnitOfWork, file_id: str) -> FileRow:
        row = uow.session.get(FileRow, file_id) if _looks_like_id(file_id) else None
        if row is None:
            raise NotFound(f"There is no file {file_id}.")
        return row


def _looks_like_id(file_id: str) -> bool:
    return len(file_id) == 32 and all(c in "0123456789abcdef" for c in file_id)


def _inspect_image(content: bytes, name: str) -> tuple[int, int, bytes]:
    """Size of a real image and a JPEG thumbnail of it; anything else is refused."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            preview = image.convert("RGBA") if image.mode in ("P", "LA") else image
            if preview.mode == "RGBA":
                flat = Image.new("RGB", preview.size, "white")
                flat.paste(preview, mask=preview.getchannel("A"))
                preview = flat
            preview = preview.convert("RGB")
            preview.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            preview.save(out, "JPEG", quality=80)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise FileRejected(
            f"'{name}' is not an image that can be opened.",
            [ErrorDetail("/", f"not a readable image ({type(exc).__name__})", "file_content")],
        ) from None
    return width, height, out.getvalue()

"""Uploads for attachment, image and signature fields: checked, stored, described, served."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from tests.factories import field, form_doc, publish_form

RECORDS = "/api/v1/apps/trace/forms/lot/records"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png(width: int = 800, height: int = 600, mode: str = "RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)).save(
        out, "PNG"
    )
    return out.getvalue()


def upload(client: Any, name: str, content: bytes) -> Any:
    return client.post(
        "/api/v1/files",
        params={"filename": name},
        content=content,
        headers={"Content-Type": "application/octet-stream"},
    )


def test_uploads_are_checked_and_images_get_thumbnails(client: Any) -> None:
    photo = upload(client, "crate.png", png())
    assert photo.status_code == 201, photo.text
    info = photo.json()
    assert (info["content_type"], info["width"], info["height"]) == ("image/png", 800, 600)
    thumb = client.get(info["thumbnail_url"])
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    assert max(Image.open(io.BytesIO(thumb.content)).size) == 320
    raw = client.get(info["url"])
    assert raw.content == png() and raw.headers["x-content-type-options"] == "nosniff"
    pdf = upload(client, "../../etc/cert.pdf", PDF).json()
    assert pdf["name"] == "cert.pdf" and pdf["thumbnail_url"] is None

    assert upload(client, "run.exe", b"MZ...").json()["errors"][0]["code"] == "file_type"
    fake = upload(client, "photo.jpg", b"not a jpeg at all")
    assert fake.status_code == 422 and fake.json()["errors"][0]["code"] == "file_content"
    broken = upload(client, "half.png", png()[:100])
    assert broken.json()["errors"][0]["code"] == "file_content"
    assert upload(client, "empty.pdf", b"").json()["errors"][0]["code"] == "empty"
    assert client.get("/api/v1/files/" + "0" * 32).status_code == 404
    assert client.get("/api/v1/files/../../etc/passwd").status_code == 404


def test_file_fields_validate_and_describe_uploads(client: Any) -> None:
    doc = form_doc(
        fields=[
            field("lot_code"),
            field("certificates", "attachment", accept=["application/pdf"], max_files=2),
            field("photos", "image", max_files=3),
            field("signed", "signature"),
        ]
    )
    publish_form(client, doc=doc)
    pdf = upload(client, "cert.pdf", PDF).json()
    photo = upload(client, "crate.png", png(40, 30)).json()
    signature = upload(client, "sign.png", png(300, 100, "RGB")).json()
    made = client.post(
        RECORDS,
        json={
            "data": {
                "lot_code": "L1",
                "certificates": [pdf["id"]],
                "photos": [photo["id"]],
                "signed": signature["id"],
            }
        },
    )
    assert made.status_code == 201, made.text
    data = made.json()["data"]
    assert data["certificates"] == [pdf]
    assert data["photos"][0]["thumbnail_url"] == photo["thumbnail_url"]
    assert data["signed"]["id"] == signature["id"]
    # What GET returns can be sent back unchanged.
    again = client.patch(
        f"{RECORDS}/{made.json()['id']}", json={"version": 1, "data": {"photos": data["photos"]}}
    )
    assert again.status_code == 200 and again.json()["version"] == 1  # nothing changed

    wrong = client.post(
        RECORDS,
        json={"data": {"certificates": [photo["id"]], "photos": [pdf["id"]], "signed": "f" * 32}},
    )
    assert wrong.status_code == 422
    assert {(e["field"], e["code"]) for e in wrong.json()["errors"]} == {
        ("certificates", "file_type"),
        ("photos", "file_type"),
        ("signed", "unknown_file"),
    }
    too_many = client.post(
        RECORDS,
        json={
            "data": {
                "certificates": [
                    pdf["id"],
                    upload(client, "b.pdf", PDF).json()["id"],
                    upload(client, "c.pdf", PDF).json()["id"],
                ]
            }
        },
    )
    assert too_many.json()["errors"][0]["code"] == "max_files"
    not_an_id = client.post(RECORDS, json={"data": {"photos": ["crate.png"]}})
    assert not_an_id.json()["errors"][0]["code"] == "type"

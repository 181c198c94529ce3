"""Media storage: the type detector, the upload size limit, and both storages' round trips."""

import urllib.request
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile

from {{ cookiecutter.project_slug }}.common.api.parsers import MULTIPART_OVERHEAD_BYTES
from {{ cookiecutter.project_slug }}.common.media.storage import SignedFileSystemStorage
from {{ cookiecutter.project_slug }}.common.media.uploads import detected_extension
from {{ cookiecutter.project_slug }}.common.tests.assertions import assert_problem

from .files import ELF, HTML, JPEG, PDF, PNG

ALLOWED = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
LIMIT = 1024


@pytest.mark.parametrize(
    ("content", "extension"),
    [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpg")],
    ids=["pdf", "png", "jpeg"],
)
def test_the_type_is_read_from_the_bytes(content, extension):
    upload = SimpleUploadedFile("whatever.exe", content, content_type="text/html")

    assert detected_extension(upload, allowed=ALLOWED) == extension
    assert upload.read() == content  # read from the start again by whoever stores it


@pytest.mark.parametrize(
    "content", [HTML, ELF, b"", b"plain text"], ids=["html", "elf", "empty", "text"]
)
def test_a_file_of_another_type_is_refused_whatever_its_name_and_content_type_say(content):
    upload = SimpleUploadedFile("receipt.pdf", content, content_type="application/pdf")

    with pytest.raises(ValidationError, match="not of an accepted type"):
        detected_extension(upload, allowed=ALLOWED)


def upload(client: Any, size: int) -> Any:
    return client.post(
        "/api/v1/upload/", {"file": SimpleUploadedFile("a.pdf", b"x" * size)}, format="multipart"
    )


@pytest.fixture
def upload_limit(settings):
    settings.MEDIA_UPLOAD_MAX_BYTES = LIMIT


@pytest.mark.urls("{{ cookiecutter.project_slug }}.common.tests.upload_urls")
def test_an_upload_at_the_limit_is_read(upload_limit, api_client):
    response = upload(api_client, LIMIT)

    assert response.status_code == 200
    assert response.json() == {"size": LIMIT}


@pytest.mark.parametrize(
    "size",
    [LIMIT + 1, LIMIT + MULTIPART_OVERHEAD_BYTES + 1],
    ids=["counted-while-read", "declared-length"],
)
@pytest.mark.urls("{{ cookiecutter.project_slug }}.common.tests.upload_urls")
def test_a_larger_upload_is_a_413_problem(upload_limit, api_client, size):
    response = upload(api_client, size)

    body = assert_problem(response, 413, code="payload-too-large")
    assert "larger" in body["detail"]


@pytest.mark.urls("{{ cookiecutter.project_slug }}.common.tests.upload_urls")
def test_a_malformed_multipart_body_is_a_400_problem(api_client):
    response = api_client.post("/api/v1/upload/", b"--x\r\n", content_type="multipart/form-data")

    assert_problem(response, 400, code="parse-error")


def test_the_tests_keep_local_disk_media_in_a_temporary_directory(settings, tmp_path_factory):
    assert isinstance(storages["default"], SignedFileSystemStorage)
    assert str(settings.MEDIA_ROOT).startswith(str(tmp_path_factory.getbasetemp()))
    assert default_storage.path("a.pdf") == str(settings.MEDIA_ROOT / "a.pdf")


def test_local_disk_media_round_trip_through_a_signed_url(client):
    storage = SignedFileSystemStorage()
    name = storage.save("tests/receipt.pdf", ContentFile(PDF))

    url = storage.url(name)
    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert name not in url  # the URL names a signed token, not a path to guess from


def test_an_expired_or_tampered_local_disk_url_is_a_404(client, settings):
    storage = SignedFileSystemStorage()
    url = storage.url(storage.save("tests/receipt.pdf", ContentFile(PDF)))

    assert client.get(url[:-2] + "xx").status_code == 404
    settings.MEDIA_URL_EXPIRY = -1  # any age is older than this
    assert client.get(url).status_code == 404


def test_a_signed_url_of_a_missing_file_is_a_404(client):
    storage = SignedFileSystemStorage()

    assert client.get(storage.url("tests/never-saved.pdf")).status_code == 404
    with pytest.raises(ValueError, match="no name"):
        storage.url("")


def test_object_storage_round_trip_presigned_without_overwrites(object_storage, settings):
    first = default_storage.save("tests/receipt.pdf", ContentFile(PDF))
    second = default_storage.save("tests/receipt.pdf", ContentFile(PNG))

    assert first != second  # file_overwrite=False: a taken name gets a suffix
    assert object_storage.object_keys() == sorted([first, second])
    assert object_storage.read(first) == PDF
    url = default_storage.url(first)
    # Presigned for MEDIA_URL_EXPIRY seconds (moto checks neither signature nor expiry).
    assert f"X-Amz-Expires={settings.MEDIA_URL_EXPIRY}" in url
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
        assert response.read() == PDF


def test_local_disk_download_route_is_a_404_when_media_are_on_object_storage(
    object_storage, client
):
    url = SignedFileSystemStorage().url("tests/receipt.pdf")

    assert client.get(url).status_code == 404

"""Receipts: uploaded to the media storage under a name the server makes, read back through
short-lived URLs, by the entry's owner only. Against moto's S3 server and the local disk."""

import re
import urllib.request

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from {{ cookiecutter.project_slug }}.common.api.throttling import UserRateThrottle
from {{ cookiecutter.project_slug }}.common.tests.assertions import (
    assert_problem,
    field_error_codes,
)
from {{ cookiecutter.project_slug }}.common.tests.cache import clear_this_services_cache
from {{ cookiecutter.project_slug }}.common.tests.files import ELF, HTML, JPEG, PDF, PNG
from {{ cookiecutter.project_slug }}.ledger import services
from {{ cookiecutter.project_slug }}.ledger.models import Entry

from .endpoints import receipt_url
from .factories import EntryFactory

pytestmark = pytest.mark.django_db

# ledger/receipts/ + 32 hexadecimal digits (a UUID) + the detected type's extension.
STORED_NAME = re.compile(r"ledger/receipts/[0-9a-f]{32}\.(pdf|png|jpg)")


def upload(client, entry, content, name="receipt.pdf", content_type="application/pdf"):
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(receipt_url(entry), {"file": file}, format="multipart")


@pytest.fixture
def entry(user):
    return EntryFactory(account__owner=user)


def test_a_receipt_is_stored_under_a_server_made_name_and_read_back(
    auth_client, entry, object_storage, settings
):
    response = upload(auth_client, entry, PDF, name="my scan.pdf")

    assert response.status_code == 200, response.content
    assert response.json()["has_receipt"] is True
    [key] = object_storage.object_keys()
    assert STORED_NAME.fullmatch(key)
    assert key.endswith(".pdf")
    assert object_storage.read(key) == PDF
    download = auth_client.get(receipt_url(entry))
    assert download.status_code == 200
    body = download.json()
    assert set(body) == {"url", "expires_in"}
    assert body["expires_in"] == settings.MEDIA_URL_EXPIRY
    with urllib.request.urlopen(body["url"], timeout=5) as fetched:  # noqa: S310
        assert fetched.read() == PDF


@pytest.mark.parametrize(
    ("content", "extension"), [(PNG, "png"), (JPEG, "jpg")], ids=["png", "jpeg"]
)
def test_the_stored_extension_is_the_detected_type_not_the_clients_name(
    auth_client, entry, object_storage, content, extension
):
    response = upload(auth_client, entry, content, name="receipt.pdf")

    assert response.status_code == 200, response.content
    [key] = object_storage.object_keys()
    assert key.endswith(f".{extension}")


@pytest.mark.parametrize(
    ("content", "name"),
    [(HTML, "receipt.pdf"), (ELF, "receipt.pdf"), (ELF, "receipt.exe")],
    ids=["html-named-pdf", "executable-named-pdf", "executable"],
)
def test_a_file_of_another_type_is_a_400_problem_and_nothing_is_stored(
    auth_client, entry, object_storage, content, name
):
    response = upload(auth_client, entry, content, name=name, content_type="application/pdf")

    body = assert_problem(response, 400, code="invalid")
    assert field_error_codes(body) == {"file": "invalid"}
    assert object_storage.object_keys() == []
    entry.refresh_from_db()
    assert not entry.receipt


def test_a_file_over_the_limit_is_a_413_problem_before_anything_is_stored(
    auth_client, entry, object_storage, settings
):
    settings.MEDIA_UPLOAD_MAX_BYTES = 1024

    response = upload(auth_client, entry, PDF + b"0" * 1024)

    assert_problem(response, 413, code="payload-too-large")
    assert object_storage.object_keys() == []


def test_the_service_refuses_a_file_over_the_limit_too(entry, object_storage, settings):
    settings.MEDIA_UPLOAD_MAX_BYTES = len(PDF) - 1

    with pytest.raises(ValidationError, match="larger than"):
        services.entry_attach_receipt(entry=entry, file=ContentFile(PDF, name="r.pdf"))
    assert object_storage.object_keys() == []


def test_the_stored_file_is_deleted_when_the_entry_is_gone_meanwhile(entry, object_storage):
    Entry.objects.filter(pk=entry.pk).delete()  # say, its account was deleted meanwhile

    with pytest.raises(ValidationError, match="No such entry"):
        services.entry_attach_receipt(entry=entry, file=ContentFile(PDF, name="r.pdf"))
    assert object_storage.object_keys() == []


def test_a_path_in_the_file_name_is_never_used(auth_client, entry, object_storage):
    response = upload(auth_client, entry, PDF, name="../../../etc/passwd.pdf")

    assert response.status_code == 200, response.content
    [key] = object_storage.object_keys()
    assert STORED_NAME.fullmatch(key)
    assert "passwd" not in key


def test_another_users_entry_answers_404_to_upload_and_download(auth_client, object_storage):
    theirs = EntryFactory()
    theirs.receipt.name = "ledger/receipts/theirs.pdf"
    theirs.save()

    assert_problem(upload(auth_client, theirs, PDF), 404)
    assert_problem(auth_client.get(receipt_url(theirs)), 404)
    assert object_storage.object_keys() == []


def test_an_entry_without_a_receipt_answers_404_to_download(auth_client, entry):
    assert_problem(auth_client.get(receipt_url(entry)), 404)


def test_a_receipt_needs_authentication(api_client, entry):
    assert_problem(upload(api_client, entry, PDF), 401)


@pytest.mark.parametrize(
    "payload",
    [{}, {"file": ""}],
    ids=["no-file", "empty-field"],
)
def test_an_upload_without_a_file_is_a_400_problem_naming_it(auth_client, entry, payload):
    response = auth_client.post(receipt_url(entry), payload, format="multipart")

    assert set(field_error_codes(assert_problem(response, 400))) == {"file"}


def test_the_receipt_endpoints_answer_429_past_the_user_rate(auth_client, entry, monkeypatch):
    # As every endpoint of the ledger does (test_apis_every_endpoint.py, JSON bodies only).
    clear_this_services_cache()
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "2/minute")

    assert upload(auth_client, entry, PDF).status_code == 200
    assert auth_client.get(receipt_url(entry)).status_code == 200
    assert_problem(upload(auth_client, entry, PDF), 429, code="throttled")
    assert_problem(auth_client.get(receipt_url(entry)), 429, code="throttled")


def test_the_receipt_endpoint_refuses_put_with_a_405_problem(auth_client, entry):
    assert_problem(auth_client.put(receipt_url(entry), {}), 405, code="method-not-allowed")


def test_a_json_body_is_a_415_problem(auth_client, entry):
    assert_problem(auth_client.post(receipt_url(entry), {"file": "x"}, format="json"), 415)


def test_replacing_a_receipt_deletes_the_old_object_after_the_commit(
    auth_client, entry, object_storage, django_capture_on_commit_callbacks
):
    upload(auth_client, entry, PDF)
    [first] = object_storage.object_keys()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(auth_client, entry, PNG)
        assert response.status_code == 200, response.content
        assert first in object_storage.object_keys()  # still there until the commit
    for callback in callbacks:
        callback()

    [second] = object_storage.object_keys()
    assert second != first
    assert second.endswith(".png")


def test_receipts_on_the_local_disk_are_read_back_through_a_signed_url(
    auth_client, entry, settings
):
    response = upload(auth_client, entry, JPEG)

    assert response.status_code == 200, response.content
    entry.refresh_from_db()
    assert STORED_NAME.fullmatch(entry.receipt.name)
    assert (settings.MEDIA_ROOT / entry.receipt.name).read_bytes() == JPEG
    body = auth_client.get(receipt_url(entry)).json()
    download = auth_client.get(body["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == JPEG

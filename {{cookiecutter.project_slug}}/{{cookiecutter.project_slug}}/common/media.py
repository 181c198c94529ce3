"""Media on the local disk (development, or one host): short-lived signed download URLs.

Object storage answers with presigned URLs that expire (MEDIA_URL_EXPIRY); on the local disk
this storage gives the same promise: url() signs the file's name with a timestamp, and
media_download serves the file only while the signature is valid. No route lists the files.
"""

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse

SIGNING_SALT = "{{ cookiecutter.project_slug }}.media"


class SignedFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose URLs are signed and expire like presigned object URLs."""

    def url(self, name: str | None) -> str:
        if not name:
            raise ValueError("This file has no name.")
        token = signing.TimestampSigner(salt=SIGNING_SALT).sign_object(name)
        return reverse("media-download", kwargs={"token": token})


def media_download(request: HttpRequest, token: str) -> FileResponse:
    """Serve a file of the local-disk storage to whoever holds an unexpired signed URL."""
    storage = storages["default"]
    if not isinstance(storage, SignedFileSystemStorage):
        raise Http404  # object storage serves its own files
    try:
        name: Any = signing.TimestampSigner(salt=SIGNING_SALT).unsign_object(
            token, max_age=settings.MEDIA_URL_EXPIRY
        )
    except signing.BadSignature as error:  # tampered with, or expired
        raise Http404 from error
    if not isinstance(name, str) or not storage.exists(name):
        raise Http404
    return FileResponse(storage.open(name), as_attachment=True)

"""The download route of local-disk media: a signed, expiring URL serves one file."""

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpRequest

from .storage import SIGNING_SALT, SignedFileSystemStorage


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

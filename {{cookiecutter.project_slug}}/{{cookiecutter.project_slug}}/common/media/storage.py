"""Media on the local disk (development, or one host): short-lived signed download URLs.

Object storage answers with presigned URLs that expire (MEDIA_URL_EXPIRY); on the local disk
this storage gives the same promise: url() signs the file's name with a timestamp, and
views.media_download serves the file only while the signature is valid. No route lists files.
"""

from django.core import signing
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

SIGNING_SALT = "{{ cookiecutter.project_slug }}.media"


class SignedFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose URLs are signed and expire like presigned object URLs."""

    def url(self, name: str | None) -> str:
        if not name:
            raise ValueError("This file has no name.")
        token = signing.TimestampSigner(salt=SIGNING_SALT).sign_object(name)
        return reverse("media-download", kwargs={"token": token})

"""Uploaded files: their type read from their bytes, never from what the client says."""

from typing import IO

import filetype
from django.core.exceptions import ValidationError

# What the type detector needs to see (filetype reads the first 261 bytes of a file).
HEAD_BYTES = 261


def detected_extension(file: IO[bytes], *, allowed: dict[str, str], field: str = "file") -> str:
    """The extension of the file's type, detected from its first bytes, if `allowed` has it.

    `allowed` maps a MIME type to the extension stored names get ({"image/png": "png"}). The
    client's file name and Content-Type are ignored: an HTML page named receipt.pdf and sent as
    application/pdf is not a PDF. Anything else is a ValidationError on `field`.
    """
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        accepted = ", ".join(sorted(allowed))
        raise ValidationError({field: f"The file is not of an accepted type ({accepted})."})
    return allowed[kind.mime]

"""Request ids: keep a caller's X-Request-ID only if it is safe, and return the id in use.

django-structlog binds the caller's X-Request-ID (DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID)
or a new UUID to every log line of the request. A caller's id is kept only if it matches
SAFE_REQUEST_ID; any other (too long, markup, control or non-ASCII characters) is replaced by
a new UUID before the first log line, so it is never logged nor echoed. This is the one place
the rule lives.
"""

import re
import uuid
from typing import Any

import structlog
from django.dispatch import receiver
from django_structlog import signals

# Short, and only characters that are safe in a header, a log line and a URL.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def is_safe_request_id(request_id: str) -> bool:
    return SAFE_REQUEST_ID.fullmatch(request_id) is not None


@receiver(signals.bind_extra_request_metadata)
def replace_unsafe_request_id(sender: Any, request: Any, **kwargs: Any) -> None:
    """Sent by django-structlog after it binds the id and before its first log line."""
    request_id = structlog.contextvars.get_contextvars().get("request_id", "")
    if not is_safe_request_id(request_id):
        structlog.contextvars.bind_contextvars(request_id=str(uuid.uuid4()))


@receiver(signals.bind_extra_request_finished_metadata)
def add_request_id_header(sender: Any, request: Any, response: Any, **kwargs: Any) -> None:
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    if request_id:
        response["X-Request-ID"] = request_id

"""Give the caller the request id its log lines carry, in an X-Request-ID response header."""

from typing import Any

import structlog
from django.dispatch import receiver
from django_structlog import signals


@receiver(signals.bind_extra_request_finished_metadata)
def add_request_id_header(sender: Any, request: Any, response: Any, **kwargs: Any) -> None:
    request_id = structlog.contextvars.get_contextvars().get("request_id")
    if request_id:
        response["X-Request-ID"] = request_id

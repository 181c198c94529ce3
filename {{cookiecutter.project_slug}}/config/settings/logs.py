"""Logging: one structured line per event (structlog; the formats are in config/log_format.py)."""

from typing import Any

from config.env import env
from config.log_format import FORMATTERS, configure_structlog

# DJANGO_LOG_FORMAT: "json" or "console".
LOG_FORMAT = env("DJANGO_LOG_FORMAT", default="json")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": FORMATTERS,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Django's own handlers would print each django.* line (a 4xx, the autoreloader) a second
    # time while DEBUG is on; its lines reach the root handler alone, in the format above.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}
configure_structlog()
# Accept the id a load balancer or caller sends as X-Request-ID, so one id follows a request
# across services, if it matches [A-Za-z0-9._:-]{1,64} (common/observability/request_ids.py); without one,
# or with any other, a new id is made. It is returned in the X-Request-ID header.
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True

"""gunicorn's settings, read from the environment:

    gunicorn --config config/gunicorn.py config.wsgi

One image serves every deployment; size and time its web processes with these variables.
"""

import multiprocessing
import os
from pathlib import Path
{%- if cookiecutter.use_prometheus == "yes" or cookiecutter.use_opentelemetry == "yes" %}
from typing import Any
{%- endif %}

from config.log_format import FORMATTERS

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Processes; each serves `threads` requests at once (above 1, the gthread worker).
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "gthread" if threads > 1 else "sync"
# A request running longer than this gets its worker killed and restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# On SIGTERM (a deploy, a scale-in) workers finish the requests in flight for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Workers are replaced after this many requests (with jitter), so a slow leak never grows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 100))
# Addresses whose X-Forwarded-* headers are trusted: the load balancer's.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory, where a container's disk may be slow or read-only (gunicorn's
# documented choice; the directory is the kernel's shared memory, not a world-writable /tmp).
if Path("/dev/shm").is_dir():  # noqa: S108  # nosec B108
    worker_tmp_dir = "/dev/shm"  # noqa: S108  # nosec B108
# No runtime control socket: settings change by redeploying.
control_socket_disable = True

# The access log is the app's: django-structlog logs each request (request_finished) with its
# request id, status and duration, in the same format. gunicorn logs only its own events.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": FORMATTERS,
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("DJANGO_LOG_FORMAT", "json"),
        },
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": loglevel.upper(), "propagate": False},
    },
}
{%- if cookiecutter.use_prometheus == "yes" %}


def child_exit(server: object, worker: Any) -> None:
    """Drop a dead worker's gauges when metrics are shared across processes.

    With several workers, set PROMETHEUS_MULTIPROC_DIR to an empty folder (the image does) so
    /metrics adds up every process, not just the one that answers.
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        # prometheus_client leaves this function without annotations.
        multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]
{%- endif %}
{%- if cookiecutter.use_opentelemetry == "yes" %}


def post_fork(server: object, worker: Any) -> None:
    """Start tracing in each worker process, before it loads the app (config/tracing.py).

    After the fork, not in the master: the span exporter's thread would not survive it.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    from config.tracing import configure_tracing

    configure_tracing()
{%- endif %}

"""The Celery application, configured from the Django settings named CELERY_*.

Start a worker:  celery -A config worker --loglevel INFO
Servers default to the production settings; set DJANGO_SETTINGS_MODULE on a developer machine.
"""

import os
from typing import Any

from celery import Celery
from celery.contrib.django.task import DjangoTask
from celery.signals import setup_logging{% if cookiecutter.use_opentelemetry == "yes" %}, worker_process_init{% endif %}
from django.db import transaction
from django_structlog.celery.steps import DjangoStructLogInitStep

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")


class Task(DjangoTask):
    """The base of every task in the project."""

    # A task whose worker process died is sent again after this many seconds (Celery's
    # task_retry_on_worker_lost); the default of 180 suits backoff, not crash recovery. Keep it
    # at most TASK_RETRY_BACKOFF_MAX: no countdown may exceed it (see settings/celery.py).
    default_retry_delay = 2

    def delay_on_commit(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        """Send the task once the current transaction commits; never if it rolls back.

        (celery-types declares an AsyncResult return; Celery's own method returns None.)

        robust=True: if the broker is down after the commit, the committed data stays, the
        request still succeeds, and the error is logged; the row the task would have handled
        stays in its pending state for a sweeper task to pick up (see .project-rules).
        """

        def send() -> None:  # a named function: Django's robust error log reads __qualname__
            self.delay(*args, **kwargs)

        transaction.on_commit(send, robust=True)


app = Celery("{{ cookiecutter.project_slug }}", task_cls=Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
# Task log lines carry the request id of the request that enqueued them, and the task id.
app.steps["worker"].add(DjangoStructLogInitStep)
app.autodiscover_tasks()


@setup_logging.connect
def keep_django_logging(**kwargs: Any) -> None:
    """Connected, so the worker keeps the logging Django configured (settings.LOGGING)."""
{%- if cookiecutter.use_opentelemetry == "yes" %}


@worker_process_init.connect
def start_tracing(**kwargs: Any) -> None:
    """Each pool process traces its tasks (config/tracing.py); a no-op without an endpoint."""
    from config.tracing import configure_tracing

    configure_tracing()
{%- endif %}

"""How services start background work without importing the tasks that do it.

Tasks call services; if services imported tasks back, the two would import each other. So a
service enqueues a task by its registered name (kept in the app's task_names.py, which
tasks.py registers under) and never imports tasks.py; import-linter's layers enforce it.
"""

from collections.abc import Callable
from functools import cache
from typing import Any, ParamSpec, TypeVar, cast

from celery import Task, current_app, shared_task
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.db import InterfaceError, OperationalError

P = ParamSpec("P")
R = TypeVar("R")

# Lost connections, deadlocks and lock wait timeouts pass: worth a retry.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


def task(name: str) -> Callable[[Callable[P, R]], Task[P, R]]:
    """Register a task under an explicit name, with the project's retry policy.

    Transient database errors are retried with growing, jittered delays (about 1 s, 2 s, 4 s...,
    at most settings.TASK_RETRY_BACKOFF_MAX, 60 s by default), five times at most; any other
    error fails the task at once.
    """
    return shared_task(
        name=name,
        autoretry_for=TRANSIENT_ERRORS,
        retry_backoff=True,
        retry_backoff_max=settings.TASK_RETRY_BACKOFF_MAX,
        retry_jitter=True,
        max_retries=5,
    )


@cache
def import_task_modules() -> None:
    """Register every app's tasks in this process, as a worker does when it starts.

    Celery discovers the tasks modules lazily; a web process that enqueues by name would
    otherwise find no task of that name until something imported its module.
    """
    current_app.loader.import_default_modules()


def enqueue_on_commit(task_name: str, **kwargs: Any) -> None:
    """Send the task named `task_name` with `kwargs` once the current transaction commits.

    Nothing is sent if the transaction rolls back. Pass ids and plain values, never objects:
    the message is JSON, and the row may change before the task runs.
    """
    import_task_modules()
    # Every task of the app is a DjangoTask (config/celery.py), so it has delay_on_commit.
    cast(DjangoTask, current_app.tasks[task_name]).delay_on_commit(**kwargs)

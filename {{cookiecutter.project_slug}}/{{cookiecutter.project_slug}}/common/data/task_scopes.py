"""Each Celery task runs in a replica routing scope of its own (see common/data/replicas.py).

Every worker imports this module when it starts (CELERY_IMPORTS in config/settings/celery.py),
so the scope is there from its first task on.
"""

from contextlib import ExitStack
from typing import Any

from celery.signals import task_postrun, task_prerun

from {{ cookiecutter.project_slug }}.common.data.replicas import routing_scope

# The scope of each running task, opened and closed around it in the worker.
_task_scopes: dict[str, ExitStack] = {}


@task_prerun.connect
def open_task_scope(task_id: str, **kwargs: Any) -> None:
    scope = ExitStack()
    scope.enter_context(routing_scope())
    _task_scopes[task_id] = scope


@task_postrun.connect
def close_task_scope(task_id: str, **kwargs: Any) -> None:
    scope = _task_scopes.pop(task_id, None)
    if scope is not None:
        scope.close()

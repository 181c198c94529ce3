"""How services start background work without importing the tasks that do it.

Tasks call services; if services imported tasks back, the two would import each other. So a
service enqueues a task by its registered name (kept in the app's task_names.py, which
tasks.py registers under) and never imports tasks.py; import-linter's layers enforce it.
"""

from typing import Any

from celery import current_app


def enqueue_on_commit(task_name: str, **kwargs: Any) -> None:
    """Send the task named `task_name` with `kwargs` once the current transaction commits.

    Nothing is sent if the transaction rolls back. Pass ids and plain values, never objects:
    the message is JSON, and the row may change before the task runs.
    """
    current_app.tasks[task_name].delay_on_commit(**kwargs)

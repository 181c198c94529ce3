"""Background tasks of the ledger: thin entry points that call services.

Each task has an explicit name (task_names.py), takes ids, retries transient database errors
(common.background.task), and is safe to run twice: Celery delivers at least once (acks_late),
so a crash or a redelivery may run a task again.
"""

import structlog

from {{ cookiecutter.project_slug }}.common.background import task

from . import services, task_names

logger = structlog.get_logger(__name__)


@task(task_names.POST_ENTRY)
def post_entry(entry_id: int) -> None:
    """Post a pending entry to its account's balance; a second run changes nothing."""
    posted = services.entry_post(entry_id=entry_id)
    logger.info("entry_posted" if posted else "entry_post_skipped", entry_id=entry_id)


@task(task_names.POST_STALE_ENTRIES)
def post_stale_entries() -> None:
    """Enqueue entries left pending (their task was never sent, e.g. the broker was down)."""
    count = services.entry_requeue_stale()
    logger.info("stale_entries_requeued", count=count)


@task(task_names.RECONCILE_BALANCES)
def reconcile_balances() -> None:
    """Recompute every balance from its posted entries and correct any drift."""
    corrected = services.account_reconcile_balances()
    logger.info("balances_reconciled", corrected=corrected)

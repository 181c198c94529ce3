"""Background tasks of the ledger: thin entry points that call services.

Each task has an explicit name (task_names.py), takes ids, and is safe to run twice: Celery
delivers at least once (acks_late), so a crash or a redelivery may run a task again.
"""

import structlog
from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services, task_names

logger = structlog.get_logger(__name__)

# Lost connections, deadlocks and lock wait timeouts pass; retry them with growing, jittered
# delays (1 s, 2 s, 4 s... at most 60 s), five times at most.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
RETRY_POLICY = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name=task_names.POST_ENTRY, **RETRY_POLICY)
def post_entry(entry_id: int) -> None:
    """Post a pending entry to its account's balance; a second run changes nothing."""
    posted = services.entry_post(entry_id=entry_id)
    logger.info("entry_posted" if posted else "entry_post_skipped", entry_id=entry_id)


@shared_task(name=task_names.POST_STALE_ENTRIES, **RETRY_POLICY)
def post_stale_entries() -> None:
    """Enqueue entries left pending (their task was never sent, e.g. the broker was down)."""
    count = services.entry_requeue_stale()
    logger.info("stale_entries_requeued", count=count)


@shared_task(name=task_names.RECONCILE_BALANCES, **RETRY_POLICY)
def reconcile_balances() -> None:
    """Recompute every balance from its posted entries and correct any drift."""
    corrected = services.account_reconcile_balances()
    logger.info("balances_reconciled", corrected=corrected)

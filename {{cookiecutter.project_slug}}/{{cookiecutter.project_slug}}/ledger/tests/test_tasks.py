"""The ledger's tasks, run in-process: their logic, and when services send them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from {{ cookiecutter.project_slug }}.common.background import TRANSIENT_ERRORS
from {{ cookiecutter.project_slug }}.ledger import services, tasks
from {{ cookiecutter.project_slug }}.ledger.models import Account, Entry

from .factories import AccountFactory, EntryFactory

pytestmark = pytest.mark.django_db


def create_entry(account: Account, amount: str = "10.00") -> Entry:
    return services.entry_create(
        owner=account.owner,
        account=account,
        amount=Decimal(amount),
        occurred_on=timezone.localdate(),
    )


def test_post_entry_posts_once_however_often_it_runs():
    entry = EntryFactory(amount=Decimal("8.00"))

    tasks.post_entry(entry.pk)
    tasks.post_entry(entry.pk)

    entry.refresh_from_db()
    entry.account.refresh_from_db()
    assert entry.status == Entry.Status.POSTED
    assert entry.account.balance == Decimal("8.00")


def test_creating_an_entry_sends_its_posting_task_only_after_the_commit(
    django_capture_on_commit_callbacks,
):
    account = AccountFactory()

    with django_capture_on_commit_callbacks() as callbacks:
        entry = create_entry(account)
        assert Entry.objects.get(pk=entry.pk).status == Entry.Status.PENDING

    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the task is sent (and, in tests, runs at once)
    assert Entry.objects.get(pk=entry.pk).status == Entry.Status.POSTED


def test_no_task_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    account = AccountFactory()

    def create_then_fail() -> None:
        with transaction.atomic():
            create_entry(account)
            raise RuntimeError("the request failed after the entry was created")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        create_then_fail()

    assert callbacks == []
    assert not Entry.objects.exists()


def test_entries_left_pending_too_long_are_sent_again_and_only_they(
    django_capture_on_commit_callbacks,
):
    stale = EntryFactory(created_at=timezone.now() - timedelta(minutes=10))
    fresh = EntryFactory()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.post_stale_entries()

    assert Entry.objects.get(pk=stale.pk).status == Entry.Status.POSTED
    assert Entry.objects.get(pk=fresh.pk).status == Entry.Status.PENDING


def test_reconcile_balances_task_corrects_drift():
    account = AccountFactory()
    Account.objects.filter(pk=account.pk).update(balance=Decimal("1.00"))

    tasks.reconcile_balances()

    account.refresh_from_db()
    assert account.balance == Decimal("0.00")


@pytest.mark.parametrize(
    "task", [tasks.post_entry, tasks.post_stale_entries, tasks.reconcile_balances]
)
def test_tasks_retry_transient_errors_with_backoff_jitter_and_a_limit(task):
    assert task.name.startswith("ledger.")
    assert set(task.autoretry_for) == set(TRANSIENT_ERRORS)
    assert task.retry_backoff is True
    assert task.retry_jitter is True
    assert task.max_retries == 5
    assert task.acks_late is True

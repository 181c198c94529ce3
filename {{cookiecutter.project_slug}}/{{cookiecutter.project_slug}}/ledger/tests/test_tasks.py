"""The ledger's tasks, run in-process: their logic, and when services send them."""

import os
import subprocess
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from {{ cookiecutter.project_slug }}.common.background import TRANSIENT_ERRORS
from {{ cookiecutter.project_slug }}.common.tests.worker import worker_database_url
from {{ cookiecutter.project_slug }}.ledger import services, tasks
from {{ cookiecutter.project_slug }}.ledger.models import Account, Entry

from .factories import AccountFactory, EntryFactory

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[3]


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


def test_a_rejected_entry_is_never_sent_again(django_capture_on_commit_callbacks):
    # Rejected: its posting could never succeed (see test_services.py); a terminal state.
    entry = EntryFactory(created_at=timezone.now() - timedelta(minutes=10))
    Entry.objects.filter(pk=entry.pk).update(status=Entry.Status.REJECTED)

    with django_capture_on_commit_callbacks() as sent:
        assert services.entry_requeue_stale(pending_for=timedelta(0)) == 0
    assert sent == []


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


{% if cookiecutter.celery_broker == "redis" -%}
UNREACHABLE_BROKER_URL = "redis://127.0.0.1:1/0"
{%- else -%}
UNREACHABLE_BROKER_URL = "amqp://guest:guest@127.0.0.1:1//"
{%- endif %}
# A request, in a process whose broker is unreachable: the service commits, sending fails.
CREATE_AN_ENTRY_WHILE_THE_BROKER_IS_DOWN = """
from celery import current_app
from django.utils import timezone
from {{ cookiecutter.project_slug }}.ledger import services
from {{ cookiecutter.project_slug }}.ledger.models import Account
current_app.conf.task_always_eager = False
account = Account.objects.get(pk={account_id})
services.entry_create(
    owner=account.owner, account=account, amount=12, occurred_on=timezone.localdate()
)
"""


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_after_the_commit_loses_nothing_and_the_sweeper_delivers_later(
    django_capture_on_commit_callbacks,
):
    account = AccountFactory()

    outage = subprocess.run(
        [
            *(sys.executable, "manage.py", "shell", "--command"),
            CREATE_AN_ENTRY_WHILE_THE_BROKER_IS_DOWN.format(account_id=account.pk),
        ],
        cwd=PROJECT_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": worker_database_url(),
            "CELERY_BROKER_URL": UNREACHABLE_BROKER_URL,
        },
        capture_output=True,
        text=True,
        check=False,
    )

    assert outage.returncode == 0, outage.stderr  # the request still succeeded
    assert "Error calling" in outage.stderr  # the failed send is logged
    [entry] = Entry.objects.filter(account=account)
    assert entry.status == Entry.Status.PENDING  # stored, waiting: nothing lost or half done
    # The broker is back: the sweeper task sends what stayed pending.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.entry_requeue_stale(pending_for=timedelta(0)) == 1
    entry.refresh_from_db()
    entry.account.refresh_from_db()
    assert entry.status == Entry.Status.POSTED
    assert entry.account.balance == Decimal("12.00")

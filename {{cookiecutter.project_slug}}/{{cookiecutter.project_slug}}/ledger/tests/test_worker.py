"""The ledger's tasks on a real worker and a real broker: delivery, retries, crashes."""

import uuid
from decimal import Decimal

import pytest

from {{ cookiecutter.project_slug }}.common.tests.worker import (
    row_locked,
    statements_waiting_on,
    wait_until,
)
from {{ cookiecutter.project_slug }}.ledger import task_names, tasks
from {{ cookiecutter.project_slug }}.ledger.models import Account, Entry

from .factories import AccountFactory, EntryFactory

pytestmark = pytest.mark.django_db(transaction=True)


def is_posted(entry: Entry) -> bool:
    return Entry.objects.get(pk=entry.pk).status == Entry.Status.POSTED


def balance_of(account: Account) -> Decimal:
    return Account.objects.get(pk=account.pk).balance


def test_an_entry_created_through_the_api_is_posted_by_the_worker(worker, auth_client, user):
    account = AccountFactory(owner=user)
    request_id = str(uuid.uuid4())

    response = auth_client.post(
        "/api/v1/entries/",
        {"account": account.pk, "amount": "42.00", "occurred_on": "2026-03-01"},
        HTTP_X_REQUEST_ID=request_id,
    )

    assert response.status_code == 201
    assert response["X-Request-ID"] == request_id
    entry = Entry.objects.get(pk=response.json()["id"])
    wait_until(lambda: is_posted(entry), message="the worker to post the entry")
    assert balance_of(account) == Decimal("42.00")
    # The task's log lines carry the id of the request that enqueued it.
    [posted_line] = wait_until(
        lambda: [
            line
            for line in worker.log().splitlines()
            if "entry_posted" in line and f"entry_id={entry.pk} " in line
        ],
        message="the task's log line",
    )
    assert f"request_id={request_id}" in posted_line


def test_a_lock_timeout_on_the_first_attempt_is_retried_until_the_entry_is_posted(worker):
    entry = EntryFactory(amount=Decimal("15.00"))

    with row_locked(entry.account):
        tasks.post_entry.delay(entry.pk)
        # The first attempt gives up on the lock (a transient OperationalError), rolls back
        # and is retried.
        wait_until(
            lambda: "Lock wait timeout exceeded" in worker.log(), message="the lock wait to fail"
        )
        assert not is_posted(entry)

    wait_until(lambda: is_posted(entry), message="the retry to post the entry")
    assert balance_of(entry.account) == Decimal("15.00")


def test_a_task_whose_process_is_killed_runs_again_and_applies_once(worker):
    entry = EntryFactory(amount=Decimal("25.00"))

    with row_locked(entry.account):
        tasks.post_entry.delay(entry.pk)
        # Mid-task: the entry is marked posted in the task's open transaction, and the
        # balance update waits on the lock.
        wait_until(lambda: statements_waiting_on(Account), message="the task to wait on the lock")
        worker.kill_process_running(task_names.POST_ENTRY)

    wait_until(lambda: is_posted(entry), message="the task to run again after the kill")
    assert balance_of(entry.account) == Decimal("25.00")
    assert "WorkerLostError" in worker.log()


def test_a_task_delivered_twice_applies_once(worker):
    entry = EntryFactory(amount=Decimal("5.00"))

    tasks.post_entry.delay(entry.pk)
    tasks.post_entry.delay(entry.pk)

    wait_until(lambda: is_posted(entry), message="the worker to post the entry")
    wait_until(
        lambda: "entry_post_skipped" in worker.log(), message="the second delivery to be handled"
    )
    assert balance_of(entry.account) == Decimal("5.00")

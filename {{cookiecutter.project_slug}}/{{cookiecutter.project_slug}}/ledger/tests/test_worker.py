"""Tasks on a real worker and a real broker: delivery, retries, crashes.

The last tests show each reliability setting of config/settings/celery.py at work with probe
tasks (common/tests/worker.py): each fails when that one setting is off.
"""

import os
import signal
import time
import uuid
from decimal import Decimal

import pytest
from celery import current_app

from {{ cookiecutter.project_slug }}.common.tests.worker import (
    probe,
    probe_attempts,
    probe_without_retry_on_worker_lost,
    release_probe,
    row_locked,
    started_worker,
    statements_waiting_on,
    wait_until,
)
from {{ cookiecutter.project_slug }}.ledger import tasks
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
    # Known before the task starts, so it is killed the moment the task is seen waiting: the
    # wait lasts the worker's 1 s lock timeout, too short to ask the worker what it runs.
    [pool_process] = worker.pool_pids()

    with row_locked(entry.account):
        tasks.post_entry.delay(entry.pk)
        # Mid-task: the entry is marked posted in the task's open transaction, and the
        # balance update waits on the lock.
        wait_until(lambda: statements_waiting_on(Account), message="the task to wait on the lock")
        os.kill(pool_process, signal.SIGKILL)  # as the OOM killer would

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


def first_attempt_running(key: str) -> int:
    """Wait for the probe's first attempt to start; return the pool process running it."""
    [attempt] = wait_until(lambda: probe_attempts(key), message="the probe to start")
    return attempt.pid


def test_a_task_whose_process_dies_is_retried(worker):
    # task_retry_on_worker_lost: the task is sent again as a retry (counted against
    # max_retries, after default_retry_delay), not redelivered as the same message.
    key = f"probe-{uuid.uuid4()}"
    probe.delay(key)

    os.kill(first_attempt_running(key), signal.SIGKILL)

    wait_until(lambda: len(probe_attempts(key)) == 2, message="the probe to run again")
    assert [attempt.retries for attempt in probe_attempts(key)] == [0, 1]


def test_a_task_whose_process_dies_is_redelivered_when_it_is_not_retried(worker):
    # task_reject_on_worker_lost with acks_late: the message goes back to the queue. It is the
    # path of a task that opts out of the retry, and the fallback when the retry cannot be sent.
    key = f"probe-{uuid.uuid4()}"
    probe_without_retry_on_worker_lost.delay(key)

    os.kill(first_attempt_running(key), signal.SIGKILL)

    wait_until(lambda: len(probe_attempts(key)) == 2, message="the probe to be redelivered")
    assert [attempt.retries for attempt in probe_attempts(key)] == [0, 0]


def test_a_busy_worker_leaves_the_next_task_on_the_broker_for_other_workers(worker):
    # worker_prefetch_multiplier 1 (with acks_late): a process takes one message at a time, so
    # the next waits on the broker, where an idle worker can take it, not behind a long task.
    running, waiting = f"probe-{uuid.uuid4()}", f"probe-{uuid.uuid4()}"
    probe.delay(running)
    probe.delay(waiting, hold=False)
    first_attempt_running(running)

    time.sleep(0.5)  # ample time for a worker that prefetches to take the next message
    assert worker.reserved() == []
    assert probe_attempts(waiting) == []

    release_probe(running)
    wait_until(lambda: probe_attempts(waiting), message="the next task to run")


def test_a_task_in_flight_on_a_whole_worker_killed_runs_again_within_the_bound(worker, tmp_path):
    # acks_late, and the broker's redelivery of unacknowledged messages:
{%- if cookiecutter.celery_broker == "redis" %}
    # Redis after the visibility timeout, found by a live worker's sweep; the killed worker
    # is made to leave the sweeps' lock behind, as it does when killed in the middle of one.
{%- else %}
    # RabbitMQ at once when the connection drops.
{%- endif %}
    queue, key = f"tests-whole-worker-{uuid.uuid4().hex[:8]}", f"probe-{uuid.uuid4()}"
{%- if cookiecutter.celery_broker == "redis" %}
    options = worker.conf()["broker_transport_options"]
    restore_lock_expiry = options["unacked_mutex_expire"]
    bound = (
        options["visibility_timeout"] + options["unacked_restore_interval"] + restore_lock_expiry
    )
{%- else %}
    bound = 0
{%- endif %}
    try:
        doomed_worker = started_worker(f"doomed-{os.getpid()}@localhost", tmp_path / "log", queue)
        with doomed_worker as doomed:
            probe.apply_async((key,), queue=queue)
            first_attempt_running(key)
            os.killpg(doomed.process.pid, signal.SIGKILL)  # the main process and its pool
{%- if cookiecutter.celery_broker == "redis" %}
        with current_app.connection_for_write() as connection:
            connection.default_channel.client.set(
                options.get("unacked_mutex_key", "unacked_mutex"), "killed", ex=restore_lock_expiry
            )
        current_app.control.add_consumer(queue, destination=[worker.hostname], reply=True)
{%- else %}
        # add_consumer declares the queue with its own defaults, not the settings': the same
        # topic exchange and quorum type as the queue declared when the task was sent.
        current_app.control.add_consumer(
            queue,
            exchange_type="topic",
            options={"queue_arguments": {"x-queue-type": "quorum"}},
            destination=[worker.hostname],
            reply=True,
        )
{%- endif %}

        # The bound, plus the time for a live worker to take the task and run it.
        wait_until(
            lambda: len(probe_attempts(key)) == 2,
            timeout=bound + 5,
            message=f"the task to run again within {bound} s (+5 s to run it)",
        )
    finally:
        current_app.control.cancel_consumer(queue, destination=[worker.hostname], reply=True)
        with current_app.connection_for_write() as connection:
            connection.default_channel.queue_delete(queue)
